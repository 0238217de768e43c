import { mockConvertFileSrc, mockIPC } from "@tauri-apps/api/mocks";
import { vi } from "vitest";
import type {
  AccountLookup,
  ApiError,
  BindingCounts,
  BindingRow,
  CalendarItem,
  Eligibility,
  EligibilityCheck,
  EnterpriseSummary,
  HistoryRow,
  MyInvitation,
  Overview,
  Page,
  PendingProof,
  ProofRef,
  Role,
  Session,
  StaffRow,
  UserSummary,
  BulkReport,
  BulkRow,
  Campaign,
  CampaignBoard,
  JobProgress,
  LeaderView,
  LeaderViewArgs,
  Permission,
  ErrorCode,
  BrandFacts,
  StoreRow,
  StoreSheetReport,
  UserAccount,
  TeamStatus,
  UpdateSettings,
  UpdateStatus,
} from "../api/commands.gen";
import { commands } from "../api/commands.gen";
import { grantFor, pathOf, pickOpen, pickSave, withFilterExtension } from "./fakeDialogs";
import {
  TAB_COUNTS,
  boostRow,
  dataCenterPage,
  importReportFixture,
  importRowFixture,
  jobFixture,
  juguangRow,
  noteDetailFixture,
  previewFixture,
  queuePage,
  quotaFixture,
  requestedRows,
  reviewQueuePage,
  reviewRow,
} from "./noteFixtures";
import { accountHealthFixture, employeeDashboardFixture, enterpriseDashboardFixture } from "./dashboardFixtures";
import { accountEntry, accountImportFixture, departureFixture, rosterAppliedFixture, rosterPreviewFixture } from "./rosterFixtures";

// A small in-memory stand-in for the Rust core, answering the IPC commands the UI sends.

export const BRAND: EnterpriseSummary = { id: 7, name: "悦家家政服务", industry: "餐饮", city: "上海", store_count: 12 };

/** `staff_id`: the employee's own staff record (the 员工视角 reads it when the session carries it). */
export const USERS: UserSummary[] = [
  { id: 1, name: "王管理", role: "admin", enterprise_id: null, enterprise_name: null, agency_name: null, store_names: [], staff_id: null },
  { id: 2, name: "李市场", role: "brand_marketing", enterprise_id: 7, enterprise_name: "悦家家政服务", agency_name: null, store_names: [], staff_id: null },
  { id: 3, name: "赵代理", role: "agency", enterprise_id: null, enterprise_name: null, agency_name: "星火代理", store_names: [], staff_id: null },
  { id: 4, name: "陈小美", role: "employee", enterprise_id: 7, enterprise_name: "悦家家政服务", agency_name: null, store_names: ["静安店"], staff_id: 21 },
  { id: 5, name: "孙审核", role: "platform_reviewer", enterprise_id: null, enterprise_name: null, agency_name: null, store_names: [], staff_id: null },
];

/** Mirrors kos-core's authz.rs: what each role may do (every permission named, or the build fails). */
export function permissionsFor(role: Role): Permission[] {
  const runsProgram = role === "brand_marketing" || role === "store_manager" || role === "agency";
  const granted: Record<Permission, boolean> = {
    load_demo: role === "admin",
    edit_rule_settings: role === "admin",
    view_enterprise: true,
    view_overview: role !== "employee",
    run_sweep: role === "admin",
    view_installation: role === "admin",
    view_staff: role !== "employee",
    view_history: ["admin", "brand_marketing", "leader", "agency"].includes(role),
    view_bindings: role !== "employee",
    manage_bindings: runsProgram,
    read_proof: runsProgram || role === "platform_reviewer",
    review_proof: role === "platform_reviewer",
    respond_invitation: role === "employee",
    view_campaigns: role !== "platform_reviewer",
    manage_campaigns: ["admin", "brand_marketing", "agency"].includes(role),
    void_award: ["admin", "brand_marketing", "agency", "leader"].includes(role),
    export_award_sheet: ["admin", "brand_marketing", "agency", "leader"].includes(role),
    view_notes: ["admin", "brand_marketing", "leader", "agency", "platform_reviewer"].includes(role),
    manage_notes: role === "brand_marketing" || role === "agency",
    review_notes: role === "platform_reviewer",
    manage_backup: role === "admin",
    // issue 12 set-up (U-1, U-2, U-3)
    manage_brand: role === "admin",
    manage_stores: role === "admin" || role === "brand_marketing",
    manage_users: role === "admin",
    // U-2 (helper Q)
    manage_roster: ["admin", "brand_marketing", "store_manager"].includes(role),
    manage_accounts: ["admin", "brand_marketing", "store_manager", "agency"].includes(role),
    // issue 15 item 3
    manage_updates: role === "admin",
  };
  return (Object.keys(granted) as Permission[]).filter((p) => granted[p]);
}

export const FORBIDDEN: ApiError = {
  code: "forbidden",
  message: "当前身份无权执行此操作",
  message_en: "Your role may not do this",
  details: null,
};

export function overviewFixture(): Overview {
  return {
    enterprise: {
      id: 7,
      name: BRAND.name,
      industry: "家政",
      city: "上海",
      store_count: 12,
      professional_account: true,
      staff_mgmt_permission: true,
      last_serious_violation_at: null,
      invite_ban_until: null,
      agencies: ["星火代理"],
    },
    stores: 12,
    staff: 240,
    accounts_enterprise: 30,
    accounts_personal: 45,
    notes_total: 12345,
    notes_by_month: [{ month: "2026-06", video: 10, image: 20, interactions: 3000 }],
  };
}

export function staffRow(id: number): StaffRow {
  return {
    id,
    name: `员工${id}`,
    store_id: 3,
    store_name: "静安店",
    id_masked: "**************002X",
    hired_on: "2025-03-01",
    xhs_id: `xhs${id}`,
    nickname: `昵称${id}`,
    followers: 12345 + id,
    binding_mode: id % 2 ? "enterprise" : "personal",
    job_title: "导购",
    employee_no: `E000${id}`,
    position: "美容师",
    phone_masked: "139****0001",
  };
}

