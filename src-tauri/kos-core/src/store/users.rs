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
