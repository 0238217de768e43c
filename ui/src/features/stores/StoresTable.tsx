import { useState } from "react";
import { Alert, App, Button, Card, Space, Table, Tag, type TableColumnsType } from "antd";
import type { StoreRow } from "../../api/commands.gen";
import { EllipsisCell } from "../../components/EllipsisCell";
import { QueryError } from "../../components/QueryError";
import { useErrorToast } from "../../api/useErrorToast";
import { formatCount } from "../../format/number";
import { useT } from "../../i18n/useT";
import { useSession } from "../session/hooks";
import { useEnterprise } from "../session/EnterpriseProvider";
import { ReasonPrompt } from "../setup/ReasonPrompt";
import { StoreFormModal } from "../setup/StoreFormModal";
import { StoreImportModal } from "../setup/StoreImportModal";
import { useCloseStore } from "../setup/hooks";
import { useStores } from "./hooks";

export function StoresTable({ enterpriseId }: { enterpriseId: number }) {
  const t = useT();
  const stores = useStores(enterpriseId);
  const { message } = App.useApp();
  const showError = useErrorToast();
  const { current } = useEnterprise();
  // U-2: the brand's stores are managed here by those the core lets (the administrator, brand marketing)
  const canManage = useSession().data?.permissions.includes("manage_stores") ?? false;
  const closeStore = useCloseStore();
  const [editing, setEditing] = useState<StoreRow | "new" | null>(null);
  const [importing, setImporting] = useState(false);
  const [closing, setClosing] = useState<StoreRow | null>(null);

  const columns: TableColumnsType<StoreRow> = [
    { title: t("stores.name"), dataIndex: "name", width: 200, ellipsis: { showTitle: false }, render: (v: string) => <EllipsisCell text={v} /> },
    { title: t("stores.city"), dataIndex: "city", width: 90 },
    { title: t("stores.district"), dataIndex: "district", width: 100 },
    { title: t("stores.address"), dataIndex: "address", ellipsis: { showTitle: false }, render: (v: string) => <EllipsisCell text={v} /> },
    { title: t("stores.staffCount"), dataIndex: "staff_count", width: 90, align: "right", render: (v: number) => <span className="num">{formatCount(v)}</span> },
    { title: t("stores.manager"), dataIndex: "manager_name", width: 110, render: (v: string | null) => v ?? "—" },
    { title: t("setup.managerPhone"), dataIndex: "manager_phone_masked", width: 120, render: (v: string | null) => v ?? "—" },
    {
      title: t("setup.storeStatus"),
      dataIndex: "closed_on",
      width: 150,
      render: (v: string | null) =>
        v ? <Tag data-testid="store-closed">{t("setup.storeClosedOn", { date: v })}</Tag> : <Tag color="green">{t("setup.storeOpen")}</Tag>,
    },
  ];
  if (canManage) {
    columns.push({
      title: t("setup.actions"),
      key: "actions",
      width: 130,
      render: (_: unknown, s) =>
        s.closed_on ? null : (
          <Space size={4}>
            <Button size="small" type="link" onClick={() => setEditing(s)} data-testid={`store-edit-${s.id}`}>
              {t("setup.edit")}
            </Button>
            <Button size="small" type="link" danger onClick={() => setClosing(s)} data-testid={`store-close-${s.id}`}>
              {t("setup.closeStore")}
            </Button>
          </Space>
        ),
    });
  }

  // B-1 reads the declared number: more open stores than declared is said, not silently accepted
  const open = (stores.data ?? []).filter((s) => !s.closed_on).length;
  const declared = current?.id === enterpriseId ? current.store_count : null;

  return (
    <Card
      size="small"
      title={t("stores.title")}
      extra={
        canManage && (
          <Space>
            <Button size="small" onClick={() => setEditing("new")} data-testid="store-new">
              {t("setup.newStore")}
            </Button>
            <Button size="small" type="primary" onClick={() => setImporting(true)} data-testid="store-import">
              {t("setup.sheet.open")}
            </Button>
          </Space>
        )
      }
    >
      {declared !== null && open > declared && (
        <Alert
          type="warning"
          showIcon
          data-testid="stores-cap-warning"
          title={t("setup.capWarning", { open, declared })}
          style={{ marginBottom: 8 }}
        />
      )}
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
      {canManage && (
        <>
          <StoreFormModal
            open={editing !== null}
            enterpriseId={enterpriseId}
            store={editing === "new" ? null : editing}
            onClose={() => setEditing(null)}
          />
          <StoreImportModal open={importing} enterpriseId={enterpriseId} onClose={() => setImporting(false)} />
          <ReasonPrompt
            open={closing !== null}
            title={t("setup.closeStoreTitle", { name: closing?.name ?? "" })}
            text={t("setup.closeStoreText")}
            okText={t("setup.closeStore")}
            danger
            saving={closeStore.isPending}
            onCancel={() => setClosing(null)}
            onConfirm={(reason) =>
              closeStore.mutate(
                { store_id: closing!.id, reason },
                {
                  onSuccess: (s) => {
                    setClosing(null);
                    void message.success(t("setup.storeClosed", { name: s.name }));
                  },
                  onError: showError,
                },
              )
            }
          />
        </>
      )}
    </Card>
  );
}
