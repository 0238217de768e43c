import { App, Button, Empty, Table, Tag, Typography, type TableColumnsType } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import type { JuguangRow } from "../../api/commands.gen";
import { QueryError } from "../../components/QueryError";
import { useErrorToast } from "../../api/useErrorToast";
import { formatDateTime } from "../../format/dateTime";
import { formatCount } from "../../format/number";
import { useT } from "../../i18n/useT";
import { useEnterprise } from "../session/EnterpriseProvider";
import { chooseExportPath } from "./exportList";
import { useExportJuguang, useJuguangList } from "./hooks";
import { NoteInfoCell } from "./NoteInfoCell";
import { countColumn, interactionsColumn } from "./noteColumns";
import "./notes.css";

/** 聚光 › 导购笔记 (N-7): only the approved notes sent with 前往聚光, for the ads side. */
export function JuguangPage() {
  const t = useT();
  const { current } = useEnterprise();
  if (!current) return <Empty description={t("overview.selectEnterprise")} />;
  return <JuguangView key={current.id} enterpriseId={current.id} />;
}

function JuguangView({ enterpriseId }: { enterpriseId: number }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const list = useJuguangList(enterpriseId);
  const exporter = useExportJuguang();

  const runExport = async () => {
    const target = await chooseExportPath(t("juguang.exportFile")).catch(showError);
    if (!target) return;
    exporter.mutate(
      { enterprise_id: enterpriseId, ...target },
      { onSuccess: (r) => void message.success(t("export.done", { rows: formatCount(r.rows), path: r.path })), onError: showError },
    );
  };

  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const rows = list.data ?? [];

  const columns: TableColumnsType<JuguangRow> = [
    {
      title: t("notes.col.info"),
      key: "info",
      width: 300,
      fixed: "left",
      render: (_: unknown, r) => <NoteInfoCell note={{ ...r, id: r.note_row_id }} />,
    },
    { title: t("notes.col.published"), dataIndex: "published_at", width: 140, render: (v: string) => <span className="num">{formatDateTime(v)}</span> },
    countColumn<JuguangRow>(t("notes.col.exposure"), "exposure"),
    countColumn<JuguangRow>(t("notes.col.reads"), "reads"),
    interactionsColumn<JuguangRow>(t),
    { title: t("juguang.col.sentAt"), dataIndex: "sent_at", width: 140, render: (v: string) => <span className="num">{formatDateTime(v)}</span> },
    { title: t("juguang.col.sentBy"), dataIndex: "sent_by_name", width: 100, ellipsis: true },
  ];

  return (
    <div className="page-stack" data-testid="juguang-page">
      <div className="table-toolbar">
        <Tag color="gold">{t("juguang.badge")}</Tag>
        <Typography.Text type="secondary">{t("juguang.intro")}</Typography.Text>
        <div className="toolbar-spacer" />
        <Button icon={<DownloadOutlined />} disabled={rows.length === 0} loading={exporter.isPending} onClick={() => void runExport()} data-testid="juguang-export">
          {t("notes.filter.export")}
        </Button>
      </div>
      <Table<JuguangRow>
        data-testid="juguang-table"
        rowKey="note_row_id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching}
        tableLayout="fixed"
        scroll={{ x: 1016 }}
        pagination={{
          defaultPageSize: 10,
          pageSizeOptions: [10, 20, 50, 100],
          showSizeChanger: true,
          hideOnSinglePage: false,
          showTotal: (total) => t("pager.total", { total: formatCount(total) }),
        }}
        locale={{
          emptyText: list.isPending ? (
            <div className="table-empty-pad" />
          ) : (
            <Empty
              data-testid="juguang-empty"
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                <div className="empty-explain">
                  <div>{t("juguang.emptyTitle")}</div>
                  <Typography.Text type="secondary">{t("juguang.emptyHint")}</Typography.Text>
                </div>
              }
            >
              <Button href="#/requested" data-testid="juguang-go-requested">
                {t("juguang.goRequested")}
              </Button>
            </Empty>
          ),
        }}
      />
    </div>
  );
}
