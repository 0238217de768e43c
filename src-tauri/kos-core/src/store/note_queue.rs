//! The note queue's one query (N-3, N-4, N-6): 待审核笔记 and the tabs of 已发起审核笔记, every filter and
//! sort, keyset pages with the row id as tie-breaker. Each filter × sort names the index it walks
//! (`INDEXED BY`), so the plan never depends on the planner's mood; `tests/note_plans.rs` asserts them.

use crate::api::types::notes::{DataCenterRow, QueueNote, TabCounts};

use super::ex::{Ex, Sql};
use crate::{bind_args, on};

use crate::error::CoreResult;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    /// 待审核笔记: never requested
    Queue,
    /// 已发起审核笔记, optionally one tab
    Requested(Option<&'static str>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Published,
    Exposure,
    Reads,
    Interactions,
    /// 发起审核时间 (已发起审核笔记 only)
    Requested,
}

impl SortKey {
    fn column(self) -> &'static str {
        match self {
            SortKey::Published => "n.published_at",
            SortKey::Exposure => "n.exposure",
            SortKey::Reads => "n.reads",
            SortKey::Interactions => "n.interactions",
            SortKey::Requested => "n.review_requested_at",
        }
    }

    fn index(self) -> &'static str {
        match self {
            SortKey::Published => "notes_q_published",
            SortKey::Exposure => "notes_q_exposure",
            SortKey::Reads => "notes_q_reads",
            SortKey::Interactions => "notes_q_interactions",
            SortKey::Requested => "notes_q_requested",
        }
    }

    pub fn is_text(self) -> bool {
        matches!(self, SortKey::Published | SortKey::Requested)
    }
}

/// The index a keyword's title scan reads (issue 10 item 6: the reads index carries the titles at its end, so
/// a large import builds no index of titles alone). It covers everything the scan tests: brand, lane, type,
/// publish time, row id and title.
pub const KEYWORD_INDEX: &str = "notes_q_reads";

/// The sort value of the last row of a page and its id.
#[derive(Debug, Clone, PartialEq)]
pub enum SortValue {
    Int(i64),
    Text(String),
}

#[derive(Debug, Clone, Default)]
pub struct NoteFilter {
    pub enterprise_id: i64,
    /// `instr(title, keyword)`: works for any length of Chinese word, no tokenizer
    pub keyword: Option<String>,
    /// staff whose name contains this
    pub staff_name: Option<String>,
    /// exact platform note ID
    pub note_id: Option<String>,
    /// [from, until) as stored timestamps
    pub published_from: Option<String>,
    pub published_until: Option<String>,
    pub note_type: Option<&'static str>,
    pub requested_from: Option<String>,
    pub requested_until: Option<String>,
}

pub struct PageQuery<'a> {
    pub lane: Lane,
    pub filter: &'a NoteFilter,
    pub sort: SortKey,
    pub desc: bool,
    pub after: Option<(SortValue, i64)>,
    pub limit: u32,
    pub offset: u32,
}

/// What the queries read for [`QueueNote`], named by their columns.
#[derive(sqlx::FromRow)]
struct DbQueueNote {
    id: i64,
    enterprise_id: i64,
    account_id: i64,
    note_id: String,
    title: String,
    note_type: String,
    direction: Option<String>,
    published_at: String,
    staff_id: Option<i64>,
    staff_name: Option<String>,
    xhs_id: String,
    nickname: String,
    exposure: i64,
    reads: i64,
    likes: Option<i64>,
    collects: Option<i64>,
    comments: Option<i64>,
    shares: i64,
    interactions: i64,
    parts_known: bool,
    metrics_date: String,
    review_state: String,
    review_requested_at: Option<String>,
    review_reason: Option<String>,
    boosts: i64,
    on_juguang: bool,
}

