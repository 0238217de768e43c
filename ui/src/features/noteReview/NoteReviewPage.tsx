import { Button, Card, Empty, Skeleton, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import type { ReviewRow } from "../../api/commands.gen";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../format/dateTime";
import { formatCount } from "../../format/number";
import { useT } from "../../i18n/useT";
import { usePermission } from "../bindings/hooks";
import { NOTE_TYPE_COLOR, noteTypeKey } from "../notes/labels";
import { useReviewQueue } from "./hooks";
import { ReviewPanel } from "./ReviewPanel";
import "./noteReview.css";

/** 笔记审核台 (N-2, N-6): the platform reviewer takes open requests in arrival order, one at a time. */
export function NoteReviewPage() {
  const t = useT();
  const allowed = usePermission("review_notes");
  const queue = useReviewQueue(allowed);
  const rows = useMemo(() => queue.data?.pages.flatMap((p) => p.rows) ?? [], [queue.data]);
  const total = queue.data?.pages.at(-1)?.total ?? 0;
  const [selectedId, setSelectedId] = useState<number | null>(null);
  // nothing chosen (or the choice left the queue): the oldest open request
  const selected = rows.find((r) => r.id === selectedId) ?? rows[0] ?? null;

  if (!allowed) return <Empty description={t("review.reviewerOnly")} />;
  if (queue.isError) return <QueryError error={queue.error} onRetry={() => void queue.refetch()} />;

  /** The request to move on to after deciding this one: the next in arrival order, or the one before at the end. */
  const nextAfter = (current: ReviewRow): number | null => {
    const i = rows.findIndex((r) => r.id === current.id);
    return (rows[i + 1] ?? rows[i - 1] ?? null)?.id ?? null;
  };

  return (
    <div className="review-desk" data-testid="review-page">
      <Card
        size="small"
        className="review-queue"
        title={
          <span data-testid="review-queue-total">
            {t("review.queueTitle")}
            <span className="tab-count num">{formatCount(total)}</span>
          </span>
        }
      >
        {queue.isPending ? (
          <Skeleton active />
        ) : rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("review.queueEmpty")} data-testid="review-queue-empty" />
        ) : (
          <ul className="review-queue-list" data-testid="review-queue">
            {rows.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className={r.id === selected?.id ? "review-item review-item-active" : "review-item"}
                  onClick={() => setSelectedId(r.id)}
                  aria-current={r.id === selected?.id}
                  data-testid={`review-item-${r.id}`}
                >
                  <span className="review-item-title">{r.title}</span>
                  <span className="review-item-meta">
                    <Tag color={NOTE_TYPE_COLOR[r.note_type] ?? "default"}>{t(noteTypeKey(r.note_type))}</Tag>
                    <span className="review-item-brand">{r.enterprise_name}</span>
                  </span>
                  <Typography.Text type="secondary" className="small-note num">
                    {t("review.requestedAt", { at: formatDateTime(r.requested_at) })}
                  </Typography.Text>
                </button>
              </li>
            ))}
          </ul>
        )}
        {queue.hasNextPage && (
          <Button block loading={queue.isFetchingNextPage} onClick={() => void queue.fetchNextPage()} data-testid="review-load-more">
            {t("review.loadMore")}
          </Button>
        )}
      </Card>
      <div className="review-main">
        {selected ? (
          <ReviewPanel
            key={selected.id}
            review={selected}
            nextId={nextAfter(selected)}
            onDecided={(nextId, alreadyDecided) => {
              setSelectedId(nextId);
              if (alreadyDecided) void queue.refetch();
            }}
          />
        ) : (
          !queue.isPending && <Empty description={t("review.nothingSelected")} />
        )}
      </div>
    </div>
  );
}
