use serde::Serialize;
use specta::Type;
use sqlx::{QueryBuilder, Sqlite, SqliteExecutor};

use crate::error::CoreResult;

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

/// Cumulative counters of a note on a date.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Metrics {
    pub exposure: i64,
    pub reads: i64,
    pub likes: i64,
    pub collects: i64,
    pub comments: i64,
    pub shares: i64,
    pub follows_gained: i64,
    pub read_uv: i64,
}

pub async fn insert(ex: impl SqliteExecutor<'_>, n: &NewNote<'_>) -> CoreResult<i64> {
    let m = &n.metrics;
    Ok(sqlx::query_scalar(
        "INSERT INTO notes (note_id, account_id, enterprise_id, title, note_type, direction, published_at,
                            exposure, reads, likes, collects, comments, shares, follows_gained, read_uv,
                            avg_view_secs, video_5s_rate, image_3s_rate, video_secs, metrics_date)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
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
    .bind(m.shares)
    .bind(m.follows_gained)
    .bind(m.read_uv)
    .bind(n.avg_view_secs)
    .bind(n.video_5s_rate)
    .bind(n.image_3s_rate)
    .bind(n.video_secs)
    .bind(&n.metrics_date)
    .fetch_one(ex)
    .await?)
}

/// Inserts daily snapshots in multi-row statements (SQLite allows 32,766 bound values per statement).
pub async fn insert_snapshots(conn: &mut sqlx::SqliteConnection, rows: &[(i64, String, Metrics)]) -> CoreResult<()> {
    const PER_STATEMENT: usize = 3_000; // 10 values each
    for chunk in rows.chunks(PER_STATEMENT) {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO note_snapshots (note_row_id, date, exposure, reads, likes, collects, comments, shares,
                                         follows_gained, read_uv) ",
        );
        qb.push_values(chunk, |mut b, (note, date, m)| {
            b.push_bind(*note)
                .push_bind(date)
                .push_bind(m.exposure)
                .push_bind(m.reads)
                .push_bind(m.likes)
                .push_bind(m.collects)
                .push_bind(m.comments)
                .push_bind(m.shares)
                .push_bind(m.follows_gained)
                .push_bind(m.read_uv);
        });
        qb.build().execute(&mut *conn).await?;
    }
    Ok(())
}

pub async fn count(ex: impl SqliteExecutor<'_>, enterprise_id: Option<i64>) -> CoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM notes WHERE ?1 IS NULL OR enterprise_id = ?1")
        .bind(enterprise_id)
        .fetch_one(ex)
        .await?)
}

pub async fn count_snapshots(ex: impl SqliteExecutor<'_>) -> CoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM note_snapshots").fetch_one(ex).await?)
}

/// Notes published per month (Asia/Shanghai) by type, with their current interactions.
#[derive(Debug, Clone, Serialize, Type, sqlx::FromRow, PartialEq)]
pub struct MonthCount {
    /// "2026-06"
    pub month: String,
    pub video: i64,
    pub image: i64,
    pub interactions: i64,
}

pub async fn list_by_month(ex: impl SqliteExecutor<'_>, enterprise_id: i64) -> CoreResult<Vec<MonthCount>> {
    Ok(sqlx::query_as(
        "SELECT strftime('%Y-%m', published_at, '+8 hours') AS month,
                SUM(note_type = 'video') AS video, SUM(note_type = 'image') AS image,
                SUM(interactions) AS interactions
         FROM notes WHERE enterprise_id = ?
         GROUP BY month ORDER BY month",
    )
    .bind(enterprise_id)
    .fetch_all(ex)
    .await?)
}
