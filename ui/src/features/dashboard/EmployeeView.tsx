import { Alert, Empty } from "antd";
import { useState } from "react";
import { useT } from "../../i18n/useT";
import { useSession } from "../session/hooks";
import { EmployeeDashboardView } from "./EmployeeDashboardView";
import { StaffPicker } from "./StaffPicker";

/**
 * 员工视角: brand roles pick anyone of the brand; an employee sees only themself (no picker) —
 * the core refuses any other staff id for them.
 */
export function EmployeeView({ enterpriseId }: { enterpriseId: number }) {
  const t = useT();
  const session = useSession().data;
  const isEmployee = session?.actor.role === "employee";
  const [picked, setPicked] = useState<number | null>(null);

  if (isEmployee) {
    const own = session?.actor.staff_id ?? null;
    return (
      <div className="page-stack" data-testid="employee-view">
        {own === null ? (
          <Alert type="info" showIcon title={t("dashboard.employee.noStaffLink")} />
        ) : (
          <EmployeeDashboardView enterpriseId={enterpriseId} staffId={own} />
        )}
      </div>
    );
  }
  return (
    <div className="page-stack" data-testid="employee-view">
      <div className="table-toolbar">
        <span>{t("dashboard.employee.pickLabel")}</span>
        <StaffPicker enterpriseId={enterpriseId} value={picked} onChange={setPicked} />
      </div>
      {picked === null ? (
        <Empty description={t("dashboard.employee.pickFirst")} />
      ) : (
        <EmployeeDashboardView enterpriseId={enterpriseId} staffId={picked} />
      )}
    </div>
  );
}
