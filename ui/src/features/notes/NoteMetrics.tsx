import { Descriptions } from "antd";
import type { NoteDetail } from "../../api/commands.gen";
import { formatSeconds } from "../../format/duration";
import { formatCount, formatRate } from "../../format/number";
import { useT } from "../../i18n/useT";
import { InteractionsCount } from "./InteractionsCount";

/**
 * A note's metrics (N-8): exposure, reads, interactions and their parts, read UV, view time and the 5s/3s
 * rate of its type; `full` adds shares, follows gained and a video's length (笔记详情).
 */
export function NoteMetrics({
  note,
  rates,
  full = false,
  className,
  testId,
}: {
  note: NoteDetail["note"];
  rates: NoteDetail["rates"];
  full?: boolean;
  className?: string;
  testId: string;
}) {
  const t = useT();
  const video = note.note_type === "video";
  // a count the file did not give is unknown, never 0 (issue 10)
  const known = (v: number | null) => (v === null ? t("detail.unknown") : formatCount(v));
  return (
    <Descriptions size="small" column={4} className={className} data-testid={testId}>
      <Descriptions.Item label={t("notes.col.exposure")}>{formatCount(note.exposure)}</Descriptions.Item>
      <Descriptions.Item label={t("notes.col.reads")}>{formatCount(note.reads)}</Descriptions.Item>
      <Descriptions.Item label={t("notes.col.interactions")}>
        <InteractionsCount value={note.interactions} partsKnown={note.parts_known} long />
      </Descriptions.Item>
      <Descriptions.Item label={t("detail.readUv")}>{known(rates.read_uv)}</Descriptions.Item>
      <Descriptions.Item label={t("detail.likes")}>{known(note.likes)}</Descriptions.Item>
      <Descriptions.Item label={t("detail.collects")}>{known(note.collects)}</Descriptions.Item>
      <Descriptions.Item label={t("detail.comments")}>{known(note.comments)}</Descriptions.Item>
      {full && <Descriptions.Item label={t("detail.shares")}>{formatCount(note.shares)}</Descriptions.Item>}
      {full && <Descriptions.Item label={t("detail.follows")}>{formatCount(rates.follows_gained)}</Descriptions.Item>}
      <Descriptions.Item label={t("detail.avgView")}>{formatSeconds(rates.avg_view_secs, t)}</Descriptions.Item>
      {video ? (
        <Descriptions.Item label={t("detail.video5s")}>{formatRate(rates.video_5s_rate)}</Descriptions.Item>
      ) : (
        <Descriptions.Item label={t("detail.image3s")}>{formatRate(rates.image_3s_rate)}</Descriptions.Item>
      )}
      {full && video && <Descriptions.Item label={t("detail.videoSecs")}>{formatSeconds(rates.video_secs, t)}</Descriptions.Item>}
    </Descriptions>
  );
}
