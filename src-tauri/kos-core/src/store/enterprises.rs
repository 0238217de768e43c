use super::ex::Ex;
use crate::api::types::enterprises::EnterpriseSummary;
use crate::on;

use crate::error::CoreResult;

/// What the queries read for [`EnterpriseSummary`], named by their columns.
#[derive(sqlx::FromRow)]
struct DbEnterpriseSummary {
    id: i64,
    name: String,
    industry: String,
    city: String,
    store_count: i64,
}

impl From<DbEnterpriseSummary> for EnterpriseSummary {
    fn from(r: DbEnterpriseSummary) -> Self {
        Self { id: r.id, name: r.name, industry: r.industry, city: r.city, store_count: r.store_count }
    }
}

/// A brand's stored facts (the services' view; the UI reads `EnterpriseDetail`).
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct EnterpriseRow {
    pub id: i64,
    pub name: String,
    pub industry: String,
    pub city: String,
    pub store_count: i64,
    pub professional_account: bool,
    pub staff_mgmt_permission: bool,
    pub last_serious_violation_at: Option<String>,
    pub invite_ban_until: Option<String>,
    pub created_at: String,
}

pub struct NewEnterprise<'a> {
    pub name: &'a str,
    pub industry: &'a str,
    pub city: &'a str,
    pub store_count: i64,
    pub professional_account: bool,
    pub staff_mgmt_permission: bool,
    pub last_serious_violation_at: Option<String>,
    pub created_at: String,
}

pub async fn insert(ex: impl Into<Ex<'_>>, e: &NewEnterprise<'_>) -> CoreResult<i64> {
    let id = on!(ex, |c| sqlx::query_scalar(
        "INSERT INTO enterprises (name, industry, city, store_count, professional_account, staff_mgmt_permission,
                                  last_serious_violation_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(e.name)
    .bind(e.industry)
    .bind(e.city)
    .bind(e.store_count)
    .bind(e.professional_account)
    .bind(e.staff_mgmt_permission)
    .bind(&e.last_serious_violation_at)
    .bind(&e.created_at)
    .fetch_one(c)
    .await)?;
    Ok(id)
}

pub async fn list(ex: impl Into<Ex<'_>>) -> CoreResult<Vec<EnterpriseSummary>> {
    Ok(on!(ex, |c| sqlx::query_as::<_, DbEnterpriseSummary>(
        "SELECT id, name, industry, city, store_count FROM enterprises ORDER BY id"
    )
    .fetch_all(c)
    .await)?
    .into_iter()
    .map(EnterpriseSummary::from)
    .collect())
}

pub async fn get(ex: impl Into<Ex<'_>>, id: i64) -> CoreResult<Option<EnterpriseRow>> {
    Ok(on!(ex, |c| sqlx::query_as(
        "SELECT id, name, industry, city, store_count, professional_account, staff_mgmt_permission,
                last_serious_violation_at, invite_ban_until, created_at
         FROM enterprises WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(c)
    .await)?)
}

pub async fn count(ex: impl Into<Ex<'_>>) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar("SELECT COUNT(*) FROM enterprises").fetch_one(c).await)?)
}

pub async fn insert_agency(ex: impl Into<Ex<'_>>, name: &str, created_at: &str) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar("INSERT INTO agencies (name, created_at) VALUES ($1, $2) RETURNING id")
        .bind(name)
        .bind(created_at)
        .fetch_one(c)
        .await)?)
}

pub async fn insert_agency_brand(
    ex: impl Into<Ex<'_>>,
    agency_id: i64,
    enterprise_id: i64,
    reported_at: &str,
) -> CoreResult<()> {
    on!(ex, |c| sqlx::query("INSERT INTO agency_brands (agency_id, enterprise_id, reported_at) VALUES ($1, $2, $3)")
        .bind(agency_id)
        .bind(enterprise_id)
        .bind(reported_at)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Brands that reported the agency (B-21).
pub async fn list_agency_brands(ex: impl Into<Ex<'_>>, agency_id: i64) -> CoreResult<Vec<i64>> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "SELECT enterprise_id FROM agency_brands WHERE agency_id = $1 ORDER BY enterprise_id"
    )
    .bind(agency_id)
    .fetch_all(c)
    .await)?)
}

