//! 员工花名册 (U-2): the HR roster imported from a sheet and upserted by 工号, a re-import previewed as a
//! change list and applied only as confirmed (the plan's hash), and 离职 with each live binding's next step
//! under B-17/B-18 — never an unbinding by itself.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use specta::Type;

use super::when::{self, days, hours};
use super::{record, Event, Service};
use crate::authz::{Actor, Permission};
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::model::{BindingMode, BindingStatus};
use crate::rules;
use crate::setup_sheet::{self, Column, SheetFormat};
use crate::store;
use crate::store::roster::{LiveBinding, RosterFields, RosterStaff};

/// Changes and row errors a preview lists at most (the counts are always whole).
pub const SHOWN_MAX: usize = 500;
/// The sheet named so in a workbook is read, else its first sheet.
pub const ROSTER_SHEET: &str = "花名册";

const COLUMNS: [Column; 8] = [
    Column { name: "姓名", aliases: &["员工姓名", "name"], required: true },
    Column { name: "工号", aliases: &["员工工号", "员工编号", "employee_no"], required: true },
    Column { name: "门店", aliases: &["所属门店", "门店名称", "store"], required: true },
    Column { name: "岗位", aliases: &["职位", "position"], required: false },
    Column { name: "手机号", aliases: &["手机", "手机号码", "联系电话", "phone"], required: false },
    Column { name: "入职日期", aliases: &["入职时间", "hired_on"], required: true },
    Column { name: "在职状态", aliases: &["状态", "员工状态", "status"], required: false },
    Column { name: "离职日期", aliases: &["离职时间", "left_on"], required: false },
];
const C_NAME: usize = 0;
const C_NO: usize = 1;
const C_STORE: usize = 2;
const C_POSITION: usize = 3;
const C_PHONE: usize = 4;
const C_HIRED: usize = 5;
const C_STATUS: usize = 6;
const C_LEFT: usize = 7;

