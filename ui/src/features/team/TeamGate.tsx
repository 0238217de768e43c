import { useState, type ReactNode } from "react";
import { Button, Card, Modal, Spin, Typography } from "antd";
import { useErrorToast } from "../../api/useErrorToast";
import { useT } from "../../i18n/useT";
import { LangToggle } from "../../shell/LangToggle";
import { ChangePasswordForm } from "./ChangePasswordForm";
import { useTeamDisconnect, useTeamStatus } from "./hooks";
import { TeamConnectForm } from "./TeamConnectForm";
import "./team.css";

/**
 * Before any page asks for data, the window's mode is known (U-4): solo opens the app on this computer's
 * database; a remembered team server asks to sign in first; a password the administrator reset is changed
 * before anything else.
 */
export function TeamGate({ children }: { children: ReactNode }) {
  const t = useT();
  const status = useTeamStatus();
  if (status.isPending) return <Spin className="centered-fill" />;
  const s = status.data;
  if (s && !s.connected && s.url) return <TeamLoginPage url={s.url} name={s.name} />;
  if (s?.connected && s.must_change_password) {
    return (
      <LoginFrame title={t("team.mustChangeTitle")} subtitle={t("team.mustChangeHint")}>
        <ChangePasswordForm />
      </LoginFrame>
    );
  }
  return <>{children}</>;
}

function LoginFrame({ title, subtitle, children }: { title: string; subtitle: ReactNode; children: ReactNode }) {
  return (
    <div className="team-login-page" data-testid="team-login-page">
      <Card className="team-login-card" title={title} extra={<LangToggle />}>
        <Typography.Paragraph type="secondary" className="team-login-url">
          {subtitle}
        </Typography.Paragraph>
        {children}
      </Card>
    </div>
  );
}

/** The remembered server: sign in again, or go back to this computer's database. */
function TeamLoginPage({ url, name }: { url: string; name: string | null }) {
  const t = useT();
  const showError = useErrorToast();
  const disconnect = useTeamDisconnect();
  return (
    <LoginFrame title={t("team.loginTitle")} subtitle={t("team.loginSubtitle", { url })}>
      <TeamConnectForm url={url} name={name} />
      <Button
        type="link"
        block
        className="team-use-local"
        loading={disconnect.isPending}
        onClick={() => disconnect.mutate(true, { onError: showError })}
        data-testid="team-use-local"
      >
        {t("team.useLocal")}
      </Button>
    </LoginFrame>
  );
}

/** 连接团队服务器 as a dialog, from the header or the empty database's page. */
export function TeamConnectModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const status = useTeamStatus().data;
  const [key, setKey] = useState(0);
  return (
    <Modal
      open={open}
      title={t("team.connect")}
      footer={null}
      destroyOnHidden
      onCancel={onClose}
      afterClose={() => setKey((k) => k + 1)}
      data-testid="team-connect-modal"
    >
      <Typography.Paragraph type="secondary">{t("team.connectHint")}</Typography.Paragraph>
      <TeamConnectForm key={key} url={status?.url} name={status?.name} onConnected={onClose} />
    </Modal>
  );
}
