//! Review requests and decisions (N-5, N-6), boosts (内容加热) and the 聚光 导购笔记 list (N-7).

use super::ex::Ex;
use crate::api::types::reviews::{BoostRow, JuguangRow, ReviewRow};
use crate::on;

use crate::error::CoreResult;

/// Requests a brand made in a quota month (N-5).
pub async fn count_in_month(ex: impl Into<Ex<'_>>, enterprise_id: i64, month: &str) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar("SELECT COUNT(*) FROM note_reviews WHERE enterprise_id = $1 AND month = $2")
        .bind(enterprise_id)
        .bind(month)
        .fetch_one(c)
        .await)?)
}

pub async fn insert(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    note_row_id: i64,
    month: &str,
    by: i64,
    at: &str,
) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "INSERT INTO note_reviews (enterprise_id, note_row_id, month, requested_by, requested_at, state)
         VALUES ($1, $2, $3, $4, $5, 'in_review') RETURNING id",
    )
    .bind(enterprise_id)
    .bind(note_row_id)
    .bind(month)
    .bind(by)
    .bind(at)
    .fetch_one(c)
    .await)?)
}

/// What the queries read for [`ReviewRow`], named by their columns.
#[derive(sqlx::FromRow)]
struct DbReviewRow {
    id: i64,
    enterprise_id: i64,
    enterprise_name: String,
    note_row_id: i64,
    note_id: String,
    title: String,
    note_type: String,
    published_at: String,
    staff_name: Option<String>,
    xhs_id: String,
    requested_by_name: String,
    requested_at: String,
    state: String,
    decided_by_name: Option<String>,
    decided_at: Option<String>,
    reason: Option<String>,
    checklist_json: Option<String>,
}

impl From<DbReviewRow> for ReviewRow {
    fn from(r: DbReviewRow) -> Self {
        Self {
            id: r.id,
            enterprise_id: r.enterprise_id,
            enterprise_name: r.enterprise_name,
            note_row_id: r.note_row_id,
            note_id: r.note_id,
            title: r.title,
            note_type: r.note_type,
            published_at: r.published_at,
            staff_name: r.staff_name,
            xhs_id: r.xhs_id,
            requested_by_name: r.requested_by_name,
            requested_at: r.requested_at,
            state: r.state,
            decided_by_name: r.decided_by_name,
            decided_at: r.decided_at,
            reason: r.reason,
            checklist_json: r.checklist_json,
        }
    }
}

const SELECT_REVIEW: &str =
    "SELECT r.id, r.enterprise_id, e.name AS enterprise_name, r.note_row_id, n.note_id, n.title,
        n.note_type, n.published_at, st.name AS staff_name, a.xhs_id, ru.name AS requested_by_name, r.requested_at,
        r.state, du.name AS decided_by_name, r.decided_at, r.reason, r.checklist_json
     FROM note_reviews r
     JOIN notes n ON n.id = r.note_row_id
     JOIN enterprises e ON e.id = r.enterprise_id
     JOIN xhs_accounts a ON a.id = n.account_id
     LEFT JOIN staff st ON st.id = n.staff_id
     JOIN users ru ON ru.id = r.requested_by
     LEFT JOIN users du ON du.id = r.decided_by";

pub async fn get(ex: impl Into<Ex<'_>>, id: i64) -> CoreResult<Option<ReviewRow>> {
    Ok(on!(ex, |c| sqlx::query_as::<_, DbReviewRow>(sqlx::AssertSqlSafe(format!("{SELECT_REVIEW} WHERE r.id = $1")))
        .bind(id)
        .fetch_optional(c)
        .await)?
    .map(ReviewRow::from))
}

/// Open requests in arrival order, after `after_id` (the reviewer's console; brands in `scope`, or all).
pub async fn list_open(ex: impl Into<Ex<'_>>, after_id: Option<i64>, limit: u32) -> CoreResult<Vec<ReviewRow>> {
    Ok(on!(ex, |c| sqlx::query_as::<_, DbReviewRow>(sqlx::AssertSqlSafe(format!(
        "{SELECT_REVIEW} WHERE r.state = 'in_review' AND r.id > $1 ORDER BY r.id LIMIT $2"
    )))
    .bind(after_id.unwrap_or(0))
    .bind(i64::from(limit))
    .fetch_all(c)
    .await)?
    .into_iter()
    .map(ReviewRow::from)
    .collect())
}

pub async fn count_open(ex: impl Into<Ex<'_>>) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar("SELECT COUNT(*) FROM note_reviews WHERE state = 'in_review'")
        .fetch_one(c)
        .await)?)
}

/// A note's requests and decisions, newest first.
pub async fn list_for_note(ex: impl Into<Ex<'_>>, note_row_id: i64) -> CoreResult<Vec<ReviewRow>> {
    Ok(on!(ex, |c| sqlx::query_as::<_, DbReviewRow>(sqlx::AssertSqlSafe(format!(
        "{SELECT_REVIEW} WHERE r.note_row_id = $1 ORDER BY r.id DESC"
    )))
    .bind(note_row_id)
    .fetch_all(c)
    .await)?
    .into_iter()
    .map(ReviewRow::from)
    .collect())
}

