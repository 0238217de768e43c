//! The core's one error type. Every variant has a stable `code` the UI branches on and a message in zh-CN
//! and en; `ApiError` is its wire form for both doors (Tauri IPC and the CLI).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::authz::Permission;

/// Every error code the core can answer with. It reaches TypeScript as a union of string literals, so the
/// UI can tell "invitation expired" from "quota exhausted" and a renamed code breaks the build, not the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // the door and the data
    Forbidden,
    NotFound,
    InvalidInput,
    File,
    DemoAlreadyLoaded,
    NoActor,
    UnknownCommand,
    DbOpen,
    /// another KOS Desk process holds the database (N-1, B-20: one writer per database)
    DatabaseInUse,
    Db,
    DbMigrate,
    KeyFile,
    /// no system key store answers and no KOS_DESK_KEY_FILE is set, or the key file lies in the data folder
    KeyStoreUnavailable,
    /// the database holds data but its key is nowhere to be found (B-14)
    KeyMissing,
    /// the key found is not the database's (its key-check value differs) (B-14)
    KeyMismatch,
    /// a backup file that is truncated, altered or not a KOS Desk backup (B-20)
    BackupDamaged,
    /// the passphrase does not open the backup's key
    BackupPassphrase,
    /// restoring would overwrite a database that already holds a brand (without --replace)
    RestoreTargetNotEmpty,
    /// a command was handed a file token that no door granted for that purpose, or one that expired
    FileNotGranted,
    // refusals by a rule (B-, N-, I-)
    AccountBoundElsewhere,
    AccountHasShop,
    AccountNoPhone,
    AlreadyBound,
    AlreadyDecided,
    AlreadyInvited,
    AlreadyReviewed,
    BindingChanged,
    BindingNotActive,
    BindingNotFrozen,
    BindingNotLive,
    BulkBatchExpired,
    BulkBatchSent,
    CampaignConfirmed,
    CampaignNotEnded,
    ChecklistIncomplete,
    HandOverPersonal,
    IdentityMismatch,
    ImportRunning,
    Indexing,
    InvitationClosed,
    InvitationExpired,
    InviteBanned,
    ModeConversion,
    NoProof,
    NotApproved,
    NotEligible,
    PersonalCooldown,
    QuotaExceeded,
    StaffAccountCapReached,
    UnbindTooEarly,
    // issue 12 set-up (U-1, U-2, U-3): brand, stores, users
    /// the acting user was deactivated by the administrator: they can no longer act (U-3)
    UserDeactivated,
    /// the change would leave no active administrator, or touch the local administrator's own access (U-3)
    LastAdministrator,
    /// the store is closed: not offered for new staff or bindings (U-2)
    StoreClosed,
    /// a stores sheet with refused rows is not applied at all (U-2)
    SheetHasErrors,
    /// the sheet changed since its preview: preview it again (U-2)
    SheetChanged,
    // U-2 (helper Q): set-up sheets (a sheet with row errors: SheetHasErrors above)
    /// the sheet or the data changed between the preview and its confirmation
    PlanChanged,
    /// an invitation matches several roster rows (same name, store): the 工号 picks one
    RosterAmbiguous,
    // U-4: the team server
    /// no session, or it expired or was signed out: sign in (HTTP 401)
    Unauthenticated,
    /// the name or the password is wrong (one answer for both)
    LoginFailed,
    /// too many failed sign-ins on this name: `available_from` says when to try again
    LoginBackoff,
    /// the administrator reset this password: change it before anything else
    PasswordChangeRequired,
    /// this client and the server are different versions: update the client
    ClientOutdated,
    /// a command of the solo window only (the user switcher, backups of the file) asked of the team server
    SoloOnly,
    /// the window cannot reach its team server (network, server down): it retried; nothing typed is lost
    ServerUnreachable,
}

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("forbidden: {}", action.name())]
    Forbidden { action: Permission, role: crate::model::Role },
    #[error("not found: {entity} {id}")]
    NotFound { entity: &'static str, id: String },
    #[error("invalid input: {field}: {reason_en}")]
    InvalidInput { field: String, reason_zh: String, reason_en: String },
    /// A business rule says no: `code` names the case for the UI (e.g. `InvitationExpired`,
    /// `UnbindTooEarly`), `rule` the SPEC rule, `available_from` the instant it becomes possible, if ever
    /// (the messages name that instant in Beijing time and the time left, see `service::when::Until`).
    #[error("refused by {rule}: {reason_en}")]
    Refused {
        code: ErrorCode,
        rule: &'static str,
        reason_zh: String,
        reason_en: String,
        available_from: Option<DateTime<Utc>>,
    },
    #[error("file error {path}: {reason_en}")]
    File { path: String, reason_zh: String, reason_en: String },
    #[error("demo data already loaded")]
    DemoAlreadyLoaded,
    #[error("no acting user")]
    NoActor,
    #[error("unknown command {0}")]
    UnknownCommand(String),
    #[error("cannot open database {path}: {reason}")]
    DbOpen { path: String, reason: String },
    /// Another process holds the database's lock: `holder` as its lock file names it, when readable.
    #[error("database {path} is in use by another process")]
    DatabaseInUse { path: String, holder: Option<crate::db_lock::Holder> },
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("key file error {path}: {reason}")]
    KeyFile { path: String, reason: String },
    #[error("file not granted for {purpose:?}")]
    FileNotGranted { purpose: crate::service::FilePurpose },
}

