import { useEffect, useState } from "react";

/** Milliseconds → "47:59:12" (hours not wrapped at 24); never negative. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

/** Milliseconds left until `until`, updated every second; 0 once it has passed (and then it stops ticking). */
export function useRemaining(until: string): number {
  const target = new Date(until).getTime();
  const [now, setNow] = useState(() => Date.now());
  const left = Math.max(0, target - now);
  // ticks while time is left: the timer starts again only when that changes, not every second
  const over = left <= 0;
  useEffect(() => {
    if (over) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [over]);
  return left;
}

/**
 * Milliseconds → the time left as fits, in the window's language: "3 天 4 小时", "5 小时 20 分", "12 分 08 秒"
 * (a refusal's countdown to the instant it lifts, B-1, B-15, B-18, B-19, N-5). From an hour on, minutes are
 * rounded up as the core's messages round them, so both say "30 天" a moment after the refusal.
 */
export function formatLeft(ms: number, lang: "zh" | "en"): string {
  const secs = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.ceil(Math.max(0, ms) / 60_000);
  const long = minutes > 60;
  const d = long ? Math.floor(minutes / 1440) : 0;
  const h = long ? Math.floor((minutes % 1440) / 60) : 0;
  const m = long ? minutes % 60 : Math.floor(secs / 60);
  const s = secs % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (lang === "en") {
    if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
    if (h > 0) return `${h} h ${pad(m)} min`;
    return `${m} min ${pad(s)} s`;
  }
  if (d > 0) return h > 0 ? `${d} 天 ${h} 小时` : `${d} 天`;
  if (h > 0) return `${h} 小时 ${pad(m)} 分`;
  return `${m} 分 ${pad(s)} 秒`;
}
