use crate::api::types::notes::{MonthCount, NoteRates, Snapshot};
#[cfg(feature = "pg")]
use sqlx::PgConnection;
use sqlx::SqliteConnection;

use super::ex::{Conn, Ex};

use crate::error::CoreResult;
use crate::store::raw::{RawConn, Statement, Step};
use crate::{on, on_conn};

pub struct NewNote<'a> {
    pub note_id: &'a str,
    pub account_id: i64,
    pub enterprise_id: Option<i64>,
    pub title: &'a str,
    pub note_type: &'a str,
    pub direction: Option<&'a str>,
    pub published_at: String,
    pub metrics: Metrics,
    pub avg_view_secs: Option<f64>,
    pub video_5s_rate: Option<f64>,
    pub image_3s_rate: Option<f64>,
    pub video_secs: Option<i64>,
    pub metrics_date: String,
}

/// Cumulative counters of a note on a date. `None` is unknown (the file did not give it), never 0: parts of
/// 互动量 given only as a total (`interactions_total`, I-1, I-2, I-3), and 阅读UV (derived by the platform).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    pub exposure: i64,
    pub reads: i64,
    pub likes: Option<i64>,
    pub collects: Option<i64>,
    pub comments: Option<i64>,
    /// 互动量 as the file gave it (`None`: the file had no such column)
    pub interactions_total: Option<i64>,
    pub shares: i64,
    pub follows_gained: i64,
    pub read_uv: Option<i64>,
}

/// All counters 0 and known.
impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            exposure: 0,
            reads: 0,
            likes: Some(0),
            collects: Some(0),
            comments: Some(0),
            interactions_total: None,
            shares: 0,
            follows_gained: 0,
            read_uv: Some(0),
        }
    }
}

impl Metrics {
    /// 点赞 + 收藏 + 评论 when all three are known.
    pub fn parts_sum(&self) -> Option<i64> {
        Some(self.likes? + self.collects? + self.comments?)
    }

    /// Interactions as the `interactions` column computes them: the parts' sum, else the stored total.
    pub fn interactions(&self) -> Option<i64> {
        self.parts_sum().or(self.interactions_total)
    }
}

// ---- issue 10 (N-1, I-1, I-2, I-3): the metric columns every write of notes and note_snapshots names, in
// ---- ONE place, in the order both binders bind them: `push_metrics` for the demo loader's multi-row
// ---- statements, `bind_metrics` for the import's prepared statements (store::raw)
pub const METRIC_COLUMNS: &str =
    "exposure, reads, likes, collects, comments, interactions_total, shares, follows_gained, read_uv";
/// `METRIC_COLUMNS` set from `excluded` (an UPSERT's update list)
const METRIC_FROM_EXCLUDED: &str = "exposure = excluded.exposure, reads = excluded.reads, likes = excluded.likes,
    collects = excluded.collects, comments = excluded.comments, interactions_total = excluded.interactions_total,
    shares = excluded.shares, follows_gained = excluded.follows_gained, read_uv = excluded.read_uv";
/// `METRIC_COLUMNS` as a row value, to compare with `excluded.…`
const METRIC_ROW: &str =
    "(exposure, reads, likes, collects, comments, interactions_total, shares, follows_gained, read_uv)";
const METRIC_ROW_EXCLUDED: &str = "(excluded.exposure, excluded.reads, excluded.likes, excluded.collects,
    excluded.comments, excluded.interactions_total, excluded.shares, excluded.follows_gained, excluded.read_uv)";

fn push_metrics<DB: sqlx::Database>(b: &mut sqlx::query_builder::Separated<'_, DB, &'static str>, m: &Metrics)
where
    for<'t> i64: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    for<'t> Option<i64>: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    b.push_bind(m.exposure)
        .push_bind(m.reads)
        .push_bind(m.likes)
        .push_bind(m.collects)
        .push_bind(m.comments)
        .push_bind(m.interactions_total)
        .push_bind(m.shares)
        .push_bind(m.follows_gained)
        .push_bind(m.read_uv);
}
/// Binds `METRIC_COLUMNS` to a prepared statement from parameter `first` on; returns the next parameter.
fn bind_metrics(stmt: &mut Statement<'_>, first: std::ffi::c_int, m: &Metrics) -> CoreResult<std::ffi::c_int> {
    stmt.bind_i64(first, m.exposure)?;
    stmt.bind_i64(first + 1, m.reads)?;
    stmt.bind_opt_i64(first + 2, m.likes)?;
    stmt.bind_opt_i64(first + 3, m.collects)?;
    stmt.bind_opt_i64(first + 4, m.comments)?;
    stmt.bind_opt_i64(first + 5, m.interactions_total)?;
    stmt.bind_i64(first + 6, m.shares)?;
    stmt.bind_i64(first + 7, m.follows_gained)?;
    stmt.bind_opt_i64(first + 8, m.read_uv)?;
    Ok(first + 9)
}
/// `METRIC_COLUMNS` as PostgreSQL arrays, one per column, for statements over `UNNEST` (the team store binds a
/// batch once instead of stepping a statement per row).
#[cfg(feature = "pg")]
#[derive(Default)]
struct MetricArrays {
    exposure: Vec<i64>,
    reads: Vec<i64>,
    likes: Vec<Option<i64>>,
    collects: Vec<Option<i64>>,
    comments: Vec<Option<i64>>,
    interactions_total: Vec<Option<i64>>,
    shares: Vec<i64>,
    follows_gained: Vec<i64>,
    read_uv: Vec<Option<i64>>,
}

