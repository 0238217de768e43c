//! Reads behind the analytics column store (D-1, I-1..I-3): the cheap freshness key, the one query that
//! loads a brand's notes, and the small joins the boards and dashboards add to the columns.

use futures_util::TryStreamExt;
use sqlx::Row;

use super::ex::Ex;
use crate::on;

use crate::error::CoreResult;

/// What changes when a brand's notes may have changed: notes' metrics change only through imports (each
/// committed batch moves `import_rows`), new notes move `max_note_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct Freshness {
    pub max_note_id: i64,
    pub import_rows: i64,
    pub max_import_id: i64,
}

pub async fn freshness(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<Freshness> {
    Ok(on!(ex, |db| sqlx::query_as(
        "SELECT COALESCE((SELECT MAX(id) FROM notes), 0) AS max_note_id,
                CAST(COALESCE(SUM(rows_done), 0) AS BIGINT) AS import_rows, COALESCE(MAX(id), 0) AS max_import_id
         FROM note_imports WHERE enterprise_id = $1",
    )
    .bind(enterprise_id)
    .fetch_one(db)
    .await)?)
}

/// One note as the column store keeps it, borrowed from the row being read.
#[derive(Debug, Clone, Copy)]
pub struct NoteFact<'r> {
    pub id: i64,
    pub note_id: &'r str,
    pub account_id: i64,
    pub staff_id: Option<i64>,
    pub published_at: &'r str,
    pub likes: i64,
    pub collects: i64,
    pub comments: i64,
    /// interactions given only as a total, less the known parts (issue 10)
    pub unsplit: i64,
    pub shares: i64,
    pub exposure: i64,
    pub reads: i64,
    pub video: bool,
    pub direction: Option<&'r str>,
    pub title: &'r str,
}

/// Streams every note of the brand through `each`, in one query (a plain scan: the columns want them all).
pub async fn for_each_note(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    mut each: impl FnMut(NoteFact<'_>),
) -> CoreResult<()> {
    on!(ex, |db, d| {
        let mut rows = sqlx::query(sqlx::AssertSqlSafe(d.sql(
            "SELECT id, note_id, account_id, staff_id, published_at, COALESCE(likes, 0), COALESCE(collects, 0),
                    COALESCE(comments, 0), shares, exposure, reads, note_type, direction,
                    MAX(0, COALESCE(interactions, 0) - COALESCE(likes, 0) - COALESCE(collects, 0) - COALESCE(comments, 0)),
                    title
             FROM notes NOT INDEXED WHERE enterprise_id = $1",
        )))
        .bind(enterprise_id)
        .fetch(db);
        while let Some(r) = rows.try_next().await? {
            each(NoteFact {
                id: r.try_get(0)?,
                note_id: r.try_get(1)?,
                account_id: r.try_get(2)?,
                staff_id: r.try_get(3)?,
                published_at: r.try_get(4)?,
                likes: r.try_get(5)?,
                collects: r.try_get(6)?,
                comments: r.try_get(7)?,
                shares: r.try_get(8)?,
                exposure: r.try_get(9)?,
                reads: r.try_get(10)?,
                video: r.try_get::<&str, _>(11)? == "video",
                direction: r.try_get(12)?,
                unsplit: r.try_get(13)?,
                title: r.try_get(14)?,
            });
        }
    });
    Ok(())
}

/// The brand's staff ids, ascending (the column store's dense staff index).
pub async fn list_staff_ids(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<Vec<i64>> {
    Ok(on!(ex, |db| sqlx::query_scalar("SELECT id FROM staff WHERE enterprise_id = $1 ORDER BY id")
        .bind(enterprise_id)
        .fetch_all(db)
        .await)?)
}

/// What changes when the brand's staff, stores or bindings may have changed: rows are only added to these
/// tables (a binding's 岗位 is fixed when it is created), so the highest ids are enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct DimsFreshness {
    pub max_staff_id: i64,
    pub max_store_id: i64,
    pub max_binding_id: i64,
}

pub async fn dims_freshness(ex: impl Into<Ex<'_>>) -> CoreResult<DimsFreshness> {
    Ok(on!(ex, |db| sqlx::query_as(
        "SELECT COALESCE((SELECT MAX(id) FROM staff), 0) AS max_staff_id,
                COALESCE((SELECT MAX(id) FROM stores), 0) AS max_store_id,
                COALESCE((SELECT MAX(id) FROM bindings), 0) AS max_binding_id",
    )
    .fetch_one(db)
    .await)?)
}

/// Staff id → store id of the brand's staff.
pub async fn list_staff_stores(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<Vec<(i64, i64)>> {
    Ok(on!(ex, |db| sqlx::query_as("SELECT id, store_id FROM staff WHERE enterprise_id = $1")
        .bind(enterprise_id)
        .fetch_all(db)
        .await)?)
}

/// The brand's stores: (id, name, city).
pub async fn list_stores(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<Vec<(i64, String, String)>> {
    Ok(on!(ex, |db| sqlx::query_as("SELECT id, name, city FROM stores WHERE enterprise_id = $1")
        .bind(enterprise_id)
        .fetch_all(db)
        .await)?)
}

/// Account id → the 岗位 of its latest binding to the brand, one row per account.
pub async fn list_account_titles(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<Vec<(i64, String)>> {
    Ok(on!(ex, |db| sqlx::query_as(
        "SELECT b.account_id, b.job_title FROM bindings b
         WHERE b.enterprise_id = $1
           AND b.id = (SELECT MAX(l.id) FROM bindings l WHERE l.account_id = b.account_id AND l.enterprise_id = $1)",
    )
    .bind(enterprise_id)
    .fetch_all(db)
    .await)?)
}