impl ErrorCode {
    /// The code as it travels (`unbind_too_early`), for row reports that carry it as text.
    pub fn name(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    }
}

pub type CoreResult<T> = Result<T, CoreError>;

/// Wire form of an error: `{ code, message, message_en, details }`.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct ApiError {
    pub code: ErrorCode,
    /// zh-CN message, shown by default
    pub message: String,
    pub message_en: String,
    pub details: serde_json::Value,
}

impl CoreError {
    pub fn invalid(field: impl Into<String>, reason_zh: impl Into<String>, reason_en: impl Into<String>) -> Self {
        CoreError::InvalidInput { field: field.into(), reason_zh: reason_zh.into(), reason_en: reason_en.into() }
    }

    pub fn refused(
        code: ErrorCode,
        rule: &'static str,
        reason_zh: impl Into<String>,
        reason_en: impl Into<String>,
        available_from: Option<DateTime<Utc>>,
    ) -> Self {
        CoreError::Refused { code, rule, reason_zh: reason_zh.into(), reason_en: reason_en.into(), available_from }
    }

    pub fn not_found(entity: &'static str, id: impl ToString) -> Self {
        CoreError::NotFound { entity, id: id.to_string() }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::Forbidden { .. } => ErrorCode::Forbidden,
            CoreError::NotFound { .. } => ErrorCode::NotFound,
            CoreError::InvalidInput { .. } => ErrorCode::InvalidInput,
            CoreError::Refused { code, .. } => *code,
            CoreError::File { .. } => ErrorCode::File,
            CoreError::DemoAlreadyLoaded => ErrorCode::DemoAlreadyLoaded,
            CoreError::NoActor => ErrorCode::NoActor,
            CoreError::UnknownCommand(_) => ErrorCode::UnknownCommand,
            CoreError::DbOpen { .. } => ErrorCode::DbOpen,
            CoreError::DatabaseInUse { .. } => ErrorCode::DatabaseInUse,
            CoreError::Db(_) => ErrorCode::Db,
            CoreError::Migrate(_) => ErrorCode::DbMigrate,
            CoreError::KeyFile { .. } => ErrorCode::KeyFile,
            CoreError::FileNotGranted { .. } => ErrorCode::FileNotGranted,
        }
    }

    pub fn to_api(&self) -> ApiError {
        use serde_json::json;
        let (zh, en, details) = match self {
            CoreError::Forbidden { action, role } => (
                format!("当前角色「{}」无权执行此操作（{}）", role.label_zh(), action.name()),
                format!("The role \"{}\" may not do this ({})", role.label_en(), action.name()),
                json!({ "action": action, "role": role }),
            ),
            CoreError::NotFound { entity, id } => (
                format!("找不到{}（{id}）", entity_zh(entity)),
                format!("No {entity} {id}"),
                json!({ "entity": entity, "id": id }),
            ),
            CoreError::InvalidInput { field, reason_zh, reason_en } => {
                (reason_zh.clone(), reason_en.clone(), json!({ "field": field }))
            }
            CoreError::Refused { rule, reason_zh, reason_en, available_from, .. } => (
                reason_zh.clone(),
                reason_en.clone(),
                json!({ "rule": rule, "available_from": available_from.map(crate::clock::beijing_rfc3339) }),
            ),
            CoreError::File { path, reason_zh, reason_en } => {
                (reason_zh.clone(), reason_en.clone(), json!({ "path": path }))
            }
            CoreError::DemoAlreadyLoaded => (
                "数据库中已有企业数据，不能再载入演示数据".into(),
                "The database already holds enterprises; demo data can only be loaded into an empty one".into(),
                json!(null),
            ),
            CoreError::NoActor => ("请先选择当前操作人".into(), "Choose who is acting first".into(), json!(null)),
            CoreError::UnknownCommand(name) => (
                format!("未知命令：{name}（用 --list 查看全部命令）"),
                format!("Unknown command: {name} (see --list)"),
                json!({ "command": name }),
            ),
            CoreError::DbOpen { path, reason } => (
                format!("无法打开数据库：{path}\n原因：{reason}"),
                format!("Cannot open the database {path}: {reason}"),
                json!({ "path": path, "reason": reason }),
            ),
            CoreError::DatabaseInUse { path, holder } => in_use_message(path, holder.as_ref()),
            CoreError::Db(e) if unreachable(e) => (
                format!(
                    "暂时连不上数据库（团队服务器的 PostgreSQL 没有响应，可能正在重启），本次操作未执行。请稍后重试；\
                     数据库恢复后服务器会自动重新连接，无需重启。（{e}）"
                ),
                format!(
                    "The database cannot be reached just now (the team server's PostgreSQL does not answer; it may be \
                     restarting); nothing was done. Try again shortly: the server reconnects by itself once the \
                     database is back. ({e})"
                ),
                json!({ "unreachable": true }),
            ),
            CoreError::Db(e) => {
                (format!("数据库操作失败：{e}"), format!("Database operation failed: {e}"), json!(null))
            }
            CoreError::Migrate(e) => {
                (format!("数据库升级失败：{e}"), format!("Database migration failed: {e}"), json!(null))
            }
            CoreError::KeyFile { path, reason } => (
                format!("无法读取或创建密钥文件：{path}\n原因：{reason}"),
                format!("Cannot read or create the key file {path}: {reason}"),
                json!({ "path": path, "reason": reason }),
            ),
            CoreError::FileNotGranted { purpose } => (
                format!(
                    "这次的文件选择无效或已过期（选择后 {} 分钟内有效，保存位置只能用一次），请重新选择{}",
                    crate::service::files::GRANT_TTL_MINUTES,
                    purpose.label_zh()
                ),
                format!(
                    "This file choice is unknown or expired (a choice holds for {} minutes, a place to save serves one write); choose the {} again",
                    crate::service::files::GRANT_TTL_MINUTES,
                    purpose.label_en()
                ),
                json!({ "purpose": purpose }),
            ),
        };
        ApiError { code: self.code(), message: zh, message_en: en, details }
    }
}

