//! A brand's current staff as the 门店与员工 page lists them, with their bound account (U-2).

use serde::Serialize;
use specta::Type;

use crate::model::BindingMode;

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct StaffRow {
    pub id: i64,
    pub name: String,
    pub store_id: i64,
    pub store_name: String,
    /// masked ID number; empty for a roster row whose invitation has not brought it yet (U-2)
    pub id_masked: String,
    pub hired_on: String,
    /// 工号 from the HR roster (U-2)
    pub employee_no: Option<String>,
    /// 岗位 as the HR roster names it (U-2)
    pub position: Option<String>,
    /// `138****5678`
    pub phone_masked: Option<String>,
    pub xhs_id: Option<String>,
    pub nickname: Option<String>,
    pub followers: Option<i64>,
    pub binding_mode: Option<BindingMode>,
    pub job_title: Option<String>,
}
