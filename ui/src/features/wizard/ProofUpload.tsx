import { Alert, Button, Space, Spin, Typography } from "antd";
import { InboxOutlined, UploadOutlined } from "@ant-design/icons";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { useEffect, useEffectEvent, useState } from "react";
import type { FileRef, ProofRef } from "../../api/commands.gen";
import { errorText } from "../../api/apiError";
import { onFileDropped } from "../../api/fileDrop";
import { pickOpenFile } from "../../api/files";
import { useErrorToast } from "../../api/useErrorToast";
import { useLang, useT } from "../../i18n/useT";
import { useUploadProof } from "../bindings/hooks";
import { ProofPreview } from "../proofs/ProofPreview";
import { ProofConsent, hasProofConsent, rememberProofConsent } from "./ProofConsent";
import "./wizard.css";

type Props = {
  enterpriseId: number;
  proof: ProofRef | null;
  onChange: (proof: ProofRef | null) => void;
  invalid: boolean;
};

/**
 * 在职证明/劳动合同: chosen in the native dialog the Rust side opens, or dropped on the window (the Rust side
 * grants the dropped file); the core reads the granted file (nothing is sent over IPC but the grant's token)
 * and stores it encrypted (B-10).
 */
export function ProofUpload({ enterpriseId, proof, onChange, invalid }: Props) {
  const t = useT();
  const { lang } = useLang();
  const upload = useUploadProof();
  const showError = useErrorToast();
  const [consentFor, setConsentFor] = useState<(() => void) | null>(null);
  const [dragging, setDragging] = useState(false);

  // Ask for consent once, before the first upload ever; then run what the user asked for.
  const withConsent = (action: () => void) => {
    if (hasProofConsent()) action();
    else setConsentFor(() => action);
  };

  const uploadFile = (file: FileRef) => {
    upload.reset();
    upload.mutate({ enterprise_id: enterpriseId, file: file.token }, { onSuccess: onChange });
  };
  // a file dropped on the window runs the current upload (the listener below is registered once)
  const onDropped = useEffectEvent((file: FileRef) => withConsent(() => uploadFile(file)));

  const pick = async () => {
    const file = await pickOpenFile([{ name: t("wizard.fileFilter"), extensions: ["pdf", "jpg", "jpeg", "png"] }]).catch(showError);
    if (file) uploadFile(file);
  };

  // Files dropped anywhere on the window while this step is shown: the webview only shows the drag, the Rust
  // side grants the dropped file and sends its FileRef.
  useEffect(() => {
    const unlisten: (() => void)[] = [];
    let cancelled = false;
    const keep = (fn: () => void) => {
      if (cancelled) fn();
      else unlisten.push(fn);
    };
    try {
      getCurrentWebview()
        .onDragDropEvent((event) => {
          const p = event.payload;
          if (p.type === "enter" || p.type === "over") setDragging(true);
          else setDragging(false);
        })
        .then(keep)
        .catch(() => undefined);
      onFileDropped((file) => onDropped(file))
        .then(keep)
        .catch(() => undefined);
    } catch {
      // not inside a Tauri window: the file dialog still works
    }
    return () => {
      cancelled = true;
      for (const fn of unlisten) fn();
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
