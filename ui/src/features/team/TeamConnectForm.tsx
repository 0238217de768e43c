import { Button, Form, Input } from "antd";
import type { TeamConnectArgs } from "../../api/commands.gen";
import { useErrorToast } from "../../api/useErrorToast";
import { useT } from "../../i18n/useT";
import { useTeamConnect } from "./hooks";

/**
 * Address, name, password → 登录. A failure (wrong password, server unreachable, another version) is shown
 * and the form keeps what was typed; the password field only is cleared after a refused password.
 */
export function TeamConnectForm({ url, name, onConnected }: { url?: string | null; name?: string | null; onConnected?: () => void }) {
  const t = useT();
  const showError = useErrorToast();
  const connect = useTeamConnect();
  const [form] = Form.useForm<TeamConnectArgs>();
  const submit = (values: TeamConnectArgs) =>
    connect.mutate(values, {
      onSuccess: () => onConnected?.(),
      onError: (e) => {
        showError(e);
        if ((e as { code?: string }).code === "login_failed") form.setFieldValue("password", "");
      },
    });
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{ url: url ?? "", name: name ?? "", password: "" }}
      onFinish={submit}
      data-testid="team-connect-form"
    >
      <Form.Item name="url" label={t("team.url")} rules={[{ required: true, whitespace: true, message: t("team.urlRequired") }]}>
        <Input placeholder={t("team.urlPlaceholder")} autoComplete="url" data-testid="team-url" />
      </Form.Item>
      <Form.Item name="name" label={t("team.name")} rules={[{ required: true, whitespace: true, message: t("team.nameRequired") }]}>
        <Input autoComplete="username" data-testid="team-name" />
      </Form.Item>
      <Form.Item name="password" label={t("team.password")} rules={[{ required: true, message: t("team.passwordRequired") }]}>
        <Input.Password autoComplete="current-password" data-testid="team-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={connect.isPending} data-testid="team-login">
        {connect.isPending ? t("team.loggingIn") : t("team.login")}
      </Button>
    </Form>
  );
}
