import { Modal, Typography } from "antd";
import { SafetyCertificateOutlined } from "@ant-design/icons";
import { useT } from "../../i18n/useT";

/** Remembered once the user agreed: the notice is shown before the first upload only. */
export const PROOF_CONSENT_KEY = "kos.proofConsent";

export function hasProofConsent(): boolean {
  return localStorage.getItem(PROOF_CONSENT_KEY) !== null;
}

export function rememberProofConsent() {
  localStorage.setItem(PROOF_CONSENT_KEY, new Date().toISOString());
}

/** 个人信息保护告知: what is collected, why, how it is kept, for how long, who can see it. */
export function ProofConsent({ open, onAgree, onCancel }: { open: boolean; onAgree: () => void; onCancel: () => void }) {
  const t = useT();
  return (
    <Modal
      open={open}
      title={
        <span>
          <SafetyCertificateOutlined /> {t("consent.title")}
        </span>
      }
      okText={t("consent.agree")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "consent-agree" }}
      cancelButtonProps={{ "data-testid": "consent-cancel" }}
      onOk={onAgree}
      onCancel={onCancel}
      zIndex={1100}
    >
      <div data-testid="proof-consent">
        <Typography.Paragraph>{t("consent.intro")}</Typography.Paragraph>
        <ul className="plain-list">
          <li>{t("consent.what")}</li>
          <li>{t("consent.why")}</li>
          <li>{t("consent.how")}</li>
          <li>{t("consent.retention")}</li>
          <li>{t("consent.who")}</li>
        </ul>
      </div>
    </Modal>
  );
}
