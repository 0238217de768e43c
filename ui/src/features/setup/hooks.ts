// Issue 12 set-up (U-1, U-2, U-3, B-21): the brand, its agency, its stores and the users, over the core's commands.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  commands,
  type CloseStoreArgs,
  type CreateBrandArgs,
  type CreateStoreArgs,
  type CreateUserArgs,
  type ImportStoreSheetArgs,
  type ReportAgencyArgs,
  type SetUserActiveArgs,
  type StoreSheetArgs,
  type UnreportAgencyArgs,
  type UpdateBrandArgs,
  type UpdateStoreArgs,
  type UpdateUserArgs,
} from "../../api/commands.gen";
import { queryKeys } from "../../api/queryKeys";
import { unwrap } from "../../api/unwrap";

/** A brand's facts feed the overview, the B-1 checklist, the session's brand list and app_info: refresh all. */
function useInvalidateAll() {
  const client = useQueryClient();
  return () => client.invalidateQueries();
}

export function useCreateBrand() {
  const refresh = useInvalidateAll();
  return useMutation({
    mutationFn: (args: CreateBrandArgs) => unwrap(commands.createBrand(args)),
    onSuccess: refresh,
  });
}

export function useUpdateBrand() {
  const refresh = useInvalidateAll();
  return useMutation({
    mutationFn: (args: UpdateBrandArgs) => unwrap(commands.updateBrand(args)),
    onSuccess: refresh,
  });
}

export function useReportAgency() {
  const refresh = useInvalidateAll();
  return useMutation({
    mutationFn: (args: ReportAgencyArgs) => unwrap(commands.reportAgency(args)),
    onSuccess: refresh,
  });
}

export function useUnreportAgency() {
  const refresh = useInvalidateAll();
  return useMutation({
    mutationFn: (args: UnreportAgencyArgs) => unwrap(commands.unreportAgency(args)),
    onSuccess: refresh,
  });
}

export function useCreateStore() {
  const refresh = useInvalidateAll();
  return useMutation({
    mutationFn: (args: CreateStoreArgs) => unwrap(commands.createStore(args)),
    onSuccess: refresh,
  });
}

export function useUpdateStore() {
  const refresh = useInvalidateAll();
  return useMutation({
    mutationFn: (args: UpdateStoreArgs) => unwrap(commands.updateStore(args)),
    onSuccess: refresh,
  });
}

export function useCloseStore() {
  const refresh = useInvalidateAll();
  return useMutation({
    mutationFn: (args: CloseStoreArgs) => unwrap(commands.closeStore(args)),
    onSuccess: refresh,
  });
}

/** Checks a stores sheet; writes nothing. */
export function usePreviewStoreSheet() {
  return useMutation({ mutationFn: (args: StoreSheetArgs) => unwrap(commands.previewStoreSheet(args)) });
}

export function useImportStoreSheet() {
  const refresh = useInvalidateAll();
  return useMutation({
    mutationFn: (args: ImportStoreSheetArgs) => unwrap(commands.importStoreSheet(args)),
    onSuccess: refresh,
  });
}

export function useUserAccounts(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.userAccounts,
    queryFn: () => unwrap(commands.listUserAccounts({})),
    enabled,
  });
}

export function useAgencies(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.agencies, queryFn: () => unwrap(commands.listAgencies({})), enabled });
}

export function useCreateUser() {
  const refresh = useInvalidateAll();
  return useMutation({ mutationFn: (args: CreateUserArgs) => unwrap(commands.createUser(args)), onSuccess: refresh });
}

export function useUpdateUser() {
  const refresh = useInvalidateAll();
  return useMutation({ mutationFn: (args: UpdateUserArgs) => unwrap(commands.updateUser(args)), onSuccess: refresh });
}

export function useSetUserActive() {
  const refresh = useInvalidateAll();
  return useMutation({
    mutationFn: (args: SetUserActiveArgs) => unwrap(commands.setUserActive(args)),
    onSuccess: refresh,
  });
}
