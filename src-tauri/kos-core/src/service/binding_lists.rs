//! Reading bindings: the tabbed list (keyset pages), counts per tab, an account's history (B-20) and the
//! calendar of dates when restricted actions become possible (B-13, B-15, B-18, B-19).

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::when::{self, date, day_start, days, hours, parse_date};
use super::{EnterpriseArgs, Service};
use crate::api::types::bindings::{BindingRow, NextAction};
use crate::api::types::history::HistoryRow;
use crate::api::types::paging::Page;
use crate::authz::{Actor, Permission};
use crate::clock::ts;
use crate::error::{CoreError, CoreResult};
use crate::model::{BindingMode, BindingStatus, BindingTab, JOB_TITLES};
use crate::rules;
use crate::store;
use crate::store::bindings::{BindingFilter, CalendarWindows};
use crate::store::paging;

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ListBindingsArgs {
    pub enterprise_id: i64,
    pub tab: BindingTab,
    pub store_id: Option<i64>,
    pub mode: Option<BindingMode>,
    /// one of the B-11 titles
    pub job_title: Option<String>,
    /// matched against 小红书号, nickname and staff name
    pub keyword: Option<String>,
    pub page_size: u32,
    pub cursor: Option<String>,
}

/// Bindings per tab (store managers: their stores).
#[derive(Debug, Clone, Serialize, Type, PartialEq, Default)]
pub struct BindingCounts {
    pub invited: i64,
    pub active: i64,
    /// expired or declined
    pub expired: i64,
    /// unbound, dissolved or handed over
    pub unbound: i64,
    pub frozen: i64,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct AccountHistoryArgs {
    pub enterprise_id: i64,
    pub account_id: i64,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct BindingCalendarArgs {
    pub enterprise_id: i64,
    /// first day, `YYYY-MM-DD` (Beijing)
    pub from: String,
    /// last day, inclusive; at most 366 days after `from`
    pub to: String,
}

#[derive(Debug, Clone, Copy, Serialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CalendarKind {
    /// an open invitation expires (B-13)
    InvitationExpires,
    /// a personal authorization may be unbound (B-18)
    PersonalUnbindable,
    /// an unbound personal account may be authorized by other enterprises (B-19)
    RebindableByOthers,
    /// the brand may invite again after a non-compliant proof (B-15)
    InviteBanEnds,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct CalendarItem {
    /// Beijing date
    pub date: String,
    /// the exact instant (UTC)
    pub at: String,
    pub kind: CalendarKind,
    pub rule_id: String,
    pub binding_id: Option<i64>,
    pub account_id: Option<i64>,
    pub xhs_id: Option<String>,
    pub staff_name: Option<String>,
    pub label_zh: String,
    pub label_en: String,
}

/// The rule durations in force for one enterprise.
pub(crate) struct Durations {
    pub expiry: Duration,
    pub unbind_min: Duration,
    pub cooldown: Duration,
}

/// When the row's next restricted action becomes possible, if that is still ahead.
fn next_action(row: &BindingRow, d: &Durations, now: DateTime<Utc>) -> CoreResult<Option<(DateTime<Utc>, NextAction)>> {
    let at = |s: &Option<String>, field: &str| s.as_deref().map(|v| when::parse(field, v)).transpose();
    let next = match (row.status, row.mode) {
        (BindingStatus::Invited, _) => {
            Some((when::parse("invited_at", &row.invited_at)? + d.expiry, NextAction::InvitationExpires))
        }
        (BindingStatus::Active | BindingStatus::Frozen, BindingMode::Personal) => {
            at(&row.effective_at, "effective_at")?.map(|t| (t + d.unbind_min, NextAction::PersonalUnbindable))
        }
        (BindingStatus::Unbound, BindingMode::Personal) => {
            at(&row.ended_at, "ended_at")?.map(|t| (t + d.cooldown, NextAction::RebindableByOthers))
        }
        _ => None,
    };
    Ok(next.filter(|(t, _)| *t > now))
}

impl Service {
    pub(crate) async fn durations(&self, enterprise_id: i64) -> CoreResult<Durations> {
        let v = |k| self.rule_value(Some(enterprise_id), k);
        Ok(Durations {
            expiry: hours(v(rules::INVITE_EXPIRY_HOURS).await?),
            unbind_min: days(v(rules::PERSONAL_UNBIND_MIN_DAYS).await?),
            cooldown: days(v(rules::PERSONAL_REBIND_COOLDOWN_DAYS).await?),
        })
    }

    /// Fills the computed columns: expiry of invitations and the next restricted action's date.
    async fn decorate(&self, rows: &mut [BindingRow]) -> CoreResult<()> {
        let now = self.clock.now();
        let mut cache: Option<(i64, Durations)> = None;
        for row in rows.iter_mut() {
            if cache.as_ref().is_none_or(|(e, _)| *e != row.enterprise_id) {
                cache = Some((row.enterprise_id, self.durations(row.enterprise_id).await?));
            }
            let Some((_, d)) = &cache else { continue };
            if row.status == BindingStatus::Invited {
                row.expires_at = Some(ts(when::parse("invited_at", &row.invited_at)? + d.expiry));
            }
            if let Some((t, kind)) = next_action(row, d, now)? {
                row.next_action_at = Some(ts(t));
                row.next_action = Some(kind);
            }
        }
        Ok(())
    }

    pub(crate) async fn binding_row(&self, id: i64) -> CoreResult<Option<BindingRow>> {
        let Some(row) = store::bindings::get_row(self.db.pool(), id).await? else { return Ok(None) };
        let mut rows = [row];
        self.decorate(&mut rows).await?;
        let [row] = rows;
        Ok(Some(row))
    }

    /// One tab of the binding list, newest first, one keyset page at a time.
    pub async fn list_bindings(&self, actor: &Actor, args: ListBindingsArgs) -> CoreResult<Page<BindingRow>> {
        actor.require_in(Permission::ViewBindings, args.enterprise_id)?;
        self.sweep(self.clock.now()).await?;
        let size = paging::page_size(args.page_size)?;
        let before = paging::decode_id_cursor(args.cursor.as_deref())?;
        let job_title = args.job_title.as_deref().map(str::trim).filter(|t| !t.is_empty());
        if let Some(t) = job_title {
            if !JOB_TITLES.contains(&t) {
                return Err(CoreError::invalid("job_title", "岗位筛选项无效 (B-11)", "Unknown job title (B-11)"));
            }
        }
        let filter = BindingFilter {
            enterprise_id: args.enterprise_id,
            statuses: args.tab.statuses(),
            store_id: args.store_id,
            stores: actor.store_filter(),
            mode: args.mode,
            job_title,
            keyword: args.keyword.as_deref().map(str::trim).filter(|k| !k.is_empty()),
        };
        let pool = self.db.pool();
        let mut rows = store::bindings::list_page(pool, &filter, before, size + 1).await?;
        self.decorate(&mut rows).await?;
        let total = store::bindings::count(pool, &filter).await?;
        Ok(paging::finish(rows, size, u32::try_from(total).unwrap_or(u32::MAX), |r| paging::encode_id_cursor(r.id)))
    }

    /// How many bindings each tab holds.
    pub async fn binding_counts(&self, actor: &Actor, args: EnterpriseArgs) -> CoreResult<BindingCounts> {
        actor.require_in(Permission::ViewBindings, args.enterprise_id)?;
        self.sweep(self.clock.now()).await?;
        let mut c = BindingCounts::default();
        for (status, n) in
            store::bindings::count_by_status(self.db.pool(), args.enterprise_id, actor.store_filter()).await?
        {
            let slot = match BindingTab::of(status) {
                BindingTab::Invited => &mut c.invited,
                BindingTab::Active => &mut c.active,
                BindingTab::Expired => &mut c.expired,
                BindingTab::Unbound => &mut c.unbound,
                BindingTab::Frozen => &mut c.frozen,
            };
            *slot += n;
        }
        Ok(c)
    }

    /// Everything that happened to an account's bindings with this brand, newest first (B-20).
    pub async fn account_history(&self, actor: &Actor, args: AccountHistoryArgs) -> CoreResult<Vec<HistoryRow>> {
        actor.require_in(Permission::ViewBindings, args.enterprise_id)?;
        self.sweep(self.clock.now()).await?;
        let pool = self.db.pool();
        let bindings = store::bindings::list_for_account(pool, args.enterprise_id, args.account_id).await?;
        let visible = match actor.store_filter() {
            Some(own) => bindings.iter().any(|b| own.contains(&b.store_id)),
            None => !bindings.is_empty(),
        };
        if !visible {
            return Err(CoreError::not_found("account", args.account_id));
        }
        let ids: Vec<String> = bindings.iter().map(|b| b.id.to_string()).collect();
        store::history::list_for_account(pool, args.enterprise_id, args.account_id, &ids).await
    }

    /// Dates in `[from, to]` when restricted actions become possible or invitations lapse.
    pub async fn binding_calendar(&self, actor: &Actor, args: BindingCalendarArgs) -> CoreResult<Vec<CalendarItem>> {
        actor.require_in(Permission::ViewBindings, args.enterprise_id)?;
        let now = self.clock.now();
        self.sweep(now).await?;
        let from_d = parse_date("from", &args.from)?;
        let to_d = parse_date("to", &args.to)?;
        if to_d < from_d || (to_d - from_d).num_days() > 366 {
            return Err(CoreError::invalid(
                "to",
                "结束日期须不早于开始日期，且范围不超过 366 天",
                "The end must not precede the start and the range is at most 366 days",
            ));
        }
        let start = day_start(from_d);
        let end = day_start(to_d) + days(1); // exclusive
        let last = end - Duration::seconds(1);
        let d = self.durations(args.enterprise_id).await?;
        let window = |shift: Duration| (ts(start - shift), ts(last - shift));
        let rows = store::bindings::list_calendar(
            self.db.pool(),
            &CalendarWindows {
                enterprise_id: args.enterprise_id,
                stores: actor.store_filter(),
                invited: window(d.expiry),
                effective: window(d.unbind_min),
                ended: window(d.cooldown),
            },
        )
        .await?;
        let mut items = Vec::new();
        for row in &rows {
            let (t, kind, rule, zh, en) = match (row.status, row.mode) {
                (BindingStatus::Invited, _) => (
                    when::parse("invited_at", &row.invited_at)? + d.expiry,
                    CalendarKind::InvitationExpires,
                    "B-13",
                    format!("{}（{}）的绑定邀请到期失效", row.staff_name, row.xhs_id),
                    format!("Invitation to {} ({}) expires", row.staff_name, row.xhs_id),
                ),
                (BindingStatus::Active | BindingStatus::Frozen, BindingMode::Personal) => {
                    let Some(eff) = &row.effective_at else { continue };
                    (
                        when::parse("effective_at", eff)? + d.unbind_min,
                        CalendarKind::PersonalUnbindable,
                        "B-18",
                        format!("{}（{}）的个人号授权可以解绑", row.staff_name, row.xhs_id),
                        format!("Personal authorization of {} ({}) may be unbound", row.staff_name, row.xhs_id),
                    )
                }
                (BindingStatus::Unbound, BindingMode::Personal) => {
                    let Some(ended) = &row.ended_at else { continue };
                    (
                        when::parse("ended_at", ended)? + d.cooldown,
                        CalendarKind::RebindableByOthers,
                        "B-19",
                        format!("{}（{}）可被其他企业以个人号授权绑定", row.nickname, row.xhs_id),
                        format!("{} ({}) may be authorized by other enterprises", row.nickname, row.xhs_id),
                    )
                }
                _ => continue,
            };
            if t < start || t >= end {
                continue;
            }
            items.push(CalendarItem {
                date: date(t),
                at: ts(t),
                kind,
                rule_id: rule.into(),
                binding_id: Some(row.id),
                account_id: Some(row.account_id),
                xhs_id: Some(row.xhs_id.clone()),
                staff_name: Some(row.staff_name.clone()),
                label_zh: zh,
                label_en: en,
            });
        }
        let e = store::enterprises::get(self.db.pool(), args.enterprise_id)
            .await?
            .ok_or_else(|| CoreError::not_found("enterprise", args.enterprise_id))?;
        if let Some(until) = e.invite_ban_until.as_deref() {
            let t = when::parse("invite_ban_until", until)?;
            if t >= start && t < end && t > now {
                items.push(CalendarItem {
                    date: date(t),
                    at: ts(t),
                    kind: CalendarKind::InviteBanEnds,
                    rule_id: "B-15".into(),
                    binding_id: None,
                    account_id: None,
                    xhs_id: None,
                    staff_name: None,
                    label_zh: "在职证明不合规的邀请限制结束，可以再次发送绑定邀请".into(),
                    label_en: "The invitation ban after a non-compliant proof ends".into(),
                });
            }
        }
        items.sort_by(|a, b| (&a.at, a.binding_id).cmp(&(&b.at, b.binding_id)));
        Ok(items)
    }
}
