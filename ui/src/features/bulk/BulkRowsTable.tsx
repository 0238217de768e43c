import { Segmented, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMemo, useState } from "react";
import type { BulkReport, BulkRow } from "../../api/commands.gen";
import { formatCount } from "../../format/number";
import { useLang, useT } from "../../i18n/useT";

export type RowFilter = "all" | "valid" | "invalid";

/** The checked rows with 有效/无效 tags and the reasons. The whole report (≤ 2,000 rows) is already in
 * hand, so the filter is a view over it, not a query. */
export function BulkRowsTable({ report }: { report: BulkReport }) {
  const t = useT();
  const { lang } = useLang();
  const [filter, setFilter] = useState<RowFilter>("all");
  const rows = useMemo(
    () => report.rows.filter((r) => filter === "all" || (filter === "valid" ? r.valid || r.sent : !r.valid && !r.sent)),
    [report.rows, filter],
  );

  const columns: ColumnsType<BulkRow> = [
    { title: t("bulk.col.row"), dataIndex: "row", width: 64, className: "num" },
    { title: t("bulk.col.xhsId"), dataIndex: "xhs_id", width: 130 },
    { title: t("bulk.col.name"), dataIndex: "name", width: 96, ellipsis: true },
    { title: t("bulk.col.idNumber"), dataIndex: "id_masked", width: 170, className: "num" },
    { title: t("bulk.col.store"), dataIndex: "store", width: 150, ellipsis: true },
    { title: t("bulk.col.jobTitle"), dataIndex: "job_title", width: 80 },
    { title: t("bulk.col.mode"), dataIndex: "mode_label", width: 120 },
    { title: t("bulk.col.proof"), dataIndex: "proof_file", width: 150, ellipsis: true },
    {
      title: t("bulk.col.result"),
      key: "result",
      width: 84,
      render: (_, r) =>
        r.sent ? (
          <Tag color="blue">{t("bulk.sent")}</Tag>
        ) : r.valid ? (
          <Tag color="success">{t("bulk.valid")}</Tag>
        ) : (
          <Tag color="error">{t("bulk.invalid")}</Tag>
        ),
    },
    {
      title: t("bulk.col.reasons"),
      key: "reasons",
      render: (_, r) =>
        r.errors.length === 0 ? (
          <Typography.Text type="secondary">{t("common.none")}</Typography.Text>
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 16 }} data-testid={`bulk-reasons-${r.row}`}>
            {r.errors.map((e, i) => (
              <li key={i}>{lang === "en" ? e.message_en : e.message_zh}</li>
            ))}
          </ul>
        ),
    },
  ];

  const invalid = report.rows.length - report.valid;
  return (
    <>
      <Segmented<RowFilter>
        data-testid="bulk-filter"
        value={filter}
        onChange={setFilter}
        options={[
          { value: "all", label: <span data-testid="bulk-filter-all">{t("bulk.filter.all", { n: formatCount(report.rows.length) })}</span> },
          { value: "valid", label: <span data-testid="bulk-filter-valid">{t("bulk.filter.valid", { n: formatCount(report.valid) })}</span> },
          { value: "invalid", label: <span data-testid="bulk-filter-invalid">{t("bulk.filter.invalid", { n: formatCount(invalid) })}</span> },
        ]}
      />
      <Table<BulkRow>
        data-testid="bulk-rows"
        rowKey="row"
        size="small"
        columns={columns}
        dataSource={rows}
        scroll={{ x: 1300 }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: t("bulk.noRows") }}
      />
    </>
  );
}
