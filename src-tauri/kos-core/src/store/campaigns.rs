//! Incentive campaigns, their versioned results and voided awards (I-1..I-3).

use sqlx::SqliteExecutor;

use crate::error::CoreResult;

#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct CampaignRecord {
    pub id: i64,
    pub enterprise_id: i64,
    pub name: String,
    pub start_date: String,
    pub end_date: String,
    pub scope_json: String,
    pub rules_json: String,
    pub status: String,
    pub created_by: i64,
    pub created_by_name: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub confirmed_by: Option<i64>,
    pub confirmed_at: Option<String>,
}

pub struct NewCampaign<'a> {
    pub enterprise_id: i64,
    pub name: &'a str,
    pub start_date: String,
    pub end_date: String,
    pub scope_json: String,
    pub rules_json: String,
    pub status: &'a str,
    pub created_by: i64,
    pub at: &'a str,
}

pub async fn insert(ex: impl SqliteExecutor<'_>, c: &NewCampaign<'_>) -> CoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO campaigns (enterprise_id, name, start_date, end_date, scope_json, rules_json, status,
                                created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(c.enterprise_id)
    .bind(c.name)
    .bind(&c.start_date)
    .bind(&c.end_date)
    .bind(&c.scope_json)
    .bind(&c.rules_json)
    .bind(c.status)
    .bind(c.created_by)
    .bind(c.at)
    .bind(c.at)
    .fetch_one(ex)
    .await?)
}

pub async fn get(ex: impl SqliteExecutor<'_>, id: i64) -> CoreResult<Option<CampaignRecord>> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.enterprise_id, c.name, c.start_date, c.end_date, c.scope_json, c.rules_json, c.status,
                c.created_by, u.name AS created_by_name, c.created_at, c.updated_at, c.confirmed_by, c.confirmed_at
         FROM campaigns c LEFT JOIN users u ON u.id = c.created_by
         WHERE c.id = ?",
    )
    .bind(id)
    .fetch_optional(ex)
    .await?)
}

pub async fn list(ex: impl SqliteExecutor<'_>, enterprise_id: i64) -> CoreResult<Vec<CampaignRecord>> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.enterprise_id, c.name, c.start_date, c.end_date, c.scope_json, c.rules_json, c.status,
                c.created_by, u.name AS created_by_name, c.created_at, c.updated_at, c.confirmed_by, c.confirmed_at
         FROM campaigns c LEFT JOIN users u ON u.id = c.created_by
         WHERE c.enterprise_id = ? ORDER BY c.start_date DESC, c.id DESC",
    )
    .bind(enterprise_id)
    .fetch_all(ex)
    .await?)
}

pub struct CampaignUpdate<'a> {
    pub id: i64,
    pub name: &'a str,
    pub start_date: &'a str,
    pub end_date: &'a str,
    pub scope_json: &'a str,
    pub rules_json: &'a str,
    pub status: &'a str,
    pub at: &'a str,
}

pub async fn update(ex: impl SqliteExecutor<'_>, u: &CampaignUpdate<'_>) -> CoreResult<()> {
    sqlx::query(
        "UPDATE campaigns SET name = ?, start_date = ?, end_date = ?, scope_json = ?, rules_json = ?, status = ?,
                              updated_at = ?
         WHERE id = ?",
    )
    .bind(u.name)
    .bind(u.start_date)
    .bind(u.end_date)
    .bind(u.scope_json)
    .bind(u.rules_json)
    .bind(u.status)
    .bind(u.at)
    .bind(u.id)
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn set_confirmed(ex: impl SqliteExecutor<'_>, id: i64, by: i64, at: &str) -> CoreResult<()> {
    sqlx::query(
        "UPDATE campaigns SET status = 'confirmed', confirmed_by = ?, confirmed_at = ?, updated_at = ? WHERE id = ?",
    )
    .bind(by)
    .bind(at)
    .bind(at)
    .bind(id)
    .execute(ex)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct ResultRecord {
    pub id: i64,
    pub campaign_id: i64,
    pub version: i64,
    pub cause: String,
    pub computed_at: String,
    pub computed_by: Option<i64>,
    pub metrics_as_of: String,
    pub rules_json: String,
    pub board_json: String,
    pub input_json: Option<String>,
}

pub struct NewResult<'a> {
    pub campaign_id: i64,
    pub cause: &'a str,
    pub computed_at: &'a str,
    pub computed_by: Option<i64>,
    pub metrics_as_of: &'a str,
    pub rules_json: String,
    pub board_json: String,
    pub input_json: Option<String>,
}

/// Adds the next version of a campaign's result; returns the version.
pub async fn insert_result(ex: impl SqliteExecutor<'_>, r: &NewResult<'_>) -> CoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO campaign_results (campaign_id, version, cause, computed_at, computed_by, metrics_as_of,
                                       rules_json, board_json, input_json)
         VALUES (?1, (SELECT COALESCE(MAX(version), 0) + 1 FROM campaign_results WHERE campaign_id = ?1),
                 ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         RETURNING version",
    )
    .bind(r.campaign_id)
    .bind(r.cause)
    .bind(r.computed_at)
    .bind(r.computed_by)
    .bind(r.metrics_as_of)
    .bind(&r.rules_json)
    .bind(&r.board_json)
    .bind(&r.input_json)
    .fetch_one(ex)
    .await?)
}

