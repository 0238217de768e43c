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
  useEffect(() => {
    if (left <= 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [left <= 0]); // eslint-disable-line react-hooks/exhaustive-deps
  return left;
}
