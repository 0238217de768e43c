//! The core's one error type. Every variant has a stable `code` the UI branches on and a message in zh-CN
//! and en; `ApiError` is its wire form for both doors (Tauri IPC and the CLI).

use serde::Serialize;
use specta::Type;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("forbidden: {action}")]
    Forbidden { action: &'static str, role: crate::model::Role },
    #[error("not found: {entity} {id}")]
    NotFound { entity: &'static str, id: String },
    #[error("invalid input: {field}: {reason_en}")]
    InvalidInput { field: String, reason_zh: String, reason_en: String },
    /// A business rule says no: `code` names the case for the UI (e.g. "invitation_expired",
    /// "unbind_too_early"), `rule` the SPEC rule, `available_from` when it becomes possible, if ever.
    #[error("refused by {rule}: {reason_en}")]
    Refused {
        code: &'static str,
        rule: &'static str,
        reason_zh: String,
        reason_en: String,
        available_from: Option<String>,
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
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("key file error {path}: {reason}")]
    KeyFile { path: String, reason: String },
}

pub type CoreResult<T> = Result<T, CoreError>;

/// Wire form of an error: `{ code, message, message_en, details }`.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct ApiError {
    pub code: String,
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
        code: &'static str,
        rule: &'static str,
        reason_zh: impl Into<String>,
        reason_en: impl Into<String>,
        available_from: Option<String>,
    ) -> Self {
        CoreError::Refused { code, rule, reason_zh: reason_zh.into(), reason_en: reason_en.into(), available_from }
    }

    pub fn not_found(entity: &'static str, id: impl ToString) -> Self {
        CoreError::NotFound { entity, id: id.to_string() }
    }

    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Forbidden { .. } => "forbidden",
            CoreError::NotFound { .. } => "not_found",
            CoreError::InvalidInput { .. } => "invalid_input",
            CoreError::Refused { code, .. } => code,
            CoreError::File { .. } => "file",
            CoreError::DemoAlreadyLoaded => "demo_already_loaded",
            CoreError::NoActor => "no_actor",
            CoreError::UnknownCommand(_) => "unknown_command",
            CoreError::DbOpen { .. } => "db_open",
            CoreError::Db(_) => "db",
            CoreError::Migrate(_) => "db_migrate",
            CoreError::KeyFile { .. } => "key_file",
        }
    }

    pub fn to_api(&self) -> ApiError {
        use serde_json::json;
        let (zh, en, details) = match self {
            CoreError::Forbidden { action, role } => (
                format!("当前角色「{}」无权执行此操作（{action}）", role.label_zh()),
                format!("The role \"{}\" may not do this ({action})", role.label_en()),
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
            CoreError::Refused { rule, reason_zh, reason_en, available_from, .. } => {
                (reason_zh.clone(), reason_en.clone(), json!({ "rule": rule, "available_from": available_from }))
            }
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
        };
        ApiError { code: self.code().into(), message: zh, message_en: en, details }
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
        _ => "记录",
    }
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        e.to_api()
    }
}
