use super::ex::{json_list, Ex};
use crate::api::types::stores::StoreRow;
use crate::on;

use crate::error::CoreResult;

/// What the queries read for [`StoreRow`], named by their columns.
#[derive(sqlx::FromRow)]
struct DbStoreRow {
    id: i64,
    name: String,
    city: String,
    district: String,
    address: String,
    opened_on: String,
    staff_count: i64,
    manager_name: Option<String>,
    closed_on: Option<String>,
    manager_phone_masked: Option<String>,
}

impl From<DbStoreRow> for StoreRow {
    fn from(r: DbStoreRow) -> Self {
        Self {
            id: r.id,
            name: r.name,
            city: r.city,
            district: r.district,
            address: r.address,
            opened_on: r.opened_on,
            staff_count: r.staff_count,
            manager_name: r.manager_name,
            closed_on: r.closed_on,
            manager_phone_masked: r.manager_phone_masked,
        }
    }
}

pub struct NewStore<'a> {
    pub enterprise_id: i64,
    pub name: &'a str,
    pub city: &'a str,
    pub district: &'a str,
    pub address: &'a str,
    pub opened_on: String,
}

pub async fn insert(ex: impl Into<Ex<'_>>, s: &NewStore<'_>) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "INSERT INTO stores (enterprise_id, name, city, district, address, opened_on) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id",
    )
    .bind(s.enterprise_id)
    .bind(s.name)
    .bind(s.city)
    .bind(s.district)
    .bind(s.address)
    .bind(&s.opened_on)
    .fetch_one(c)
    .await)?)
}

/// The enterprise's stores with their current staff count and manager (a store-manager user), optionally
/// only the given stores.
pub async fn list(ex: impl Into<Ex<'_>>, enterprise_id: i64, only: Option<&[i64]>) -> CoreResult<Vec<StoreRow>> {
    let only_json = only.map(json_list);
    Ok(on!(ex, |db, d| sqlx::query_as::<_, DbStoreRow>(sqlx::AssertSqlSafe(d.sql(
        "SELECT s.id, s.name, s.city, s.district, s.address, s.opened_on,
                (SELECT COUNT(*) FROM staff st WHERE st.store_id = s.id AND st.left_on IS NULL) AS staff_count,
                (SELECT u.name FROM user_stores us JOIN users u ON u.id = us.user_id
                  WHERE us.store_id = s.id AND u.role = 'store_manager' AND u.active
                  ORDER BY u.id LIMIT 1) AS manager_name,
                s.closed_on, s.manager_phone_masked
         FROM stores s
         WHERE s.enterprise_id = $1 AND ($2 IS NULL OR s.id IN (SELECT CAST(value AS BIGINT) FROM json_each($2)))
         ORDER BY s.closed_on IS NOT NULL, s.city, s.id"
    )))
    .bind(enterprise_id)
    .bind(only_json)
    .fetch_all(db)
    .await)?
    .into_iter()
    .map(StoreRow::from)
    .collect())
}

pub async fn count(ex: impl Into<Ex<'_>>, enterprise_id: Option<i64>) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar("SELECT COUNT(*) FROM stores WHERE $1 IS NULL OR enterprise_id = $1")
        .bind(enterprise_id)
        .fetch_one(c)
        .await)?)
}

pub async fn get_enterprise_of(ex: impl Into<Ex<'_>>, store_id: i64) -> CoreResult<Option<i64>> {
    Ok(on!(ex, |c| sqlx::query_scalar("SELECT enterprise_id FROM stores WHERE id = $1")
        .bind(store_id)
        .fetch_optional(c)
        .await)?)
}

/// One store with its brand, open or closed (U-2).
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct StoreRecord {
    pub id: i64,
    pub enterprise_id: i64,
    pub name: String,
    pub city: String,
    pub district: String,
    pub address: String,
    pub opened_on: String,
    pub closed_on: Option<String>,
    pub manager_phone_hmac: Option<String>,
    pub manager_phone_masked: Option<String>,
}

const RECORD: &str =
    "SELECT id, enterprise_id, name, city, district, address, opened_on, closed_on, manager_phone_hmac,
        manager_phone_masked FROM stores";

pub async fn get(ex: impl Into<Ex<'_>>, id: i64) -> CoreResult<Option<StoreRecord>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!("{RECORD} WHERE id = $1")))
        .bind(id)
        .fetch_optional(c)
        .await)?)
}

/// Every store of the brand, open and closed, by id.
pub async fn list_records(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<Vec<StoreRecord>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!("{RECORD} WHERE enterprise_id = $1 ORDER BY id")))
        .bind(enterprise_id)
        .fetch_all(c)
        .await)?)
}

/// The editable facts of a store (U-2).
pub struct StoreFacts<'a> {
    pub name: &'a str,
    pub city: &'a str,
    pub district: &'a str,
    pub address: &'a str,
    pub manager_phone_hmac: Option<&'a str>,
    pub manager_phone_masked: Option<&'a str>,
}

pub async fn update_facts(ex: impl Into<Ex<'_>>, id: i64, f: &StoreFacts<'_>) -> CoreResult<()> {
    on!(ex, |c| sqlx::query(
        "UPDATE stores SET name = $1, city = $2, district = $3, address = $4, manager_phone_hmac = $5,
                manager_phone_masked = $6 WHERE id = $7",
    )
    .bind(f.name)
    .bind(f.city)
    .bind(f.district)
    .bind(f.address)
    .bind(f.manager_phone_hmac)
    .bind(f.manager_phone_masked)
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Closes a store from `on` (U-2); `None` opens it again.
pub async fn update_closed_on(ex: impl Into<Ex<'_>>, id: i64, on: Option<&str>) -> CoreResult<()> {
    on!(ex, |c| sqlx::query("UPDATE stores SET closed_on = $1 WHERE id = $2")
        .bind(on)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Open stores of the brand (those counted against its declared 申报线下门店数).
pub async fn count_open(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar("SELECT COUNT(*) FROM stores WHERE enterprise_id = $1 AND closed_on IS NULL")
        .bind(enterprise_id)
        .fetch_one(c)
        .await)?)
}
