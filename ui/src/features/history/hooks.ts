import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { commands } from "../../api/commands.gen";
import { queryKeys } from "../../api/queryKeys";
import { unwrap } from "../../api/unwrap";

export type HistoryQuery = {
  enterprise_id: number | null;
  entity_type: string | null;
  page_size: number;
  cursor: string | null;
};

export function useHistoryPage(args: HistoryQuery) {
  return useQuery({
    queryKey: queryKeys.history(args),
    queryFn: () => unwrap(commands.listHistory(args)),
    placeholderData: keepPreviousData,
  });
}
