import { invoke as tauriInvoke, type InvokeArgs } from "@tauri-apps/api/core";
import type { ApiError, Session } from "./commands.gen";

/**
 * The one way a command leaves the UI (commands.gen.ts imports `invoke` from here). Solo, it goes to the
 * core inside the window over Tauri's IPC; signed in to a team server (U-4), it goes there through the
 * window's `team_call`, which adds the session and handles the files. The window's own commands — its
 * dialogs, the team connection, a restart — always stay in the window. In a phone's browser (U-5: the page
 * the team server serves, no Tauri in it) every command goes to the server as `POST /api/<command>` with the
 * session cookie.
 */
const WINDOW_COMMANDS = new Set([
  "pick_open_file",
  "pick_save_file",
  "restart_app",
  "first_screen_ready",
  "team_status",
  "team_connect",
  "team_disconnect",
  "team_call",
  // issue 15 item 3: updates are the window's own business, solo or signed in to a team server; the switch
  // lives in the window's own database
  "update_status",
  "update_check",
  "update_download",
  "update_dismiss",
  "update_settings",
  "set_update_check",
]);

let teamMode = false;

/** Set by the team gate once the window's mode is known, before any page asks for data. */
export function setTeamMode(on: boolean): void {
  teamMode = on;
}

export function isTeamMode(): boolean {
  return teamMode;
}

/** The page runs in a browser, not in the window (no Tauri in it): the phone pages (U-5). */
export function isBrowserMode(): boolean {
  return typeof window !== "undefined" && !("__TAURI_INTERNALS__" in window);
}

/** Why the server stopped answering a browser's commands: its session is gone, or its password must change. */
export type SignedOutReason = "unauthenticated" | "password_change_required";
type SignedOutListener = (reason: SignedOutReason) => void;
const signedOutListeners = new Set<SignedOutListener>();

/** The phone's gate listens: a 401 shows the login page, a reset password the change-password form. */
export function onSignedOut(listener: SignedOutListener): () => void {
  signedOutListeners.add(listener);
  return () => void signedOutListeners.delete(listener);
}

/** The answer when the server cannot be reached at all: an ApiError like any other, so the page can say so. */
function unreachable(cause: unknown): ApiError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return {
    code: "server_unreachable",
    message: `无法连接团队服务器，请检查网络后重试（${why}）`,
    message_en: `The team server cannot be reached; check the network and try again (${why})`,
    details: null,
  };
}

/**
 * One command over HTTP from a browser: resolves with the command's data (as Tauri's invoke does) or rejects
 * with the server's ApiError (typedError in commands.gen.ts turns that into `{ status: "error", error }`).
 */
async function browserInvoke<T>(cmd: string, args?: InvokeArgs): Promise<T> {
  try {
    return await browserPost<T>(`/api/${encodeURIComponent(cmd)}`, (args as { args?: unknown } | undefined)?.args ?? null);
  } catch (e) {
    const error = e as ApiError;
    if (error.code === "unauthenticated" || error.code === "password_change_required") {
      signedOutListeners.forEach((l) => l(error.code as SignedOutReason));
    }
    throw error;
  }
}

/** What `POST /api/login` answers a browser (its token travels only in the HttpOnly cookie it also sets). */
export type BrowserSignIn = { expires_at: string; session: Session; must_change_password: boolean };

/** Signs in from a browser (U-4, U-5): the server sets the session cookie, valid for a working day. */
export async function browserLogin(name: string, password: string): Promise<BrowserSignIn> {
  return browserPost<BrowserSignIn>("/api/login", { name, password, client: "browser" });
}

/** Ends the browser's session; the server clears the cookie. */
export async function browserLogout(): Promise<void> {
  await browserPost<null>("/api/logout", null).catch((e: ApiError) => {
    if (e.code !== "unauthenticated") throw e;
  });
}

async function browserPost<T>(path: string, payload: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
    });
  } catch (e) {
    throw unreachable(e);
  }
  const text = await res.text();
  let value: unknown = null;
  if (text) {
    try {
      value = JSON.parse(text);
    } catch {
      throw unreachable(new Error(`HTTP ${res.status}`));
    }
  }
  if (res.ok) return value as T;
  const error = value as ApiError | null;
  if (!error || typeof error.code !== "string") throw unreachable(new Error(`HTTP ${res.status}`));
  throw error;
}

export function invoke<T>(cmd: string, args?: InvokeArgs): Promise<T> {
  if (isBrowserMode()) return browserInvoke<T>(cmd, args);
  if (teamMode && !WINDOW_COMMANDS.has(cmd)) {
    const inner = (args as { args?: unknown } | undefined)?.args ?? null;
    return tauriInvoke<T>("team_call", { args: { command: cmd, args: inner } });
  }
  return tauriInvoke<T>(cmd, args);
}
