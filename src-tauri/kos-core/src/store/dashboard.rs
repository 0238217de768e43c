//! The small joins of the data dashboards (D-1) and the account health list (S-2); the note sums come from
//! the analytics columns.

use super::ex::{json_list, Ex};
use crate::error::CoreResult;
use crate::model::{BindingMode, BindingStatus};
use crate::on;

/// Notes published in `[from, until)` (UTC text) whose review was approved (N-6).
pub async fn count_approved(ex: impl Into<Ex<'_>>, enterprise_id: i64, from: &str, until: &str) -> CoreResult<i64> {
    Ok(on!(ex, |db, d| sqlx::query_scalar(sqlx::AssertSqlSafe(d.sql(
        "SELECT COUNT(*) FROM notes INDEXED BY notes_q_published
         WHERE enterprise_id = $1 AND requested = TRUE AND published_at >= $2 AND published_at < $3
           AND review_state = 'approved'",
    )))
    .bind(enterprise_id)
    .bind(from)
    .bind(until)
    .fetch_one(db)
    .await)?)
}

/// 内容加热 orders starting on the dates `from..=to`: (count, budget in yuan).
pub async fn sum_boosts(ex: impl Into<Ex<'_>>, enterprise_id: i64, from: &str, to: &str) -> CoreResult<(i64, i64)> {
    Ok(on!(ex, |db| sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(budget_yuan), 0) AS BIGINT) FROM note_boosts
         WHERE enterprise_id = $1 AND starts_on >= $2 AND starts_on <= $3",
    )
    .bind(enterprise_id)
    .bind(from)
    .bind(to)
    .fetch_one(db)
    .await)?)
}

/// A staff member with their store.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct StaffCard {
    pub id: i64,
    pub enterprise_id: i64,
    pub name: String,
    pub store_id: i64,
    pub store_name: String,
    pub city: String,
}

pub async fn get_staff_card(ex: impl Into<Ex<'_>>, staff_id: i64) -> CoreResult<Option<StaffCard>> {
    Ok(on!(ex, |db| sqlx::query_as(
        "SELECT st.id, st.enterprise_id, st.name, st.store_id, so.name AS store_name, so.city
         FROM staff st JOIN stores so ON so.id = st.store_id WHERE st.id = $1",
    )
    .bind(staff_id)
    .fetch_optional(db)
    .await)?)
}

/// An account bound to the brand (a binding that took effect), with its staff member.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct BoundAccount {
    pub binding_id: i64,
    pub account_id: i64,
    pub xhs_id: String,
    pub nickname: String,
    pub followers: i64,
    pub staff_id: i64,
    pub staff_name: String,
    pub store_id: i64,
    pub store_name: String,
    pub mode: BindingMode,
    pub job_title: String,
    pub status: BindingStatus,
    pub effective_at: Option<String>,
}

const BOUND: &str = "SELECT b.id AS binding_id, b.account_id, a.xhs_id, a.nickname, a.followers, b.staff_id,
        st.name AS staff_name, st.store_id, so.name AS store_name, b.mode, b.job_title, b.status, b.effective_at
     FROM bindings b
     JOIN xhs_accounts a ON a.id = b.account_id
     JOIN staff st ON st.id = b.staff_id
     JOIN stores so ON so.id = st.store_id";

/// The brand's live bindings (active or frozen), optionally only the given stores' staff.
pub async fn list_live_accounts(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    stores: Option<&[i64]>,
) -> CoreResult<Vec<BoundAccount>> {
    let only = stores.map(json_list);
    Ok(on!(ex, |db, d| sqlx::query_as(sqlx::AssertSqlSafe(d.sql(&format!(
        "{BOUND} WHERE b.enterprise_id = $1 AND b.status IN ('active', 'frozen')
           AND ($2 IS NULL OR st.store_id IN (SELECT CAST(value AS BIGINT) FROM json_each($2)))
         ORDER BY b.account_id"
    ))))
    .bind(enterprise_id)
    .bind(only)
    .fetch_all(db)
    .await)?)
}

/// A staff member's bindings to the brand, newest first.
pub async fn list_staff_accounts(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    staff_id: i64,
) -> CoreResult<Vec<BoundAccount>> {
    Ok(on!(ex, |db| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{BOUND} WHERE b.enterprise_id = $1 AND b.staff_id = $2 ORDER BY b.id DESC"
    )))
    .bind(enterprise_id)
    .bind(staff_id)
    .fetch_all(db)
    .await)?)
}

/// Per account: the brand's notes already requested for review (bounded by the monthly quota).
pub async fn count_requested_by_account(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<Vec<(i64, i64)>> {
    Ok(on!(ex, |db, d| sqlx::query_as(sqlx::AssertSqlSafe(d.sql(
        "SELECT account_id, COUNT(*) FROM notes INDEXED BY notes_q_published
         WHERE enterprise_id = $1 AND requested = TRUE GROUP BY account_id",
    )))
    .bind(enterprise_id)
    .fetch_all(db)
    .await)?)
}
