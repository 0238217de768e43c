import { invoke as tauriInvoke, type InvokeArgs } from "@tauri-apps/api/core";

/**
 * The one way a command leaves the UI (commands.gen.ts imports `invoke` from here). Solo, it goes to the
 * core inside the window over Tauri's IPC; signed in to a team server (U-4), it goes there through the
 * window's `team_call`, which adds the session and handles the files. The window's own commands — its
 * dialogs, the team connection, a restart — always stay in the window.
 */
const WINDOW_COMMANDS = new Set([
  "pick_open_file",
  "pick_save_file",
  "restart_app",
  "team_status",
  "team_connect",
  "team_disconnect",
  "team_call",
]);

let teamMode = false;

/** Set by the team gate once the window's mode is known, before any page asks for data. */
export function setTeamMode(on: boolean): void {
  teamMode = on;
}

export function isTeamMode(): boolean {
  return teamMode;
}

export function invoke<T>(cmd: string, args?: InvokeArgs): Promise<T> {
  if (teamMode && !WINDOW_COMMANDS.has(cmd)) {
    const inner = (args as { args?: unknown } | undefined)?.args ?? null;
    return tauriInvoke<T>("team_call", { args: { command: cmd, args: inner } });
  }
  return tauriInvoke<T>(cmd, args);
}
