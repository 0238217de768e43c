//! The staff roster (U-2): staff rows as the HR sheet sees them, their upsert by 工号, 离职, and an
//! invitation attaching to a roster row (B-10).

use std::collections::HashMap;

use super::ex::Ex;
use crate::on;

use crate::error::CoreResult;
use crate::model::{BindingMode, BindingStatus};

/// A staff row with what the roster compares.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct RosterStaff {
    pub id: i64,
    pub enterprise_id: i64,
    pub store_id: i64,
    pub name: String,
    pub employee_no: Option<String>,
    pub position: Option<String>,
    pub phone_hmac: Option<String>,
    pub phone_masked: Option<String>,
    pub hired_on: String,
    pub left_on: Option<String>,
    /// the ID number arrived (an invitation was sent)
    pub has_id: bool,
}

const SELECT: &str = "SELECT id, enterprise_id, store_id, name, employee_no, position, phone_hmac, phone_masked,
        hired_on, left_on, id_hmac IS NOT NULL AS has_id FROM staff";

/// Every staff row of the brand (current and left), by id.
pub async fn list(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<Vec<RosterStaff>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE enterprise_id = $1 ORDER BY id")))
        .bind(enterprise_id)
        .fetch_all(c)
        .await)?)
}

pub async fn get(ex: impl Into<Ex<'_>>, id: i64) -> CoreResult<Option<RosterStaff>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1")))
        .bind(id)
        .fetch_optional(c)
        .await)?)
}

/// A roster row as written (new or changed).
#[derive(Debug, Clone, PartialEq)]
pub struct RosterFields {
    pub store_id: i64,
    pub name: String,
    pub employee_no: String,
    pub position: Option<String>,
    pub phone_hmac: Option<String>,
    pub phone_masked: Option<String>,
    pub hired_on: String,
    pub left_on: Option<String>,
}

pub async fn insert(ex: impl Into<Ex<'_>>, enterprise_id: i64, f: &RosterFields, created_at: &str) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "INSERT INTO staff (enterprise_id, store_id, name, employee_no, position, phone_hmac, phone_masked, hired_on,
                            left_on, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(enterprise_id)
    .bind(f.store_id)
    .bind(&f.name)
    .bind(&f.employee_no)
    .bind(&f.position)
    .bind(&f.phone_hmac)
    .bind(&f.phone_masked)
    .bind(&f.hired_on)
    .bind(&f.left_on)
    .bind(created_at)
    .fetch_one(c)
    .await)?)
}

