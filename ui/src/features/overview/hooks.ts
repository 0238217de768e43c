import { useQuery } from "@tanstack/react-query";
import { commands } from "../../api/commands.gen";
import { queryKeys } from "../../api/queryKeys";
import { unwrap } from "../../api/unwrap";

export function useOverview(enterpriseId: number | undefined) {
  return useQuery({
    queryKey: queryKeys.overview(enterpriseId ?? -1),
    queryFn: () => unwrap(commands.enterpriseOverview({ enterprise_id: enterpriseId! })),
    enabled: enterpriseId !== undefined,
  });
}
