import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { commands } from "../../api/commands.gen";
import { queryKeys } from "../../api/queryKeys";
import { unwrap } from "../../api/unwrap";

export function useAppInfo() {
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => unwrap(commands.appInfo({})) });
}

/** Demo data touches every table: invalidate everything once it is in. */
export function useLoadDemo() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(commands.loadDemo({ seed: null })),
    onSuccess: () => client.invalidateQueries(),
  });
}
