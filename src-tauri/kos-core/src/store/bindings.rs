use super::ex::{json_list, Ex};
use crate::api::types::bindings::{BindingRow, PendingProof};
use crate::on;

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
    /// when the 承诺书 and 服务协议 were signed (B-12)
    pub signed_at: Option<String>,
    /// the binding this one takes over (移交, B-17)
    pub previous_binding_id: Option<i64>,
}

pub async fn insert(ex: impl Into<Ex<'_>>, b: &NewBinding<'_>) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "INSERT INTO bindings (enterprise_id, account_id, staff_id, mode, job_title, status, invited_by,
                               invited_at, effective_at, ended_at, end_reason, signed_at, previous_binding_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
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
    .bind(&b.signed_at)
    .bind(b.previous_binding_id)
    .fetch_one(c)
    .await)?)
}

/// Live (active or frozen) bindings of an enterprise by mode: (enterprise, personal).
pub async fn count_live_by_mode(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<(i64, i64)> {
    Ok(on!(ex, |c| {
        sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN mode = 'enterprise' THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN mode = 'personal' THEN 1 ELSE 0 END), 0)
         FROM bindings WHERE enterprise_id = $1 AND status IN ('active', 'frozen')",
    )
    .bind(enterprise_id)
    .fetch_one(c).await
    })?)
}

/// A binding as stored, with the store of its staff member (for store managers' scope).
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct BindingRecord {
    pub id: i64,
    pub enterprise_id: i64,
    pub account_id: i64,
    pub staff_id: i64,
    pub store_id: i64,
    pub mode: BindingMode,
    pub job_title: String,
    pub status: BindingStatus,
    pub invited_by: i64,
    pub invited_at: String,
    pub effective_at: Option<String>,
    pub ended_at: Option<String>,
    pub end_reason: Option<String>,
    pub signed_at: Option<String>,
    pub previous_binding_id: Option<i64>,
}

const RECORD: &str =
    "SELECT b.id, b.enterprise_id, b.account_id, b.staff_id, s.store_id, b.mode, b.job_title, b.status,
        b.invited_by, b.invited_at, b.effective_at, b.ended_at, b.end_reason, b.signed_at, b.previous_binding_id
    FROM bindings b JOIN staff s ON s.id = b.staff_id";

pub async fn get(ex: impl Into<Ex<'_>>, id: i64) -> CoreResult<Option<BindingRecord>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!("{RECORD} WHERE b.id = $1")))
        .bind(id)
        .fetch_optional(c)
        .await)?)
}

/// The account's live (invited, active or frozen) binding with any enterprise (B-7: at most one).
pub async fn get_live_for_account(ex: impl Into<Ex<'_>>, account_id: i64) -> CoreResult<Option<BindingRecord>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{RECORD} WHERE b.account_id = $1 AND b.status IN ('invited', 'active', 'frozen') ORDER BY b.id DESC LIMIT 1"
    )))
    .bind(account_id)
    .fetch_optional(c)
    .await)?)
}

/// When the account's latest personal authorization with another enterprise was unbound (B-19).
pub async fn get_last_personal_unbind_elsewhere(
    ex: impl Into<Ex<'_>>,
    account_id: i64,
    enterprise_id: i64,
) -> CoreResult<Option<String>> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "SELECT MAX(ended_at) FROM bindings
         WHERE account_id = $1 AND enterprise_id <> $2 AND mode = 'personal' AND status = 'unbound'",
    )
    .bind(account_id)
    .bind(enterprise_id)
    .fetch_one(c)
    .await)?)
}

/// Bindings that hold a staff-account place (B-3): live ones, pending invitations included.
pub async fn count_live(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<i64> {
    Ok(on!(ex, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM bindings WHERE enterprise_id = $1 AND status IN ('invited', 'active', 'frozen')",
    )
    .bind(enterprise_id)
    .fetch_one(c)
    .await)?)
}

/// Enterprises with open invitations and the oldest one's time (B-13 sweep).
pub async fn list_oldest_invitations(ex: impl Into<Ex<'_>>) -> CoreResult<Vec<(i64, String)>> {
    Ok(on!(ex, |c| sqlx::query_as(
        "SELECT enterprise_id, MIN(invited_at) FROM bindings WHERE status = 'invited' GROUP BY enterprise_id",
    )
    .fetch_all(c)
    .await)?)
}

/// Open invitations of an enterprise sent at or before `cutoff`.
pub async fn list_invited_before(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    cutoff: &str,
) -> CoreResult<Vec<BindingRecord>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{RECORD} WHERE b.enterprise_id = $1 AND b.status = 'invited' AND b.invited_at <= $2 ORDER BY b.id"
    )))
    .bind(enterprise_id)
    .bind(cutoff)
    .fetch_all(c)
    .await)?)
}