/// Names of the agencies a brand reported.
pub async fn list_reported_agencies(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<Vec<String>> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "SELECT a.name FROM agency_brands ab JOIN agencies a ON a.id = ab.agency_id
         WHERE ab.enterprise_id = $1 ORDER BY a.name",
    )
    .bind(enterprise_id)
    .fetch_all(c)
    .await)?)
}

/// Sets the end of the invitation ban after a non-compliant employment proof (B-15).
pub async fn update_invite_ban(ex: impl Into<Ex<'_>>, id: i64, until: &str) -> CoreResult<()> {
    on!(ex, |c| sqlx::query("UPDATE enterprises SET invite_ban_until = $1 WHERE id = $2")
        .bind(until)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Enterprise ids with their names, for messages.
pub async fn get_name(ex: impl Into<Ex<'_>>, id: i64) -> CoreResult<Option<String>> {
    Ok(on!(ex, |c| sqlx::query_scalar("SELECT name FROM enterprises WHERE id = $1").bind(id).fetch_optional(c).await)?)
}

/// The B-1 facts and the brand's name, industry and city (U-1).
pub struct EnterpriseFacts<'a> {
    pub name: &'a str,
    pub industry: &'a str,
    pub city: &'a str,
    pub store_count: i64,
    pub professional_account: bool,
    pub staff_mgmt_permission: bool,
    pub last_serious_violation_at: Option<&'a str>,
}

pub async fn update_facts(ex: impl Into<Ex<'_>>, id: i64, f: &EnterpriseFacts<'_>) -> CoreResult<()> {
    on!(ex, |c| sqlx::query(
        "UPDATE enterprises SET name = $1, industry = $2, city = $3, store_count = $4, professional_account = $5,
                staff_mgmt_permission = $6, last_serious_violation_at = $7 WHERE id = $8",
    )
    .bind(f.name)
    .bind(f.industry)
    .bind(f.city)
    .bind(f.store_count)
    .bind(f.professional_account)
    .bind(f.staff_mgmt_permission)
    .bind(f.last_serious_violation_at)
    .bind(id)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The brand with this name, if any.
pub async fn find_by_name(ex: impl Into<Ex<'_>>, name: &str) -> CoreResult<Option<i64>> {
    Ok(on!(ex, |c| sqlx::query_scalar("SELECT id FROM enterprises WHERE name = $1")
        .bind(name)
        .fetch_optional(c)
        .await)?)
}

/// An agency with its id and the brands that reported it.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct AgencyRecord {
    pub id: i64,
    pub name: String,
}

pub async fn find_agency_by_name(ex: impl Into<Ex<'_>>, name: &str) -> CoreResult<Option<AgencyRecord>> {
    Ok(on!(ex, |c| sqlx::query_as("SELECT id, name FROM agencies WHERE name = $1").bind(name).fetch_optional(c).await)?)
}

pub async fn get_agency(ex: impl Into<Ex<'_>>, id: i64) -> CoreResult<Option<AgencyRecord>> {
    Ok(on!(ex, |c| sqlx::query_as("SELECT id, name FROM agencies WHERE id = $1").bind(id).fetch_optional(c).await)?)
}

pub async fn list_agencies(ex: impl Into<Ex<'_>>) -> CoreResult<Vec<AgencyRecord>> {
    Ok(on!(ex, |c| sqlx::query_as("SELECT id, name FROM agencies ORDER BY name").fetch_all(c).await)?)
}

/// Whether the brand reported the agency (B-21).
pub async fn is_reported(ex: impl Into<Ex<'_>>, agency_id: i64, enterprise_id: i64) -> CoreResult<bool> {
    Ok(on!(ex, |c| sqlx::query_scalar::<_, bool>(
        "SELECT EXISTS (SELECT 1 FROM agency_brands WHERE agency_id = $1 AND enterprise_id = $2)"
    )
    .bind(agency_id)
    .bind(enterprise_id)
    .fetch_one(c)
    .await)?)
}

pub async fn delete_agency_brand(ex: impl Into<Ex<'_>>, agency_id: i64, enterprise_id: i64) -> CoreResult<()> {
    on!(ex, |c| sqlx::query("DELETE FROM agency_brands WHERE agency_id = $1 AND enterprise_id = $2")
        .bind(agency_id)
        .bind(enterprise_id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}
