import { Button, InputNumber, Space, Tag, type TableColumnsType } from "antd";
import type { RuleSetting } from "../../api/commands.gen";
import { EllipsisCell } from "../../components/EllipsisCell";
import { formatDateTime } from "../../format/dateTime";
import { formatCount } from "../../format/number";
import type { Lang, Translate } from "../../i18n/LanguageProvider";

type Editing = {
  editable: boolean;
  drafts: Record<string, number>;
  setDraft: (key: string, value: number | null) => void;
  requestChange: (setting: RuleSetting) => void;
};

export function rulesColumns(t: Translate, lang: Lang, editing: Editing): TableColumnsType<RuleSetting> {
  return [
    { title: t("rules.ruleId"), dataIndex: "rule_id", width: 100, render: (v: string) => <Tag color="geekblue">{v}</Tag> },
    {
      title: t("rules.label"),
      key: "label",
      ellipsis: { showTitle: false },
      render: (_: unknown, s: RuleSetting) => <EllipsisCell text={lang === "en" ? s.label_en : s.label_zh} />,
    },
    {
      title: t("rules.value"),
      key: "value",
      width: 220,
      align: "right",
      render: (_: unknown, s: RuleSetting) => {
        if (!editing.editable) return <span className="num">{formatCount(s.value)}</span>;
        const draft = editing.drafts[s.key] ?? s.value;
        return (
          <Space.Compact>
            <InputNumber<number>
              data-testid={`rule-value-${s.key}`}
              value={draft}
              min={0}
              style={{ width: 120 }}
              formatter={(v) => (v === undefined ? "" : formatCount(Number(v)))}
              parser={(text) => Number((text ?? "").replace(/,/g, ""))}
              onChange={(v) => editing.setDraft(s.key, v)}
            />
            <Button
              data-testid={`rule-change-${s.key}`}
              disabled={draft === s.value}
              onClick={() => editing.requestChange(s)}
            >
              {t("rules.change")}
            </Button>
          </Space.Compact>
        );
      },
    },
    { title: t("rules.unit"), key: "unit", width: 80, render: (_: unknown, s: RuleSetting) => (lang === "en" ? s.unit_en : s.unit_zh) },
    { title: t("rules.default"), dataIndex: "default_value", width: 100, align: "right", render: (v: number) => <span className="num">{formatCount(v)}</span> },
    {
      title: t("rules.updated"),
      key: "updated",
      width: 200,
      render: (_: unknown, s: RuleSetting) =>
        s.updated_at ? `${formatDateTime(s.updated_at)}${s.updated_by ? ` · ${s.updated_by}` : ""}` : t("rules.never"),
    },
  ];
}
