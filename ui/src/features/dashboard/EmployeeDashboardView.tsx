import { Card, Descriptions, Empty, Skeleton, Statistic, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMemo } from "react";
import type { CampaignStanding, EmployeeAccount } from "../../api/commands.gen";
import { QueryError } from "../../components/QueryError";
import { EChart } from "../../components/EChart";
import { formatCount } from "../../format/number";
import { useT } from "../../i18n/useT";
import { jobTitleLabel, MODE_COLOR, modeKey, STATUS_COLOR, statusKey } from "../bindings/labels";
import { usePhoneLayout } from "../phone/layout";
import { interactionsWeekOption } from "./chartOptions";
import { useEmployeeDashboard } from "./hooks";
import "./dashboard.css";

const num = { align: "right" as const, className: "num" };

/** 员工视角 (D-1): one person's accounts, totals, the last 12 weeks and where they stand in running campaigns. */
export function EmployeeDashboardView({ enterpriseId, staffId }: { enterpriseId: number; staffId: number }) {
  const t = useT();
  // U-5: on a phone the two tables become lists of cards (every column readable at 375 px)
  const phone = usePhoneLayout();
  const dashboard = useEmployeeDashboard(enterpriseId, staffId);
  const weeks = dashboard.data?.weeks;
  const trend = useMemo(
    () => interactionsWeekOption(weeks ?? [], { series: t("dashboard.interactions"), axis: t("dashboard.axis.interactions"), week: t("dashboard.weekOf") }),
    [weeks, t],
  );

  if (dashboard.isError) return <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  if (!dashboard.data) return <Skeleton active />;
  const d = dashboard.data;
  const notes12 = d.weeks.reduce((sum, w) => sum + w.notes, 0);

  const accountCols: ColumnsType<EmployeeAccount> = [
    { title: t("dashboard.col.xhsId"), dataIndex: "xhs_id", width: 140, render: (v: string) => <span className="mono">{v}</span> },
    { title: t("dashboard.col.nickname"), dataIndex: "nickname", ellipsis: true },
    { title: t("dashboard.col.followers"), dataIndex: "followers", width: 100, ...num, render: formatCount },
    { title: t("dashboard.col.mode"), dataIndex: "mode", width: 140, render: (_, a) => <Tag color={MODE_COLOR[a.mode]}>{t(modeKey(a.mode))}</Tag> },
    { title: t("dashboard.col.jobTitle"), dataIndex: "job_title", width: 88, render: (v: string) => jobTitleLabel(t, v) },
    { title: t("dashboard.col.status"), dataIndex: "status", width: 96, render: (_, a) => <Tag color={STATUS_COLOR[a.status]}>{t(statusKey(a.status))}</Tag> },
  ];
  const rank = (r: number | null, places: number) =>
    r === null ? (
      <Typography.Text type="secondary">{t("dashboard.employee.notRanked")}</Typography.Text>
    ) : (
      <span className="num">
        {t("dashboard.employee.rank", { rank: r })}
        {r <= places && (
          <Tag color="red" style={{ marginLeft: 8 }}>
            {t("dashboard.employee.inAward")}
          </Tag>
        )}
      </span>
    );
  const campaignCols: ColumnsType<CampaignStanding> = [
    { title: t("dashboard.col.campaign"), dataIndex: "name", ellipsis: true },
    { title: t("dashboard.col.period"), key: "period", width: 200, render: (_, c) => <span className="num">{c.start_date} ~ {c.end_date}</span> },
    { title: t("dashboard.col.viralRank"), key: "viral", width: 170, render: (_, c) => rank(c.viral_rank, c.viral_places) },
    { title: t("dashboard.col.bestNote"), dataIndex: "best_note_interactions", width: 110, ...num, render: formatCount },
    { title: t("dashboard.col.rankingRank"), key: "ranking", width: 170, render: (_, c) => rank(c.ranking_rank, c.ranking_places) },
    { title: t("dashboard.col.total"), dataIndex: "total_interactions", width: 110, ...num, render: formatCount },
  ];

  return (
    <div className="page-stack" data-testid="employee-dashboard">
      <div className={`kpi-grid kpi-grid-4${phone ? " kpi-grid-phone" : ""}`}>
        <Card size="small" className="kpi-card">
          <Statistic title={t("dashboard.employee.who")} value={d.staff_name} suffix={<span className="kpi-suffix">{[d.store_name, d.city].filter(Boolean).join(" · ")}</span>} />
        </Card>
        <Card size="small" className="kpi-card" data-testid="employee-accounts-count">
          <Statistic title={t("dashboard.employee.accounts")} value={d.accounts.length} />
        </Card>
        <Card size="small" className="kpi-card" data-testid="employee-notes-total">
          <Statistic title={t("dashboard.employee.notesTotal")} value={d.notes_total} formatter={(v) => formatCount(Number(v))} suffix={<span className="kpi-suffix">{t("dashboard.employee.last12", { count: formatCount(notes12) })}</span>} />
        </Card>
        <Card size="small" className="kpi-card" data-testid="employee-interactions-total">
          <Statistic title={t("dashboard.employee.interactionsTotal")} value={d.interactions_total} formatter={(v) => formatCount(Number(v))} />
        </Card>
      </div>
      <Card size="small" title={t("dashboard.employee.accountsTitle")}>
        {phone ? (
          <div data-testid="employee-accounts" className="phone-accounts">
            {d.accounts.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dashboard.employee.noAccounts")} />
            ) : (
              d.accounts.map((a) => (
                <div key={a.account_id} className="phone-account" data-testid={`employee-account-${a.account_id}`}>
                  <div className="phone-account-head">
                    <span className="phone-account-name">{a.nickname}</span>
                    <span className="num">
                      {t("dashboard.col.followers")} {formatCount(a.followers)}
                    </span>
                  </div>
                  <div className="mono phone-account-id">{a.xhs_id}</div>
                  <div>
                    <Tag color={MODE_COLOR[a.mode]}>{t(modeKey(a.mode))}</Tag>
                    <Tag>{jobTitleLabel(t, a.job_title)}</Tag>
                    <Tag color={STATUS_COLOR[a.status]}>{t(statusKey(a.status))}</Tag>
                  </div>
                </div>
              ))
            )}
          </div>
        ) : (
          <Table<EmployeeAccount>
            size="small"
            rowKey="account_id"
            columns={accountCols}
            dataSource={d.accounts}
            pagination={false}
            tableLayout="fixed"
            data-testid="employee-accounts"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dashboard.employee.noAccounts")} /> }}
          />
        )}
      </Card>
      <Card size="small" title={t("dashboard.employee.trend")}>
          {d.weeks.every((w) => w.interactions === 0 && w.notes === 0) ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dashboard.employee.noNotes")} />
          ) : (
            <EChart option={trend} className="echart dashboard-echart-small" testId="employee-trend" />
        )}
      </Card>
      <Card size="small" title={t("dashboard.employee.campaigns")} data-testid="employee-campaigns">
        {phone ? (
          d.campaigns.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dashboard.employee.noCampaigns")} />
          ) : (
            d.campaigns.map((c) => (
              <Descriptions
                key={c.campaign_id}
                className="phone-standing"
                data-testid={`employee-campaign-${c.campaign_id}`}
                size="small"
                column={1}
                title={c.name}
                items={[
                  { key: "period", label: t("dashboard.col.period"), children: <span className="num">{c.start_date} ~ {c.end_date}</span> },
                  { key: "ranking", label: t("dashboard.col.rankingRank"), children: rank(c.ranking_rank, c.ranking_places) },
                  { key: "total", label: t("dashboard.col.total"), children: <span className="num">{formatCount(c.total_interactions)}</span> },
                  { key: "viral", label: t("dashboard.col.viralRank"), children: rank(c.viral_rank, c.viral_places) },
                  { key: "best", label: t("dashboard.col.bestNote"), children: <span className="num">{formatCount(c.best_note_interactions)}</span> },
                ]}
              />
            ))
          )
        ) : (
          <Table<CampaignStanding>
            size="small"
            rowKey="campaign_id"
            columns={campaignCols}
            dataSource={d.campaigns}
            pagination={false}
            tableLayout="fixed"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dashboard.employee.noCampaigns")} /> }}
          />
        )}
      </Card>
    </div>
  );
}
