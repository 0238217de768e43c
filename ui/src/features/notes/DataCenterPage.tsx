import { App, Button, Empty, Pagination, Table, Tabs, Tag, Typography, type TableColumnsType, type TableProps } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { useState } from "react";
import type { DataCenterRow, DataSort } from "../../api/commands.gen";
import { QueryError } from "../../components/QueryError";
import { useErrorToast } from "../../api/useErrorToast";
import { formatDateTime } from "../../format/dateTime";
import { formatSeconds } from "../../format/duration";
import { formatCount, formatRate } from "../../format/number";
import { useT } from "../../i18n/useT";
import { useEnterprise } from "../session/EnterpriseProvider";
import { chooseExportPath } from "./exportList";
import { useDataCenter, useExportDataCenter } from "./hooks";
import { NoteDetailDrawer } from "./NoteDetailDrawer";
import { NoteInfoCell } from "./NoteInfoCell";
import { countColumn, interactionsColumn, sortProps } from "./noteColumns";
import { NOTE_PAGE_SIZES } from "./useNoteList";
import "./notes.css";

/** 订单来源 as the core names it; KOS notes come by the employee's authorisation. */
function orderSourceLabel(t: ReturnType<typeof useT>, source: string) {
  return source === "用户授权" ? t("dataCenter.source.authorized") : source;
}

/** 数据中心 › 按笔记查看 (N-8): approved KOS notes side by side, sorted in the core. */
export function DataCenterPage() {
  const t = useT();
  const { current } = useEnterprise();
  if (!current) return <Empty description={t("overview.selectEnterprise")} />;
  return <DataCenterView key={current.id} enterpriseId={current.id} />;
}

function DataCenterView({ enterpriseId }: { enterpriseId: number }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const [sort, setSort] = useState<{ sort: DataSort; desc: boolean }>({ sort: "published", desc: true });
  const [page, setPage] = useState({ page: 1, size: 10 });
  const data = useDataCenter({ enterprise_id: enterpriseId, sort: sort.sort, desc: sort.desc, page_size: page.size, page: page.page });
  const exporter = useExportDataCenter();
  const [detailId, setDetailId] = useState<number | null>(null);

  const sorted = (key: DataSort) => sortProps(key, sort.sort, sort.desc);
  const onChange: TableProps<DataCenterRow>["onChange"] = (_p, _f, sorter, extra) => {
    if (extra.action !== "sort") return;
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    setSort(s?.order ? { sort: s.columnKey as DataSort, desc: s.order !== "ascend" } : { sort: "published", desc: true });
    setPage((p) => ({ ...p, page: 1 }));
  };

  const runExport = async () => {
    const target = await chooseExportPath(t("dataCenter.exportFile")).catch(showError);
    if (!target) return;
    exporter.mutate(
      { enterprise_id: enterpriseId, ...target, sort: sort.sort, desc: sort.desc },
      { onSuccess: (r) => void message.success(t("export.done", { rows: formatCount(r.rows), path: r.path })), onError: showError },
    );
  };

  const columns: TableColumnsType<DataCenterRow> = [
    {
      title: t("notes.col.info"),
      key: "info",
      width: 260,
      fixed: "left",
      render: (_: unknown, r) => <NoteInfoCell note={{ ...r, xhs_id: "", id: r.id }} hideAccount />,
    },
    {
      title: t("notes.col.published"),
      dataIndex: "published_at",
      width: 150,
      ...sorted("published"),
      render: (v: string) => <span className="num">{formatDateTime(v)}</span>,
    },
    {
      title: t("dataCenter.col.source"),
      dataIndex: "order_source",
      width: 104,
      render: (v: string) => <Tag color="geekblue">{orderSourceLabel(t, v)}</Tag>,
    },
    { ...countColumn<DataCenterRow>(t("notes.col.exposure"), "exposure"), ...sorted("exposure") },
    { ...countColumn<DataCenterRow>(t("notes.col.reads"), "reads"), ...sorted("reads") },
    interactionsColumn<DataCenterRow>(t),
    rateColumn(t("dataCenter.col.video5s"), "video_5s_rate", sorted("video5s_rate")),
    rateColumn(t("dataCenter.col.image3s"), "image_3s_rate", sorted("image3s_rate")),
    {
      title: t("dataCenter.col.avgView"),
      dataIndex: "avg_view_secs",
      width: 120,
      align: "right",
      ...sorted("avg_view_secs"),
      render: (v: number | null) => <span className="num">{formatSeconds(v, t)}</span>,
    },
    { ...countColumn<DataCenterRow>(t("dataCenter.col.readUv"), "read_uv"), ...sorted("read_uv") },
    {
      title: t("dataCenter.col.videoSecs"),
      dataIndex: "video_secs",
      width: 120,
      align: "right",
      ...sorted("video_secs"),
      render: (v: number | null) => <span className="num">{formatSeconds(v, t)}</span>,
    },
    {
      title: t("bindings.actions"),
      key: "actions",
      width: 96,
      fixed: "right",
      render: (_: unknown, r) => (
        <Button type="link" size="small" onClick={() => setDetailId(r.id)} data-testid="row-view-data" data-row-id={r.id}>
          {t("dataCenter.viewData")}
        </Button>
      ),
    },
  ];

  return (
    <div className="page-stack" data-testid="data-center-page">
      <Tabs items={[{ key: "notes", label: t("dataCenter.byNote") }]} activeKey="notes" className="page-tabs" />
      <div className="table-toolbar">
        <span className="filter-chip">
          {t("dataCenter.col.source")}
          {t("common.colon")}
          <Tag color="geekblue">{t("dataCenter.source.authorized")}</Tag>
        </span>
        <Typography.Text type="secondary">{t("dataCenter.intro")}</Typography.Text>
        <div className="toolbar-spacer" />
        <Button
          icon={<DownloadOutlined />}
          disabled={!data.data?.total}
          loading={exporter.isPending}
          onClick={() => void runExport()}
          data-testid="data-center-export"
        >
          {t("notes.filter.export")}
        </Button>
      </div>
      {data.isError && !data.data ? (
        <QueryError error={data.error} onRetry={() => void data.refetch()} />
      ) : (
        <div>
          <Table<DataCenterRow>
            data-testid="data-center-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.rows ?? []}
            loading={data.isFetching}
            pagination={false}
            onChange={onChange}
            tableLayout="fixed"
            scroll={{ x: 1554 }}
            locale={{
              emptyText: data.isPending ? (
                <div className="table-empty-pad" />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dataCenter.empty")} />
              ),
            }}
          />
          <div className="table-pager">
            <Pagination
              data-testid="data-center-pager"
              current={page.page}
              pageSize={page.size}
              total={data.data?.total ?? 0}
              pageSizeOptions={NOTE_PAGE_SIZES}
              showSizeChanger
              showQuickJumper
              showTotal={(total) => t("pager.total", { total: formatCount(total) })}
              onChange={(p, size) => setPage(size !== page.size ? { page: 1, size } : { page: p, size })}
            />
          </div>
        </div>
      )}
      <NoteDetailDrawer noteRowId={detailId} onClose={() => setDetailId(null)} />
    </div>
  );
}

function rateColumn(title: string, dataIndex: "video_5s_rate" | "image_3s_rate", sort: ReturnType<typeof sortProps>) {
  return {
    title,
    dataIndex,
    width: 128,
    align: "right" as const,
    ...sort,
    render: (v: number | null) => <span className="num">{formatRate(v)}</span>,
  };
}
