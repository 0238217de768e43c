import { App, Button, Card, Space, Switch, Typography } from "antd";
import { useErrorToast } from "../../api/useErrorToast";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../format/dateTime";
import { useLang, useT } from "../../i18n/useT";
import { useSession } from "../session/hooks";
import { useSetUpdateCheck, useUpdateCheck, useUpdateSettings, useUpdateStatus } from "./hooks";

/**
 * 软件更新 on the settings page (issue 15 item 3): the administrator's switch 启动时检查更新 (kept in this
 * window's database and recorded in history), what it does, who changed it last, and 立即检查更新.
 */
export function UpdatesCard() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const settings = useUpdateSettings();
  const status = useUpdateStatus().data;
  const set = useSetUpdateCheck();
  const check = useUpdateCheck();
  const allowed = useSession().data?.permissions.includes("manage_updates") ?? false;

  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  const s = settings.data;
  const changed = s?.changed_at
    ? t("updates.changed", {
        who: s.changed_by ?? "—",
        at: formatDateTime(s.changed_at),
        state: t(s.check_on_start ? "updates.stateOn" : "updates.stateOff"),
      })
    : t("updates.neverChanged");

  return (
    <Card title={t("updates.cardTitle")} data-testid="updates-card" loading={settings.isLoading}>
      <Space direction="vertical" size={12} style={{ width: "100%" }}>
        <Space size={12} align="center">
          <Switch
            data-testid="update-check-switch"
            checked={s?.check_on_start ?? true}
            disabled={!allowed}
            loading={set.isPending}
            aria-label={t("updates.checkOnStart")}
            onChange={(on) =>
              set.mutate(on, { onSuccess: () => void message.success(t("updates.saved")), onError: showError })
            }
          />
          <Typography.Text strong>{t("updates.checkOnStart")}</Typography.Text>
          <Typography.Text type="secondary" data-testid="update-check-changed">
            {changed}
          </Typography.Text>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t("updates.explain")}
        </Typography.Paragraph>
        {!allowed && <Typography.Text type="secondary">{t("updates.adminOnly")}</Typography.Text>}
        <Space size={12} align="center">
          {status && <Typography.Text>{t("updates.current", { version: status.current_version })}</Typography.Text>}
          {status && (
            <Typography.Text type="secondary" data-testid="update-phase" data-phase={status.phase}>
              {t(`updates.phase.${status.phase}`, {
                version: status.offer?.version ?? "",
                error: (lang === "en" ? status.error_en : status.error) ?? "",
              })}
            </Typography.Text>
          )}
          <Button
            data-testid="update-check-now"
            loading={check.isPending || status?.phase === "checking"}
            onClick={() =>
              check.mutate(undefined, {
                onSuccess: (st) => {
                  if (st.phase === "up_to_date") void message.success(t("updates.upToDate"));
                },
                onError: showError,
              })
            }
          >
            {t("updates.checkNow")}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
