//! Notes as the review queue (N-3 … N-6), 数据中心 (N-8), a note's detail and a brand's overview show them.

use serde::Serialize;
use specta::Type;

/// A row of the queue: the note, its author and where it stands in review.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct QueueNote {
    pub id: i64,
    pub enterprise_id: i64,
    pub account_id: i64,
    pub note_id: String,
    pub title: String,
    /// "video" | "image"
    pub note_type: String,
    pub direction: Option<String>,
    pub published_at: String,
    pub staff_id: Option<i64>,
    pub staff_name: Option<String>,
    pub xhs_id: String,
    pub nickname: String,
    pub exposure: i64,
    pub reads: i64,
    /// `null`: unknown, the file gave 互动量 only (issue 10)
    pub likes: Option<i64>,
    pub collects: Option<i64>,
    pub comments: Option<i64>,
    pub shares: i64,
    /// 互动量 = 点赞 + 收藏 + 评论, or the total as the file gave it when `parts_known` is false
    pub interactions: i64,
    /// 点赞, 收藏 and 评论 are all known (false: `interactions` is a total whose parts are unknown)
    pub parts_known: bool,
    pub metrics_date: String,
    /// none | in_review | rejected | approved
    pub review_state: String,
    pub review_requested_at: Option<String>,
    /// the latest decision's reason (审核不通过 shows why)
    pub review_reason: Option<String>,
    pub boosts: i64,
    pub on_juguang: bool,
    /// S-1 优先: likes or comments above the brand's thresholds (set by the service); `null` when it cannot be
    /// judged (no likes or comments above them are known and some are unknown: a total alone does not tell)
    pub priority: Option<bool>,
    /// N-2: published longer ago than the review window allows (set by the service)
    pub too_old: bool,
}

/// An approved note in 数据中心 › 按笔记查看 (N-8).
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct DataCenterRow {
    pub id: i64,
    pub note_id: String,
    pub title: String,
    pub note_type: String,
    pub published_at: String,
    pub staff_name: Option<String>,
    /// 小红书号 of the author's account (the export carries it so the file imports back)
    pub xhs_id: String,
    pub exposure: i64,
    pub reads: i64,
    pub interactions: i64,
    /// false: `interactions` is a total whose parts are unknown
    pub parts_known: bool,
    /// 0..1
    pub video_5s_rate: Option<f64>,
    /// 0..1
    pub image_3s_rate: Option<f64>,
    pub avg_view_secs: Option<f64>,
    /// `null`: unknown (the file did not give it), never 0
    pub read_uv: Option<i64>,
    pub video_secs: Option<i64>,
    /// 订单来源: KOS notes come by the employee's authorisation
    pub order_source: String,
}

/// Notes published per month (Asia/Shanghai) by type, with their current interactions.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct MonthCount {
    /// "2026-06"
    pub month: String,
    pub video: i64,
    pub image: i64,
    pub interactions: i64,
}

/// A note's daily snapshots, oldest first (笔记详情 chart).
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct Snapshot {
    pub date: String,
    pub exposure: i64,
    pub reads: i64,
    /// `null`: the file of that day gave 互动量 only
    pub likes: Option<i64>,
    pub collects: Option<i64>,
    pub comments: Option<i64>,
    /// 互动量: the parts' sum, else the total as given
    pub interactions: Option<i64>,
    pub shares: i64,
    pub follows_gained: i64,
    /// `null`: unknown (not in that day's file)
    pub read_uv: Option<i64>,
}

/// Rate and duration metrics of a note (数据中心, 笔记详情).
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct NoteRates {
    pub follows_gained: i64,
    /// `null`: unknown (the file did not give it), never 0
    pub read_uv: Option<i64>,
    pub avg_view_secs: Option<f64>,
    pub video_5s_rate: Option<f64>,
    pub image_3s_rate: Option<f64>,
    pub video_secs: Option<i64>,
}

/// Counts per tab of 已发起审核笔记 (N-6), from the request index (bounded by the monthly quota).
#[derive(Debug, Clone, Default, Serialize, Type, PartialEq)]
pub struct TabCounts {
    pub all: i64,
    pub in_review: i64,
    pub rejected: i64,
    pub approved: i64,
}
