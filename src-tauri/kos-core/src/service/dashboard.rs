//! 数据看板 (D-1) and 账号健康度 (S-2). The enterprise view and the employee view sum the analytics column
//! store (fast at 1M notes) and add the tiny joins from SQL; each chart's data can be saved as XLSX.
//!
//! Weeks are ISO weeks (Monday to Sunday, Asia/Shanghai). A week's interactions are the latest
//! interactions (likes + collects + comments) of the notes published that week.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::json;
use specta::Type;

use super::campaigns::{status_on, CampaignScope, CampaignStatus};
use super::{record, Event, ExportResult, ReviewQuota, Service};
use crate::analytics::columns::day_start_secs;
use crate::analytics::dashboard::{RangeSums, Tally};
use crate::analytics::NoteColumns;
use crate::authz::{Actor, Permission};
use crate::clock::ts;
use crate::error::{CoreError, CoreResult};
use crate::export::xlsx::{self, XCell};
use crate::incentives::engine::AwardRules;
use crate::model::{BindingMode, BindingStatus, Role, JOB_TITLES};
use crate::rules;
use crate::store;
use crate::store::dashboard::BoundAccount;

/// The fixed 岗位 list (B-11).
/// The longest range a dashboard covers.
const MAX_DAYS: i64 = 1_100;
/// Weeks in the employee view's trend (this week included).
const EMPLOYEE_WEEKS: i64 = 12;
/// Stores shown in 按门店.
const TOP_STORES: usize = 20;

#[derive(Debug, Clone, Deserialize, Type)]
pub struct DashboardArgs {
    pub enterprise_id: i64,
    /// first day, "YYYY-MM-DD" (Asia/Shanghai)
    pub from: String,
    /// last day, included
    pub to: String,
}