/// True when the database could not be reached at all (U-4: the team store's PostgreSQL stopped or restarting,
/// the connection cut), as opposed to a statement it refused: the request may simply be tried again.
fn unreachable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) | sqlx::Error::Tls(_) => true,
        // PostgreSQL's classes 08 (connection exception) and 57P (operator intervention: shutting down, starting up)
        sqlx::Error::Database(d) => d.code().is_some_and(|c| c.starts_with("08") || c.starts_with("57P")),
        _ => false,
    }
}

/// "数据库正被另一个 KOS 工作台进程使用（进程 1234，窗口，自 19:20 起）…" with what to do about it.
fn in_use_message(path: &str, holder: Option<&crate::db_lock::Holder>) -> (String, String, serde_json::Value) {
    use crate::db_lock::HolderKind;
    let (who_zh, who_en) = match holder {
        Some(h) => {
            let since = since_local(&h.since);
            (
                format!("（进程 {}，{}，自 {since} 起）", h.pid, h.kind.label_zh()),
                format!(" (process {}, {}, since {since})", h.pid, h.kind.label_en()),
            )
        }
        None => (String::new(), String::new()),
    };
    let (todo_zh, todo_en) = match holder.map(|h| h.kind) {
        Some(HolderKind::Window) => (
            "请切换到已打开的 KOS 工作台窗口，或关闭它后再试。",
            "Switch to the KOS Desk window that is open, or close it and try again.",
        ),
        _ => ("请等它结束后再试。", "Try again once it has ended."),
    };
    (
        format!("数据库正被另一个 KOS 工作台进程使用{who_zh}：{path}\n{todo_zh}"),
        format!("The database {path} is in use by another KOS Desk process{who_en}. {todo_en}"),
        serde_json::json!({ "path": path, "holder": holder }),
    )
}