export function eligibilityFixture(overrides: Partial<Eligibility> = {}): Eligibility {
  const check = (key: string, label: string, detail: string, rule_id = "B-1"): EligibilityCheck => ({
    available_from: null,
    key,
    passed: true,
    label_zh: label,
    label_en: key,
    detail_zh: detail,
    detail_en: detail,
    rule_id,
  });
  return {
    enterprise_id: 7,
    checks: [
      check("staff_mgmt_permission", "员工账号管理权限", "已开通"),
      check("offline_stores", "线下门店数", "中国大陆线下门店 12 家，要求至少 10 家"),
      check("no_serious_violation", "近期无严重违规封禁", "近 365 天无严重违规封禁"),
      check("professional_account", "企业专业号", "已认证企业专业号"),
      check("invite_ban", "未被限制邀请", "无不合规证明导致的邀请限制", "B-15"),
      check("staff_account_cap", "员工账号上限", "已用 75 个，上限 2000 个", "B-3"),
    ],
    can_invite: true,
    blocked_until: null,
    staff_accounts_used: 75,
    staff_account_cap: 2000,
    ...overrides,
  };
}

/** The checklist with the B-15 ban failing, as after a non-compliant proof. */
/** A brand under a B-15 invitation ban that lifts at `until` (Beijing time with offset). */
export function bannedEligibility(until = "2026-12-20T11:05:00+08:00"): Eligibility {
  const e = eligibilityFixture({ can_invite: false, blocked_until: until });
  e.checks = e.checks.map((c) =>
    c.key === "invite_ban"
      ? {
          ...c,
          label_zh: "无邀请限制",
          passed: false,
          detail_zh: "在职证明被判定不合规，暂停发送新邀请：2026-12-20 11:05 起可操作（B-15）",
          detail_en: "An employment proof was non-compliant, so new invitations are paused (B-15)",
          available_from: until,
        }
      : c,
  );
  return e;
}

export const COUNTS: BindingCounts = { invited: 2, active: 30, expired: 3, unbound: 4, frozen: 1 };

export function bindingRow(id: number, overrides: Partial<BindingRow> = {}): BindingRow {
  return {
    id,
    enterprise_id: 7,
    account_id: 100 + id,
    xhs_id: `kos${id}`,
    nickname: `悦家小${id}`,
    followers: 1200 + id,
    staff_id: id,
    staff_name: `员工${id}`,
    staff_id_masked: "**************002X",
    store_id: 1,
    store_name: "静安店",
    job_title: "导购",
    mode: "enterprise",
    status: "active",
    invited_at: "2026-10-01T02:00:00Z",
    effective_at: "2026-10-01T08:00:00Z",
    ended_at: null,
    end_reason: null,
    proof_id: "ab".repeat(32),
    proof_review: "compliant",
    expires_at: null,
    next_action_at: null,
    next_action: null,
    ...overrides,
  };
}

/** A personal authorization that became effective recently: B-18 refuses unbinding for now. */
export function personalRow(id: number): BindingRow {
  return bindingRow(id, {
    mode: "personal",
    effective_at: "2026-11-08T08:00:00Z",
    next_action: "personal_unbindable",
    next_action_at: "2026-12-08T08:00:00Z",
  });
}

export const UNBIND_TOO_EARLY: ApiError = apiError(
  "unbind_too_early",
  "个人号授权于 2026-11-08 16:00 生效，生效满 30 天后才能解绑：2026-12-08 16:00 起可操作，还需 12 天（B-18）",
  "The personal authorization became effective at 2026-11-08 16:00 (Beijing time); it can be unbound after 30 days: possible from 2026-12-08 16:00 Beijing time, 12 days left (B-18)",
  { rule: "B-18", available_from: "2026-12-08T16:00:00+08:00" },
);

export function lookupFixture(xhsId: string): AccountLookup {
  const mode = (m: "enterprise" | "personal") => ({
    mode: m,
    allowed: true,
    code: null,
    rule_id: null,
    reason_zh: null,
    reason_en: null,
    available_from: null,
    warning_zh: m === "enterprise" ? "以企业员工号绑定员工已有的个人账号后，账号归企业所有；请先与员工协商一致 (B-4)" : null,
    warning_en: m === "enterprise" ? "Agree this with the employee first (B-4)" : null,
  });
  return {
    account_id: 900,
    xhs_id: xhsId,
    nickname: "小美爱收纳",
    followers: 12345,
    has_shop: false,
    phone_bound: true,
    real_name_verified: false,
    bound_elsewhere: false,
    bound_here: false,
    current_binding: null,
    modes: [mode("enterprise"), mode("personal")],
  };
}

export function proofRefFor(path: string): ProofRef {
  const name = path.split(/[\\/]/).pop() ?? path;
  const pdf = name.toLowerCase().endsWith(".pdf");
  return { proof_id: "cd".repeat(32), mime: pdf ? "application/pdf" : "image/png", size: 2_345_678, name };
}

/** An open invitation for the employee, expiring 47:59:12 after `now`. */
export function invitationFixture(now: number = Date.now(), overrides: Partial<MyInvitation> = {}): MyInvitation {
  return {
    binding_id: 41,
    enterprise_name: "悦家家政服务",
    xhs_id: "kos41",
    nickname: "小美爱收纳",
    mode: "personal",
    job_title: "导购",
    status: "invited",
    status_label_zh: "邀请中",
    status_label_en: "Invited",
    invited_at: new Date(now - 48_000).toISOString(),
    expires_at: new Date(now + (47 * 3600 + 59 * 60 + 12) * 1000).toISOString(),
    effective_at: null,
    can_accept: true,
    ...overrides,
  };
}

export const IDENTITY_MISMATCH: ApiError = {
  code: "identity_mismatch",
  message: "姓名或身份证号与邀请信息不一致，无法接受邀请；请核对后重试，或联系企业更正邀请 (B-14)",
  message_en: "Name or ID number differ from the invitation; check them or ask the enterprise to correct it (B-14)",
  details: { rule: "B-14", available_from: null },
};

