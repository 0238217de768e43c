import { Select, Typography } from "antd";
import { useT } from "../i18n/useT";
import { useEnterprise } from "../features/session/EnterpriseProvider";

export function EnterpriseSelect() {
  const t = useT();
  const { enterprises, current, select } = useEnterprise();
  return (
    <div className="header-field">
      <Typography.Text type="secondary">{t("header.enterprise")}</Typography.Text>
      <Select
        data-testid="enterprise-select"
        className="enterprise-select"
        value={current?.id}
        placeholder={t("header.enterprisePlaceholder")}
        notFoundContent={t("header.noEnterprise")}
        onChange={select}
        options={enterprises.map((e) => ({ value: e.id, label: e.name }))}
        popupMatchSelectWidth={false}
        labelRender={(option) => <span data-testid="current-enterprise">{option.label}</span>}
      />
    </div>
  );
}
