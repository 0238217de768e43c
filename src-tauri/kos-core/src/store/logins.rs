//! The team server's sign-in (U-4): passwords on the user row, sessions by the hash of their token, failed
//! attempts by the keyed hash of the name typed.

use super::ex::Ex;
use crate::error::CoreResult;
use crate::on;

/// What signing in needs to know of a user.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Credentials {
    pub id: i64,
    pub active: bool,
    pub password_hash: Option<String>,
    pub must_change_password: bool,
}

/// The users named `name` (names are not unique; the password tells them apart), active or not.
pub async fn list_credentials(ex: impl Into<Ex<'_>>, name: &str) -> CoreResult<Vec<Credentials>> {
    Ok(on!(ex, |db| sqlx::query_as(
        "SELECT id, active, password_hash, must_change_password FROM users WHERE name = $1 ORDER BY id"
    )
    .bind(name)
    .fetch_all(db)
    .await)?)
}

pub async fn get_credentials(ex: impl Into<Ex<'_>>, user_id: i64) -> CoreResult<Option<Credentials>> {
    Ok(on!(ex, |db| sqlx::query_as("SELECT id, active, password_hash, must_change_password FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(db)
        .await)?)
}

/// Sets a user's password (its Argon2id PHC string).
pub async fn set_password(
    ex: impl Into<Ex<'_>>,
    user_id: i64,
    hash: &str,
    at: &str,
    must_change: bool,
) -> CoreResult<bool> {
    Ok(on!(ex, |db| sqlx::query(
        "UPDATE users SET password_hash = $1, password_set_at = $2, must_change_password = $3 WHERE id = $4"
    )
    .bind(hash)
    .bind(at)
    .bind(must_change)
    .bind(user_id)
    .execute(db)
    .await
    .map(|r| r.rows_affected()))?
        == 1)
}

/// How many users hold a password (none: the server has no administrator who can sign in yet).
pub async fn count_with_password(ex: impl Into<Ex<'_>>) -> CoreResult<i64> {
    Ok(on!(ex, |db| sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE password_hash IS NOT NULL")
        .fetch_one(db)
        .await)?)
}

pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user_id: i64,
    pub client: &'a str,
    pub created_at: &'a str,
    pub expires_at: &'a str,
}

pub async fn insert_session(ex: impl Into<Ex<'_>>, s: &NewSession<'_>) -> CoreResult<()> {
    on!(ex, |db| sqlx::query(
        "INSERT INTO login_sessions (token_hash, user_id, client, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(s.token_hash)
    .bind(s.user_id)
    .bind(s.client)
    .bind(s.created_at)
    .bind(s.expires_at)
    .execute(db)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// A live session: not ended, not expired at `now`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LiveSession {
    pub user_id: i64,
    pub client: String,
    pub expires_at: String,
}

pub async fn get_live_session(ex: impl Into<Ex<'_>>, token_hash: &str, now: &str) -> CoreResult<Option<LiveSession>> {
    Ok(on!(ex, |db| sqlx::query_as(
        "SELECT user_id, client, expires_at FROM login_sessions
         WHERE token_hash = $1 AND ended_at IS NULL AND expires_at > $2"
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await)?)
}

/// Ends one session; false when it had ended (or never was).
pub async fn end_session(ex: impl Into<Ex<'_>>, token_hash: &str, at: &str) -> CoreResult<Option<i64>> {
    Ok(on!(ex, |db| sqlx::query_scalar(
        "UPDATE login_sessions SET ended_at = $1 WHERE token_hash = $2 AND ended_at IS NULL RETURNING user_id"
    )
    .bind(at)
    .bind(token_hash)
    .fetch_optional(db)
    .await)?)
}

/// Ends every live session of a user but `keep` (a password changed or reset); returns how many.
pub async fn end_sessions_of(ex: impl Into<Ex<'_>>, user_id: i64, keep: Option<&str>, at: &str) -> CoreResult<u64> {
    Ok(on!(ex, |db| sqlx::query(
        "UPDATE login_sessions SET ended_at = $1
         WHERE user_id = $2 AND ended_at IS NULL AND ($3 IS NULL OR token_hash <> $3)"
    )
    .bind(at)
    .bind(user_id)
    .bind(keep)
    .execute(db)
    .await
    .map(|r| r.rows_affected()))?)
}

pub async fn insert_failure(ex: impl Into<Ex<'_>>, name_hmac: &str, at: &str) -> CoreResult<()> {
    on!(ex, |db| sqlx::query("INSERT INTO login_failures (name_hmac, at) VALUES ($1, $2)")
        .bind(name_hmac)
        .bind(at)
        .execute(db)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The failed attempts on a name since `since`, oldest first.
pub async fn list_failures_since(ex: impl Into<Ex<'_>>, name_hmac: &str, since: &str) -> CoreResult<Vec<String>> {
    Ok(on!(ex, |db| sqlx::query_scalar("SELECT at FROM login_failures WHERE name_hmac = $1 AND at >= $2 ORDER BY at")
        .bind(name_hmac)
        .bind(since)
        .fetch_all(db)
        .await)?)
}

/// A successful sign-in clears the name's failures.
pub async fn clear_failures(ex: impl Into<Ex<'_>>, name_hmac: &str) -> CoreResult<()> {
    on!(ex, |db| sqlx::query("DELETE FROM login_failures WHERE name_hmac = $1")
        .bind(name_hmac)
        .execute(db)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}