export function pendingProofs(): PendingProof[] {
  const base = {
    enterprise_id: 7,
    enterprise_name: "悦家家政服务",
    mode: "enterprise" as const,
    job_title: "店长",
    status: "active" as const,
    invited_at: "2026-11-20T02:00:00Z",
    uploaded_at: "2026-11-20T01:58:00Z",
  };
  return [
    { ...base, binding_id: 51, xhs_id: "kos51", staff_name: "周一", proof_id: "e1".repeat(32), mime: "image/png", size: 345_678, name: "在职证明.png" },
    { ...base, binding_id: 52, xhs_id: "kos52", staff_name: "吴二", proof_id: "e2".repeat(32), mime: "application/pdf", size: 1_234_567, name: "劳动合同.pdf" },
  ];
}

export function historyRows(): HistoryRow[] {
  const row = (id: number, at: string, action: string, zh: string, reason: string | null): HistoryRow => ({
    id,
    at,
    actor_name: "李市场",
    actor_role: "brand_marketing",
    enterprise_id: 7,
    entity_type: "binding",
    entity_id: "1",
    action,
    summary_zh: zh,
    summary_en: action,
    reason,
    hash: String(id).padStart(64, "0"),
  });
  return [
    row(3, "2026-11-02T02:00:00Z", "freeze", "冻结员工号", "违规发帖"),
    row(2, "2026-10-01T08:00:00Z", "accept", "员工1 接受绑定邀请，身份信息核验通过", null),
    row(1, "2026-10-01T02:00:00Z", "invite", "发送企业员工号绑定邀请", null),
  ];
}

export function calendarItems(): CalendarItem[] {
  return [
    {
      date: "2026-12-08",
      at: "2026-12-08T08:00:00Z",
      kind: "personal_unbindable",
      rule_id: "B-18",
      binding_id: 2,
      account_id: 102,
      xhs_id: "kos2",
      staff_name: "员工2",
      label_zh: "员工2 的个人号授权可解绑",
      label_en: "Personal authorization of 员工2 can be unbound",
    },
  ];
}

/** A validated bulk-binding batch (B-16): one valid row, one with two reasons. */
export function bulkReportFixture(): BulkReport {
  const row = (n: number, valid: boolean, errors: BulkRow["errors"]): BulkRow => ({
    row: n,
    xhs_id: `9500000${n}`,
    name: `员工${n}`,
    id_masked: "**************001X",
    store: "静安店",
    job_title: "导购",
    mode_label: "企业员工号",
    proof_file: `p${n}.pdf`,
    valid,
    sent: false,
    errors,
  });
  return {
    batch_id: "batch-1",
    enterprise_id: 7,
    rows: [
      row(2, true, []),
      row(3, false, [
        { code: "invalid_id_number", message_zh: "身份证号码校验位不正确，请核对", message_en: "The check character of the ID number is wrong" },
        { code: "invalid_job_title", message_zh: "岗位只能从 导购、店长、客服、员工、助理、主播人 中选择 (B-11)", message_en: "The job title must be one of the list (B-11)" },
      ]),
    ],
    valid: 1,
    invalid: 1,
    examples_skipped: 2,
    expires_at: "2026-11-26T02:30:00Z",
  };
}

/** An incentive campaign (I-1..I-3) with the deck's rules. */
export function campaignFixture(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 11,
    enterprise_id: 7,
    name: "双十一爆文激励",
    start_date: "2026-11-01",
    end_date: "2026-11-30",
    scope: { store_ids: [], cities: [] },
    rules: {
      count_shares: false,
      viral_min_interactions: 100,
      viral_top_n: 5,
      viral_award_yuan: 1000,
      ranking_top_n: 10,
      ranking_award_yuan: 500,
      honour_top_n: 3,
      ranking_stacks_with_viral: true,
    },
    status: "running",
    created_by_name: "李市场",
    created_at: "2026-10-30T02:00:00Z",
    updated_at: "2026-10-30T02:00:00Z",
    confirmed_at: null,
    ...overrides,
  };
}

const person = (rank: number, staffId: number, name: string, total: number, amount: number) => ({
  store_name: staffId === 23 ? "徐汇店" : "静安店",
  city: "上海",
  xhs_id: `kos${staffId}`,
  flags: [] as { code: string; zh: string; en: string }[],
  rank,
  staff_id: staffId,
  staff_name: name,
  total_interactions: total,
  notes: 3,
  first_published_at: "2026-11-02T02:00:00Z",
  amount_yuan: amount,
});

export function campaignBoardFixture(overrides: Partial<Campaign> = {}): CampaignBoard {
  return {
    campaign: campaignFixture(overrides),
    board: {
      viral: [
        {
          rank: 1,
          note_id: "note-a",
          staff_id: 21,
          staff_name: "张一",
          published_at: "2026-11-03T02:00:00Z",
          interactions: 5320,
          boosted_at_interactions: null,
          amount_yuan: 1000,
          title: "月嫂上户第一天的收纳清单",
          note_url: "https://www.xiaohongshu.com/explore/note-a",
          xhs_id: "kos21",
          store_name: "静安店",
          flags: [{ code: "note_jump", zh: "互动数单日暴涨，请人工核实是否刷量", en: "Interactions jumped in one day; check for fake engagement" }],
        },
        { rank: 2, note_id: "note-b", staff_id: 22, staff_name: "钱二", published_at: "2026-11-04T02:00:00Z", interactions: 1210, boosted_at_interactions: null, amount_yuan: 1000 },
      ],
      ranking: [person(1, 21, "张一", 12400, 500), person(2, 22, "钱二", 8800, 500), person(3, 23, "孙三", 4100, 500)],
      honour: [person(1, 21, "张一", 12400, 0), person(2, 22, "钱二", 8800, 0), person(3, 23, "孙三", 4100, 0)],
      rules_text: [
        { code: "I-1", zh: "单篇互动数超过 100 的笔记按互动数取前 5 名，每人限 1 次，每篇 1,000 元现金券", en: "Notes above 100 interactions, top 5, one per person, CNY 1,000 each" },
        { code: "tie", zh: "互动数相同时，先发布者在前", en: "Ties: the earlier note ranks first" },
      ],
    },
    frozen: false,
    metrics_as_of: "latest",
    notes_considered: 1234,
    version: 2,
    voids: [],
  };
}

