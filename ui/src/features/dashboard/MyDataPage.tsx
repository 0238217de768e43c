import { Empty } from "antd";
import { useT } from "../../i18n/useT";
import { useEnterprise } from "../session/EnterpriseProvider";
import { EmployeeView } from "./EmployeeView";

/** 我的数据: the employee's own 员工视角 (D-1). */
export function MyDataPage() {
  const t = useT();
  const enterprise = useEnterprise().current;
  if (!enterprise) return <Empty description={t("header.noEnterprise")} />;
  return (
    <div data-testid="my-data-page">
      <EmployeeView enterpriseId={enterprise.id} />
    </div>
  );
}
