import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { commands } from "../../api/commands.gen";
import { queryKeys } from "../../api/queryKeys";
import { unwrap } from "../../api/unwrap";

export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: () => unwrap(commands.sessionGet({})) });
}

export function useUsers() {
  return useQuery({ queryKey: queryKeys.users, queryFn: () => unwrap(commands.listUsers({})) });
}

/** Switching the acting user changes what every query may return: refetch everything. */
export function useSwitchActor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: number) => unwrap(commands.sessionSwitch({ user_id: userId })),
    onSuccess: async (session) => {
      client.setQueryData(queryKeys.session, session);
      await client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session[0] });
    },
  });
}
