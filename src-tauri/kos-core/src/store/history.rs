use serde::Serialize;
use specta::Type;
use sqlx::SqliteExecutor;

use crate::error::CoreResult;

/// One recorded state change (B-20).
pub struct NewEvent<'a> {
    pub at: String,
    pub actor_id: Option<i64>,
    pub enterprise_id: Option<i64>,
    pub entity_type: &'a str,
    pub entity_id: String,
    pub action: &'a str,
    pub summary_zh: String,
    pub summary_en: String,
    pub reason: Option<&'a str>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

pub async fn insert(ex: impl SqliteExecutor<'_>, e: &NewEvent<'_>) -> CoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO history (at, actor_id, enterprise_id, entity_type, entity_id, action, summary_zh, summary_en,
                              reason, before_json, after_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&e.at)
    .bind(e.actor_id)
    .bind(e.enterprise_id)
    .bind(e.entity_type)
    .bind(&e.entity_id)
    .bind(e.action)
    .bind(&e.summary_zh)
    .bind(&e.summary_en)
    .bind(e.reason)
    .bind(&e.before_json)
    .bind(&e.after_json)
    .fetch_one(ex)
    .await?)
}

#[derive(Debug, Clone, Serialize, Type, sqlx::FromRow, PartialEq)]
pub struct HistoryRow {
    pub id: i64,
    pub at: String,
    pub actor_name: Option<String>,
    pub actor_role: Option<String>,
    pub enterprise_id: Option<i64>,
    pub entity_type: String,
    pub entity_id: String,
    pub action: String,
    pub summary_zh: String,
    pub summary_en: String,
    pub reason: Option<String>,
}

pub struct HistoryFilter<'a> {
    /// `None`: installation-wide events only are excluded; see `include_global`
    pub enterprise_id: Option<i64>,
    pub entity_type: Option<&'a str>,
    /// also show events without an enterprise (installation settings, demo load)
    pub include_global: bool,
}

const WHERE: &str = "WHERE ((?1 IS NULL) OR h.enterprise_id = ?1 OR (?2 AND h.enterprise_id IS NULL))
      AND (?3 IS NULL OR h.entity_type = ?3)";

/// Newest first by time (ties by id), keyset after `before` = (at, id) of the previous page's last row.
pub async fn list_page(
    ex: impl SqliteExecutor<'_>,
    f: &HistoryFilter<'_>,
    before: Option<(&str, i64)>,
    limit: u32,
) -> CoreResult<Vec<HistoryRow>> {
    let sql = format!(
        "SELECT h.id, h.at, u.name AS actor_name, u.role AS actor_role, h.enterprise_id, h.entity_type,
                h.entity_id, h.action, h.summary_zh, h.summary_en, h.reason
         FROM history h LEFT JOIN users u ON u.id = h.actor_id
         {WHERE} AND (?4 IS NULL OR h.at < ?4 OR (h.at = ?4 AND h.id < ?5))
         ORDER BY h.at DESC, h.id DESC LIMIT ?6"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(f.enterprise_id)
        .bind(f.include_global)
        .bind(f.entity_type)
        .bind(before.map(|b| b.0))
        .bind(before.map(|b| b.1))
        .bind(i64::from(limit))
        .fetch_all(ex)
        .await?)
}

pub async fn count(ex: impl SqliteExecutor<'_>, f: &HistoryFilter<'_>) -> CoreResult<i64> {
    let sql = format!("SELECT COUNT(*) FROM history h {WHERE}");
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(f.enterprise_id)
        .bind(f.include_global)
        .bind(f.entity_type)
        .fetch_one(ex)
        .await?)
}

/// The events of some entities of one enterprise (e.g. every binding of an account), newest first.
/// An account's history: the events of its bindings and those about the account itself (exports).
pub async fn list_for_account(
    ex: impl SqliteExecutor<'_>,
    enterprise_id: i64,
    account_id: i64,
    binding_ids: &[String],
) -> CoreResult<Vec<HistoryRow>> {
    let ids = serde_json::to_string(binding_ids).unwrap_or_else(|_| "[]".into());
    Ok(sqlx::query_as(
        "SELECT h.id, h.at, u.name AS actor_name, u.role AS actor_role, h.enterprise_id, h.entity_type,
                h.entity_id, h.action, h.summary_zh, h.summary_en, h.reason
         FROM history h LEFT JOIN users u ON u.id = h.actor_id
         WHERE h.enterprise_id = ?3
           AND ((h.entity_type = 'binding' AND h.entity_id IN (SELECT value FROM json_each(?1)))
                OR (h.entity_type = 'account' AND h.entity_id = ?2))
         ORDER BY h.at DESC, h.id DESC",
    )
    .bind(ids)
    .bind(account_id.to_string())
    .bind(enterprise_id)
    .fetch_all(ex)
    .await?)
}
