use super::ex::Ex;
use crate::on;

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

pub async fn get(ex: impl Into<Ex<'_>>, id: i64) -> CoreResult<Option<UserRecord>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE u.id = $1")))
        .bind(id)
        .fetch_optional(c)
        .await)?)
}

pub async fn list_active(ex: impl Into<Ex<'_>>) -> CoreResult<Vec<UserRecord>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE u.active
         ORDER BY CASE u.role WHEN 'admin' THEN 0 WHEN 'brand_marketing' THEN 1 WHEN 'store_manager' THEN 2
                  WHEN 'leader' THEN 3 WHEN 'employee' THEN 4 WHEN 'agency' THEN 5 ELSE 6 END, u.enterprise_id, u.id"
    )))
    .fetch_all(c)
    .await)?)
}

pub struct NewUser<'a> {
    pub name: &'a str,
    pub role: Role,
    pub enterprise_id: Option<i64>,
    pub agency_id: Option<i64>,
    pub staff_id: Option<i64>,
    pub created_at: String,
}

pub async fn insert(ex: impl Into<Ex<'_>>, u: &NewUser<'_>) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "INSERT INTO users (name, role, enterprise_id, agency_id, staff_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id",
    )
    .bind(u.name)
    .bind(u.role.as_str())
    .bind(u.enterprise_id)
    .bind(u.agency_id)
    .bind(u.staff_id)
    .bind(&u.created_at)
    .fetch_one(c)
    .await)?)
}

/// The employee user who is this staff member, if one exists.
pub async fn get_employee_by_staff(ex: impl Into<Ex<'_>>, staff_id: i64) -> CoreResult<Option<i64>> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "SELECT id FROM users WHERE role = 'employee' AND staff_id = $1 ORDER BY id LIMIT 1"
    )
    .bind(staff_id)
    .fetch_optional(c)
    .await)?)
}

/// Renames a user (the first administrator taking the name `kos-server --create-admin` gives, U-4).
pub async fn rename(ex: impl Into<Ex<'_>>, id: i64, name: &str) -> CoreResult<()> {
    on!(ex, |c| sqlx::query("UPDATE users SET name = $1 WHERE id = $2")
        .bind(name)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn insert_store(ex: impl Into<Ex<'_>>, user_id: i64, store_id: i64) -> CoreResult<()> {
    on!(ex, |c| sqlx::query("INSERT INTO user_stores (user_id, store_id) VALUES ($1, $2)")
        .bind(user_id)
        .bind(store_id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn list_store_ids(ex: impl Into<Ex<'_>>, user_id: i64) -> CoreResult<Vec<i64>> {
    Ok(on!(ex, |c| sqlx::query_scalar("SELECT store_id FROM user_stores WHERE user_id = $1 ORDER BY store_id")
        .bind(user_id)
        .fetch_all(c)
        .await)?)
}

pub async fn list_store_names(ex: impl Into<Ex<'_>>, user_id: i64) -> CoreResult<Vec<String>> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "SELECT s.name FROM user_stores us JOIN stores s ON s.id = us.store_id WHERE us.user_id = $1 ORDER BY s.id",
    )
    .bind(user_id)
    .fetch_all(c)
    .await)?)
}

pub async fn get_local_session_user(ex: impl Into<Ex<'_>>) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar("SELECT user_id FROM local_session WHERE id = 1").fetch_optional(c).await)?
        .unwrap_or(1))
}

pub async fn update_local_session(ex: impl Into<Ex<'_>>, user_id: i64, at: &str) -> CoreResult<()> {
    on!(ex, |c| sqlx::query(
        "INSERT INTO local_session (id, user_id, switched_at) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET user_id = $1, switched_at = $2",
    )
    .bind(user_id)
    .bind(at)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
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
pub async fn list_admin(ex: impl Into<Ex<'_>>) -> CoreResult<Vec<UserAdminRecord>> {
    Ok(on!(ex, |c| {
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{ADMIN_SELECT}
         ORDER BY u.active DESC, CASE u.role WHEN 'admin' THEN 0 WHEN 'brand_marketing' THEN 1 WHEN 'store_manager' THEN 2
                  WHEN 'leader' THEN 3 WHEN 'employee' THEN 4 WHEN 'agency' THEN 5 ELSE 6 END, u.id"
    )))
    .fetch_all(c).await
    })?)
}

