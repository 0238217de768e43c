//! Reads behind the analytics column store (D-1, I-1..I-3): the cheap freshness key, the one query that
//! loads a brand's notes, and the small joins the boards and dashboards add to the columns.

use futures_util::TryStreamExt;
use sqlx::{Row, SqliteExecutor};

use crate::error::CoreResult;

/// What changes when a brand's notes may have changed: notes' metrics change only through imports (each
/// committed batch moves `import_rows`), new notes move `max_note_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct Freshness {
    pub max_note_id: i64,
    pub import_rows: i64,
    pub max_import_id: i64,
}

pub async fn freshness(ex: impl SqliteExecutor<'_>, enterprise_id: i64) -> CoreResult<Freshness> {
    Ok(sqlx::query_as(
        "SELECT COALESCE((SELECT MAX(id) FROM notes), 0) AS max_note_id,
                COALESCE(SUM(rows_done), 0) AS import_rows, COALESCE(MAX(id), 0) AS max_import_id
         FROM note_imports WHERE enterprise_id = ?",
    )
    .bind(enterprise_id)
    .fetch_one(ex)
    .await?)
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
    pub shares: i64,
    pub exposure: i64,
    pub reads: i64,
    pub video: bool,
    pub direction: Option<&'r str>,
}

/// Streams every note of the brand through `each`, in one query (a plain scan: the columns want them all).
pub async fn for_each_note(
    conn: &mut sqlx::SqliteConnection,
    enterprise_id: i64,
    mut each: impl FnMut(NoteFact<'_>),
) -> CoreResult<()> {
    let mut rows = sqlx::query(
        "SELECT id, note_id, account_id, staff_id, published_at, likes, collects, comments, shares, exposure, reads,
                note_type = 'video', direction
         FROM notes NOT INDEXED WHERE enterprise_id = ?",
    )
    .bind(enterprise_id)
    .fetch(conn);
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
            video: r.try_get::<i64, _>(11)? != 0,
            direction: r.try_get(12)?,
        });
    }
    Ok(())
}

/// The brand's staff ids, ascending (the column store's dense staff index).
pub async fn list_staff_ids(ex: impl SqliteExecutor<'_>, enterprise_id: i64) -> CoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar("SELECT id FROM staff WHERE enterprise_id = ? ORDER BY id")
        .bind(enterprise_id)
        .fetch_all(ex)
        .await?)
}

/// Notes and interactions summed per store from per-staff tallies `(staff_id, notes, interactions)`; the
/// top `limit` stores by notes, then interactions. The tallies travel as one JSON array, so only the
/// stores come back.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct StoreSum {
    pub store_id: i64,
    pub name: String,
    pub city: String,
    pub notes: i64,
    pub interactions: i64,
}

pub async fn sum_by_store(
    ex: impl SqliteExecutor<'_>,
    enterprise_id: i64,
    per_staff: &[(i64, i64, i64)],
    limit: i64,
) -> CoreResult<Vec<StoreSum>> {
    Ok(sqlx::query_as(
        "SELECT so.id AS store_id, so.name, so.city, SUM(json_extract(j.value, '$[1]')) AS notes,
                SUM(json_extract(j.value, '$[2]')) AS interactions
         FROM json_each(?2) j
         JOIN staff st ON st.id = json_extract(j.value, '$[0]') AND st.enterprise_id = ?1
         JOIN stores so ON so.id = st.store_id
         GROUP BY so.id ORDER BY notes DESC, interactions DESC, so.id LIMIT ?3",
    )
    .bind(enterprise_id)
    .bind(serde_json::to_string(per_staff).unwrap_or_else(|_| "[]".into()))
    .bind(limit)
    .fetch_all(ex)
    .await?)
}

/// Notes and interactions summed per 岗位 from per-account tallies `(account_id, notes, interactions)`: the
/// 岗位 of the account's latest binding to the brand that took effect ("" when it has none).
pub async fn sum_by_job_title(
    ex: impl SqliteExecutor<'_>,
    enterprise_id: i64,
    per_account: &[(i64, i64, i64)],
) -> CoreResult<Vec<(String, i64, i64)>> {
    Ok(sqlx::query_as(
        "WITH latest AS (
             SELECT account_id, job_title,
                    ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY effective_at DESC, id DESC) AS k
             FROM bindings WHERE enterprise_id = ?1 AND effective_at IS NOT NULL)
         SELECT COALESCE(l.job_title, '') AS title, SUM(json_extract(j.value, '$[1]')),
                SUM(json_extract(j.value, '$[2]'))
         FROM json_each(?2) j
         LEFT JOIN latest l ON l.account_id = json_extract(j.value, '$[0]') AND l.k = 1
         GROUP BY title",
    )
    .bind(enterprise_id)
    .bind(serde_json::to_string(per_account).unwrap_or_else(|_| "[]".into()))
    .fetch_all(ex)
    .await?)
}
