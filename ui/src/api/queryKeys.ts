// Every query key in one place so mutations can name what they make stale.
export const queryKeys = {
  appInfo: ["appInfo"] as const,
  session: ["session"] as const,
  users: ["users"] as const,
  overview: (enterpriseId: number) => ["overview", enterpriseId] as const,
  stores: (enterpriseId: number) => ["stores", enterpriseId] as const,
  staffAll: ["staff"] as const,
  staff: (args: object) => ["staff", args] as const,
  rulesAll: ["rules"] as const,
  rules: (enterpriseId: number | null) => ["rules", enterpriseId] as const,
  historyAll: ["history"] as const,
  history: (args: object) => ["history", args] as const,
  // binding workflow (B-1..B-20): every key starts with "bindings" so one invalidation refreshes them all
  bindingsAll: ["bindings"] as const,
  eligibility: (enterpriseId: number) => ["bindings", "eligibility", enterpriseId] as const,
  bindingCounts: (enterpriseId: number) => ["bindings", "counts", enterpriseId] as const,
  bindingList: (args: object) => ["bindings", "list", args] as const,
  accountHistory: (enterpriseId: number, accountId: number) => ["bindings", "accountHistory", enterpriseId, accountId] as const,
  bindingCalendar: (args: object) => ["bindings", "calendar", args] as const,
  myInvitations: ["bindings", "myInvitations"] as const,
  pendingProofs: ["bindings", "pendingProofs"] as const,
  // incentive campaigns (I-1..I-3)
  campaignsAll: ["campaigns"] as const,
  campaignList: (enterpriseId: number) => ["campaigns", "list", enterpriseId] as const,
  campaignBoard: (campaignId: number) => ["campaigns", "board", campaignId] as const,
};
