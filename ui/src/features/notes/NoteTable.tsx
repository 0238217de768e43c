import { Alert, Empty, Pagination, Spin, Table, type TableColumnsType, type TableProps } from "antd";
import { useEffect } from "react";
import type { NoteSort, QueueNote } from "../../api/commands.gen";
import { errorText } from "../../api/apiError";
import { QueryError } from "../../components/QueryError";
import { formatCount } from "../../format/number";
import { useLang, useT } from "../../i18n/useT";
import { isIndexing } from "./hooks";
import { NOTE_PAGE_SIZES, type NoteListState } from "./useNoteList";
import "./notes.css";

type Props = {
  state: NoteListState;
  columns: TableColumnsType<QueueNote>;
  testId: string;
  scrollX: number;
  emptyText: string;
  rowSelection?: TableProps<QueueNote>["rowSelection"];
};

/** A note list with server-side sort and 10/20/50/100 条/页, 共 N 条, 跳至 (N-4). */
export function NoteTable({ state, columns, testId, scrollX, emptyText, rowSelection }: Props) {
  const t = useT();
  const { lang } = useLang();
  const { result, page, pageSize, goTo } = state;
  const data = result.data;

  // rows taken away (requested, decided) can leave the page past the end: step back to the last page
  useEffect(() => {
    if (!data || result.isPlaceholderData || result.isFetching) return;
    const last = Math.max(1, Math.ceil(data.total / pageSize));
    if (data.rows.length === 0 && page > last) goTo(last, pageSize);
  }, [data, result.isPlaceholderData, result.isFetching, page, pageSize, goTo]);

  const onChange: TableProps<QueueNote>["onChange"] = (_p, _f, sorter, extra) => {
    if (extra.action !== "sort") return;
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    state.setSort(s?.order ? (s.columnKey as NoteSort) : null, s?.order !== "ascend");
  };

  if (result.isError && isIndexing(result.error)) {
    return (
      <Alert
        type="info"
        showIcon
        icon={<Spin size="small" />}
        data-testid="notes-indexing"
        title={errorText(result.error, lang, t("common.error"))}
        description={t("notes.indexingHint")}
      />
    );
  }
  if (result.isError && !data) return <QueryError error={result.error} onRetry={() => void result.refetch()} />;

  return (
    <div>
      {result.isError && (
        <Alert type="error" showIcon className="action-hint" data-testid="notes-error" title={errorText(result.error, lang, t("common.error"))} />
      )}
      <Table<QueueNote>
        data-testid={testId}
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.rows ?? []}
        loading={result.isFetching}
        pagination={false}
        onChange={onChange}
        rowSelection={rowSelection}
        scroll={{ x: scrollX }}
        tableLayout="fixed"
        locale={{ emptyText: result.isPending ? <div className="table-empty-pad" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
      />
      <div className="table-pager">
        <Pagination
          data-testid={`${testId}-pager`}
          current={page}
          pageSize={pageSize}
          total={data?.total ?? 0}
          pageSizeOptions={NOTE_PAGE_SIZES}
          showSizeChanger
          showQuickJumper
          showTotal={(total) => t("pager.total", { total: formatCount(total) })}
          onChange={goTo}
        />
      </div>
    </div>
  );
}
