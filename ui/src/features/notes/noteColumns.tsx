import type { TableColumnType, TableColumnsType } from "antd";
import type { ReactNode } from "react";
import type { SortOrder } from "antd/es/table/interface";
import type { NoteSort, QueueNote } from "../../api/commands.gen";
import { formatDateTime } from "../../format/dateTime";
import { formatCount } from "../../format/number";
import type { Translate } from "../../i18n/LanguageProvider";
import { InteractionsCount } from "./InteractionsCount";
import { NoteInfoCell, type NoteMarks } from "./NoteInfoCell";
import "./notes.css";

export type SortState = { sort: NoteSort; desc: boolean };

/** Sorting is the core's: a header click asks for that sort (descending first); it never clears. */
export function sortProps(key: string, active: string, desc: boolean) {
  const order: SortOrder = active === key ? (desc ? "descend" : "ascend") : null;
  return { key, sorter: true, sortOrder: order, sortDirections: ["descend", "ascend", "descend"] as SortOrder[], showSorterTooltip: false };
}

/** "2026-11-10" over "10:30" (local time) for narrow date columns. */
export function DateTimeLines({ value }: { value: string | null | undefined }) {
  const text = formatDateTime(value);
  const [date, time] = text.split(" ");
  return (
    <div className="cell-lines num">
      <span>{date}</span>
      {time && <span className="cell-secondary">{time}</span>}
    </div>
  );
}

/** A right-aligned count with thousands separators in a fixed-width column. */
export function countColumn<T>(title: string, dataIndex: keyof T & string, width = 112): TableColumnType<T> {
  return {
    title,
    dataIndex,
    width,
    align: "right",
    render: (v: number | null) => <span className="num">{formatCount(v)}</span>,
  };
}

/** 互动量, marked 仅总数 when the file gave the total only (its parts unknown; issue 10). */
export function interactionsColumn<T extends { interactions: number; parts_known: boolean }>(
  t: Translate,
  width = 112,
): TableColumnType<T> {
  return {
    title: t("notes.col.interactions"),
    dataIndex: "interactions",
    width,
    align: "right",
    render: (v: number, row: T) => <InteractionsCount value={v} partsKnown={row.parts_known} />,
  };
}

/** N-4: 笔记信息, 发布时间, 曝光量, 阅读量, 互动量 — the four metrics sortable in the core. */
export function noteColumns(
  t: Translate,
  sort: SortState,
  marks: NoteMarks,
  infoExtra?: (n: QueueNote) => ReactNode,
): TableColumnsType<QueueNote> {
  const sorted = (key: NoteSort) => sortProps(key, sort.sort, sort.desc);
  return [
    {
      title: t("notes.col.info"),
      key: "info",
      width: 340,
      fixed: "left",
      render: (_: unknown, n) => <NoteInfoCell note={n} marks={marks} extra={infoExtra?.(n)} />,
    },
    {
      title: t("notes.col.published"),
      dataIndex: "published_at",
      width: 150,
      ...sorted("published"),
      render: (v: string) => <span className="num">{formatDateTime(v)}</span>,
    },
    { ...countColumn<QueueNote>(t("notes.col.exposure"), "exposure"), ...sorted("exposure") },
    { ...countColumn<QueueNote>(t("notes.col.reads"), "reads"), ...sorted("reads") },
    // "Interactions" is the longest header (English): a little wider so that it stays on one line
    { ...interactionsColumn<QueueNote>(t, 132), ...sorted("interactions") },
  ];
}