/// Every result of a campaign, newest first.
pub async fn list_results(ex: impl SqliteExecutor<'_>, campaign_id: i64) -> CoreResult<Vec<ResultRecord>> {
    Ok(sqlx::query_as(
        "SELECT id, campaign_id, version, cause, computed_at, computed_by, metrics_as_of, rules_json, board_json,
                input_json
         FROM campaign_results WHERE campaign_id = ? ORDER BY version DESC",
    )
    .bind(campaign_id)
    .fetch_all(ex)
    .await?)
}

#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct VoidRecord {
    pub kind: String,
    pub award_key: String,
    pub reason: String,
    pub voided_by: i64,
    pub voided_by_name: Option<String>,
    pub voided_at: String,
}

pub async fn list_voids(ex: impl SqliteExecutor<'_>, campaign_id: i64) -> CoreResult<Vec<VoidRecord>> {
    Ok(sqlx::query_as(
        "SELECT v.kind, v.award_key, v.reason, v.voided_by, u.name AS voided_by_name, v.voided_at
         FROM campaign_voids v LEFT JOIN users u ON u.id = v.voided_by
         WHERE v.campaign_id = ? ORDER BY v.id",
    )
    .bind(campaign_id)
    .fetch_all(ex)
    .await?)
}

pub async fn insert_void(
    ex: impl SqliteExecutor<'_>,
    campaign_id: i64,
    kind: &str,
    key: &str,
    reason: &str,
    by: i64,
    at: &str,
) -> CoreResult<()> {
    sqlx::query(
        "INSERT INTO campaign_voids (campaign_id, kind, award_key, reason, voided_by, voided_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(campaign_id)
    .bind(kind)
    .bind(key)
    .bind(reason)
    .bind(by)
    .bind(at)
    .execute(ex)
    .await?;
    Ok(())
}

/// A brand note published in `[from, until)` (UTC text) with the staff member behind it: the staff of the
/// account's binding to the brand in force at publish time, else the account's known owner on the brand's
/// staff. Metrics as of the latest snapshot on or before `as_of` (a date; without one, the note's own
/// metrics if they date from then, else zero), or the note's latest when `None`.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct CandidateRow {
    pub note_id: String,
    pub staff_id: i64,
    pub staff_name: String,
    pub store_id: i64,
    pub city: String,
    pub published_at: String,
    pub likes: i64,
    pub collects: i64,
    pub comments: i64,
    pub shares: i64,
}

pub async fn list_candidates(
    ex: impl SqliteExecutor<'_>,
    enterprise_id: i64,
    from: &str,
    until: &str,
    as_of: Option<&str>,
) -> CoreResult<Vec<CandidateRow>> {
    Ok(sqlx::query_as(
        "SELECT n.note_id, st.id AS staff_id, st.name AS staff_name, st.store_id, so.city, n.published_at,
                CASE WHEN ?4 IS NULL THEN n.likes ELSE COALESCE(s.likes, IIF(n.metrics_date <= ?4, n.likes, 0)) END AS likes,
                CASE WHEN ?4 IS NULL THEN n.collects ELSE COALESCE(s.collects, IIF(n.metrics_date <= ?4, n.collects, 0)) END AS collects,
                CASE WHEN ?4 IS NULL THEN n.comments ELSE COALESCE(s.comments, IIF(n.metrics_date <= ?4, n.comments, 0)) END AS comments,
                CASE WHEN ?4 IS NULL THEN n.shares ELSE COALESCE(s.shares, IIF(n.metrics_date <= ?4, n.shares, 0)) END AS shares
         FROM notes n INDEXED BY notes_q_published
         JOIN staff st ON st.id = n.staff_id AND st.enterprise_id = n.enterprise_id
         JOIN stores so ON so.id = st.store_id
         LEFT JOIN note_snapshots s ON s.note_row_id = n.id
              AND s.date = (SELECT MAX(date) FROM note_snapshots WHERE note_row_id = n.id AND date <= ?4)
         WHERE n.enterprise_id = ?1 AND n.requested IN (0, 1) AND n.published_at >= ?2 AND n.published_at < ?3
         ORDER BY n.published_at, n.note_id",
    )
    .bind(enterprise_id)
    .bind(from)
    .bind(until)
    .bind(as_of)
    .fetch_all(ex)
    .await?)
}
