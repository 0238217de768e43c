//! The demo data set as plain values, before it is written to a database. Indexes (`usize`) point into the
//! other vectors of the same `Dataset`.

use chrono::{DateTime, NaiveDate, Utc};

use crate::model::{BindingMode, BindingStatus, NoteType, Role};

#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// `[0]` is the main brand, `[1]` the second brand.
    pub enterprises: Vec<DemoEnterprise>,
    pub agency: DemoAgency,
    pub stores: Vec<DemoStore>,
    pub staff: Vec<DemoStaff>,
    pub accounts: Vec<DemoAccount>,
    pub bindings: Vec<DemoBinding>,
    pub notes: Vec<DemoNote>,
    pub users: Vec<DemoUser>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DemoEnterprise {
    pub name: String,
    /// one of `model::INDUSTRIES`
    pub industry: &'static str,
    /// head-office city
    pub city: &'static str,
    /// declared offline store count (may exceed the stores listed)
    pub store_count: u32,
    pub professional_account: bool,
    pub staff_mgmt_permission: bool,
    pub last_serious_violation_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DemoAgency {
    pub name: String,
    /// enterprises (indexes) that reported this agency (报备品牌)
    pub reported_by: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DemoStore {
    pub enterprise: usize,
    pub name: String,
    pub city: &'static str,
    pub district: &'static str,
    pub address: String,
    pub opened_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DemoStaff {
    pub enterprise: usize,
    pub store: usize,
    pub name: String,
    /// plain synthetic ID number (passes GB 11643); the loader stores only its HMAC and mask
    pub id_number: String,
    /// 11-digit synthetic mobile number; the loader stores only a masked form
    pub phone: String,
    pub hired_on: NaiveDate,
    /// 工号 as the brand's HR roster numbers its staff (U-2): unique within the brand
    pub employee_no: String,
    /// 岗位 as the HR roster names it (店长, 保洁师, 美容师 …)
    pub position: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DemoAccount {
    /// 小红书号: 9–10 digits, unique
    pub xhs_id: String,
    pub nickname: String,
    pub followers: u32,
    pub has_shop: bool,
    pub phone_bound: bool,
    /// the account holder passed real-name verification (B-22) as `owner_staff`'s name and ID
    pub real_name_verified: bool,
    /// subset of 微信, 微博, QQ, Apple ID, 华为ID
    pub third_party_logins: Vec<&'static str>,
    pub owner_staff: Option<usize>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DemoBinding {
    pub enterprise: usize,
    pub account: usize,
    pub staff: usize,
    pub mode: BindingMode,
    /// one of `model::JOB_TITLES`
    pub job_title: &'static str,
    pub status: BindingStatus,
    pub invited_at: DateTime<Utc>,
    pub effective_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    pub end_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DemoNote {
    /// 24 lowercase hex characters, unique
    pub note_id: String,
    pub account: usize,
    /// the brand the account was bound to when the note was published
    pub enterprise: Option<usize>,
    pub title: String,
    pub note_type: NoteType,
    /// S-4 content direction, e.g. "日常工作记录"
    pub direction: &'static str,
    pub published_at: DateTime<Utc>,
    pub video_secs: Option<u32>,
    pub avg_view_secs: f64,
    pub video_5s_rate: Option<f64>,
    pub image_3s_rate: Option<f64>,
    /// cumulative metrics by day, oldest first, non-decreasing; the last is the note's current state
    pub snapshots: Vec<DemoSnapshot>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DemoSnapshot {
    pub date: NaiveDate,
    pub exposure: u64,
    pub reads: u64,
    pub likes: u64,
    pub collects: u64,
    pub comments: u64,
    pub shares: u64,
    pub follows_gained: u64,
    pub read_uv: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DemoUser {
    pub name: String,
    pub role: Role,
    pub enterprise: Option<usize>,
    /// true for the agency's user
    pub agency: bool,
    /// for employees: the staff member they are
    pub staff: Option<usize>,
    /// for store managers: the stores they manage
    pub stores: Vec<usize>,
}
