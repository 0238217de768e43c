//! Signing in to the team server (U-4): passwords hashed with Argon2id, sessions that expire and end at logout,
//! a back-off after repeated failures, a password changed by its user or reset by the administrator, and every
//! sign-in and failed sign-in in the history. The server takes the actor from the session alone.
//!
//! The solo window never signs in; the commands that set passwords work there too, so a solo database moved
//! into the server (U-4) arrives with its users able to sign in.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use specta::Type;

use super::session::Session;
use super::{record, Event, Service};
use crate::authz::{Actor, Permission};
use crate::clock::ts;
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::model::Role;
use crate::store;

/// A session lasts a working day, on the window and on a phone alike.
pub const SESSION_HOURS: i64 = 12;
/// Failures on one name within this window count towards the back-off.
pub const FAILURE_WINDOW_MINUTES: i64 = 15;
/// This many failures are free; each one after doubles the wait, from 30 s up to 15 minutes.
pub const FREE_FAILURES: usize = 5;
const FIRST_WAIT_SECS: i64 = 30;
const LONGEST_WAIT_SECS: i64 = 15 * 60;
pub const MIN_PASSWORD_CHARS: usize = 8;
const MAX_PASSWORD_CHARS: usize = 128;

/// Where a session is used: the desktop window (bearer token) or a browser (an HttpOnly cookie).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum LoginClient {
    Window,
    Browser,
}

impl LoginClient {
    fn as_str(self) -> &'static str {
        match self {
            LoginClient::Window => "window",
            LoginClient::Browser => "browser",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct LoginArgs {
    pub name: String,
    pub password: String,
    /// `window` when absent
    #[serde(default)]
    pub client: Option<LoginClient>,
}

/// A new session: its token (shown once; the server keeps only its hash) and who it acts as.
#[derive(Debug, Clone, Serialize, Type)]
pub struct LoginOk {
    pub token: String,
    /// Asia/Shanghai, RFC 3339
    pub expires_at: String,
    pub session: Session,
    /// the administrator reset this password: choose a new one before anything else
    pub must_change_password: bool,
}

/// Who a session acts as.
#[derive(Debug, Clone)]
pub struct SessionActor {
    pub actor: Actor,
    pub must_change_password: bool,
    pub expires_at: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ChangePasswordArgs {
    pub current_password: String,
    pub new_password: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ResetPasswordArgs {
    pub user_id: i64,
    /// a temporary password the user must replace at their next sign-in
    pub new_password: String,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct PasswordSet {
    pub user_id: i64,
    /// the user's other sessions, signed out by the change
    pub sessions_ended: u32,
}

/// The SHA-256 of a session token, as sessions are kept.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn login_failed() -> CoreError {
    CoreError::refused(ErrorCode::LoginFailed, "U-4", "用户名或密码不正确", "The name or the password is wrong", None)
}

/// No session, or one that expired or was signed out.
pub fn unauthenticated() -> CoreError {
    CoreError::refused(
        ErrorCode::Unauthenticated,
        "U-4",
        "请先登录团队服务器（会话不存在、已过期或已退出）",
        "Sign in to the team server first (no session, or it expired or was signed out)",
        None,
    )
}

/// The password rules: 8 to 128 characters, not only spaces, not the user's name.
pub fn check_password(name: &str, password: &str) -> CoreResult<()> {
    let n = password.chars().count();
    if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&n) || password.trim().is_empty() {
        return Err(CoreError::invalid(
            "password",
            format!("密码须为 {MIN_PASSWORD_CHARS}–{MAX_PASSWORD_CHARS} 个字符，且不能全是空格"),
            format!("A password has {MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters, not only spaces"),
        ));
    }
    if password.trim() == name.trim() {
        return Err(CoreError::invalid("password", "密码不能与用户名相同", "The password may not be the user's name"));
    }
    Ok(())
}

/// Argon2id with the crate's defaults (19 MiB, 2 passes), a random salt, as a PHC string. Off the async
/// threads: hashing takes tens of milliseconds on purpose.
pub async fn hash_password(password: &str) -> CoreResult<String> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        let salt_bytes: [u8; 16] = crate::vault::random_bytes()?;
        let salt = SaltString::encode_b64(&salt_bytes)
            .map_err(|e| CoreError::invalid("password", format!("无法生成盐值：{e}"), e.to_string()))?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| CoreError::invalid("password", format!("无法计算密码哈希：{e}"), e.to_string()))
    })
    .await
    .map_err(|e| CoreError::invalid("password", format!("密码哈希中断：{e}"), e.to_string()))?
}

