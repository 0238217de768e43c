import type { Translate } from "../i18n/LanguageProvider";

/** 12.34 → "12.3 秒"; 95 → "1 分 35 秒" (video length); missing values show as a dash. */
export function formatSeconds(value: number | null | undefined, t: Translate): string {
  if (value === null || value === undefined) return "—";
  if (value < 60) return t("unit.seconds", { n: Number.isInteger(value) ? value : value.toFixed(1) });
  const whole = Math.round(value);
  return t("unit.minutesSeconds", { m: Math.floor(whole / 60), s: whole % 60 });
}
