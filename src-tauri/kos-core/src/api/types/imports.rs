//! Note imports (N-1) as 导入笔记数据 lists them: the import, its rejected rows and the notes kept aside.

use serde::Serialize;
use specta::Type;

/// An import as the screen shows it.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct ImportRow {
    pub id: i64,
    pub enterprise_id: i64,
    pub file_name: String,
    pub file_sha256: String,
    pub data_date: String,
    pub mapping_json: String,
    /// running | done | cancelled | failed
    pub status: String,
    pub rows_total: i64,
    /// data rows committed so far (a re-run resumes after them)
    pub rows_done: i64,
    pub inserted: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub rejected: i64,
    pub set_aside: i64,
    /// why it failed, in Chinese and English
    pub error: Option<String>,
    pub error_en: Option<String>,
    pub started_by_name: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    /// N-1: the file's columns no field was mapped to (their data was ignored), as headers
    pub unmapped: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct RejectRow {
    pub line: i64,
    pub column_name: Option<String>,
    pub reason: String,
    pub reason_en: String,
}

/// A note kept aside and why.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct AsideRow {
    pub line: i64,
    pub note_id: String,
    pub xhs_id: String,
    pub title: String,
    pub published_at: String,
    /// unknown_account | not_bound | frozen
    pub reason: String,
}