/**
 * 领导看板 of the board fixture: whole, the awards; narrowed to 静安店 (store 1) or 上海, 张一 and 孙三 with
 * 张一's awards; a running total over three days for whoever is listed.
 */
export function leaderViewFixture(args: LeaderViewArgs, board: CampaignBoard = campaignBoardFixture()): LeaderView {
  const b = board.board;
  const held = (staffId: number) =>
    [
      b.viral.some((n) => n.staff_id === staffId) && ("viral" as const),
      b.ranking.some((p) => p.staff_id === staffId) && ("ranking" as const),
      b.honour.some((p) => p.staff_id === staffId) && ("honour" as const),
    ].filter((k) => k !== false);
  const toPerson = (p: CampaignBoard["board"]["ranking"][number], place: number) => ({
    place,
    staff_id: p.staff_id,
    staff_name: p.staff_name,
    store_name: p.store_name ?? "",
    city: p.city ?? "",
    total_interactions: p.total_interactions,
    notes: p.notes,
    awards: held(p.staff_id),
    flags: p.flags ?? [],
  });
  const narrowed = (args.store_id ?? null) !== null || (args.city ?? null) !== null;
  const listed = narrowed ? [b.ranking[0], { ...b.ranking[2], total_interactions: 900 }] : b.ranking;
  const people = listed.map((p, i) => toPerson(p, i + 1));
  const notes = (narrowed ? b.viral.slice(0, 1) : b.viral).map((n) => ({
    place: n.rank,
    note_id: n.note_id,
    staff_id: n.staff_id,
    staff_name: n.staff_name,
    store_name: n.store_name ?? "",
    title: n.title ?? "",
    note_url: n.note_url ?? "",
    interactions: n.interactions,
    awarded: true,
    flags: n.flags ?? [],
  }));
  return {
    board,
    store_id: args.store_id ?? null,
    city: args.city ?? null,
    podium: narrowed ? people.slice(0, 3) : b.honour.map((p) => toPerson(p, p.rank)),
    people,
    notes,
    dates: ["2026-11-01", "2026-11-02", "2026-11-03"],
    trend: people.map((p) => ({ staff_id: p.staff_id, staff_name: p.staff_name, values: [0, Math.round(p.total_interactions / 2), p.total_interactions] })),
    stores: [
      { id: 1, name: "静安店", city: "上海" },
      { id: 2, name: "西湖店", city: "杭州" },
    ],
    cities: ["上海", "杭州"],
  };
}

