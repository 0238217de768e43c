use sqlx::SqliteExecutor;

use crate::error::CoreResult;
use crate::model::Role;

#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct UserRecord {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub enterprise_id: Option<i64>,
    pub enterprise_name: Option<String>,
    pub agency_id: Option<i64>,
    pub agency_name: Option<String>,
    pub staff_id: Option<i64>,
    pub active: bool,
}

const SELECT: &str = "SELECT u.id, u.name, u.role, u.enterprise_id, e.name AS enterprise_name, u.agency_id,
        ag.name AS agency_name, u.staff_id, u.active
    FROM users u LEFT JOIN enterprises e ON e.id = u.enterprise_id LEFT JOIN agencies ag ON ag.id = u.agency_id";

pub async fn get(ex: impl SqliteExecutor<'_>, id: i64) -> CoreResult<Option<UserRecord>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE u.id = ?"))).bind(id).fetch_optional(ex).await?)
}

pub async fn list_active(ex: impl SqliteExecutor<'_>) -> CoreResult<Vec<UserRecord>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE u.active = 1
         ORDER BY CASE u.role WHEN 'admin' THEN 0 WHEN 'brand_marketing' THEN 1 WHEN 'store_manager' THEN 2
                  WHEN 'leader' THEN 3 WHEN 'employee' THEN 4 WHEN 'agency' THEN 5 ELSE 6 END, u.enterprise_id, u.id"
    )))
    .fetch_all(ex)
    .await?)
}

pub struct NewUser<'a> {
    pub name: &'a str,
    pub role: Role,
    pub enterprise_id: Option<i64>,
    pub agency_id: Option<i64>,
    pub staff_id: Option<i64>,
    pub created_at: String,
}

pub async fn insert(ex: impl SqliteExecutor<'_>, u: &NewUser<'_>) -> CoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO users (name, role, enterprise_id, agency_id, staff_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
         RETURNING id",
    )
    .bind(u.name)
    .bind(u.role.as_str())
    .bind(u.enterprise_id)
    .bind(u.agency_id)
    .bind(u.staff_id)
    .bind(&u.created_at)
    .fetch_one(ex)
    .await?)
}

/// The employee user who is this staff member, if one exists.
pub async fn get_employee_by_staff(ex: impl SqliteExecutor<'_>, staff_id: i64) -> CoreResult<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT id FROM users WHERE role = 'employee' AND staff_id = ? ORDER BY id LIMIT 1")
        .bind(staff_id)
        .fetch_optional(ex)
        .await?)
}

pub async fn insert_store(ex: impl SqliteExecutor<'_>, user_id: i64, store_id: i64) -> CoreResult<()> {
    sqlx::query("INSERT INTO user_stores (user_id, store_id) VALUES (?, ?)")
        .bind(user_id)
        .bind(store_id)
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn list_store_ids(ex: impl SqliteExecutor<'_>, user_id: i64) -> CoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar("SELECT store_id FROM user_stores WHERE user_id = ? ORDER BY store_id")
        .bind(user_id)
        .fetch_all(ex)
        .await?)
}

pub async fn list_store_names(ex: impl SqliteExecutor<'_>, user_id: i64) -> CoreResult<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT s.name FROM user_stores us JOIN stores s ON s.id = us.store_id WHERE us.user_id = ? ORDER BY s.id",
    )
    .bind(user_id)
    .fetch_all(ex)
    .await?)
}

pub async fn get_local_session_user(ex: impl SqliteExecutor<'_>) -> CoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT user_id FROM local_session WHERE id = 1").fetch_optional(ex).await?.unwrap_or(1))
}

pub async fn update_local_session(ex: impl SqliteExecutor<'_>, user_id: i64, at: &str) -> CoreResult<()> {
    sqlx::query(
        "INSERT INTO local_session (id, user_id, switched_at) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET user_id = ?1, switched_at = ?2",
    )
    .bind(user_id)
    .bind(at)
    .execute(ex)
    .await?;
    Ok(())
}

/// A user as the administrator's 用户与角色 page lists them (U-3). The login columns (password hash,
/// external id) are never read here: they do not reach the window.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct UserAdminRecord {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub enterprise_id: Option<i64>,
    pub enterprise_name: Option<String>,
    pub agency_id: Option<i64>,
    pub agency_name: Option<String>,
    pub staff_id: Option<i64>,
    pub staff_name: Option<String>,
    pub phone_masked: Option<String>,
    pub active: bool,
    pub deactivated_at: Option<String>,
    pub created_at: String,
}

const ADMIN_SELECT: &str = "SELECT u.id, u.name, u.role, u.enterprise_id, e.name AS enterprise_name, u.agency_id,
        ag.name AS agency_name, u.staff_id, st.name AS staff_name, u.phone_masked, u.active, u.deactivated_at,
        u.created_at
    FROM users u LEFT JOIN enterprises e ON e.id = u.enterprise_id LEFT JOIN agencies ag ON ag.id = u.agency_id
    LEFT JOIN staff st ON st.id = u.staff_id";

