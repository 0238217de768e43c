//! 小红书账号 (U-2, B-2): a brand registers accounts by 小红书号 with what B-2 checks (phone bound, no
//! shop), nickname and followers, and an owner from its roster — by a form or a sheet with a row report. Each
//! register and import keeps the day's nickname and followers (S-2 reads the latest); note imports refresh
//! them too (`note_import`).

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use serde_json::json;
use specta::Type;

use super::roster::RosterRowError;
use super::{record, Event, Service};
use crate::api::types::accounts::{AccountEntry, AccountSnapshot};
use crate::authz::{Actor, Permission};
use crate::error::{CoreError, CoreResult};
use crate::setup_sheet::{self, Column, SheetFormat};
use crate::store;
use crate::store::account_register::AccountFacts;

#[derive(Debug, Clone, Deserialize, Type)]
pub struct RegisterAccountArgs {
    pub enterprise_id: i64,
    /// 小红书号
    pub xhs_id: String,
    pub nickname: String,
    pub followers: i64,
    /// B-2 已绑定手机号
    pub phone_bound: bool,
    /// B-2 已开店
    pub has_shop: bool,
    /// the staff member behind the account (store managers: required, one of their stores)
    pub owner_staff_id: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ImportAccountsArgs {
    pub enterprise_id: i64,
    /// the sheet (XLSX, or CSV in UTF-8 or GBK), a token from a file dialog
    pub file: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct AccountSnapshotsArgs {
    pub enterprise_id: i64,
    pub account_id: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, Type)]
pub struct AccountImportReport {
    pub format: SheetFormat,
    pub rows_read: u32,
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub error_count: u32,
    /// each bad row with its reason (the first 500); any error and nothing is written
    pub errors: Vec<RosterRowError>,
    /// the sheet was written (no row had an error)
    pub applied: bool,
}

pub const ACCOUNTS_SHEET: &str = "小红书账号";

const COLUMNS: [Column; 6] = [
    Column { name: "小红书号", aliases: &["账号", "xhs_id"], required: true },
    Column { name: "昵称", aliases: &["账号昵称", "nickname"], required: true },
    Column { name: "粉丝数", aliases: &["粉丝", "粉丝量", "followers"], required: true },
    Column {
        name: "已绑定手机号", aliases: &["绑定手机号", "手机号已绑定", "phone_bound"], required: true
    },
    Column { name: "已开店", aliases: &["开店", "是否开店", "has_shop"], required: true },
    Column { name: "员工工号", aliases: &["工号", "employee_no"], required: false },
];

fn check_xhs_id(s: &str) -> Result<&str, (String, String)> {
    let t = s.trim();
    if t.is_empty() || t.chars().count() > 32 || !t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
        return Err((
            format!("小红书号「{t}」无效：应为 1–32 位字母、数字、下划线或点"),
            format!("The Xiaohongshu ID \"{t}\" is not valid: 1–32 letters, digits, _ or ."),
        ));
    }
    Ok(t)
}

fn check_nickname(s: &str) -> Result<&str, (String, String)> {
    let t = s.trim();
    if t.is_empty() || t.chars().count() > 40 {
        return Err(("昵称必填，不超过 40 个字".into(), "The nickname is required, at most 40 characters".into()));
    }
    Ok(t)
}

fn parse_followers(s: &str) -> Option<i64> {
    let t = s.trim().replace([',', '，'], "");
    if let Some(w) = t.strip_suffix('万').or_else(|| t.strip_suffix('w')) {
        let v: f64 = w.parse().ok()?;
        return (0.0..1e6).contains(&v).then(|| (v * 10_000.0).round() as i64);
    }
    t.parse::<i64>().ok().filter(|v| *v >= 0)
}

impl Service {
    /// Which staff the actor may name as an owner: the brand's current staff (store managers: theirs).
    async fn owner_check(&self, actor: &Actor, enterprise_id: i64, staff_id: i64) -> CoreResult<()> {
        let s = store::roster::get(self.db.pool(), staff_id)
            .await?
            .filter(|s| s.enterprise_id == enterprise_id)
            .ok_or_else(|| CoreError::not_found("staff", staff_id))?;
        actor.require_store("staff", staff_id, s.store_id)?;
        if s.left_on.is_some() {
            return Err(CoreError::invalid(
                "owner_staff_id",
                format!("{} 已离职", s.name),
                format!("{} has left", s.name),
            ));
        }
        Ok(())
    }