/// Whether `password` matches `phc`. A user without a password (or no user at all) is checked against a
/// fixed hash, so the answer takes as long either way.
async fn verify_password(password: &str, phc: Option<&str>) -> bool {
    const NOBODY: &str =
        "$argon2id$v=19$m=19456,t=2,p=1$a29zLWRlc2stbm9ib2R5$2LeCMJ3UhzTthcFx4qWYDS6rIGbIZqTe1LdzpO8HX2g";
    let (password, phc, real) = (password.to_string(), phc.unwrap_or(NOBODY).to_string(), phc.is_some());
    tokio::task::spawn_blocking(move || {
        let ok =
            PasswordHash::new(&phc).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok());
        ok && real
    })
    .await
    .unwrap_or(false)
}

/// How long the name must wait after `failures` (oldest first) before another attempt, if at all.
pub fn backoff_until(failures: &[DateTime<Utc>]) -> Option<DateTime<Utc>> {
    if failures.len() < FREE_FAILURES {
        return None;
    }
    let extra = u32::try_from(failures.len() - FREE_FAILURES).unwrap_or(u32::MAX).min(10);
    let wait = (FIRST_WAIT_SECS << extra).min(LONGEST_WAIT_SECS);
    failures.last().map(|last| *last + Duration::seconds(wait))
}

