//! A brand's stores as the 门店与员工 page lists them (U-2).

use serde::Serialize;
use specta::Type;

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct StoreRow {
    pub id: i64,
    pub name: String,
    pub city: String,
    pub district: String,
    pub address: String,
    pub opened_on: String,
    pub staff_count: i64,
    pub manager_name: Option<String>,
    /// 已关闭 since this date (U-2): kept with its history and staff records, not offered for new staff or
    /// bindings
    pub closed_on: Option<String>,
    /// 店长手机号 as given by a form or the stores sheet, masked (138****5678); never the number
    pub manager_phone_masked: Option<String>,
}