#[derive(Debug, Clone, Deserialize, Type)]
pub struct RosterArgs {
    pub enterprise_id: i64,
    /// the sheet (XLSX, or CSV in UTF-8 or GBK), a token from a file dialog
    pub file: String,
    /// the sheet lists every current staff member: those absent from it are marked 离职
    pub complete: bool,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct RosterApplyArgs {
    pub enterprise_id: i64,
    pub file: String,
    pub complete: bool,
    /// the `plan` of the preview the user confirmed: applied only if the sheet and the roster still give it
    pub plan: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RosterChangeKind {
    /// a 工号 not on the roster yet
    New,
    /// moved to another store, a new 岗位, phone, name, date, or back from 离职
    Changed,
    /// 在职状态 离职, or absent from a complete roster
    Left,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RosterFieldChange {
    /// the column: 门店, 岗位, 手机号, 姓名, 入职日期, 在职状态, 工号
    pub field: String,
    pub field_en: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RosterChange {
    pub kind: RosterChangeKind,
    /// the sheet row (absent from a complete roster: none)
    pub line: Option<u32>,
    pub staff_id: Option<i64>,
    pub employee_no: Option<String>,
    pub name: String,
    pub store_name: String,
    pub changes: Vec<RosterFieldChange>,
    /// live bindings (invited, bound, frozen) of someone leaving: each gets its next step after applying
    pub live_bindings: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RosterRowError {
    pub line: u32,
    pub column: String,
    pub value: String,
    pub reason: String,
    pub reason_en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RosterPreview {
    pub format: SheetFormat,
    pub rows_read: u32,
    pub new_count: u32,
    pub changed_count: u32,
    pub left_count: u32,
    pub unchanged_count: u32,
    /// the first `SHOWN_MAX` changes, new first, then changed, then left
    pub changes: Vec<RosterChange>,
    pub error_count: u32,
    /// the first `SHOWN_MAX` row errors; any error and nothing can be applied
    pub errors: Vec<RosterRowError>,
    /// the plan's hash to confirm with `roster_apply`; empty while the sheet has errors
    pub plan: String,
    pub complete: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RosterApplied {
    pub created: u32,
    pub changed: u32,
    pub left: u32,
    /// everyone who left with live bindings, with each binding's next step (B-17, B-18)
    pub leavers: Vec<StaffDeparture>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct StaffArgs {
    pub staff_id: i64,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct MarkStaffLeftArgs {
    pub staff_id: i64,
    /// the last day, `YYYY-MM-DD`; today when absent
    pub left_on: Option<String>,
    /// why (recorded in history, B-20)
    pub reason: String,
}

/// What may be done with a leaver's binding (B-17, B-18).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum NextStepAction {
    /// 移交 the enterprise staff account to another current staff member (`hand_over`)
    HandOver,
    /// 冻结 it until it is handed over (`freeze`)
    Freeze,
    /// 解绑 the personal authorization (`unbind`), now or from `available_from` (B-18)
    Unbind,
    /// an open invitation: it lapses by itself at `available_from` (B-13)
    InvitationLapses,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct NextStep {
    pub action: NextStepAction,
    pub allowed_now: bool,
    /// when it becomes possible (or happens), Beijing time with offset
    pub available_from: Option<String>,
    pub rule: String,
    pub label_zh: String,
    pub label_en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct LeaverBinding {
    pub binding_id: i64,
    pub xhs_id: String,
    pub nickname: String,
    pub mode: BindingMode,
    pub status: BindingStatus,
    pub job_title: String,
    pub effective_at: Option<String>,
    pub next_steps: Vec<NextStep>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct StaffDeparture {
    pub staff_id: i64,
    pub name: String,
    pub employee_no: Option<String>,
    pub store_id: i64,
    pub store_name: String,
    pub left_on: Option<String>,
    /// live bindings, each with the rule's next steps; nothing is unbound by marking someone 离职
    pub bindings: Vec<LeaverBinding>,
}

/// One operation of a plan.
#[derive(Debug, Clone, PartialEq)]
struct Op {
    kind: RosterChangeKind,
    line: Option<u32>,
    before: Option<RosterStaff>,
    after: RosterFields,
    changes: Vec<RosterFieldChange>,
}

struct Plan {
    format: SheetFormat,
    rows_read: u32,
    ops: Vec<Op>,
    unchanged: u32,
    errors: Vec<RosterRowError>,
    hash: String,
}

fn err(line: u32, col: usize, value: &str, zh: String, en: String) -> RosterRowError {
    RosterRowError { line, column: COLUMNS[col].name.into(), value: value.into(), reason: zh, reason_en: en }
}

fn change(field: &str, field_en: &str, before: impl Into<String>, after: impl Into<String>) -> RosterFieldChange {
    RosterFieldChange { field: field.into(), field_en: field_en.into(), before: before.into(), after: after.into() }
}

fn status_text(left_on: Option<&str>) -> String {
    match left_on {
        Some(d) => format!("离职（{d}）"),
        None => "在职".into(),
    }
}

/// `在职` and its kin, or `离职`.
fn parse_status(s: &str) -> Option<bool> {
    match s.trim() {
        "" | "在职" | "试用" | "试用期" | "实习" | "正式" | "在岗" => Some(false),
        "离职" | "已离职" => Some(true),
        _ => None,
    }
}

fn plan_hash(enterprise_id: i64, complete: bool, ops: &[Op]) -> String {
    let mut h = Sha256::new();
    h.update(format!("roster-plan/1|{enterprise_id}|{complete}|").as_bytes());
    for op in ops {
        let before = op
            .before
            .as_ref()
            .map(|b| json!([b.id, b.store_id, b.name, b.employee_no, b.position, b.phone_hmac, b.hired_on, b.left_on]));
        let a = &op.after;
        let after = json!([a.store_id, a.name, a.employee_no, a.position, a.phone_hmac, a.hired_on, a.left_on]);
        h.update(json!([format!("{:?}", op.kind), op.line, before, after]).to_string().as_bytes());
        h.update(b"\n");
    }
    hex::encode(h.finalize())
}

/// A staff row's history entry: id, action, summaries (zh, en), before, after.
type StaffEvent = (i64, &'static str, String, String, Option<serde_json::Value>, serde_json::Value);

/// The history text of a row new to the roster.
fn added_text(a: &RosterFields, store_name: &str) -> (String, String) {
    if a.left_on.is_some() {
        (
            format!("花名册登记已离职员工 {}（工号 {}，{store_name}）", a.name, a.employee_no),
            format!("Roster: recorded former staff member {} ({}, {store_name})", a.name, a.employee_no),
        )
    } else {
        (
            format!("花名册新增员工 {}（工号 {}，{store_name}）", a.name, a.employee_no),
            format!("Roster: added {} ({}, {store_name})", a.name, a.employee_no),
        )
    }
}

/// A roster row as history keeps it (the phone masked, never its HMAC).
fn roster_json(a: &RosterFields) -> serde_json::Value {
    json!({ "store_id": a.store_id, "name": a.name, "employee_no": a.employee_no, "position": a.position,
            "phone": a.phone_masked, "hired_on": a.hired_on, "left_on": a.left_on })
}

/// What one roster import did, for its history row.
struct RosterSummary {
    rows_read: u32,
    created: u32,
    changed: u32,
    left: u32,
    complete: bool,
}

/// The history of a roster import: a row per staff member changed, in one chained batch (a first roster may
/// hold tens of thousands of people), then the import's own row (B-20).
async fn write_roster_history(
    tx: &mut crate::db::Tx,
    actor: &Actor,
    eid: i64,
    now: &str,
    events: Vec<StaffEvent>,
    s: &RosterSummary,
    plan: Option<&str>,
) -> CoreResult<()> {
    let rows: Vec<store::history::NewEvent<'_>> = events
        .into_iter()
        .map(|(id, action, zh, en, before, after)| store::history::NewEvent {
            at: now.to_string(),
            actor_id: Some(actor.user_id),
            enterprise_id: Some(eid),
            entity_type: "staff",
            entity_id: id.to_string(),
            action,
            summary_zh: zh,
            summary_en: en,
            reason: Some("导入花名册"),
            before_json: before.map(|v| v.to_string()),
            after_json: Some(after.to_string()),
        })
        .collect();
    store::history::insert_many(&mut **tx, &rows).await?;
    let (created, changed, left) = (s.created, s.changed, s.left);
    record(
        tx,
        Some(actor.user_id),
        now,
        Event {
            enterprise_id: Some(eid),
            entity_type: "roster",
            entity_id: eid.to_string(),
            action: "import",
            summary_zh: format!(
                "导入花名册（{} 行）：新增 {created} 人，变更 {changed} 人，离职 {left} 人{}",
                s.rows_read,
                if s.complete { "（完整花名册）" } else { "" }
            ),
            summary_en: format!(
                "Imported the roster ({} rows): {created} added, {changed} changed, {left} left{}",
                s.rows_read,
                if s.complete { " (complete roster)" } else { "" }
            ),
            reason: None,
            before: None,
            after: Some(json!({ "plan": plan, "complete": s.complete })),
        },
    )
    .await?;
    Ok(())
}

/// Records on a roster row the ID number its invitation brought (B-10, U-2), with its history row; refused when
/// the row has one already.
#[allow(clippy::too_many_arguments)]
pub(super) async fn attach_id_in(
    tx: &mut crate::db::Tx,
    actor_id: Option<i64>,
    enterprise_id: i64,
    id: i64,
    name: &str,
    id_hmac: &str,
    id_number: &str,
    now: &str,
) -> CoreResult<()> {
    let masked = crate::idcard::mask(id_number);
    if !store::roster::attach_id(&mut **tx, id, id_hmac, &masked).await? {
        return Err(CoreError::invalid(
            "employee_no",
            "该员工刚刚登记了身份证号，请重试",
            "The ID number was just recorded; try again",
        ));
    }
    record(
        tx,
        actor_id,
        now,
        Event {
            enterprise_id: Some(enterprise_id),
            entity_type: "staff",
            entity_id: id.to_string(),
            action: "attach_id",
            summary_zh: format!("邀请时为花名册员工 {} 登记身份证（{masked}）", name),
            summary_en: format!("The invitation recorded the ID number ({masked}) of roster member {}", name),
            reason: None,
            before: Some(json!({ "id_masked": null })),
            after: Some(json!({ "id_masked": masked })),
        },
    )
    .await?;
    Ok(())
}

/// U-2 (the demo, U-1): a brand's first roster, already checked, written as a roster import writes it: the rows,
/// a history row for each and the import's own. Returns the new staff ids in order.
pub(super) async fn add_roster_in(
    tx: &mut crate::db::Tx,
    actor: &Actor,
    eid: i64,
    rows: &[RosterFields],
    store_names: &HashMap<i64, String>,
    now: &str,
) -> CoreResult<Vec<i64>> {
    let refs: Vec<&RosterFields> = rows.iter().collect();
    let ids = store::roster::insert_many(&mut **tx, eid, &refs, now).await?;
    let name_of = |id: i64| store_names.get(&id).cloned().unwrap_or_default();
    let events: Vec<StaffEvent> = rows
        .iter()
        .zip(&ids)
        .map(|(a, &id)| {
            let (zh, en) = added_text(a, &name_of(a.store_id));
            (id, "roster_add", zh, en, None, roster_json(a))
        })
        .collect();
    let created = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let summary = RosterSummary { rows_read: created, created, changed: 0, left: 0, complete: false };
    // no preview came before it: the history row carries no plan hash
    write_roster_history(tx, actor, eid, now, events, &summary, None).await?;
    Ok(ids)
}

/// Who an invitation names, to find them on the roster (U-2, B-10).
pub(super) struct RosterMatch<'a> {
    pub store_id: i64,
    pub name: &'a str,
    pub employee_no: Option<&'a str>,
}

impl Service {
    /// An invitation for someone on the roster attaches to their row instead of creating a second one: the row
    /// with the 工号 given, or else the one current row of this name in the store without an ID number. The ID
    /// number's HMAC and mask are recorded on it, in the invitation's transaction. `None`: nobody on the roster
    /// (the invitation registers the person).
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn attach_to_roster(
        &self,
        tx: &mut crate::db::Tx,
        actor: &Actor,
        enterprise_id: i64,
        who: &RosterMatch<'_>,
        id_hmac: &str,
        id_number: &str,
        now: &str,
    ) -> CoreResult<Option<i64>> {
        let no = who.employee_no.map(str::trim).filter(|n| !n.is_empty());
        let id = match no {
            Some(no) => {
                let s = store::roster::get_by_employee_no(&mut **tx, enterprise_id, no).await?.ok_or_else(|| {
                    CoreError::invalid(
                        "employee_no",
                        format!("花名册中没有工号 {no}"),
                        format!("No staff member on the roster has 工号 {no}"),
                    )
                })?;
                actor.require_store("staff", s.id, s.store_id)?;
                if s.left_on.is_some() {
                    return Err(CoreError::invalid(
                        "employee_no",
                        format!("工号 {no} 的员工已离职"),
                        format!("{no} has left"),
                    ));
                }
                if s.name != who.name {
                    return Err(CoreError::invalid(
                        "staff_name",
                        format!("工号 {no} 在花名册上是 {}，与填写的姓名不一致 (B-10)", s.name),
                        format!("工号 {no} is {} on the roster, not the name given (B-10)", s.name),
                    ));
                }
                if s.store_id != who.store_id {
                    return Err(CoreError::invalid(
                        "store_id",
                        "该员工在花名册上属于另一家门店，请选择其所在门店",
                        "This staff member belongs to another store on the roster; choose that store",
                    ));
                }
                if s.has_id {
                    return Err(CoreError::invalid(
                        "id_number",
                        format!("工号 {no} 已登记了另一个身份证号，请核对 (B-10)"),
                        format!("工号 {no} is registered with another ID number; check it (B-10)"),
                    ));
                }
                s.id
            }
            None => {
                let found =
                    store::roster::list_attachable(&mut **tx, enterprise_id, who.store_id, who.name, None).await?;
                match found.as_slice() {
                    [] => return Ok(None),
                    [one] => *one,
                    _ => {
                        return Err(CoreError::refused(
                            ErrorCode::RosterAmbiguous,
                            "U-2",
                            format!(
                                "花名册上该门店有 {} 位名为 {} 的员工，请填写工号以确定是哪一位",
                                found.len(),
                                who.name
                            ),
                            format!(
                                "The roster has {} staff named {} in this store; give the 工号 to say which",
                                found.len(),
                                who.name
                            ),
                            None,
                        ));
                    }
                }
            }
        };
        attach_id_in(tx, Some(actor.user_id), enterprise_id, id, who.name, id_hmac, id_number, now).await?;
        Ok(Some(id))
    }

    /// The stores the actor may name in a roster: all the brand's, or a store manager's own.
    async fn roster_plan(&self, actor: &Actor, enterprise_id: i64, path: &Path, complete: bool) -> CoreResult<Plan> {
        let p = path.to_path_buf();
        let table = tokio::task::spawn_blocking(move || setup_sheet::read(&p, ROSTER_SHEET, &COLUMNS))
            .await
            .map_err(|e| CoreError::invalid("file", format!("读取表格失败：{e}"), format!("Reading failed: {e}")))??;
        let pool = self.db.pool();
        let stores = store::stores::list(pool, enterprise_id, None).await?;
        let by_name: HashMap<&str, i64> = stores.iter().map(|s| (s.name.as_str(), s.id)).collect();
        let store_name: HashMap<i64, &str> = stores.iter().map(|s| (s.id, s.name.as_str())).collect();
        let closed_on: HashMap<i64, &str> =
            stores.iter().filter_map(|s| s.closed_on.as_deref().map(|d| (s.id, d))).collect();
        let own = actor.store_filter();
        let in_scope = |store_id: i64| own.is_none_or(|o| o.contains(&store_id));
        let staff = store::roster::list(pool, enterprise_id).await?;
        let by_no: HashMap<&str, &RosterStaff> =
            staff.iter().filter_map(|s| s.employee_no.as_deref().map(|n| (n, s))).collect();
        let mut by_store_name: HashMap<(i64, &str), Vec<&RosterStaff>> = HashMap::new();
        for s in staff.iter().filter(|s| s.employee_no.is_none()) {
            by_store_name.entry((s.store_id, s.name.as_str())).or_default().push(s);
        }
        let today = self.clock.today();
        let today_s = today.to_string();
        let mut errors = Vec::new();
        let mut ops = Vec::new();
        let mut unchanged = 0u32;
        let mut seen_no: HashMap<String, u32> = HashMap::new();
        let mut matched: HashSet<i64> = HashSet::new();
        for row in &table.rows {
            let line = row.line;
            let c = |i: usize| row.cells[i].as_str();
            let before_errors = errors.len();
            if let Some((top, col)) = row.merged_with {
                errors.push(err(
                    line,
                    col,
                    "",
                    format!("该行的「{}」与第 {top} 行合并了单元格：请取消合并，并在每一行填写完整", COLUMNS[col].name),
                    format!(
                        "This row's {} cell is merged with row {top}'s: unmerge the cells and fill in every row",
                        COLUMNS[col].name
                    ),
                ));
                // the merged cell's value is in the top row only: the row's other reasons would follow from it
                continue;
            }
            for (i, col) in COLUMNS.iter().enumerate() {
                if row.cells[i].chars().count() > setup_sheet::MAX_CELL_CHARS {
                    errors.push(err(
                        line,
                        i,
                        "",
                        format!("「{}」超过 {} 个字符", col.name, setup_sheet::MAX_CELL_CHARS),
                        format!("{} is longer than {} characters", col.name, setup_sheet::MAX_CELL_CHARS),
                    ));
                }
            }
            let name = c(C_NAME);
            if name.is_empty() || name.chars().count() > 24 {
                errors.push(err(
                    line,
                    C_NAME,
                    name,
                    "姓名必填，1–24 个字".into(),
                    "Name is required, 1–24 characters".into(),
                ));
            }
            let no = c(C_NO);
            if no.is_empty() || no.chars().count() > 32 {
                errors.push(err(
                    line,
                    C_NO,
                    no,
                    "工号必填，不超过 32 个字符".into(),
                    "工号 is required, at most 32 characters".into(),
                ));
            } else if let Some(first) = seen_no.get(no) {
                errors.push(err(
                    line,
                    C_NO,
                    no,
                    format!("工号 {no} 与第 {first} 行重复：同一工号只能出现一次"),
                    format!("工号 {no} repeats row {first}: each 工号 may appear once"),
                ));
            } else {
                seen_no.insert(no.to_string(), line);
            }
            let store_text = c(C_STORE);
            let store_id = match by_name.get(store_text) {
                Some(id) if in_scope(*id) => Some(*id),
                Some(_) => {
                    errors.push(err(
                        line,
                        C_STORE,
                        store_text,
                        "该门店不在你管理的门店之内".into(),
                        "This store is not one you manage".into(),
                    ));
                    None
                }
                None => {
                    let hint = setup_sheet::closest(store_text, stores.iter().map(|s| s.name.as_str()));
                    let (zh, en) = match (store_text.is_empty(), hint) {
                        (true, _) => ("门店必填".to_string(), "The store is required".to_string()),
                        (false, Some(h)) => (
                            format!("没有名为「{store_text}」的门店，是否是「{h}」？"),
                            format!("No store is named \"{store_text}\"; did you mean \"{h}\"?"),
                        ),
                        (false, None) => (
                            format!("没有名为「{store_text}」的门店：请先在门店中创建它"),
                            format!("No store is named \"{store_text}\"; create it first"),
                        ),
                    };
                    errors.push(err(line, C_STORE, store_text, zh, en));
                    None
                }
            };
            let position = c(C_POSITION);
            if position.chars().count() > 24 {
                errors.push(err(
                    line,
                    C_POSITION,
                    position,
                    "岗位不超过 24 个字".into(),
                    "岗位 is at most 24 characters".into(),
                ));
            }
            let phone_text = c(C_PHONE);
            let phone = if phone_text.is_empty() {
                None
            } else {
                match setup_sheet::parse_phone(phone_text) {
                    Some(p) => Some(p),
                    None => {
                        errors.push(err(
                            line,
                            C_PHONE,
                            phone_text,
                            format!("手机号「{phone_text}」不是 11 位数字的手机号码"),
                            format!("The phone number \"{phone_text}\" is not an 11-digit mobile number"),
                        ));
                        None
                    }
                }
            };
            let hired = match setup_sheet::parse_date(c(C_HIRED)) {
                Some(d) if d <= today => Some(d),
                Some(d) => {
                    errors.push(err(
                        line,
                        C_HIRED,
                        c(C_HIRED),
                        format!("入职日期 {d} 晚于今天"),
                        format!("The hire date {d} is in the future"),
                    ));
                    None
                }
                None => {
                    errors.push(err(
                        line,
                        C_HIRED,
                        c(C_HIRED),
                        "入职日期无法识别：请填写如 2024-03-01 的日期（Excel 日期单元格亦可）".into(),
                        "The hire date is not a date: write e.g. 2024-03-01 (an Excel date cell works too)".into(),
                    ));
                    None
                }
            };
            let leaving = match parse_status(c(C_STATUS)) {
                Some(l) => l,
                None => {
                    errors.push(err(
                        line,
                        C_STATUS,
                        c(C_STATUS),
                        "在职状态只能填「在职」或「离职」".into(),
                        "在职状态 must be 在职 (employed) or 离职 (left)".into(),
                    ));
                    false
                }
            };
            let left_given = c(C_LEFT);
            let left_on: Option<NaiveDate> = if !leaving {
                None
            } else if left_given.is_empty() {
                Some(today)
            } else {
                match setup_sheet::parse_date(left_given) {
                    Some(d) if d <= today => Some(d),
                    _ => {
                        errors.push(err(
                            line,
                            C_LEFT,
                            left_given,
                            "离职日期无法识别或晚于今天".into(),
                            "The leaving date is not a date or is in the future".into(),
                        ));
                        None
                    }
                }
            };
            if errors.len() > before_errors {
                continue;
            }
            let (Some(store_id), Some(hired)) = (store_id, hired) else { continue };
            let existing = by_no.get(no).copied().or_else(|| {
                by_store_name
                    .get(&(store_id, name))
                    .filter(|v| v.len() == 1)
                    .map(|v| v[0])
                    .filter(|s| !matched.contains(&s.id))
            });
            // a closed store takes no new staff: nobody new, nobody moved into it (U-2)
            if let Some(closed) = closed_on.get(&store_id).filter(|_| existing.is_none_or(|e| e.store_id != store_id)) {
                errors.push(err(
                    line,
                    C_STORE,
                    store_text,
                    format!("门店「{store_text}」已于 {closed} 关闭，不能登记新员工或调入员工"),
                    format!("The store \"{store_text}\" closed on {closed}; it takes no new or moved staff"),
                ));
                continue;
            }
            if let Some(e) = existing {
                if !in_scope(e.store_id) {
                    errors.push(err(
                        line,
                        C_NO,
                        no,
                        "该工号的员工在你管理的门店之外".into(),
                        "This 工号 belongs to a store you do not manage".into(),
                    ));
                    continue;
                }
                matched.insert(e.id);
            }
            let phone_hmac = phone.as_deref().map(|p| super::setup_stores::phone_hmac(&self.secrets, p));
            let phone_masked = phone.as_deref().map(setup_sheet::mask_phone);
            let left_s = left_on.map(|d| d.to_string());
            let after = match existing {
                Some(e) => RosterFields {
                    store_id,
                    name: name.into(),
                    employee_no: no.into(),
                    position: (!position.is_empty()).then(|| position.to_string()).or_else(|| e.position.clone()),
                    phone_hmac: phone_hmac.clone().or_else(|| e.phone_hmac.clone()),
                    phone_masked: phone_masked.clone().or_else(|| e.phone_masked.clone()),
                    hired_on: hired.to_string(),
                    // someone who left already keeps their day
                    left_on: if leaving { e.left_on.clone().or(left_s) } else { None },
                },
                None => RosterFields {
                    store_id,
                    name: name.into(),
                    employee_no: no.into(),
                    position: (!position.is_empty()).then(|| position.to_string()),
                    phone_hmac,
                    phone_masked,
                    hired_on: hired.to_string(),
                    left_on: left_s,
                },
            };
            let sname = |id: i64| store_name.get(&id).copied().unwrap_or_default().to_string();
            match existing {
                None => {
                    // what a new row brings, for the preview to show
                    let mut changes = vec![change("入职日期", "Hired on", "", &after.hired_on)];
                    if let Some(p) = &after.position {
                        changes.insert(0, change("岗位", "Position", "", p));
                    }
                    if let Some(p) = &after.phone_masked {
                        changes.push(change("手机号", "Phone", "", p));
                    }
                    ops.push(Op {
                        kind: if after.left_on.is_some() { RosterChangeKind::Left } else { RosterChangeKind::New },
                        line: Some(line),
                        before: None,
                        changes,
                        after,
                    })
                }
                Some(e) => {
                    let mut changes = Vec::new();
                    if e.employee_no.is_none() {
                        changes.push(change("工号", "Employee no.", "", no));
                    }
                    if e.name != after.name {
                        changes.push(change("姓名", "Name", &e.name, &after.name));
                    }
                    if e.store_id != after.store_id {
                        changes.push(change("门店", "Store", sname(e.store_id), sname(after.store_id)));
                    }
                    if e.position != after.position {
                        changes.push(change(
                            "岗位",
                            "Position",
                            e.position.clone().unwrap_or_default(),
                            after.position.clone().unwrap_or_default(),
                        ));
                    }
                    if e.phone_hmac != after.phone_hmac {
                        changes.push(change(
                            "手机号",
                            "Phone",
                            e.phone_masked.clone().unwrap_or_default(),
                            after.phone_masked.clone().unwrap_or_default(),
                        ));
                    }
                    if e.hired_on != after.hired_on {
                        changes.push(change("入职日期", "Hired on", &e.hired_on, &after.hired_on));
                    }
                    let leaves = e.left_on.is_none() && after.left_on.is_some();
                    if e.left_on != after.left_on {
                        changes.push(change(
                            "在职状态",
                            "Status",
                            status_text(e.left_on.as_deref()),
                            status_text(after.left_on.as_deref()),
                        ));
                    }
                    if changes.is_empty() {
                        unchanged += 1;
                    } else {
                        ops.push(Op {
                            kind: if leaves { RosterChangeKind::Left } else { RosterChangeKind::Changed },
                            line: Some(line),
                            before: Some(e.clone()),
                            after,
                            changes,
                        });
                    }
                }
            }
        }
        if complete {
            for s in staff.iter().filter(|s| s.left_on.is_none() && in_scope(s.store_id) && !matched.contains(&s.id)) {
                ops.push(Op {
                    kind: RosterChangeKind::Left,
                    line: None,
                    before: Some(s.clone()),
                    after: RosterFields {
                        store_id: s.store_id,
                        name: s.name.clone(),
                        employee_no: s.employee_no.clone().unwrap_or_default(),
                        position: s.position.clone(),
                        phone_hmac: s.phone_hmac.clone(),
                        phone_masked: s.phone_masked.clone(),
                        hired_on: s.hired_on.clone(),
                        left_on: Some(today_s.clone()),
                    },
                    changes: vec![change("在职状态", "Status", "在职", "离职（不在完整花名册中）")],
                });
            }
        }
        ops.sort_by_key(|o| match o.kind {
            RosterChangeKind::New => 0,
            RosterChangeKind::Changed => 1,
            RosterChangeKind::Left => 2,
        });
        let hash = if errors.is_empty() { plan_hash(enterprise_id, complete, &ops) } else { String::new() };
        Ok(Plan {
            format: table.format,
            rows_read: u32::try_from(table.rows.len()).unwrap_or(u32::MAX),
            ops,
            unchanged,
            errors,
            hash,
        })
    }

    fn preview_of(
        &self,
        plan: Plan,
        complete: bool,
        names: &HashMap<i64, String>,
        live: &HashMap<i64, i64>,
    ) -> RosterPreview {
        let count = |k: RosterChangeKind| u32::try_from(plan.ops.iter().filter(|o| o.kind == k).count()).unwrap_or(0);
        RosterPreview {
            format: plan.format,
            rows_read: plan.rows_read,
            new_count: count(RosterChangeKind::New),
            changed_count: count(RosterChangeKind::Changed),
            left_count: count(RosterChangeKind::Left),
            unchanged_count: plan.unchanged,
            changes: plan
                .ops
                .iter()
                .take(SHOWN_MAX)
                .map(|o| RosterChange {
                    kind: o.kind,
                    line: o.line,
                    staff_id: o.before.as_ref().map(|b| b.id),
                    employee_no: (!o.after.employee_no.is_empty()).then(|| o.after.employee_no.clone()),
                    name: o.after.name.clone(),
                    store_name: names.get(&o.after.store_id).cloned().unwrap_or_default(),
                    changes: o.changes.clone(),
                    live_bindings: if o.kind == RosterChangeKind::Left {
                        o.before.as_ref().and_then(|b| live.get(&b.id)).copied().unwrap_or(0)
                    } else {
                        0
                    },
                })
                .collect(),
            error_count: u32::try_from(plan.errors.len()).unwrap_or(u32::MAX),
            errors: plan.errors.into_iter().take(SHOWN_MAX).collect(),
            plan: plan.hash,
            complete,
        }
    }

    async fn store_names(&self, enterprise_id: i64) -> CoreResult<HashMap<i64, String>> {
        Ok(store::stores::list(self.db.pool(), enterprise_id, None)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect())
    }

    /// Reads a roster sheet and lists what importing it would change, writing nothing (U-2).
    pub async fn roster_preview(&self, actor: &Actor, args: RosterArgs) -> CoreResult<RosterPreview> {
        actor.require_in(Permission::ManageRoster, args.enterprise_id)?;
        self.enterprise_detail(args.enterprise_id).await?;
        let path = self.opened_file(&args.file)?;
        let plan = self.roster_plan(actor, args.enterprise_id, &path, args.complete).await?;
        let names = self.store_names(args.enterprise_id).await?;
        let live = store::roster::count_live_bindings(self.db.pool(), args.enterprise_id).await?;
        Ok(self.preview_of(plan, args.complete, &names, &live))
    }

    /// Applies a previewed roster in one transaction, only if reading the sheet again against the roster as
    /// it is now gives the plan the user confirmed; every change in history (U-2, B-20). Nobody is unbound:
    /// leavers come back with their live bindings' next steps (B-17, B-18).
    pub async fn roster_apply(&self, actor: &Actor, args: RosterApplyArgs) -> CoreResult<RosterApplied> {
        actor.require_in(Permission::ManageRoster, args.enterprise_id)?;
        self.enterprise_detail(args.enterprise_id).await?;
        let eid = args.enterprise_id;
        let path = self.opened_file(&args.file)?;
        // issue 15 item 3: no update is downloaded or installed while this import is applied
        let _in_flight = super::updates::InFlight::start(&self.imports_in_flight);
        let mut tx = self.db.write().await?;
        // planned inside the write transaction, so nothing changes the roster between the check and the writes
        let plan = self.roster_plan(actor, eid, &path, args.complete).await?;
        if !plan.errors.is_empty() {
            return Err(CoreError::refused(
                ErrorCode::SheetHasErrors,
                "U-2",
                format!("表格有 {} 处错误，未导入任何内容：请改正后重新预览", plan.errors.len()),
                format!(
                    "The sheet has {} errors; nothing was imported. Correct them and preview again",
                    plan.errors.len()
                ),
                None,
            ));
        }
        if plan.hash != args.plan {
            return Err(CoreError::refused(
                ErrorCode::PlanChanged,
                "U-2",
                "预览之后表格或花名册已有变化，未导入任何内容：请重新预览并确认",
                "The sheet or the roster changed since the preview; nothing was imported. Preview again and confirm",
                None,
            ));
        }
        let names = self.store_names(eid).await?;
        let now = self.now_ts();
        let name_of = |id: i64| names.get(&id).cloned().unwrap_or_default();
        let (mut created, mut changed, mut left) = (0u32, 0u32, 0u32);
        let mut leavers = Vec::new();
        // the new rows in multi-row INSERTs, their history rows after them in one chained batch (a first roster
        // may hold tens of thousands of people)
        let fresh: Vec<&RosterFields> = plan.ops.iter().filter(|o| o.before.is_none()).map(|o| &o.after).collect();
        let mut fresh_ids = store::roster::insert_many(&mut tx, eid, &fresh, &now).await?.into_iter();
        let mut events: Vec<StaffEvent> = Vec::with_capacity(plan.ops.len());
        for op in &plan.ops {
            let (id, action, zh, en) = match &op.before {
                None => {
                    let id = fresh_ids.next().ok_or_else(|| CoreError::not_found("staff", 0))?;
                    let (zh, en) = added_text(&op.after, &name_of(op.after.store_id));
                    (id, "roster_add", zh, en)
                }
                Some(b) => {
                    let f = &op.after;
                    if f.employee_no.is_empty() {
                        // absent from a complete roster and never given a 工号: only the leaving day changes
                        store::roster::set_left(&mut *tx, b.id, f.left_on.as_deref().unwrap_or_default()).await?;
                    } else {
                        store::roster::update(&mut *tx, b.id, f).await?;
                    }
                    let list: Vec<String> =
                        op.changes.iter().map(|c| format!("{}：{} → {}", c.field, c.before, c.after)).collect();
                    let list_en: Vec<String> =
                        op.changes.iter().map(|c| format!("{}: {} → {}", c.field_en, c.before, c.after)).collect();
                    let action = if op.kind == RosterChangeKind::Left { "leave" } else { "roster_update" };
                    (
                        b.id,
                        action,
                        format!("花名册更新 {}：{}", b.name, list.join("；")),
                        format!("Roster: updated {}: {}", b.name, list_en.join("; ")),
                    )
                }
            };
            match op.kind {
                RosterChangeKind::New => created += 1,
                RosterChangeKind::Changed => changed += 1,
                RosterChangeKind::Left => left += 1,
            }
            let before = op.before.as_ref().map(|b| {
                json!({ "store_id": b.store_id, "name": b.name, "employee_no": b.employee_no, "position": b.position,
                        "phone": b.phone_masked, "hired_on": b.hired_on, "left_on": b.left_on })
            });
            events.push((id, action, zh, en, before, roster_json(&op.after)));
            if op.kind == RosterChangeKind::Left && op.before.is_some() {
                leavers.push(id);
            }
        }
        let summary = RosterSummary { rows_read: plan.rows_read, created, changed, left, complete: args.complete };
        write_roster_history(&mut tx, actor, eid, &now, events, &summary, Some(&plan.hash)).await?;
        tx.commit().await?;
        let mut out = Vec::new();
        for id in leavers {
            let d = self.departure(id).await?;
            if !d.bindings.is_empty() {
                out.push(d);
            }
        }
        Ok(RosterApplied { created, changed, left, leavers: out })
    }

    /// A staff member the actor may manage (their brand; store managers: their stores).
    async fn roster_staff(&self, actor: &Actor, p: Permission, staff_id: i64) -> CoreResult<RosterStaff> {
        actor.require(p)?;
        let s = store::roster::get(self.db.pool(), staff_id)
            .await?
            .ok_or_else(|| CoreError::not_found("staff", staff_id))?;
        actor.require_in(p, s.enterprise_id).map_err(|_| CoreError::not_found("staff", staff_id))?;
        actor.require_store("staff", staff_id, s.store_id)?;
        Ok(s)
    }

    async fn departure(&self, staff_id: i64) -> CoreResult<StaffDeparture> {
        let pool = self.db.pool();
        let s = store::roster::get(pool, staff_id).await?.ok_or_else(|| CoreError::not_found("staff", staff_id))?;
        let names = self.store_names(s.enterprise_id).await?;
        let min_days = self.rule_value(Some(s.enterprise_id), rules::PERSONAL_UNBIND_MIN_DAYS).await?;
        let expiry = self.rule_value(Some(s.enterprise_id), rules::INVITE_EXPIRY_HOURS).await?;
        let now = self.clock.now();
        let mut bindings = Vec::new();
        for b in store::roster::list_live_bindings(pool, staff_id).await? {
            let next_steps = next_steps(&b, now, min_days, expiry)?;
            bindings.push(LeaverBinding {
                binding_id: b.id,
                xhs_id: b.xhs_id,
                nickname: b.nickname,
                mode: b.mode,
                status: b.status,
                job_title: b.job_title,
                effective_at: b.effective_at,
                next_steps,
            });
        }
        Ok(StaffDeparture {
            staff_id: s.id,
            name: s.name,
            employee_no: s.employee_no,
            store_id: s.store_id,
            store_name: names.get(&s.store_id).cloned().unwrap_or_default(),
            left_on: s.left_on,
            bindings,
        })
    }

    /// A staff member's live bindings with the next step the rules allow for each if they leave (B-17, B-18).
    pub async fn staff_departure(&self, actor: &Actor, args: StaffArgs) -> CoreResult<StaffDeparture> {
        self.roster_staff(actor, Permission::ViewStaff, args.staff_id).await?;
        self.sweep(self.clock.now()).await?;
        self.departure(args.staff_id).await
    }

    /// Marks a staff member 离职 with a reason; their records stay (left_on set) and nothing is unbound: the
    /// answer lists each live binding's next step (U-2, B-17, B-18).
    pub async fn mark_staff_left(&self, actor: &Actor, args: MarkStaffLeftArgs) -> CoreResult<StaffDeparture> {
        let s = self.roster_staff(actor, Permission::ManageRoster, args.staff_id).await?;
        let reason = args.reason.trim();
        if reason.is_empty() || reason.chars().count() > 200 {
            return Err(CoreError::invalid(
                "reason",
                "请填写原因（不超过 200 字）",
                "Give a reason (at most 200 characters)",
            ));
        }
        let today = self.clock.today();
        let left_on = match args.left_on.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            None => today,
            Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d").ok().filter(|d| *d <= today).ok_or_else(|| {
                CoreError::invalid(
                    "left_on",
                    "离职日期应为不晚于今天的 YYYY-MM-DD",
                    "The leaving date must be YYYY-MM-DD, not after today",
                )
            })?,
        };
        if let Some(d) = &s.left_on {
            return Err(CoreError::invalid(
                "staff_id",
                format!("{} 已于 {d} 离职", s.name),
                format!("{} left on {d} already", s.name),
            ));
        }
        self.sweep(self.clock.now()).await?;
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        if !store::roster::set_left(&mut *tx, s.id, &left_on.to_string()).await? {
            return Err(CoreError::invalid(
                "staff_id",
                "该员工刚刚被标记为离职",
                "This staff member was just marked as left",
            ));
        }
        let live = store::roster::list_live_bindings(&mut *tx, s.id).await?;
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(s.enterprise_id),
                entity_type: "staff",
                entity_id: s.id.to_string(),
                action: "leave",
                summary_zh: format!("{} 离职（{left_on}），{} 个在用绑定待处理", s.name, live.len()),
                summary_en: format!("{} left ({left_on}); {} live bindings to handle", s.name, live.len()),
                reason: Some(reason),
                before: Some(json!({ "left_on": null })),
                after: Some(json!({ "left_on": left_on.to_string(), "live_bindings": live.iter().map(|b| b.id).collect::<Vec<_>>() })),
            },
        )
        .await?;
        tx.commit().await?;
        self.departure(s.id).await
    }
}

/// The rule's next steps for a leaver's binding: an enterprise staff account is handed over or frozen (B-4,
/// B-17); a personal authorization is unbound, from the day B-18 allows it; an open invitation lapses (B-13).
fn next_steps(b: &LiveBinding, now: DateTime<Utc>, min_days: i64, expiry_hours: i64) -> CoreResult<Vec<NextStep>> {
    let step = |action, allowed_now, from: Option<DateTime<Utc>>, rule: &str, zh: String, en: String| NextStep {
        action,
        allowed_now,
        available_from: from.map(crate::clock::beijing_rfc3339),
        rule: rule.into(),
        label_zh: zh,
        label_en: en,
    };
    let mut out = Vec::new();
    if b.status == BindingStatus::Invited {
        let lapses = when::parse("invited_at", &b.invited_at)? + hours(expiry_hours);
        out.push(step(
            NextStepAction::InvitationLapses,
            false,
            Some(lapses),
            "B-13",
            format!("邀请尚未接受，将于 {} 自动失效", when::minute(lapses)),
            format!("The invitation is not accepted; it lapses at {} (Beijing time)", when::minute(lapses)),
        ));
        return Ok(out);
    }
    match b.mode {
        BindingMode::Enterprise => {
            out.push(step(
                NextStepAction::HandOver,
                true,
                None,
                "B-17",
                "移交给另一位在职员工（账号归企业所有）".into(),
                "Hand it over to another current staff member (the account is the enterprise's)".into(),
            ));
            if b.status == BindingStatus::Active {
                out.push(step(
                    NextStepAction::Freeze,
                    true,
                    None,
                    "B-17",
                    "先冻结，待确定接手人后再移交".into(),
                    "Freeze it until someone takes it over".into(),
                ));
            }
        }
        BindingMode::Personal => {
            let effective = when::parse("effective_at", b.effective_at.as_deref().unwrap_or(&b.invited_at))?;
            let from = effective + days(min_days);
            if now >= from {
                out.push(step(
                    NextStepAction::Unbind,
                    true,
                    None,
                    "B-18",
                    "现在可以解绑（个人号授权，账号归员工本人）".into(),
                    "It can be unbound now (a personal authorization; the account stays the employee's)".into(),
                ));
            } else {
                out.push(step(
                    NextStepAction::Unbind,
                    false,
                    Some(from),
                    "B-18",
                    format!("个人号授权生效满 {min_days} 天后才能解绑：{} 起可解绑", when::minute(from)),
                    format!("A personal authorization can be unbound {min_days} days after it took effect: from {} (Beijing time)", when::minute(from)),
                ));
            }
        }
    }
    Ok(out)
}
