import { Button, Empty, Table, Tag, Tooltip } from "antd";
import { ArrowLeftOutlined } from "@ant-design/icons";
import { useState } from "react";
import type { ImportRow } from "../../../api/commands.gen";
import { EllipsisCell } from "../../../components/EllipsisCell";
import { QueryError } from "../../../components/QueryError";
import { formatDateTime } from "../../../format/dateTime";
import { formatCount } from "../../../format/number";
import { useLang, useT } from "../../../i18n/useT";
import { useNoteImports } from "../hooks";
import { IMPORT_STATUS_COLOR, importError, importStatusKey } from "../labels";
import { ImportSummary } from "./ImportSummary";

/** 导入记录: the brand's imports, newest first; each opens its row report. */
export function ImportHistory({ enterpriseId, active }: { enterpriseId: number; active: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const imports = useNoteImports(enterpriseId, active);
  const [viewing, setViewing] = useState<number | null>(null);

  if (viewing !== null)
    return (
      <div className="page-stack">
        <div>
          <Button icon={<ArrowLeftOutlined />} onClick={() => setViewing(null)} data-testid="import-history-back">
            {t("import.backToHistory")}
          </Button>
        </div>
        <ImportSummary importId={viewing} />
      </div>
    );
  if (imports.isError) return <QueryError error={imports.error} onRetry={() => void imports.refetch()} />;

  const count = (n: number) => formatCount(n);
  return (
    <Table<ImportRow>
      data-testid="import-history"
      rowKey="id"
      size="small"
      loading={imports.isFetching}
      dataSource={imports.data ?? []}
      tableLayout="fixed"
      pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("import.historyEmpty")} /> }}
      columns={[
        { title: t("import.fileName"), dataIndex: "file_name", ellipsis: { showTitle: false }, render: (v: string) => <EllipsisCell text={v} /> },
        { title: t("import.dataDate"), dataIndex: "data_date", width: 104, render: (v: string) => <span className="num">{v}</span> },
        {
          title: t("import.col.status"),
          dataIndex: "status",
          width: 88,
          render: (v: string, r) => {
            const tag = <Tag color={IMPORT_STATUS_COLOR[v] ?? "default"}>{t(importStatusKey(v))}</Tag>;
            const why = importError(r, lang);
            return why ? <Tooltip title={why}>{tag}</Tooltip> : tag;
          },
        },
        {
          title: t("import.col.result"),
          key: "result",
          width: 250,
          render: (_: unknown, r) => (
            <div className="cell-lines small-note num">
              <span>{t("import.rowsOf", { done: count(r.rows_done), total: count(r.rows_total) })}</span>
              <span>
                {t("import.resultLine", {
                  inserted: count(r.inserted),
                  updated: count(r.updated),
                  unchanged: count(r.unchanged),
                  rejected: count(r.rejected),
                  aside: count(r.set_aside),
                })}
              </span>
            </div>
          ),
        },
        {
          title: t("import.col.by"),
          key: "by",
          width: 140,
          render: (_: unknown, r) => (
            <div className="cell-lines small-note">
              <span>{r.started_by_name}</span>
              <span className="num">{formatDateTime(r.started_at)}</span>
            </div>
          ),
        },
        {
          title: t("bindings.actions"),
          key: "actions",
          width: 92,
          render: (_: unknown, r) => (
            <Button type="link" size="small" onClick={() => setViewing(r.id)} data-testid={`import-view-${r.id}`}>
              {t("import.viewReport")}
            </Button>
          ),
        },
      ]}
    />
  );
}