pub async fn get_admin(ex: impl Into<Ex<'_>>, id: i64) -> CoreResult<Option<UserAdminRecord>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!("{ADMIN_SELECT} WHERE u.id = $1")))
        .bind(id)
        .fetch_optional(c)
        .await)?)
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

pub async fn insert_full(ex: impl Into<Ex<'_>>, u: &UserFacts<'_>, created_at: &str) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "INSERT INTO users (name, role, enterprise_id, agency_id, staff_id, phone_hmac, phone_masked, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(u.name)
    .bind(u.role.as_str())
    .bind(u.enterprise_id)
    .bind(u.agency_id)
    .bind(u.staff_id)
    .bind(u.phone_hmac)
    .bind(u.phone_masked)
    .bind(created_at)
    .fetch_one(c)
    .await)?)
}

pub async fn update_facts(ex: impl Into<Ex<'_>>, id: i64, u: &UserFacts<'_>) -> CoreResult<()> {
    on!(ex, |c| sqlx::query(
        "UPDATE users SET name = $1, role = $2, enterprise_id = $3, agency_id = $4, staff_id = $5, phone_hmac = $6,
                phone_masked = $7 WHERE id = $8",
    )
    .bind(u.name)
    .bind(u.role.as_str())
    .bind(u.enterprise_id)
    .bind(u.agency_id)
    .bind(u.staff_id)
    .bind(u.phone_hmac)
    .bind(u.phone_masked)
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The phone's HMAC of a user (to keep it when an edit leaves the phone out).
pub async fn get_phone_hmac(ex: impl Into<Ex<'_>>, id: i64) -> CoreResult<Option<String>> {
    Ok(on!(ex, |c| sqlx::query_scalar("SELECT phone_hmac FROM users WHERE id = $1").bind(id).fetch_optional(c).await)?
        .flatten())
}

/// Deactivates (`at` set) or reactivates (`None`) a user (U-3).
pub async fn update_active(ex: impl Into<Ex<'_>>, id: i64, deactivated_at: Option<&str>) -> CoreResult<()> {
    on!(ex, |c| sqlx::query("UPDATE users SET active = $1, deactivated_at = $2 WHERE id = $3")
        .bind(deactivated_at.is_none())
        .bind(deactivated_at)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete_stores(ex: impl Into<Ex<'_>>, user_id: i64) -> CoreResult<()> {
    on!(ex, |c| sqlx::query("DELETE FROM user_stores WHERE user_id = $1")
        .bind(user_id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Active administrators.
pub async fn count_active_admins(ex: impl Into<Ex<'_>>) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active")
        .fetch_one(c)
        .await)?)
}

/// The active store-manager users of the brand with this phone (U-2: a stores sheet's 店长手机号).
pub async fn find_store_managers_by_phone(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    phone_hmac: &str,
) -> CoreResult<Vec<i64>> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "SELECT id FROM users WHERE role = 'store_manager' AND active AND enterprise_id = $1 AND phone_hmac = $2
         ORDER BY id",
    )
    .bind(enterprise_id)
    .bind(phone_hmac)
    .fetch_all(c)
    .await)?)
}

/// Links a store to a store manager unless already linked.
pub async fn insert_store_if_missing(ex: impl Into<Ex<'_>>, user_id: i64, store_id: i64) -> CoreResult<bool> {
    let done =
        on!(ex, |c| sqlx::query("INSERT INTO user_stores (user_id, store_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(user_id)
            .bind(store_id)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    Ok(done > 0)
}
