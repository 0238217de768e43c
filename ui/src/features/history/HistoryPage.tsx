import { Table } from "antd";
import { useMemo } from "react";
import type { HistoryRow } from "../../api/commands.gen";
import { CursorPager } from "../../components/CursorPager";
import { QueryError } from "../../components/QueryError";
import { useCursorPager } from "../../components/useCursorPager";
import { useLang, useT } from "../../i18n/useT";
import { useEnterprise } from "../session/EnterpriseProvider";
import { historyColumns } from "./historyColumns";
import { useHistoryPage } from "./hooks";
import { VerifyChain } from "./VerifyChain";

export function HistoryPage() {
  const t = useT();
  const { lang } = useLang();
  const { current } = useEnterprise();
  return <HistoryTable key={current?.id ?? "all"} enterpriseId={current?.id ?? null} t={t} lang={lang} />;
}

function HistoryTable({ enterpriseId, t, lang }: { enterpriseId: number | null; t: ReturnType<typeof useT>; lang: ReturnType<typeof useLang>["lang"] }) {
  const pager = useCursorPager(20);
  const history = useHistoryPage({ enterprise_id: enterpriseId, entity_type: null, page_size: pager.pageSize, cursor: pager.cursor });
  const columns = useMemo(() => historyColumns(t, lang), [t, lang]);

  if (history.isError) return <QueryError error={history.error} onRetry={() => void history.refetch()} />;
  return (
    <div>
      <div className="toolbar" style={{ display: "flex", justifyContent: "flex-end", marginBottom: 12 }}>
        <VerifyChain />
      </div>
      <Table<HistoryRow>
        data-testid="history-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={history.data?.rows ?? []}
        loading={history.isFetching}
        pagination={false}
        locale={{ emptyText: t("history.empty") }}
      />
      <CursorPager pager={pager} total={history.data?.total} nextCursor={history.data?.next_cursor} testId="history-pager" />
    </div>
  );
}
