import { mockIPC } from "@tauri-apps/api/mocks";
import type { ApiError, EnterpriseSummary, Overview, Page, Session, StaffRow, UserSummary, BulkReport, BulkRow } from "../bindings";

// A small in-memory stand-in for the Rust core, answering the IPC commands the UI sends.

export const BRAND: EnterpriseSummary = { id: 7, name: "悦家家政服务", industry: "餐饮", city: "上海", store_count: 12 };

export const USERS: UserSummary[] = [
  { id: 1, name: "王管理", role: "admin", enterprise_id: null, enterprise_name: null, agency_name: null, store_names: [] },
  { id: 2, name: "李市场", role: "brand_marketing", enterprise_id: 7, enterprise_name: "悦家家政服务", agency_name: null, store_names: [] },
  { id: 3, name: "赵代理", role: "agency", enterprise_id: null, enterprise_name: null, agency_name: "星火代理", store_names: [] },
];

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
    id_masked: "110105********002X",
    hired_on: "2025-03-01",
    xhs_id: `xhs${id}`,
    nickname: `昵称${id}`,
    followers: 12345 + id,
    binding_mode: id % 2 ? "enterprise" : "personal",
    job_title: "导购",
  };
}

/** A validated bulk-binding batch (B-16): one valid row, one with two reasons. */
export function bulkReportFixture(): BulkReport {
  const row = (n: number, valid: boolean, errors: BulkRow["errors"]): BulkRow => ({
    row: n,
    xhs_id: `9500000${n}`,
    name: `员工${n}`,
    id_masked: "310104********001X",
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

type Handler = (args: Record<string, unknown>) => unknown;

export type FakeCore = {
  calls: { cmd: string; args: Record<string, unknown> }[];
  callsOf: (cmd: string) => Record<string, unknown>[];
  state: { empty: boolean; actorId: number };
};

/** Installs mockIPC with sensible answers; `overrides` replace single commands (throw an ApiError to fail). */
export function installFakeCore(opts: { empty?: boolean; overrides?: Record<string, Handler> } = {}): FakeCore {
  const state = { empty: opts.empty ?? false, actorId: 1 };
  const calls: FakeCore["calls"] = [];
  const session = (): Session => {
    const actor = USERS.find((u) => u.id === state.actorId)!;
    return {
      actor,
      enterprises: state.empty ? [] : [BRAND],
      // mirrors kos-core's authz: only the administrator loads demo data and edits rule numbers
      permissions:
        actor.role === "admin"
          ? ["load_demo", "edit_rule_settings", "view_enterprise", "view_overview", "view_staff", "view_history"]
          : ["view_enterprise", "view_overview", "view_staff"],
    };
  };

  const handlers: Record<string, Handler> = {
    app_info: () => ({
      version: "0.1.0",
      db_path: "/tmp/kos.db",
      schema_version: 1,
      empty: state.empty,
      counts: { enterprises: state.empty ? 0 : 1, stores: 0, staff: 0, accounts: 0, notes: 0 },
    }),
    session_get: () => session(),
    session_switch: (a) => {
      state.actorId = (a.args as { user_id: number }).user_id;
      return session();
    },
    list_users: () => USERS,
    load_demo: () => {
      state.empty = false;
      return { enterprise_id: 7, enterprise_name: BRAND.name, stores: 12, staff: 240, accounts: 75, notes: 12345, snapshots: 100 };
    },
    list_enterprises: () => (state.empty ? [] : [BRAND]),
    enterprise_overview: () => overviewFixture(),
    list_stores: () => [
      { id: 1, name: "静安店", city: "上海", district: "静安区", address: "南京西路 1 号", staff_count: 20, manager_name: "周店长" },
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
    // 批量绑定 (B-16)
    bulk_template: (a) => ({ path: (a.args as { path: string }).path, rows: 2 }),
    bulk_validate: () => bulkReportFixture(),
    bulk_send: () => ({ sent: 1, failed: [], skipped_invalid: 1 }),
    bulk_export_report: (a) => ({ path: (a.args as { path: string }).path, rows: 2 }),
    ...opts.overrides,
  };

  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const handler = handlers[cmd];
    if (!handler) throw { code: "not_found", message: `未知命令 ${cmd}`, message_en: `unknown command ${cmd}`, details: null };
    return handler(args);
  });

  return {
    calls,
    callsOf: (cmd) => calls.filter((c) => c.cmd === cmd).map((c) => c.args),
    state,
  };
}
