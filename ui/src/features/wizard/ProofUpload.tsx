import { Alert, Button, Space, Spin, Typography } from "antd";
import { InboxOutlined, UploadOutlined } from "@ant-design/icons";
import { open as openDialog } from "@tauri-apps/plugin-dialog";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { useEffect, useRef, useState } from "react";
import type { ProofRef } from "../../bindings";
import { errorText } from "../../api/apiError";
import { useLang, useT } from "../../i18n/useT";
import { useUploadProof } from "../bindings/hooks";
import { ProofPreview } from "../proofs/ProofPreview";
import { ProofConsent, hasProofConsent, rememberProofConsent } from "./ProofConsent";

type Props = {
  enterpriseId: number;
  proof: ProofRef | null;
  onChange: (proof: ProofRef | null) => void;
  invalid: boolean;
};

/**
 * 在职证明/劳动合同: chosen in the OS dialog or dropped on the window; the core reads the file from its path
 * (nothing is sent over IPC but the path) and stores it encrypted (B-10).
 */
export function ProofUpload({ enterpriseId, proof, onChange, invalid }: Props) {
  const t = useT();
  const { lang } = useLang();
  const upload = useUploadProof();
  const [consentFor, setConsentFor] = useState<(() => void) | null>(null);
  const [dragging, setDragging] = useState(false);

  // Ask for consent once, before the first upload ever; then run what the user asked for.
  const withConsent = (action: () => void) => {
    if (hasProofConsent()) action();
    else setConsentFor(() => action);
  };

  const uploadPath = (path: string) => {
    upload.reset();
    upload.mutate({ enterprise_id: enterpriseId, path }, { onSuccess: onChange });
  };
  const uploadRef = useRef(uploadPath);
  uploadRef.current = uploadPath;
  const withConsentRef = useRef(withConsent);
  withConsentRef.current = withConsent;

  const pick = async () => {
    const path = await openDialog({
      multiple: false,
      directory: false,
      filters: [{ name: t("wizard.fileFilter"), extensions: ["pdf", "jpg", "jpeg", "png"] }],
    });
    if (typeof path === "string") uploadPath(path);
  };

  // Files dropped anywhere on the window while this step is shown.
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    try {
      getCurrentWebview()
        .onDragDropEvent((event) => {
          const p = event.payload;
          if (p.type === "enter" || p.type === "over") setDragging(true);
          else if (p.type === "leave") setDragging(false);
          else if (p.type === "drop") {
            setDragging(false);
            const path = p.paths[0];
            if (path) withConsentRef.current(() => uploadRef.current(path));
          }
        })
        .then((fn) => {
          if (cancelled) fn();
          else unlisten = fn;
        })
        .catch(() => undefined);
    } catch {
      // not inside a Tauri window: the file dialog still works
    }
    return () => {
      cancelled = true;
      unlisten?.();
    };
  }, []);

  const consent = (
    <ProofConsent
      open={consentFor !== null}
      onAgree={() => {
        rememberProofConsent();
        const action = consentFor;
        setConsentFor(null);
        action?.();
      }}
      onCancel={() => setConsentFor(null)}
    />
  );

  const failure = upload.isError ? (
    <Alert type="error" showIcon data-testid="proof-upload-error" title={errorText(upload.error, lang, t("common.error"))} />
  ) : null;

  if (proof && !upload.isPending) {
    return (
      <Space orientation="vertical" className="full-width">
        <div className="proof-uploaded">
          <ProofPreview proofId={proof.proof_id} mime={proof.mime} name={proof.name} size={proof.size} />
          <Button data-testid="wizard-repick" onClick={() => withConsent(() => void pick())}>
            {t("wizard.repick")}
          </Button>
        </div>
        {failure}
        {consent}
      </Space>
    );
  }

  return (
    <Space orientation="vertical" className="full-width">
      <div
        className={`drop-zone${dragging ? " drop-zone-active" : ""}${invalid ? " drop-zone-invalid" : ""}`}
        data-testid="wizard-drop-zone"
      >
        {upload.isPending ? (
          <Spin description={t("wizard.uploading")}>
            <div className="drop-zone-spin" />
          </Spin>
        ) : (
          <>
            <InboxOutlined className="drop-zone-icon" />
            <Button
              icon={<UploadOutlined />}
              data-testid="wizard-pick-file"
              onClick={() => withConsent(() => void pick())}
            >
              {t("wizard.pickFile")}
            </Button>
            <Typography.Text type="secondary">{dragging ? t("wizard.dropNow") : t("wizard.dropHint")}</Typography.Text>
          </>
        )}
      </div>
      {failure}
      {consent}
    </Space>
  );
}
