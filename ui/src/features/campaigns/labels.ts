import type { AwardKind, Campaign, CampaignStatus } from "../../api/commands.gen";
import type { Translate } from "../../i18n/LanguageProvider";
import type { MessageKey } from "../../i18n/zh";

export const STATUS_COLOR: Record<CampaignStatus, string> = {
  draft: "default",
  running: "processing",
  ended: "warning",
  confirmed: "success",
};

export const statusLabel = (s: CampaignStatus): MessageKey => `campaigns.status.${s}`;
export const kindLabel = (k: AwardKind): MessageKey => `board.${k}`;

/** "全品牌", "门店：静安店、徐汇店" or "城市：上海". */
export function scopeText(
  c: Campaign,
  stores: { id: number; name: string }[] | undefined,
  t: Translate,
): string {
  const sep = t("common.listSeparator");
  if (c.scope.store_ids.length) {
    const names = c.scope.store_ids.map((id) => stores?.find((s) => s.id === id)?.name ?? `#${id}`);
    return t("campaigns.scope.stores", { names: names.join(sep) });
  }
  if (c.scope.cities.length) return t("campaigns.scope.cities", { names: c.scope.cities.join(sep) });
  return t("campaigns.scope.all");
}
