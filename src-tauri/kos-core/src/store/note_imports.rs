//! Imports of platform export files (N-1): the job row, its rejected rows and the notes kept aside.

use serde::Serialize;
use specta::Type;
use sqlx::{QueryBuilder, Sqlite, SqliteExecutor};

use super::ex::json_list;
use crate::error::CoreResult;

/// An import as the screen shows it.
#[derive(Debug, Clone, Serialize, Type, sqlx::FromRow, PartialEq)]
pub struct ImportRow {
    pub id: i64,
    pub enterprise_id: i64,
    pub file_name: String,
    pub file_sha256: String,
    pub data_date: String,
    pub mapping_json: String,
    /// running | done | cancelled | failed
    pub status: String,
    pub rows_total: i64,
    /// data rows committed so far (a re-run resumes after them)
    pub rows_done: i64,
    pub inserted: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub rejected: i64,
    pub set_aside: i64,
    /// why it failed, in Chinese and English
    pub error: Option<String>,
    pub error_en: Option<String>,
    pub started_by_name: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    /// N-1: the file's columns no field was mapped to (their data was ignored), as headers
    #[sqlx(json)]
    pub unmapped: Vec<String>,
}

const SELECT: &str = "SELECT i.id, i.enterprise_id, i.file_name, i.file_sha256, i.data_date, i.mapping_json, i.status,
        i.rows_total, i.rows_done, i.inserted, i.updated, i.unchanged, i.rejected, i.set_aside, i.error,
        i.error_en, u.name AS started_by_name, i.started_at, i.finished_at, i.unmapped_json AS unmapped
     FROM note_imports i JOIN users u ON u.id = i.started_by";

pub async fn get(ex: impl SqliteExecutor<'_>, id: i64) -> CoreResult<Option<ImportRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE i.id = ?"))).bind(id).fetch_optional(ex).await?)
}

pub async fn list(ex: impl SqliteExecutor<'_>, enterprise_id: i64, limit: u32) -> CoreResult<Vec<ImportRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE i.enterprise_id = ? ORDER BY i.id DESC LIMIT ?")))
        .bind(enterprise_id)
        .bind(i64::from(limit))
        .fetch_all(ex)
        .await?)
}

/// The imports of the same file (any data date), newest first.
pub async fn list_same_file(
    ex: impl SqliteExecutor<'_>,
    enterprise_id: i64,
    sha256: &str,
    limit: u32,
) -> CoreResult<Vec<ImportRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE i.enterprise_id = ? AND i.file_sha256 = ? ORDER BY i.id DESC LIMIT ?"
    )))
    .bind(enterprise_id)
    .bind(sha256)
    .bind(i64::from(limit))
    .fetch_all(ex)
    .await?)
}

/// The latest import of the same file for the same data date, if any.
pub async fn find_same_file(
    ex: impl SqliteExecutor<'_>,
    enterprise_id: i64,
    sha256: &str,
    data_date: &str,
) -> CoreResult<Option<ImportRow>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE i.enterprise_id = ? AND i.file_sha256 = ? AND i.data_date = ? ORDER BY i.id DESC LIMIT 1"
    )))
    .bind(enterprise_id)
    .bind(sha256)
    .bind(data_date)
    .fetch_optional(ex)
    .await?)
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
pub async fn insert(ex: impl SqliteExecutor<'_>, n: &NewImport<'_>, lease: Lease<'_>) -> CoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO note_imports (enterprise_id, file_name, file_sha256, data_date, mapping_json, unmapped_json,
                                   status, rows_total, started_by, started_at, lease_owner, lease_until)
         VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?) RETURNING id",
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
    .fetch_one(ex)
    .await?)
}

/// Whether the import's lease is live at `now` (someone runs it).
pub async fn lease_live(ex: impl SqliteExecutor<'_>, id: i64, now: &str) -> CoreResult<bool> {
    let live: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM note_imports WHERE id = ? AND status = 'running' AND lease_until > ?")
            .bind(id)
            .bind(now)
            .fetch_optional(ex)
            .await?;
    Ok(live.is_some())
}

/// Whether any import holds a live lease at `now` (a large one may have dropped the queue indexes).
pub async fn any_lease_live(ex: impl SqliteExecutor<'_>, now: &str) -> CoreResult<bool> {
    let live: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM note_imports WHERE status = 'running' AND lease_until > ? LIMIT 1")
            .bind(now)
            .fetch_optional(ex)
            .await?;
    Ok(live.is_some())
}

