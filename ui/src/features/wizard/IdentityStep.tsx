import { Alert, Form, Input, Select, Typography } from "antd";
import type { ProofRef } from "../../api/commands.gen";
import { useLang, useT } from "../../i18n/useT";
import { useStores } from "../stores/hooks";
import { ID_CARD_MESSAGES, liveIdCheck } from "./idcard";
import { ProofUpload } from "./ProofUpload";

export type Identity = { storeId: number | null; name: string; idNumber: string; proof: ProofRef | null };

export type IdentityErrors = Partial<Record<"store" | "name" | "id" | "proof", string>>;

/** What is missing or wrong in step 1 (B-10); empty when the step may be left. */
export function identityErrors(v: Identity, t: ReturnType<typeof useT>, lang: string): IdentityErrors {
  const errors: IdentityErrors = {};
  if (v.storeId === null) errors.store = t("wizard.storeRequired");
  const name = v.name.trim();
  if (name.length === 0) errors.name = t("wizard.nameRequired");
  const id = liveIdCheck(v.idNumber);
  if (id === null) errors.id = t("wizard.idRequired");
  else if (!id.ok) errors.id = ID_CARD_MESSAGES[id.error][lang === "en" ? "en" : "zh"];
  if (!v.proof) errors.proof = t("wizard.proofRequired");
  return errors;
}

type Props = {
  enterpriseId: number;
  value: Identity;
  onChange: (next: Identity) => void;
  /** the user tried to go on: show every missing field */
  showAll: boolean;
};

export function IdentityStep({ enterpriseId, value, onChange, showAll }: Props) {
  const t = useT();
  const { lang } = useLang();
  const stores = useStores(enterpriseId);
  const errors = identityErrors(value, t, lang);
  // The ID number is checked as it is typed; the other fields once the user tries to go on.
  const idLive = value.idNumber.trim() !== "" ? errors.id : undefined;
  const shown = (key: keyof IdentityErrors) => (showAll ? errors[key] : undefined);

  return (
    <div className="page-stack">
      <Alert
        type="info"
        data-testid="wizard-explain"
        title={
          <div className="explain">
            <Typography.Text strong>{t("wizard.explainTypes")}</Typography.Text>
            <ul className="plain-list">
              <li>
                {t("binding.mode.enterprise")}
                {t("common.colon")}
                {t("wizard.modeDesc.enterprise")}
              </li>
              <li>
                {t("binding.mode.personal")}
                {t("common.colon")}
                {t("wizard.modeDesc.personal")}
              </li>
            </ul>
            <Typography.Text type="secondary">{t("wizard.rightsNote")}</Typography.Text>
            <div>
              <Typography.Text strong>{t("wizard.explainMaterials")}</Typography.Text>
            </div>
            <ul className="plain-list">
              <li>{t("wizard.material1")}</li>
              <li>{t("wizard.material2")}</li>
              <li>{t("wizard.material3")}</li>
            </ul>
          </div>
        }
      />
      <Form layout="horizontal" labelCol={{ flex: "150px" }} wrapperCol={{ flex: "auto" }} colon={false}>
        <Form.Item label={t("wizard.store")} required validateStatus={shown("store") ? "error" : undefined} help={shown("store")}>
          <Select<number>
            data-testid="wizard-store"
            value={value.storeId ?? undefined}
            placeholder={t("wizard.storePlaceholder")}
            loading={stores.isLoading}
            showSearch={{ optionFilterProp: "label" }}
            onChange={(id) => onChange({ ...value, storeId: id })}
            options={(stores.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item label={t("wizard.name")} required validateStatus={shown("name") ? "error" : undefined} help={shown("name")}>
          <Input
            data-testid="wizard-name"
            value={value.name}
            maxLength={24}
            showCount
            placeholder={t("wizard.namePlaceholder")}
            onChange={(e) => onChange({ ...value, name: e.target.value })}
          />
        </Form.Item>
        <Form.Item
          label={t("wizard.idNumber")}
          required
          validateStatus={(idLive ?? shown("id")) ? "error" : value.idNumber ? "success" : undefined}
          help={idLive ?? shown("id")}
          hasFeedback={value.idNumber.trim().length === 18}
        >
          <Input
            data-testid="wizard-id"
            value={value.idNumber}
            maxLength={18}
            showCount
            className="mono"
            placeholder={t("wizard.idPlaceholder")}
            onChange={(e) => onChange({ ...value, idNumber: e.target.value.replace(/\s/g, "").toUpperCase() })}
          />
        </Form.Item>
        <Form.Item label={t("wizard.proof")} required validateStatus={shown("proof") ? "error" : undefined} help={shown("proof")}>
          <ProofUpload
            enterpriseId={enterpriseId}
            proof={value.proof}
            invalid={!!shown("proof")}
            onChange={(proof) => onChange({ ...value, proof })}
          />
        </Form.Item>
      </Form>
    </div>
  );
}