impl From<DbQueueNote> for QueueNote {
    fn from(r: DbQueueNote) -> Self {
        Self {
            id: r.id,
            enterprise_id: r.enterprise_id,
            account_id: r.account_id,
            note_id: r.note_id,
            title: r.title,
            note_type: r.note_type,
            direction: r.direction,
            published_at: r.published_at,
            staff_id: r.staff_id,
            staff_name: r.staff_name,
            xhs_id: r.xhs_id,
            nickname: r.nickname,
            exposure: r.exposure,
            reads: r.reads,
            likes: r.likes,
            collects: r.collects,
            comments: r.comments,
            shares: r.shares,
            interactions: r.interactions,
            parts_known: r.parts_known,
            metrics_date: r.metrics_date,
            review_state: r.review_state,
            review_requested_at: r.review_requested_at,
            review_reason: r.review_reason,
            boosts: r.boosts,
            on_juguang: r.on_juguang,
            priority: None,
            too_old: false,
        }
    }
}

const SELECT_ROW: &str = "SELECT n.id, COALESCE(n.enterprise_id, 0) AS enterprise_id, n.account_id, n.note_id, n.title, n.note_type, n.direction, n.published_at, n.staff_id,
        st.name AS staff_name, a.xhs_id, a.nickname, n.exposure, n.reads, n.likes, n.collects, n.comments,
        n.shares, n.interactions, (n.likes IS NOT NULL AND n.collects IS NOT NULL AND n.comments IS NOT NULL) AS parts_known,
        n.metrics_date, n.review_state, n.review_requested_at,
        CASE WHEN n.requested = TRUE THEN
            (SELECT r.reason FROM note_reviews r WHERE r.note_row_id = n.id ORDER BY r.id DESC LIMIT 1) END AS review_reason,
        CASE WHEN n.review_state = 'approved' THEN
            (SELECT COUNT(*) FROM note_boosts b WHERE b.note_row_id = n.id) ELSE 0 END AS boosts,
        CASE WHEN n.review_state = 'approved' THEN
            EXISTS (SELECT 1 FROM juguang_notes j WHERE j.note_row_id = n.id) ELSE FALSE END AS on_juguang
     FROM ";

/// Which index a query walks: the note ID's unique index, the author index, or the sort's own index.
pub fn index_for(filter: &NoteFilter, sort: SortKey) -> &'static str {
    if filter.note_id.is_some() {
        "sqlite_autoindex_notes_1"
    } else if filter.staff_name.is_some() {
        "notes_by_staff"
    } else {
        sort.index()
    }
}

fn push_filters(qb: &mut Sql, lane: Lane, f: &NoteFilter, sort: SortKey) {
    qb.push(" WHERE n.enterprise_id = ").push_bind(f.enterprise_id);
    if sort != SortKey::Requested {
        // the generated `requested` column leads every sort index after the brand
        qb.push(if lane == Lane::Queue { " AND n.requested = FALSE" } else { " AND n.requested = TRUE" });
    } else {
        qb.push(" AND n.review_requested_at IS NOT NULL");
    }
    if let Lane::Requested(Some(tab)) = lane {
        qb.push(" AND n.review_state = ").push_bind(tab);
    }
    if let Some(id) = &f.note_id {
        qb.push(" AND n.note_id = ").push_bind(id.clone());
    }
    if let Some(name) = &f.staff_name {
        qb.push(" AND n.staff_id IN (SELECT s.id FROM staff s WHERE s.enterprise_id = ")
            .push_bind(f.enterprise_id)
            .push(" AND instr(s.name, ")
            .push_bind(name.as_str())
            .push(") > 0)");
    }
    if let Some(t) = f.note_type {
        qb.push(" AND n.note_type = ").push_bind(t);
    }
    if let Some(t) = &f.published_from {
        qb.push(" AND n.published_at >= ").push_bind(t.clone());
    }
    if let Some(t) = &f.published_until {
        qb.push(" AND n.published_at < ").push_bind(t.clone());
    }
    if let Some(t) = &f.requested_from {
        qb.push(" AND n.review_requested_at >= ").push_bind(t.clone());
    }
    if let Some(t) = &f.requested_until {
        qb.push(" AND n.review_requested_at < ").push_bind(t.clone());
    }
    if let Some(k) = &f.keyword {
        // titles are read from the keyword index, not the table; the outer walk checks membership by row id
        qb.push(format!(" AND n.id IN (SELECT t.id FROM notes t INDEXED BY {KEYWORD_INDEX} WHERE t.enterprise_id = "))
            .push_bind(f.enterprise_id);
        if sort != SortKey::Requested {
            qb.push(if lane == Lane::Queue { " AND t.requested = FALSE" } else { " AND t.requested = TRUE" });
        }
        qb.push(" AND instr(t.title, ").push_bind(k.clone()).push(") > 0)");
    }
}

