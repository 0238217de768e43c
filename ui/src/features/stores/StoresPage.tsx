import { Empty } from "antd";
import { useT } from "../../i18n/useT";
import { useEnterprise } from "../session/EnterpriseProvider";
import { usePermission } from "../bindings/hooks";
import { RosterImportCard } from "../roster/RosterImportCard";
import { StaffTable } from "./StaffTable";
import { StoresTable } from "./StoresTable";

export function StoresPage() {
  const t = useT();
  const { current } = useEnterprise();
  const canImport = usePermission("manage_roster");
  if (!current) return <Empty description={t("overview.selectEnterprise")} />;
  // key: a different brand starts the staff filters and cursor stack afresh.
  return (
    <div className="page-stack" key={current.id}>
      <StoresTable enterpriseId={current.id} />
      {canImport && <RosterImportCard enterpriseId={current.id} />}
      <StaffTable enterpriseId={current.id} />
    </div>
  );
}
