//! 待审核笔记 and 已发起审核笔记 (N-3..N-6), the monthly quota (N-5), the platform reviewer's decisions
//! (N-2, N-6), 内容加热 and 前往聚光 (N-6, N-7), 笔记详情 and 数据中心 › 按笔记查看 (N-8).

use chrono::{Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use specta::Type;

use super::when::{self, Until};
use super::{record, EnterpriseArgs, Event, Service};
use crate::api::types::notes::{DataCenterRow, NoteRates, QueueNote, Snapshot, TabCounts};
use crate::api::types::paging::Page;
use crate::api::types::reviews::{BoostRow, JuguangRow, ReviewRow};
use crate::authz::{Actor, Permission};
use crate::clock::{shanghai, shanghai_date, ts};
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::model::BindingStatus;
use crate::note_file;
use crate::rules;
use crate::store;
use crate::store::note_queue::{Lane, NoteFilter, PageQuery, SortKey, SortValue};
use crate::store::paging;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum NoteList {
    /// 待审核笔记
    Queue,
    /// 已发起审核笔记
    Requested,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ReviewTab {
    InReview,
    Rejected,
    Approved,
}

impl ReviewTab {
    fn as_str(self) -> &'static str {
        match self {
            ReviewTab::InReview => "in_review",
            ReviewTab::Rejected => "rejected",
            ReviewTab::Approved => "approved",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum NoteSort {
    Published,
    Exposure,
    Reads,
    Interactions,
    /// 发起审核时间 (已发起审核笔记)
    Requested,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum NoteTypeFilter {
    Video,
    Image,
}

/// The filters of N-3; dates are Asia/Shanghai days, both ends included.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct NoteQuery {
    pub keyword: Option<String>,
    pub staff_name: Option<String>,
    /// a note ID or any form of note link
    pub note: Option<String>,
    pub published_from: Option<String>,
    pub published_to: Option<String>,
    pub note_type: Option<NoteTypeFilter>,
    pub requested_from: Option<String>,
    pub requested_to: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ListNotesArgs {
    pub enterprise_id: i64,
    pub list: NoteList,
    /// a tab of 已发起审核笔记; omitted: 全部
    pub tab: Option<ReviewTab>,
    pub query: NoteQuery,
    pub sort: NoteSort,
    pub desc: bool,
    pub page_size: u32,
    /// the next page after this cursor
    pub cursor: Option<String>,
    /// 跳至: a 1-based page number (used when no cursor is given)
    pub page: Option<u32>,
}

/// A page of notes: `total` counted exactly, the cursor of the next page.
#[derive(Debug, Clone, Serialize, Type)]
pub struct NotePage {
    pub rows: Vec<QueueNote>,
    pub total: i64,
    pub next_cursor: Option<String>,
    /// 1-based number of this page
    pub page: u32,
}

/// "本月剩余可发起审核申请笔记额度 X/1000" (N-5).
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct ReviewQuota {
    /// quota month, Asia/Shanghai "2026-11"
    pub month: String,
    pub used: i64,
    pub limit: i64,
    pub remaining: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct RequestReviewArgs {
    pub enterprise_id: i64,
    /// row ids of the selected notes
    pub note_ids: Vec<i64>,
}

/// Why one selected note was not requested (N-2, N-6, B-17, N-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum NoteRefusalCode {
    TooOld,
    NotBound,
    Frozen,
    InReview,
    Approved,
}

/// Why a selected note cannot be requested.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct NoteRefusal {
    pub note_row_id: i64,
    pub note_id: String,
    pub title: String,
    pub code: NoteRefusalCode,
    pub rule: String,
    pub reason: String,
    pub reason_en: String,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct RequestReviewResult {
    /// row ids now in review
    pub requested: Vec<i64>,
    /// selected notes that could not be requested, each with why
    pub refused: Vec<NoteRefusal>,
    pub quota: ReviewQuota,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ReviewQueueArgs {
    pub page_size: u32,
    pub cursor: Option<String>,
}

/// The N-2 checklist a reviewer ticks.
pub const REVIEW_CHECKLIST: [(&str, &str); 3] = [
    ("community", "符合社区审核规范与蒲公英笔记审核规则"),
    ("brand_related", "内容与品牌直接相关（产品、优惠、品牌理念）"),
    ("recent", "发布时间在 90 天内"),
];

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct DecideReviewArgs {
    pub review_id: i64,
    pub approve: bool,
    /// keys of the N-2 items ticked: community, brand_related, recent
    pub checklist: Vec<String>,
    /// required: the brand sees it
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct NoteArgs {
    pub note_row_id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct BoostNoteArgs {
    pub note_row_id: i64,
    pub budget_yuan: i64,
    pub days: i64,
    /// P-1: 产品种草 | 抢占赛道 | 商品销量 | 客资收集
    pub goal: String,
}

pub const BOOST_GOALS: [&str; 4] = ["产品种草", "抢占赛道", "商品销量", "客资收集"];

/// 笔记详情: every metric, the daily snapshots, review history and boosts.
#[derive(Debug, Clone, Serialize, Type)]
pub struct NoteDetail {
    pub note: QueueNote,
    pub rates: NoteRates,
    pub snapshots: Vec<Snapshot>,
    pub reviews: Vec<ReviewRow>,
    pub boosts: Vec<BoostRow>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum DataSort {
    Published,
    Exposure,
    Reads,
    Video5sRate,
    Image3sRate,
    AvgViewSecs,
    ReadUv,
    VideoSecs,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct DataCenterArgs {
    pub enterprise_id: i64,
    pub sort: DataSort,
    pub desc: bool,
    pub page_size: u32,
    /// 1-based
    pub page: u32,
}

/// A month's quota window and the key it counts under.
fn quota_month(now: chrono::DateTime<Utc>) -> String {
    now.with_timezone(&shanghai()).format("%Y-%m").to_string()
}

/// The instant the next calendar month starts in Beijing, when the N-5 quota renews.
fn next_month_start(now: chrono::DateTime<Utc>) -> chrono::DateTime<Utc> {
    let today = shanghai_date(now);
    let (y, m) = if today.month() == 12 { (today.year() + 1, 1) } else { (today.year(), today.month() + 1) };
    when::day_start(NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(today))
}

/// The UTC timestamp of 00:00 Asia/Shanghai on `date`.
fn day_start(date: NaiveDate) -> String {
    ts(when::day_start(date))
}

fn parse_day(field: &str, s: &Option<String>) -> CoreResult<Option<NaiveDate>> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d").map(Some).map_err(|_| {
            CoreError::invalid(field, format!("日期格式应为 YYYY-MM-DD：{d}"), format!("Dates are YYYY-MM-DD: {d}"))
        }),
    }
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// N-3 filters as stored values.
pub fn note_filter(enterprise_id: i64, q: &NoteQuery) -> CoreResult<NoteFilter> {
    let note_id = match clean(&q.note) {
        None => None,
        Some(text) => Some(note_file::note_id_from_link(&text).ok_or_else(|| {
            CoreError::invalid(
                "note",
                "无法从输入中识别笔记ID：请粘贴 24 位笔记ID或完整的笔记链接（短链接需先在浏览器中打开）",
                "Cannot find a note ID in the input: paste the 24-character note ID or the full note link",
            )
        })?),
    };
    let range = |from: &Option<String>,
                 to: &Option<String>,
                 field: &str|
     -> CoreResult<(Option<String>, Option<String>)> {
        let f = parse_day(field, from)?;
        let t = parse_day(field, to)?;
        if let (Some(f), Some(t)) = (f, t) {
            if f > t {
                return Err(CoreError::invalid(field, "开始日期晚于结束日期", "The start date is after the end date"));
            }
        }
        Ok((f.map(day_start), t.map(|t| day_start(t + Duration::days(1)))))
    };
    let (published_from, published_until) = range(&q.published_from, &q.published_to, "published")?;
    let (requested_from, requested_until) = range(&q.requested_from, &q.requested_to, "requested")?;
    Ok(NoteFilter {
        enterprise_id,
        keyword: clean(&q.keyword),
        staff_name: clean(&q.staff_name),
        note_id,
        published_from,
        published_until,
        note_type: q.note_type.map(|t| match t {
            NoteTypeFilter::Video => "video",
            NoteTypeFilter::Image => "image",
        }),
        requested_from,
        requested_until,
    })
}

pub fn sort_key(list: NoteList, sort: NoteSort) -> CoreResult<SortKey> {
    Ok(match sort {
        NoteSort::Published => SortKey::Published,
        NoteSort::Exposure => SortKey::Exposure,
        NoteSort::Reads => SortKey::Reads,
        NoteSort::Interactions => SortKey::Interactions,
        NoteSort::Requested if list == NoteList::Requested => SortKey::Requested,
        NoteSort::Requested => {
            return Err(CoreError::invalid(
                "sort",
                "待审核笔记没有发起审核时间，不能按它排序",
                "Notes never requested have no request time to sort by",
            ))
        }
    })
}

pub fn lane(list: NoteList, tab: Option<ReviewTab>) -> Lane {
    match list {
        NoteList::Queue => Lane::Queue,
        NoteList::Requested => Lane::Requested(tab.map(ReviewTab::as_str)),
    }
}

/// The sort key of a row, as a keyset cursor carries it.
pub fn sort_value(key: SortKey, n: &QueueNote) -> SortValue {
    match key {
        SortKey::Published => SortValue::Text(n.published_at.clone()),
        SortKey::Requested => SortValue::Text(n.review_requested_at.clone().unwrap_or_default()),
        SortKey::Exposure => SortValue::Int(n.exposure),
        SortKey::Reads => SortValue::Int(n.reads),
        SortKey::Interactions => SortValue::Int(n.interactions),
    }
}

pub fn encode_cursor(v: &SortValue, id: i64) -> String {
    match v {
        SortValue::Int(n) => format!("i:{n}|{id}"),
        SortValue::Text(t) => paging::encode_time_cursor(t, id),
    }
}

pub fn decode_cursor(key: SortKey, cursor: Option<&str>) -> CoreResult<Option<(SortValue, i64)>> {
    let bad = || CoreError::invalid("cursor", "分页游标无效，请重新查询", "Invalid page cursor; query again");
    match cursor {
        None | Some("") => Ok(None),
        Some(c) if key.is_text() => Ok(paging::decode_time_cursor(Some(c))?.map(|(t, id)| (SortValue::Text(t), id))),
        Some(c) => {
            let (v, id) = c.strip_prefix("i:").and_then(|r| r.split_once('|')).ok_or_else(bad)?;
            Ok(Some((SortValue::Int(v.parse().map_err(|_| bad())?), id.parse().map_err(|_| bad())?)))
        }
    }
}

/// Thresholds that mark notes in a page (S-1 priority, N-2 age).
pub(crate) struct Marks {
    min_likes: i64,
    min_comments: i64,
    /// the N-2 review window in days, and its start as a stored timestamp
    max_age_days: i64,
    oldest: String,
}

impl Marks {
    pub fn apply(&self, n: &mut QueueNote) {
        // S-1: known parts above a threshold decide; with a part unknown (a total alone) it cannot be judged
        n.priority = match (n.likes, n.comments) {
            (Some(l), _) if l > self.min_likes => Some(true),
            (_, Some(c)) if c > self.min_comments => Some(true),
            (Some(_), Some(_)) => Some(false),
            _ => None,
        };
        n.too_old = n.published_at < self.oldest;
    }
}

impl Service {
    pub(crate) async fn marks(&self, enterprise_id: i64) -> CoreResult<Marks> {
        let days = self.rule_value(Some(enterprise_id), rules::REVIEW_MAX_AGE_DAYS).await?;
        Ok(Marks {
            min_likes: self.rule_value(Some(enterprise_id), rules::PRIORITY_MIN_LIKES).await?,
            min_comments: self.rule_value(Some(enterprise_id), rules::PRIORITY_MIN_COMMENTS).await?,
            max_age_days: days,
            oldest: ts(self.clock.now() - Duration::days(days)),
        })
    }

    pub(crate) fn refuse_while_indexing(&self) -> CoreResult<()> {
        if self.indexing.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(CoreError::refused(
                ErrorCode::Indexing,
                "N-1",
                "大批量导入正在进行，笔记列表将在导入和索引完成后可查询",
                "A large import is running; the note lists are available once it and its indexes are done",
                None,
            ));
        }
        Ok(())
    }

    /// 待审核笔记 or a tab of 已发起审核笔记: N-3 filters, N-4 sorts, keyset pages or 跳至 a page.
    pub async fn list_notes(&self, actor: &Actor, args: ListNotesArgs) -> CoreResult<NotePage> {
        actor.require_in(Permission::ViewNotes, args.enterprise_id)?;
        self.refuse_while_indexing()?;
        let size = paging::page_size(args.page_size)?;
        let filter = note_filter(args.enterprise_id, &args.query)?;
        let key = sort_key(args.list, args.sort)?;
        let after = decode_cursor(key, args.cursor.as_deref())?;
        let page = if after.is_some() { 0 } else { args.page.unwrap_or(1).max(1) };
        let offset = if after.is_some() { 0 } else { (page - 1).saturating_mul(size) };
        let lane = lane(args.list, args.tab);
        let q = PageQuery { lane, filter: &filter, sort: key, desc: args.desc, after, limit: size + 1, offset };
        let pool = self.db.pool();
        let (mut rows, total) = match self.keyword_page(&q).await? {
            Some((ids, total)) => (store::note_queue::list_by_ids(pool, &ids).await?, total),
            None => {
                (store::note_queue::list_page(pool, &q).await?, store::note_queue::count(pool, lane, &filter).await?)
            }
        };
        let marks = self.marks(args.enterprise_id).await?;
        let more = rows.len() > size as usize;
        rows.truncate(size as usize);
        rows.iter_mut().for_each(|n| marks.apply(n));
        let next_cursor = if more { rows.last().map(|n| encode_cursor(&sort_value(key, n), n.id)) } else { None };
        Ok(NotePage { rows, total, next_cursor, page })
    }

    /// 待审核笔记 with a keyword from the brand's column store when it is loaded and fresh (N-3, N-4): the
    /// page's row ids and the exact count. None sends the query to SQL (another list, a filter the columns do
    /// not hold, or columns not loaded; those are then loaded in the background for the next search).
    async fn keyword_page(&self, q: &PageQuery<'_>) -> CoreResult<Option<(Vec<i64>, i64)>> {
        let f = q.filter;
        let Some(keyword) = f.keyword.as_deref() else { return Ok(None) };
        if q.lane != Lane::Queue
            || q.sort == SortKey::Requested
            || f.note_id.is_some()
            || f.staff_name.is_some()
            || f.requested_from.is_some()
            || f.requested_until.is_some()
        {
            return Ok(None);
        }
        let pool = self.db.pool();
        let Some(columns) = self.analytics.loaded(pool, f.enterprise_id).await? else {
            // one background load at a time (searches during an import do not queue a load each)
            if !self.analytics.is_loading() {
                let svc = self.clone();
                let enterprise_id = f.enterprise_id;
                tokio::spawn(async move {
                    let _ = svc.analytics.columns(svc.db.pool(), enterprise_id).await;
                });
            }
            return Ok(None);
        };
        // stored times compare as text; the columns hold them as seconds, equal when in the stored form
        let secs = |t: &Option<String>| match t {
            None => Some(None),
            Some(t) => match crate::analytics::columns::parse_time(t) {
                (s, true) => Some(Some(s)),
                _ => None,
            },
        };
        let (Some(from), Some(until)) = (secs(&f.published_from), secs(&f.published_until)) else {
            return Ok(None);
        };
        let after = match &q.after {
            None => None,
            Some((SortValue::Int(v), id)) => Some((*v, *id)),
            Some((SortValue::Text(t), id)) => match crate::analytics::columns::parse_time(t) {
                (s, true) => Some((s, *id)),
                _ => return Ok(None),
            },
        };
        let requested: std::collections::HashSet<i64> =
            store::note_queue::list_requested_with_keyword(pool, f.enterprise_id, keyword).await?.into_iter().collect();
        let page = crate::analytics::keyword::KeywordPage {
            keyword,
            video: f.note_type.map(|t| t == "video"),
            from,
            until,
            requested: &requested,
            sort: q.sort,
            desc: q.desc,
            after,
            offset: q.offset as usize,
            limit: q.limit as usize,
        };
        Ok(crate::analytics::keyword::keyword_page(&columns, &page))
    }

    /// Counts per tab of 已发起审核笔记 (N-6).
    pub async fn note_tab_counts(&self, actor: &Actor, args: EnterpriseArgs) -> CoreResult<TabCounts> {
        actor.require_in(Permission::ViewNotes, args.enterprise_id)?;
        store::note_queue::tab_counts(self.db.pool(), args.enterprise_id).await
    }

    /// The monthly review quota and what is left of it (N-5).
    pub async fn review_quota(&self, actor: &Actor, args: EnterpriseArgs) -> CoreResult<ReviewQuota> {
        actor.require_in(Permission::ViewNotes, args.enterprise_id)?;
        self.quota(args.enterprise_id).await
    }

    pub(super) async fn quota(&self, enterprise_id: i64) -> CoreResult<ReviewQuota> {
        self.quota_in(self.db.pool(), enterprise_id).await
    }

    /// The month's quota as `ex` sees it (inside a request's write transaction, the count it will add to).
    async fn quota_in(&self, ex: impl Into<crate::store::ex::Ex<'_>>, enterprise_id: i64) -> CoreResult<ReviewQuota> {
        let month = quota_month(self.clock.now());
        let limit = self.rule_value(Some(enterprise_id), rules::REVIEW_QUOTA_PER_MONTH).await?;
        let used = store::note_reviews::count_in_month(ex, enterprise_id, &month).await?;
        Ok(ReviewQuota { month, used, limit, remaining: (limit - used).max(0) })
    }

    /// 发起笔记审核 (N-5): every selected note is checked (N-2 age, bound and not frozen, not already in
    /// review or approved); the ones that pass are requested together, unless they exceed the month's
    /// remaining quota, in which case none is and the refusal says how many fit.
    pub async fn request_review(&self, actor: &Actor, args: RequestReviewArgs) -> CoreResult<RequestReviewResult> {
        actor.require_in(Permission::ManageNotes, args.enterprise_id)?;
        let mut ids = args.note_ids.clone();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Err(CoreError::invalid("note_ids", "请先选择笔记", "Select notes first"));
        }
        let marks = self.marks(args.enterprise_id).await?;
        let days = marks.max_age_days;
        let pool = self.db.pool();
        let mut eligible = Vec::new();
        let mut refused = Vec::new();
        for id in ids {
            let n = store::note_queue::get(pool, id)
                .await?
                .filter(|n| n.enterprise_id == args.enterprise_id)
                .ok_or_else(|| CoreError::not_found("note", id))?;
            let refuse = |code: NoteRefusalCode, rule: &str, zh: String, en: String| NoteRefusal {
                note_row_id: n.id,
                note_id: n.note_id.clone(),
                title: n.title.clone(),
                code,
                rule: rule.into(),
                reason: zh,
                reason_en: en,
            };
            let live = store::bindings::get_live_for_account(pool, n.account_id).await?;
            let refusal = if n.review_state == "in_review" {
                Some(refuse(NoteRefusalCode::InReview, "N-6", "已在审核中".into(), "Already in review".into()))
            } else if n.review_state == "approved" {
                Some(refuse(NoteRefusalCode::Approved, "N-6", "已审核通过".into(), "Already approved".into()))
            } else if n.published_at < marks.oldest {
                Some(refuse(
                    NoteRefusalCode::TooOld,
                    "N-2",
                    format!("发布已超过 {days} 天，不满足审核条件"),
                    format!("Published more than {days} days ago"),
                ))
            } else {
                match live {
                    Some(b) if b.enterprise_id == args.enterprise_id && b.status == BindingStatus::Active => None,
                    Some(b) if b.enterprise_id == args.enterprise_id && b.status == BindingStatus::Frozen => {
                        Some(refuse(
                            NoteRefusalCode::Frozen,
                            "B-17",
                            "账号已冻结，解冻后才能发起审核".into(),
                            "The account is frozen; unfreeze it first".into(),
                        ))
                    }
                    _ => Some(refuse(
                        NoteRefusalCode::NotBound,
                        "N-1",
                        "账号当前未绑定本品牌".into(),
                        "The account is not bound to this brand now".into(),
                    )),
                }
            };
            match refusal {
                Some(r) => refused.push(r),
                None => eligible.push(n),
            }
        }
        let mut tx = self.db.write().await?;
        let ReviewQuota { month, limit, remaining, .. } = self.quota_in(&mut *tx, args.enterprise_id).await?;
        let wanted = i64::try_from(eligible.len()).unwrap_or(i64::MAX);
        if wanted > remaining {
            // the quota renews when the next calendar month starts in Beijing
            let now = self.clock.now();
            let renews = Until::new(now, next_month_start(now));
            return Err(CoreError::refused(
                ErrorCode::QuotaExceeded,
                "N-5",
                format!(
                    "本月剩余可发起审核申请笔记额度 {remaining}/{limit}，所选笔记中有 {wanted} 篇可发起审核，超出额度，未发起任何审核。请减少到 {remaining} 篇以内，或等下月额度恢复：{}",
                    renews.zh()
                ),
                format!(
                    "{remaining} of {limit} review requests left this month; {wanted} selected notes qualify, so none was requested. Select at most {remaining}, or wait for next month's quota: {}",
                    renews.en()
                ),
                Some(renews.at),
            ));
        }
        let now = self.now_ts();
        let mut requested = Vec::new();
        for n in &eligible {
            store::note_reviews::insert(&mut *tx, args.enterprise_id, n.id, &month, actor.user_id, &now).await?;
            store::notes::set_review_state(&mut *tx, n.id, "in_review", Some(&now)).await?;
            requested.push(n.id);
        }
        if !requested.is_empty() {
            let note_ids: Vec<&str> = eligible.iter().map(|n| n.note_id.as_str()).collect();
            record(
                &mut tx,
                Some(actor.user_id),
                &now,
                Event {
                    enterprise_id: Some(args.enterprise_id),
                    entity_type: "note",
                    entity_id: note_ids.join(","),
                    action: "review_requested",
                    summary_zh: format!("发起笔记审核 {} 篇", requested.len()),
                    summary_en: format!("Requested review of {} notes", requested.len()),
                    reason: None,
                    before: None,
                    after: Some(json!({ "notes": note_ids, "month": month })),
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok(RequestReviewResult { requested, refused, quota: self.quota(args.enterprise_id).await? })
    }

    /// The platform reviewer's queue: open requests in arrival order, across brands.
    pub async fn review_queue(&self, actor: &Actor, args: ReviewQueueArgs) -> CoreResult<Page<ReviewRow>> {
        actor.require(Permission::ReviewNotes)?;
        let size = paging::page_size(args.page_size)?;
        let after = paging::decode_id_cursor(args.cursor.as_deref())?;
        let pool = self.db.pool();
        let rows = store::note_reviews::list_open(pool, after, size + 1).await?;
        let total = u32::try_from(store::note_reviews::count_open(pool).await?).unwrap_or(u32::MAX);
        Ok(paging::finish(rows, size, total, |r| paging::encode_id_cursor(r.id)))
    }

    /// 通过 / 不通过 with the N-2 checklist and a reason the brand sees (N-6).
    pub async fn decide_review(&self, actor: &Actor, args: DecideReviewArgs) -> CoreResult<ReviewRow> {
        actor.require(Permission::ReviewNotes)?;
        let reason = args.reason.trim();
        if reason.is_empty() {
            return Err(CoreError::invalid(
                "reason",
                "请填写审核意见，品牌方会看到它",
                "Give a reason; the brand sees it",
            ));
        }
        if reason.chars().count() > 500 {
            return Err(CoreError::invalid("reason", "审核意见不超过 500 字", "The reason is at most 500 characters"));
        }
        let known: Vec<&str> = REVIEW_CHECKLIST.iter().map(|(k, _)| *k).collect();
        if let Some(bad) = args.checklist.iter().find(|c| !known.contains(&c.as_str())) {
            return Err(CoreError::invalid(
                "checklist",
                format!("未知的审核项：{bad}"),
                format!("Unknown checklist item: {bad}"),
            ));
        }
        if args.approve && !known.iter().all(|k| args.checklist.iter().any(|c| c == k)) {
            return Err(CoreError::refused(
                ErrorCode::ChecklistIncomplete,
                "N-2",
                "通过前须逐项确认：社区规范、品牌相关、90 天内发布",
                "Tick every N-2 item before approving: community rules, brand-related, published within 90 days",
                None,
            ));
        }
        let pool = self.db.pool();
        let r = store::note_reviews::get(pool, args.review_id)
            .await?
            .ok_or_else(|| CoreError::not_found("review", args.review_id))?;
        if r.state != "in_review" {
            return Err(CoreError::refused(
                ErrorCode::AlreadyDecided,
                "N-6",
                "这条审核申请已有结论",
                "This request has been decided already",
                None,
            ));
        }
        let state = if args.approve { "approved" } else { "rejected" };
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        let checklist = serde_json::to_string(&args.checklist).unwrap_or_default();
        store::note_reviews::decide(&mut *tx, r.id, state, actor.user_id, &now, reason, &checklist).await?;
        store::notes::set_review_state(&mut *tx, r.note_row_id, state, None).await?;
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(r.enterprise_id),
                entity_type: "note",
                entity_id: r.note_id.clone(),
                action: if args.approve { "review_approved" } else { "review_rejected" },
                summary_zh: format!("笔记审核{}：{}", if args.approve { "通过" } else { "不通过" }, r.title),
                summary_en: format!("Note review {}: {}", if args.approve { "approved" } else { "rejected" }, r.title),
                reason: Some(reason),
                before: Some(json!({ "state": "in_review" })),
                after: Some(json!({ "state": state, "checklist": args.checklist })),
            },
        )
        .await?;
        tx.commit().await?;
        store::note_reviews::get(pool, r.id).await?.ok_or_else(|| CoreError::not_found("review", r.id))
    }

    async fn approved_note(&self, actor: &Actor, id: i64, action: (&str, &str)) -> CoreResult<QueueNote> {
        let n = store::note_queue::get(self.db.pool(), id).await?.ok_or_else(|| CoreError::not_found("note", id))?;
        actor.require_in(Permission::ManageNotes, n.enterprise_id)?;
        if n.review_state != "approved" {
            return Err(CoreError::refused(
                ErrorCode::NotApproved,
                "N-6",
                format!("只有审核通过的笔记才能{}", action.0),
                format!("Only approved notes can be {}", action.1),
                None,
            ));
        }
        Ok(n)
    }

    /// 内容加热: a boost order on an approved note (N-6, P-1).
    pub async fn boost_note(&self, actor: &Actor, args: BoostNoteArgs) -> CoreResult<BoostRow> {
        let n = self.approved_note(actor, args.note_row_id, ("加热", "boosted")).await?;
        if !(1..=10_000_000).contains(&args.budget_yuan) {
            return Err(CoreError::invalid(
                "budget_yuan",
                "预算应在 1 到 10,000,000 元之间",
                "Budget is ¥1 to ¥10,000,000",
            ));
        }
        if !(1..=30).contains(&args.days) {
            return Err(CoreError::invalid("days", "加热天数应在 1 到 30 天之间", "Boost for 1 to 30 days"));
        }
        if !BOOST_GOALS.contains(&args.goal.as_str()) {
            return Err(CoreError::invalid(
                "goal",
                "营销目标应为 产品种草、抢占赛道、商品销量 或 客资收集",
                "Goal must be one of the four P-1 goals",
            ));
        }
        let now = self.now_ts();
        let starts_on = self.clock.today().to_string();
        let mut tx = self.db.write().await?;
        let id = store::note_reviews::insert_boost(
            &mut *tx,
            &store::note_reviews::NewBoost {
                enterprise_id: n.enterprise_id,
                note_row_id: n.id,
                budget_yuan: args.budget_yuan,
                days: args.days,
                goal: &args.goal,
                starts_on: &starts_on,
                by: actor.user_id,
                at: &now,
            },
        )
        .await?;
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(n.enterprise_id),
                entity_type: "note",
                entity_id: n.note_id.clone(),
                action: "boosted",
                summary_zh: format!("内容加热 ¥{} × {} 天（{}）：{}", args.budget_yuan, args.days, args.goal, n.title),
                summary_en: format!("Boost ¥{} for {} days ({}): {}", args.budget_yuan, args.days, args.goal, n.title),
                reason: None,
                before: None,
                after: Some(
                    json!({ "boost_id": id, "budget_yuan": args.budget_yuan, "days": args.days, "goal": args.goal }),
                ),
            },
        )
        .await?;
        tx.commit().await?;
        let boosts = store::note_reviews::list_boosts(self.db.pool(), n.id).await?;
        boosts.into_iter().find(|b| b.id == id).ok_or_else(|| CoreError::not_found("boost", id))
    }

    /// 前往聚光: put an approved note on the 聚光 导购笔记 list (N-7). Sending twice keeps one entry.
    pub async fn send_to_juguang(&self, actor: &Actor, args: NoteArgs) -> CoreResult<Vec<JuguangRow>> {
        let n = self.approved_note(actor, args.note_row_id, ("前往聚光", "sent to Juguang")).await?;
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        if store::note_reviews::insert_juguang(&mut *tx, n.enterprise_id, n.id, actor.user_id, &now).await? {
            record(
                &mut tx,
                Some(actor.user_id),
                &now,
                Event {
                    enterprise_id: Some(n.enterprise_id),
                    entity_type: "note",
                    entity_id: n.note_id.clone(),
                    action: "sent_to_juguang",
                    summary_zh: format!("前往聚光：{}", n.title),
                    summary_en: format!("Sent to Juguang: {}", n.title),
                    reason: None,
                    before: None,
                    after: None,
                },
            )
            .await?;
        }
        tx.commit().await?;
        store::note_reviews::list_juguang(self.db.pool(), n.enterprise_id).await
    }

    /// The 聚光 导购笔记 list: only notes sent there (N-7).
    pub async fn list_juguang(&self, actor: &Actor, args: EnterpriseArgs) -> CoreResult<Vec<JuguangRow>> {
        actor.require_in(Permission::ViewNotes, args.enterprise_id)?;
        store::note_reviews::list_juguang(self.db.pool(), args.enterprise_id).await
    }

    /// 笔记详情: metrics, daily snapshots, review history, boosts.
    pub async fn note_detail(&self, actor: &Actor, args: NoteArgs) -> CoreResult<NoteDetail> {
        let pool = self.db.pool();
        let mut note = store::note_queue::get(pool, args.note_row_id)
            .await?
            .ok_or_else(|| CoreError::not_found("note", args.note_row_id))?;
        actor.require_in(Permission::ViewNotes, note.enterprise_id)?;
        self.marks(note.enterprise_id).await?.apply(&mut note);
        Ok(NoteDetail {
            rates: store::notes::get_rates(pool, note.id)
                .await?
                .ok_or_else(|| CoreError::not_found("note", note.id))?,
            snapshots: store::notes::list_snapshots(pool, note.id).await?,
            reviews: store::note_reviews::list_for_note(pool, note.id).await?,
            boosts: store::note_reviews::list_boosts(pool, note.id).await?,
            note,
        })
    }

    /// 数据中心 › 按笔记查看 (N-8): approved notes side by side, sortable.
    pub async fn data_center(&self, actor: &Actor, args: DataCenterArgs) -> CoreResult<DataCenterPage> {
        actor.require_in(Permission::ViewNotes, args.enterprise_id)?;
        let size = paging::page_size(args.page_size)?;
        let page = args.page.max(1);
        let pool = self.db.pool();
        let rows = store::note_queue::list_approved(
            pool,
            args.enterprise_id,
            data_sort_column(args.sort),
            args.desc,
            size,
            (page - 1) * size,
        )
        .await?;
        let total = store::note_queue::count_approved(pool, args.enterprise_id).await?;
        Ok(DataCenterPage { rows, total, page })
    }
}

pub fn data_sort_column(s: DataSort) -> &'static str {
    match s {
        DataSort::Published => "n.published_at",
        DataSort::Exposure => "n.exposure",
        DataSort::Reads => "n.reads",
        DataSort::Video5sRate => "n.video_5s_rate",
        DataSort::Image3sRate => "n.image_3s_rate",
        DataSort::AvgViewSecs => "n.avg_view_secs",
        DataSort::ReadUv => "n.read_uv",
        DataSort::VideoSecs => "n.video_secs",
    }
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct DataCenterPage {
    pub rows: Vec<DataCenterRow>,
    pub total: i64,
    pub page: u32,
}
