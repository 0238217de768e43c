import { Card, Input, Select, Table } from "antd";
import { useMemo, useState } from "react";
import type { StaffRow } from "../../api/commands.gen";
import { CursorPager } from "../../components/CursorPager";
import { QueryError } from "../../components/QueryError";
import { useCursorPager } from "../../components/useCursorPager";
import { useT } from "../../i18n/useT";
import { usePermission } from "../bindings/hooks";
import { LeaveDialog } from "../roster/LeaveDialog";
import { useStaffPage, useStores } from "./hooks";
import { staffColumns } from "./staffColumns";

export function StaffTable({ enterpriseId }: { enterpriseId: number }) {
  const t = useT();
  const stores = useStores(enterpriseId);
  const pager = useCursorPager(20);
  const [storeId, setStoreId] = useState<number | null>(null);
  const [keyword, setKeyword] = useState<string | null>(null);
  const staff = useStaffPage({
    enterprise_id: enterpriseId,
    store_id: storeId,
    keyword,
    page_size: pager.pageSize,
    cursor: pager.cursor,
  });
  const canLeave = usePermission("manage_roster");
  const [leaving, setLeaving] = useState<StaffRow | null>(null);
  const columns = useMemo(() => staffColumns(t, canLeave ? setLeaving : undefined), [t, canLeave]);

  const onStore = (id: number | null) => {
    setStoreId(id);
    pager.reset();
  };
  const onSearch = (text: string) => {
    setKeyword(text.trim() || null);
    pager.reset();
  };

  return (
    <Card size="small" title={t("staff.title")}>
      <div className="page-stack">
        <div className="table-toolbar">
          <Select<number>
            data-testid="staff-store-filter"
            style={{ width: 220 }}
            allowClear
            placeholder={t("staff.allStores")}
            value={storeId ?? undefined}
            onChange={(id) => onStore(id ?? null)}
            options={(stores.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
          <Input.Search
            data-testid="staff-keyword"
            allowClear
            style={{ width: 300 }}
            placeholder={t("staff.keyword")}
            onSearch={onSearch}
          />
        </div>
        {staff.isError ? (
          <QueryError error={staff.error} onRetry={() => void staff.refetch()} />
        ) : (
          <>
            <Table<StaffRow>
              data-testid="staff-table"
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={staff.data?.rows ?? []}
              loading={staff.isFetching}
              pagination={false}
              scroll={{ x: 1400 }}
              locale={{ emptyText: t("staff.empty") }}
            />
            <CursorPager pager={pager} total={staff.data?.total} nextCursor={staff.data?.next_cursor} testId="staff-pager" />
          </>
        )}
      </div>
      <LeaveDialog staff={leaving} enterpriseId={enterpriseId} onClose={() => setLeaving(null)} />
    </Card>
  );
}
