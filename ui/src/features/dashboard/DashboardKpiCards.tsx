import { Card, Statistic, Tooltip } from "antd";
import type { ReactNode } from "react";
import type { DashboardKpis } from "../../api/commands.gen";
import { formatCount } from "../../format/number";
import { useT } from "../../i18n/useT";
import type { MessageKey } from "../../i18n/zh";
import "./dashboard.css";

type Kpi = { key: string; label: MessageKey; hint: MessageKey; value: (k: DashboardKpis) => number; suffix?: (k: DashboardKpis) => ReactNode };

const KPIS: Kpi[] = [
  { key: "accounts-enterprise", label: "dashboard.kpi.accountsEnterprise", hint: "dashboard.kpi.accountsEnterpriseHint", value: (k) => k.accounts_enterprise },
  { key: "accounts-personal", label: "dashboard.kpi.accountsPersonal", hint: "dashboard.kpi.accountsPersonalHint", value: (k) => k.accounts_personal },
  { key: "active-week", label: "dashboard.kpi.activeWeek", hint: "dashboard.kpi.activeWeekHint", value: (k) => k.accounts_active_week },
  { key: "notes", label: "dashboard.kpi.notes", hint: "dashboard.kpi.notesHint", value: (k) => k.notes },
  { key: "interactions", label: "dashboard.kpi.interactions", hint: "dashboard.kpi.interactionsHint", value: (k) => k.interactions },
  { key: "approved", label: "dashboard.kpi.approved", hint: "dashboard.kpi.approvedHint", value: (k) => k.approved_notes },
  {
    key: "quota",
    label: "dashboard.kpi.quota",
    hint: "dashboard.kpi.quotaHint",
    value: (k) => k.review_quota.used,
    suffix: (k) => `/ ${formatCount(k.review_quota.limit)}`,
  },
  { key: "boosts", label: "dashboard.kpi.boosts", hint: "dashboard.kpi.boostsHint", value: (k) => k.boosts, suffix: (k) => `· ¥${formatCount(k.boost_yuan)}` },
];

/** The eight KPI cards of 企业视角: four per row on a laptop, one row on a wide screen. */
export function DashboardKpiCards({ kpis }: { kpis: DashboardKpis }) {
  const t = useT();
  return (
    <div className="kpi-grid" data-testid="kpi-cards">
      {KPIS.map((kpi) => (
        <Card size="small" key={kpi.key} data-testid={`kpi-${kpi.key}`} className="kpi-card">
          <Statistic
            title={
              <Tooltip title={t(kpi.hint)}>
                <span className="kpi-title">{t(kpi.label)}</span>
              </Tooltip>
            }
            value={kpi.value(kpis)}
            formatter={(v) => formatCount(Number(v))}
            suffix={kpi.suffix ? <span className="kpi-suffix">{kpi.suffix(kpis)}</span> : undefined}
          />
        </Card>
      ))}
    </div>
  );
}
