import { Space, Tag, Tooltip } from "antd";
import type { AwardFlag, NoteAward, PersonAward } from "../../api/commands.gen";
import { useLang, useT } from "../../i18n/useT";
import "./campaigns.css";

/** Orange tags for awards flagged for a person to judge; the award stays on the board. */
export function AwardFlags({ flags }: { flags: AwardFlag[] | undefined }) {
  const t = useT();
  const { lang } = useLang();
  if (!flags?.length) return null;
  return (
    <Space size={[0, 4]} wrap>
      {flags.map((f) => (
        <Tooltip key={f.code} title={`${t("board.flagTip")}${lang === "en" ? f.en : f.zh}`}>
          <Tag color="orange" data-testid="board-flag" className="board-flag">
            {t("board.flag")}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/** I-1 note: its title (the link as a tooltip), then 小红书号 · store under it. */
export function NoteCell({ note }: { note: NoteAward }) {
  const t = useT();
  const sub = [note.xhs_id, note.store_name].filter(Boolean).join(" · ");
  return (
    <div className="award-cell">
      <Tooltip title={note.note_url ?? note.note_id}>
        <span className="award-main">{note.title || t("board.titleMissing")}</span>
      </Tooltip>
      <span className="cell-sub">{sub || <span className="mono">{note.note_id}</span>}</span>
    </div>
  );
}

/** I-2 / I-3 person: name, then store · city under it, and any flags. */
export function PersonCell({ person }: { person: PersonAward }) {
  const where = [person.store_name, person.city].filter(Boolean).join(" · ");
  return (
    <div className="award-cell">
      <span className="award-main">
        {person.staff_name} <AwardFlags flags={person.flags} />
      </span>
      {where && <span className="cell-sub">{where}</span>}
    </div>
  );
}
