import { Space, Tag, type TableColumnsType } from "antd";
import type { HistoryRow, Role } from "../../api/commands.gen";
import { EllipsisCell } from "../../components/EllipsisCell";
import { formatDateTime } from "../../format/dateTime";
import type { Lang, Translate } from "../../i18n/LanguageProvider";
import { roleKey } from "../../i18n/roleLabel";
import { zh, type MessageKey } from "../../i18n/zh";

/** "binding" → 绑定; a type without a label shows as it is. */
function entityLabel(t: Translate, type: string): string {
  const key = `history.entityType.${type}`;
  return key in zh ? t(key as MessageKey) : type;
}

export function historyColumns(t: Translate, lang: Lang): TableColumnsType<HistoryRow> {
  return [
    { title: t("history.at"), dataIndex: "at", width: 150, render: (v: string) => <span className="num">{formatDateTime(v)}</span> },
    {
      title: t("history.actor"),
      key: "actor",
      width: 200,
      render: (_: unknown, row: HistoryRow) => (
        <Space size={4}>
          <span>{row.actor_name ?? "—"}</span>
          {row.actor_role ? <Tag>{t(roleKey(row.actor_role as Role))}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t("history.entity"),
      key: "entity",
      width: 180,
      ellipsis: { showTitle: false },
      render: (_: unknown, row: HistoryRow) => <EllipsisCell text={`${entityLabel(t, row.entity_type)} · ${row.entity_id}`} />,
    },
    {
      title: t("history.summary"),
      key: "summary",
      ellipsis: { showTitle: false },
      render: (_: unknown, row: HistoryRow) => <EllipsisCell text={lang === "en" ? row.summary_en : row.summary_zh} />,
    },
    { title: t("history.reason"), dataIndex: "reason", width: 200, ellipsis: { showTitle: false }, render: (v: string | null) => <EllipsisCell text={v} /> },
  ];
}