/// An RFC 3339 instant as this machine's local time: `19:20` today, `11-25 19:20` another day.
fn since_local(at: &str) -> String {
    use chrono::Local;
    match crate::clock::parse_ts(at) {
        Some(t) => {
            let local = t.with_timezone(&Local);
            if local.date_naive() == Local::now().date_naive() {
                local.format("%H:%M").to_string()
            } else {
                local.format("%m-%d %H:%M").to_string()
            }
        }
        None => at.to_string(),
    }
}

fn entity_zh(entity: &str) -> &'static str {
    match entity {
        "enterprise" => "企业",
        "user" => "用户",
        "store" => "门店",
        "staff" => "员工",
        "account" => "小红书账号",
        "setting" => "规则设置",
        "binding" => "绑定记录",
        "proof" => "在职证明",
        "command" => "命令",
        "campaign" => "激励活动",
        "agency" => "代理商",
        _ => "记录",
    }
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        e.to_api()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn codes_travel_as_snake_case_names() {
        let e = CoreError::refused(ErrorCode::UnbindTooEarly, "B-18", "zh", "en", None);
        let api = e.to_api();
        assert_eq!(serde_json::to_value(&api).unwrap()["code"], "unbind_too_early");
        assert_eq!(ErrorCode::StaffAccountCapReached.name(), "staff_account_cap_reached");
        assert_eq!(CoreError::Migrate(sqlx::migrate::MigrateError::VersionMissing(1)).code().name(), "db_migrate");
    }

    #[test]
    fn b18_a_refusal_that_lifts_carries_the_beijing_instant_in_details() {
        let at = Utc.with_ymd_and_hms(2026, 12, 2, 3, 5, 0).unwrap();
        let api = CoreError::refused(ErrorCode::UnbindTooEarly, "B-18", "zh", "en", Some(at)).to_api();
        assert_eq!(api.details["available_from"], "2026-12-02T11:05:00+08:00");
        assert_eq!(api.details["rule"], "B-18");
        let none = CoreError::refused(ErrorCode::AlreadyBound, "B-7", "zh", "en", None).to_api();
        assert!(none.details["available_from"].is_null());
    }
}
