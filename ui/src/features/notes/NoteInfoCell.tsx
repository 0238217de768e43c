import { Tag, Tooltip } from "antd";
import type { ReactNode } from "react";
import { useT } from "../../i18n/useT";
import { NOTE_TYPE_COLOR, noteTypeKey } from "./labels";
import "./notes.css";

export type NoteInfo = {
  id: number;
  note_id: string;
  title: string;
  note_type: string;
  staff_name: string | null;
  xhs_id: string;
  /** S-1: null when it cannot be judged (the file gave 互动量 only) */
  priority?: boolean | null;
  too_old?: boolean;
};

/** Marks of a note beyond its type: S-1 优先, N-2 too old to review. */
export type NoteMarks = { maxAgeDays: number; priorityHint: string };

/** 笔记信息 (N-4): title (cut with a tooltip), author and 小红书号, type, S-1/N-2 tags and the note ID. */
export function NoteInfoCell({
  note,
  marks,
  extra,
  hideAccount = false,
}: {
  note: NoteInfo;
  marks?: NoteMarks;
  extra?: ReactNode;
  /** 数据中心 rows carry no 小红书号 */
  hideAccount?: boolean;
}) {
  const t = useT();
  return (
    <div className="note-info" data-testid={`note-info-${note.id}`}>
      <Tooltip placement="topLeft" title={note.title} mouseEnterDelay={0.4}>
        <div className="note-title">{note.title || t("notes.untitled")}</div>
      </Tooltip>
      <div className="note-author">
        <span className="note-staff">{note.staff_name ?? t("notes.noStaff")}</span>
        {!hideAccount && <span className="note-xhs">{t("notes.xhsId", { id: note.xhs_id })}</span>}
      </div>
      <div className="note-tags">
        <Tag color={NOTE_TYPE_COLOR[note.note_type] ?? "default"}>{t(noteTypeKey(note.note_type))}</Tag>
        {note.priority && (
          <Tooltip title={marks?.priorityHint}>
            <Tag color="red" data-testid="tag-priority">
              {t("notes.priority")}
            </Tag>
          </Tooltip>
        )}
        {note.priority === null && (
          <Tooltip title={t("notes.priorityUnknownHint")}>
            <Tag data-testid="tag-priority-unknown">{t("notes.priorityUnknown")}</Tag>
          </Tooltip>
        )}
        {note.too_old && (
          <Tag data-testid="tag-too-old">{t("notes.tooOld", { days: marks?.maxAgeDays ?? 90 })}</Tag>
        )}
        {extra}
        <span className="mono note-id">{note.note_id}</span>
      </div>
    </div>
  );
}
