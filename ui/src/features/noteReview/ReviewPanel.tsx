import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Skeleton, Space, Tag, Typography } from "antd";
import { CheckOutlined, CloseOutlined, CopyOutlined } from "@ant-design/icons";
import { useState } from "react";
import type { ReviewRow } from "../../api/commands.gen";
import { errorText, isApiError } from "../../api/apiError";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../format/dateTime";
import { useLang, useT } from "../../i18n/useT";
import type { MessageKey } from "../../i18n/zh";
import { useNoteDetail } from "../notes/hooks";
import { NoteMetrics } from "../notes/NoteMetrics";
import { NOTE_TYPE_COLOR, noteLink, noteTypeKey } from "../notes/labels";
import { useCopyLink } from "../notes/useCopyLink";
import { useNoteMarks } from "../notes/useNoteMarks";
import { CHECKLIST, useDecideReview, type ChecklistKey } from "./hooks";
import "./noteReview.css";

const CHECK_LABEL: Record<ChecklistKey, MessageKey> = {
  community: "review.check.community",
  brand_related: "review.check.brand_related",
  recent: "review.check.recent",
};

/** One request: the note, its metrics, the N-2 checklist and a reason the brand will read. */
export function ReviewPanel({
  review,
  nextId,
  onDecided,
}: {
  review: ReviewRow;
  /** the request to show once this one is decided (taken before the queue refreshes) */
  nextId: number | null;
  onDecided: (nextId: number | null, alreadyDecided: boolean) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const detail = useNoteDetail(review.note_row_id);
  const marks = useNoteMarks(review.enterprise_id);
  const copyLink = useCopyLink();
  const decide = useDecideReview();
  const [form] = Form.useForm<{ reason: string }>();
  const [checked, setChecked] = useState<ChecklistKey[]>([]);
  const complete = CHECKLIST.every((k) => checked.includes(k));

  const send = (approve: boolean) =>
    form.validateFields().then(
      (v) =>
        decide.mutate(
          { review_id: review.id, approve, checklist: CHECKLIST.filter((k) => checked.includes(k)), reason: v.reason.trim() },
          {
            onSuccess: () => {
              void message.success(t(approve ? "review.approved" : "review.rejected", { title: review.title }));
              onDecided(nextId, false);
            },
            onError: (error) => {
              if (isApiError(error) && error.code === "already_decided") {
                void message.warning(errorText(error, lang, t("common.error")));
                onDecided(nextId, true);
              }
            },
          },
        ),
      () => undefined,
    );

  const note = detail.data?.note;
  const rates = detail.data?.rates;

  return (
    <div className="page-stack review-panel" data-testid="review-panel">
      <Card size="small" title={t("review.noteCard")} extra={<Tag>{t("review.requestNo", { id: review.id })}</Tag>}>
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label={t("review.brand")} span={2}>
            <span data-testid="review-brand">{review.enterprise_name}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("review.noteTitle")} span={2}>
            <span data-testid="review-title">{review.title}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("review.noteLink")} span={2}>
            <span className="mono small-note">{noteLink(review.note_id)}</span>
            <Button type="link" size="small" icon={<CopyOutlined />} onClick={() => void copyLink(review.note_id)}>
              {t("review.copy")}
            </Button>
          </Descriptions.Item>
          <Descriptions.Item label={t("notes.filter.type")}>
            <Tag color={NOTE_TYPE_COLOR[review.note_type] ?? "default"}>{t(noteTypeKey(review.note_type))}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t("notes.col.published")}>
            <span className="num">{formatDateTime(review.published_at)}</span>
            {note?.too_old && (
              <Tag color="warning" className="inline-tag" data-testid="review-too-old">
                {t("notes.tooOld", { days: marks.maxAgeDays })}
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t("detail.author")}>{review.staff_name ?? t("notes.noStaff")}</Descriptions.Item>
          <Descriptions.Item label={t("notes.col.xhsId")}>{review.xhs_id}</Descriptions.Item>
          <Descriptions.Item label={t("review.requestedBy")}>{review.requested_by_name}</Descriptions.Item>
          <Descriptions.Item label={t("requested.col.requestedAt")}>
            <span className="num">{formatDateTime(review.requested_at)}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card size="small" title={t("detail.metrics")}>
        {detail.isError ? (
          <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
        ) : !note || !rates ? (
          <Skeleton active paragraph={{ rows: 2 }} title={false} />
        ) : (
          <NoteMetrics note={note} rates={rates} testId="review-metrics" />
        )}
      </Card>

      <Card size="small" title={t("review.checklistTitle")}>
        <div className="checklist" role="group" aria-label={t("review.checklistTitle")}>
          {CHECKLIST.map((key) => (
            <Checkbox
              key={key}
              checked={checked.includes(key)}
              onChange={(e) => setChecked((c) => (e.target.checked ? [...c, key] : c.filter((k) => k !== key)))}
              data-testid={`checklist-${key}`}
            >
              {t(CHECK_LABEL[key], { days: marks.maxAgeDays })}
            </Checkbox>
          ))}
        </div>
        <Form form={form} layout="vertical" className="review-form">
          <Form.Item
            name="reason"
            label={t("review.reason")}
            rules={[{ required: true, whitespace: true, message: t("review.reasonRequired") }]}
            extra={t("review.reasonHint")}
          >
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t("review.reasonPlaceholder")} data-testid="review-reason" />
          </Form.Item>
        </Form>
        {decide.isError && !(isApiError(decide.error) && decide.error.code === "already_decided") && (
          <Alert type="error" showIcon className="action-hint" data-testid="review-error" title={errorText(decide.error, lang, t("common.error"))} />
        )}
        <Space>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            disabled={!complete}
            loading={decide.isPending && decide.variables?.approve === true}
            onClick={() => void send(true)}
            data-testid="review-approve"
          >
            {t("review.approve")}
          </Button>
          <Button
            danger
            icon={<CloseOutlined />}
            loading={decide.isPending && decide.variables?.approve === false}
            onClick={() => void send(false)}
            data-testid="review-reject"
          >
            {t("review.reject")}
          </Button>
          {!complete && (
            <Typography.Text type="secondary" className="small-note" data-testid="review-approve-hint">
              {t("review.approveHint")}
            </Typography.Text>
          )}
        </Space>
      </Card>
    </div>
  );
}
