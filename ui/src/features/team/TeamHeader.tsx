import { useState } from "react";
import { App, Button, Dropdown, Modal, Tag, Typography } from "antd";
import { CloudServerOutlined, DownOutlined } from "@ant-design/icons";
import { useErrorToast } from "../../api/useErrorToast";
import { roleKey } from "../../i18n/roleLabel";
import { useT } from "../../i18n/useT";
import { useSession } from "../session/hooks";
import { ChangePasswordForm } from "./ChangePasswordForm";
import { useTeamDisconnect, useTeamStatus } from "./hooks";
import { TeamConnectModal } from "./TeamGate";

/** Solo: the button that opens 连接团队服务器. */
export function TeamConnectButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      {/* a native title, not a tooltip layer that could cover the header's next click */}
      <Button
        icon={<CloudServerOutlined />}
        aria-label={t("team.connect")}
        title={t("team.connect")}
        onClick={() => setOpen(true)}
        data-testid="team-connect-open"
      />
      <TeamConnectModal open={open} onClose={() => setOpen(false)} />
    </>
  );
}

/**
 * Signed in to a team server: who is signed in (no user switcher: the server takes the actor from the
 * session alone) and the account's menu — 修改密码, 退出登录, 断开团队服务器.
 */
export function TeamUserMenu() {
  const t = useT();
  const { message, modal } = App.useApp();
  const showError = useErrorToast();
  const actor = useSession().data?.actor;
  const url = useTeamStatus().data?.url ?? "";
  const disconnect = useTeamDisconnect();
  const [changing, setChanging] = useState(false);
  const items = [
    { key: "password", label: t("team.changePassword") },
    { key: "logout", label: t("team.logout") },
    { type: "divider" as const },
    { key: "disconnect", label: t("team.disconnect"), danger: true },
  ];
  const onClick = ({ key }: { key: string }) => {
    if (key === "password") setChanging(true);
    if (key === "logout") disconnect.mutate(false, { onSuccess: () => void message.success(t("team.loggedOut")), onError: showError });
    if (key === "disconnect") {
      modal.confirm({
        title: t("team.disconnect"),
        content: t("team.disconnectConfirm", { url }),
        okButtonProps: { danger: true, ...{ "data-testid": "team-disconnect-ok" } },
        onOk: () => disconnect.mutateAsync(true).catch(showError),
      });
    }
  };
  return (
    <div className="header-field">
      <Tag icon={<CloudServerOutlined />} color="green" title={t("team.connected", { url })} data-testid="team-badge">
        {t("team.badge")}
      </Tag>
      <span data-testid="current-actor" className="current-actor">
        <Typography.Text strong>{actor?.name ?? "…"}</Typography.Text>
        {actor && <Tag color="blue">{t(roleKey(actor.role))}</Tag>}
      </span>
      <Dropdown menu={{ items, onClick }} trigger={["click"]}>
        <Button size="small" data-testid="team-menu">
          {t("team.menu")} <DownOutlined />
        </Button>
      </Dropdown>
      <Modal open={changing} title={t("team.changePassword")} footer={null} destroyOnHidden onCancel={() => setChanging(false)}>
        <ChangePasswordForm onDone={() => setChanging(false)} />
      </Modal>
    </div>
  );
}