    /// Writes one account (new or known) into the brand's register with today's nickname and followers.
    /// Returns (account id, created, changed).
    async fn put_account(
        &self,
        tx: &mut crate::db::Tx,
        actor: &Actor,
        enterprise_id: i64,
        f: &AccountFacts,
        source: &str,
    ) -> CoreResult<(i64, bool, bool)> {
        let today = self.clock.today().to_string();
        put_account_in(tx, actor, (&self.now_ts(), &today), enterprise_id, f, source).await
    }
}

/// Writes one account (new or known) into the brand's register with today's nickname and followers, and its
/// history row when anything changed (U-2, B-2, B-20). Returns (account id, created, changed).
pub(super) async fn put_account_in(
    tx: &mut crate::db::Tx,
    actor: &Actor,
    (now, today): (&str, &str),
    enterprise_id: i64,
    f: &AccountFacts,
    source: &str,
) -> CoreResult<(i64, bool, bool)> {
    let known = store::accounts::get_by_xhs_id(&mut **tx, &f.xhs_id).await?;
    let (id, created, changed, before) = match known {
        None => {
            let id = store::account_register::insert(&mut **tx, f, today, now).await?;
            (id, true, true, None)
        }
        Some(a) => {
            // an owner from another brand stays: an account has one person behind it
            let mut f2 = f.clone();
            if f.owner_staff_id.is_none() {
                f2.owner_staff_id = a.owner_staff_id;
            }
            let changed = a.nickname != f.nickname
                || a.followers != f.followers
                || a.phone_bound != f.phone_bound
                || a.has_shop != f.has_shop
                || a.owner_staff_id != f2.owner_staff_id;
            store::account_register::update_facts(&mut **tx, a.id, &f2).await?;
            let before = json!({ "nickname": a.nickname, "followers": a.followers, "phone_bound": a.phone_bound,
                                 "has_shop": a.has_shop, "owner_staff_id": a.owner_staff_id });
            (a.id, false, changed, Some(before))
        }
    };
    store::account_register::refresh(&mut **tx, id, today, Some(&f.nickname), Some(f.followers), source).await?;
    let newly = store::account_register::register(&mut **tx, enterprise_id, id, actor.user_id, now).await?;
    if created || changed || newly {
        let b2 = if f.phone_bound && !f.has_shop {
            "符合 B-2"
        } else {
            "不符合 B-2（需已绑定手机号且未开店）"
        };
        let b2_en =
            if f.phone_bound && !f.has_shop { "meets B-2" } else { "fails B-2 (needs a bound phone and no shop)" };
        record(
            tx,
            Some(actor.user_id),
            now,
            Event {
                enterprise_id: Some(enterprise_id),
                entity_type: "account",
                entity_id: id.to_string(),
                action: if created || newly { "register" } else { "update" },
                summary_zh: format!(
                    "{}小红书账号 {}（{}，粉丝 {}），{b2}",
                    if created || newly { "登记" } else { "更新" },
                    f.xhs_id,
                    f.nickname,
                    f.followers
                ),
                summary_en: format!(
                    "{} Xiaohongshu account {} ({}, {} followers); {b2_en}",
                    if created || newly { "Registered" } else { "Updated" },
                    f.xhs_id,
                    f.nickname,
                    f.followers
                ),
                reason: None,
                before,
                after: Some(json!({ "nickname": f.nickname, "followers": f.followers, "phone_bound": f.phone_bound,
                                    "has_shop": f.has_shop, "owner_staff_id": f.owner_staff_id, "source": source })),
            },
        )
        .await?;
    }
    Ok((id, created, changed || newly))
}

impl Service {
    /// Registers (or updates) a 小红书账号 for the brand from the form (U-2, B-2).
    pub async fn register_account(&self, actor: &Actor, args: RegisterAccountArgs) -> CoreResult<AccountEntry> {
        actor.require_in(Permission::ManageAccounts, args.enterprise_id)?;
        self.enterprise_detail(args.enterprise_id).await?;
        let eid = args.enterprise_id;
        let xhs_id = check_xhs_id(&args.xhs_id).map_err(|(zh, en)| CoreError::invalid("xhs_id", zh, en))?;
        let nickname = check_nickname(&args.nickname).map_err(|(zh, en)| CoreError::invalid("nickname", zh, en))?;
        if args.followers < 0 || args.followers > 1_000_000_000 {
            return Err(CoreError::invalid("followers", "粉丝数应为 0 或正整数", "Followers must be 0 or more"));
        }
        match args.owner_staff_id {
            Some(s) => self.owner_check(actor, eid, s).await?,
            None if actor.store_filter().is_some() => {
                return Err(CoreError::invalid(
                    "owner_staff_id",
                    "请选择账号所属的员工（你管理的门店）",
                    "Choose the staff member the account belongs to (in a store you manage)",
                ));
            }
            None => {}
        }
        let facts = AccountFacts {
            xhs_id: xhs_id.into(),
            nickname: nickname.into(),
            followers: args.followers,
            phone_bound: args.phone_bound,
            has_shop: args.has_shop,
            owner_staff_id: args.owner_staff_id,
        };
        let mut tx = self.db.write().await?;
        let (id, _, _) = self.put_account(&mut tx, actor, eid, &facts, "register").await?;
        tx.commit().await?;
        store::account_register::get(self.db.pool(), eid, id).await?.ok_or_else(|| CoreError::not_found("account", id))
    }

