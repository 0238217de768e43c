//! Note reviews (N-6), 内容加热 orders and the 聚光 导购笔记 list (N-7) as the UI shows them.

use serde::Serialize;
use specta::Type;

/// A review request as the reviewer and the note's history see it.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct ReviewRow {
    pub id: i64,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub note_row_id: i64,
    pub note_id: String,
    pub title: String,
    pub note_type: String,
    pub published_at: String,
    pub staff_name: Option<String>,
    pub xhs_id: String,
    pub requested_by_name: String,
    pub requested_at: String,
    /// in_review | rejected | approved
    pub state: String,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<String>,
    pub reason: Option<String>,
    /// JSON list of the N-2 items ticked
    pub checklist_json: Option<String>,
}

/// A 内容加热 order.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct BoostRow {
    pub id: i64,
    pub note_row_id: i64,
    pub budget_yuan: i64,
    pub days: i64,
    /// P-1 goal: 产品种草 | 抢占赛道 | 商品销量 | 客资收集
    pub goal: String,
    pub starts_on: String,
    pub created_by_name: String,
    pub created_at: String,
}

/// A note on the 聚光 导购笔记 list (N-7).
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct JuguangRow {
    pub note_row_id: i64,
    pub note_id: String,
    pub title: String,
    pub note_type: String,
    pub published_at: String,
    pub staff_name: Option<String>,
    pub xhs_id: String,
    pub exposure: i64,
    pub reads: i64,
    pub interactions: i64,
    /// false: `interactions` is a total whose parts are unknown (issue 10)
    pub parts_known: bool,
    pub sent_by_name: String,
    pub sent_at: String,
}
