//! Incentive campaigns, their versioned results and voided awards (I-1..I-3).

use super::ex::{json_list, Ex};
use crate::on;

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

pub async fn insert(ex: impl Into<Ex<'_>>, c: &NewCampaign<'_>) -> CoreResult<i64> {
    Ok(on!(ex, |db, d| sqlx::query_scalar(sqlx::AssertSqlSafe(d.sql(
        "INSERT INTO campaigns (enterprise_id, name, start_date, end_date, scope_json, rules_json, status,
                                created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id"
    )))
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
    .fetch_one(db)
    .await)?)
}

pub async fn get(ex: impl Into<Ex<'_>>, id: i64) -> CoreResult<Option<CampaignRecord>> {
    Ok(on!(ex, |db, d| sqlx::query_as(sqlx::AssertSqlSafe(d.sql(
        "SELECT c.id, c.enterprise_id, c.name, c.start_date, c.end_date, c.scope_json, c.rules_json, c.status,
                c.created_by, u.name AS created_by_name, c.created_at, c.updated_at, c.confirmed_by, c.confirmed_at
         FROM campaigns c LEFT JOIN users u ON u.id = c.created_by
         WHERE c.id = $1"
    )))
    .bind(id)
    .fetch_optional(db)
    .await)?)
}

pub async fn list(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<Vec<CampaignRecord>> {
    Ok(on!(ex, |db, d| sqlx::query_as(sqlx::AssertSqlSafe(d.sql(
        "SELECT c.id, c.enterprise_id, c.name, c.start_date, c.end_date, c.scope_json, c.rules_json, c.status,
                c.created_by, u.name AS created_by_name, c.created_at, c.updated_at, c.confirmed_by, c.confirmed_at
         FROM campaigns c LEFT JOIN users u ON u.id = c.created_by
         WHERE c.enterprise_id = $1 ORDER BY c.start_date DESC, c.id DESC"
    )))
    .bind(enterprise_id)
    .fetch_all(db)
    .await)?)
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

pub async fn update(ex: impl Into<Ex<'_>>, u: &CampaignUpdate<'_>) -> CoreResult<()> {
    on!(ex, |db, d| sqlx::query(sqlx::AssertSqlSafe(d.sql(
        "UPDATE campaigns SET name = $1, start_date = $2, end_date = $3, scope_json = $4, rules_json = $5, status = $6,
                              updated_at = $7
         WHERE id = $8"
    )))
    .bind(u.name)
    .bind(u.start_date)
    .bind(u.end_date)
    .bind(u.scope_json)
    .bind(u.rules_json)
    .bind(u.status)
    .bind(u.at)
    .bind(u.id)
    .execute(db)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_confirmed(ex: impl Into<Ex<'_>>, id: i64, by: i64, at: &str) -> CoreResult<()> {
    on!(ex, |db, d| {
        sqlx::query(sqlx::AssertSqlSafe(d.sql("UPDATE campaigns SET status = 'confirmed', confirmed_by = $1, confirmed_at = $2, updated_at = $3 WHERE id = $4")))
    .bind(by)
    .bind(at)
    .bind(at)
    .bind(id)
    .execute(db).await.map(|r| r.rows_affected())
    })?;
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
pub async fn insert_result(ex: impl Into<Ex<'_>>, r: &NewResult<'_>) -> CoreResult<i64> {
    Ok(on!(ex, |db, d| sqlx::query_scalar(sqlx::AssertSqlSafe(d.sql(
        "INSERT INTO campaign_results (campaign_id, version, cause, computed_at, computed_by, metrics_as_of,
                                       rules_json, board_json, input_json)
         VALUES ($1, (SELECT COALESCE(MAX(version), 0) + 1 FROM campaign_results WHERE campaign_id = $1),
                 $2, $3, $4, $5, $6, $7, $8)
         RETURNING version"
    )))
    .bind(r.campaign_id)
    .bind(r.cause)
    .bind(r.computed_at)
    .bind(r.computed_by)
    .bind(r.metrics_as_of)
    .bind(&r.rules_json)
    .bind(&r.board_json)
    .bind(&r.input_json)
    .fetch_one(db)
    .await)?)
}

/// Every result of a campaign, newest first.
pub async fn list_results(ex: impl Into<Ex<'_>>, campaign_id: i64) -> CoreResult<Vec<ResultRecord>> {
    Ok(on!(ex, |db, d| sqlx::query_as(sqlx::AssertSqlSafe(d.sql(
        "SELECT id, campaign_id, version, cause, computed_at, computed_by, metrics_as_of, rules_json, board_json,
                input_json
         FROM campaign_results WHERE campaign_id = $1 ORDER BY version DESC"
    )))
    .bind(campaign_id)
    .fetch_all(db)
    .await)?)
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

pub async fn list_voids(ex: impl Into<Ex<'_>>, campaign_id: i64) -> CoreResult<Vec<VoidRecord>> {
    Ok(on!(ex, |db, d| sqlx::query_as(sqlx::AssertSqlSafe(d.sql(
        "SELECT v.kind, v.award_key, v.reason, v.voided_by, u.name AS voided_by_name, v.voided_at
         FROM campaign_voids v LEFT JOIN users u ON u.id = v.voided_by
         WHERE v.campaign_id = $1 ORDER BY v.id"
    )))
    .bind(campaign_id)
    .fetch_all(db)
    .await)?)
}

pub async fn insert_void(
    ex: impl Into<Ex<'_>>,
    campaign_id: i64,
    kind: &str,
    key: &str,
    reason: &str,
    by: i64,
    at: &str,
) -> CoreResult<()> {
    on!(ex, |db, d| sqlx::query(sqlx::AssertSqlSafe(d.sql(
        "INSERT INTO campaign_voids (campaign_id, kind, award_key, reason, voided_by, voided_at)
         VALUES ($1, $2, $3, $4, $5, $6)"
    )))
    .bind(campaign_id)
    .bind(kind)
    .bind(key)
    .bind(reason)
    .bind(by)
    .bind(at)
    .execute(db)
    .await
    .map(|r| r.rows_affected()))?;
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
    /// interactions given only as a total, less the known parts (issue 10)
    pub unsplit: i64,
}

pub async fn list_candidates(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    from: &str,
    until: &str,
    as_of: Option<&str>,
) -> CoreResult<Vec<CandidateRow>> {
    Ok(on!(ex, |db, d| {
        sqlx::query_as(sqlx::AssertSqlSafe(d.sql("SELECT n.note_id, st.id AS staff_id, st.name AS staff_name, st.store_id, so.city, n.published_at,
                CASE WHEN $4 IS NULL THEN COALESCE(n.likes, 0) WHEN s.note_row_id IS NOT NULL THEN COALESCE(s.likes, 0)
                     WHEN n.metrics_date <= $4 THEN COALESCE(n.likes, 0) ELSE 0 END AS likes,
                CASE WHEN $4 IS NULL THEN COALESCE(n.collects, 0) WHEN s.note_row_id IS NOT NULL THEN COALESCE(s.collects, 0)
                     WHEN n.metrics_date <= $4 THEN COALESCE(n.collects, 0) ELSE 0 END AS collects,
                CASE WHEN $4 IS NULL THEN COALESCE(n.comments, 0) WHEN s.note_row_id IS NOT NULL THEN COALESCE(s.comments, 0)
                     WHEN n.metrics_date <= $4 THEN COALESCE(n.comments, 0) ELSE 0 END AS comments,
                CASE WHEN $4 IS NULL THEN n.shares WHEN s.note_row_id IS NOT NULL THEN s.shares
                     WHEN n.metrics_date <= $4 THEN n.shares ELSE 0 END AS shares,
                CASE WHEN $4 IS NULL THEN MAX(0, COALESCE(n.interactions, 0) - COALESCE(n.likes, 0) - COALESCE(n.collects, 0) - COALESCE(n.comments, 0)) WHEN s.note_row_id IS NOT NULL THEN MAX(0, COALESCE(s.interactions, 0) - COALESCE(s.likes, 0) - COALESCE(s.collects, 0) - COALESCE(s.comments, 0))
                     WHEN n.metrics_date <= $4 THEN MAX(0, COALESCE(n.interactions, 0) - COALESCE(n.likes, 0) - COALESCE(n.collects, 0) - COALESCE(n.comments, 0)) ELSE 0 END AS unsplit
         FROM notes n INDEXED BY notes_q_published
         JOIN staff st ON st.id = n.staff_id AND st.enterprise_id = n.enterprise_id
         JOIN stores so ON so.id = st.store_id
         LEFT JOIN note_snapshots s ON s.note_row_id = n.id
              AND s.date = (SELECT MAX(date) FROM note_snapshots WHERE note_row_id = n.id AND date <= $4)
         WHERE n.enterprise_id = $1 AND n.requested IN (0, 1) AND n.published_at >= $2 AND n.published_at < $3
         ORDER BY n.published_at, n.note_id")))
    .bind(enterprise_id)
    .bind(from)
    .bind(until)
    .bind(as_of)
    .fetch_all(db).await
    })?)
}

/// A note of the brand boosted with 内容加热, with its counters on the day before its first boost started:
/// the latest daily snapshot dated before `starts_on`, else zero (I-1..I-3 organic only).
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct BoostBaseline {
    pub note_row_id: i64,
    pub note_id: String,
    pub published_at: String,
    /// Asia/Shanghai date the first boost started
    pub starts_on: String,
    pub likes: i64,
    pub collects: i64,
    pub comments: i64,
    pub shares: i64,
    /// interactions given only as a total, less the known parts (issue 10)
    pub unsplit: i64,
}

pub async fn list_boost_baselines(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<Vec<BoostBaseline>> {
    Ok(on!(ex, |db, d| {
        sqlx::query_as(sqlx::AssertSqlSafe(d.sql("SELECT n.id AS note_row_id, n.note_id, n.published_at, b.starts_on,
                COALESCE(s.likes, 0) AS likes, COALESCE(s.collects, 0) AS collects,
                COALESCE(s.comments, 0) AS comments, COALESCE(s.shares, 0) AS shares, MAX(0, COALESCE(s.interactions, 0) - COALESCE(s.likes, 0) - COALESCE(s.collects, 0) - COALESCE(s.comments, 0)) AS unsplit
         FROM (SELECT note_row_id, MIN(starts_on) AS starts_on FROM note_boosts WHERE enterprise_id = $1
               GROUP BY note_row_id) b
         JOIN notes n ON n.id = b.note_row_id
         LEFT JOIN note_snapshots s ON s.note_row_id = n.id
              AND s.date = (SELECT MAX(date) FROM note_snapshots WHERE note_row_id = n.id AND date < b.starts_on)
         ORDER BY n.id")))
    .bind(enterprise_id)
    .fetch_all(db).await
    })?)
}

/// The brand's staff in a campaign's scope: of the listed stores or of stores in the listed cities.
pub async fn list_staff_in_scope(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    store_ids: &[i64],
    cities: &[String],
) -> CoreResult<Vec<i64>> {
    Ok(on!(ex, |db, d| {
        sqlx::query_scalar(sqlx::AssertSqlSafe(d.sql("SELECT st.id FROM staff st JOIN stores so ON so.id = st.store_id
         WHERE st.enterprise_id = $1
           AND (st.store_id IN (SELECT CAST(value AS BIGINT) FROM json_each($2)) OR so.city IN (SELECT value FROM json_each($3)))
         ORDER BY st.id")))
    .bind(enterprise_id)
    .bind(json_list(store_ids))
    .bind(json_list(cities))
    .fetch_all(db).await
    })?)
}

/// What a board shows of an awarded note besides its numbers.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct AwardNote {
    pub note_id: String,
    pub title: String,
    pub xhs_id: String,
}

pub async fn list_award_notes(ex: impl Into<Ex<'_>>, note_ids: &[&str]) -> CoreResult<Vec<AwardNote>> {
    Ok(on!(ex, |db, d| sqlx::query_as(sqlx::AssertSqlSafe(d.sql(
        "SELECT n.note_id, n.title, a.xhs_id FROM notes n JOIN xhs_accounts a ON a.id = n.account_id
         WHERE n.note_id IN (SELECT value FROM json_each($1))"
    )))
    .bind(json_list(note_ids))
    .fetch_all(db)
    .await)?)
}

/// What a board shows of an awarded person: name, store, city and the 小红书号 of their binding to the brand
/// (the live one, else the latest).
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct AwardStaff {
    pub staff_id: i64,
    pub name: String,
    pub store_name: String,
    pub city: String,
    pub xhs_id: Option<String>,
}

pub async fn list_award_staff(ex: impl Into<Ex<'_>>, staff_ids: &[i64]) -> CoreResult<Vec<AwardStaff>> {
    Ok(on!(ex, |db, d| sqlx::query_as(sqlx::AssertSqlSafe(d.sql(
        "SELECT st.id AS staff_id, st.name, so.name AS store_name, so.city,
                (SELECT a.xhs_id FROM bindings b JOIN xhs_accounts a ON a.id = b.account_id
                  WHERE b.staff_id = st.id AND b.enterprise_id = st.enterprise_id
                  ORDER BY b.status IN ('active', 'frozen') DESC, b.id DESC LIMIT 1) AS xhs_id
         FROM staff st JOIN stores so ON so.id = st.store_id
         WHERE st.id IN (SELECT CAST(value AS BIGINT) FROM json_each($1))"
    )))
    .bind(json_list(staff_ids))
    .fetch_all(db)
    .await)?)
}

/// A note of the leader view's trend (领导看板): one of the given staff's notes in the period, with its
/// latest metrics and the date they are from.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct TrendNote {
    pub id: i64,
    pub staff_id: i64,
    pub metrics_date: String,
    pub likes: i64,
    pub collects: i64,
    pub comments: i64,
    pub shares: i64,
    /// interactions given only as a total, less the known parts (issue 10)
    pub unsplit: i64,
}

/// The notes of `staff_ids` published for the brand in `[from, until)` (UTC text), as the board counts them
/// (the same notes `list_candidates` reads). Walks `notes_by_staff` per person.
pub async fn list_trend_notes(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    staff_ids: &[i64],
    from: &str,
    until: &str,
) -> CoreResult<Vec<TrendNote>> {
    Ok(on!(ex, |db, d| {
        sqlx::query_as(sqlx::AssertSqlSafe(d.sql("SELECT n.id, n.staff_id, n.metrics_date, COALESCE(n.likes, 0) AS likes, COALESCE(n.collects, 0) AS collects,
                COALESCE(n.comments, 0) AS comments, n.shares, MAX(0, COALESCE(n.interactions, 0) - COALESCE(n.likes, 0) - COALESCE(n.collects, 0) - COALESCE(n.comments, 0)) AS unsplit
         FROM notes n INDEXED BY notes_by_staff
         WHERE n.staff_id IN (SELECT CAST(value AS BIGINT) FROM json_each($2)) AND n.enterprise_id = $1 AND n.requested IN (0, 1)
           AND n.published_at >= $3 AND n.published_at < $4
         ORDER BY n.id")))
    .bind(enterprise_id)
    .bind(json_list(staff_ids))
    .bind(from)
    .bind(until)
    .fetch_all(db).await
    })?)
}

/// A daily snapshot's counters.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct TrendSnapshot {
    pub note_row_id: i64,
    pub date: String,
    pub likes: i64,
    pub collects: i64,
    pub comments: i64,
    pub shares: i64,
    /// interactions given only as a total, less the known parts (issue 10)
    pub unsplit: i64,
}

/// The snapshots of the given notes dated on or before `until_date`, by note then date.
pub async fn list_trend_snapshots(
    ex: impl Into<Ex<'_>>,
    note_row_ids: &[i64],
    until_date: &str,
) -> CoreResult<Vec<TrendSnapshot>> {
    Ok(on!(ex, |db, d| {
        sqlx::query_as(sqlx::AssertSqlSafe(d.sql("SELECT s.note_row_id, s.date, COALESCE(s.likes, 0) AS likes, COALESCE(s.collects, 0) AS collects,
                COALESCE(s.comments, 0) AS comments, s.shares, MAX(0, COALESCE(s.interactions, 0) - COALESCE(s.likes, 0) - COALESCE(s.collects, 0) - COALESCE(s.comments, 0)) AS unsplit
         FROM note_snapshots s
         WHERE s.note_row_id IN (SELECT CAST(value AS BIGINT) FROM json_each($1)) AND s.date <= $2
         ORDER BY s.note_row_id, s.date")))
    .bind(json_list(note_row_ids))
    .bind(until_date)
    .fetch_all(db).await
    })?)
}

/// The date of each given note's latest metrics.
pub async fn list_metrics_dates(ex: impl Into<Ex<'_>>, note_row_ids: &[i64]) -> CoreResult<Vec<(i64, String)>> {
    if note_row_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(on!(ex, |db, d| sqlx::query_as(sqlx::AssertSqlSafe(
        d.sql("SELECT id, metrics_date FROM notes WHERE id IN (SELECT CAST(value AS BIGINT) FROM json_each($1))")
    ))
    .bind(json_list(note_row_ids))
    .fetch_all(db)
    .await)?)
}