/// Every binding of an account with one enterprise, oldest first.
pub async fn list_for_account(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    account_id: i64,
) -> CoreResult<Vec<BindingRecord>> {
    Ok(on!(ex, |c| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{RECORD} WHERE b.enterprise_id = $1 AND b.account_id = $2 ORDER BY b.id"
    )))
    .bind(enterprise_id)
    .bind(account_id)
    .fetch_all(c)
    .await)?)
}

pub struct StatusChange<'a> {
    pub id: i64,
    /// the change applies only while the binding is still in this status
    pub from: BindingStatus,
    pub to: BindingStatus,
    pub effective_at: Option<&'a str>,
    pub ended_at: Option<&'a str>,
    pub end_reason: Option<&'a str>,
}

/// Moves a binding from one status to another; returns false when it was no longer in `from`.
pub async fn update_status(ex: impl Into<Ex<'_>>, c: &StatusChange<'_>) -> CoreResult<bool> {
    let done = on!(ex, |db| {
        sqlx::query(
        "UPDATE bindings SET status = $1, effective_at = COALESCE($2, effective_at), ended_at = COALESCE($3, ended_at),
                end_reason = COALESCE($4, end_reason)
         WHERE id = $5 AND status = $6",
    )
    .bind(c.to.as_str())
    .bind(c.effective_at)
    .bind(c.ended_at)
    .bind(c.end_reason)
    .bind(c.id)
    .bind(c.from.as_str())
    .execute(db).await.map(|r| r.rows_affected())
    })?;
    Ok(done == 1)
}

/// What the queries read for [`BindingRow`], named by their columns.
#[derive(sqlx::FromRow)]
struct DbBindingRow {
    id: i64,
    enterprise_id: i64,
    account_id: i64,
    xhs_id: String,
    nickname: String,
    followers: i64,
    staff_id: i64,
    staff_name: String,
    staff_id_masked: String,
    store_id: i64,
    store_name: String,
    job_title: String,
    mode: BindingMode,
    status: BindingStatus,
    invited_at: String,
    effective_at: Option<String>,
    ended_at: Option<String>,
    end_reason: Option<String>,
    proof_id: Option<String>,
    proof_review: Option<String>,
    #[sqlx(default)]
    expires_at: Option<String>,
}

impl From<DbBindingRow> for BindingRow {
    fn from(r: DbBindingRow) -> Self {
        Self {
            id: r.id,
            enterprise_id: r.enterprise_id,
            account_id: r.account_id,
            xhs_id: r.xhs_id,
            nickname: r.nickname,
            followers: r.followers,
            staff_id: r.staff_id,
            staff_name: r.staff_name,
            staff_id_masked: r.staff_id_masked,
            store_id: r.store_id,
            store_name: r.store_name,
            job_title: r.job_title,
            mode: r.mode,
            status: r.status,
            invited_at: r.invited_at,
            effective_at: r.effective_at,
            ended_at: r.ended_at,
            end_reason: r.end_reason,
            proof_id: r.proof_id,
            proof_review: r.proof_review,
            expires_at: r.expires_at,
            next_action_at: None,
            next_action: None,
        }
    }
}

pub struct BindingFilter<'a> {
    pub enterprise_id: i64,
    pub statuses: &'a [BindingStatus],
    pub store_id: Option<i64>,
    /// restrict to these stores (store managers)
    pub stores: Option<&'a [i64]>,
    pub mode: Option<BindingMode>,
    pub job_title: Option<&'a str>,
    /// matched against 小红书号, nickname and staff name
    pub keyword: Option<&'a str>,
}

const ROW_SELECT: &str = "SELECT b.id, b.enterprise_id, b.account_id, a.xhs_id, a.nickname, a.followers, b.staff_id,
        s.name AS staff_name, COALESCE(s.id_masked, '') AS staff_id_masked, s.store_id, st.name AS store_name, b.job_title, b.mode,
        b.status, b.invited_at, b.effective_at, b.ended_at, b.end_reason, p.sha256 AS proof_id,
        bp.review_status AS proof_review";

const ROW_FROM: &str = "
    FROM bindings b
    JOIN staff s ON s.id = b.staff_id
    JOIN stores st ON st.id = s.store_id
    JOIN xhs_accounts a ON a.id = b.account_id
    LEFT JOIN binding_proofs bp ON bp.binding_id = b.id
    LEFT JOIN proofs p ON p.id = bp.proof_id";

