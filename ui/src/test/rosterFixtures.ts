import type { AccountEntry, AccountImportReport, RosterApplied, RosterPreview, StaffDeparture } from "../api/commands.gen";

// U-2, B-2, B-17, B-18 (helper Q): answers of the roster, 离职 and 小红书账号 commands for the fake core.

export function rosterPreviewFixture(overrides: Partial<RosterPreview> = {}): RosterPreview {
  return {
    format: "xlsx",
    rows_read: 12,
    new_count: 1,
    changed_count: 1,
    left_count: 1,
    unchanged_count: 9,
    changes: [
      { kind: "new", line: 13, staff_id: null, employee_no: "E0100", name: "新人", store_name: "静安店", changes: [], live_bindings: 0 },
      {
        kind: "changed",
        line: 2,
        staff_id: 31,
        employee_no: "E0001",
        name: "员工1",
        store_name: "徐汇店",
        changes: [{ field: "门店", field_en: "Store", before: "静安店", after: "徐汇店" }],
        live_bindings: 0,
      },
      {
        kind: "left",
        line: 5,
        staff_id: 34,
        employee_no: "E0004",
        name: "员工4",
        store_name: "静安店",
        changes: [{ field: "在职状态", field_en: "Status", before: "在职", after: "离职（2026-11-26）" }],
        live_bindings: 1,
      },
    ],
    error_count: 0,
    errors: [],
    plan: "ab".repeat(32),
    complete: false,
    ...overrides,
  };
}

export function departureFixture(staffId: number, leftOn: string | null = null): StaffDeparture {
  return {
    staff_id: staffId,
    name: `员工${staffId}`,
    employee_no: "E0004",
    store_id: 1,
    store_name: "静安店",
    left_on: leftOn,
    bindings: [
      {
        binding_id: 61,
        xhs_id: "kos61",
        nickname: "企业号",
        mode: "enterprise",
        status: "active",
        job_title: "导购",
        effective_at: "2026-10-01T08:00:00Z",
        next_steps: [
          { action: "hand_over", allowed_now: true, available_from: null, rule: "B-17", label_zh: "移交给另一位在职员工（账号归企业所有）", label_en: "Hand it over" },
          { action: "freeze", allowed_now: true, available_from: null, rule: "B-17", label_zh: "先冻结，待确定接手人后再移交", label_en: "Freeze it" },
        ],
      },
      {
        binding_id: 62,
        xhs_id: "kos62",
        nickname: "个人号",
        mode: "personal",
        status: "active",
        job_title: "导购",
        effective_at: "2026-11-20T08:00:00Z",
        next_steps: [
          {
            action: "unbind",
            allowed_now: false,
            available_from: "2026-12-20T16:00:00+08:00",
            rule: "B-18",
            label_zh: "个人号授权生效满 30 天后才能解绑：2026-12-20 16:00 起可解绑",
            label_en: "Unbind from 2026-12-20 16:00",
          },
        ],
      },
    ],
  };
}

export function rosterAppliedFixture(): RosterApplied {
  return { created: 1, changed: 1, left: 1, leavers: [departureFixture(34, "2026-11-26")] };
}

export function accountEntry(id: number, overrides: Partial<AccountEntry> = {}): AccountEntry {
  return {
    account_id: id,
    xhs_id: `acc${id}`,
    nickname: `账号${id}`,
    followers: 1000 + id,
    followers_on: "2026-11-26",
    phone_bound: true,
    has_shop: false,
    owner_staff_id: 31,
    owner_name: "员工1",
    owner_employee_no: "E0001",
    binding_status: null,
    binding_mode: null,
    bound_staff_name: null,
    ...overrides,
  };
}

export function accountImportFixture(overrides: Partial<AccountImportReport> = {}): AccountImportReport {
  return { format: "xlsx", rows_read: 3, created: 2, updated: 1, unchanged: 0, error_count: 0, errors: [], applied: true, ...overrides };
}
