// Every query key in one place so mutations can name what they make stale.
export const queryKeys = {
  appInfo: ["appInfo"] as const,
  // U-4: the window's mode (solo or signed in to a team server); kept when everything else is reset
  team: ["team"] as const,
  // issue 15 item 3: the window's updates (its own, in team mode too)
  updateStatus: ["updateStatus"] as const,
  updateSettings: ["updateSettings"] as const,
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
  leaderView: (campaignId: number, storeId: number | null, city: string | null) => ["campaigns", "leader", campaignId, storeId, city] as const,
  // note review queue (N-1..N-8): every key starts with "notes" so one invalidation refreshes them all
  notesAll: ["notes"] as const,
  noteList: (args: object) => ["notes", "list", args] as const,
  noteTabCounts: (enterpriseId: number) => ["notes", "tabCounts", enterpriseId] as const,
  reviewQuota: (enterpriseId: number) => ["notes", "quota", enterpriseId] as const,
  noteDetail: (noteRowId: number) => ["notes", "detail", noteRowId] as const,
  juguang: (enterpriseId: number) => ["notes", "juguang", enterpriseId] as const,
  dataCenter: (args: object) => ["notes", "dataCenter", args] as const,
  noteImports: (enterpriseId: number) => ["notes", "imports", enterpriseId] as const,
  importReport: (importId: number) => ["notes", "importReport", importId] as const,
  reviewQueue: ["notes", "reviewQueue"] as const,
  // 数据看板 (D-1, S-2): every key starts with "dashboard"
  dashboardAll: ["dashboard"] as const,
  dashboardEnterprise: (args: object) => ["dashboard", "enterprise", args] as const,
  dashboardEmployee: (enterpriseId: number, staffId: number) => ["dashboard", "employee", enterpriseId, staffId] as const,
  accountHealth: (args: object) => ["dashboard", "health", args] as const,
  // a long job's progress (imports, exports); polled while running
  job: (jobId: number) => ["job", jobId] as const,
  // issue 12 set-up (U-3, B-21): the administrator's user and agency lists
  userAccounts: ["userAccounts"] as const,
  agencies: ["agencies"] as const,
};
