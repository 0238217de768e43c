import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { commands } from "../../api/commands.gen";
import { queryKeys } from "../../api/queryKeys";
import { unwrap } from "../../api/unwrap";

/** `enabled`: false while the caller does not need it yet (the shell asks only when the actor has no brand). */
export function useAppInfo(enabled = true) {
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => unwrap(commands.appInfo({})), enabled });
}

/** Demo data touches every table: invalidate everything once it is in. */
export function useLoadDemo() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(commands.loadDemo({ seed: null })),
    onSuccess: () => client.invalidateQueries(),
  });
}
