import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { commands } from "../../api/commands.gen";
import { queryKeys } from "../../api/queryKeys";
import { unwrap } from "../../api/unwrap";

/**
 * `enabled`: false while the caller does not need it yet (the shell asks only when the actor has no brand).
 * Once it has answered it stays asked, so a refresh (after 创建品牌, the demo) brings it up to date.
 */
export function useAppInfo(enabled = true) {
  return useQuery({
    queryKey: queryKeys.appInfo,
    queryFn: () => unwrap(commands.appInfo({})),
    enabled: (query) => enabled || query.state.data !== undefined,
  });
}

/** Demo data touches every table: invalidate everything once it is in. */
export function useLoadDemo() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(commands.loadDemo({ seed: null })),
    onSuccess: () => client.invalidateQueries(),
  });
}