pub async fn decide(
    ex: impl Into<Ex<'_>>,
    id: i64,
    state: &str,
    by: i64,
    at: &str,
    reason: &str,
    checklist_json: &str,
) -> CoreResult<u64> {
    Ok(on!(ex, |c| sqlx::query(
        "UPDATE note_reviews SET state = $1, decided_by = $2, decided_at = $3, reason = $4, checklist_json = $5
         WHERE id = $6 AND state = 'in_review'",
    )
    .bind(state)
    .bind(by)
    .bind(at)
    .bind(reason)
    .bind(checklist_json)
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?)
}

/// What the queries read for [`BoostRow`], named by their columns.
#[derive(sqlx::FromRow)]
struct DbBoostRow {
    id: i64,
    note_row_id: i64,
    budget_yuan: i64,
    days: i64,
    goal: String,
    starts_on: String,
    created_by_name: String,
    created_at: String,
}

impl From<DbBoostRow> for BoostRow {
    fn from(r: DbBoostRow) -> Self {
        Self {
            id: r.id,
            note_row_id: r.note_row_id,
            budget_yuan: r.budget_yuan,
            days: r.days,
            goal: r.goal,
            starts_on: r.starts_on,
            created_by_name: r.created_by_name,
            created_at: r.created_at,
        }
    }
}

pub struct NewBoost<'a> {
    pub enterprise_id: i64,
    pub note_row_id: i64,
    pub budget_yuan: i64,
    pub days: i64,
    pub goal: &'a str,
    pub starts_on: &'a str,
    pub by: i64,
    pub at: &'a str,
}

pub async fn insert_boost(ex: impl Into<Ex<'_>>, b: &NewBoost<'_>) -> CoreResult<i64> {
    Ok(on!(ex, |c| {
        sqlx::query_scalar(
        "INSERT INTO note_boosts (enterprise_id, note_row_id, budget_yuan, days, goal, starts_on, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(b.enterprise_id)
    .bind(b.note_row_id)
    .bind(b.budget_yuan)
    .bind(b.days)
    .bind(b.goal)
    .bind(b.starts_on)
    .bind(b.by)
    .bind(b.at)
    .fetch_one(c).await
    })?)
}

pub async fn list_boosts(ex: impl Into<Ex<'_>>, note_row_id: i64) -> CoreResult<Vec<BoostRow>> {
    Ok(on!(ex, |c| {
        sqlx::query_as::<_, DbBoostRow>(
        "SELECT b.id, b.note_row_id, b.budget_yuan, b.days, b.goal, b.starts_on, u.name AS created_by_name, b.created_at
         FROM note_boosts b JOIN users u ON u.id = b.created_by WHERE b.note_row_id = $1 ORDER BY b.id DESC",
    )
    .bind(note_row_id)
    .fetch_all(c).await
    })?
    .into_iter()
    .map(BoostRow::from)
    .collect())
}

/// Adds a note to the 聚光 list; false when it is there already.
pub async fn insert_juguang(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    note_row_id: i64,
    by: i64,
    at: &str,
) -> CoreResult<bool> {
    Ok(on!(ex, |c| sqlx::query(
        "INSERT INTO juguang_notes (note_row_id, enterprise_id, sent_by, sent_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (note_row_id) DO NOTHING",
    )
    .bind(note_row_id)
    .bind(enterprise_id)
    .bind(by)
    .bind(at)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?
        == 1)
}

/// What the queries read for [`JuguangRow`], named by their columns.
#[derive(sqlx::FromRow)]
struct DbJuguangRow {
    note_row_id: i64,
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
    sent_by_name: String,
    sent_at: String,
}

impl From<DbJuguangRow> for JuguangRow {
    fn from(r: DbJuguangRow) -> Self {
        Self {
            note_row_id: r.note_row_id,
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
            sent_by_name: r.sent_by_name,
            sent_at: r.sent_at,
        }
    }
}

pub async fn list_juguang(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<Vec<JuguangRow>> {
    Ok(on!(ex, |db, d| sqlx::query_as::<_, DbJuguangRow>(sqlx::AssertSqlSafe(d.sql(
        "SELECT j.note_row_id, n.note_id, n.title, n.note_type, n.published_at, st.name AS staff_name, a.xhs_id,
                n.exposure, n.reads, n.interactions,
                (n.likes IS NOT NULL AND n.collects IS NOT NULL AND n.comments IS NOT NULL) AS parts_known,
                u.name AS sent_by_name, j.sent_at
         FROM juguang_notes j INDEXED BY juguang_by_enterprise
         JOIN notes n ON n.id = j.note_row_id
         JOIN xhs_accounts a ON a.id = n.account_id
         LEFT JOIN staff st ON st.id = n.staff_id
         JOIN users u ON u.id = j.sent_by
         WHERE j.enterprise_id = $1 ORDER BY j.sent_at DESC, j.note_row_id DESC"
    )))
    .bind(enterprise_id)
    .fetch_all(db)
    .await)?
    .into_iter()
    .map(JuguangRow::from)
    .collect())
}