pub async fn update(ex: impl Into<Ex<'_>>, id: i64, f: &RosterFields) -> CoreResult<()> {
    on!(ex, |c| {
        sqlx::query(
        "UPDATE staff SET store_id = $1, name = $2, employee_no = $3, position = $4, phone_hmac = $5, phone_masked = $6,
                          hired_on = $7, left_on = $8
         WHERE id = $9",
    )
    .bind(f.store_id)
    .bind(&f.name)
    .bind(&f.employee_no)
    .bind(&f.position)
    .bind(&f.phone_hmac)
    .bind(&f.phone_masked)
    .bind(&f.hired_on)
    .bind(&f.left_on)
    .bind(id)
    .execute(c).await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Inserts roster rows with consecutive ids after the highest, in multi-row INSERTs; returns their ids in
/// order. Call inside a write transaction (no other row can take those ids meanwhile).
pub async fn insert_many(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    rows: &[&RosterFields],
    created_at: &str,
) -> CoreResult<Vec<i64>> {
    let mut ex = ex.into();
    let first: i64 =
        on!(&mut ex, |db| sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM staff").fetch_one(db).await)?;
    let ids: Vec<i64> = (0..rows.len() as i64).map(|i| first + i).collect();
    for (chunk, id_chunk) in rows.chunks(1_000).zip(ids.chunks(1_000)) {
        on!(&mut ex, |db| {
            let mut qb = sqlx::QueryBuilder::new(
                "INSERT INTO staff (id, enterprise_id, store_id, name, employee_no, position, phone_hmac, phone_masked,
                                    hired_on, left_on, created_at) ",
            );
            qb.push_values(chunk.iter().zip(id_chunk), |mut b, (f, id)| {
                b.push_bind(*id)
                    .push_bind(enterprise_id)
                    .push_bind(f.store_id)
                    .push_bind(f.name.clone())
                    .push_bind(f.employee_no.clone())
                    .push_bind(f.position.clone())
                    .push_bind(f.phone_hmac.clone())
                    .push_bind(f.phone_masked.clone())
                    .push_bind(f.hired_on.clone())
                    .push_bind(f.left_on.clone())
                    .push_bind(created_at.to_string());
            });
            qb.build().execute(db).await.map(|r| r.rows_affected())
        })?;
    }
    super::ex::after_explicit_ids(&mut ex, "staff").await?;
    Ok(ids)
}

/// Marks a current staff member as left on `left_on`; false when they had left already.
pub async fn set_left(ex: impl Into<Ex<'_>>, id: i64, left_on: &str) -> CoreResult<bool> {
    let done = on!(ex, |c| sqlx::query("UPDATE staff SET left_on = $1 WHERE id = $2 AND left_on IS NULL")
        .bind(left_on)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// A live binding (invited, bound or frozen) of a staff member.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct LiveBinding {
    pub id: i64,
    pub staff_id: i64,
    pub account_id: i64,
    pub xhs_id: String,
    pub nickname: String,
    pub mode: BindingMode,
    pub status: BindingStatus,
    pub job_title: String,
    pub invited_at: String,
    pub effective_at: Option<String>,
}

pub async fn list_live_bindings(ex: impl Into<Ex<'_>>, staff_id: i64) -> CoreResult<Vec<LiveBinding>> {
    Ok(on!(ex, |c| sqlx::query_as(
        "SELECT b.id, b.staff_id, b.account_id, a.xhs_id, a.nickname, b.mode, b.status, b.job_title, b.invited_at,
                b.effective_at
         FROM bindings b JOIN xhs_accounts a ON a.id = b.account_id
         WHERE b.staff_id = $1 AND b.status IN ('invited', 'active', 'frozen') ORDER BY b.id",
    )
    .bind(staff_id)
    .fetch_all(c)
    .await)?)
}

/// Live bindings per staff member of the brand.
pub async fn count_live_bindings(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<HashMap<i64, i64>> {
    let rows: Vec<(i64, i64)> = on!(ex, |c| sqlx::query_as(
        "SELECT staff_id, COUNT(*) FROM bindings
         WHERE enterprise_id = $1 AND status IN ('invited', 'active', 'frozen') GROUP BY staff_id",
    )
    .bind(enterprise_id)
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().collect())
}

/// Current roster rows an invitation may attach to: in the store, with this name, no ID number yet; with
/// `employee_no`, only the row with that 工号.
pub async fn list_attachable(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    store_id: i64,
    name: &str,
    employee_no: Option<&str>,
) -> CoreResult<Vec<i64>> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "SELECT id FROM staff
         WHERE enterprise_id = $1 AND store_id = $2 AND name = $3 AND id_hmac IS NULL AND left_on IS NULL
           AND ($4 IS NULL OR employee_no = $4)
         ORDER BY id",
    )
    .bind(enterprise_id)
    .bind(store_id)
    .bind(name)
    .bind(employee_no)
    .fetch_all(c)
    .await)?)
}

/// The brand's staff row with this 工号, current or left.
pub async fn get_by_employee_no(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    employee_no: &str,
) -> CoreResult<Option<RosterStaff>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE enterprise_id = $1 AND employee_no = $2"
    )))
    .bind(enterprise_id)
    .bind(employee_no)
    .fetch_optional(c)
    .await)?)
}

/// Records the ID number an invitation brought on a roster row that had none; false when it had one.
pub async fn attach_id(ex: impl Into<Ex<'_>>, id: i64, id_hmac: &str, id_masked: &str) -> CoreResult<bool> {
    let done =
        on!(ex, |c| sqlx::query("UPDATE staff SET id_hmac = $1, id_masked = $2 WHERE id = $3 AND id_hmac IS NULL")
            .bind(id_hmac)
            .bind(id_masked)
            .bind(id)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}
