import { Button, Card, Empty, Table } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { AwardKind, Board, NoteAward, PersonAward } from "../../api/commands.gen";
import { formatCount } from "../../format/number";
import { useT } from "../../i18n/useT";
import { AwardFlags, NoteCell, PersonCell } from "./AwardCells";
import "./campaigns.css";

type Props = {
  board: Board;
  /** null: no void action (frozen board or no void_award permission) */
  onVoid: ((kind: AwardKind, key: string, label: string) => void) | null;
};

const num = { align: "right" as const, className: "num" };

/** The three boards (I-1, I-2, I-3), stacked in a responsive grid. */
export function BoardTables({ board, onVoid }: Props) {
  const t = useT();
  const voidCol = <T,>(kind: AwardKind, key: (r: T) => string, label: (r: T) => string): ColumnsType<T> =>
    onVoid
      ? [
          {
            key: "void",
            width: 72,
            render: (_: unknown, r: T) => (
              <Button size="small" danger type="link" data-testid={`award-void-${kind}-${key(r)}`} onClick={() => onVoid(kind, key(r), label(r))}>
                {t("board.void")}
              </Button>
            ),
          },
        ]
      : [];

  const viralCols: ColumnsType<NoteAward> = [
    { title: t("board.rank"), dataIndex: "rank", width: 56, ...num },
    { title: t("board.note"), dataIndex: "note_id", render: (_: string, n) => <NoteCell note={n} /> },
    {
      title: t("board.staff"),
      dataIndex: "staff_name",
      width: 150,
      render: (_: string, n) => (
        <span>
          {n.staff_name} <AwardFlags flags={n.flags} />
        </span>
      ),
    },
    { title: t("board.interactions"), dataIndex: "interactions", width: 96, ...num, render: formatCount },
    { title: t("board.amount"), dataIndex: "amount_yuan", width: 96, ...num, render: formatCount },
    ...voidCol<NoteAward>("viral", (r) => r.note_id, (r) => `${r.staff_name} ${r.note_id}`),
  ];
  const personCols = (kind: "ranking" | "honour"): ColumnsType<PersonAward> => [
    { title: t("board.rank"), dataIndex: "rank", width: 56, ...num },
    { title: t("board.staff"), dataIndex: "staff_name", render: (_: string, p) => <PersonCell person={p} /> },
    { title: t("board.total"), dataIndex: "total_interactions", width: 96, ...num, render: formatCount },
    kind === "ranking"
      ? { title: t("board.amount"), dataIndex: "amount_yuan", width: 96, ...num, render: formatCount }
      : { title: t("board.prize"), key: "prize", render: () => t("board.merchandise") },
    ...voidCol<PersonAward>(kind, (r) => String(r.staff_id), (r) => r.staff_name),
  ];

  const table = <T extends object>(testId: string, title: string, rows: T[], columns: ColumnsType<T>, rowKey: (r: T) => string, empty: string) => (
    <Card size="small" title={title} data-testid={testId} className="board-card">
      <Table<T>
        size="small"
        rowKey={rowKey}
        columns={columns}
        dataSource={rows}
        pagination={false}
        tableLayout="fixed"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      />
    </Card>
  );

  return (
    <div className="board-grid">
      {table("board-viral", t("board.viral"), board.viral, viralCols, (r) => r.note_id, t("board.emptyViral"))}
      {table("board-ranking", t("board.ranking"), board.ranking, personCols("ranking"), (r) => String(r.staff_id), t("board.emptyPeople"))}
      {table("board-honour", t("board.honour"), board.honour, personCols("honour"), (r) => String(r.staff_id), t("board.emptyPeople"))}
    </div>
  );
}
