import { Empty, Tabs } from "antd";
import { useState } from "react";
import { useT } from "../../i18n/useT";
import { useEnterprise } from "../session/EnterpriseProvider";
import { EmployeeView } from "./EmployeeView";
import { EnterpriseView } from "./EnterpriseView";
import { HealthTable } from "./HealthTable";

type Tab = "enterprise" | "employee" | "health";

/** 数据看板 (D-1, S-2): 企业视角, 员工视角 and 账号健康度. */
export function DashboardPage() {
  const t = useT();
  const enterprise = useEnterprise().current;
  const [tab, setTab] = useState<Tab>("enterprise");
  if (!enterprise) return <Empty description={t("header.noEnterprise")} />;
  return (
    <div data-testid="dashboard-page">
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        items={[
          { key: "enterprise", label: <span data-testid="dashboard-tab-enterprise">{t("dashboard.tab.enterprise")}</span>, children: <EnterpriseView enterpriseId={enterprise.id} /> },
          { key: "employee", label: <span data-testid="dashboard-tab-employee">{t("dashboard.tab.employee")}</span>, children: <EmployeeView enterpriseId={enterprise.id} /> },
          { key: "health", label: <span data-testid="dashboard-tab-health">{t("dashboard.tab.health")}</span>, children: <HealthTable enterpriseId={enterprise.id} /> },
        ]}
      />
    </div>
  );
}
