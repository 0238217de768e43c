/** "2026-06-01T08:30:00Z" → "2026-06-01 16:30" in local time; anything unparsable is shown as given. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * An instant as Beijing time to the minute, "2026-12-02 11:05", whatever the machine's time zone: the
 * brands' rules run on Asia/Shanghai time (UTC+8 all year), and the core's messages say the same minute.
 */
export function formatBeijing(value: string | null | undefined): string {
  if (!value) return "—";
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) return value;
  const b = new Date(ms + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())} ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`;
}

/** Today's date in Beijing, `2026-12-07`: the platform's data date (N-1), whatever the machine's zone. */
export function beijingToday(): string {
  return formatBeijing(new Date().toISOString()).slice(0, 10);
}
