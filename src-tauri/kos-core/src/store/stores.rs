use serde::Serialize;
use specta::Type;
use sqlx::SqliteExecutor;

use crate::error::CoreResult;

#[derive(Debug, Clone, Serialize, Type, sqlx::FromRow, PartialEq)]
pub struct StoreRow {
    pub id: i64,
    pub name: String,
    pub city: String,
    pub district: String,
    pub address: String,
    pub opened_on: String,
    pub staff_count: i64,
    pub manager_name: Option<String>,
}

pub struct NewStore<'a> {
    pub enterprise_id: i64,
    pub name: &'a str,
    pub city: &'a str,
    pub district: &'a str,
    pub address: &'a str,
    pub opened_on: String,
}

pub async fn insert(ex: impl SqliteExecutor<'_>, s: &NewStore<'_>) -> CoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO stores (enterprise_id, name, city, district, address, opened_on) VALUES (?, ?, ?, ?, ?, ?)
         RETURNING id",
    )
    .bind(s.enterprise_id)
    .bind(s.name)
    .bind(s.city)
    .bind(s.district)
    .bind(s.address)
    .bind(&s.opened_on)
    .fetch_one(ex)
    .await?)
}

/// The enterprise's stores with their current staff count and manager (a store-manager user), optionally
/// only the given stores.
pub async fn list(ex: impl SqliteExecutor<'_>, enterprise_id: i64, only: Option<&[i64]>) -> CoreResult<Vec<StoreRow>> {
    let only_json = only.map(|ids| serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()));
    Ok(sqlx::query_as(
        "SELECT s.id, s.name, s.city, s.district, s.address, s.opened_on,
                (SELECT COUNT(*) FROM staff st WHERE st.store_id = s.id AND st.left_on IS NULL) AS staff_count,
                (SELECT u.name FROM user_stores us JOIN users u ON u.id = us.user_id
                  WHERE us.store_id = s.id AND u.role = 'store_manager' ORDER BY u.id LIMIT 1) AS manager_name
         FROM stores s
         WHERE s.enterprise_id = ?1 AND (?2 IS NULL OR s.id IN (SELECT value FROM json_each(?2)))
         ORDER BY s.city, s.id",
    )
    .bind(enterprise_id)
    .bind(only_json)
    .fetch_all(ex)
    .await?)
}

pub async fn count(ex: impl SqliteExecutor<'_>, enterprise_id: Option<i64>) -> CoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM stores WHERE ?1 IS NULL OR enterprise_id = ?1")
        .bind(enterprise_id)
        .fetch_one(ex)
        .await?)
}

pub async fn get_enterprise_of(ex: impl SqliteExecutor<'_>, store_id: i64) -> CoreResult<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT enterprise_id FROM stores WHERE id = ?").bind(store_id).fetch_optional(ex).await?)
}
