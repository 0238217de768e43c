import { Alert, App, Descriptions, Form, Input, Modal, Select, Tag } from "antd";
import { useEffect, useState } from "react";
import type { BindingRow } from "../../api/commands.gen";
import { formatBeijing } from "../../format/dateTime";
import { useT } from "../../i18n/useT";
import type { MessageKey } from "../../i18n/zh";
import { useStaffPage } from "../stores/hooks";
import { useChangeBinding, type BindingAction } from "./hooks";
import { JOB_TITLES, MODE_COLOR, jobTitleLabel, modeKey } from "./labels";
import { ErrorAlert } from "../../components/ErrorAlert";

const TITLE: Record<BindingAction, MessageKey> = {
  unbind: "bindings.modal.unbind",
  freeze: "bindings.modal.freeze",
  unfreeze: "bindings.modal.unfreeze",
  handOver: "bindings.modal.handOver",
};
const DONE: Record<BindingAction, MessageKey> = {
  unbind: "bindings.done.unbind",
  freeze: "bindings.done.freeze",
  unfreeze: "bindings.done.unfreeze",
  handOver: "bindings.done.handOver",
};

type Values = { reason: string; to_staff_id?: number; job_title?: string };

/** 解绑 / 冻结 / 解冻 / 移交 with a required reason (B-17, B-20); the core's refusal is shown in place. */
export function BindingActionModal({
  action,
  row,
  onClose,
}: {
  action: BindingAction | null;
  row: BindingRow | null;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangeBinding();
  const { reset: resetChange } = change; // stable (TanStack Query binds it once)
  const open = action !== null && row !== null;
  const [staffKeyword, setStaffKeyword] = useState<string | null>(null);
  const staff = useStaffPage(
    open && action === "handOver"
      ? { enterprise_id: row.enterprise_id, store_id: null, keyword: staffKeyword, page_size: 50, cursor: null }
      : null,
  );

  useEffect(() => {
    if (open) {
      form.resetFields();
      resetChange();
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the modal stays mounted (antd keeps it for its close animation) and opens again for another subject: its fields start empty
      setStaffKeyword(null);
    }
  }, [open, row?.id, action, form, resetChange]);

  const hint = (): string => {
    if (!row || !action) return "";
    if (action === "unbind") {
      if (row.mode === "enterprise") return t("bindings.hint.unbindEnterprise");
      const early =
        row.next_action === "personal_unbindable" && row.next_action_at && new Date(row.next_action_at) > new Date();
      return early ? t("bindings.hint.unbindFrom", { date: formatBeijing(row.next_action_at) }) : t("bindings.hint.unbindPersonal");
    }
    return t(action === "freeze" ? "bindings.hint.freeze" : action === "unfreeze" ? "bindings.hint.unfreeze" : "bindings.hint.handOver");
  };

  const submit = (values: Values) => {
    if (!row || !action) return;
    const reason = values.reason.trim();
    const onSuccess = () => {
      const name = staff.data?.rows.find((s) => s.id === values.to_staff_id)?.name ?? "";
      void message.success(t(DONE[action], { name }));
      onClose();
    };
    if (action === "handOver") {
      change.mutate(
        {
          action,
          args: { binding_id: row.id, to_staff_id: values.to_staff_id!, job_title: values.job_title ?? null, reason },
        },
        { onSuccess },
      );
    } else {
      change.mutate({ action, args: { binding_id: row.id, reason } }, { onSuccess });
    }
  };

  return (
    <Modal
      open={open}
      title={action ? t(TITLE[action]) : ""}
      okText={t("bindings.modal.confirm")}
      cancelText={t("common.cancel")}
      okButtonProps={{ danger: action === "unbind", "data-testid": "action-confirm" }}
      confirmLoading={change.isPending}
      onCancel={onClose}
      onOk={() => form.validateFields().then(submit, () => undefined)}
      forceRender
    >
      {row && (
        <Descriptions size="small" column={1} className="action-target">
          <Descriptions.Item label={t("bindings.modal.account")}>
            {row.xhs_id} · {row.nickname}
          </Descriptions.Item>
          <Descriptions.Item label={t("bindings.modal.staff")}>
            {row.staff_name} · {row.store_name} · <Tag color={MODE_COLOR[row.mode]}>{t(modeKey(row.mode))}</Tag>
          </Descriptions.Item>
        </Descriptions>
      )}
      <Alert type={action === "unbind" ? "warning" : "info"} showIcon title={hint()} className="action-hint" />
      {change.isError && <ErrorAlert error={change.error} testId="action-error" className="action-hint" />}
      <Form form={form} layout="vertical">
        {action === "handOver" && row && (
          <>
            <Form.Item name="to_staff_id" label={t("bindings.toStaff")} rules={[{ required: true, message: t("bindings.toStaffRequired") }]}>
              <Select<number>
                data-testid="action-staff"
                showSearch={{ filterOption: false, onSearch: (text) => setStaffKeyword(text.trim() || null) }}
                placeholder={t("bindings.toStaffPlaceholder")}
                loading={staff.isFetching}
                options={(staff.data?.rows ?? [])
                  .filter((s) => s.id !== row.staff_id)
                  .map((s) => ({ value: s.id, label: `${s.name} · ${s.store_name}` }))}
              />
            </Form.Item>
            <Form.Item name="job_title" label={t("bindings.newTitle")}>
              <Select<string>
                data-testid="action-title"
                allowClear
                placeholder={t("bindings.keepTitle", { title: jobTitleLabel(t, row.job_title) })}
                options={JOB_TITLES.map((title) => ({ value: title, label: jobTitleLabel(t, title) }))}
              />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="reason"
          label={t("binding.reason")}
          rules={[{ required: true, whitespace: true, message: t("bindings.modal.reasonRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t("bindings.modal.reasonPlaceholder")} data-testid="action-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
