use super::ex::Ex;
use crate::on;

use crate::error::CoreResult;

/// The row in force for a key: the newest for the enterprise, else the newest installation-wide one.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct SettingRecord {
    pub key: String,
    pub value: i64,
    pub enterprise_id: Option<i64>,
    pub set_at: String,
    pub set_by_name: Option<String>,
}

pub async fn list_in_force(ex: impl Into<Ex<'_>>, enterprise_id: Option<i64>) -> CoreResult<Vec<SettingRecord>> {
    Ok(on!(ex, |c| sqlx::query_as(
        "SELECT r.key, r.value, r.enterprise_id, r.set_at, u.name AS set_by_name
         FROM rule_settings r LEFT JOIN users u ON u.id = r.set_by
         WHERE r.id IN (
             SELECT (SELECT id FROM rule_settings x
                      WHERE x.key = k.key AND (x.enterprise_id IS NULL OR x.enterprise_id = $1)
                      ORDER BY x.enterprise_id IS NULL, x.id DESC LIMIT 1)
             FROM (SELECT DISTINCT key FROM rule_settings) k)",
    )
    .bind(enterprise_id)
    .fetch_all(c)
    .await)?)
}

pub struct NewSetting<'a> {
    pub enterprise_id: Option<i64>,
    pub key: &'a str,
    pub value: i64,
    pub set_by: i64,
    pub set_at: String,
    pub reason: &'a str,
}

pub async fn insert(ex: impl Into<Ex<'_>>, s: &NewSetting<'_>) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "INSERT INTO rule_settings (enterprise_id, key, value, set_by, set_at, reason) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id",
    )
    .bind(s.enterprise_id)
    .bind(s.key)
    .bind(s.value)
    .bind(s.set_by)
    .bind(&s.set_at)
    .bind(s.reason)
    .fetch_one(c)
    .await)?)
}