const FILTER: &str = "
    WHERE b.enterprise_id = $1
      AND b.status IN (SELECT value FROM json_each($2))
      AND ($3 IS NULL OR s.store_id = $3)
      AND ($4 IS NULL OR s.store_id IN (SELECT CAST(value AS BIGINT) FROM json_each($4)))
      AND ($5 IS NULL OR b.mode = $5)
      AND ($6 IS NULL OR b.job_title = $6)
      AND ($7 IS NULL OR instr(a.xhs_id, $7) > 0 OR instr(a.nickname, $7) > 0 OR instr(s.name, $7) > 0)";

fn json_statuses(statuses: &[BindingStatus]) -> String {
    json_list(&statuses.iter().map(|s| s.as_str()).collect::<Vec<_>>())
}

/// One keyset page, newest binding first; fetches `limit` rows with an id below `before_id`.
pub async fn list_page(
    ex: impl Into<Ex<'_>>,
    f: &BindingFilter<'_>,
    before_id: Option<i64>,
    limit: u32,
) -> CoreResult<Vec<BindingRow>> {
    let sql = format!("{ROW_SELECT} {ROW_FROM} {FILTER} AND ($8 IS NULL OR b.id < $8) ORDER BY b.id DESC LIMIT $9");
    Ok(on!(ex, |c, d| sqlx::query_as::<_, DbBindingRow>(sqlx::AssertSqlSafe(d.sql(&sql)))
        .bind(f.enterprise_id)
        .bind(json_statuses(f.statuses))
        .bind(f.store_id)
        .bind(f.stores.map(json_list))
        .bind(f.mode.map(BindingMode::as_str))
        .bind(f.job_title)
        .bind(f.keyword)
        .bind(before_id)
        .bind(i64::from(limit))
        .fetch_all(c)
        .await)?
    .into_iter()
    .map(BindingRow::from)
    .collect())
}

pub async fn count(ex: impl Into<Ex<'_>>, f: &BindingFilter<'_>) -> CoreResult<i64> {
    let sql = format!("SELECT COUNT(*) {ROW_FROM} {FILTER}");
    Ok(on!(ex, |c, d| sqlx::query_scalar(sqlx::AssertSqlSafe(d.sql(&sql)))
        .bind(f.enterprise_id)
        .bind(json_statuses(f.statuses))
        .bind(f.store_id)
        .bind(f.stores.map(json_list))
        .bind(f.mode.map(BindingMode::as_str))
        .bind(f.job_title)
        .bind(f.keyword)
        .fetch_one(c)
        .await)?)
}

pub async fn get_row(ex: impl Into<Ex<'_>>, id: i64) -> CoreResult<Option<BindingRow>> {
    let sql = format!("{ROW_SELECT} {ROW_FROM} WHERE b.id = $1");
    Ok(on!(ex, |c| sqlx::query_as::<_, DbBindingRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(c).await)?
        .map(BindingRow::from))
}

/// Bindings of an enterprise per status (store managers: their stores only).
pub async fn count_by_status(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    stores: Option<&[i64]>,
) -> CoreResult<Vec<(BindingStatus, i64)>> {
    Ok(on!(ex, |c, d| sqlx::query_as(sqlx::AssertSqlSafe(d.sql(
        "SELECT b.status, COUNT(*) FROM bindings b JOIN staff s ON s.id = b.staff_id
         WHERE b.enterprise_id = $1 AND ($2 IS NULL OR s.store_id IN (SELECT CAST(value AS BIGINT) FROM json_each($2)))
         GROUP BY b.status"
    )))
    .bind(enterprise_id)
    .bind(stores.map(json_list))
    .fetch_all(c)
    .await)?)
}

/// Time windows for the calendar: bindings whose due date falls in a range, found by the date it derives from.
pub struct CalendarWindows<'a> {
    pub enterprise_id: i64,
    pub stores: Option<&'a [i64]>,
    /// open invitations sent in this range expire within the calendar's range (B-13)
    pub invited: (String, String),
    /// personal authorizations effective in this range become unbindable within it (B-18)
    pub effective: (String, String),
    /// personal authorizations unbound in this range become re-bindable by others within it (B-19)
    pub ended: (String, String),
}

pub async fn list_calendar(ex: impl Into<Ex<'_>>, w: &CalendarWindows<'_>) -> CoreResult<Vec<BindingRow>> {
    let sql = format!(
        "{ROW_SELECT} {ROW_FROM}
         WHERE b.enterprise_id = $1 AND ($2 IS NULL OR s.store_id IN (SELECT CAST(value AS BIGINT) FROM json_each($2)))
           AND ((b.status = 'invited' AND b.invited_at BETWEEN $3 AND $4)
             OR (b.mode = 'personal' AND b.status IN ('active', 'frozen') AND b.effective_at BETWEEN $5 AND $6)
             OR (b.mode = 'personal' AND b.status = 'unbound' AND b.ended_at BETWEEN $7 AND $8))
         ORDER BY b.id"
    );
    Ok(on!(ex, |c, d| sqlx::query_as::<_, DbBindingRow>(sqlx::AssertSqlSafe(d.sql(&sql)))
        .bind(w.enterprise_id)
        .bind(w.stores.map(json_list))
        .bind(&w.invited.0)
        .bind(&w.invited.1)
        .bind(&w.effective.0)
        .bind(&w.effective.1)
        .bind(&w.ended.0)
        .bind(&w.ended.1)
        .fetch_all(c)
        .await)?
    .into_iter()
    .map(BindingRow::from)
    .collect())
}

