import { commands } from "../api/commands.gen";
import { isBrowserMode } from "../api/transport";

let marked = false;

/**
 * Issue 15 item 4, the start-up budget: the first usable screen of this page load — 概览 with its figures and
 * its chart drawn, or the empty database's start — once it has been painted (two animation frames after the
 * render that completed it). Marks the document (`data-first-screen`) and tells the window, which logs the
 * time since its launch (`.ci/startup` reads it). Only the first call of a page load counts.
 */
export function markFirstScreen(screen: "overview" | "empty"): void {
  if (marked) return;
  marked = true;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      document.documentElement.dataset.firstScreen = screen;
      // a phone's browser has no window to tell (U-5)
      if (!isBrowserMode()) void commands.firstScreenReady(screen);
    }),
  );
}
