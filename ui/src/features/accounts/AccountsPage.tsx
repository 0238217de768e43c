import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Popover, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from "antd";
import { FileExcelOutlined, HistoryOutlined, PlusOutlined } from "@ant-design/icons";
import { useState } from "react";
import type { AccountEntry, AccountImportReport, RosterRowError } from "../../api/commands.gen";
import { pickOpenFile } from "../../api/files";
import { useErrorToast } from "../../api/useErrorToast";
import { ErrorAlert } from "../../components/ErrorAlert";
import { QueryError } from "../../components/QueryError";
import { formatCount } from "../../format/number";
import { useLang, useT } from "../../i18n/useT";
import { usePermission } from "../bindings/hooks";
import { useEnterprise } from "../session/EnterpriseProvider";
import { useStaffPage } from "../stores/hooks";
import { useAccountSnapshots, useAccounts, useImportAccounts, useRegisterAccount } from "../roster/hooks";

/** 小红书账号 (U-2, B-2): the brand's accounts with what B-2 checks, registered by form or imported by sheet. */
export function AccountsPage() {
  const t = useT();
  const { current } = useEnterprise();
  if (!current) return <Empty description={t("overview.selectEnterprise")} />;
  return <Accounts key={current.id} enterpriseId={current.id} />;
}

function Accounts({ enterpriseId }: { enterpriseId: number }) {
  const t = useT();
  const { lang } = useLang();
  const showError = useErrorToast();
  const accounts = useAccounts(enterpriseId);
  const canManage = usePermission("manage_accounts");
  const importAccounts = useImportAccounts();
  const [registering, setRegistering] = useState(false);
  const [report, setReport] = useState<AccountImportReport | null>(null);

  const runImport = async () => {
    const f = await pickOpenFile([{ name: t("roster.sheetFilter"), extensions: ["xlsx", "csv"] }]).catch(showError);
    if (!f) return;
    setReport(null);
    importAccounts.mutate({ enterprise_id: enterpriseId, file: f.token }, { onSuccess: setReport });
  };

  const columns: TableColumnsType<AccountEntry> = [
    { title: t("staff.xhsId"), dataIndex: "xhs_id", width: 130, fixed: "left", render: (v: string) => <span className="mono">{v}</span> },
    { title: t("staff.nickname"), dataIndex: "nickname", width: 140 },
    {
      title: t("staff.followers"),
      dataIndex: "followers",
      width: 130,
      align: "right",
      render: (v: number, a) => (
        <Space size={4}>
          <span className="num">{formatCount(v)}</span>
          <FollowersHistory enterpriseId={enterpriseId} account={a} />
        </Space>
      ),
    },
    { title: t("accounts.followersOn"), dataIndex: "followers_on", width: 104, render: (v: string | null) => <span className="num">{v ?? "—"}</span> },
    {
      title: t("accounts.b2"),
      key: "b2",
      width: 190,
      render: (_: unknown, a) => (
        <Space size={4} wrap>
          <Tag color={a.phone_bound ? "green" : "red"}>{t(a.phone_bound ? "accounts.phoneBound" : "accounts.phoneUnbound")}</Tag>
          <Tag color={a.has_shop ? "red" : "green"}>{t(a.has_shop ? "accounts.hasShop" : "accounts.noShop")}</Tag>
        </Space>
      ),
    },
    {
      title: t("accounts.owner"),
      key: "owner",
      width: 150,
      render: (_: unknown, a) => (a.owner_name ? `${a.owner_name}${a.owner_employee_no ? `（${a.owner_employee_no}）` : ""}` : "—"),
    },
    {
      title: t("accounts.binding"),
      key: "binding",
      render: (_: unknown, a) =>
        a.binding_status ? (
          <Space size={4}>
            <Tag color={a.binding_mode === "enterprise" ? "blue" : "purple"}>
              {t(a.binding_mode === "enterprise" ? "staff.binding.enterprise" : "staff.binding.personal")}
            </Tag>
            <span>{a.bound_staff_name}</span>
          </Space>
        ) : (
          <Tag>{t("staff.unbound")}</Tag>
        ),
    },
  ];

  const errorColumns: TableColumnsType<RosterRowError> = [
    { title: t("roster.col.line"), dataIndex: "line", width: 64, align: "right" },
    { title: t("roster.col.column"), dataIndex: "column", width: 110 },
    { title: t("roster.col.value"), dataIndex: "value", width: 140, render: (v: string) => <span className="mono">{v || "—"}</span> },
    { title: t("roster.col.reason"), key: "reason", render: (_: unknown, e) => (lang === "en" ? e.reason_en : e.reason) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="accounts-page">
      <Card
        size="small"
        title={t("accounts.title")}
        extra={
          canManage && (
            <Space>
              <Button icon={<FileExcelOutlined />} loading={importAccounts.isPending} onClick={() => void runImport()} data-testid="accounts-import">
                {t("accounts.import")}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="accounts-register">
                {t("accounts.register")}
              </Button>
            </Space>
          )
        }
      >
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Typography.Text type="secondary">{t("accounts.hint")}</Typography.Text>
          {importAccounts.isError && <ErrorAlert error={importAccounts.error} testId="accounts-import-error" />}
          {report && (
            <Alert
              type={report.applied ? "success" : "error"}
              showIcon
              data-testid="accounts-report"
              title={
                report.applied
                  ? t("accounts.imported", { created: report.created, updated: report.updated, same: report.unchanged })
                  : t("accounts.importRefused", { rows: report.rows_read, n: report.error_count })
              }
              description={
                report.errors.length > 0 ? (
                  <Table<RosterRowError>
                    data-testid="accounts-report-errors"
                    rowKey={(e) => `${e.line}-${e.column}`}
                    size="small"
                    columns={errorColumns}
                    dataSource={report.errors}
                    pagination={false}
                  />
                ) : undefined
              }
            />
          )}
          {accounts.isError ? (
            <QueryError error={accounts.error} onRetry={() => void accounts.refetch()} />
          ) : (
            <Table<AccountEntry>
              data-testid="accounts-table"
              rowKey="account_id"
              size="small"
              columns={columns}
              dataSource={accounts.data ?? []}
              loading={accounts.isLoading}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              scroll={{ x: 1000 }}
              locale={{ emptyText: t("accounts.empty") }}
            />
          )}
        </Space>
      </Card>
      <RegisterModal open={registering} enterpriseId={enterpriseId} onClose={() => setRegistering(false)} />
    </Space>
  );
}

function FollowersHistory({ enterpriseId, account }: { enterpriseId: number; account: AccountEntry }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const snaps = useAccountSnapshots(enterpriseId, open ? account.account_id : null);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      title={t("accounts.history", { xhs: account.xhs_id })}
      content={
        <div data-testid={`accounts-history-${account.account_id}`} style={{ minWidth: 260 }}>
          {(snaps.data ?? []).length === 0 ? (
            <Typography.Text type="secondary">{t("accounts.noHistory")}</Typography.Text>
          ) : (
            (snaps.data ?? []).map((s) => (
              <div key={s.date}>
                <span className="num">{s.date}</span> · {s.nickname} · <span className="num">{formatCount(s.followers)}</span>
              </div>
            ))
          )}
        </div>
      }
    >
      <Button size="small" type="text" icon={<HistoryOutlined />} aria-label={t("accounts.history", { xhs: account.xhs_id })} />
    </Popover>
  );
}