/// An employee's invitations and bindings (all enterprises the staff record belongs to), newest first.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct StaffBinding {
    pub id: i64,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub xhs_id: String,
    pub nickname: String,
    pub mode: BindingMode,
    pub job_title: String,
    pub status: BindingStatus,
    pub invited_at: String,
    pub effective_at: Option<String>,
    pub ended_at: Option<String>,
}

pub async fn list_for_staff(ex: impl Into<Ex<'_>>, staff_id: i64) -> CoreResult<Vec<StaffBinding>> {
    Ok(on!(ex, |c| sqlx::query_as(
        "SELECT b.id, b.enterprise_id, e.name AS enterprise_name, a.xhs_id, a.nickname, b.mode, b.job_title, b.status,
                b.invited_at, b.effective_at, b.ended_at
         FROM bindings b JOIN enterprises e ON e.id = b.enterprise_id JOIN xhs_accounts a ON a.id = b.account_id
         WHERE b.staff_id = $1 ORDER BY b.id DESC",
    )
    .bind(staff_id)
    .fetch_all(c)
    .await)?)
}

/// What the queries read for [`PendingProof`], named by their columns.
#[derive(sqlx::FromRow)]
struct DbPendingProof {
    binding_id: i64,
    enterprise_id: i64,
    enterprise_name: String,
    xhs_id: String,
    staff_name: String,
    mode: BindingMode,
    job_title: String,
    status: BindingStatus,
    invited_at: String,
    proof_id: String,
    mime: String,
    size: i64,
    name: String,
    uploaded_at: String,
}

impl From<DbPendingProof> for PendingProof {
    fn from(r: DbPendingProof) -> Self {
        Self {
            binding_id: r.binding_id,
            enterprise_id: r.enterprise_id,
            enterprise_name: r.enterprise_name,
            xhs_id: r.xhs_id,
            staff_name: r.staff_name,
            mode: r.mode,
            job_title: r.job_title,
            status: r.status,
            invited_at: r.invited_at,
            proof_id: r.proof_id,
            mime: r.mime,
            size: r.size,
            name: r.name,
            uploaded_at: r.uploaded_at,
        }
    }
}

pub async fn list_pending_proofs(ex: impl Into<Ex<'_>>) -> CoreResult<Vec<PendingProof>> {
    Ok(on!(ex, |c| sqlx::query_as::<_, DbPendingProof>(
        "SELECT b.id AS binding_id, b.enterprise_id, e.name AS enterprise_name, a.xhs_id, s.name AS staff_name, b.mode,
                b.job_title, b.status, b.invited_at, p.sha256 AS proof_id, p.mime, p.size, p.name, p.uploaded_at
         FROM binding_proofs bp
         JOIN bindings b ON b.id = bp.binding_id
         JOIN proofs p ON p.id = bp.proof_id
         JOIN enterprises e ON e.id = b.enterprise_id
         JOIN xhs_accounts a ON a.id = b.account_id
         JOIN staff s ON s.id = b.staff_id
         WHERE bp.review_status = 'pending' AND b.status IN ('invited', 'active', 'frozen')
         ORDER BY b.invited_at, b.id",
    )
    .fetch_all(c)
    .await)?
    .into_iter()
    .map(PendingProof::from)
    .collect())
}

/// A span during which an account was bound to a brand (an import decides by publish time, N-1).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BoundSpan {
    pub xhs_id: String,
    pub account_id: i64,
    pub staff_id: i64,
    pub status: String,
    pub effective_at: String,
    pub ended_at: Option<String>,
}

/// Every span of every account that took effect with the brand.
pub async fn list_bound_spans(ex: impl Into<Ex<'_>>, enterprise_id: i64) -> CoreResult<Vec<BoundSpan>> {
    Ok(on!(ex, |c| sqlx::query_as(
        "SELECT a.xhs_id, b.account_id, b.staff_id, b.status, b.effective_at, b.ended_at
         FROM bindings b JOIN xhs_accounts a ON a.id = b.account_id
         WHERE b.enterprise_id = $1 AND b.effective_at IS NOT NULL
         ORDER BY b.account_id, b.effective_at",
    )
    .bind(enterprise_id)
    .fetch_all(c)
    .await)?)
}
