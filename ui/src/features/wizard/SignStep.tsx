import { Checkbox, Descriptions, Typography } from "antd";
import type { BindingMode, ProofRef } from "../../api/commands.gen";
import { useT } from "../../i18n/useT";
import { jobTitleLabel, modeKey } from "../bindings/labels";
import { formatBytes } from "../proofs/proofFile";
import { maskIdNumber } from "./idcard";
import "./wizard.css";

type Props = {
  summary: {
    xhsId: string;
    nickname: string;
    mode: BindingMode;
    storeName: string;
    name: string;
    idNumber: string;
    jobTitle: string;
    proof: ProofRef;
  };
  agreed: boolean;
  onAgreed: (agreed: boolean) => void;
};

/** B-12: sign 承诺书 and 服务协议; signing sends the invitation. */
export function SignStep({ summary, agreed, onAgreed }: Props) {
  const t = useT();
  return (
    <div className="page-stack">
      <Descriptions size="small" bordered column={2} title={t("wizard.summary")} data-testid="wizard-summary">
        <Descriptions.Item label={t("bindings.xhsId")}>
          {summary.xhsId} · {summary.nickname}
        </Descriptions.Item>
        <Descriptions.Item label={t("bindings.mode")}>{t(modeKey(summary.mode))}</Descriptions.Item>
        <Descriptions.Item label={t("wizard.name")}>{summary.name}</Descriptions.Item>
        <Descriptions.Item label={t("wizard.idNumber")}>
          <span className="mono">{maskIdNumber(summary.idNumber)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("wizard.store")}>{summary.storeName}</Descriptions.Item>
        <Descriptions.Item label={t("binding.jobTitle")}>{jobTitleLabel(t, summary.jobTitle)}</Descriptions.Item>
        <Descriptions.Item label={t("wizard.proof")} span={2}>
          {summary.proof.name} · <span className="num">{formatBytes(summary.proof.size)}</span>
        </Descriptions.Item>
      </Descriptions>
      <div className="legal-texts">
        <div>
          <Typography.Text strong>{t("wizard.commitment")}</Typography.Text>
          <div className="legal-text" data-testid="wizard-commitment" tabIndex={0}>
            {t("wizard.commitmentText")}
          </div>
        </div>
        <div>
          <Typography.Text strong>{t("wizard.agreement")}</Typography.Text>
          <div className="legal-text" data-testid="wizard-agreement" tabIndex={0}>
            {t("wizard.agreementText")}
          </div>
        </div>
      </div>
      <Checkbox checked={agreed} onChange={(e) => onAgreed(e.target.checked)} data-testid="wizard-agree">
        {t("wizard.agree")}
      </Checkbox>
    </div>
  );
}
