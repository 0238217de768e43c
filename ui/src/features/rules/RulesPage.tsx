import { Alert, App, Table } from "antd";
import { useMemo, useState } from "react";
import type { RuleSetting } from "../../api/commands.gen";
import { useErrorToast } from "../../api/useErrorToast";
import { QueryError } from "../../components/QueryError";
import { useLang, useT } from "../../i18n/useT";
import { useEnterprise } from "../session/EnterpriseProvider";
import { useSession } from "../session/hooks";
import { BackupCard } from "../backup/BackupCard";
import { UpdatesCard } from "../updates/UpdatesCard";
import { ReasonModal } from "./ReasonModal";
import { rulesColumns } from "./rulesColumns";
import { useRuleSettings, useUpdateRuleSetting } from "./hooks";


export function RulesPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const { current } = useEnterprise();
  const enterpriseId = current?.id ?? null;
  // the session mirrors the role's permissions; the core checks the role again on every change
  const editable = useSession().data?.permissions.includes("edit_rule_settings") ?? false;

  const settings = useRuleSettings(enterpriseId);
  const update = useUpdateRuleSetting();
  const [drafts, setDrafts] = useState<Record<string, number>>({});
  const [pending, setPending] = useState<RuleSetting | null>(null);

  const columns = useMemo(
    () =>
      rulesColumns(t, lang, {
        editable,
        drafts,
        setDraft: (key, value) =>
          setDrafts((d) => {
            const { [key]: _old, ...rest } = d;
            return value === null ? rest : { ...rest, [key]: value };
          }),
        requestChange: setPending,
      }),
    [t, lang, editable, drafts],
  );

  const confirm = (reason: string) => {
    if (!pending) return;
    const value = drafts[pending.key];
    update.mutate(
      { enterprise_id: enterpriseId, key: pending.key, value, reason },
      {
        onSuccess: () => {
          void message.success(t("rules.saved"));
          setDrafts(({ [pending.key]: _done, ...rest }) => rest);
          setPending(null);
        },
        onError: showError,
      },
    );
  };

  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <div className="page-stack">
      {!editable && <Alert type="info" showIcon title={t("rules.readOnly")} />}
      <Table<RuleSetting>
        data-testid="rules-table"
        rowKey="key"
        size="middle"
        columns={columns}
        dataSource={settings.data ?? []}
        loading={settings.isLoading}
        pagination={false}
        locale={{ emptyText: t("rules.empty") }}
      />
      <ReasonModal
        setting={pending}
        newValue={pending ? (drafts[pending.key] ?? null) : null}
        saving={update.isPending}
        onCancel={() => setPending(null)}
        onConfirm={confirm}
      />
      <BackupCard />
      <UpdatesCard />
    </div>
  );
}