/// The KPI cards.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct DashboardKpis {
    /// live 企业员工号 bindings
    pub accounts_enterprise: i64,
    /// live 员工个人号授权 bindings
    pub accounts_personal: i64,
    /// accounts that published at least one note in the last 7 days (today included)
    pub accounts_active_week: i64,
    /// notes published in the range
    pub notes: i64,
    /// their interactions (likes + collects + comments, latest data)
    pub interactions: i64,
    /// notes published in the range whose review was approved
    pub approved_notes: i64,
    /// review requests used this month (N-5)
    pub review_quota: ReviewQuota,
    /// 内容加热 orders starting in the range
    pub boosts: i64,
    pub boost_yuan: i64,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct WeekPoint {
    /// ISO week, "2026-W48"
    pub week: String,
    /// its Monday, "2026-11-23"
    pub week_start: String,
    pub notes: i64,
    pub interactions: i64,
    pub exposure: i64,
    pub reads: i64,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct StoreSlice {
    pub store_id: i64,
    pub store_name: String,
    pub city: String,
    pub notes: i64,
    pub interactions: i64,
}

/// Notes of one 岗位 or one content direction.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct Slice {
    /// the 岗位 or direction as users see it; "未知岗位" / "未标注" when there is none
    pub label: String,
    pub notes: i64,
    pub interactions: i64,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct EnterpriseDashboard {
    pub from: String,
    pub to: String,
    pub kpis: DashboardKpis,
    /// every ISO week touching the range (notes per week, interactions per week)
    pub weeks: Vec<WeekPoint>,
    /// the top 20 stores by notes, then interactions
    pub by_store: Vec<StoreSlice>,
    /// by the 岗位 of the account's binding, in the B-11 order
    pub by_job_title: Vec<Slice>,
    /// by content direction (S-4), most notes first
    pub by_direction: Vec<Slice>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct EmployeeDashboardArgs {
    pub enterprise_id: i64,
    pub staff_id: i64,
}

/// An account of the employee bound to the brand.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct EmployeeAccount {
    pub account_id: i64,
    pub xhs_id: String,
    pub nickname: String,
    pub followers: i64,
    pub mode: BindingMode,
    pub job_title: String,
    pub status: BindingStatus,
    pub effective_at: Option<String>,
}

/// Where the employee stands now in a running campaign.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct CampaignStanding {
    pub campaign_id: i64,
    pub name: String,
    pub start_date: String,
    pub end_date: String,
    /// I-1: rank of their best note above the threshold among each person's best (`null`: none above it)
    pub viral_rank: Option<i64>,
    pub best_note_interactions: Option<i64>,
    /// I-1 places awarded
    pub viral_places: i64,
    /// I-2 rank by total interactions (`null`: no interactions yet)
    pub ranking_rank: Option<i64>,
    pub ranking_places: i64,
    pub total_interactions: i64,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct EmployeeDashboard {
    pub staff_id: i64,
    pub staff_name: String,
    pub store_name: String,
    pub city: String,
    pub accounts: Vec<EmployeeAccount>,
    /// all their notes for the brand
    pub notes_total: i64,
    pub interactions_total: i64,
    /// the last 12 ISO weeks, this one included
    pub weeks: Vec<WeekPoint>,
    /// running campaigns of the brand whose scope includes them
    pub campaigns: Vec<CampaignStanding>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum HealthSort {
    Followers,
    Notes,
    NotesLast7d,
    InStock,
    /// criteria passed
    Passed,
    XhsId,
    StaffName,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct AccountHealthArgs {
    pub enterprise_id: i64,
    pub sort: HealthSort,
    pub desc: bool,
}

/// The S-2 thresholds in force (rule settings ACCOUNT_MIN_*).
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct HealthThresholds {
    /// followers must be above this
    pub min_followers: i64,
    /// notes published must be above this
    pub min_notes: i64,
    /// notes in the last 7 days must be above this
    pub min_notes_per_week: i64,
    /// notes in stock must be at least this (test phase)
    pub min_stock: i64,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct AccountHealthRow {
    pub account_id: i64,
    pub xhs_id: String,
    pub nickname: String,
    pub staff_id: i64,
    pub staff_name: String,
    pub store_name: String,
    pub mode: BindingMode,
    pub job_title: String,
    pub status: BindingStatus,
    pub followers: i64,
    /// notes published for the brand
    pub notes: i64,
    /// notes published in the last 7 days (today included)
    pub notes_last_7d: i64,
    /// notes published but not yet requested for review
    pub in_stock: i64,
    pub followers_ok: bool,
    pub notes_ok: bool,
    pub weekly_ok: bool,
    pub stock_ok: bool,
    /// criteria passed, 0..4
    pub passed: i64,
    /// an S-2 candidate: followers, notes and weekly notes all pass
    pub candidate: bool,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct AccountHealth {
    pub thresholds: HealthThresholds,
    pub rows: Vec<AccountHealthRow>,
    /// rows that are S-2 candidates
    pub candidates: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum DashboardChart {
    NotesPerWeek,
    InteractionsPerWeek,
    ByStore,
    ByJobTitle,
    ByDirection,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ExportDashboardArgs {
    pub enterprise_id: i64,
    pub from: String,
    pub to: String,
    pub chart: DashboardChart,
    /// the token of where to write the XLSX (a door's save grant)
    pub file: String,
}

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

fn day_number(d: NaiveDate) -> i64 {
    (d - epoch()).num_days()
}

fn date_of(day: i64) -> NaiveDate {
    epoch() + Duration::days(day)
}

fn parse_day(field: &str, s: &str) -> CoreResult<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        CoreError::invalid(field, format!("日期格式应为 YYYY-MM-DD：{s}"), format!("Dates are YYYY-MM-DD: {s}"))
    })
}

/// The range as day numbers, checked.
fn range_days(from: &str, to: &str) -> CoreResult<(i64, i64)> {
    let (f, t) = (parse_day("from", from)?, parse_day("to", to)?);
    if f > t {
        return Err(CoreError::invalid("to", "开始日期晚于结束日期", "The start date is after the end date"));
    }
    if (t - f).num_days() >= MAX_DAYS {
        return Err(CoreError::invalid(
            "to",
            format!("看板时间范围最长 {MAX_DAYS} 天"),
            format!("A dashboard covers at most {MAX_DAYS} days"),
        ));
    }
    Ok((day_number(f), day_number(t)))
}

fn week_points(s: &RangeSums) -> Vec<WeekPoint> {
    s.weeks
        .iter()
        .enumerate()
        .map(|(k, w)| {
            let monday = date_of(s.first_monday + 7 * k as i64);
            let iso = monday.iso_week();
            WeekPoint {
                week: format!("{}-W{:02}", iso.year(), iso.week()),
                week_start: monday.to_string(),
                notes: w.notes,
                interactions: w.interactions,
                exposure: w.exposure,
                reads: w.reads,
            }
        })
        .collect()
}

fn add(into: &mut Tally, t: &Tally) {
    into.notes += t.notes;
    into.interactions += t.interactions;
}

fn slice(label: &str, s: &Tally) -> Slice {
    Slice { label: label.to_string(), notes: s.notes, interactions: s.interactions }
}

/// What the analytics column store holds for a brand (the bench and the tests read it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnalyticsStats {
    pub notes: usize,
    pub staff: usize,
    pub accounts: usize,
    /// the column path of the boards is exact (else boards take the SQL path)
    pub exact: bool,
    pub heap_bytes: usize,
}

impl Service {
    /// Marks the column stores stale, so the next board loads them again (kos-bench measures the cold load).
    #[doc(hidden)]
    pub fn invalidate_analytics(&self) {
        self.analytics.invalidate();
    }

    /// Loads the brand's columns if stale and says what they hold. Not a command.
    #[doc(hidden)]
    pub async fn analytics_stats(&self, enterprise_id: i64) -> CoreResult<AnalyticsStats> {
        let c = self.analytics.columns(self.db.pool(), enterprise_id).await?;
        Ok(AnalyticsStats {
            notes: c.len(),
            staff: c.staff_ids.len(),
            accounts: c.account_ids.len(),
            exact: c.exact,
            heap_bytes: c.heap_bytes(),
        })
    }

    /// The brand's notes published on the days `first..=last`, with the store and 岗位 slices.
    async fn dashboard_parts(
        &self,
        enterprise_id: i64,
        cols: &NoteColumns,
        first: i64,
        last: i64,
    ) -> CoreResult<(RangeSums, Vec<StoreSlice>, Vec<Slice>, Vec<Slice>)> {
        let pool = self.db.pool();
        let sums = cols.range_sums(first, last);

        let dims = self.analytics.dims(pool, enterprise_id).await?;
        let mut per_store: HashMap<i64, Tally> = HashMap::new();
        for (s, t) in sums.by_staff.iter().enumerate().filter(|(_, t)| t.notes > 0) {
            if let Some(store_id) = cols.staff_ids.get(s).and_then(|id| dims.staff_store.get(id)) {
                add(per_store.entry(*store_id).or_default(), t);
            }
        }
        let mut by_store: Vec<StoreSlice> = per_store
            .into_iter()
            .filter_map(|(store_id, t)| {
                let (name, city) = dims.stores.get(&store_id)?;
                Some(StoreSlice {
                    store_id,
                    store_name: name.clone(),
                    city: city.clone(),
                    notes: t.notes,
                    interactions: t.interactions,
                })
            })
            .collect();
        by_store.sort_by(|a, b| {
            b.notes.cmp(&a.notes).then(b.interactions.cmp(&a.interactions)).then(a.store_id.cmp(&b.store_id))
        });
        by_store.truncate(TOP_STORES);

        // 岗位: the account's latest binding to the brand
        let mut per_title: HashMap<&str, Tally> = HashMap::new();
        for (a, t) in sums.by_account.iter().enumerate().filter(|(_, t)| t.notes > 0) {
            let title = cols.account_ids.get(a).and_then(|id| dims.account_title.get(id)).map_or("", String::as_str);
            add(per_title.entry(title).or_default(), t);
        }
        let mut by_job_title: Vec<Slice> =
            JOB_TITLES.iter().map(|t| slice(t, per_title.get(t).unwrap_or(&Tally::default()))).collect();
        if let Some(unknown) = per_title.get("") {
            by_job_title.push(slice("未知岗位", unknown));
        }

        let mut by_direction: Vec<Slice> = sums
            .by_direction
            .iter()
            .enumerate()
            .filter(|(_, s)| s.notes > 0)
            .map(|(d, s)| {
                let label = cols.directions.get(d).filter(|l| !l.is_empty()).map_or("未标注", String::as_str);
                slice(label, s)
            })
            .collect();
        by_direction.sort_by(|a, b| b.notes.cmp(&a.notes).then(b.interactions.cmp(&a.interactions)));
        Ok((sums, by_store, by_job_title, by_direction))
    }

    /// 数据看板 · 企业视角 (D-1): KPI cards and the weekly, store, 岗位 and direction series of a date range.
    pub async fn dashboard_enterprise(&self, actor: &Actor, args: DashboardArgs) -> CoreResult<EnterpriseDashboard> {
        actor.require_in(Permission::ViewOverview, args.enterprise_id)?;
        let (first, last) = range_days(&args.from, &args.to)?;
        let e = args.enterprise_id;
        let pool = self.db.pool();
        let cols = self.analytics.columns(pool, e).await?;
        let (sums, by_store, by_job_title, by_direction) = self.dashboard_parts(e, &cols, first, last).await?;
        let today = day_number(self.clock.today());
        let (accounts_enterprise, accounts_personal) = store::bindings::count_live_by_mode(pool, e).await?;
        let (from_ts, until_ts) = (day_start_secs(first), day_start_secs(last + 1));
        let text = |secs: i64| chrono::DateTime::from_timestamp(secs, 0).map(ts).unwrap_or_default();
        let (boosts, boost_yuan) =
            store::dashboard::sum_boosts(pool, e, &date_of(first).to_string(), &date_of(last).to_string()).await?;
        let kpis = DashboardKpis {
            accounts_enterprise,
            accounts_personal,
            accounts_active_week: cols.active_accounts(day_start_secs(today - 6), day_start_secs(today + 1)),
            notes: sums.total.notes,
            interactions: sums.total.interactions,
            approved_notes: store::dashboard::count_approved(pool, e, &text(from_ts), &text(until_ts)).await?,
            review_quota: self.quota(e).await?,
            boosts,
            boost_yuan,
        };
        Ok(EnterpriseDashboard {
            from: date_of(first).to_string(),
            to: date_of(last).to_string(),
            kpis,
            weeks: week_points(&sums),
            by_store,
            by_job_title,
            by_direction,
        })
    }

    /// 数据看板 · 员工视角 (D-1): one person's accounts, notes, weekly trend and ranks in running campaigns.
    /// An employee sees only themself; a store manager only their stores' staff.
    pub async fn dashboard_employee(
        &self,
        actor: &Actor,
        args: EmployeeDashboardArgs,
    ) -> CoreResult<EmployeeDashboard> {
        let not_found = || CoreError::not_found("staff", args.staff_id);
        if actor.role == Role::Employee {
            if actor.staff_id != Some(args.staff_id) || actor.enterprise_id != Some(args.enterprise_id) {
                return Err(not_found());
            }
        } else {
            actor.require_in(Permission::ViewOverview, args.enterprise_id)?;
        }
        let pool = self.db.pool();
        let card = store::dashboard::get_staff_card(pool, args.staff_id)
            .await?
            .filter(|c| c.enterprise_id == args.enterprise_id)
            .ok_or_else(not_found)?;
        actor.require_store("staff", card.id, card.store_id)?;
        let accounts = store::dashboard::list_staff_accounts(pool, args.enterprise_id, card.id)
            .await?
            .into_iter()
            .map(|a| EmployeeAccount {
                account_id: a.account_id,
                xhs_id: a.xhs_id,
                nickname: a.nickname,
                followers: a.followers,
                mode: a.mode,
                job_title: a.job_title,
                status: a.status,
                effective_at: a.effective_at,
            })
            .collect();
        let cols = self.analytics.columns(pool, args.enterprise_id).await?;
        let today = day_number(self.clock.today());
        let (notes_total, interactions_total, weeks) = match cols.staff_index(card.id) {
            Some(s) => {
                let all = cols.staff_rows(s, i64::MIN, i64::MAX);
                let total: i64 = all.iter().map(|&i| cols.parts(i as usize).interactions(false)).sum();
                let first = crate::analytics::dashboard::monday_of(today) - 7 * (EMPLOYEE_WEEKS - 1);
                (all.len() as i64, total, week_points(&cols.staff_weeks(s, first, today)))
            }
            None => (0, 0, Vec::new()),
        };
        let mut campaigns = Vec::new();
        for rec in store::campaigns::list(pool, args.enterprise_id).await? {
            if status_on(&rec, self.clock.today()) != CampaignStatus::Running {
                continue;
            }
            let scope: CampaignScope = super::campaigns::db_json("scope", &rec.scope_json)?;
            if !scope.includes(card.store_id, &card.city) {
                continue;
            }
            let st = self.campaign_standing(&rec, card.id).await?;
            let rules: AwardRules = super::campaigns::db_json("rules", &rec.rules_json)?;
            campaigns.push(CampaignStanding {
                campaign_id: rec.id,
                name: rec.name.clone(),
                start_date: rec.start_date.clone(),
                end_date: rec.end_date.clone(),
                viral_rank: st.viral_rank,
                best_note_interactions: st.best_note_interactions,
                viral_places: rules.viral_top_n,
                ranking_rank: st.ranking_rank,
                ranking_places: rules.ranking_top_n,
                total_interactions: st.total_interactions,
            });
        }
        Ok(EmployeeDashboard {
            staff_id: card.id,
            staff_name: card.name,
            store_name: card.store_name,
            city: card.city,
            accounts,
            notes_total,
            interactions_total,
            weeks,
            campaigns,
        })
    }

    /// 账号健康度 (S-2): every bound account against the rule-setting thresholds, sorted server-side.
    pub async fn account_health(&self, actor: &Actor, args: AccountHealthArgs) -> CoreResult<AccountHealth> {
        actor.require_in(Permission::ViewOverview, args.enterprise_id)?;
        let e = args.enterprise_id;
        let v = |key| self.rule_value(Some(e), key);
        let thresholds = HealthThresholds {
            min_followers: v(rules::ACCOUNT_MIN_FOLLOWERS).await?,
            min_notes: v(rules::ACCOUNT_MIN_NOTES).await?,
            min_notes_per_week: v(rules::ACCOUNT_MIN_NOTES_PER_WEEK).await?,
            min_stock: v(rules::ACCOUNT_MIN_STOCK).await?,
        };
        let pool = self.db.pool();
        let accounts = store::dashboard::list_live_accounts(pool, e, actor.store_filter()).await?;
        let cols = self.analytics.columns(pool, e).await?;
        let today = day_number(self.clock.today());
        let counts = cols.account_note_counts(day_start_secs(today - 6));
        let requested: HashMap<i64, i64> =
            store::dashboard::count_requested_by_account(pool, e).await?.into_iter().collect();
        let mut rows: Vec<AccountHealthRow> =
            accounts.into_iter().map(|a| health_row(a, &cols, &counts, &requested, &thresholds)).collect();
        rows.sort_by(|a, b| {
            let o = match args.sort {
                HealthSort::Followers => a.followers.cmp(&b.followers),
                HealthSort::Notes => a.notes.cmp(&b.notes),
                HealthSort::NotesLast7d => a.notes_last_7d.cmp(&b.notes_last_7d),
                HealthSort::InStock => a.in_stock.cmp(&b.in_stock),
                HealthSort::Passed => a.passed.cmp(&b.passed),
                HealthSort::XhsId => a.xhs_id.cmp(&b.xhs_id),
                HealthSort::StaffName => a.staff_name.cmp(&b.staff_name),
            };
            (if args.desc { o.reverse() } else { o }).then(a.account_id.cmp(&b.account_id))
        });
        let candidates = rows.iter().filter(|r| r.candidate).count() as i64;
        Ok(AccountHealth { thresholds, rows, candidates })
    }

    /// One dashboard chart's data as XLSX (D-1); the export is recorded in history.
    pub async fn export_dashboard_data(&self, actor: &Actor, args: ExportDashboardArgs) -> CoreResult<ExportResult> {
        let d = self
            .dashboard_enterprise(
                actor,
                DashboardArgs { enterprise_id: args.enterprise_id, from: args.from.clone(), to: args.to.clone() },
            )
            .await?;
        let (title, header, data): (&str, Vec<&str>, Vec<Vec<XCell>>) = match args.chart {
            DashboardChart::NotesPerWeek => (
                "每周笔记数",
                vec!["周", "周一日期", "笔记数"],
                d.weeks
                    .iter()
                    .map(|w| vec![w.week.clone().into(), w.week_start.clone().into(), w.notes.into()])
                    .collect(),
            ),
            DashboardChart::InteractionsPerWeek => (
                "每周互动数",
                vec!["周", "周一日期", "互动数", "曝光量", "阅读量"],
                d.weeks
                    .iter()
                    .map(|w| {
                        vec![
                            w.week.clone().into(),
                            w.week_start.clone().into(),
                            w.interactions.into(),
                            w.exposure.into(),
                            w.reads.into(),
                        ]
                    })
                    .collect(),
            ),
            DashboardChart::ByStore => (
                "按门店",
                vec!["门店", "城市", "笔记数", "互动数"],
                d.by_store
                    .iter()
                    .map(|s| {
                        vec![s.store_name.clone().into(), s.city.clone().into(), s.notes.into(), s.interactions.into()]
                    })
                    .collect(),
            ),
            DashboardChart::ByJobTitle => ("按岗位", vec!["岗位", "笔记数", "互动数"], slices(&d.by_job_title)),
            DashboardChart::ByDirection => {
                ("按内容方向", vec!["内容方向", "笔记数", "互动数"], slices(&d.by_direction))
            }
        };
        let count = data.len();
        let mut rows: Vec<Vec<XCell>> =
            vec![vec![format!("数据看板 · {title}（{} 至 {}）", d.from, d.to).into()], vec![]];
        rows.push(header.into_iter().map(XCell::from).collect());
        rows.extend(data);
        let path = self.save_target(&args.file)?;
        xlsx::write_sheet(&path, title, &rows, &[0, 2])?;
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(args.enterprise_id),
                entity_type: "dashboard",
                entity_id: format!("{:?}", args.chart).to_lowercase(),
                action: "dashboard_exported",
                summary_zh: format!("导出数据看板「{title}」（{} 至 {}，{count} 行）", d.from, d.to),
                summary_en: format!("Exported dashboard data “{title}” ({} to {}, {count} rows)", d.from, d.to),
                reason: None,
                before: None,
                after: Some(json!({ "chart": args.chart, "from": d.from, "to": d.to, "rows": count })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(ExportResult { path: path.display().to_string(), rows: u32::try_from(count).unwrap_or(u32::MAX) })
    }
}

fn slices(v: &[Slice]) -> Vec<Vec<XCell>> {
    v.iter().map(|s| vec![s.label.clone().into(), s.notes.into(), s.interactions.into()]).collect()
}

fn health_row(
    a: BoundAccount,
    cols: &NoteColumns,
    counts: &[(i64, i64)],
    requested: &HashMap<i64, i64>,
    t: &HealthThresholds,
) -> AccountHealthRow {
    let (notes, notes_last_7d) =
        cols.account_index(a.account_id).and_then(|i| counts.get(i as usize).copied()).unwrap_or((0, 0));
    let in_stock = (notes - requested.get(&a.account_id).copied().unwrap_or(0)).max(0);
    let followers_ok = a.followers > t.min_followers;
    let notes_ok = notes > t.min_notes;
    let weekly_ok = notes_last_7d > t.min_notes_per_week;
    let stock_ok = in_stock >= t.min_stock;
    let passed = [followers_ok, notes_ok, weekly_ok, stock_ok].iter().filter(|ok| **ok).count() as i64;
    AccountHealthRow {
        account_id: a.account_id,
        xhs_id: a.xhs_id,
        nickname: a.nickname,
        staff_id: a.staff_id,
        staff_name: a.staff_name,
        store_name: a.store_name,
        mode: a.mode,
        job_title: a.job_title,
        status: a.status,
        followers: a.followers,
        notes,
        notes_last_7d,
        in_stock,
        followers_ok,
        notes_ok,
        weekly_ok,
        stock_ok,
        passed,
        candidate: followers_ok && notes_ok && weekly_ok,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::columns::local_day;

    #[test]
    fn d1_ranges_are_checked() {
        assert!(range_days("2026-11-01", "2026-11-30").is_ok());
        assert_eq!(range_days("2026-11-30", "2026-11-01").unwrap_err().code(), crate::ErrorCode::InvalidInput);
        assert_eq!(range_days("2026/11/01", "2026-11-30").unwrap_err().code(), crate::ErrorCode::InvalidInput);
        assert_eq!(range_days("2020-01-01", "2026-11-30").unwrap_err().code(), crate::ErrorCode::InvalidInput);
        let (f, _) = range_days("1970-01-05", "1970-01-05").unwrap();
        assert_eq!((f, date_of(f).to_string()), (4, "1970-01-05".to_string()));
        assert_eq!(local_day(day_start_secs(f)), f);
    }
}