    /// Imports a list of accounts: every row checked, written in one transaction only when none has an error
    /// (U-2, B-2).
    pub async fn import_accounts(&self, actor: &Actor, args: ImportAccountsArgs) -> CoreResult<AccountImportReport> {
        actor.require_in(Permission::ManageAccounts, args.enterprise_id)?;
        self.enterprise_detail(args.enterprise_id).await?;
        let eid = args.enterprise_id;
        let path = self.opened_file(&args.file)?;
        // issue 15 item 3: no update is downloaded or installed while this import is applied
        let _in_flight = super::updates::InFlight::start(&self.imports_in_flight);
        let table = tokio::task::spawn_blocking(move || setup_sheet::read(&path, ACCOUNTS_SHEET, &COLUMNS))
            .await
            .map_err(|e| CoreError::invalid("file", format!("读取表格失败：{e}"), format!("Reading failed: {e}")))??;
        let staff = store::roster::list(self.db.pool(), eid).await?;
        let by_no: HashMap<&str, &store::roster::RosterStaff> =
            staff.iter().filter_map(|s| s.employee_no.as_deref().map(|n| (n, s))).collect();
        let own = actor.store_filter();
        let mut errors = Vec::new();
        let mut facts = Vec::new();
        let mut seen: HashMap<String, u32> = HashMap::new();
        let e = |line, col: usize, v: &str, zh: String, en: String| RosterRowError {
            line,
            column: COLUMNS[col].name.into(),
            value: v.into(),
            reason: zh,
            reason_en: en,
        };
        for row in &table.rows {
            let line = row.line;
            let c = |i: usize| row.cells[i].as_str();
            let n0 = errors.len();
            if let Some((top, col)) = row.merged_with {
                errors.push(e(
                    line,
                    col,
                    "",
                    format!("该行的「{}」与第 {top} 行合并了单元格：请取消合并，并在每一行填写完整", COLUMNS[col].name),
                    format!(
                        "This row's {} cell is merged with row {top}'s: unmerge and fill in every row",
                        COLUMNS[col].name
                    ),
                ));
                continue;
            }
            let xhs = match check_xhs_id(c(0)) {
                Ok(x) => {
                    if let Some(first) = seen.get(x) {
                        errors.push(e(
                            line,
                            0,
                            x,
                            format!("小红书号 {x} 与第 {first} 行重复"),
                            format!("Xiaohongshu ID {x} repeats row {first}"),
                        ));
                    } else {
                        seen.insert(x.to_string(), line);
                    }
                    x
                }
                Err((zh, en)) => {
                    errors.push(e(line, 0, c(0), zh, en));
                    ""
                }
            };
            let nick = check_nickname(c(1)).unwrap_or_else(|(zh, en)| {
                errors.push(e(line, 1, c(1), zh, en));
                ""
            });
            let followers = parse_followers(c(2)).unwrap_or_else(|| {
                errors.push(e(
                    line,
                    2,
                    c(2),
                    "粉丝数应为 0 或正整数（可写 1.2万）".into(),
                    "Followers must be a whole number ≥ 0 (1.2万 works)".into(),
                ));
                0
            });
            let yes_no = |i: usize, errors: &mut Vec<RosterRowError>| {
                setup_sheet::parse_yes_no(c(i)).unwrap_or_else(|| {
                    errors.push(e(
                        line,
                        i,
                        c(i),
                        format!("「{}」应填 是 或 否", COLUMNS[i].name),
                        format!("{} must be 是 (yes) or 否 (no)", COLUMNS[i].name),
                    ));
                    false
                })
            };
            let phone_bound = yes_no(3, &mut errors);
            let has_shop = yes_no(4, &mut errors);
            let owner = match c(5) {
                "" => {
                    if own.is_some() {
                        errors.push(e(
                            line,
                            5,
                            "",
                            "请填写员工工号（你管理的门店的员工）".into(),
                            "Give the staff member's 工号 (in a store you manage)".into(),
                        ));
                    }
                    None
                }
                no => match by_no.get(no) {
                    Some(s) if s.left_on.is_some() => {
                        errors.push(e(
                            line,
                            5,
                            no,
                            format!("工号 {no} 的员工 {} 已离职", s.name),
                            format!("{no} ({}) has left", s.name),
                        ));
                        None
                    }
                    Some(s) if own.is_some_and(|o| !o.contains(&s.store_id)) => {
                        errors.push(e(
                            line,
                            5,
                            no,
                            "该员工不在你管理的门店".into(),
                            "This staff member is not in a store you manage".into(),
                        ));
                        None
                    }
                    Some(s) => Some(s.id),
                    None => {
                        errors.push(e(
                            line,
                            5,
                            no,
                            format!("花名册中没有工号 {no}：请先导入花名册"),
                            format!("No staff member has 工号 {no}; import the roster first"),
                        ));
                        None
                    }
                },
            };
            if errors.len() == n0 {
                facts.push(AccountFacts {
                    xhs_id: xhs.into(),
                    nickname: nick.into(),
                    followers,
                    phone_bound,
                    has_shop,
                    owner_staff_id: owner,
                });
            }
        }
        let rows_read = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
        let mut report = AccountImportReport {
            format: table.format,
            rows_read,
            created: 0,
            updated: 0,
            unchanged: 0,
            error_count: u32::try_from(errors.len()).unwrap_or(u32::MAX),
            errors: errors.into_iter().take(super::roster::SHOWN_MAX).collect(),
            applied: false,
        };
        if report.error_count > 0 {
            return Ok(report);
        }
        let mut tx = self.db.write().await?;
        let mut done: HashSet<i64> = HashSet::new();
        for f in &facts {
            let (id, created, changed) = self.put_account(&mut tx, actor, eid, f, "account_import").await?;
            done.insert(id);
            if created {
                report.created += 1;
            } else if changed {
                report.updated += 1;
            } else {
                report.unchanged += 1;
            }
        }
        let now = self.now_ts();
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(eid),
                entity_type: "account_import",
                entity_id: eid.to_string(),
                action: "import",
                summary_zh: format!(
                    "导入小红书账号表（{rows_read} 行）：新增 {}，更新 {}，未变 {}",
                    report.created, report.updated, report.unchanged
                ),
                summary_en: format!(
                    "Imported the account list ({rows_read} rows): {} new, {} updated, {} unchanged",
                    report.created, report.updated, report.unchanged
                ),
                reason: None,
                before: None,
                after: Some(json!({ "accounts": done.len() })),
            },
        )
        .await?;
        tx.commit().await?;
        report.applied = true;
        Ok(report)
    }

    /// The brand's registered 小红书账号 with B-2's facts, owner and live binding (U-2).
    pub async fn list_accounts(&self, actor: &Actor, args: super::EnterpriseArgs) -> CoreResult<Vec<AccountEntry>> {
        actor.require_in(Permission::ViewStaff, args.enterprise_id)?;
        store::account_register::list(self.db.pool(), args.enterprise_id, actor.store_filter()).await
    }

    /// An account's nickname and followers by day, newest first (U-2, S-2).
    pub async fn account_snapshots(
        &self,
        actor: &Actor,
        args: AccountSnapshotsArgs,
    ) -> CoreResult<Vec<AccountSnapshot>> {
        actor.require_in(Permission::ViewStaff, args.enterprise_id)?;
        let pool = self.db.pool();
        if !store::account_register::is_registered(pool, args.enterprise_id, args.account_id).await? {
            return Err(CoreError::not_found("account", args.account_id));
        }
        if actor.store_filter().is_some() {
            let visible = store::account_register::list(pool, args.enterprise_id, actor.store_filter()).await?;
            if !visible.iter().any(|a| a.account_id == args.account_id) {
                return Err(CoreError::not_found("account", args.account_id));
            }
        }
        store::account_register::list_snapshots(pool, args.account_id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn u2_followers_forms() {
        assert_eq!(parse_followers("1234"), Some(1234));
        assert_eq!(parse_followers("1,234"), Some(1234));
        assert_eq!(parse_followers("1.2万"), Some(12_000));
        assert_eq!(parse_followers("-3"), None);
        assert_eq!(parse_followers("很多"), None);
    }
}
