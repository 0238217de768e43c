import { Alert, App, Form, InputNumber, Modal, Select, Typography } from "antd";
import { useEffect } from "react";
import type { QueueNote } from "../../api/commands.gen";
import { errorText } from "../../api/apiError";
import { formatCount } from "../../format/number";
import { useLang, useT } from "../../i18n/useT";
import { useBoostNote } from "./hooks";
import { BOOST_GOALS, goalLabel } from "./labels";
import "./notes.css";

type Values = { budget_yuan: number; days: number; goal: string };

/** 内容加热 (N-6, P-1): budget, days and a marketing goal for an approved note. */
export function BoostModal({ note, onClose }: { note: QueueNote | null; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const boost = useBoostNote();
  const { reset: resetBoost } = boost; // stable (TanStack Query binds it once)

  const noteId = note?.id;
  useEffect(() => {
    if (noteId !== undefined) {
      form.resetFields();
      resetBoost();
    }
  }, [noteId, form, resetBoost]);

  const submit = (v: Values) => {
    if (!note) return;
    boost.mutate(
      { note_row_id: note.id, budget_yuan: v.budget_yuan, days: v.days, goal: v.goal },
      {
        onSuccess: (b) => {
          void message.success(t("boost.done", { budget: formatCount(b.budget_yuan), days: b.days, goal: goalLabel(t, b.goal) }));
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open={note !== null}
      title={t("boost.title")}
      okText={t("boost.submit")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "boost-submit" }}
      confirmLoading={boost.isPending}
      onCancel={onClose}
      onOk={() => form.validateFields().then(submit, () => undefined)}
      forceRender
    >
      {note && (
        <Typography.Paragraph ellipsis={{ rows: 1, tooltip: note.title }} className="boost-note">
          {t("boost.note", { title: note.title })}
        </Typography.Paragraph>
      )}
      {boost.isError && <Alert type="error" showIcon className="action-hint" data-testid="boost-error" title={errorText(boost.error, lang, t("common.error"))} />}
      <Form form={form} layout="vertical" initialValues={{ days: 7 }} requiredMark>
        <Form.Item name="budget_yuan" label={t("boost.budget")} rules={[{ required: true, message: t("boost.budgetRequired") }]}>
          <InputNumber<number>
            className="full-width"
            prefix="¥"
            min={1}
            max={10_000_000}
            precision={0}
            step={100}
            formatter={(v) => `${v ?? ""}`.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}
            parser={(v) => (v ?? "").replace(/,/g, "") as unknown as number}
            placeholder={t("boost.budgetPlaceholder")}
            data-testid="boost-budget"
          />
        </Form.Item>
        <Form.Item name="days" label={t("boost.days")} rules={[{ required: true, message: t("boost.daysRequired") }]} extra={t("boost.daysHint")}>
          <InputNumber<number> className="full-width" min={1} max={30} precision={0} data-testid="boost-days" />
        </Form.Item>
        <Form.Item name="goal" label={t("boost.goal")} rules={[{ required: true, message: t("boost.goalRequired") }]}>
          <Select<string>
            data-testid="boost-goal"
            placeholder={t("boost.goalPlaceholder")}
            options={BOOST_GOALS.map((g) => ({ value: g, label: goalLabel(t, g) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
