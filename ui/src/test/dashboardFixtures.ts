import type { AccountHealth, AccountHealthRow, EmployeeDashboard, EnterpriseDashboard, WeekPoint } from "../api/commands.gen";

// Answers of the fake core for 数据看板 (D-1) and 账号健康度 (S-2).

const week = (n: number, notes: number, interactions: number): WeekPoint => ({
  week: `2026-W${String(n).padStart(2, "0")}`,
  week_start: `2026-11-${String(n - 44 + 2).padStart(2, "0")}`,
  notes,
  interactions,
  exposure: interactions * 10,
  reads: interactions * 3,
});

export function enterpriseDashboardFixture(args: { from: string; to: string }): EnterpriseDashboard {
  return {
    from: args.from,
    to: args.to,
    kpis: {
      accounts_enterprise: 30,
      accounts_personal: 45,
      accounts_active_week: 18,
      notes: 1234,
      interactions: 56789,
      approved_notes: 321,
      review_quota: { month: "2026-11", used: 150, limit: 1000, remaining: 850 },
      boosts: 6,
      boost_yuan: 12500,
    },
    weeks: [week(45, 40, 3200), week(46, 52, 4100), week(47, 61, 5200)],
    by_store: [
      { store_id: 1, store_name: "静安店", city: "上海", notes: 80, interactions: 9000 },
      { store_id: 2, store_name: "徐汇店", city: "上海", notes: 60, interactions: 7000 },
    ],
    by_job_title: [
      { label: "导购", notes: 90, interactions: 10000 },
      { label: "店长", notes: 30, interactions: 5000 },
    ],
    by_direction: [
      { label: "日常工作记录", notes: 70, interactions: 8000 },
      { label: "未标注", notes: 20, interactions: 1000 },
    ],
  };
}

export function employeeDashboardFixture(staffId: number): EmployeeDashboard {
  return {
    staff_id: staffId,
    staff_name: staffId === 21 ? "陈小美" : `员工${staffId}`,
    store_name: "静安店",
    city: "上海",
    accounts: [
      { account_id: 501, xhs_id: "kos501", nickname: "小美爱收纳", followers: 2345, mode: "enterprise", job_title: "导购", status: "active", effective_at: "2026-10-01T08:00:00Z" },
    ],
    notes_total: 88,
    interactions_total: 12400,
    weeks: [week(46, 3, 900), week(47, 4, 1200)],
    campaigns: [
      {
        campaign_id: 11,
        name: "双十一爆文激励",
        start_date: "2026-11-01",
        end_date: "2026-11-30",
        viral_rank: 2,
        best_note_interactions: 1210,
        viral_places: 5,
        ranking_rank: 14,
        ranking_places: 10,
        total_interactions: 3400,
      },
    ],
  };
}

const healthRow = (id: number, over: Partial<AccountHealthRow>): AccountHealthRow => ({
  account_id: id,
  xhs_id: `kos${id}`,
  nickname: `悦家小${id}`,
  staff_id: id,
  staff_name: `员工${id}`,
  store_name: "静安店",
  mode: "enterprise",
  job_title: "导购",
  status: "active",
  followers: 1200,
  notes: 60,
  notes_last_7d: 6,
  in_stock: 12,
  followers_ok: true,
  notes_ok: true,
  weekly_ok: true,
  stock_ok: true,
  passed: 4,
  candidate: true,
  ...over,
});

export function accountHealthFixture(): AccountHealth {
  return {
    thresholds: { min_followers: 200, min_notes: 50, min_notes_per_week: 5, min_stock: 10 },
    rows: [
      healthRow(1, {}),
      healthRow(2, { followers: 150, followers_ok: false, in_stock: 3, stock_ok: false, passed: 2, candidate: false }),
    ],
    candidates: 1,
  };
}
