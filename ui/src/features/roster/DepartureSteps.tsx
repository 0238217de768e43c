import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useState } from "react";
import type { LeaverBinding, NextStep, NextStepAction, StaffDeparture } from "../../api/commands.gen";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatBeijing } from "../../format/dateTime";
import { useLang, useT } from "../../i18n/useT";
import type { MessageKey } from "../../i18n/zh";
import { useChangeBinding } from "../bindings/hooks";
import { useStaffPage } from "../stores/hooks";

type Pending = { binding: LeaverBinding; step: NextStep };

const ACTION: Record<NextStepAction, MessageKey> = {
  hand_over: "leave.action.hand_over",
  freeze: "leave.action.freeze",
  unbind: "leave.action.unbind",
  invitation_lapses: "leave.action.invitation_lapses",
};
const DONE: Record<NextStepAction, MessageKey> = {
  hand_over: "leave.done.hand_over",
  freeze: "leave.done.freeze",
  unbind: "leave.done.unbind",
  invitation_lapses: "leave.action.invitation_lapses",
};

/**
 * A leaver's live bindings, each with the rule's next steps (B-17, B-18): 移交 or 冻结 for an enterprise staff
 * account, 解绑 now or from the date B-18 allows for a personal authorization, the lapse of an open
 * invitation. Nothing happens until the user picks a step and gives a reason.
 */
export function DepartureSteps({ departure, enterpriseId, testId }: { departure: StaffDeparture; enterpriseId: number; testId: string }) {
  const t = useT();
  const { lang } = useLang();
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<Record<number, string>>({});

  if (departure.bindings.length === 0) {
    return <Alert type="success" showIcon data-testid={`${testId}-none`} title={t("leave.noBindings")} />;
  }
  const columns: TableColumnsType<LeaverBinding> = [
    {
      title: t("staff.xhsId"),
      dataIndex: "xhs_id",
      width: 150,
      render: (_: string, b) => (
        <Space orientation="vertical" size={0}>
          <span className="mono">{b.xhs_id}</span>
          <Typography.Text type="secondary">{b.nickname}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t("staff.bindingMode"),
      dataIndex: "mode",
      width: 130,
      render: (m: LeaverBinding["mode"]) => (
        <Tag color={m === "enterprise" ? "blue" : "purple"}>{t(m === "enterprise" ? "staff.binding.enterprise" : "staff.binding.personal")}</Tag>
      ),
    },
    {
      title: t("leave.nextStep"),
      key: "steps",
      render: (_: unknown, b) =>
        done[b.binding_id] ? (
          <Tag color="green" data-testid={`${testId}-done-${b.binding_id}`}>{done[b.binding_id]}</Tag>
        ) : (
          <Space orientation="vertical" size={4}>
            {b.next_steps.map((s) => (
              <Space key={s.action} wrap size={6}>
                {s.allowed_now && s.action !== "invitation_lapses" ? (
                  <Button
                    size="small"
                    type={s.action === "hand_over" ? "primary" : "default"}
                    onClick={() => setPending({ binding: b, step: s })}
                    data-testid={`${testId}-${s.action}-${b.binding_id}`}
                  >
                    {t(ACTION[s.action])}
                  </Button>
                ) : (
                  <Tag color="orange" data-testid={`${testId}-wait-${b.binding_id}`}>
                    {s.available_from ? t("leave.from", { at: formatBeijing(s.available_from) }) : t(ACTION[s.action])}
                  </Tag>
                )}
                <Typography.Text type="secondary">
                  {lang === "en" ? s.label_en : s.label_zh}（{s.rule}）
                </Typography.Text>
              </Space>
            ))}
          </Space>
        ),
    },
  ];
  return (
    <>
      <Table<LeaverBinding>
        data-testid={testId}
        rowKey="binding_id"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={departure.bindings}
      />
      <StepModal
        pending={pending}
        enterpriseId={enterpriseId}
        leaverId={departure.staff_id}
        onClose={() => setPending(null)}
        onDone={(p) => {
          setDone((d) => ({ ...d, [p.binding.binding_id]: t(DONE[p.step.action]) }));
          setPending(null);
        }}
      />
    </>
  );
}

function StepModal({
  pending,
  enterpriseId,
  leaverId,
  onClose,
  onDone,
}: {
  pending: Pending | null;
  enterpriseId: number;
  leaverId: number;
  onClose: () => void;
  onDone: (p: Pending) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string; to_staff_id?: number }>();
  const change = useChangeBinding();
  const [keyword, setKeyword] = useState<string | null>(null);
  const handOver = pending?.step.action === "hand_over";
  const staff = useStaffPage(
    pending && handOver ? { enterprise_id: enterpriseId, store_id: null, keyword, page_size: 50, cursor: null } : null,
  );
  const submit = async () => {
    if (!pending) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const id = pending.binding.binding_id;
    const run =
      pending.step.action === "hand_over"
        ? change.mutateAsync({ action: "handOver", args: { binding_id: id, to_staff_id: v.to_staff_id!, job_title: null, reason: v.reason } })
        : change.mutateAsync({ action: pending.step.action === "freeze" ? "freeze" : "unbind", args: { binding_id: id, reason: v.reason } });
    await run.then(() => {
      void message.success(t(DONE[pending.step.action]));
      form.resetFields();
      onDone(pending);
    }, () => undefined);
  };
  return (
    <Modal
      open={pending !== null}
      title={pending ? `${t(ACTION[pending.step.action])} · ${pending.binding.xhs_id}` : ""}
      okText={t("leave.ok")}
      cancelText={t("common.cancel")}
      confirmLoading={change.isPending}
      onOk={() => void submit()}
      onCancel={() => {
        change.reset();
        onClose();
      }}
      okButtonProps={{ "data-testid": "leave-step-ok" }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        {handOver && (
          <Form.Item name="to_staff_id" label={t("leave.handOverTo")} rules={[{ required: true, message: t("leave.handOverTo") }]}>
            <Select<number>
              showSearch={{ filterOption: false, onSearch: (text) => setKeyword(text.trim() || null) }}
              data-testid="leave-step-staff"
              loading={staff.isFetching}
              options={(staff.data?.rows ?? [])
                .filter((s) => s.id !== leaverId)
                .map((s) => ({ value: s.id, label: `${s.name} · ${s.store_name}${s.employee_no ? ` · ${s.employee_no}` : ""}` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t("leave.reason")} rules={[{ required: true, whitespace: true, message: t("leave.reasonRequired") }]}>
          <Input.TextArea rows={2} maxLength={200} data-testid="leave-step-reason" />
        </Form.Item>
      </Form>
      {change.isError && <ErrorAlert error={change.error} testId="leave-step-error" />}
    </Modal>
  );
}
