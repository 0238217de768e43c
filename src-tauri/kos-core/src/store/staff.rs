use super::ex::{json_list, Ex};
use crate::api::types::staff::StaffRow;
use crate::on;

use crate::error::CoreResult;
use crate::model::BindingMode;

/// What the queries read for [`StaffRow`], named by their columns.
#[derive(sqlx::FromRow)]
struct DbStaffRow {
    id: i64,
    name: String,
    store_id: i64,
    store_name: String,
    id_masked: String,
    hired_on: String,
    #[sqlx(default)]
    employee_no: Option<String>,
    #[sqlx(default)]
    position: Option<String>,
    #[sqlx(default)]
    phone_masked: Option<String>,
    xhs_id: Option<String>,
    nickname: Option<String>,
    followers: Option<i64>,
    binding_mode: Option<BindingMode>,
    job_title: Option<String>,
}

impl From<DbStaffRow> for StaffRow {
    fn from(r: DbStaffRow) -> Self {
        Self {
            id: r.id,
            name: r.name,
            store_id: r.store_id,
            store_name: r.store_name,
            id_masked: r.id_masked,
            hired_on: r.hired_on,
            employee_no: r.employee_no,
            position: r.position,
            phone_masked: r.phone_masked,
            xhs_id: r.xhs_id,
            nickname: r.nickname,
            followers: r.followers,
            binding_mode: r.binding_mode,
            job_title: r.job_title,
        }
    }
}

pub struct NewStaff<'a> {
    pub enterprise_id: i64,
    pub store_id: i64,
    pub name: &'a str,
    pub id_hmac: String,
    pub id_masked: String,
    pub phone_masked: Option<String>,
    pub hired_on: String,
    pub created_at: String,
}

pub async fn insert(ex: impl Into<Ex<'_>>, s: &NewStaff<'_>) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "INSERT INTO staff (enterprise_id, store_id, name, id_hmac, id_masked, phone_masked, hired_on, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(s.enterprise_id)
    .bind(s.store_id)
    .bind(s.name)
    .bind(&s.id_hmac)
    .bind(&s.id_masked)
    .bind(&s.phone_masked)
    .bind(&s.hired_on)
    .bind(&s.created_at)
    .fetch_one(c)
    .await)?)
}

pub struct StaffFilter<'a> {
    pub enterprise_id: i64,
    pub store_id: Option<i64>,
    /// restrict to these stores (store managers)
    pub stores: Option<&'a [i64]>,
    /// matched against the name, the 小红书号 and the nickname
    pub keyword: Option<&'a str>,
}

const FROM_WHERE: &str = "
    FROM staff s
    JOIN stores st ON st.id = s.store_id
    LEFT JOIN bindings b ON b.staff_id = s.id AND b.status IN ('invited', 'active', 'frozen')
    LEFT JOIN xhs_accounts a ON a.id = b.account_id
    WHERE s.enterprise_id = $1
      AND ($2 IS NULL OR s.store_id = $2)
      AND ($3 IS NULL OR s.store_id IN (SELECT CAST(value AS BIGINT) FROM json_each($3)))
      AND ($4 IS NULL OR instr(s.name, $4) > 0 OR instr(a.xhs_id, $4) > 0 OR instr(a.nickname, $4) > 0
           OR s.employee_no = $4)
      AND s.left_on IS NULL";

fn stores_json(f: &StaffFilter<'_>) -> Option<String> {
    f.stores.map(json_list)
}

/// One keyset page ordered by staff id; fetches `limit` rows after `after_id`.
pub async fn list_page(
    ex: impl Into<Ex<'_>>,
    f: &StaffFilter<'_>,
    after_id: Option<i64>,
    limit: u32,
) -> CoreResult<Vec<StaffRow>> {
    let sql = format!(
        "SELECT s.id, s.name, s.store_id, st.name AS store_name, COALESCE(s.id_masked, '') AS id_masked,
                s.hired_on AS hired_on, s.employee_no, s.position, s.phone_masked, a.xhs_id, a.nickname, a.followers, b.mode AS binding_mode, b.job_title
         {FROM_WHERE} AND ($5 IS NULL OR s.id > $5)
         ORDER BY s.id LIMIT $6"
    );
    Ok(on!(ex, |c, d| sqlx::query_as::<_, DbStaffRow>(sqlx::AssertSqlSafe(d.sql(&sql)))
        .bind(f.enterprise_id)
        .bind(f.store_id)
        .bind(stores_json(f))
        .bind(f.keyword)
        .bind(after_id)
        .bind(i64::from(limit))
        .fetch_all(c)
        .await)?
    .into_iter()
    .map(StaffRow::from)
    .collect())
}

pub async fn count(ex: impl Into<Ex<'_>>, f: &StaffFilter<'_>) -> CoreResult<i64> {
    let sql = format!("SELECT COUNT(*) {FROM_WHERE}");
    Ok(on!(ex, |c, d| sqlx::query_scalar(sqlx::AssertSqlSafe(d.sql(&sql)))
        .bind(f.enterprise_id)
        .bind(f.store_id)
        .bind(stores_json(f))
        .bind(f.keyword)
        .fetch_one(c)
        .await)?)
}

pub async fn count_all(ex: impl Into<Ex<'_>>, enterprise_id: Option<i64>) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM staff WHERE ($1 IS NULL OR enterprise_id = $1) AND left_on IS NULL"
    )
    .bind(enterprise_id)
    .fetch_one(c)
    .await)?)
}

/// Every stored ID-number field, for the privacy test that no plain ID number is kept.
pub async fn list_id_fields(ex: impl Into<Ex<'_>>) -> CoreResult<Vec<(String, String)>> {
    Ok(on!(ex, |c| sqlx::query_as("SELECT id_hmac, id_masked FROM staff WHERE id_hmac IS NOT NULL")
        .fetch_all(c)
        .await)?)
}

#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct StaffRecord {
    pub id: i64,
    pub enterprise_id: i64,
    pub store_id: i64,
    pub name: String,
    /// `None` on a roster row until an invitation brings the ID number (U-2)
    pub id_hmac: Option<String>,
    pub id_masked: Option<String>,
    pub left_on: Option<String>,
}

const RECORD: &str = "SELECT id, enterprise_id, store_id, name, id_hmac, id_masked, left_on FROM staff";

pub async fn get(ex: impl Into<Ex<'_>>, id: i64) -> CoreResult<Option<StaffRecord>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!("{RECORD} WHERE id = $1")))
        .bind(id)
        .fetch_optional(c)
        .await)?)
}

/// The enterprise's current staff member with this ID-number HMAC.
pub async fn find_current_by_id_hmac(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    id_hmac: &str,
) -> CoreResult<Option<StaffRecord>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{RECORD} WHERE id_hmac = $1 AND enterprise_id = $2 AND left_on IS NULL ORDER BY id LIMIT 1"
    )))
    .bind(id_hmac)
    .bind(enterprise_id)
    .fetch_optional(c)
    .await)?)
}
