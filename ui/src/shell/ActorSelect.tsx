import { Select, Tag, Typography } from "antd";
import type { UserSummary } from "../api/commands.gen";
import { useErrorToast } from "../api/useErrorToast";
import { useT } from "../i18n/useT";
import { roleKey } from "../i18n/roleLabel";
import { useSession, useSwitchActor, useUsers } from "../features/session/hooks";

/** "姓名 · 角色 · 企业/代理商" as one line for the picker. */
function userLabel(user: UserSummary, roleLabel: string): string {
  const org = user.agency_name ?? user.enterprise_name;
  return [user.name, roleLabel, org].filter(Boolean).join(" · ");
}

export function ActorSelect() {
  const t = useT();
  const showError = useErrorToast();
  const session = useSession();
  const users = useUsers();
  const switchActor = useSwitchActor();
  const actor = session.data?.actor;

  return (
    // solo mode's 以…身份预览 (U-4): the native title explains it without covering what is clicked next
    <div className="header-field" title={t("header.previewHint")}>
      <span data-testid="current-actor" className="current-actor">
        <Typography.Text strong>{actor?.name ?? "…"}</Typography.Text>
        {actor && <Tag color="blue">{t(roleKey(actor.role))}</Tag>}
      </span>
      <Select
        data-testid="actor-select"
        className="actor-select"
        value={actor?.id}
        placeholder={t("header.actorPlaceholder")}
        loading={users.isLoading || switchActor.isPending}
        popupMatchSelectWidth={false}
        showSearch={{ optionFilterProp: "label" }}
        onChange={(id: number) => switchActor.mutate(id, { onError: showError })}
        options={(users.data ?? []).map((u) => ({ value: u.id, label: userLabel(u, t(roleKey(u.role))) }))}
      />
    </div>
  );
}
