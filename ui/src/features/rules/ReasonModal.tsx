import { Form, Input, Modal, Typography } from "antd";
import { useEffect } from "react";
import type { RuleSetting } from "../../api/commands.gen";
import { useLang, useT } from "../../i18n/useT";

type Props = {
  setting: RuleSetting | null;
  newValue: number | null;
  saving: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
};

/** Every rule change carries a reason: it goes into the history. */
export function ReasonModal({ setting, newValue, saving, onCancel, onConfirm }: Props) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<{ reason: string }>();
  const open = setting !== null;

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const label = setting ? (lang === "en" ? setting.label_en : setting.label_zh) : "";
  return (
    <Modal
      open={open}
      title={t("rules.modalTitle", { label })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() =>
        form.validateFields().then(
          (v) => onConfirm(v.reason.trim()),
          () => undefined, // the form already shows what is missing
        )
      }
      forceRender
    >
      {setting && (
        <Typography.Paragraph>
          {t("rules.modalChange", { from: setting.value, to: newValue ?? "", unit: lang === "en" ? setting.unit_en : setting.unit_zh })}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t("rules.reason")}
          rules={[{ required: true, whitespace: true, message: t("rules.reasonRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={500} placeholder={t("rules.reasonPlaceholder")} data-testid="rule-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
