//! Employment-proof records (B-10) and their link to invitations with the platform's review (B-15). The
//! files themselves live encrypted beside the database (`proof_file`).

use super::ex::Ex;
use crate::on;

use crate::error::CoreResult;

#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct ProofRecord {
    pub id: i64,
    pub enterprise_id: i64,
    pub sha256: String,
    pub mime: String,
    pub size: i64,
    pub name: String,
    pub uploaded_by: i64,
    pub uploaded_at: String,
    pub deleted_at: Option<String>,
}

const SELECT: &str =
    "SELECT id, enterprise_id, sha256, mime, size, name, uploaded_by, uploaded_at, deleted_at FROM proofs";

pub struct NewProof<'a> {
    pub enterprise_id: i64,
    pub sha256: &'a str,
    pub mime: &'a str,
    pub size: i64,
    pub name: &'a str,
    pub uploaded_by: i64,
    pub uploaded_at: &'a str,
}

/// Records an upload; an earlier row of the same enterprise and content is brought back (name, uploader,
/// time, not deleted).
pub async fn insert(ex: impl Into<Ex<'_>>, p: &NewProof<'_>) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "INSERT INTO proofs (enterprise_id, sha256, mime, size, name, uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (enterprise_id, sha256) DO UPDATE SET name = $5, uploaded_by = $6, uploaded_at = $7,
                                                       deleted_at = NULL
         RETURNING id",
    )
    .bind(p.enterprise_id)
    .bind(p.sha256)
    .bind(p.mime)
    .bind(p.size)
    .bind(p.name)
    .bind(p.uploaded_by)
    .bind(p.uploaded_at)
    .fetch_one(c)
    .await)?)
}

pub async fn get_by_sha(ex: impl Into<Ex<'_>>, enterprise_id: i64, sha256: &str) -> CoreResult<Option<ProofRecord>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE enterprise_id = $1 AND sha256 = $2")))
        .bind(enterprise_id)
        .bind(sha256)
        .fetch_optional(c)
        .await)?)
}

/// Every enterprise's record of the same content.
pub async fn list_by_sha(ex: impl Into<Ex<'_>>, sha256: &str) -> CoreResult<Vec<ProofRecord>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE sha256 = $1 ORDER BY id")))
        .bind(sha256)
        .fetch_all(c)
        .await)?)
}

pub async fn update_deleted(ex: impl Into<Ex<'_>>, id: i64, at: &str) -> CoreResult<()> {
    on!(ex, |c| sqlx::query("UPDATE proofs SET deleted_at = $1 WHERE id = $2 AND deleted_at IS NULL")
        .bind(at)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Records not yet deleted that hold this content (the file stays while any does).
pub async fn count_kept_with_sha(ex: impl Into<Ex<'_>>, sha256: &str) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar("SELECT COUNT(*) FROM proofs WHERE sha256 = $1 AND deleted_at IS NULL")
        .bind(sha256)
        .fetch_one(c)
        .await)?)
}

/// A proof that no live binding uses, with the time its last binding ended (or its upload, if never used).
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct RetentionCandidate {
    pub id: i64,
    pub enterprise_id: i64,
    pub sha256: String,
    pub last_end: String,
}

pub async fn list_retention_candidates(ex: impl Into<Ex<'_>>) -> CoreResult<Vec<RetentionCandidate>> {
    Ok(on!(ex, |c| sqlx::query_as(
        "SELECT p.id, p.enterprise_id, p.sha256,
                COALESCE((SELECT MAX(COALESCE(b.ended_at, b.invited_at)) FROM binding_proofs bp
                          JOIN bindings b ON b.id = bp.binding_id WHERE bp.proof_id = p.id),
                         p.uploaded_at) AS last_end
         FROM proofs p
         WHERE p.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM binding_proofs bp JOIN bindings b ON b.id = bp.binding_id
                           WHERE bp.proof_id = p.id AND b.status IN ('invited', 'active', 'frozen'))
         ORDER BY p.id",
    )
    .fetch_all(c)
    .await)?)
}

pub async fn insert_link(ex: impl Into<Ex<'_>>, binding_id: i64, proof_id: i64) -> CoreResult<()> {
    on!(ex, |c| sqlx::query("INSERT INTO binding_proofs (binding_id, proof_id) VALUES ($1, $2)")
        .bind(binding_id)
        .bind(proof_id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct LinkRecord {
    pub binding_id: i64,
    pub proof_id: i64,
    pub sha256: String,
    pub review_status: String,
}

pub async fn get_link(ex: impl Into<Ex<'_>>, binding_id: i64) -> CoreResult<Option<LinkRecord>> {
    Ok(on!(ex, |c| sqlx::query_as(
        "SELECT bp.binding_id, bp.proof_id, p.sha256, bp.review_status
         FROM binding_proofs bp JOIN proofs p ON p.id = bp.proof_id WHERE bp.binding_id = $1",
    )
    .bind(binding_id)
    .fetch_optional(c)
    .await)?)
}

pub struct Review<'a> {
    pub binding_id: i64,
    pub status: &'a str,
    pub reviewed_by: i64,
    pub reviewed_at: &'a str,
    pub reason: Option<&'a str>,
}

/// Records the platform's judgement; returns false when the proof was no longer pending.
pub async fn update_review(ex: impl Into<Ex<'_>>, r: &Review<'_>) -> CoreResult<bool> {
    let done = on!(ex, |c| sqlx::query(
        "UPDATE binding_proofs SET review_status = $1, reviewed_by = $2, reviewed_at = $3, review_reason = $4
         WHERE binding_id = $5 AND review_status = 'pending'",
    )
    .bind(r.status)
    .bind(r.reviewed_by)
    .bind(r.reviewed_at)
    .bind(r.reason)
    .bind(r.binding_id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// The stores of the staff whose invitations used this proof record (store managers' scope).
pub async fn list_link_stores(ex: impl Into<Ex<'_>>, proof_id: i64) -> CoreResult<Vec<i64>> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "SELECT DISTINCT s.store_id FROM binding_proofs bp JOIN bindings b ON b.id = bp.binding_id
         JOIN staff s ON s.id = b.staff_id WHERE bp.proof_id = $1",
    )
    .bind(proof_id)
    .fetch_all(c)
    .await)?)
}
