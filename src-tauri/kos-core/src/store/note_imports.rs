//! Imports of platform export files (N-1): the job row, its rejected rows and the notes kept aside.

use crate::api::types::imports::{AsideRow, ImportRow, RejectRow};

use super::ex::{json_list, Ex};
use crate::error::CoreResult;
use crate::on;

/// What the queries read for [`ImportRow`], named by their columns.
#[derive(sqlx::FromRow)]
struct DbImportRow {
    id: i64,
    enterprise_id: i64,
    file_name: String,
    file_sha256: String,
    data_date: String,
    mapping_json: String,
    status: String,
    rows_total: i64,
    rows_done: i64,
    inserted: i64,
    updated: i64,
    unchanged: i64,
    rejected: i64,
    set_aside: i64,
    error: Option<String>,
    error_en: Option<String>,
    started_by_name: String,
    started_at: String,
    finished_at: Option<String>,
    #[sqlx(json)]
    unmapped: Vec<String>,
}

impl From<DbImportRow> for ImportRow {
    fn from(r: DbImportRow) -> Self {
        Self {
            id: r.id,
            enterprise_id: r.enterprise_id,
            file_name: r.file_name,
            file_sha256: r.file_sha256,
            data_date: r.data_date,
            mapping_json: r.mapping_json,
            status: r.status,
            rows_total: r.rows_total,
            rows_done: r.rows_done,
            inserted: r.inserted,
            updated: r.updated,
            unchanged: r.unchanged,
            rejected: r.rejected,
            set_aside: r.set_aside,
            error: r.error,
            error_en: r.error_en,
            started_by_name: r.started_by_name,
            started_at: r.started_at,
            finished_at: r.finished_at,
            unmapped: r.unmapped,
        }
    }
}

const SELECT: &str = "SELECT i.id, i.enterprise_id, i.file_name, i.file_sha256, i.data_date, i.mapping_json, i.status,
        i.rows_total, i.rows_done, i.inserted, i.updated, i.unchanged, i.rejected, i.set_aside, i.error,
        i.error_en, u.name AS started_by_name, i.started_at, i.finished_at, json(i.unmapped_json) AS unmapped
     FROM note_imports i JOIN users u ON u.id = i.started_by";

pub async fn get(ex: impl Into<Ex<'_>>, id: i64) -> CoreResult<Option<ImportRow>> {
    Ok(on!(ex, |db| sqlx::query_as::<_, DbImportRow>(sqlx::AssertSqlSafe(format!("{SELECT} WHERE i.id = $1")))
        .bind(id)
        .fetch_optional(db)
        .await)?
    .map(ImportRow::from))
}

pub async fn list(ex: impl Into<Ex<'_>>, enterprise_id: i64, limit: u32) -> CoreResult<Vec<ImportRow>> {
    Ok(on!(ex, |db| sqlx::query_as::<_, DbImportRow>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE i.enterprise_id = $1 ORDER BY i.id DESC LIMIT $2"
    )))
    .bind(enterprise_id)
    .bind(i64::from(limit))
    .fetch_all(db)
    .await)?
    .into_iter()
    .map(ImportRow::from)
    .collect())
}

/// The imports of the same file (any data date), newest first.
pub async fn list_same_file(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    sha256: &str,
    limit: u32,
) -> CoreResult<Vec<ImportRow>> {
    Ok(on!(ex, |db| sqlx::query_as::<_, DbImportRow>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE i.enterprise_id = $1 AND i.file_sha256 = $2 ORDER BY i.id DESC LIMIT $3"
    )))
    .bind(enterprise_id)
    .bind(sha256)
    .bind(i64::from(limit))
    .fetch_all(db)
    .await)?
    .into_iter()
    .map(ImportRow::from)
    .collect())
}

/// The latest import of the same file for the same data date, if any.
pub async fn find_same_file(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    sha256: &str,
    data_date: &str,
) -> CoreResult<Option<ImportRow>> {
    Ok(on!(ex, |db| sqlx::query_as::<_, DbImportRow>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE i.enterprise_id = $1 AND i.file_sha256 = $2 AND i.data_date = $3 ORDER BY i.id DESC LIMIT 1"
    )))
    .bind(enterprise_id)
    .bind(sha256)
    .bind(data_date)
    .fetch_optional(db)
    .await)?
    .map(ImportRow::from))
}

