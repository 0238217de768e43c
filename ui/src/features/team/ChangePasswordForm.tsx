import { App, Button, Form, Input } from "antd";
import { useErrorToast } from "../../api/useErrorToast";
import { useT } from "../../i18n/useT";
import { useChangePassword } from "./hooks";

type Values = { current_password: string; new_password: string; again: string };

/** 修改密码: the current one, the new one twice (at least 8 characters, as the server checks). */
export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const change = useChangePassword();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) =>
    change.mutate(
      { current_password: v.current_password, new_password: v.new_password },
      {
        onSuccess: () => {
          void message.success(t("team.passwordChanged"));
          form.resetFields();
          onDone?.();
        },
        onError: showError,
      },
    );
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} data-testid="change-password-form">
      <Form.Item name="current_password" label={t("team.currentPassword")} rules={[{ required: true, message: t("team.passwordRequired") }]}>
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item name="new_password" label={t("team.newPassword")} rules={[{ required: true, min: 8, message: t("team.passwordShort") }]}>
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="again"
        label={t("team.newPasswordAgain")}
        dependencies={["new_password"]}
        rules={[
          { required: true, message: t("team.passwordRequired") },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              value === getFieldValue("new_password") ? Promise.resolve() : Promise.reject(new Error(t("team.passwordDiffer"))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-again" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={change.isPending} data-testid="password-save">
        {t("team.save")}
      </Button>
    </Form>
  );
}
