import { Button, Modal, Steps } from "antd";
import { useState } from "react";
import type { AccountLookup, BindingMode, BindingRow } from "../../api/commands.gen";
import { useLang, useT } from "../../i18n/useT";
import { useInvite, useLookupAccount } from "../bindings/hooks";
import { useStores } from "../stores/hooks";
import { validateIdNumber } from "./idcard";
import { IdentityStep, identityErrors, type Identity } from "./IdentityStep";
import { JobTitleStep } from "./JobTitleStep";
import { ModeLookup } from "./ModeLookup";
import { RightsStep } from "./RightsStep";
import { SignStep } from "./SignStep";
import { ErrorAlert } from "../../components/ErrorAlert";
import "./wizard.css";

type Props = {
  open: boolean;
  enterpriseId: number;
  enterpriseName: string;
  onClose: () => void;
  onSent: (row: BindingRow) => void;
};

/** 绑定员工 (B-9..B-12): mode and account first, then 确认员工信息 → 选择岗位 → 查看员工号权限 → 签署承诺书. */
export function BindWizard({ open, enterpriseId, enterpriseName, onClose, onSent }: Props) {
  const t = useT();
  return (
    <Modal
      open={open}
      title={t("wizard.title")}
      width={920}
      style={{ top: 24 }}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      className="wizard-modal"
    >
      <WizardBody enterpriseId={enterpriseId} enterpriseName={enterpriseName} onClose={onClose} onSent={onSent} />
    </Modal>
  );
}

type Phase = "lookup" | 0 | 1 | 2 | 3;

function WizardBody({ enterpriseId, enterpriseName, onClose, onSent }: Omit<Props, "open">) {
  const t = useT();
  const { lang } = useLang();
  const lookupAccount = useLookupAccount();
  const invite = useInvite();
  const stores = useStores(enterpriseId);

  const [phase, setPhase] = useState<Phase>("lookup");
  const [mode, setMode] = useState<BindingMode>("enterprise");
  const [xhsId, setXhsId] = useState("");
  const [xhsMissing, setXhsMissing] = useState(false);
  const [lookup, setLookup] = useState<AccountLookup | null>(null);
  const [identity, setIdentity] = useState<Identity>({ storeId: null, name: "", idNumber: "", proof: null });
  const [identityTried, setIdentityTried] = useState(false);
  const [jobTitle, setJobTitle] = useState<string | null>(null);
  const [titleTried, setTitleTried] = useState(false);
  const [agreed, setAgreed] = useState(false);

  const search = () => {
    const id = xhsId.trim();
    setXhsMissing(id === "");
    if (!id) return;
    setLookup(null);
    lookupAccount.mutate({ enterprise_id: enterpriseId, xhs_id: id }, { onSuccess: setLookup });
  };
  const modeOption = lookup?.modes.find((m) => m.mode === mode);
  const canApply = !!modeOption?.allowed;

  const next = () => {
    if (phase === 0) {
      setIdentityTried(true);
      if (Object.keys(identityErrors(identity, t, lang)).length > 0) return;
      setPhase(1);
    } else if (phase === 1) {
      setTitleTried(true);
      if (!jobTitle) return;
      setPhase(2);
    } else if (phase === 2) {
      setPhase(3);
    }
  };
  const prev = () => setPhase((p) => (p === 0 ? "lookup" : p === "lookup" ? p : ((p - 1) as Phase)));

  const submit = () => {
    const id = validateIdNumber(identity.idNumber);
    if (!lookup || !identity.proof || identity.storeId === null || !jobTitle || !id.ok || !agreed) return;
    invite.mutate(
      {
        enterprise_id: enterpriseId,
        mode,
        xhs_id: lookup.xhs_id,
        store_id: identity.storeId,
        staff_name: identity.name.trim(),
        id_number: id.id,
        proof_id: identity.proof.proof_id,
        job_title: jobTitle,
        signed: true,
      },
      { onSuccess: onSent },
    );
  };

  const storeName = stores.data?.find((s) => s.id === identity.storeId)?.name ?? "";

  return (
    <div className="wizard-body">
      {phase === "lookup" ? (
        <ModeLookup
          mode={mode}
          onMode={setMode}
          xhsId={xhsId}
          onXhsId={setXhsId}
          onSearch={search}
          searching={lookupAccount.isPending}
          searchError={lookupAccount.error}
          lookup={lookup}
          xhsMissing={xhsMissing}
        />
      ) : (
        <>
          <Steps
            size="small"
            current={phase}
            className="wizard-steps"
            items={[
              { title: t("wizard.step.identity") },
              { title: t("wizard.step.title") },
              { title: t("wizard.step.rights") },
              { title: t("wizard.step.sign") },
            ]}
          />
          <div className="wizard-step" data-testid={`wizard-step-${phase}`}>
            {phase === 0 && (
              <IdentityStep enterpriseId={enterpriseId} value={identity} onChange={setIdentity} showAll={identityTried} />
            )}
            {phase === 1 && (
              <JobTitleStep
                value={jobTitle}
                onChange={setJobTitle}
                enterpriseName={enterpriseName}
                nickname={lookup?.nickname ?? ""}
                missing={titleTried && !jobTitle}
              />
            )}
            {phase === 2 && <RightsStep mode={mode} />}
            {phase === 3 && lookup && identity.proof && jobTitle && (
              <SignStep
                summary={{
                  xhsId: lookup.xhs_id,
                  nickname: lookup.nickname,
                  mode,
                  storeName,
                  name: identity.name.trim(),
                  idNumber: identity.idNumber,
                  jobTitle,
                  proof: identity.proof,
                }}
                agreed={agreed}
                onAgreed={setAgreed}
              />
            )}
          </div>
        </>
      )}
      {invite.isError && (
        <ErrorAlert error={invite.error} testId="wizard-error" />
      )}
      <div className="wizard-footer">
        {phase === "lookup" ? (
          <>
            <Button onClick={onClose}>{t("common.cancel")}</Button>
            <Button type="primary" disabled={!canApply} onClick={() => setPhase(0)} data-testid="wizard-apply">
              {t("wizard.apply")}
            </Button>
          </>
        ) : (
          <>
            <Button onClick={prev} data-testid="wizard-prev">
              {t("wizard.prev")}
            </Button>
            {phase === 3 ? (
              <Button type="primary" disabled={!agreed} loading={invite.isPending} onClick={submit} data-testid="wizard-submit">
                {t("wizard.submit")}
              </Button>
            ) : (
              <Button type="primary" onClick={next} data-testid="wizard-next">
                {t("wizard.next")}
              </Button>
            )}
          </>
        )}
      </div>
    </div>
  );
}
