import { Tag, Tooltip } from "antd";
import { formatCount } from "../../format/number";
import { useT } from "../../i18n/useT";

/**
 * 互动量 (N-4, I-1, I-2, I-3): the count, marked 仅总数 when the file gave only the total and 点赞/收藏/评论 are
 * unknown (issue 10); `long` spells it out (笔记详情).
 */
export function InteractionsCount({ value, partsKnown, long = false }: { value: number; partsKnown: boolean; long?: boolean }) {
  const t = useT();
  if (partsKnown) return <span className="num">{formatCount(value)}</span>;
  if (long)
    return (
      <span data-testid="interactions-total-only">
        <span className="num">{formatCount(value)}</span>
        {t("detail.totalOnly")}
      </span>
    );
  return (
    <span className="num">
      {formatCount(value)}
      <Tooltip title={t("notes.totalOnlyHint")}>
        <Tag className="total-only" data-testid="tag-total-only">
          {t("notes.totalOnly")}
        </Tag>
      </Tooltip>
    </span>
  );
}