/// Builds the page query (also used by the plan tests and the bench).
pub fn page_query(q: &PageQuery<'_>) -> Sql {
    page_query_after("", q)
}

fn page_query_after(prefix: &str, q: &PageQuery<'_>) -> Sql {
    let index = index_for(q.filter, q.sort);
    let mut qb = Sql::new(format!("{prefix}{SELECT_ROW}"));
    qb.push(format!("notes n INDEXED BY {index}"));
    qb.push(" JOIN xhs_accounts a ON a.id = n.account_id LEFT JOIN staff st ON st.id = n.staff_id");
    push_filters(&mut qb, q.lane, q.filter, q.sort);
    let col = q.sort.column();
    let (cmp, dir) = if q.desc { ("<", "DESC") } else { (">", "ASC") };
    if let Some((value, id)) = &q.after {
        qb.push(format!(" AND ({col}, n.id) {cmp} ("));
        match value {
            SortValue::Int(v) => qb.push_bind(*v),
            SortValue::Text(v) => qb.push_bind(v.as_str()),
        };
        qb.push(", ").push_bind(*id).push(")");
    }
    qb.push(format!(" ORDER BY {col} {dir}, n.id {dir} LIMIT "));
    qb.push_bind(i64::from(q.limit));
    if q.offset > 0 {
        qb.push(" OFFSET ").push_bind(i64::from(q.offset));
    }
    qb
}

/// Builds the count of the same filter. 待审核笔记 counts on the publish-time index (it carries the type,
/// and date ranges seek), 已发起审核笔记 on the request index; a keyword counts straight from the keyword
/// index, which carries type and publish time too.
pub fn count_query(lane: Lane, f: &NoteFilter) -> Sql {
    count_query_after("", lane, f)
}

fn count_query_after(prefix: &str, lane: Lane, f: &NoteFilter) -> Sql {
    let sort = if lane == Lane::Queue { SortKey::Published } else { SortKey::Requested };
    if f.keyword.is_some() && f.note_id.is_none() && f.staff_name.is_none() {
        let mut inner = f.clone();
        let keyword = inner.keyword.take().unwrap_or_default();
        let mut qb = Sql::new(format!("{prefix}SELECT COUNT(*) FROM notes n INDEXED BY {KEYWORD_INDEX}"));
        push_filters(&mut qb, lane, &inner, SortKey::Published);
        qb.push(" AND instr(n.title, ").push_bind(keyword).push(") > 0");
        return qb;
    }
    let mut qb = Sql::new(format!("{prefix}SELECT COUNT(*) FROM notes n INDEXED BY {}", index_for(f, sort)));
    push_filters(&mut qb, lane, f, sort);
    qb
}

/// The plan SQLite follows for a page and for its count (`EXPLAIN QUERY PLAN` detail lines).
pub async fn explain(conn: &mut sqlx::SqliteConnection, q: &PageQuery<'_>) -> CoreResult<(Vec<String>, Vec<String>)> {
    let plan = |rows: Vec<(i64, i64, i64, String)>| rows.into_iter().map(|r| r.3).collect::<Vec<_>>();
    let page = page_query_after("EXPLAIN QUERY PLAN ", q);
    let page = bind_args!(sqlx::query_as(sqlx::AssertSqlSafe(page.text)), &page.args).fetch_all(&mut *conn).await?;
    let count = count_query_after("EXPLAIN QUERY PLAN ", q.lane, q.filter);
    let count = bind_args!(sqlx::query_as(sqlx::AssertSqlSafe(count.text)), &count.args).fetch_all(&mut *conn).await?;
    Ok((plan(page), plan(count)))
}

