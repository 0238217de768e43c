import { Form, Input, Modal, Typography } from "antd";
import { useEffect } from "react";
import { useT } from "../../i18n/useT";

type Props = {
  open: boolean;
  title: string;
  /** what the change does, shown above the reason */
  text?: string;
  okText: string;
  danger?: boolean;
  saving: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
};

/** A change that must say why (it goes into the history, B-20). */
export function ReasonPrompt({ open, title, text, okText, danger, saving, onCancel, onConfirm }: Props) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t("common.cancel")}
      okButtonProps={{ danger, "data-testid": "reason-ok" }}
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => form.validateFields().then((v) => onConfirm(v.reason.trim()), () => undefined)}
      forceRender
    >
      {text && <Typography.Paragraph>{text}</Typography.Paragraph>}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t("setup.reason")} rules={[{ required: true, whitespace: true, message: t("setup.reasonRequired") }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder={t("setup.reasonPlaceholder")} data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
