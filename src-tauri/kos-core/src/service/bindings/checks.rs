//! The checks the binding workflow and the 批量绑定 sheet share: the reason for a change (B-20), 姓名 (B-10),
//! 身份证号码 (B-10), the signed 承诺书 and 服务协议 (B-12), 岗位 (B-11), the staff-account cap (B-3) and the
//! staff member already registered with an ID number (B-10).

use crate::store::ex::Ex;

use crate::authz::Actor;
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::idcard;
use crate::model::JOB_TITLES;
use crate::store;

pub(super) fn check_reason(reason: &str) -> CoreResult<&str> {
    let r = reason.trim();
    if r.is_empty() {
        Err(CoreError::invalid(
            "reason",
            "请填写原因（将记录在账号历史中）",
            "Give a reason (it is kept in the account's history)",
        ))
    } else {
        Ok(r)
    }
}

/// 姓名, trimmed, 1–24 characters (B-10).
pub(in crate::service) fn check_staff_name(raw: &str) -> CoreResult<&str> {
    let name = raw.trim();
    let len = name.chars().count();
    if (1..=24).contains(&len) {
        Ok(name)
    } else {
        Err(CoreError::invalid(
            "staff_name",
            format!("姓名须为 1–24 个字符（现为 {len} 个）(B-10)"),
            format!("The name must have 1–24 characters (has {len}) (B-10)"),
        ))
    }
}

/// 身份证号码 per GB 11643 (B-10), normalised.
pub(in crate::service) fn check_id_number(raw: &str, today: chrono::NaiveDate) -> CoreResult<String> {
    idcard::validate(raw, today).map_err(id_error)
}

/// B-12: the 承诺书 and 服务协议 are signed; signing sends the invitation.
pub(in crate::service) fn check_signed(signed: bool) -> CoreResult<()> {
    if signed {
        Ok(())
    } else {
        Err(CoreError::invalid(
            "signed",
            "请先阅读并签署《承诺书》和《服务协议》，签署后才会发送邀请 (B-12)",
            "Sign the commitment letter and the service agreement first; signing sends the invitation (B-12)",
        ))
    }
}

/// B-3: no room for another staff account (pending invitations count).
pub(in crate::service) fn cap_reached(cap: i64) -> CoreError {
    CoreError::refused(
        ErrorCode::StaffAccountCapReached,
        "B-3",
        format!("员工账号已达上限 {cap} 个（含待接受的邀请），请先解绑或联系销售经理提高上限 (B-3)"),
        format!("The staff-account limit of {cap} is reached (pending invitations included) (B-3)"),
        None,
    )
}

/// The current staff member already registered with this ID number, if any; their name and store must be the
/// ones given (B-10).
pub(in crate::service) async fn registered_staff(
    conn: impl Into<Ex<'_>>,
    actor: &Actor,
    enterprise_id: i64,
    id_hmac: &str,
    name: &str,
    store_id: i64,
) -> CoreResult<Option<i64>> {
    let Some(s) = store::staff::find_current_by_id_hmac(conn, enterprise_id, id_hmac).await? else {
        return Ok(None);
    };
    if s.name != name {
        return Err(CoreError::invalid(
            "staff_name",
            "该身份证号已登记在另一位员工名下，姓名不一致，请核对 (B-10)",
            "This ID number is registered for a staff member with another name; check both (B-10)",
        ));
    }
    if s.store_id != store_id {
        actor.require_store("staff", s.id, s.store_id)?;
        return Err(CoreError::invalid(
            "store_id",
            "该员工登记在另一家门店，请选择其所在门店",
            "This staff member belongs to another store; choose that store",
        ));
    }
    Ok(Some(s.id))
}

pub(in crate::service) fn check_job_title(t: &str) -> CoreResult<&'static str> {
    JOB_TITLES.iter().copied().find(|j| *j == t.trim()).ok_or_else(|| {
        CoreError::invalid(
            "job_title",
            format!("岗位只能从 {} 中选择 (B-11)", JOB_TITLES.join("、")),
            "The job title must be one of 导购, 店长, 客服, 员工, 助理, 主播人 (B-11)",
        )
    })
}

fn id_error(e: idcard::IdCardError) -> CoreError {
    CoreError::invalid("id_number", e.message_zh(), e.message_en())
}
