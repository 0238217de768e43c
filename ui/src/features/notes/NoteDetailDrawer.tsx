import { Button, Card, Descriptions, Drawer, Empty, Skeleton, Table, Tag, Timeline, Typography } from "antd";
import { CopyOutlined } from "@ant-design/icons";
import { useMemo } from "react";
import type { BoostRow, NoteDetail, ReviewRow } from "../../api/commands.gen";
import { EChart } from "../../components/EChart";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../format/dateTime";
import { formatCount } from "../../format/number";
import type { Translate } from "../../i18n/LanguageProvider";
import { useLang, useT } from "../../i18n/useT";
import { useNoteDetail } from "./hooks";
import { NoteMetrics } from "./NoteMetrics";
import { NOTE_TYPE_COLOR, REVIEW_STATE_COLOR, goalLabel, noteTypeKey, reviewStateKey } from "./labels";
import { snapshotChartOption } from "./snapshotChartOption";
import { useCopyLink } from "./useCopyLink";
import "./notes.css";

/** 笔记详情 (N-6, N-8): every metric, the daily trend, the review history and the boosts of one note. */
export function NoteDetailDrawer({ noteRowId, onClose }: { noteRowId: number | null; onClose: () => void }) {
  const t = useT();
  const detail = useNoteDetail(noteRowId);
  return (
    <Drawer open={noteRowId !== null} onClose={onClose} size={760} title={t("detail.title")} data-testid="note-detail" destroyOnHidden>
      {detail.isError ? (
        <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
      ) : detail.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <DetailBody data={detail.data} />
      )}
    </Drawer>
  );
}

export function DetailBody({ data }: { data: NoteDetail }) {
  const t = useT();
  const { lang } = useLang();
  const copyLink = useCopyLink();
  const { note, rates, snapshots, reviews, boosts } = data;
  const option = useMemo(() => snapshotChartOption(snapshots, t, lang), [snapshots, t, lang]);

  return (
    <div className="page-stack" data-testid="note-detail-body">
      <div>
        <Typography.Title level={5} className="detail-title">
          {note.title || t("notes.untitled")}
        </Typography.Title>
        <div className="note-tags">
          <Tag color={NOTE_TYPE_COLOR[note.note_type] ?? "default"}>{t(noteTypeKey(note.note_type))}</Tag>
          <Tag color={REVIEW_STATE_COLOR[note.review_state] ?? "default"}>{t(reviewStateKey(note.review_state))}</Tag>
          {note.priority && <Tag color="red">{t("notes.priority")}</Tag>}
          {note.too_old && <Tag>{t("notes.tooOldShort")}</Tag>}
          {note.on_juguang && <Tag color="gold">{t("notes.onJuguang")}</Tag>}
        </div>
      </div>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t("detail.author")}>
          {note.staff_name ?? t("notes.noStaff")} · {note.nickname}
        </Descriptions.Item>
        <Descriptions.Item label={t("notes.col.xhsId")}>{note.xhs_id}</Descriptions.Item>
        <Descriptions.Item label={t("notes.col.published")}>
          <span className="num">{formatDateTime(note.published_at)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("detail.metricsDate")}>
          <span className="num">{note.metrics_date}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("detail.noteId")} span={2}>
          <span className="mono">{note.note_id}</span>
          <Button type="link" size="small" icon={<CopyOutlined />} onClick={() => void copyLink(note.note_id)} data-testid="detail-copy-link">
            {t("notes.action.copyLink")}
          </Button>
        </Descriptions.Item>
      </Descriptions>

      <Card size="small" title={t("detail.metrics")}>
        <NoteMetrics note={note} rates={rates} full className="metric-grid" testId="detail-metrics" />
      </Card>

      <Card size="small" title={t("detail.trend")}>
        {snapshots.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("detail.noSnapshots")} />
        ) : (
          <EChart option={option} className="echart detail-chart" testId="detail-chart" />
        )}
      </Card>

      <Card size="small" title={t("detail.reviews")}>
        {reviews.length === 0 ? (
          <Typography.Text type="secondary">{t("detail.noReviews")}</Typography.Text>
        ) : (
          <Timeline data-testid="detail-reviews" items={reviewEvents(reviews, t)} />
        )}
      </Card>

      <Card size="small" title={t("detail.boosts")}>
        <Table<BoostRow>
          data-testid="detail-boosts"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={boosts}
          locale={{ emptyText: t("detail.noBoosts") }}
          columns={[
            { title: t("boost.budget"), dataIndex: "budget_yuan", align: "right", width: 110, render: (v: number) => <span className="num">¥{formatCount(v)}</span> },
            { title: t("boost.days"), dataIndex: "days", align: "right", width: 96, render: (v: number) => <span className="num">{v}</span> },
            { title: t("boost.goal"), dataIndex: "goal", width: 100, render: (v: string) => goalLabel(t, v) },
            { title: t("boost.startsOn"), dataIndex: "starts_on", width: 110, render: (v: string) => <span className="num">{v}</span> },
            { title: t("boost.by"), key: "by", render: (_: unknown, b) => `${b.created_by_name} · ${formatDateTime(b.created_at)}` },
          ]}
        />
      </Card>
    </div>
  );
}

/** Each request and its decision, oldest first. */
function reviewEvents(reviews: ReviewRow[], t: Translate) {
  const ordered = [...reviews].sort((a, b) => a.requested_at.localeCompare(b.requested_at) || a.id - b.id);
  return ordered.flatMap((r) => {
    const items = [
      {
        key: `${r.id}-requested`,
        color: "blue",
        content: (
          <div className="history-item">
            <Typography.Text type="secondary" className="num">
              {formatDateTime(r.requested_at)}
            </Typography.Text>
            <span>{t("detail.requestedBy", { name: r.requested_by_name })}</span>
          </div>
        ),
      },
    ];
    if (r.state !== "in_review")
      items.push({
        key: `${r.id}-decided`,
        color: r.state === "approved" ? "green" : "red",
        content: (
          <div className="history-item">
            <Typography.Text type="secondary" className="num">
              {formatDateTime(r.decided_at)}
            </Typography.Text>
            <span>
              <Tag color={REVIEW_STATE_COLOR[r.state]}>{t(reviewStateKey(r.state))}</Tag>
              {r.decided_by_name ?? ""}
            </span>
            {r.reason && <Typography.Text type="secondary">{t("detail.reviewReason", { reason: r.reason })}</Typography.Text>}
          </div>
        ),
      });
    else
      items.push({
        key: `${r.id}-waiting`,
        color: "gray",
        content: <Typography.Text type="secondary">{t("detail.waiting")}</Typography.Text>,
      });
    return items;
  });
}
