import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { commands, type TeamConnectArgs, type TeamStatus } from "../../api/commands.gen";
import { queryKeys } from "../../api/queryKeys";
import { setTeamMode } from "../../api/transport";
import { unwrap } from "../../api/unwrap";
import { teamStatusWithLocalSession } from "../session/earlySession";

/** A window that cannot tell (an older shell, a test without it) is solo. */
const SOLO: TeamStatus = { connected: false, url: null, name: null, must_change_password: false };

/** The window's mode; the transport follows it before any page asks for data. */
export function useTeamStatus() {
  const client = useQueryClient();
  return useQuery({
    queryKey: queryKeys.team,
    // issue 15 item 4: solo, the session is this computer's: asked beside the mode, in the cache before the shell
    queryFn: () =>
      teamStatusWithLocalSession(client, async () => {
        const status = await commands.teamStatus().catch(() => SOLO);
        setTeamMode(status.connected);
        return status;
      }),
    staleTime: Infinity,
  });
}

/** Another store now answers every query: drop what the old one said and ask again. */
async function switchStore(client: QueryClient, status: TeamStatus) {
  setTeamMode(status.connected);
  client.setQueryData(queryKeys.team, status);
  await client.resetQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.team[0] });
}

export function useTeamConnect() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: TeamConnectArgs) => unwrap(commands.teamConnect(args)),
    onSuccess: (status) => switchStore(client, status),
  });
}

/** 退出登录 (the address stays for the next sign-in) or, with `forget`, back to this computer's database. */
export function useTeamDisconnect() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (forget: boolean) => unwrap(commands.teamDisconnect(forget)),
    onSuccess: (status) => switchStore(client, status),
  });
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: { current_password: string; new_password: string }) => unwrap(commands.changePassword(args)),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.team }),
  });
}
