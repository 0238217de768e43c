import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { commands, type UpdateStatus } from "../../api/commands.gen";
import { queryKeys } from "../../api/queryKeys";
import { unwrap } from "../../api/unwrap";

/** Phases that change on their own (the check at start, a download): asked again every second. */
const MOVING: readonly UpdateStatus["phase"][] = ["idle", "checking", "downloading"];

/** Where the window is with updates (issue 15 item 3); a window without the updater (a test) has none. */
export function useUpdateStatus() {
  return useQuery({
    queryKey: queryKeys.updateStatus,
    queryFn: () => commands.updateStatus(),
    refetchInterval: (q) => (q.state.data && !MOVING.includes(q.state.data.phase) ? false : 1000),
    retry: false,
  });
}

function useSetStatus() {
  const client = useQueryClient();
  return (status: UpdateStatus) => client.setQueryData(queryKeys.updateStatus, status);
}

export function useUpdateDownload() {
  const set = useSetStatus();
  return useMutation({ mutationFn: () => unwrap(commands.updateDownload()), onSuccess: set });
}

export function useUpdateDismiss() {
  const set = useSetStatus();
  return useMutation({ mutationFn: () => commands.updateDismiss(), onSuccess: set });
}

export function useUpdateCheck() {
  const set = useSetStatus();
  return useMutation({ mutationFn: () => commands.updateCheck(), onSuccess: set });
}

/** 启动时检查更新: the installation's switch (the window's own database, in team mode too). */
export function useUpdateSettings() {
  return useQuery({ queryKey: queryKeys.updateSettings, queryFn: () => unwrap(commands.updateSettings({})) });
}

export function useSetUpdateCheck() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (checkOnStart: boolean) =>
      unwrap(commands.setUpdateCheck({ check_on_start: checkOnStart, reason: null })),
    onSuccess: (settings) => {
      client.setQueryData(queryKeys.updateSettings, settings);
      return client.invalidateQueries({ queryKey: queryKeys.historyAll });
    },
  });
}

/** "37%" of a download, or the megabytes so far when the server gave no length. */
export function progressText(status: Pick<UpdateStatus, "downloaded" | "total">): string {
  if (status.total && status.total > 0) return `${Math.min(100, Math.floor((status.downloaded * 100) / status.total))}%`;
  return `${(status.downloaded / 1048576).toFixed(1)} MB`;
}
