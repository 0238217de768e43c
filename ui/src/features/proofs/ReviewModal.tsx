import { Alert, App, Descriptions, Form, Input, Modal } from "antd";
import { useEffect } from "react";
import type { PendingProof } from "../../api/commands.gen";
import { errorText } from "../../api/apiError";
import { useLang, useT } from "../../i18n/useT";
import { useReviewProof } from "../bindings/hooks";
import { jobTitleLabel, modeKey } from "../bindings/labels";

export type Verdict = { proof: PendingProof; compliant: boolean };

/** 合规 / 不合规 (B-15): a non-compliant verdict needs a reason and dissolves the binding. */
export function ReviewModal({ verdict, onClose }: { verdict: Verdict | null; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const review = useReviewProof();
  const { reset: resetReview } = review; // stable (TanStack Query binds it once)
  const open = verdict !== null;

  useEffect(() => {
    if (open) {
      form.resetFields();
      resetReview();
    }
  }, [open, verdict?.proof.binding_id, verdict?.compliant, form, resetReview]);

  const submit = ({ reason }: { reason?: string }) => {
    if (!verdict) return;
    review.mutate(
      { binding_id: verdict.proof.binding_id, compliant: verdict.compliant, reason: (reason ?? "").trim() },
      {
        onSuccess: (done) => {
          void message.success(
            verdict.compliant
              ? t("proofs.doneCompliant")
              : t("proofs.doneNonCompliant", { date: done.invite_ban_until ?? "—" }),
          );
          onClose();
        },
      },
    );
  };

  const p = verdict?.proof;
  return (
    <Modal
      open={open}
      title={verdict?.compliant ? t("proofs.compliantTitle") : t("proofs.nonCompliantTitle")}
      okText={verdict?.compliant ? t("proofs.compliant") : t("proofs.nonCompliant")}
      cancelText={t("common.cancel")}
      okButtonProps={{ danger: verdict?.compliant === false, "data-testid": "review-confirm" }}
      confirmLoading={review.isPending}
      onOk={() => form.validateFields().then(submit, () => undefined)}
      onCancel={onClose}
      forceRender
    >
      {p && (
        <Descriptions size="small" column={1} className="action-target">
          <Descriptions.Item label={t("proofs.brand")}>{p.enterprise_name}</Descriptions.Item>
          <Descriptions.Item label={t("proofs.staff")}>
            {p.staff_name} · {jobTitleLabel(t, p.job_title)} · {t(modeKey(p.mode))}
          </Descriptions.Item>
          <Descriptions.Item label={t("bindings.xhsId")}>{p.xhs_id}</Descriptions.Item>
        </Descriptions>
      )}
      {verdict && !verdict.compliant && (
        <Alert type="warning" showIcon className="action-hint" title={t("proofs.nonCompliantWarning")} data-testid="review-warning" />
      )}
      {review.isError && (
        <Alert type="error" showIcon className="action-hint" data-testid="review-error" title={errorText(review.error, lang, t("common.error"))} />
      )}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={verdict?.compliant ? t("proofs.noteOptional") : t("binding.reason")}
          rules={verdict?.compliant ? [] : [{ required: true, whitespace: true, message: t("proofs.reasonRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="review-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
