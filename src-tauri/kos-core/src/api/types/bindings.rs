//! Staff-account bindings (B-1 … B-22) as the 员工账号 list, the calendar and the proof review show them.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::model::{BindingMode, BindingStatus};

/// A row of the binding list: the account, the person, the store, the mode and the dates.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct BindingRow {
    pub id: i64,
    pub enterprise_id: i64,
    pub account_id: i64,
    /// 小红书号
    pub xhs_id: String,
    pub nickname: String,
    pub followers: i64,
    pub staff_id: i64,
    pub staff_name: String,
    /// masked ID number (`110105********002X`)
    pub staff_id_masked: String,
    pub store_id: i64,
    pub store_name: String,
    /// 岗位 (B-11)
    pub job_title: String,
    pub mode: BindingMode,
    pub status: BindingStatus,
    pub invited_at: String,
    /// bound since (accepted)
    pub effective_at: Option<String>,
    pub ended_at: Option<String>,
    pub end_reason: Option<String>,
    /// the employment proof sent with the invitation (its SHA-256), if any
    pub proof_id: Option<String>,
    /// "pending" | "compliant" | "non_compliant" (B-15)
    pub proof_review: Option<String>,
    /// open invitations: when it expires (B-13)
    pub expires_at: Option<String>,
    /// when the next restricted action becomes possible (see `next_action`); `null` when nothing waits
    pub next_action_at: Option<String>,
    pub next_action: Option<NextAction>,
}

/// What `next_action_at` is the date of.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum NextAction {
    /// the invitation expires (B-13)
    InvitationExpires,
    /// the personal authorization may be unbound (B-18)
    PersonalUnbindable,
    /// other enterprises may authorize the account again (B-19)
    RebindableByOthers,
}

/// Live bindings whose employment proof waits for the platform's review (B-15), across brands, oldest first.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct PendingProof {
    pub binding_id: i64,
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub xhs_id: String,
    pub staff_name: String,
    pub mode: BindingMode,
    pub job_title: String,
    pub status: BindingStatus,
    pub invited_at: String,
    /// SHA-256 of the proof; open it with `read_proof`
    pub proof_id: String,
    pub mime: String,
    pub size: i64,
    pub name: String,
    pub uploaded_at: String,
}
