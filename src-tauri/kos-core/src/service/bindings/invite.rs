//! Sending a binding invitation, the wizard's last step (B-9, B-10, B-11, B-12): every check, the staff
//! member and their employee login when new, the invitation and its proof, in one transaction with history.

use serde::Deserialize;
use serde_json::json;
use specta::Type;

use super::checks::{cap_reached, check_id_number, check_job_title, check_signed, check_staff_name, registered_staff};
use crate::api::types::bindings::BindingRow;
use crate::authz::{Actor, Permission};
use crate::clock::ts;
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::model::{BindingMode, BindingStatus, Role};
use crate::service::roster::RosterMatch;
use crate::service::{record, Event, Service};
use crate::store;
use crate::store::bindings::NewBinding;
use crate::{idcard, rules};

#[derive(Debug, Clone, Deserialize, Type)]
pub struct InviteArgs {
    pub enterprise_id: i64,
    pub mode: BindingMode,
    /// 小红书号
    pub xhs_id: String,
    /// the employee's store
    pub store_id: i64,
    /// 姓名, 1–24 characters (B-10)
    pub staff_name: String,
    /// 身份证号码, GB 11643 (B-10); kept only as HMAC and mask
    pub id_number: String,
    /// from `upload_proof` (B-10)
    pub proof_id: String,
    /// one of 导购, 店长, 客服, 员工, 助理, 主播人 (B-11)
    pub job_title: String,
    /// 承诺书 and 服务协议 signed (B-12)
    pub signed: bool,
    /// 工号 of the person on the roster (U-2): the invitation attaches to that roster row; without it, to the
    /// one current roster row of this name in the store that has no ID number yet, if any
    #[serde(default)]
    pub employee_no: Option<String>,
}

