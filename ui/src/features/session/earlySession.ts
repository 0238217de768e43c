import type { QueryClient } from "@tanstack/react-query";
import { commands, type TeamStatus } from "../../api/commands.gen";
import { queryKeys } from "../../api/queryKeys";
import { unwrap } from "../../api/unwrap";

let asked = false;

/**
 * Issue 15 item 4: the window's first screen needs its mode (`team_status`: this computer's core or a team
 * server) and then the session. The page load's first `team_status` asks this computer's session beside it,
 * and a solo window — the usual one — puts that answer in the query cache before the shell renders, so the
 * shell and 概览 render in one pass instead of waiting for a session query of their own. A window signed in to
 * a team server (or asking to sign in) drops the answer; its session query asks the server as before.
 */
export async function teamStatusWithLocalSession(
  client: QueryClient,
  askStatus: () => Promise<TeamStatus>,
): Promise<TeamStatus> {
  const early = asked ? null : unwrap(commands.sessionGet({}));
  asked = true;
  // a dropped or failed early answer is nobody's: the session query asks again and sees its own
  early?.catch(() => undefined);
  const status = await askStatus();
  if (early && !status.connected && !status.url) {
    const session = await early.catch(() => null);
    // a session query that has answered meanwhile is as new
    if (session && client.getQueryData(queryKeys.session) === undefined) {
      client.setQueryData(queryKeys.session, session);
    }
  }
  return status;
}
