import { commands, type Session } from "../../api/commands.gen";
import { unwrap } from "../../api/unwrap";

/**
 * Issue 15 item 4: the window's first screen waits for `team_status` (which store answers: this computer's core
 * or a team server) and for the session. Solo — the usual window — the session is this computer's, so it is
 * asked together with `team_status` rather than after it; once the mode is known, a window signed in to a team
 * server (or asking to sign in) drops that answer and its session query asks the server as before.
 */
let early: Promise<Session> | null = null;
let asked = false;

/** With the page load's first `team_status`: this computer's session, asked beside it (once). */
export function askLocalSessionEarly(): void {
  if (asked) return;
  asked = true;
  early = unwrap(commands.sessionGet({}));
  // a dropped answer's failure is nobody's: the session query asks again and sees its own
  early.catch(() => undefined);
}

/** The mode is known: only a solo window keeps the early answer. */
export function settleEarlySession(solo: boolean): void {
  if (!solo) early = null;
}

/** The session query's first answer, taken once: the early one when there is one. */
export function takeEarlySession(): Promise<Session> | null {
  const pending = early;
  early = null;
  return pending;
}