type RegisterValues = { xhs_id: string; nickname: string; followers: number; phone_bound: boolean; has_shop: boolean; owner_staff_id?: number };

function RegisterModal({ open, enterpriseId, onClose }: { open: boolean; enterpriseId: number; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterValues>();
  const register = useRegisterAccount();
  const [keyword, setKeyword] = useState<string | null>(null);
  const staff = useStaffPage(open ? { enterprise_id: enterpriseId, store_id: null, keyword, page_size: 50, cursor: null } : null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    register.mutate(
      {
        enterprise_id: enterpriseId,
        xhs_id: v.xhs_id.trim(),
        nickname: v.nickname.trim(),
        followers: v.followers,
        phone_bound: v.phone_bound,
        has_shop: v.has_shop,
        owner_staff_id: v.owner_staff_id ?? null,
      },
      {
        onSuccess: (a) => {
          void message.success(t("accounts.registered", { xhs: a.xhs_id }));
          form.resetFields();
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t("accounts.register")}
      okText={t("accounts.registerOk")}
      cancelText={t("common.cancel")}
      confirmLoading={register.isPending}
      onOk={() => void submit()}
      onCancel={() => {
        register.reset();
        onClose();
      }}
      okButtonProps={{ "data-testid": "register-ok" }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ followers: 0, phone_bound: true, has_shop: false }} preserve={false}>
        <Form.Item name="xhs_id" label={t("staff.xhsId")} rules={[{ required: true, whitespace: true, message: t("accounts.xhsRequired") }]}>
          <Input data-testid="register-xhs" maxLength={32} />
        </Form.Item>
        <Form.Item name="nickname" label={t("staff.nickname")} rules={[{ required: true, whitespace: true, message: t("accounts.nicknameRequired") }]}>
          <Input data-testid="register-nickname" maxLength={40} />
        </Form.Item>
        <Form.Item name="followers" label={t("staff.followers")} rules={[{ required: true }]}>
          <InputNumber min={0} precision={0} style={{ width: 200 }} data-testid="register-followers" />
        </Form.Item>
        <Space size="large">
          <Form.Item name="phone_bound" label={t("accounts.phoneBoundQ")} valuePropName="checked">
            <Switch data-testid="register-phone" />
          </Form.Item>
          <Form.Item name="has_shop" label={t("accounts.hasShopQ")} valuePropName="checked">
            <Switch data-testid="register-shop" />
          </Form.Item>
        </Space>
        <Form.Item name="owner_staff_id" label={t("accounts.owner")}>
          <Select<number>
            allowClear
            showSearch={{ filterOption: false, onSearch: (text) => setKeyword(text.trim() || null) }}
            data-testid="register-owner"
            loading={staff.isFetching}
            placeholder={t("accounts.ownerHint")}
            options={(staff.data?.rows ?? []).map((s) => ({
              value: s.id,
              label: `${s.name} · ${s.store_name}${s.employee_no ? ` · ${s.employee_no}` : ""}`,
            }))}
          />
        </Form.Item>
        <Typography.Text type="secondary">{t("accounts.b2Hint")}</Typography.Text>
      </Form>
      {register.isError && <ErrorAlert error={register.error} testId="register-error" />}
    </Modal>
  );
}