/// 跳至 a page on PostgreSQL (U-4): the offset is walked over the sort index alone (an index-only scan once
/// the table is vacuumed), and only the page's rows are read and joined. PostgreSQL's plain form joins every
/// skipped row first: page 500 took 34–42 ms at 1M notes, this one 2 ms (SQLite walks the offset on the index
/// by itself, and its plan tests keep the plain form).
fn page_query_offset_pg(q: &PageQuery<'_>) -> Sql {
    let col = q.sort.column();
    let dir = if q.desc { "DESC" } else { "ASC" };
    let mut qb = Sql::new(format!("{SELECT_ROW}notes n"));
    qb.push(" JOIN xhs_accounts a ON a.id = n.account_id LEFT JOIN staff st ON st.id = n.staff_id");
    qb.push(" WHERE n.id IN (SELECT n.id FROM notes n");
    push_filters(&mut qb, q.lane, q.filter, q.sort);
    qb.push(format!(" ORDER BY {col} {dir}, n.id {dir} LIMIT "));
    qb.push_bind(i64::from(q.limit));
    qb.push(" OFFSET ").push_bind(i64::from(q.offset));
    qb.push(format!(") ORDER BY {col} {dir}, n.id {dir}"));
    qb
}

pub async fn list_page(ex: impl Into<Ex<'_>>, q: &PageQuery<'_>) -> CoreResult<Vec<QueueNote>> {
    let plain = page_query(q);
    let by_ids = (q.offset > 0 && q.after.is_none()).then(|| page_query_offset_pg(q));
    Ok(on!(ex, |db, d| {
        let sql = match (&by_ids, d) {
            (Some(pg), crate::store::ex::Dialect::Postgres) => pg,
            _ => &plain,
        };
        bind_args!(sqlx::query_as::<_, DbQueueNote>(sqlx::AssertSqlSafe(d.sql(&sql.text))), &sql.args)
            .fetch_all(db)
            .await
    })?
    .into_iter()
    .map(QueueNote::from)
    .collect())
}

pub async fn count(ex: impl Into<Ex<'_>>, lane: Lane, f: &NoteFilter) -> CoreResult<i64> {
    let sql = count_query(lane, f);
    Ok(on!(ex, |db, d| bind_args!(sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(d.sql(&sql.text))), &sql.args)
        .fetch_one(db)
        .await)?)
}

/// Rows of the queue by row id, in the order of `ids` (a page the column store chose, N-3 keyword).
pub async fn list_by_ids(ex: impl Into<Ex<'_>>, ids: &[i64]) -> CoreResult<Vec<QueueNote>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{SELECT_ROW} notes n JOIN xhs_accounts a ON a.id = n.account_id LEFT JOIN staff st ON st.id = n.staff_id
         WHERE n.id IN (SELECT CAST(value AS BIGINT) FROM json_each($1))"
    );
    let ids_json = super::ex::json_list(ids);
    let mut rows: Vec<QueueNote> = on!(ex, |db, d| sqlx::query_as::<_, DbQueueNote>(sqlx::AssertSqlSafe(d.sql(&sql)))
        .bind(&ids_json)
        .fetch_all(db)
        .await)?
    .into_iter()
    .map(QueueNote::from)
    .collect();
    rows.sort_by_key(|n| ids.iter().position(|&id| id == n.id));
    Ok(rows)
}

/// The brand's notes requested for review whose title contains `keyword` (the keyword index's requested
/// range: bounded by the monthly quota).
pub async fn list_requested_with_keyword(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    keyword: &str,
) -> CoreResult<Vec<i64>> {
    let sql = format!(
        "SELECT id FROM notes INDEXED BY {KEYWORD_INDEX}
         WHERE enterprise_id = $1 AND requested = TRUE AND instr(title, $2) > 0"
    );
    Ok(on!(ex, |db, d| sqlx::query_scalar(sqlx::AssertSqlSafe(d.sql(&sql)))
        .bind(enterprise_id)
        .bind(keyword)
        .fetch_all(db)
        .await)?)
}

