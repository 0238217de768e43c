import { CheckCircleFilled, CloseCircleFilled, QuestionCircleOutlined } from "@ant-design/icons";
import { Alert, Skeleton, Table, Tag, Tooltip } from "antd";
import type { ColumnsType, SorterResult } from "antd/es/table/interface";
import { useState } from "react";
import type { AccountHealthRow, HealthSort } from "../../api/commands.gen";
import { QueryError } from "../../components/QueryError";
import { formatCount } from "../../format/number";
import { useT } from "../../i18n/useT";
import { jobTitleLabel, modeKey } from "../bindings/labels";
import { useAccountHealth } from "./hooks";
import "./dashboard.css";

const SORTABLE: HealthSort[] = ["xhs_id", "staff_name", "followers", "notes", "notes_last7d", "in_stock", "passed"];

function Verdict({ value, ok, testId }: { value: number; ok: boolean; testId: string }) {
  return (
    <span className={`health-cell ${ok ? "health-ok" : "health-fail"}`} data-testid={testId}>
      <span className="num">{formatCount(value)}</span>
      {ok ? <CheckCircleFilled aria-label="ok" /> : <CloseCircleFilled aria-label="fail" />}
    </span>
  );
}

/** 账号健康度 (S-2): every bound account against the thresholds in force, sorted by the core. */
export function HealthTable({ enterpriseId }: { enterpriseId: number }) {
  const t = useT();
  const [sort, setSort] = useState<{ key: HealthSort; desc: boolean }>({ key: "passed", desc: true });
  const health = useAccountHealth(enterpriseId, sort.key, sort.desc);

  if (health.isError) return <QueryError error={health.error} onRetry={() => void health.refetch()} />;
  if (!health.data) return <Skeleton active />;
  const { thresholds: th, rows, candidates } = health.data;

  const header = (label: string, hint: string) => (
    <Tooltip title={hint}>
      <span className="th-hint">
        {label} <QuestionCircleOutlined />
      </span>
    </Tooltip>
  );
  const sortable = (key: HealthSort) => ({
    key,
    sorter: true,
    sortOrder: sort.key === key ? (sort.desc ? ("descend" as const) : ("ascend" as const)) : null,
    sortDirections: ["descend" as const, "ascend" as const, "descend" as const],
  });
  const criterion = (key: HealthSort, label: string, hint: string, value: (r: AccountHealthRow) => number, ok: (r: AccountHealthRow) => boolean) => ({
    title: header(label, hint),
    width: 116,
    align: "right" as const,
    ...sortable(key),
    render: (_: unknown, r: AccountHealthRow) => <Verdict value={value(r)} ok={ok(r)} testId={`health-${key}-${r.account_id}`} />,
  });

  const columns: ColumnsType<AccountHealthRow> = [
    {
      title: t("dashboard.col.account"),
      dataIndex: "xhs_id",
      ...sortable("xhs_id"),
      render: (_, r) => (
        <span className="award-cell">
          <span className="mono">{r.xhs_id}</span>
          <span className="cell-sub">
            {r.nickname} · {t(modeKey(r.mode))}
          </span>
        </span>
      ),
    },
    {
      title: t("dashboard.col.staff"),
      dataIndex: "staff_name",
      width: 160,
      ...sortable("staff_name"),
      render: (_, r) => (
        <span className="award-cell">
          <span className="award-main">{r.staff_name}</span>
          <span className="cell-sub">
            {r.store_name} · {jobTitleLabel(t, r.job_title)}
          </span>
        </span>
      ),
    },
    criterion("followers", t("dashboard.health.followers"), t("dashboard.health.followersHint", { n: formatCount(th.min_followers) }), (r) => r.followers, (r) => r.followers_ok),
    criterion("notes", t("dashboard.health.notes"), t("dashboard.health.notesHint", { n: formatCount(th.min_notes) }), (r) => r.notes, (r) => r.notes_ok),
    criterion("notes_last7d", t("dashboard.health.weekly"), t("dashboard.health.weeklyHint", { n: formatCount(th.min_notes_per_week) }), (r) => r.notes_last_7d, (r) => r.weekly_ok),
    criterion("in_stock", t("dashboard.health.stock"), t("dashboard.health.stockHint", { n: formatCount(th.min_stock) }), (r) => r.in_stock, (r) => r.stock_ok),
    {
      title: header(t("dashboard.health.passed"), t("dashboard.health.passedHint")),
      width: 132,
      ...sortable("passed"),
      render: (_, r) => (
        <span className="health-passed">
          <span className="num">{r.passed}/4</span>
          {r.candidate && <Tag color="green">{t("dashboard.health.candidate")}</Tag>}
        </span>
      ),
    },
  ];

  return (
    <div className="page-stack" data-testid="health-view">
      <Alert
        type={candidates > 0 ? "success" : "info"}
        showIcon
        data-testid="health-candidates"
        title={t("dashboard.health.summary", { candidates: formatCount(candidates), total: formatCount(rows.length) })}
        description={t("dashboard.health.rule", {
          followers: formatCount(th.min_followers),
          notes: formatCount(th.min_notes),
          weekly: formatCount(th.min_notes_per_week),
          stock: formatCount(th.min_stock),
        })}
      />
      <Table<AccountHealthRow>
        size="small"
        rowKey="account_id"
        columns={columns}
        dataSource={rows}
        tableLayout="fixed"
        loading={health.isFetching && health.isPlaceholderData}
        data-testid="health-table"
        pagination={{ defaultPageSize: 20, pageSizeOptions: [10, 20, 50, 100], showSizeChanger: true, showTotal: (n) => t("dashboard.health.total", { n: formatCount(n) }) }}
        onChange={(_, __, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<AccountHealthRow>;
          const key = s.columnKey as HealthSort | undefined;
          if (key && SORTABLE.includes(key)) setSort({ key, desc: s.order !== "ascend" });
        }}
        locale={{ emptyText: t("dashboard.health.empty") }}
      />
    </div>
  );
}
