import { App, Button, Empty, Space, Spin, Table, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { useNavigate } from "react-router";
import type { Campaign } from "../../api/commands.gen";
import { useErrorToast } from "../../api/useErrorToast";
import { QueryError } from "../../components/QueryError";
import { useT } from "../../i18n/useT";
import { useEnterprise } from "../session/EnterpriseProvider";
import { useSession } from "../session/hooks";
import { useStores } from "../stores/hooks";
import { CampaignForm, type CampaignFormValues } from "./CampaignForm";
import { useCampaigns, useCreateCampaign, useUpdateCampaign } from "./hooks";
import { scopeText, STATUS_COLOR, statusLabel } from "./labels";

/** 激励活动 (I-1..I-3): the brand's campaigns; a row opens its board (#/campaigns/<id>/board). */
export function CampaignsPage() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const enterprise = useEnterprise().current;
  const permissions = useSession().data?.permissions ?? [];
  const mayManage = permissions.includes("manage_campaigns");
  const campaigns = useCampaigns(enterprise?.id);
  const stores = useStores(enterprise?.id);
  const create = useCreateCampaign();
  const update = useUpdateCampaign();
  const navigate = useNavigate();
  const [form, setForm] = useState<{ editing: Campaign | null } | null>(null);

  if (!enterprise) return <Empty description={t("header.noEnterprise")} />;

  const save = (v: CampaignFormValues) => {
    const editing = form?.editing;
    const done = (text: string) => () => {
      setForm(null);
      void message.success(text);
    };
    if (editing) {
      update.mutate(
        { campaign_id: editing.id, name: v.name, start_date: v.start_date, end_date: v.end_date, scope: v.scope ?? { store_ids: [], cities: [] }, rules: v.rules, reason: v.reason ?? "" },
        { onSuccess: done(t("campaigns.updated")), onError: showError },
      );
    } else {
      create.mutate(
        { enterprise_id: enterprise.id, name: v.name, start_date: v.start_date, end_date: v.end_date, scope: v.scope, rules: v.rules },
        { onSuccess: done(t("campaigns.created")), onError: showError },
      );
    }
  };

  const columns: ColumnsType<Campaign> = [
    { title: t("campaigns.col.name"), dataIndex: "name", ellipsis: true },
    { title: t("campaigns.col.period"), key: "period", width: 200, render: (_, c) => <span className="num">{c.start_date} ~ {c.end_date}</span> },
    { title: t("campaigns.col.scope"), key: "scope", ellipsis: true, render: (_, c) => scopeText(c, stores.data, t) },
    {
      title: t("campaigns.col.status"),
      dataIndex: "status",
      width: 96,
      render: (_, c) => <Tag color={STATUS_COLOR[c.status]}>{t(statusLabel(c.status))}</Tag>,
    },
    {
      title: t("campaigns.col.actions"),
      key: "actions",
      width: 168,
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" data-testid={`campaign-board-${c.id}`} onClick={() => void navigate(`/campaigns/${c.id}/board`)}>
            {t("campaigns.viewBoard")}
          </Button>
          {mayManage && c.status !== "confirmed" && (
            <Button type="link" size="small" data-testid={`campaign-edit-${c.id}`} onClick={() => setForm({ editing: c })}>
              {t("campaigns.edit")}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="page-stack" data-testid="campaigns-page">
      {mayManage && (
        <div className="table-toolbar">
          <span className="toolbar-spacer" />
          <Button type="primary" data-testid="campaign-new" onClick={() => setForm({ editing: null })}>
            {t("campaigns.new")}
          </Button>
        </div>
      )}
      {campaigns.isError ? (
        <QueryError error={campaigns.error} onRetry={() => void campaigns.refetch()} />
      ) : campaigns.isPending ? (
        <Spin className="centered-fill" />
      ) : (
        <Table<Campaign>
          size="middle"
          rowKey="id"
          columns={columns}
          dataSource={campaigns.data}
          pagination={false}
          tableLayout="fixed"
          onRow={(c) => ({ "data-testid": `campaign-row-${c.id}` }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty description={t("campaigns.empty")} /> }}
        />
      )}
      {mayManage && (
        <CampaignForm
          open={form !== null}
          enterpriseId={enterprise.id}
          editing={form?.editing ?? null}
          saving={create.isPending || update.isPending}
          onCancel={() => setForm(null)}
          onSubmit={save}
        />
      )}
    </div>
  );
}