#[cfg(feature = "pg")]
impl MetricArrays {
    fn push(&mut self, m: &Metrics) {
        self.exposure.push(m.exposure);
        self.reads.push(m.reads);
        self.likes.push(m.likes);
        self.collects.push(m.collects);
        self.comments.push(m.comments);
        self.interactions_total.push(m.interactions_total);
        self.shares.push(m.shares);
        self.follows_gained.push(m.follows_gained);
        self.read_uv.push(m.read_uv);
    }

    /// `$first::bigint[], …` for the nine columns.
    fn placeholders(first: usize) -> String {
        (first..first + 9).map(|i| format!("${i}::bigint[]")).collect::<Vec<_>>().join(", ")
    }

    /// The nine arrays bound in `METRIC_COLUMNS` order to a query or query_as (both have `bind`).
    fn bind_to<Q>(self, q: Q, bind: impl Fn(Q, Vec<i64>) -> Q, bind_opt: impl Fn(Q, Vec<Option<i64>>) -> Q) -> Q {
        let q = bind(q, self.exposure);
        let q = bind(q, self.reads);
        let q = bind_opt(q, self.likes);
        let q = bind_opt(q, self.collects);
        let q = bind_opt(q, self.comments);
        let q = bind_opt(q, self.interactions_total);
        let q = bind(q, self.shares);
        let q = bind(q, self.follows_gained);
        bind_opt(q, self.read_uv)
    }
}
// ---- end of the metric column list

/// Rows per statement when the team store binds a batch as arrays.
#[cfg(feature = "pg")]
const PG_ROWS_PER_STATEMENT: usize = 10_000;

/// Inserts a note; its author is the staff member bound to the account at publish time.
pub async fn insert(ex: impl Into<Ex<'_>>, n: &NewNote<'_>) -> CoreResult<i64> {
    let m = &n.metrics;
    Ok(on!(ex, |db| sqlx::query_scalar(
        // issue 10: the metric columns are METRIC_COLUMNS ($8..$16)
        "INSERT INTO notes (note_id, account_id, enterprise_id, title, note_type, direction, published_at,
                            exposure, reads, likes, collects, comments, interactions_total, shares, follows_gained,
                            read_uv, avg_view_secs, video_5s_rate, image_3s_rate, video_secs, metrics_date, staff_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
                 COALESCE((SELECT b.staff_id FROM bindings b
                           WHERE b.account_id = $2 AND b.enterprise_id = $3
                             AND b.effective_at IS NOT NULL AND b.effective_at <= $7
                             AND (b.ended_at IS NULL OR b.ended_at > $7)
                           ORDER BY b.effective_at DESC, b.id DESC LIMIT 1),
                          (SELECT a.owner_staff_id FROM xhs_accounts a WHERE a.id = $2)))
         RETURNING id",
    )
    .bind(n.note_id)
    .bind(n.account_id)
    .bind(n.enterprise_id)
    .bind(n.title)
    .bind(n.note_type)
    .bind(n.direction)
    .bind(&n.published_at)
    .bind(m.exposure)
    .bind(m.reads)
    .bind(m.likes)
    .bind(m.collects)
    .bind(m.comments)
    .bind(m.interactions_total)
    .bind(m.shares)
    .bind(m.follows_gained)
    .bind(m.read_uv)
    .bind(n.avg_view_secs)
    .bind(n.video_5s_rate)
    .bind(n.image_3s_rate)
    .bind(n.video_secs)
    .bind(&n.metrics_date)
    .fetch_one(db)
    .await)?)
}