/// Every user, active first, then by role and id.
pub async fn list_admin(ex: impl SqliteExecutor<'_>) -> CoreResult<Vec<UserAdminRecord>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{ADMIN_SELECT}
         ORDER BY u.active DESC, CASE u.role WHEN 'admin' THEN 0 WHEN 'brand_marketing' THEN 1 WHEN 'store_manager' THEN 2
                  WHEN 'leader' THEN 3 WHEN 'employee' THEN 4 WHEN 'agency' THEN 5 ELSE 6 END, u.id"
    )))
    .fetch_all(ex)
    .await?)
}

pub async fn get_admin(ex: impl SqliteExecutor<'_>, id: i64) -> CoreResult<Option<UserAdminRecord>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!("{ADMIN_SELECT} WHERE u.id = ?")))
        .bind(id)
        .fetch_optional(ex)
        .await?)
}

/// The user's role, brand, agency, staff member and phone (U-3).
pub struct UserFacts<'a> {
    pub name: &'a str,
    pub role: Role,
    pub enterprise_id: Option<i64>,
    pub agency_id: Option<i64>,
    pub staff_id: Option<i64>,
    pub phone_hmac: Option<&'a str>,
    pub phone_masked: Option<&'a str>,
}

pub async fn insert_full(ex: impl SqliteExecutor<'_>, u: &UserFacts<'_>, created_at: &str) -> CoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO users (name, role, enterprise_id, agency_id, staff_id, phone_hmac, phone_masked, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(u.name)
    .bind(u.role.as_str())
    .bind(u.enterprise_id)
    .bind(u.agency_id)
    .bind(u.staff_id)
    .bind(u.phone_hmac)
    .bind(u.phone_masked)
    .bind(created_at)
    .fetch_one(ex)
    .await?)
}

pub async fn update_facts(ex: impl SqliteExecutor<'_>, id: i64, u: &UserFacts<'_>) -> CoreResult<()> {
    sqlx::query(
        "UPDATE users SET name = ?, role = ?, enterprise_id = ?, agency_id = ?, staff_id = ?, phone_hmac = ?,
                phone_masked = ? WHERE id = ?",
    )
    .bind(u.name)
    .bind(u.role.as_str())
    .bind(u.enterprise_id)
    .bind(u.agency_id)
    .bind(u.staff_id)
    .bind(u.phone_hmac)
    .bind(u.phone_masked)
    .bind(id)
    .execute(ex)
    .await?;
    Ok(())
}

/// The phone's HMAC of a user (to keep it when an edit leaves the phone out).
pub async fn get_phone_hmac(ex: impl SqliteExecutor<'_>, id: i64) -> CoreResult<Option<String>> {
    Ok(sqlx::query_scalar("SELECT phone_hmac FROM users WHERE id = ?").bind(id).fetch_optional(ex).await?.flatten())
}

/// Deactivates (`at` set) or reactivates (`None`) a user (U-3).
pub async fn update_active(ex: impl SqliteExecutor<'_>, id: i64, deactivated_at: Option<&str>) -> CoreResult<()> {
    sqlx::query("UPDATE users SET active = ?, deactivated_at = ? WHERE id = ?")
        .bind(deactivated_at.is_none())
        .bind(deactivated_at)
        .bind(id)
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn delete_stores(ex: impl SqliteExecutor<'_>, user_id: i64) -> CoreResult<()> {
    sqlx::query("DELETE FROM user_stores WHERE user_id = ?").bind(user_id).execute(ex).await?;
    Ok(())
}

/// Active administrators.
pub async fn count_active_admins(ex: impl SqliteExecutor<'_>) -> CoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1").fetch_one(ex).await?)
}

/// The active store-manager users of the brand with this phone (U-2: a stores sheet's 店长手机号).
pub async fn find_store_managers_by_phone(
    ex: impl SqliteExecutor<'_>,
    enterprise_id: i64,
    phone_hmac: &str,
) -> CoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM users WHERE role = 'store_manager' AND active = 1 AND enterprise_id = ? AND phone_hmac = ?
         ORDER BY id",
    )
    .bind(enterprise_id)
    .bind(phone_hmac)
    .fetch_all(ex)
    .await?)
}

/// Links a store to a store manager unless already linked.
pub async fn insert_store_if_missing(ex: impl SqliteExecutor<'_>, user_id: i64, store_id: i64) -> CoreResult<bool> {
    let done = sqlx::query("INSERT OR IGNORE INTO user_stores (user_id, store_id) VALUES (?, ?)")
        .bind(user_id)
        .bind(store_id)
        .execute(ex)
        .await?;
    Ok(done.rows_affected() > 0)
}