pub struct NewImport<'a> {
    pub enterprise_id: i64,
    pub file_name: &'a str,
    pub file_sha256: &'a str,
    pub data_date: &'a str,
    pub mapping_json: &'a str,
    /// issue 10: JSON array of the headers left unmapped
    pub unmapped_json: &'a str,
    pub rows_total: i64,
    pub by: i64,
    pub at: &'a str,
}

/// A lease on an import row: who runs it (a database opening's `instance`) and until when.
#[derive(Debug, Clone, Copy)]
pub struct Lease<'a> {
    pub owner: &'a str,
    /// the instant it lapses unless renewed (`ts`)
    pub until: &'a str,
}

/// A new import, `running` under `lease`.
pub async fn insert(ex: impl Into<Ex<'_>>, n: &NewImport<'_>, lease: Lease<'_>) -> CoreResult<i64> {
    Ok(on!(ex, |db| sqlx::query_scalar(
        "INSERT INTO note_imports (enterprise_id, file_name, file_sha256, data_date, mapping_json, unmapped_json,
                                   status, rows_total, started_by, started_at, lease_owner, lease_until)
         VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(n.enterprise_id)
    .bind(n.file_name)
    .bind(n.file_sha256)
    .bind(n.data_date)
    .bind(n.mapping_json)
    .bind(n.unmapped_json)
    .bind(n.rows_total)
    .bind(n.by)
    .bind(n.at)
    .bind(lease.owner)
    .bind(lease.until)
    .fetch_one(db)
    .await)?)
}

/// Whether the import's lease is live at `now` (someone runs it).
pub async fn lease_live(ex: impl Into<Ex<'_>>, id: i64, now: &str) -> CoreResult<bool> {
    Ok(on!(ex, |db| sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM note_imports WHERE id = $1 AND status = 'running' AND lease_until > $2)"
    )
    .bind(id)
    .bind(now)
    .fetch_one(db)
    .await)?)
}

/// Whether any import holds a live lease at `now` (a large one may have dropped the queue indexes).
pub async fn any_lease_live(ex: impl Into<Ex<'_>>, now: &str) -> CoreResult<bool> {
    Ok(on!(ex, |db| sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM note_imports WHERE status = 'running' AND lease_until > $1)"
    )
    .bind(now)
    .fetch_one(db)
    .await)?)
}

/// Counters of a committed batch.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct BatchCounts {
    pub rows_done: i64,
    pub inserted: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub rejected: i64,
    pub set_aside: i64,
}

/// Adds a batch's counters; `rows_done` is the new high-water mark (in the batch's own transaction), and
/// renews the lease. Only the lease's owner may: `false` (nothing written) when another process owns the
/// import now, and the caller must roll its batch back.
pub async fn add_batch(ex: impl Into<Ex<'_>>, id: i64, c: &BatchCounts, lease: Lease<'_>) -> CoreResult<bool> {
    Ok(on!(ex, |db| sqlx::query(
        "UPDATE note_imports SET rows_done = $1, inserted = inserted + $2, updated = updated + $3,
                unchanged = unchanged + $4, rejected = rejected + $5, set_aside = set_aside + $6, lease_until = $7
         WHERE id = $8 AND status = 'running' AND lease_owner = $9",
    )
    .bind(c.rows_done)
    .bind(c.inserted)
    .bind(c.updated)
    .bind(c.unchanged)
    .bind(c.rejected)
    .bind(c.set_aside)
    .bind(lease.until)
    .bind(id)
    .bind(lease.owner)
    .execute(db)
    .await
    .map(|r| r.rows_affected()))?
        == 1)
}

/// Renews the lease while the import runs; `false` when it is no longer this owner's.
pub async fn renew(ex: impl Into<Ex<'_>>, id: i64, lease: Lease<'_>) -> CoreResult<bool> {
    Ok(on!(ex, |db| sqlx::query(
        "UPDATE note_imports SET lease_until = $1 WHERE id = $2 AND status = 'running' AND lease_owner = $3"
    )
    .bind(lease.until)
    .bind(id)
    .bind(lease.owner)
    .execute(db)
    .await
    .map(|r| r.rows_affected()))?
        == 1)
}

