import { Alert, Button, DatePicker, Form, Input, Modal, Space, Spin, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import type { StaffDeparture } from "../../api/commands.gen";
import { ErrorAlert } from "../../components/ErrorAlert";
import { QueryError } from "../../components/QueryError";
import { beijingToday } from "../../format/dateTime";
import { useT } from "../../i18n/useT";
import { DepartureSteps } from "./DepartureSteps";
import { useMarkStaffLeft, useStaffDeparture } from "./hooks";

/**
 * 离职 from the staff page (U-2, B-17, B-18): first what the person's live bindings are and that none is
 * unbound by this, then the date and reason; afterwards each binding's next step, to take now or later.
 */
export function LeaveDialog({
  staff,
  enterpriseId,
  onClose,
}: {
  staff: { id: number; name: string } | null;
  enterpriseId: number;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ left_on: Dayjs; reason: string }>();
  const departure = useStaffDeparture(staff?.id ?? null);
  const mark = useMarkStaffLeft();
  const { reset: resetMark } = mark; // stable (TanStack Query binds it once)
  const [result, setResult] = useState<StaffDeparture | null>(null);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the dialog stays mounted and opens again for another person: the last one's result goes
    setResult(null);
    resetMark();
  }, [staff?.id, resetMark]);

  const submit = async () => {
    if (!staff) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    mark.mutate(
      { staff_id: staff.id, left_on: v.left_on.format("YYYY-MM-DD"), reason: v.reason },
      { onSuccess: setResult },
    );
  };

  const live = departure.data?.bindings.length ?? 0;
  return (
    <Modal
      open={staff !== null}
      width={760}
      title={t("leave.title", { name: staff?.name ?? "" })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        result ? (
          <Button type="primary" onClick={onClose} data-testid="leave-close">
            {t("leave.close")}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t("common.cancel")}</Button>
            <Button type="primary" danger loading={mark.isPending} onClick={() => void submit()} data-testid="leave-confirm">
              {t("leave.confirm")}
            </Button>
          </Space>
        )
      }
    >
      {result ? (
        <Space orientation="vertical" style={{ width: "100%" }} data-testid="leave-result">
          <Alert
            type={result.bindings.length ? "warning" : "success"}
            showIcon
            title={t("leave.marked", { name: result.name, date: result.left_on ?? "" })}
            description={result.bindings.length ? t("leave.pickStep", { n: result.bindings.length }) : undefined}
          />
          <DepartureSteps departure={result} enterpriseId={enterpriseId} testId="leave-steps" />
        </Space>
      ) : departure.isError ? (
        <QueryError error={departure.error} onRetry={() => void departure.refetch()} />
      ) : !departure.data ? (
        <Spin />
      ) : (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Alert
            type={live ? "warning" : "info"}
            showIcon
            data-testid="leave-live"
            title={live ? t("leave.liveBindings", { n: live }) : t("leave.noBindings")}
            description={live ? t("leave.neverUnbinds") : undefined}
          />
          {live > 0 && (
            <Typography.Text type="secondary">
              {departure.data.bindings.map((b) => `${b.xhs_id}（${b.nickname}）`).join("、")}
            </Typography.Text>
          )}
          <Form form={form} layout="vertical" initialValues={{ left_on: dayjs(beijingToday()) }}>
            <Form.Item name="left_on" label={t("leave.date")} rules={[{ required: true }]}>
              <DatePicker
                data-testid="leave-date"
                allowClear={false}
                disabledDate={(d) => d.isAfter(dayjs(beijingToday()), "day")}
              />
            </Form.Item>
            <Form.Item name="reason" label={t("leave.reason")} rules={[{ required: true, whitespace: true, message: t("leave.reasonRequired") }]}>
              <Input.TextArea rows={2} maxLength={200} data-testid="leave-reason" />
            </Form.Item>
          </Form>
          {mark.isError && <ErrorAlert error={mark.error} testId="leave-error" />}
        </Space>
      )}
    </Modal>
  );
}