/// Counters of a committed batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Type)]
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
pub async fn add_batch(ex: impl SqliteExecutor<'_>, id: i64, c: &BatchCounts, lease: Lease<'_>) -> CoreResult<bool> {
    Ok(sqlx::query(
        "UPDATE note_imports SET rows_done = ?, inserted = inserted + ?, updated = updated + ?,
                unchanged = unchanged + ?, rejected = rejected + ?, set_aside = set_aside + ?, lease_until = ?
         WHERE id = ? AND status = 'running' AND lease_owner = ?",
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
    .execute(ex)
    .await?
    .rows_affected()
        == 1)
}

/// Renews the lease while the import runs; `false` when it is no longer this owner's.
pub async fn renew(ex: impl SqliteExecutor<'_>, id: i64, lease: Lease<'_>) -> CoreResult<bool> {
    Ok(sqlx::query("UPDATE note_imports SET lease_until = ? WHERE id = ? AND status = 'running' AND lease_owner = ?")
        .bind(lease.until)
        .bind(id)
        .bind(lease.owner)
        .execute(ex)
        .await?
        .rows_affected()
        == 1)
}

/// Resumes a cancelled, failed or abandoned import under a new lease: running again, same counters. In
/// one statement, and only if nobody holds a live lease on it at `now`: `false` when someone does.
pub async fn claim(ex: impl SqliteExecutor<'_>, id: i64, by: i64, now: &str, lease: Lease<'_>) -> CoreResult<bool> {
    Ok(sqlx::query(
        "UPDATE note_imports SET status = 'running', error = NULL, error_en = NULL, finished_at = NULL,
                started_by = ?, lease_owner = ?, lease_until = ?
         WHERE id = ? AND status != 'done'
           AND (status != 'running' OR lease_until IS NULL OR lease_until <= ?)",
    )
    .bind(by)
    .bind(lease.owner)
    .bind(lease.until)
    .bind(id)
    .bind(now)
    .execute(ex)
    .await?
    .rows_affected()
        == 1)
}

/// Ends an import and lets go of its lease; `error`: why it failed, (Chinese, English). Only the lease's
/// owner may (`false`: another process owns it now and decides how it ends).
pub async fn finish(
    ex: impl SqliteExecutor<'_>,
    id: i64,
    owner: &str,
    status: &str,
    error: Option<(&str, &str)>,
    at: &str,
) -> CoreResult<bool> {
    Ok(sqlx::query(
        "UPDATE note_imports SET status = ?, error = ?, error_en = ?, finished_at = ?, lease_owner = NULL,
                lease_until = NULL
         WHERE id = ? AND status = 'running' AND lease_owner = ?",
    )
    .bind(status)
    .bind(error.map(|e| e.0))
    .bind(error.map(|e| e.1))
    .bind(at)
    .bind(id)
    .bind(owner)
    .execute(ex)
    .await?
    .rows_affected()
        == 1)
}

/// Imports left `running` by a process that ended (crash, power loss): marked failed so they can resume.
/// Only those whose lease lapsed before `now`, or whose owner is one of `dead_owners` (earlier holders of the
/// database, which have ended); an import whose lease is live belongs to a running process and is left alone.
pub async fn fail_abandoned(ex: impl SqliteExecutor<'_>, at: &str, dead_owners: &[String]) -> CoreResult<u64> {
    Ok(sqlx::query(
        "UPDATE note_imports SET status = 'failed', error = '导入中断（程序退出）：重新导入同一文件会从中断处继续',
                error_en = 'Import interrupted (the program ended): importing the same file again resumes',
                finished_at = ?, lease_owner = NULL, lease_until = NULL
         WHERE status = 'running'
           AND (lease_until IS NULL OR lease_until <= ? OR lease_owner IN (SELECT value FROM json_each(?)))",
    )
    .bind(at)
    .bind(at)
    .bind(json_list(dead_owners))
    .execute(ex)
    .await?
    .rows_affected())
}

/// A rejected row of the report.
#[derive(Debug, Clone, Serialize, Type, sqlx::FromRow, PartialEq)]
pub struct RejectRow {
    pub line: i64,
    pub column_name: Option<String>,
    pub reason: String,
    pub reason_en: String,
}

pub async fn insert_rejects(conn: &mut sqlx::SqliteConnection, import_id: i64, rows: &[RejectRow]) -> CoreResult<()> {
    for chunk in rows.chunks(5_000) {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT OR REPLACE INTO note_import_rejects (import_id, line, column_name, reason, reason_en) ",
        );
        qb.push_values(chunk, |mut b, r| {
            b.push_bind(import_id)
                .push_bind(r.line)
                .push_bind(r.column_name.as_deref())
                .push_bind(r.reason.as_str())
                .push_bind(r.reason_en.as_str());
        });
        qb.build().execute(&mut *conn).await?;
    }
    Ok(())
}

pub async fn list_rejects(ex: impl SqliteExecutor<'_>, import_id: i64, limit: u32) -> CoreResult<Vec<RejectRow>> {
    Ok(sqlx::query_as(
        "SELECT line, column_name, reason, reason_en FROM note_import_rejects WHERE import_id = ? ORDER BY line LIMIT ?",
    )
    .bind(import_id)
    .bind(i64::from(limit))
    .fetch_all(ex)
    .await?)
}

/// A note kept aside and why.
#[derive(Debug, Clone, Serialize, Type, sqlx::FromRow, PartialEq)]
pub struct AsideRow {
    pub line: i64,
    pub note_id: String,
    pub xhs_id: String,
    pub title: String,
    pub published_at: String,
    /// unknown_account | not_bound | frozen
    pub reason: String,
}

pub async fn insert_aside(conn: &mut sqlx::SqliteConnection, import_id: i64, rows: &[AsideRow]) -> CoreResult<()> {
    for chunk in rows.chunks(4_000) {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT OR REPLACE INTO note_import_aside (import_id, line, note_id, xhs_id, title, published_at, reason) ",
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
        qb.build().execute(&mut *conn).await?;
    }
    Ok(())
}

pub async fn list_aside(ex: impl SqliteExecutor<'_>, import_id: i64, limit: u32) -> CoreResult<Vec<AsideRow>> {
    Ok(sqlx::query_as(
        "SELECT line, note_id, xhs_id, title, published_at, reason FROM note_import_aside
         WHERE import_id = ? ORDER BY line LIMIT ?",
    )
    .bind(import_id)
    .bind(i64::from(limit))
    .fetch_all(ex)
    .await?)
}
