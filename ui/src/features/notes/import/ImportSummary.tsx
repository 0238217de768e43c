import { Alert, Button, Skeleton, Statistic, Table, Tabs, Tag, Typography } from "antd";
import type { AsideRow, ImportRow, RejectRow } from "../../../api/commands.gen";
import { EllipsisCell } from "../../../components/EllipsisCell";
import { QueryError } from "../../../components/QueryError";
import { formatCount } from "../../../format/number";
import { useLang, useT } from "../../../i18n/useT";
import { useImportReport } from "../hooks";
import { asideReasonKey, importError } from "../labels";
import "../notes.css";

const ASIDE_COLOR: Record<string, string> = { unknown_account: "default", not_bound: "orange", frozen: "blue" };

/**
 * 新增 / 更新 / 未变 / 拒绝 / 另存 and the rows behind the last two (N-1), and the columns the import ignored;
 * `onRemap` goes back to the column mapping of the same file to map them.
 */
export function ImportSummary({ importId, onRemap }: { importId: number; onRemap?: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const report = useImportReport(importId);
  if (report.isError) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  if (report.isPending) return <Skeleton active />;
  const { import: imp, rejects, aside } = report.data;

  return (
    <div className="page-stack" data-testid="import-summary">
      <ImportOutcome imp={imp} />
      {imp.unmapped.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="import-report-unmapped"
          title={t("import.reportUnmapped", { n: imp.unmapped.length, headers: imp.unmapped.join(t("import.listSep")) })}
          action={
            onRemap && (
              <Button size="small" onClick={onRemap} data-testid="import-remap">
                {t("import.remap")}
              </Button>
            )
          }
        />
      )}
      <div className="import-stats">
        <Statistic title={t("import.stat.inserted")} value={imp.inserted} formatter={(v) => formatCount(Number(v))} data-testid="stat-inserted" />
        <Statistic title={t("import.stat.updated")} value={imp.updated} formatter={(v) => formatCount(Number(v))} data-testid="stat-updated" />
        <Statistic title={t("import.stat.unchanged")} value={imp.unchanged} formatter={(v) => formatCount(Number(v))} data-testid="stat-unchanged" />
        <Statistic title={t("import.stat.rejected")} value={imp.rejected} formatter={(v) => formatCount(Number(v))} data-testid="stat-rejected" />
        <Statistic title={t("import.stat.aside")} value={imp.set_aside} formatter={(v) => formatCount(Number(v))} data-testid="stat-aside" />
      </div>
      <Tabs
        size="small"
        items={[
          {
            key: "rejects",
            label: t("import.rejectsTab", { n: formatCount(imp.rejected) }),
            children: (
              <>
                {imp.rejected > rejects.length && (
                  <Typography.Text type="secondary" className="small-note">
                    {t("import.firstRows", { n: formatCount(rejects.length) })}
                  </Typography.Text>
                )}
                <Table<RejectRow>
                  data-testid="import-rejects"
                  rowKey={(r) => `${r.line}-${r.column_name ?? ""}-${r.reason}`}
                  size="small"
                  dataSource={rejects}
                  pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
                  locale={{ emptyText: t("import.noRejects") }}
                  columns={[
                    { title: t("import.col.line"), dataIndex: "line", width: 80, align: "right", render: (v: number) => <span className="num">{v}</span> },
                    { title: t("import.col.column"), dataIndex: "column_name", width: 150, ellipsis: { showTitle: false }, render: (v: string | null) => <EllipsisCell text={v} /> },
                    { title: t("import.col.reason"), key: "reason", render: (_: unknown, r) => (lang === "en" ? r.reason_en : r.reason) },
                  ]}
                />
              </>
            ),
          },
          {
            key: "aside",
            label: t("import.asideTab", { n: formatCount(imp.set_aside) }),
            children: (
              <>
                <Typography.Paragraph type="secondary" className="small-note">
                  {t("import.asideHint")}
                </Typography.Paragraph>
                <Table<AsideRow>
                  data-testid="import-aside"
                  rowKey={(r) => `${r.line}-${r.note_id}`}
                  size="small"
                  dataSource={aside}
                  tableLayout="fixed"
                  pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
                  locale={{ emptyText: t("import.noAside") }}
                  columns={[
                    { title: t("import.col.line"), dataIndex: "line", width: 70, align: "right", render: (v: number) => <span className="num">{v}</span> },
                    { title: t("import.col.noteId"), dataIndex: "note_id", width: 210, render: (v: string) => <span className="mono">{v}</span> },
                    { title: t("import.col.xhsId"), dataIndex: "xhs_id", width: 120, ellipsis: { showTitle: false }, render: (v: string) => <EllipsisCell text={v} /> },
                    { title: t("import.col.title"), dataIndex: "title", ellipsis: { showTitle: false }, render: (v: string) => <EllipsisCell text={v} /> },
                    {
                      title: t("import.col.asideReason"),
                      dataIndex: "reason",
                      width: 190,
                      render: (v: string) => {
                        const key = asideReasonKey(v);
                        return <Tag color={ASIDE_COLOR[v] ?? "default"}>{key ? t(key) : v}</Tag>;
                      },
                    },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
    </div>
  );
}

/** How the import ended: done, cancelled (resumable) or failed with the core's reason. */
function ImportOutcome({ imp }: { imp: ImportRow }) {
  const t = useT();
  const { lang } = useLang();
  const rows = { done: formatCount(imp.rows_done), total: formatCount(imp.rows_total) };
  if (imp.status === "done") return <Alert type="success" showIcon title={t("import.outcome.done", rows)} />;
  if (imp.status === "cancelled") return <Alert type="warning" showIcon title={t("import.outcome.cancelled", rows)} />;
  if (imp.status === "running") return <Alert type="info" showIcon title={t("import.outcome.running", rows)} />;
  return <Alert type="error" showIcon title={t("import.outcome.failed", rows)} description={importError(imp, lang) ?? undefined} />;
}
