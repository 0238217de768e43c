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
};
