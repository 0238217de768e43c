import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { commands } from "../../api/commands.gen";
import { queryKeys } from "../../api/queryKeys";
import { unwrap } from "../../api/unwrap";

export function useStores(enterpriseId: number | undefined) {
  return useQuery({
    queryKey: queryKeys.stores(enterpriseId ?? -1),
    queryFn: () => unwrap(commands.listStores({ enterprise_id: enterpriseId! })),
    enabled: enterpriseId !== undefined,
  });
}

export type StaffQuery = {
  enterprise_id: number;
  store_id: number | null;
  keyword: string | null;
  page_size: number;
  cursor: string | null;
};

/** One keyset page of staff; filtering and counting happen in the core. */
export function useStaffPage(args: StaffQuery | null) {
  return useQuery({
    queryKey: queryKeys.staff(args ?? {}),
    queryFn: () => unwrap(commands.listStaff(args!)),
    enabled: args !== null,
    placeholderData: keepPreviousData,
  });
}
