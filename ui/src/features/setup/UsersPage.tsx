import { useState } from "react";
import { App, Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from "antd";
import type { UserAccount } from "../../api/commands.gen";
import { QueryError } from "../../components/QueryError";
import { useErrorToast } from "../../api/useErrorToast";
import { roleKey } from "../../i18n/roleLabel";
import { useT } from "../../i18n/useT";
import { ReasonPrompt } from "./ReasonPrompt";
import { UserFormModal } from "./UserFormModal";
import { useSetUserActive, useUserAccounts } from "./hooks";
import "./setup.css";

/** 用户与角色 (U-3): every user with role, brand or agency, stores and status; the administrator's forms. */
export function UsersPage() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const users = useUserAccounts(true);
  const setActive = useSetUserActive();
  const [editing, setEditing] = useState<UserAccount | "new" | null>(null);
  const [toggling, setToggling] = useState<UserAccount | null>(null);

  const columns: TableColumnsType<UserAccount> = [
    { title: t("setup.userName"), dataIndex: "name", width: 130 },
    { title: t("setup.role"), dataIndex: "role", width: 110, render: (_: unknown, u) => <Tag>{t(roleKey(u.role))}</Tag> },
    {
      title: t("setup.brandOrAgency"),
      key: "brand",
      width: 180,
      render: (_: unknown, u) => u.enterprise_name ?? (u.agency_name ? `${t("role.agency")}：${u.agency_name}` : "—"),
    },
    {
      title: t("setup.managedStores"),
      key: "stores",
      render: (_: unknown, u) =>
        u.store_names.length > 0 ? u.store_names.join("、") : u.staff_name ? `${t("setup.staffMember")}：${u.staff_name}` : "—",
    },
    { title: t("setup.phone"), dataIndex: "phone_masked", width: 120, render: (v: string | null) => v ?? "—" },
    {
      title: t("setup.status"),
      dataIndex: "active",
      width: 90,
      render: (active: boolean) =>
        active ? <Tag color="green">{t("setup.active")}</Tag> : <Tag color="default">{t("setup.inactive")}</Tag>,
    },
    {
      title: t("setup.actions"),
      key: "actions",
      width: 130,
      render: (_: unknown, u) => (
        <Space size={4}>
          <Button size="small" type="link" onClick={() => setEditing(u)} data-testid={`user-edit-${u.id}`}>
            {t("setup.edit")}
          </Button>
          {!u.local_admin && (
            <Button size="small" type="link" danger={u.active} onClick={() => setToggling(u)} data-testid={`user-toggle-${u.id}`}>
              {u.active ? t("setup.deactivate") : t("setup.reactivate")}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="page-stack" data-testid="users-page">
      <Card
        size="small"
        title={t("nav.users")}
        extra={
          <Button type="primary" size="small" onClick={() => setEditing("new")} data-testid="user-new">
            {t("setup.newUser")}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t("setup.usersHint")}</Typography.Paragraph>
        {users.isError ? (
          <QueryError error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<UserAccount>
            data-testid="users-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={users.data ?? []}
            loading={users.isLoading}
            pagination={false}
            rowClassName={(u) => (u.active ? "" : "row-muted")}
          />
        )}
      </Card>
      <UserFormModal open={editing !== null} user={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      <ReasonPrompt
        open={toggling !== null}
        title={toggling?.active ? t("setup.deactivateTitle", { name: toggling.name }) : t("setup.reactivateTitle", { name: toggling?.name ?? "" })}
        text={toggling?.active ? t("setup.deactivateText") : undefined}
        okText={toggling?.active ? t("setup.deactivate") : t("setup.reactivate")}
        danger={toggling?.active}
        saving={setActive.isPending}
        onCancel={() => setToggling(null)}
        onConfirm={(reason) =>
          setActive.mutate(
            { user_id: toggling!.id, active: !toggling!.active, reason },
            {
              onSuccess: (u) => {
                setToggling(null);
                void message.success(u.active ? t("setup.reactivated", { name: u.name }) : t("setup.deactivated", { name: u.name }));
              },
              onError: showError,
            },
          )
        }
      />
    </div>
  );
}