pub async fn tab_counts(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<TabCounts> {
    let (all, in_review, rejected, approved): (i64, i64, i64, i64) =
        on!(ex, |db, d| sqlx::query_as(sqlx::AssertSqlSafe(d.sql(
            "SELECT COUNT(*), COUNT(*) FILTER (WHERE review_state = 'in_review'),
                    COUNT(*) FILTER (WHERE review_state = 'rejected'), COUNT(*) FILTER (WHERE review_state = 'approved')
             FROM notes INDEXED BY notes_q_requested WHERE enterprise_id = $1 AND review_requested_at IS NOT NULL",
        )))
        .bind(enterprise_id)
        .fetch_one(db)
        .await)?;
    Ok(TabCounts { all, in_review, rejected, approved })
}

/// One note with its author, by row id.
pub async fn get(ex: impl Into<Ex<'_>>, id: i64) -> CoreResult<Option<QueueNote>> {
    Ok(on!(ex, |db, d| sqlx::query_as::<_, DbQueueNote>(sqlx::AssertSqlSafe(d.sql(&format!(
        "{SELECT_ROW} notes n JOIN xhs_accounts a ON a.id = n.account_id LEFT JOIN staff st ON st.id = n.staff_id
         WHERE n.id = $1"
    ))))
    .bind(id)
    .fetch_optional(db)
    .await)?
    .map(QueueNote::from))
}

/// What the queries read for [`DataCenterRow`], named by their columns.
#[derive(sqlx::FromRow)]
struct DbDataCenterRow {
    id: i64,
    note_id: String,
    title: String,
    note_type: String,
    published_at: String,
    staff_name: Option<String>,
    xhs_id: String,
    exposure: i64,
    reads: i64,
    interactions: i64,
    parts_known: bool,
    video_5s_rate: Option<f64>,
    image_3s_rate: Option<f64>,
    avg_view_secs: Option<f64>,
    read_uv: Option<i64>,
    video_secs: Option<i64>,
    order_source: String,
}

impl From<DbDataCenterRow> for DataCenterRow {
    fn from(r: DbDataCenterRow) -> Self {
        Self {
            id: r.id,
            note_id: r.note_id,
            title: r.title,
            note_type: r.note_type,
            published_at: r.published_at,
            staff_name: r.staff_name,
            xhs_id: r.xhs_id,
            exposure: r.exposure,
            reads: r.reads,
            interactions: r.interactions,
            parts_known: r.parts_known,
            video_5s_rate: r.video_5s_rate,
            image_3s_rate: r.image_3s_rate,
            avg_view_secs: r.avg_view_secs,
            read_uv: r.read_uv,
            video_secs: r.video_secs,
            order_source: r.order_source,
        }
    }
}

/// Approved notes ordered by `column` (one of the N-8 metrics); nulls last. Approved notes are bounded
/// by the monthly quota, so they are read through the request index and sorted.
pub async fn list_approved(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    column: &'static str,
    desc: bool,
    limit: u32,
    offset: u32,
) -> CoreResult<Vec<DataCenterRow>> {
    let dir = if desc { "DESC" } else { "ASC" };
    let sql = format!(
        "SELECT n.id, n.note_id, n.title, n.note_type, n.published_at, st.name AS staff_name, a.xhs_id,
                n.exposure, n.reads, n.interactions,
                (n.likes IS NOT NULL AND n.collects IS NOT NULL AND n.comments IS NOT NULL) AS parts_known,
                n.video_5s_rate, n.image_3s_rate, n.avg_view_secs, n.read_uv, n.video_secs,
                '用户授权' AS order_source
         FROM notes n INDEXED BY notes_q_requested LEFT JOIN staff st ON st.id = n.staff_id
         JOIN xhs_accounts a ON a.id = n.account_id
         WHERE n.enterprise_id = $1 AND n.review_requested_at IS NOT NULL AND n.review_state = 'approved'
         ORDER BY {column} IS NULL, {column} {dir}, n.id {dir} LIMIT $2 OFFSET $3"
    );
    Ok(on!(ex, |db, d| sqlx::query_as::<_, DbDataCenterRow>(sqlx::AssertSqlSafe(d.sql(&sql)))
        .bind(enterprise_id)
        .bind(i64::from(limit))
        .bind(i64::from(offset))
        .fetch_all(db)
        .await)?
    .into_iter()
    .map(DataCenterRow::from)
    .collect())
}

pub async fn count_approved(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<i64> {
    Ok(on!(ex, |db, d| sqlx::query_scalar(sqlx::AssertSqlSafe(d.sql(
        "SELECT COUNT(*) FROM notes INDEXED BY notes_q_requested
         WHERE enterprise_id = $1 AND review_requested_at IS NOT NULL AND review_state = 'approved'",
    )))
    .bind(enterprise_id)
    .fetch_one(db)
    .await)?)
}