/** `exportDataCenter` → `export_data_center`: the IPC name of a generated command. */
type SnakeCase<S extends string> = S extends `${infer C}${infer R}`
  ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${SnakeCase<R>}`
  : S;
type Commands = typeof commands;
type OkOf<R> = R extends Promise<infer X> ? (X extends { status: "ok"; data: infer D } ? D : never) : never;

/**
 * The fake's answer to each command, typed from the generated commands: the arguments the window sends and
 * the result the core returns, so a changed command or type breaks the tests' build, not a test at run time.
 */
export type FakeHandlers = {
  [K in keyof Commands as SnakeCase<K & string>]: (payload: { args: Parameters<Commands[K]>[0] }) => OkOf<ReturnType<Commands[K]>>;
};
export type CommandName = keyof FakeHandlers;

/** An error as the core sends it, its code one the core knows. */
export function apiError(code: ErrorCode, message: string, message_en = message, details: ApiError["details"] = null): ApiError {
  return { code, message, message_en, details };
}

/** Long jobs of the fake core: each status poll moves a job on (running → done), or to cancelled. */
type FakeJob = { progress: JobProgress; polls: number; cancelled: boolean };

/**
 * U-5: the phone's browser talks to the team server over HTTP, not IPC. `browser` answers `fetch` as kos-server
 * does: `/api/login` (the cookie's session), `/api/logout`, `/api/<command>` with the command's data, or its
 * ApiError with the server's status; 401 without a session; `password_change_required` (403) while the
 * password must change. The same handlers answer as through IPC.
 */
export type FakeBrowser = {
  signedIn: boolean;
  mustChangePassword: boolean;
  /** every request the page sent: path, method, credentials mode and the parsed body */
  requests: { path: string; method: string; credentials: RequestCredentials | undefined; body: unknown }[];
};

export type FakeCore = {
  calls: { cmd: string; args: Record<string, unknown> }[];
  callsOf: (cmd: CommandName) => Record<string, unknown>[];
  /** U-4: the commands sent to the team server through `team_call`, with their arguments as `{ args }` */
  teamCallsOf: (cmd: CommandName) => Record<string, unknown>[];
  state: {
    empty: boolean;
    actorId: number;
    jobs: Map<number, FakeJob>;
    team: TeamStatus;
    browser: FakeBrowser;
    update: UpdateStatus;
  };
};

/** A leader of the brand, who signs in on a phone (U-5); not among USERS, which the window's switcher lists. */
export const LEADER: UserSummary = { id: 6, name: "周领导", role: "leader", enterprise_id: 7, enterprise_name: "悦家家政服务", agency_name: null, store_names: [], staff_id: null };

/** The server's statuses for the codes the fake browser door answers with (as kos-server's http.rs). */
function httpStatus(code: ErrorCode): number {
  switch (code) {
    case "unauthenticated":
    case "login_failed":
      return 401;
    case "forbidden":
    case "password_change_required":
      return 403;
    case "not_found":
    case "unknown_command":
      return 404;
    case "invalid_input":
      return 400;
    default:
      return 409;
  }
}

/** The password the fake team server takes (U-4). */
export const TEAM_PASSWORD = "correct-horse-9";

/** Installs mockIPC with sensible answers; `overrides` replace single commands (throw an ApiError to fail). */
export function installFakeCore(
  opts: {
    empty?: boolean;
    overrides?: Partial<FakeHandlers>;
    team?: Partial<TeamStatus>;
    /** U-5: answer the phone's browser over `fetch` instead of the window's IPC */
    door?: "ipc" | "browser";
    browser?: Partial<Omit<FakeBrowser, "requests">>;
    /** issue 15 item 3: where the window is with updates */
    update?: Partial<UpdateStatus>;
  } = {},
): FakeCore {
  const state = {
    empty: opts.empty ?? false,
    actorId: 1,
    jobs: new Map<number, FakeJob>(),
    team: { connected: false, url: null, name: null, must_change_password: false, ...opts.team } as TeamStatus,
    browser: { signedIn: false, mustChangePassword: false, requests: [], ...opts.browser } as FakeBrowser,
    update: {
      phase: "up_to_date",
      current_version: "0.1.0",
      offer: null,
      downloaded: 0,
      total: null,
      dismissed: false,
      error: null,
      error_en: null,
      installed: null,
      waiting: null,
      waiting_en: null,
      ...opts.update,
    } as UpdateStatus,
    updateSettings: { check_on_start: true, changed_at: null, changed_by: null } as UpdateSettings,
  };
  const startJob = (progress: JobProgress) => {
    const id = state.jobs.size + 1;
    const job = { progress: { ...progress, id }, polls: 0, cancelled: false };
    state.jobs.set(id, job);
    return job.progress;
  };
  const jobOf = (a: Record<string, unknown>) => {
    const job = state.jobs.get((a.args as { job_id: number }).job_id);
    if (!job) throw apiError("not_found", "找不到任务", "No such job");
    return job;
  };
  const calls: FakeCore["calls"] = [];
  const session = (): Session => {
    const actor = [...USERS, LEADER].find((u) => u.id === state.actorId)!;
    return {
      actor,
      enterprises: state.empty ? [] : [BRAND],
      permissions: permissionsFor(actor.role),
    };
  };

  const handlers: FakeHandlers = {
    app_info: () => ({
      version: "0.1.0",
      db_path: "/tmp/kos.db",
      schema_version: 1,
      empty: state.empty,
      counts: { enterprises: state.empty ? 0 : 1, stores: 0, staff: 0, accounts: 0, notes: 0 },
      key: {
        kind: "os_store",
        path: null,
        label: "系统密钥库（Secret Service）",
        label_en: "the system key store (Secret Service)",
        database_id: "0123456789abcdef",
      },
    }),
    backup_now: (a) => ({
      path: pathOf(a.args.file),
      size_bytes: 1024,
      schema_version: 9,
      created_at: "2026-12-06T02:00:00Z",
      counts: { enterprises: 1, stores: 0, staff: 0, accounts: 0, bindings: 0, notes: 0, proofs: 0 },
    }),
    inspect_backup: (a) => ({
      path: pathOf(a.args.file),
      size_bytes: 1024,
      app_version: "0.1.0",
      schema_version: 9,
      created_at: "2026-12-06T02:00:00Z",
      counts: { enterprises: 1, stores: 0, staff: 0, accounts: 0, bindings: 0, notes: 0, proofs: 0 },
    }),
    restore_backup: () => ({
      db_path: "/tmp/kos.db",
      backup_created_at: "2026-12-06T02:00:00Z",
      backup_app_version: "0.1.0",
      counts: { enterprises: 1, stores: 0, staff: 0, accounts: 0, bindings: 0, notes: 0, proofs: 0 },
      moved_aside: null,
      key: { kind: "os_store", path: null, label: "系统密钥库", label_en: "the system key store", database_id: "x" },
    }),
    // the window restarts: nothing comes back
    restart_app: () => undefined as never,
    // issue 15 item 3: the window's updates (a download moves on to staged at the next status poll)
    update_status: () => {
      if (state.update.phase === "downloading") state.update = { ...state.update, phase: "staged" };
      return { ...state.update } as never;
    },
    update_check: () => ({ ...state.update }) as never,
    update_download: () => {
      state.update = { ...state.update, phase: "downloading", downloaded: 0, total: 1000 };
      return { ...state.update };
    },
    update_dismiss: () => {
      state.update = { ...state.update, dismissed: true };
      return { ...state.update } as never;
    },
    update_settings: () => ({ ...state.updateSettings }),
    set_update_check: (a) => {
      state.updateSettings = { check_on_start: a.args.check_on_start, changed_at: "2026-12-07T03:00:00Z", changed_by: "系统管理员" };
      return { ...state.updateSettings };
    },
    // issue 15 item 4: the window logs its first usable screen
    first_screen_ready: () => undefined as never,
    // U-4: the window's team connection; a command sent through team_call is answered by the same fake
    team_status: () => ({ ...state.team }) as never,
    team_connect: (a) => {
      if (a.args.password !== TEAM_PASSWORD) throw apiError("login_failed", "用户名或密码不正确", "Wrong name or password");
      state.team = { connected: true, url: a.args.url, name: a.args.name, must_change_password: false };
      return { ...state.team };
    },
    team_disconnect: (a) => {
      const forget = (a as unknown as { forget: boolean }).forget;
      state.team = forget
        ? { connected: false, url: null, name: null, must_change_password: false }
        : { ...state.team, connected: false, must_change_password: false };
      return { ...state.team };
    },
    team_call: (a) => {
      const { command, args } = a.args as { command: string; args: unknown };
      if (command === "change_password") state.team = { ...state.team, must_change_password: false };
      const inner = (handlers as unknown as Record<string, ((p: unknown) => unknown) | undefined>)[command];
      if (!inner) throw apiError("unknown_command", `未知命令 ${command}`, `unknown command ${command}`);
      return inner({ args }) as never;
    },
    session_get: () => session(),
    // the native dialogs the Rust side opens: what the test says the user picks, granted
    pick_open_file: (a) => {
      const picked = pickOpen(a.args);
      return picked ? grantFor(picked) : null;
    },
    pick_save_file: (a) => {
      const picked = pickSave(a.args);
      return picked ? grantFor(withFilterExtension(picked, a.args.filters)) : null;
    },
    session_switch: (a) => {
      state.actorId = (a.args as { user_id: number }).user_id;
      return session();
    },
    list_users: () => USERS,
    load_demo: () => {
      state.empty = false;
      return {
        enterprise_id: 7,
        enterprise_name: BRAND.name,
        enterprises: 3,
        stores: 12,
        staff: 240,
        accounts: 75,
        bindings: 60,
        notes: 12345,
        snapshots: 100,
        users: 30,
      };
    },
    list_enterprises: () => (state.empty ? [] : [BRAND]),
    enterprise_overview: () => overviewFixture(),
    list_stores: () => [
      {
        id: 1,
        name: "静安店",
        city: "上海",
        district: "静安区",
        address: "南京西路 1 号",
        opened_on: "2021-03-01",
        staff_count: 20,
        manager_name: "周店长",
        closed_on: null,
        manager_phone_masked: "138****0001",
      },
    ],
    list_staff: (a) => {
      const args = a.args as { cursor: string | null; page_size: number };
      const page: Page<StaffRow> =
        args.cursor === null
          ? { rows: [staffRow(1), staffRow(2)], total: 4, next_cursor: "c-2" }
          : { rows: [staffRow(3), staffRow(4)], total: 4, next_cursor: null };
      return page;
    },
    get_rule_settings: () => [],
    update_rule_setting: () => {
      throw FORBIDDEN;
    },
    list_history: () => ({ rows: [], total: 0, next_cursor: null }),
    verify_history: (a) => {
      const args = a.args as { head_id: number | null; head_hash: string | null };
      const found = args.head_id == null ? null : args.head_hash === "a".repeat(64);
      return {
        rows: 42,
        head_id: 42,
        head_hash: "f".repeat(64),
        intact: true,
        broken_at: null,
        given_head_found: found,
        message_zh: found === false ? "操作记录完整：42 条。证据文件的链头（第 7 条）已不在链中：导出之后记录被改写过。" : "操作记录完整：42 条记录的哈希链逐条核对无误。",
        message_en: "History intact.",
      };
    },
    eligibility: () => eligibilityFixture(),
    binding_counts: () => COUNTS,
    list_bindings: (a) => {
      const { tab } = a.args as { tab: string };
      const rows: BindingRow[] =
        tab === "active"
          ? [bindingRow(1), personalRow(2)]
          : tab === "invited"
            ? [
                bindingRow(3, {
                  status: "invited",
                  effective_at: null,
                  expires_at: "2026-11-28T02:00:00Z",
                  next_action: "invitation_expires",
                  next_action_at: "2026-11-28T02:00:00Z",
                }),
              ]
            : tab === "frozen"
              ? [bindingRow(4, { status: "frozen" })]
              : [];
      const page: Page<BindingRow> = { rows, total: rows.length, next_cursor: null };
      return page;
    },
    lookup_account: (a) => lookupFixture((a.args as { xhs_id: string }).xhs_id),
    upload_proof: (a) => proofRefFor(pathOf(a.args.file)),
    invite: (a) => {
      const args = a.args as { xhs_id: string; staff_name: string; mode: "enterprise" | "personal"; job_title: string };
      return bindingRow(60, {
        xhs_id: args.xhs_id,
        staff_name: args.staff_name,
        mode: args.mode,
        job_title: args.job_title,
        status: "invited",
        effective_at: null,
        expires_at: "2026-11-28T06:00:00Z",
      });
    },
    sweep_due: () => ({ expired: 0, proofs_purged: 0 }),
    my_invitations: () => [invitationFixture()],
    accept_invitation: (a) => ({ ...invitationFixture(), binding_id: (a.args as { binding_id: number }).binding_id, status: "active", can_accept: false }),
    decline_invitation: (a) => ({ ...invitationFixture(), binding_id: (a.args as { binding_id: number }).binding_id, status: "declined", can_accept: false }),
    unbind: (a) => bindingRow((a.args as { binding_id: number }).binding_id, { status: "unbound" }),
    freeze: (a) => bindingRow((a.args as { binding_id: number }).binding_id, { status: "frozen" }),
    unfreeze: (a) => bindingRow((a.args as { binding_id: number }).binding_id),
    hand_over: (a) => bindingRow((a.args as { binding_id: number }).binding_id, { status: "handed_over" }),
    pending_proofs: () => pendingProofs(),
    review_proof: (a) => {
      const args = a.args as { binding_id: number; compliant: boolean };
      return {
        binding_id: args.binding_id,
        binding_status: args.compliant ? "active" : "dissolved",
        review_status: args.compliant ? "compliant" : "non_compliant",
        invite_ban_until: args.compliant ? null : "2026-12-26",
      };
    },
    account_history: () => historyRows(),
    export_account_history: (a) => ({ path: pathOf(a.args.file), rows: 3 }),
    binding_calendar: () => calendarItems(),
    // 批量绑定 (B-16)
    bulk_template: (a) => ({ path: pathOf(a.args.file), rows: 2 }),
    bulk_validate: () => bulkReportFixture(),
    bulk_send: () => ({ sent: 1, failed: [], skipped_invalid: 1 }),
    bulk_export_report: (a) => ({ path: pathOf(a.args.file), rows: 2 }),
    // 激励活动 (I-1..I-3)
    list_campaigns: () => [campaignFixture()],
    create_campaign: (a) => campaignFixture({ id: 12, ...(a.args as Partial<Campaign>) }),
    update_campaign: (a) => campaignFixture({ id: (a.args as { campaign_id: number }).campaign_id }),
    campaign_board: () => campaignBoardFixture(),
    campaign_leader_view: (a) => leaderViewFixture(a.args as LeaderViewArgs),
    campaign_results: () => [],
    void_award: () => campaignBoardFixture(),
    confirm_awards: () => ({ ...campaignBoardFixture({ status: "confirmed" }), frozen: true }),
    export_award_sheet: (a) => ({ path: pathOf(a.args.file), rows: 8 }),
    // 数据看板 (D-1, S-2)
    dashboard_enterprise: (a) => enterpriseDashboardFixture(a.args as { from: string; to: string }),
    dashboard_employee: (a) => employeeDashboardFixture((a.args as { staff_id: number }).staff_id),
    account_health: () => accountHealthFixture(),
    export_dashboard_data: (a) => ({ path: pathOf(a.args.file), rows: 3 }),
    save_chart_image: (a) => ({ path: pathOf(a.args.file), rows: 1 }),
    // 笔记内容管理 (N-1..N-8)
    list_notes: (a) => {
      const args = a.args as { list: string; tab: string | null; cursor: string | null; page: number | null; page_size: number };
      if (args.list === "queue") return queuePage(args);
      const rows = requestedRows(args.tab);
      return { rows, total: rows.length, next_cursor: null, page: 1 };
    },
    note_tab_counts: () => TAB_COUNTS,
    review_quota: () => quotaFixture(),
    request_review: (a) => {
      const ids = (a.args as { note_ids: number[] }).note_ids;
      return { requested: ids, refused: [], quota: quotaFixture(150 + ids.length) };
    },
    review_queue: () => reviewQueuePage(),
    decide_review: (a) => {
      const args = a.args as { review_id: number; approve: boolean; reason: string };
      return reviewRow(args.review_id, { state: args.approve ? "approved" : "rejected", reason: args.reason, decided_by_name: "孙审核" });
    },
    boost_note: (a) => {
      const args = a.args as { note_row_id: number; budget_yuan: number; days: number; goal: string };
      return boostRow(args);
    },
    send_to_juguang: (a) => [juguangRow((a.args as { note_row_id: number }).note_row_id)],
    list_juguang: () => [juguangRow(42)],
    export_juguang: (a) => ({ path: pathOf(a.args.file), rows: 1 }),
    note_detail: (a) => noteDetailFixture((a.args as { note_row_id: number }).note_row_id),
    data_center: (a) => dataCenterPage(a.args as { page: number }),
    export_data_center: (a) => ({ path: pathOf(a.args.file), rows: 2 }),
    preview_note_file: () => previewFixture(),
    start_note_import: () => startJob(jobFixture()),
    start_note_export: (a) => {
      return startJob(jobFixture({ kind: "note_export", total: 25, import_id: null, path: pathOf(a.args.file), phase: "正在导出", phase_en: "Exporting" }));
    },
    job_status: (a) => {
      const job = jobOf(a);
      job.polls += 1;
      const p = job.progress;
      if (job.cancelled) job.progress = { ...p, state: "cancelled", done: 1, phase: "已取消（已提交的批次保留，重新导入同一文件会从中断处继续）", phase_en: "Cancelled" };
      else if (job.polls === 1) job.progress = { ...p, done: Math.ceil(p.total / 2), rows_per_sec: 1200, eta_secs: 1 };
      else job.progress = { ...p, state: "done", done: p.total, eta_secs: null, phase: p.kind === "note_import" ? "导入完成" : "导出完成", phase_en: "Done" };
      return job.progress;
    },
    cancel_job: (a) => {
      const job = jobOf(a);
      job.cancelled = true;
      return job.progress;
    },
    list_note_imports: () => [importRowFixture()],
    note_import_report: () => importReportFixture(),
    // issue 12 set-up (U-1, U-2, U-3, B-21)
    create_brand: (a) => {
      state.empty = false;
      return { ...overviewFixture().enterprise, ...brandOf(a.args.facts), agencies: [] };
    },
    update_brand: (a) => ({ ...overviewFixture().enterprise, ...brandOf(a.args.facts) }),
    report_agency: (a) => ({ ...overviewFixture().enterprise, agencies: ["星火代理", a.args.agency_name] }),
    unreport_agency: () => ({ ...overviewFixture().enterprise, agencies: [] }),
    create_store: (a) => storeRowOf(31, a.args),
    update_store: (a) => storeRowOf(a.args.store_id, a.args),
    close_store: (a) => ({ ...storeRowOf(a.args.store_id, { name: "静安店", city: "上海", district: "静安区", address: "南京西路 1 号" }), closed_on: "2026-11-26" }),
    preview_store_sheet: () => storeSheetFixture(),
    import_store_sheet: () => ({ created: 2, updated: 1, unchanged: 0, managers_linked: 0, cap_warning: null }),
    list_user_accounts: () => USER_ACCOUNTS,
    list_agencies: () => [{ id: 1, name: "星火代理", brands: [BRAND.name] }],
    create_user: (a) => ({ ...USER_ACCOUNTS[1], ...a.args, id: 40, store_names: [], staff_name: null, phone_masked: null, local_admin: false, enterprise_name: BRAND.name, agency_name: null, active: true, deactivated_at: null, created_at: "2026-11-26T02:00:00Z" }),
    update_user: (a) => ({ ...USER_ACCOUNTS.find((u) => u.id === a.args.user_id)!, name: a.args.name, role: a.args.role }),
    set_user_active: (a) => ({ ...USER_ACCOUNTS.find((u) => u.id === a.args.user_id)!, active: a.args.active }),
    // U-2, B-2, B-17, B-18 (helper Q)
    roster_preview: () => rosterPreviewFixture(),
    roster_apply: () => rosterAppliedFixture(),
    staff_departure: (a) => departureFixture((a.args as { staff_id: number }).staff_id),
    mark_staff_left: (a) => departureFixture((a.args as { staff_id: number }).staff_id, "2026-11-26"),
    list_accounts: () => [accountEntry(1), accountEntry(2, { has_shop: true, owner_staff_id: null, owner_name: null, owner_employee_no: null })],
    register_account: (a) => accountEntry(3, { xhs_id: (a.args as { xhs_id: string }).xhs_id }),
    import_accounts: () => accountImportFixture(),
    account_snapshots: () => [
      { date: "2026-11-26", nickname: "账号1", followers: 1001, source: "note_import" },
      { date: "2026-11-20", nickname: "账号1", followers: 900, source: "account_import" },
    ],
    // U-4: passwords for the team server's sign-in
    change_password: () => ({ user_id: state.actorId, sessions_ended: 0 }),
    reset_password: (a) => ({ user_id: (a.args as { user_id: number }).user_id, sessions_ended: 0 }),
    ...opts.overrides,
  };

  const answer = (cmd: string, args: Record<string, unknown>) => {
    calls.push({ cmd, args });
    const handler = (handlers as unknown as Record<string, ((a: unknown) => unknown) | undefined>)[cmd];
    if (!handler) throw apiError("unknown_command", `未知命令 ${cmd}`, `unknown command ${cmd}`);
    return handler(args);
  };

  if (opts.door === "browser") {
    installBrowserDoor(state, answer);
  } else {
    mockConvertFileSrc("linux"); // kosproof://localhost/<id>
    mockIPC((cmd, payload) => answer(cmd, (payload ?? {}) as Record<string, unknown>));
  }

  return {
    calls,
    callsOf: (cmd) => calls.filter((c) => c.cmd === cmd).map((c) => c.args),
    teamCallsOf: (cmd) =>
      calls
        .filter((c) => c.cmd === "team_call" && (c.args.args as { command: string }).command === cmd)
        .map((c) => ({ args: (c.args.args as { args: unknown }).args })),
    state,
  };
}

/** The commands a session whose password must change may still run (kos-server's BEFORE_PASSWORD_CHANGE). */
const BEFORE_PASSWORD_CHANGE = ["change_password", "session_get", "app_info"];

/** No Tauri in the page, and `fetch` answered as the team server would (U-5). */
function installBrowserDoor(
  state: { actorId: number; browser: FakeBrowser },
  answer: (cmd: string, args: Record<string, unknown>) => unknown,
) {
  delete (window as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__;
  const json = (status: number, body: unknown) =>
    new Response(body === null ? null : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  const fail = (e: ApiError) => json(httpStatus(e.code), e);
  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const path = String(input);
    const body: unknown = typeof init?.body === "string" ? JSON.parse(init.body) : null;
    state.browser.requests.push({ path, method: init?.method ?? "GET", credentials: init?.credentials, body });
    if (path === "/api/login") {
      const { name, password } = body as { name: string; password: string };
      const user = [...USERS, LEADER].find((u) => u.name === name);
      if (!user || password !== TEAM_PASSWORD) return fail(apiError("login_failed", "用户名或密码不正确", "Wrong user name or password"));
      state.actorId = user.id;
      state.browser.signedIn = true;
      const session = answer("session_get", { args: {} });
      return json(200, { expires_at: "2026-12-07T20:00:00+08:00", session, must_change_password: state.browser.mustChangePassword });
    }
    if (!state.browser.signedIn) return fail(apiError("unauthenticated", "请先登录", "Sign in first"));
    if (path === "/api/logout") {
      state.browser.signedIn = false;
      return json(204, null);
    }
    const cmd = decodeURIComponent(path.replace(/^\/api\//, ""));
    if (state.browser.mustChangePassword && !BEFORE_PASSWORD_CHANGE.includes(cmd)) {
      return fail(apiError("password_change_required", "管理员重置了您的密码：请先修改密码", "The administrator reset your password: change it first"));
    }
    try {
      const data = answer(cmd, { args: body });
      if (cmd === "change_password") state.browser.mustChangePassword = false;
      return json(200, data ?? null);
    } catch (e) {
      return fail(e as ApiError);
    }
  };
  vi.stubGlobal("fetch", vi.fn(fakeFetch));
}

// ---------------------------------------------------------------------------------------------------------
// issue 12 set-up (U-1, U-2, U-3, B-21)

function brandOf(f: BrandFacts) {
  return {
    name: f.name,
    industry: f.industry,
    city: f.city,
    store_count: f.store_count,
    professional_account: f.professional_account,
    staff_mgmt_permission: f.staff_mgmt_permission,
    last_serious_violation_at: f.last_serious_violation_on ? `${f.last_serious_violation_on}T00:00:00+08:00` : null,
  };
}

function storeRowOf(id: number, s: { name: string; city: string; district: string; address: string }): StoreRow {
  return { id, name: s.name, city: s.city, district: s.district, address: s.address, opened_on: "2026-11-26", staff_count: 0, manager_name: null, closed_on: null, manager_phone_masked: null };
}

/** A stores sheet's preview: one new store, one update and a refused duplicate. */
export function storeSheetFixture(overrides: Partial<StoreSheetReport> = {}): StoreSheetReport {
  return {
    enterprise_id: 7,
    fingerprint: "f1",
    format: "xlsx",
    rows: [
      { row: 2, name: "徐汇店", city: "上海", district: "徐汇区", address: "漕溪北路 1 号", manager_phone_masked: "138****0002", action: "create", store_id: null, changed: [], errors: [] },
      { row: 3, name: "静安店", city: "上海", district: "静安区", address: "南京西路 9 号", manager_phone_masked: null, action: "update", store_id: 1, changed: ["地址"], errors: [] },
      {
        row: 4, name: "徐汇店", city: "上海", district: "徐汇区", address: "重复", manager_phone_masked: null, action: "refused", store_id: null, changed: [],
        errors: [{ code: "duplicate_in_sheet", message_zh: "门店名称「徐汇店」与第 2 行重复：同一门店只能出现一次，本行不会导入", message_en: "repeats row 2" }],
      },
    ],
    create: 1,
    update: 1,
    unchanged: 0,
    refused: 1,
    open_after: 13,
    cap_warning: { declared: 12, open_stores: 13, message_zh: "营业中的门店 13 家，多于申报的线下门店数 12 家。", message_en: "13 open stores, more than the 12 declared." },
    ...overrides,
  };
}

export const USER_ACCOUNTS: UserAccount[] = [
  { id: 1, name: "王管理", role: "admin", enterprise_id: null, enterprise_name: null, agency_id: null, agency_name: null, staff_id: null, staff_name: null, store_ids: [], store_names: [], phone_masked: null, active: true, deactivated_at: null, created_at: "2026-01-01T00:00:00Z", local_admin: true },
  { id: 6, name: "周店长", role: "store_manager", enterprise_id: 7, enterprise_name: BRAND.name, agency_id: null, agency_name: null, staff_id: null, staff_name: null, store_ids: [1], store_names: ["静安店"], phone_masked: "138****0001", active: true, deactivated_at: null, created_at: "2026-01-01T00:00:00Z", local_admin: false },
];