/// Resumes a cancelled, failed or abandoned import under a new lease: running again, same counters. In
/// one statement, and only if nobody holds a live lease on it at `now`: `false` when someone does.
pub async fn claim(ex: impl Into<Ex<'_>>, id: i64, by: i64, now: &str, lease: Lease<'_>) -> CoreResult<bool> {
    Ok(on!(ex, |db| sqlx::query(
        "UPDATE note_imports SET status = 'running', error = NULL, error_en = NULL, finished_at = NULL,
                started_by = $1, lease_owner = $2, lease_until = $3
         WHERE id = $4 AND status != 'done'
           AND (status != 'running' OR lease_until IS NULL OR lease_until <= $5)",
    )
    .bind(by)
    .bind(lease.owner)
    .bind(lease.until)
    .bind(id)
    .bind(now)
    .execute(db)
    .await
    .map(|r| r.rows_affected()))?
        == 1)
}

/// Ends an import and lets go of its lease; `error`: why it failed, (Chinese, English). Only the lease's
/// owner may (`false`: another process owns it now and decides how it ends).
pub async fn finish(
    ex: impl Into<Ex<'_>>,
    id: i64,
    owner: &str,
    status: &str,
    error: Option<(&str, &str)>,
    at: &str,
) -> CoreResult<bool> {
    Ok(on!(ex, |db| sqlx::query(
        "UPDATE note_imports SET status = $1, error = $2, error_en = $3, finished_at = $4, lease_owner = NULL,
                lease_until = NULL
         WHERE id = $5 AND status = 'running' AND lease_owner = $6",
    )
    .bind(status)
    .bind(error.map(|e| e.0))
    .bind(error.map(|e| e.1))
    .bind(at)
    .bind(id)
    .bind(owner)
    .execute(db)
    .await
    .map(|r| r.rows_affected()))?
        == 1)
}

/// Issue 15 item 3: the file name of the newest note import cut off part-way (failed with rows committed and
/// rows left) since `since`, that no later import of the same file and date replaced: it can be resumed.
pub async fn newest_resumable(ex: impl Into<Ex<'_>>, since: &str) -> CoreResult<Option<String>> {
    Ok(on!(ex, |db| sqlx::query_scalar(
        "SELECT i.file_name FROM note_imports i
         WHERE i.status = 'failed' AND i.rows_done > 0 AND i.rows_done < i.rows_total AND i.finished_at >= $1
           AND NOT EXISTS (SELECT 1 FROM note_imports j WHERE j.enterprise_id = i.enterprise_id
                           AND j.file_sha256 = i.file_sha256 AND j.data_date = i.data_date AND j.id > i.id)
         ORDER BY i.id DESC LIMIT 1",
    )
    .bind(since)
    .fetch_optional(db)
    .await)?)
}

/// Imports left `running` by a process that ended (crash, power loss): marked failed so they can resume.
/// Only those whose lease lapsed before `now`, or whose owner is one of `dead_owners` (earlier holders of the
/// database, which have ended); an import whose lease is live belongs to a running process and is left alone.
pub async fn fail_abandoned(ex: impl Into<Ex<'_>>, at: &str, dead_owners: &[String]) -> CoreResult<u64> {
    Ok(on!(ex, |db, d| sqlx::query(sqlx::AssertSqlSafe(d.sql(
        "UPDATE note_imports SET status = 'failed', error = '导入中断（程序退出）：重新导入同一文件会从中断处继续',
                error_en = 'Import interrupted (the program ended): importing the same file again resumes',
                finished_at = $1, lease_owner = NULL, lease_until = NULL
         WHERE status = 'running'
           AND (lease_until IS NULL OR lease_until <= $2 OR lease_owner IN (SELECT value FROM json_each($3)))",
    )))
    .bind(at)
    .bind(at)
    .bind(json_list(dead_owners))
    .execute(db)
    .await
    .map(|r| r.rows_affected()))?)
}

/// A rejected row of the report.
/// A line's last row wins (what a re-run of the same batch writes): one statement may not touch a row twice on
/// PostgreSQL's `ON CONFLICT … DO UPDATE`.
fn last_per_line<T: Clone>(rows: &[T], line: impl Fn(&T) -> i64) -> Vec<T> {
    let mut last = std::collections::HashMap::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        last.insert(line(r), i);
    }
    rows.iter().enumerate().filter(|(i, r)| last.get(&line(r)) == Some(i)).map(|(_, r)| r.clone()).collect()
}

