import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import {
  commands,
  type AcceptInvitationArgs,
  type BindingChangeArgs,
  type BindingMode,
  type BindingTab,
  type HandOverArgs,
  type InviteArgs,
  type Permission,
  type ReviewProofArgs,
  type UploadProofArgs,
} from "../../api/commands.gen";
import { queryKeys } from "../../api/queryKeys";
import { unwrap } from "../../api/unwrap";
import { useSession } from "../session/hooks";

/** Whether the acting role has a permission (the session mirrors the core's authz; the core checks again). */
export function usePermission(name: Permission): boolean {
  return useSession().data?.permissions.includes(name) ?? false;
}

export function useEligibility(enterpriseId: number | undefined) {
  return useQuery({
    queryKey: queryKeys.eligibility(enterpriseId ?? -1),
    queryFn: () => unwrap(commands.eligibility({ enterprise_id: enterpriseId! })),
    enabled: enterpriseId !== undefined,
  });
}

export function useBindingCounts(enterpriseId: number) {
  return useQuery({
    queryKey: queryKeys.bindingCounts(enterpriseId),
    queryFn: () => unwrap(commands.bindingCounts({ enterprise_id: enterpriseId })),
  });
}

export type BindingListQuery = {
  enterprise_id: number;
  tab: BindingTab;
  store_id: number | null;
  mode: BindingMode | null;
  job_title: string | null;
  keyword: string | null;
  page_size: number;
  cursor: string | null;
};

/** One keyset page of a tab; filtering and counting happen in the core. */
export function useBindingPage(args: BindingListQuery) {
  return useQuery({
    queryKey: queryKeys.bindingList(args),
    queryFn: () => unwrap(commands.listBindings(args)),
    placeholderData: keepPreviousData,
  });
}

export function useAccountHistory(enterpriseId: number, accountId: number | null) {
  return useQuery({
    queryKey: queryKeys.accountHistory(enterpriseId, accountId ?? -1),
    queryFn: () => unwrap(commands.accountHistory({ enterprise_id: enterpriseId, account_id: accountId! })),
    enabled: accountId !== null,
  });
}

/** A change to a binding moves rows between tabs, changes counts, eligibility (B-3), staff rows and history. */
export function invalidateAfterBindingChange(client: QueryClient) {
  return Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.bindingsAll }),
    client.invalidateQueries({ queryKey: queryKeys.historyAll }),
    client.invalidateQueries({ queryKey: queryKeys.staffAll }),
    client.invalidateQueries({ queryKey: ["overview"] }),
    // 我的数据 lists the employee's bound accounts (an accepted invitation adds one)
    client.invalidateQueries({ queryKey: queryKeys.dashboardAll }),
    // an invitation may register a new staff member with an employee user for the role switcher
    client.invalidateQueries({ queryKey: queryKeys.users }),
  ]);
}

export type BindingAction = "unbind" | "freeze" | "unfreeze" | "handOver";

export type BindingChange =
  | { action: "unbind" | "freeze" | "unfreeze"; args: BindingChangeArgs }
  | { action: "handOver"; args: HandOverArgs };

export function useChangeBinding() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: BindingChange) => {
      switch (change.action) {
        case "unbind":
          return unwrap(commands.unbind(change.args));
        case "freeze":
          return unwrap(commands.freeze(change.args));
        case "unfreeze":
          return unwrap(commands.unfreeze(change.args));
        case "handOver":
          return unwrap(commands.handOver(change.args));
      }
    },
    onSuccess: () => invalidateAfterBindingChange(client),
  });
}

export function useLookupAccount() {
  return useMutation({
    mutationFn: (args: { enterprise_id: number; xhs_id: string }) => unwrap(commands.lookupAccount(args)),
  });
}

export function useUploadProof() {
  return useMutation({
    mutationFn: (args: UploadProofArgs) => unwrap(commands.uploadProof(args)),
  });
}

export function useInvite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: InviteArgs) => unwrap(commands.invite(args)),
    onSuccess: () => invalidateAfterBindingChange(client),
  });
}

export function useMyInvitations(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.myInvitations,
    queryFn: () => unwrap(commands.myInvitations({})),
    enabled,
  });
}

export function useAcceptInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: AcceptInvitationArgs) => unwrap(commands.acceptInvitation(args)),
    onSuccess: () => invalidateAfterBindingChange(client),
  });
}

export function useDeclineInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (bindingId: number) => unwrap(commands.declineInvitation({ binding_id: bindingId })),
    onSuccess: () => invalidateAfterBindingChange(client),
  });
}

export function usePendingProofs(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.pendingProofs,
    queryFn: () => unwrap(commands.pendingProofs({})),
    enabled,
  });
}

export function useReviewProof() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: ReviewProofArgs) => unwrap(commands.reviewProof(args)),
    onSuccess: () => invalidateAfterBindingChange(client),
  });
}

export function useBindingCalendar(args: { enterprise_id: number; from: string; to: string }) {
  return useQuery({
    queryKey: queryKeys.bindingCalendar(args),
    queryFn: () => unwrap(commands.bindingCalendar(args)),
    placeholderData: keepPreviousData,
  });
}