fn random_token() -> CoreResult<String> {
    use base64::Engine;
    let bytes: [u8; 32] = crate::vault::random_bytes()?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

impl Service {
    fn name_hmac(&self, name: &str) -> String {
        self.secrets.hmac("login-name", &name.trim().to_lowercase())
    }

    /// Signs in by name and password; a new session on success. A name in its back-off is refused with the
    /// instant it ends, whatever the password. Every attempt is recorded (B-20).
    pub async fn login(&self, args: LoginArgs) -> CoreResult<LoginOk> {
        let now = self.clock.now();
        let now_ts = ts(now);
        let name = args.name.trim();
        let name_key = self.name_hmac(name);
        let since = ts(now - Duration::minutes(FAILURE_WINDOW_MINUTES));
        let failures: Vec<DateTime<Utc>> = store::logins::list_failures_since(self.db.pool(), &name_key, &since)
            .await?
            .iter()
            .filter_map(|t| crate::service::when::parse("at", t).ok())
            .collect();
        if let Some(until) = backoff_until(&failures).filter(|u| now < *u) {
            let left = crate::service::when::Until::new(now, until);
            return Err(CoreError::refused(
                ErrorCode::LoginBackoff,
                "U-4",
                format!("登录失败次数过多，请稍后再试：{}", left.zh()),
                format!("Too many failed sign-ins; try again later: {}", left.en()),
                Some(until),
            ));
        }
        let candidates = store::logins::list_credentials(self.db.pool(), name).await?;
        let mut matched = None;
        for c in candidates.iter().filter(|c| c.active) {
            if verify_password(&args.password, c.password_hash.as_deref()).await {
                matched = Some(c.clone());
                break;
            }
        }
        if candidates.iter().all(|c| !c.active) {
            // the same work whether or not the name exists
            verify_password(&args.password, None).await;
        }
        let mut tx = self.db.write().await?;
        let Some(user) = matched else {
            store::logins::insert_failure(&mut *tx, &name_key, &now_ts).await?;
            let (entity_id, enterprise_id) = match candidates.as_slice() {
                [one] => (one.id.to_string(), store::users::get(&mut *tx, one.id).await?.and_then(|u| u.enterprise_id)),
                _ => (String::new(), None),
            };
            record(
                &mut tx,
                None,
                &now_ts,
                Event {
                    enterprise_id,
                    entity_type: "login",
                    entity_id,
                    action: "login_failed",
                    summary_zh: "登录失败：用户名或密码不正确".into(),
                    summary_en: "Sign-in failed: wrong name or password".into(),
                    reason: None,
                    before: None,
                    after: None,
                },
            )
            .await?;
            tx.commit().await?;
            return Err(login_failed());
        };
        let actor = self.actor(user.id).await?;
        let token = random_token()?;
        let client = args.client.unwrap_or(LoginClient::Window);
        let expires = now + Duration::hours(SESSION_HOURS);
        store::logins::insert_session(
            &mut *tx,
            &store::logins::NewSession {
                token_hash: &token_hash(&token),
                user_id: user.id,
                client: client.as_str(),
                created_at: &now_ts,
                expires_at: &ts(expires),
            },
        )
        .await?;
        store::logins::clear_failures(&mut *tx, &name_key).await?;
        record(
            &mut tx,
            Some(user.id),
            &now_ts,
            Event {
                enterprise_id: actor.enterprise_id,
                entity_type: "login",
                entity_id: user.id.to_string(),
                action: "login",
                summary_zh: format!("{} 登录团队服务器（{}）", actor.name, client_zh(client)),
                summary_en: format!("{} signed in to the team server ({})", actor.name, client.as_str()),
                reason: None,
                before: None,
                after: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(LoginOk {
            token,
            expires_at: crate::clock::beijing_rfc3339(expires),
            session: self.session_get(&actor, super::NoArgs {}).await?,
            must_change_password: user.must_change_password,
        })
    }

    /// The user a session token acts as; `Unauthenticated` for a token unknown, expired or signed out, and the
    /// user's own refusal when they were deactivated since (U-3).
    pub async fn session_actor(&self, token: &str) -> CoreResult<SessionActor> {
        let now = ts(self.clock.now());
        let live = store::logins::get_live_session(self.db.pool(), &token_hash(token), &now)
            .await?
            .ok_or_else(unauthenticated)?;
        let actor = self.actor(live.user_id).await?;
        let creds = store::logins::get_credentials(self.db.pool(), live.user_id).await?.ok_or_else(unauthenticated)?;
        Ok(SessionActor { actor, must_change_password: creds.must_change_password, expires_at: live.expires_at })
    }

    /// Signs a session out (recorded); a token already signed out is no error.
    pub async fn logout(&self, token: &str) -> CoreResult<()> {
        let now = ts(self.clock.now());
        let mut tx = self.db.write().await?;
        if let Some(user_id) = store::logins::end_session(&mut *tx, &token_hash(token), &now).await? {
            let enterprise_id = store::users::get(&mut *tx, user_id).await?.and_then(|u| u.enterprise_id);
            record(
                &mut tx,
                Some(user_id),
                &now,
                Event {
                    enterprise_id,
                    entity_type: "login",
                    entity_id: user_id.to_string(),
                    action: "logout",
                    summary_zh: "退出团队服务器".into(),
                    summary_en: "Signed out of the team server".into(),
                    reason: None,
                    before: None,
                    after: None,
                },
            )
            .await?;
        }
        tx.commit().await
    }

    /// The acting user changes their own password (the current one first); their sessions end (on the
    /// server, all but the one the change is made in: see `change_password_in_session`).
    pub async fn change_password(&self, actor: &Actor, args: ChangePasswordArgs) -> CoreResult<PasswordSet> {
        self.change_password_in_session(actor, args, None).await
    }

    /// `change_password` made in the session of `token`, which stays signed in.
    pub async fn change_password_in_session(
        &self,
        actor: &Actor,
        args: ChangePasswordArgs,
        token: Option<&str>,
    ) -> CoreResult<PasswordSet> {
        check_password(&actor.name, &args.new_password)?;
        let creds =
            store::logins::get_credentials(self.db.pool(), actor.user_id).await?.ok_or_else(|| CoreError::NoActor)?;
        if creds.password_hash.is_some()
            && !verify_password(&args.current_password, creds.password_hash.as_deref()).await
        {
            return Err(CoreError::invalid("current_password", "当前密码不正确", "The current password is wrong"));
        }
        if args.new_password == args.current_password {
            return Err(CoreError::invalid("new_password", "新密码不能与当前密码相同", "The new password must differ"));
        }
        let hash = hash_password(&args.new_password).await?;
        let keep = token.map(token_hash);
        let change = PasswordChange {
            user_id: actor.user_id,
            hash: &hash,
            must_change: false,
            action: "password_changed",
            enterprise_id: None,
            keep_session: keep.as_deref(),
        };
        self.set_password_of(actor, change).await
    }

    /// The administrator sets a temporary password for a user, who must choose their own at the next sign-in;
    /// the user's sessions end.
    pub async fn reset_password(&self, actor: &Actor, args: ResetPasswordArgs) -> CoreResult<PasswordSet> {
        actor.require(Permission::ManageUsers)?;
        let user = store::users::get(self.db.pool(), args.user_id)
            .await?
            .ok_or_else(|| CoreError::not_found("user", args.user_id))?;
        check_password(&user.name, &args.new_password)?;
        let hash = hash_password(&args.new_password).await?;
        let must_change = args.user_id != actor.user_id;
        let change = PasswordChange {
            user_id: args.user_id,
            hash: &hash,
            must_change,
            action: "password_reset",
            enterprise_id: user.enterprise_id,
            keep_session: None,
        };
        self.set_password_of(actor, change).await
    }

    async fn set_password_of(&self, actor: &Actor, c: PasswordChange<'_>) -> CoreResult<PasswordSet> {
        let PasswordChange { user_id, hash, must_change, action, enterprise_id, keep_session } = c;
        let now = ts(self.clock.now());
        let mut tx = self.db.write().await?;
        if !store::logins::set_password(&mut *tx, user_id, hash, &now, must_change).await? {
            return Err(CoreError::not_found("user", user_id));
        }
        // the session the change is made in stays; the rest sign in again
        let ended = store::logins::end_sessions_of(&mut *tx, user_id, keep_session, &now).await?;
        let (zh, en) = if action == "password_reset" {
            (
                format!("重置用户 {user_id} 的密码（下次登录须改密码）"),
                format!("Reset user {user_id}'s password (to be changed at next sign-in)"),
            )
        } else {
            ("修改了自己的密码".to_string(), "Changed their own password".to_string())
        };
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: enterprise_id.or(actor.enterprise_id),
                entity_type: "user",
                entity_id: user_id.to_string(),
                action,
                summary_zh: zh,
                summary_en: en,
                reason: None,
                before: None,
                after: Some(serde_json::json!({ "sessions_ended": ended, "must_change_password": must_change })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(PasswordSet { user_id, sessions_ended: u32::try_from(ended).unwrap_or(u32::MAX) })
    }

    /// `kos-server --create-admin NAME`: an administrator who can sign in. On a server where nobody can sign in
    /// yet, the installation's first administrator (user 1) takes the name and password; later, a new
    /// administrator is added. Recorded as the installation's doing (no user acts).
    pub async fn create_admin(&self, name: &str, password: &str) -> CoreResult<i64> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 40 {
            return Err(CoreError::invalid(
                "name",
                "管理员姓名须为 1–40 个字符",
                "An administrator's name has 1 to 40 characters",
            ));
        }
        check_password(name, password)?;
        let hash = hash_password(password).await?;
        let now = ts(self.clock.now());
        let mut tx = self.db.write().await?;
        let first = store::logins::count_with_password(&mut *tx).await? == 0
            && store::users::get(&mut *tx, 1).await?.is_some_and(|u| u.active && u.role == Role::Admin.as_str());
        let id = if first {
            store::users::rename(&mut *tx, 1, name).await?;
            1
        } else {
            store::users::insert(
                &mut *tx,
                &store::users::NewUser {
                    name,
                    role: Role::Admin,
                    enterprise_id: None,
                    agency_id: None,
                    staff_id: None,
                    created_at: now.clone(),
                },
            )
            .await?
        };
        store::logins::set_password(&mut *tx, id, &hash, &now, false).await?;
        record(
            &mut tx,
            None,
            &now,
            Event {
                enterprise_id: None,
                entity_type: "user",
                entity_id: id.to_string(),
                action: "create_admin",
                summary_zh: format!("在服务器上设立管理员「{name}」（可登录）"),
                summary_en: format!("Administrator \"{name}\" set up on the server (can sign in)"),
                reason: None,
                before: None,
                after: Some(serde_json::json!({ "name": name })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}

/// A password set on a user: by themselves, or reset by the administrator.
struct PasswordChange<'a> {
    user_id: i64,
    hash: &'a str,
    /// the user must choose their own at the next sign-in
    must_change: bool,
    action: &'static str,
    enterprise_id: Option<i64>,
    /// the token hash of the session the change is made in, which stays signed in
    keep_session: Option<&'a str>,
}

fn client_zh(c: LoginClient) -> &'static str {
    match c {
        LoginClient::Window => "桌面窗口",
        LoginClient::Browser => "浏览器",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn u4_the_backoff_starts_after_five_failures_and_doubles_to_fifteen_minutes() {
        let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 3, 0, 0).unwrap();
        let at = |n: usize| (0..n).map(|i| t0 + Duration::seconds(i as i64)).collect::<Vec<_>>();
        assert_eq!(backoff_until(&at(4)), None);
        assert_eq!(backoff_until(&at(5)), Some(t0 + Duration::seconds(4 + 30)));
        assert_eq!(backoff_until(&at(6)), Some(t0 + Duration::seconds(5 + 60)));
        assert_eq!(backoff_until(&at(9)), Some(t0 + Duration::seconds(8 + 480)));
        assert_eq!(backoff_until(&at(30)), Some(t0 + Duration::seconds(29 + 900)));
    }

    #[test]
    fn u4_passwords_have_eight_characters_and_are_not_the_name() {
        assert!(check_password("王芳", "1234567").is_err());
        assert!(check_password("王芳", "        ").is_err());
        assert!(check_password("wangfang", "wangfang").is_err());
        assert!(check_password("王芳", "春天的花开了吗").is_err(), "7 characters");
        assert!(check_password("王芳", "春天的花开了吗？").is_ok(), "8 characters, counted as characters");
    }

    #[tokio::test]
    async fn u4_a_password_hash_is_argon2id_and_checks_only_its_password() {
        let h = hash_password("correct horse").await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$"), "{h}");
        assert!(verify_password("correct horse", Some(&h)).await);
        assert!(!verify_password("correct hors", Some(&h)).await);
        assert!(!verify_password("correct horse", None).await, "no password: never a match");
        assert_ne!(hash_password("correct horse").await.unwrap(), h, "a new salt each time");
    }
}
