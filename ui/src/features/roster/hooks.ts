import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import {
  commands,
  type ImportAccountsArgs,
  type MarkStaffLeftArgs,
  type RegisterAccountArgs,
  type RosterApplyArgs,
  type RosterArgs,
} from "../../api/commands.gen";
import { queryKeys } from "../../api/queryKeys";
import { unwrap } from "../../api/unwrap";

/** What a roster change makes stale: staff lists, store counts, the overview, history, bindings' staff. */
function invalidateStaff(client: QueryClient) {
  return Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.staffAll }),
    client.invalidateQueries({ queryKey: ["stores"] }),
    client.invalidateQueries({ queryKey: ["overview"] }),
    client.invalidateQueries({ queryKey: queryKeys.historyAll }),
    client.invalidateQueries({ queryKey: ["roster"] }),
    client.invalidateQueries({ queryKey: queryKeys.bindingsAll }),
  ]);
}

/** 预览: the core reads the sheet and lists what importing it would change; it writes nothing (U-2). */
export function useRosterPreview() {
  return useMutation({ mutationFn: (args: RosterArgs) => unwrap(commands.rosterPreview(args)) });
}

/** 确认导入: applied only if the sheet and roster still give the previewed plan (U-2). */
export function useRosterApply() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: RosterApplyArgs) => unwrap(commands.rosterApply(args)),
    onSuccess: () => invalidateStaff(client),
  });
}

/** A staff member's live bindings with the next step each allows if they leave (B-17, B-18). */
export function useStaffDeparture(staffId: number | null) {
  return useQuery({
    queryKey: ["roster", "departure", staffId],
    queryFn: () => unwrap(commands.staffDeparture({ staff_id: staffId! })),
    enabled: staffId !== null,
  });
}

/** 标记离职: records stay, nothing is unbound (U-2, B-17). */
export function useMarkStaffLeft() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: MarkStaffLeftArgs) => unwrap(commands.markStaffLeft(args)),
    onSuccess: () => invalidateStaff(client),
  });
}

/** The brand's registered 小红书账号 (U-2, B-2). */
export function useAccounts(enterpriseId: number) {
  return useQuery({
    queryKey: ["accounts", enterpriseId],
    queryFn: () => unwrap(commands.listAccounts({ enterprise_id: enterpriseId })),
  });
}

export function useAccountSnapshots(enterpriseId: number, accountId: number | null) {
  return useQuery({
    queryKey: ["accounts", enterpriseId, "snapshots", accountId],
    queryFn: () => unwrap(commands.accountSnapshots({ enterprise_id: enterpriseId, account_id: accountId! })),
    enabled: accountId !== null,
  });
}

function invalidateAccounts(client: QueryClient) {
  return Promise.all([
    client.invalidateQueries({ queryKey: ["accounts"] }),
    client.invalidateQueries({ queryKey: queryKeys.historyAll }),
    client.invalidateQueries({ queryKey: ["dashboard"] }),
  ]);
}

export function useRegisterAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: RegisterAccountArgs) => unwrap(commands.registerAccount(args)),
    onSuccess: () => invalidateAccounts(client),
  });
}

/** 导入账号表: every row checked; written only when no row has an error. */
export function useImportAccounts() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: ImportAccountsArgs) => unwrap(commands.importAccounts(args)),
    onSuccess: (report) => (report.applied ? invalidateAccounts(client) : undefined),
  });
}
