import { Card, Table, type TableColumnsType } from "antd";
import type { StoreRow } from "../../bindings";
import { EllipsisCell } from "../../components/EllipsisCell";
import { QueryError } from "../../components/QueryError";
import { formatCount } from "../../format/number";
import { useT } from "../../i18n/useT";
import { useStores } from "./hooks";

export function StoresTable({ enterpriseId }: { enterpriseId: number }) {
  const t = useT();
  const stores = useStores(enterpriseId);

  const columns: TableColumnsType<StoreRow> = [
    { title: t("stores.name"), dataIndex: "name", width: 200, ellipsis: { showTitle: false }, render: (v: string) => <EllipsisCell text={v} /> },
    { title: t("stores.city"), dataIndex: "city", width: 90 },
    { title: t("stores.district"), dataIndex: "district", width: 100 },
    { title: t("stores.address"), dataIndex: "address", ellipsis: { showTitle: false }, render: (v: string) => <EllipsisCell text={v} /> },
    { title: t("stores.staffCount"), dataIndex: "staff_count", width: 90, align: "right", render: (v: number) => <span className="num">{formatCount(v)}</span> },
    { title: t("stores.manager"), dataIndex: "manager_name", width: 110, render: (v: string | null) => v ?? "—" },
  ];

  return (
    <Card size="small" title={t("stores.title")}>
      {stores.isError ? (
        <QueryError error={stores.error} onRetry={() => void stores.refetch()} />
      ) : (
        <Table<StoreRow>
          data-testid="stores-table"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={stores.data ?? []}
          loading={stores.isLoading}
          pagination={false}
          scroll={{ y: 240 }}
          locale={{ emptyText: t("stores.empty") }}
        />
      )}
    </Card>
  );
}