/// What the queries read for [`RejectRow`], named by their columns.
#[derive(sqlx::FromRow)]
struct DbRejectRow {
    line: i64,
    column_name: Option<String>,
    reason: String,
    reason_en: String,
}

impl From<DbRejectRow> for RejectRow {
    fn from(r: DbRejectRow) -> Self {
        Self { line: r.line, column_name: r.column_name, reason: r.reason, reason_en: r.reason_en }
    }
}

pub async fn insert_rejects(ex: impl Into<Ex<'_>>, import_id: i64, rows: &[RejectRow]) -> CoreResult<()> {
    let mut ex = ex.into();
    let rows = last_per_line(rows, |r| r.line);
    for chunk in rows.chunks(5_000) {
        on!(&mut ex, |db| {
            let mut qb = sqlx::QueryBuilder::new(
                "INSERT INTO note_import_rejects (import_id, line, column_name, reason, reason_en) ",
            );
            qb.push_values(chunk, |mut b, r| {
                b.push_bind(import_id)
                    .push_bind(r.line)
                    .push_bind(r.column_name.as_deref())
                    .push_bind(r.reason.as_str())
                    .push_bind(r.reason_en.as_str());
            });
            qb.push(" ON CONFLICT (import_id, line) DO UPDATE SET column_name = excluded.column_name, reason = excluded.reason, reason_en = excluded.reason_en");
            qb.build().execute(db).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

pub async fn list_rejects(ex: impl Into<Ex<'_>>, import_id: i64, limit: u32) -> CoreResult<Vec<RejectRow>> {
    Ok(on!(ex, |db| {
        sqlx::query_as::<_, DbRejectRow>(
        "SELECT line, column_name, reason, reason_en FROM note_import_rejects WHERE import_id = $1 ORDER BY line LIMIT $2",
    )
    .bind(import_id)
    .bind(i64::from(limit))
    .fetch_all(db).await
    })?.into_iter().map(RejectRow::from).collect())
}

/// What the queries read for [`AsideRow`], named by their columns.
#[derive(sqlx::FromRow)]
struct DbAsideRow {
    line: i64,
    note_id: String,
    xhs_id: String,
    title: String,
    published_at: String,
    reason: String,
}

impl From<DbAsideRow> for AsideRow {
    fn from(r: DbAsideRow) -> Self {
        Self {
            line: r.line,
            note_id: r.note_id,
            xhs_id: r.xhs_id,
            title: r.title,
            published_at: r.published_at,
            reason: r.reason,
        }
    }
}

pub async fn insert_aside(ex: impl Into<Ex<'_>>, import_id: i64, rows: &[AsideRow]) -> CoreResult<()> {
    let mut ex = ex.into();
    let rows = last_per_line(rows, |r| r.line);
    for chunk in rows.chunks(4_000) {
        on!(&mut ex, |db| {
            let mut qb = sqlx::QueryBuilder::new(
                "INSERT INTO note_import_aside (import_id, line, note_id, xhs_id, title, published_at, reason) ",
            );
            qb.push_values(chunk, |mut b, r| {
                b.push_bind(import_id)
                    .push_bind(r.line)
                    .push_bind(r.note_id.as_str())
                    .push_bind(r.xhs_id.as_str())
                    .push_bind(r.title.as_str())
                    .push_bind(r.published_at.as_str())
                    .push_bind(r.reason.as_str());
            });
            qb.push(" ON CONFLICT (import_id, line) DO UPDATE SET note_id = excluded.note_id, xhs_id = excluded.xhs_id, title = excluded.title, published_at = excluded.published_at, reason = excluded.reason");
            qb.build().execute(db).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

pub async fn list_aside(ex: impl Into<Ex<'_>>, import_id: i64, limit: u32) -> CoreResult<Vec<AsideRow>> {
    Ok(on!(ex, |db| sqlx::query_as::<_, DbAsideRow>(
        "SELECT line, note_id, xhs_id, title, published_at, reason FROM note_import_aside
         WHERE import_id = $1 ORDER BY line LIMIT $2",
    )
    .bind(import_id)
    .bind(i64::from(limit))
    .fetch_all(db)
    .await)?
    .into_iter()
    .map(AsideRow::from)
    .collect())
}
