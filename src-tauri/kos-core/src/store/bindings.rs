use sqlx::SqliteExecutor;

use crate::error::CoreResult;
use crate::model::{BindingMode, BindingStatus};

pub struct NewBinding<'a> {
    pub enterprise_id: i64,
    pub account_id: i64,
    pub staff_id: i64,
    pub mode: BindingMode,
    pub job_title: &'a str,
    pub status: BindingStatus,
    pub invited_by: i64,
    pub invited_at: String,
    pub effective_at: Option<String>,
    pub ended_at: Option<String>,
    pub end_reason: Option<&'a str>,
}

pub async fn insert(ex: impl SqliteExecutor<'_>, b: &NewBinding<'_>) -> CoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO bindings (enterprise_id, account_id, staff_id, mode, job_title, status, invited_by,
                               invited_at, effective_at, ended_at, end_reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(b.enterprise_id)
    .bind(b.account_id)
    .bind(b.staff_id)
    .bind(b.mode.as_str())
    .bind(b.job_title)
    .bind(b.status.as_str())
    .bind(b.invited_by)
    .bind(&b.invited_at)
    .bind(&b.effective_at)
    .bind(&b.ended_at)
    .bind(b.end_reason)
    .fetch_one(ex)
    .await?)
}

/// Live (active or frozen) bindings of an enterprise by mode: (enterprise, personal).
pub async fn count_live_by_mode(ex: impl SqliteExecutor<'_>, enterprise_id: i64) -> CoreResult<(i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT COALESCE(SUM(mode = 'enterprise'), 0), COALESCE(SUM(mode = 'personal'), 0)
         FROM bindings WHERE enterprise_id = ? AND status IN ('active', 'frozen')",
    )
    .bind(enterprise_id)
    .fetch_one(ex)
    .await?)
}
