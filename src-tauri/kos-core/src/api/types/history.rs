//! The history of state changes (操作记录, an account's history; B-20) as the UI lists it.

use serde::Serialize;
use specta::Type;

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct HistoryRow {
    pub id: i64,
    pub at: String,
    pub actor_name: Option<String>,
    pub actor_role: Option<String>,
    pub enterprise_id: Option<i64>,
    pub entity_type: String,
    pub entity_id: String,
    pub action: String,
    pub summary_zh: String,
    pub summary_en: String,
    pub reason: Option<String>,
    /// this row's link in the hash chain (B-20); evidence exports carry it
    pub hash: Option<String>,
}
