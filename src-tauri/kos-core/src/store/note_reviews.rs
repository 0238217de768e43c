//! Review requests and decisions (N-5, N-6), boosts (内容加热) and the 聚光 导购笔记 list (N-7).

use super::ex::Ex;
use crate::on;
use serde::Serialize;
use specta::Type;

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

/// A review request as the reviewer and the note's history see it.
#[derive(Debug, Clone, Serialize, Type, sqlx::FromRow, PartialEq)]
pub struct ReviewRow {
    pub id: i64,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub note_row_id: i64,
    pub note_id: String,
    pub title: String,
    pub note_type: String,
    pub published_at: String,
    pub staff_name: Option<String>,
    pub xhs_id: String,
    pub requested_by_name: String,
    pub requested_at: String,
    /// in_review | rejected | approved
    pub state: String,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<String>,
    pub reason: Option<String>,
    /// JSON list of the N-2 items ticked
    pub checklist_json: Option<String>,
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
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT_REVIEW} WHERE r.id = $1")))
        .bind(id)
        .fetch_optional(c)
        .await)?)
}

/// Open requests in arrival order, after `after_id` (the reviewer's console; brands in `scope`, or all).
pub async fn list_open(ex: impl Into<Ex<'_>>, after_id: Option<i64>, limit: u32) -> CoreResult<Vec<ReviewRow>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT_REVIEW} WHERE r.state = 'in_review' AND r.id > $1 ORDER BY r.id LIMIT $2"
    )))
    .bind(after_id.unwrap_or(0))
    .bind(i64::from(limit))
    .fetch_all(c)
    .await)?)
}

pub async fn count_open(ex: impl Into<Ex<'_>>) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar("SELECT COUNT(*) FROM note_reviews WHERE state = 'in_review'")
        .fetch_one(c)
        .await)?)
}

/// A note's requests and decisions, newest first.
pub async fn list_for_note(ex: impl Into<Ex<'_>>, note_row_id: i64) -> CoreResult<Vec<ReviewRow>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT_REVIEW} WHERE r.note_row_id = $1 ORDER BY r.id DESC"
    )))
    .bind(note_row_id)
    .fetch_all(c)
    .await)?)
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

/// A 内容加热 order.
#[derive(Debug, Clone, Serialize, Type, sqlx::FromRow, PartialEq)]
pub struct BoostRow {
    pub id: i64,
    pub note_row_id: i64,
    pub budget_yuan: i64,
    pub days: i64,
    /// P-1 goal: 产品种草 | 抢占赛道 | 商品销量 | 客资收集
    pub goal: String,
    pub starts_on: String,
    pub created_by_name: String,
    pub created_at: String,
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
        sqlx::query_as(
        "SELECT b.id, b.note_row_id, b.budget_yuan, b.days, b.goal, b.starts_on, u.name AS created_by_name, b.created_at
         FROM note_boosts b JOIN users u ON u.id = b.created_by WHERE b.note_row_id = $1 ORDER BY b.id DESC",
    )
    .bind(note_row_id)
    .fetch_all(c).await
    })?)
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

/// A note on the 聚光 导购笔记 list (N-7).
#[derive(Debug, Clone, Serialize, Type, sqlx::FromRow, PartialEq)]
pub struct JuguangRow {
    pub note_row_id: i64,
    pub note_id: String,
    pub title: String,
    pub note_type: String,
    pub published_at: String,
    pub staff_name: Option<String>,
    pub xhs_id: String,
    pub exposure: i64,
    pub reads: i64,
    pub interactions: i64,
    /// false: `interactions` is a total whose parts are unknown (issue 10)
    pub parts_known: bool,
    pub sent_by_name: String,
    pub sent_at: String,
}

pub async fn list_juguang(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<Vec<JuguangRow>> {
    Ok(on!(ex, |db, d| sqlx::query_as(sqlx::AssertSqlSafe(d.sql(
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
    .await)?)
}
