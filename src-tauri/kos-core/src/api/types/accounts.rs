//! A brand's 小红书账号 register as the 小红书账号 page lists it, with the nickname and followers by day (U-2, S-2).

use serde::Serialize;
use specta::Type;

use crate::model::{BindingMode, BindingStatus};

/// An account as the 小红书账号 page lists it.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct AccountEntry {
    pub account_id: i64,
    /// 小红书号
    pub xhs_id: String,
    pub nickname: String,
    pub followers: i64,
    /// the day nickname and followers were last seen (register, account import or note import)
    pub followers_on: Option<String>,
    /// B-2: must be true
    pub phone_bound: bool,
    /// B-2: must be false
    pub has_shop: bool,
    pub owner_staff_id: Option<i64>,
    pub owner_name: Option<String>,
    pub owner_employee_no: Option<String>,
    /// the live binding with this brand, if any
    pub binding_status: Option<BindingStatus>,
    pub binding_mode: Option<BindingMode>,
    pub bound_staff_name: Option<String>,
}

/// Nickname and followers seen on a day.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct AccountSnapshot {
    pub date: String,
    pub nickname: String,
    pub followers: i64,
    /// register, account_import, note_import, platform (as first known)
    pub source: String,
}