/// Inserts daily snapshots in multi-row statements (SQLite allows 32,766 bound values per statement).
pub async fn insert_snapshots(ex: impl Into<Ex<'_>>, rows: &[(i64, String, Metrics)]) -> CoreResult<()> {
    const PER_STATEMENT: usize = 2_900; // 11 values each
    let mut ex = ex.into();
    for chunk in rows.chunks(PER_STATEMENT) {
        on!(&mut ex, |db| {
            // issue 10: METRIC_COLUMNS
            let mut qb =
                sqlx::QueryBuilder::new(format!("INSERT INTO note_snapshots (note_row_id, date, {METRIC_COLUMNS}) "));
            qb.push_values(chunk, |mut b, (note, date, m)| {
                b.push_bind(*note).push_bind(date.as_str());
                push_metrics(&mut b, m);
            });
            qb.build().execute(db).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

pub async fn count(ex: impl Into<Ex<'_>>, enterprise_id: Option<i64>) -> CoreResult<i64> {
    Ok(on!(ex, |db| sqlx::query_scalar("SELECT COUNT(*) FROM notes WHERE $1 IS NULL OR enterprise_id = $1")
        .bind(enterprise_id)
        .fetch_one(db)
        .await)?)
}

pub async fn count_snapshots(ex: impl Into<Ex<'_>>) -> CoreResult<i64> {
    Ok(on!(ex, |db| sqlx::query_scalar("SELECT COUNT(*) FROM note_snapshots").fetch_one(db).await)?)
}

/// What the queries read for [`MonthCount`], named by their columns; also the shape the counts are kept in
/// (`note_month_totals.months`, JSON), the store's own and not the UI's.
#[derive(sqlx::FromRow, serde::Serialize, serde::Deserialize)]
struct DbMonthCount {
    month: String,
    video: i64,
    image: i64,
    interactions: i64,
}

impl From<DbMonthCount> for MonthCount {
    fn from(r: DbMonthCount) -> Self {
        Self { month: r.month, video: r.video, image: r.image, interactions: r.interactions }
    }
}

pub async fn list_by_month(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<Vec<MonthCount>> {
    Ok(on!(ex, |db, d| {
        // the month in Asia/Shanghai (UTC+8, no daylight saving) of an ISO-8601 UTC time
        let month = match d {
            super::ex::Dialect::Sqlite => "strftime('%Y-%m', published_at, '+8 hours')",
            super::ex::Dialect::Postgres => {
                "to_char((published_at::timestamptz AT TIME ZONE 'UTC') + INTERVAL '8 hours', 'YYYY-MM')"
            }
        };
        sqlx::query_as::<_, DbMonthCount>(sqlx::AssertSqlSafe(format!(
            "SELECT {month} AS month,
                    COUNT(*) FILTER (WHERE note_type = 'video') AS video,
                    COUNT(*) FILTER (WHERE note_type = 'image') AS image,
                    CAST(COALESCE(SUM(interactions), 0) AS BIGINT) AS interactions
             FROM notes WHERE enterprise_id = $1
             GROUP BY month ORDER BY month"
        )))
        .bind(enterprise_id)
        .fetch_all(db)
        .await
    })?
    .into_iter()
    .map(MonthCount::from)
    .collect())
}

/// The brand's notes per month as kept when the notes were at `fresh` (issue 15 item 4: counting them reads
/// every note of the brand), or None when the notes have changed since, or nothing is kept.
pub async fn kept_by_month(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    fresh: &super::analytics::Freshness,
) -> CoreResult<Option<Vec<MonthCount>>> {
    let kept: Option<String> = on!(ex, |db| sqlx::query_scalar(
        "SELECT months FROM note_month_totals
         WHERE enterprise_id = $1 AND max_note_id = $2 AND import_rows = $3 AND max_import_id = $4",
    )
    .bind(enterprise_id)
    .bind(fresh.max_note_id)
    .bind(fresh.import_rows)
    .bind(fresh.max_import_id)
    .fetch_optional(db)
    .await)?;
    // a row this version cannot read is counted again, as a missing one
    Ok(kept
        .and_then(|json| serde_json::from_str::<Vec<DbMonthCount>>(&json).ok())
        .map(|months| months.into_iter().map(MonthCount::from).collect()))
}

/// Keeps the brand's notes per month as counted when the notes were at `fresh`, in place of the last count.
pub async fn keep_by_month(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    fresh: &super::analytics::Freshness,
    months: &[MonthCount],
    at: &str,
) -> CoreResult<()> {
    let kept: Vec<DbMonthCount> = months
        .iter()
        .map(|m| DbMonthCount { month: m.month.clone(), video: m.video, image: m.image, interactions: m.interactions })
        .collect();
    let json = serde_json::to_string(&kept).unwrap_or_else(|_| "[]".into());
    on!(ex, |db| sqlx::query(
        "INSERT INTO note_month_totals (enterprise_id, max_note_id, import_rows, max_import_id, months, counted_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (enterprise_id) DO UPDATE SET max_note_id = excluded.max_note_id,
             import_rows = excluded.import_rows, max_import_id = excluded.max_import_id,
             months = excluded.months, counted_at = excluded.counted_at",
    )
    .bind(enterprise_id)
    .bind(fresh.max_note_id)
    .bind(fresh.import_rows)
    .bind(fresh.max_import_id)
    .bind(&json)
    .bind(at)
    .execute(db)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// The queue indexes of migrations 0003 and 0015, as created there. A large import drops them, loads, and builds them
/// again (SQLite builds an index from sorted rows several times faster than it grows one row by row);
/// `ensure_queue_indexes` at open restores any an interrupted import left missing.
pub const QUEUE_INDEXES: &[(&str, &str)] = &[
    ("notes_q_published", "CREATE INDEX notes_q_published ON notes(enterprise_id, requested, published_at, id, note_type)"),
    (
        "notes_q_exposure",
        "CREATE INDEX notes_q_exposure ON notes(enterprise_id, requested, exposure, id, note_type, published_at)",
    ),
    // issue 10 item 6: the keyword scan reads its titles from here (migration 0015)
    (
        "notes_q_reads",
        "CREATE INDEX notes_q_reads ON notes(enterprise_id, requested, reads, id, note_type, published_at, title)",
    ),
    (
        "notes_q_interactions",
        "CREATE INDEX notes_q_interactions ON notes(enterprise_id, requested, interactions, id, note_type, published_at)",
    ),
    ("notes_by_staff", "CREATE INDEX notes_by_staff ON notes(staff_id, published_at)"),
];

pub async fn drop_queue_indexes(conn: &mut sqlx::SqliteConnection) -> CoreResult<()> {
    for (name, _) in QUEUE_INDEXES {
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP INDEX IF EXISTS {name}"))).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Creates the queue indexes that are missing; returns how many it built.
pub async fn ensure_queue_indexes(conn: &mut sqlx::SqliteConnection) -> CoreResult<usize> {
    let missing = missing_queue_indexes(conn).await?;
    build_queue_indexes(conn, &missing).await?;
    Ok(missing.len())
}

/// The queue indexes the database lacks now.
pub async fn missing_queue_indexes(conn: &mut sqlx::SqliteConnection) -> CoreResult<Vec<&'static str>> {
    let mut missing = Vec::new();
    for (name, _) in QUEUE_INDEXES {
        let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?")
            .bind(name)
            .fetch_one(&mut *conn)
            .await?;
        if exists == 0 {
            missing.push(*name);
        }
    }
    Ok(missing)
}

/// Builds the named queue indexes, each `IF NOT EXISTS` (SQLite leaves that clause out of the schema text,
/// so the rebuilt index reads as the migration made it): one that another connection built since it was
/// found missing is no error ("index … already exists", issue 11).
pub async fn build_queue_indexes(conn: &mut sqlx::SqliteConnection, names: &[&str]) -> CoreResult<()> {
    for (name, sql) in QUEUE_INDEXES.iter().filter(|(n, _)| names.contains(n)) {
        let idempotent = sql.replacen("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1);
        debug_assert!(idempotent.contains(name));
        sqlx::query(sqlx::AssertSqlSafe(idempotent)).execute(&mut *conn).await?;
    }
    Ok(())
}

/// What an import needs to know of a note already stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredNote {
    pub id: i64,
    pub note_id: String,
    pub enterprise_id: Option<i64>,
    pub metrics_date: String,
    pub exposure: i64,
    pub reads: i64,
    pub likes: Option<i64>,
    pub collects: Option<i64>,
    pub comments: Option<i64>,
    pub interactions_total: Option<i64>,
    pub shares: i64,
    pub follows_gained: i64,
    pub read_uv: Option<i64>,
}

impl StoredNote {
    pub fn metrics(&self) -> Metrics {
        Metrics {
            exposure: self.exposure,
            reads: self.reads,
            likes: self.likes,
            collects: self.collects,
            comments: self.comments,
            interactions_total: self.interactions_total,
            shares: self.shares,
            follows_gained: self.follows_gained,
            read_uv: self.read_uv,
        }
    }
}

/// The stored notes among `note_ids` (a batch of an import): one prepared lookup stepped per ID.
pub async fn list_by_note_ids(ex: impl Into<Ex<'_>>, note_ids: &[&str]) -> CoreResult<Vec<StoredNote>> {
    on_conn!(ex, |c| match c {
        Conn::Lite(conn) => lite_list_by_note_ids(conn, note_ids).await,
        #[cfg(feature = "pg")]
        Conn::Pg(conn) => pg_list_by_note_ids(conn, note_ids).await,
    })
}

#[cfg(feature = "pg")]
async fn pg_list_by_note_ids(conn: &mut PgConnection, note_ids: &[&str]) -> CoreResult<Vec<StoredNote>> {
    let mut out = Vec::with_capacity(note_ids.len());
    for chunk in note_ids.chunks(PG_ROWS_PER_STATEMENT) {
        let ids: Vec<&str> = chunk.to_vec();
        // issue 10: METRIC_COLUMNS
        out.extend(
            sqlx::query_as::<_, StoredNote>(sqlx::AssertSqlSafe(format!(
                "SELECT id, note_id, enterprise_id, metrics_date, {METRIC_COLUMNS} FROM notes WHERE note_id = ANY($1)"
            )))
            .bind(ids)
            .fetch_all(&mut *conn)
            .await?,
        );
    }
    Ok(out)
}

async fn lite_list_by_note_ids(conn: &mut SqliteConnection, note_ids: &[&str]) -> CoreResult<Vec<StoredNote>> {
    let mut handle = conn.lock_handle().await?;
    let raw = RawConn::new(&mut handle);
    // issue 10: METRIC_COLUMNS are columns 3..11
    let mut stmt = raw
        .prepare(&format!("SELECT id, enterprise_id, metrics_date, {METRIC_COLUMNS} FROM notes WHERE note_id = ?1"))?;
    let mut out = Vec::new();
    for id in note_ids {
        stmt.bind_text(1, id)?;
        let found = stmt.step();
        if let Ok(Step::Row) = found {
            out.push(StoredNote {
                id: stmt.column_i64(0),
                note_id: (*id).to_string(),
                enterprise_id: stmt.column_opt_i64(1),
                metrics_date: stmt.column_text(2),
                exposure: stmt.column_i64(3),
                reads: stmt.column_i64(4),
                likes: stmt.column_opt_i64(5),
                collects: stmt.column_opt_i64(6),
                comments: stmt.column_opt_i64(7),
                interactions_total: stmt.column_opt_i64(8),
                shares: stmt.column_i64(9),
                follows_gained: stmt.column_i64(10),
                read_uv: stmt.column_opt_i64(11),
            });
        }
        stmt.reset();
        found?;
    }
    Ok(out)
}

/// A note row to insert by an import: owned strings, one multi-row statement per chunk.
#[derive(Debug, Clone)]
pub struct ImportedNote {
    pub note_id: String,
    pub account_id: i64,
    pub enterprise_id: i64,
    pub staff_id: Option<i64>,
    pub title: String,
    pub note_type: &'static str,
    pub published_at: String,
    pub metrics: Metrics,
    pub avg_view_secs: Option<f64>,
    pub video_5s_rate: Option<f64>,
    pub image_3s_rate: Option<f64>,
    pub video_secs: Option<i64>,
    pub metrics_date: String,
}

/// The columns an import writes to a new note, in the order `bind_imported` binds them: a column added to
/// imported notes goes in both places, nowhere else (the counters are METRIC_COLUMNS, bound by bind_metrics).
fn imported_columns() -> String {
    format!(
        "note_id, account_id, enterprise_id, staff_id, title, note_type, published_at, {METRIC_COLUMNS},
         avg_view_secs, video_5s_rate, image_3s_rate, video_secs, metrics_date"
    )
}

fn bind_imported(stmt: &mut Statement<'_>, n: &ImportedNote) -> CoreResult<()> {
    stmt.bind_text(1, &n.note_id)?;
    stmt.bind_i64(2, n.account_id)?;
    stmt.bind_i64(3, n.enterprise_id)?;
    stmt.bind_opt_i64(4, n.staff_id)?;
    stmt.bind_text(5, &n.title)?;
    stmt.bind_text(6, n.note_type)?;
    stmt.bind_text(7, &n.published_at)?;
    let next = bind_metrics(stmt, 8, &n.metrics)?;
    stmt.bind_opt_f64(next, n.avg_view_secs)?;
    stmt.bind_opt_f64(next + 1, n.video_5s_rate)?;
    stmt.bind_opt_f64(next + 2, n.image_3s_rate)?;
    stmt.bind_opt_i64(next + 3, n.video_secs)?;
    stmt.bind_text(next + 4, &n.metrics_date)
}

/// Inserts new notes (one prepared statement stepped per row); returns their row ids in the same order.
pub async fn insert_many(ex: impl Into<Ex<'_>>, rows: &[ImportedNote]) -> CoreResult<Vec<i64>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    on_conn!(ex, |c| match c {
        Conn::Lite(conn) => lite_insert_many(conn, rows).await,
        #[cfg(feature = "pg")]
        Conn::Pg(conn) => pg_insert_many(conn, rows).await,
    })
}

#[cfg(feature = "pg")]
async fn pg_insert_many(conn: &mut PgConnection, rows: &[ImportedNote]) -> CoreResult<Vec<i64>> {
    let mut ids = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(PG_ROWS_PER_STATEMENT) {
        let (mut note_id, mut account, mut enterprise, mut staff, mut title, mut kind, mut published) =
            (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
        let mut metrics = MetricArrays::default();
        let (mut avg, mut v5, mut i3, mut vsecs, mut date) = (vec![], vec![], vec![], vec![], vec![]);
        for n in chunk {
            note_id.push(n.note_id.as_str());
            account.push(n.account_id);
            enterprise.push(n.enterprise_id);
            staff.push(n.staff_id);
            title.push(n.title.as_str());
            kind.push(n.note_type);
            published.push(n.published_at.as_str());
            metrics.push(&n.metrics);
            avg.push(n.avg_view_secs);
            v5.push(n.video_5s_rate);
            i3.push(n.image_3s_rate);
            vsecs.push(n.video_secs);
            date.push(n.metrics_date.as_str());
        }
        let sql = format!(
            "INSERT INTO notes ({}) SELECT * FROM UNNEST($1::text[], $2::bigint[], $3::bigint[], $4::bigint[],
                 $5::text[], $6::text[], $7::text[], {}, $17::float8[], $18::float8[], $19::float8[],
                 $20::bigint[], $21::text[])
             RETURNING id, note_id",
            imported_columns(),
            MetricArrays::placeholders(8)
        );
        let q = sqlx::query_as::<_, (i64, String)>(sqlx::AssertSqlSafe(sql))
            .bind(note_id)
            .bind(account)
            .bind(enterprise)
            .bind(staff)
            .bind(title)
            .bind(kind)
            .bind(published);
        let q =
            metrics.bind_to(q, |q, v| q.bind(v), |q, v| q.bind(v)).bind(avg).bind(v5).bind(i3).bind(vsecs).bind(date);
        // RETURNING promises no order: the ids go back to the rows by note ID (unique)
        let made: std::collections::HashMap<String, i64> =
            q.fetch_all(&mut *conn).await?.into_iter().map(|(id, note)| (note, id)).collect();
        for n in chunk {
            ids.push(made.get(&n.note_id).copied().ok_or_else(|| {
                sqlx::Error::Protocol(format!("note {} missing from the insert's RETURNING", n.note_id))
            })?);
        }
    }
    Ok(ids)
}

async fn lite_insert_many(conn: &mut SqliteConnection, rows: &[ImportedNote]) -> CoreResult<Vec<i64>> {
    let mut handle = conn.lock_handle().await?;
    let raw = RawConn::new(&mut handle);
    let columns = imported_columns();
    let params: Vec<String> = (1..=columns.split(',').count()).map(|i| format!("?{i}")).collect();
    let mut stmt = raw.prepare(&format!("INSERT INTO notes ({columns}) VALUES ({})", params.join(", ")))?;
    let mut ids = Vec::with_capacity(rows.len());
    for n in rows {
        bind_imported(&mut stmt, n)?;
        stmt.execute()?;
        ids.push(stmt.last_insert_rowid());
    }
    Ok(ids)
}

/// Moves notes' current metrics to a newer snapshot (never back to an older one); `rows` pairs a row id with
/// the note as imported, its metrics merged with the stored ones (a file without a column keeps what is
/// stored, issue 10). One prepared statement stepped per row.
pub async fn update_metrics(ex: impl Into<Ex<'_>>, rows: &[(i64, ImportedNote)]) -> CoreResult<u64> {
    if rows.is_empty() {
        return Ok(0);
    }
    on_conn!(ex, |c| match c {
        Conn::Lite(conn) => lite_update_metrics(conn, rows).await,
        #[cfg(feature = "pg")]
        Conn::Pg(conn) => pg_update_metrics(conn, rows).await,
    })
}

#[cfg(feature = "pg")]
async fn pg_update_metrics(conn: &mut PgConnection, rows: &[(i64, ImportedNote)]) -> CoreResult<u64> {
    let mut changed = 0;
    for chunk in rows.chunks(PG_ROWS_PER_STATEMENT) {
        let (mut ids, mut title, mut metrics) = (vec![], vec![], MetricArrays::default());
        let (mut avg, mut v5, mut i3, mut vsecs, mut date) = (vec![], vec![], vec![], vec![], vec![]);
        for (id, n) in chunk {
            ids.push(*id);
            title.push(n.title.as_str());
            metrics.push(&n.metrics);
            avg.push(n.avg_view_secs);
            v5.push(n.video_5s_rate);
            i3.push(n.image_3s_rate);
            vsecs.push(n.video_secs);
            date.push(n.metrics_date.as_str());
        }
        // METRIC_COLUMNS are $3..$11
        let sql = format!(
            "UPDATE notes n SET title = u.title, exposure = u.exposure, reads = u.reads, likes = u.likes,
                    collects = u.collects, comments = u.comments, interactions_total = u.interactions_total,
                    shares = u.shares, follows_gained = u.follows_gained, read_uv = u.read_uv,
                    avg_view_secs = COALESCE(u.avg_view_secs, n.avg_view_secs),
                    video_5s_rate = COALESCE(u.video_5s_rate, n.video_5s_rate),
                    image_3s_rate = COALESCE(u.image_3s_rate, n.image_3s_rate),
                    video_secs = COALESCE(u.video_secs, n.video_secs), metrics_date = u.metrics_date
             FROM UNNEST($1::bigint[], $2::text[], {}, $12::float8[], $13::float8[], $14::float8[],
                         $15::bigint[], $16::text[])
                  AS u(id, title, {METRIC_COLUMNS}, avg_view_secs, video_5s_rate, image_3s_rate, video_secs,
                       metrics_date)
             WHERE n.id = u.id AND n.metrics_date <= u.metrics_date",
            MetricArrays::placeholders(3)
        );
        let q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(ids).bind(title);
        let q =
            metrics.bind_to(q, |q, v| q.bind(v), |q, v| q.bind(v)).bind(avg).bind(v5).bind(i3).bind(vsecs).bind(date);
        changed += q.execute(&mut *conn).await?.rows_affected();
    }
    Ok(changed)
}

async fn lite_update_metrics(conn: &mut SqliteConnection, rows: &[(i64, ImportedNote)]) -> CoreResult<u64> {
    let mut handle = conn.lock_handle().await?;
    let raw = RawConn::new(&mut handle);
    // METRIC_COLUMNS are ?2..?10
    let mut stmt = raw.prepare(
        "UPDATE notes SET title = ?1, exposure = ?2, reads = ?3, likes = ?4, collects = ?5, comments = ?6,
                interactions_total = ?7, shares = ?8, follows_gained = ?9, read_uv = ?10,
                avg_view_secs = COALESCE(?11, avg_view_secs),
                video_5s_rate = COALESCE(?12, video_5s_rate), image_3s_rate = COALESCE(?13, image_3s_rate),
                video_secs = COALESCE(?14, video_secs), metrics_date = ?15
         WHERE id = ?16 AND metrics_date <= ?15",
    )?;
    let mut changed = 0;
    for (id, n) in rows {
        stmt.bind_text(1, &n.title)?;
        let next = bind_metrics(&mut stmt, 2, &n.metrics)?;
        stmt.bind_opt_f64(next, n.avg_view_secs)?;
        stmt.bind_opt_f64(next + 1, n.video_5s_rate)?;
        stmt.bind_opt_f64(next + 2, n.image_3s_rate)?;
        stmt.bind_opt_i64(next + 3, n.video_secs)?;
        stmt.bind_text(next + 4, &n.metrics_date)?;
        stmt.bind_i64(next + 5, *id)?;
        changed += stmt.execute()?;
    }
    Ok(changed)
}

/// Writes snapshots, replacing a same-day snapshot only when its numbers differ; returns rows changed.
pub async fn upsert_snapshots(ex: impl Into<Ex<'_>>, rows: &[(i64, String, Metrics)]) -> CoreResult<u64> {
    if rows.is_empty() {
        return Ok(0);
    }
    on_conn!(ex, |c| match c {
        Conn::Lite(conn) => lite_upsert_snapshots(conn, rows).await,
        #[cfg(feature = "pg")]
        Conn::Pg(conn) => pg_upsert_snapshots(conn, rows).await,
    })
}

#[cfg(feature = "pg")]
async fn pg_upsert_snapshots(conn: &mut PgConnection, rows: &[(i64, String, Metrics)]) -> CoreResult<u64> {
    // one statement may not touch a row twice: a (note, date) given twice keeps the last, as the rows stepped
    // one by one on SQLite do
    let mut last = std::collections::HashMap::with_capacity(rows.len());
    for (i, (note, date, _)) in rows.iter().enumerate() {
        last.insert((*note, date.as_str()), i);
    }
    let rows: Vec<&(i64, String, Metrics)> =
        rows.iter().enumerate().filter(|(i, r)| last.get(&(r.0, r.1.as_str())) == Some(i)).map(|(_, r)| r).collect();
    let mut changed = 0;
    for chunk in rows.chunks(PG_ROWS_PER_STATEMENT) {
        let (mut notes, mut dates, mut metrics) = (vec![], vec![], MetricArrays::default());
        for (note, date, m) in chunk {
            notes.push(*note);
            dates.push(date.as_str());
            metrics.push(m);
        }
        let stored: Vec<String> = METRIC_COLUMNS.split(',').map(|c| format!("s.{}", c.trim())).collect();
        // issue 10: METRIC_COLUMNS, and the same list in the conflict update and its change test
        let sql = format!(
            "INSERT INTO note_snapshots AS s (note_row_id, date, {METRIC_COLUMNS})
             SELECT * FROM UNNEST($1::bigint[], $2::text[], {})
             ON CONFLICT (note_row_id, date) DO UPDATE SET {METRIC_FROM_EXCLUDED}
             WHERE ({}) IS DISTINCT FROM {METRIC_ROW_EXCLUDED}",
            MetricArrays::placeholders(3),
            stored.join(", ")
        );
        let q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(notes).bind(dates);
        changed += metrics.bind_to(q, |q, v| q.bind(v), |q, v| q.bind(v)).execute(&mut *conn).await?.rows_affected();
    }
    Ok(changed)
}

async fn lite_upsert_snapshots(conn: &mut SqliteConnection, rows: &[(i64, String, Metrics)]) -> CoreResult<u64> {
    let mut handle = conn.lock_handle().await?;
    let raw = RawConn::new(&mut handle);
    // issue 10: METRIC_COLUMNS, and the same list in the conflict update and its change test
    let mut stmt = raw.prepare(&format!(
        "INSERT INTO note_snapshots (note_row_id, date, {METRIC_COLUMNS})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (note_row_id, date) DO UPDATE SET {METRIC_FROM_EXCLUDED}
         WHERE {METRIC_ROW} IS NOT {METRIC_ROW_EXCLUDED}"
    ))?;
    let mut changed = 0;
    for (note, date, m) in rows {
        stmt.bind_i64(1, *note)?;
        stmt.bind_text(2, date)?;
        bind_metrics(&mut stmt, 3, m)?;
        changed += stmt.execute()?;
    }
    Ok(changed)
}

/// What the queries read for [`Snapshot`], named by their columns.
#[derive(sqlx::FromRow)]
struct DbSnapshot {
    date: String,
    exposure: i64,
    reads: i64,
    likes: Option<i64>,
    collects: Option<i64>,
    comments: Option<i64>,
    interactions: Option<i64>,
    shares: i64,
    follows_gained: i64,
    read_uv: Option<i64>,
}

impl From<DbSnapshot> for Snapshot {
    fn from(r: DbSnapshot) -> Self {
        Self {
            date: r.date,
            exposure: r.exposure,
            reads: r.reads,
            likes: r.likes,
            collects: r.collects,
            comments: r.comments,
            interactions: r.interactions,
            shares: r.shares,
            follows_gained: r.follows_gained,
            read_uv: r.read_uv,
        }
    }
}

pub async fn list_snapshots(ex: impl Into<Ex<'_>>, note_row_id: i64) -> CoreResult<Vec<Snapshot>> {
    Ok(on!(ex, |db| sqlx::query_as::<_, DbSnapshot>(
        "SELECT date, exposure, reads, likes, collects, comments, interactions, shares, follows_gained, read_uv
         FROM note_snapshots WHERE note_row_id = $1 ORDER BY date",
    )
    .bind(note_row_id)
    .fetch_all(db)
    .await)?
    .into_iter()
    .map(Snapshot::from)
    .collect())
}

/// What the queries read for [`NoteRates`], named by their columns.
#[derive(sqlx::FromRow)]
struct DbNoteRates {
    follows_gained: i64,
    read_uv: Option<i64>,
    avg_view_secs: Option<f64>,
    video_5s_rate: Option<f64>,
    image_3s_rate: Option<f64>,
    video_secs: Option<i64>,
}

impl From<DbNoteRates> for NoteRates {
    fn from(r: DbNoteRates) -> Self {
        Self {
            follows_gained: r.follows_gained,
            read_uv: r.read_uv,
            avg_view_secs: r.avg_view_secs,
            video_5s_rate: r.video_5s_rate,
            image_3s_rate: r.image_3s_rate,
            video_secs: r.video_secs,
        }
    }
}

pub async fn get_rates(ex: impl Into<Ex<'_>>, id: i64) -> CoreResult<Option<NoteRates>> {
    Ok(on!(ex, |db| {
        sqlx::query_as::<_, DbNoteRates>(
        "SELECT follows_gained, read_uv, avg_view_secs, video_5s_rate, image_3s_rate, video_secs FROM notes WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
    })?.map(NoteRates::from))
}

/// Marks notes requested for review (N-5) at `at`.
pub async fn set_review_state(
    ex: impl Into<Ex<'_>>,
    id: i64,
    state: &str,
    requested_at: Option<&str>,
) -> CoreResult<()> {
    on!(ex, |db| sqlx::query(
        "UPDATE notes SET review_state = $1, requested = ($1 <> 'none'),
                review_requested_at = COALESCE($2, review_requested_at) WHERE id = $3",
    )
    .bind(state)
    .bind(requested_at)
    .bind(id)
    .execute(db)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