impl Service {
    /// Sends a binding invitation (the wizard's last step, B-9..B-12) after every check.
    pub async fn invite(&self, actor: &Actor, args: InviteArgs) -> CoreResult<BindingRow> {
        actor.require_in(Permission::ManageBindings, args.enterprise_id)?;
        let now_t = self.clock.now();
        self.sweep(now_t).await?;
        let pool = self.db.pool();
        let eid = args.enterprise_id;
        match store::stores::get(pool, args.store_id).await? {
            Some(s) if s.enterprise_id == eid => {
                actor.require_store("store", args.store_id, args.store_id)?;
                // U-2: a closed store takes no new staff or bindings
                if let Some(on) = s.closed_on {
                    return Err(CoreError::refused(
                        ErrorCode::StoreClosed,
                        "U-2",
                        format!("门店「{}」已于 {on} 关闭，不能再为该门店发送绑定邀请", s.name),
                        format!("The store \"{}\" closed on {on}; it takes no new invitations", s.name),
                        None,
                    ));
                }
            }
            _ => return Err(CoreError::not_found("store", args.store_id)),
        }

        let name = check_staff_name(&args.staff_name)?;
        let id_number = check_id_number(&args.id_number, self.clock.today())?;
        let job_title = check_job_title(&args.job_title)?;
        check_signed(args.signed)?;
        let proof_id = args.proof_id.trim().to_ascii_lowercase();
        let proof = store::proofs::get_by_sha(pool, eid, &proof_id)
            .await?
            .filter(|p| p.deleted_at.is_none())
            .ok_or_else(|| {
                CoreError::invalid(
                    "proof_id",
                    "请先上传员工的在职证明或劳动合同 (B-10)",
                    "Upload the employee's employment proof or labour contract first (B-10)",
                )
            })?;
        let el = self.require_eligible(eid, now_t).await?;
        let xhs_id = args.xhs_id.trim();
        let account = store::accounts::get_by_xhs_id(pool, xhs_id)
            .await?
            .ok_or_else(|| CoreError::not_found("account", xhs_id))?;
        let id_hmac = self.secrets.id_number_hmac(&id_number);
        let now = ts(now_t);

        let mut tx = self.db.write().await?;
        if let Some(refusal) = self.account_refusal(&mut tx, eid, &account, args.mode, now_t).await? {
            return Err(refusal);
        }
        if store::bindings::count_live(&mut *tx, eid).await? >= el.staff_account_cap {
            return Err(cap_reached(el.staff_account_cap));
        }
        let registered = match registered_staff(&mut tx, actor, eid, &id_hmac, name, args.store_id).await? {
            Some(id) => Some(id),
            None => {
                let roster = RosterMatch { store_id: args.store_id, name, employee_no: args.employee_no.as_deref() };
                self.attach_to_roster(&mut tx, actor, eid, &roster, &id_hmac, &id_number, &now).await?
            }
        };
        let staff_id = match registered {
            Some(id) => id,
            None => {
                let id = store::staff::insert(
                    &mut *tx,
                    &store::staff::NewStaff {
                        enterprise_id: eid,
                        store_id: args.store_id,
                        name,
                        id_hmac: id_hmac.clone(),
                        id_masked: idcard::mask(&id_number),
                        phone_masked: None,
                        hired_on: self.clock.today().to_string(),
                        created_at: now.clone(),
                    },
                )
                .await?;
                record(
                    &mut tx,
                    Some(actor.user_id),
                    &now,
                    Event {
                        enterprise_id: Some(eid),
                        entity_type: "staff",
                        entity_id: id.to_string(),
                        action: "create",
                        summary_zh: format!("登记员工 {name}（身份证 {}）", idcard::mask(&id_number)),
                        summary_en: format!("Registered staff member {name} (ID {})", idcard::mask(&id_number)),
                        reason: None,
                        before: None,
                        after: Some(json!({ "store_id": args.store_id })),
                    },
                )
                .await?;
                id
            }
        };
        // the invited person answers in 消息通知 as an employee user (B-13): make sure they have one
        if store::users::get_employee_by_staff(&mut *tx, staff_id).await?.is_none() {
            let user_id = store::users::insert(
                &mut *tx,
                &store::users::NewUser {
                    name,
                    role: Role::Employee,
                    enterprise_id: Some(eid),
                    agency_id: None,
                    staff_id: Some(staff_id),
                    created_at: now.clone(),
                },
            )
            .await?;
            record(
                &mut tx,
                Some(actor.user_id),
                &now,
                Event {
                    enterprise_id: Some(eid),
                    entity_type: "user",
                    entity_id: user_id.to_string(),
                    action: "create",
                    summary_zh: format!("为员工 {name} 开通员工端，用于接收绑定邀请"),
                    summary_en: format!("Opened an employee login for {name} to answer invitations"),
                    reason: None,
                    before: None,
                    after: Some(json!({ "role": "employee", "staff_id": staff_id })),
                },
            )
            .await?;
        }
        let inserted = store::bindings::insert(
            &mut *tx,
            &NewBinding {
                enterprise_id: eid,
                account_id: account.id,
                staff_id,
                mode: args.mode,
                job_title,
                status: BindingStatus::Invited,
                invited_by: actor.user_id,
                invited_at: now.clone(),
                effective_at: None,
                ended_at: None,
                end_reason: None,
                signed_at: Some(now.clone()),
                previous_binding_id: None,
            },
        )
        .await;
        let binding_id = match inserted {
            Ok(id) => id,
            Err(CoreError::Db(sqlx::Error::Database(e))) if e.is_unique_violation() => {
                return Err(CoreError::refused(
                    ErrorCode::AccountBoundElsewhere,
                    "B-7",
                    "该账号刚刚被绑定或邀请，一个账号只能绑定一个企业 (B-7)",
                    "The account was just bound or invited; an account can belong to one enterprise only (B-7)",
                    None,
                ));
            }
            Err(e) => return Err(e),
        };
        store::proofs::insert_link(&mut *tx, binding_id, proof.id).await?;
        let expiry = self.rule_value(Some(eid), rules::INVITE_EXPIRY_HOURS).await?;
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(eid),
                entity_type: "binding",
                entity_id: binding_id.to_string(),
                action: "invite",
                summary_zh: format!(
                    "向 {name}（小红书号 {}）发送{}绑定邀请，岗位 {job_title}，已签署承诺书和服务协议，{expiry} 小时内有效",
                    account.xhs_id,
                    args.mode.label_zh()
                ),
                summary_en: format!(
                    "Invited {name} ({}) as {}, title {job_title}; commitment and agreement signed; valid {expiry} h",
                    account.xhs_id,
                    args.mode.label_en()
                ),
                reason: None,
                before: None,
                after: Some(json!({ "status": "invited", "mode": args.mode, "job_title": job_title, "proof_id": proof_id })),
            },
        )
        .await?;
        tx.commit().await?;
        self.binding_row(binding_id).await?.ok_or_else(|| CoreError::not_found("binding", binding_id))
    }
}
