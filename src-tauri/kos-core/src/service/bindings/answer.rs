//! The employee's answer to an invitation in 消息 › 消息通知 (B-13, B-14): the list, accepting after the
//! identity checks, declining.

use serde::{Deserialize, Serialize};
use serde_json::json;
use specta::Type;

use super::checks::check_id_number;
use crate::authz::{Actor, Permission};
use crate::clock::ts;
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::model::{BindingMode, BindingStatus};
use crate::rules;
use crate::service::when::{self, hours};
use crate::service::{record, Event, NoArgs, Service};
use crate::store;
use crate::store::bindings::{BindingRecord, StatusChange};

#[derive(Debug, Clone, Deserialize, Type)]
pub struct BindingArgs {
    pub binding_id: i64,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct AcceptInvitationArgs {
    pub binding_id: i64,
    /// 姓名 as on the ID card
    pub name: String,
    /// 身份证号码
    pub id_number: String,
}

/// An invitation as the employee sees it in 消息 › 消息通知 (B-13).
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct MyInvitation {
    pub binding_id: i64,
    pub enterprise_name: String,
    pub xhs_id: String,
    pub nickname: String,
    pub mode: BindingMode,
    pub job_title: String,
    pub status: BindingStatus,
    /// 邀请中 / 已失效 / 已绑定 …
    pub status_label_zh: String,
    pub status_label_en: String,
    pub invited_at: String,
    /// invited_at + invite_expiry_hours
    pub expires_at: String,
    pub effective_at: Option<String>,
    pub can_accept: bool,
}

impl Service {
    /// The acting employee's invitations and bindings, newest first (B-13).
    pub async fn my_invitations(&self, actor: &Actor, _args: NoArgs) -> CoreResult<Vec<MyInvitation>> {
        actor.require(Permission::RespondInvitation)?;
        self.sweep(self.clock.now()).await?;
        let Some(staff_id) = actor.staff_id else { return Ok(Vec::new()) };
        let mut out = Vec::new();
        for b in store::bindings::list_for_staff(self.db.pool(), staff_id).await? {
            let h = self.rule_value(Some(b.enterprise_id), rules::INVITE_EXPIRY_HOURS).await?;
            let expires_at = ts(when::parse("invited_at", &b.invited_at)? + hours(h));
            out.push(MyInvitation {
                binding_id: b.id,
                enterprise_name: b.enterprise_name,
                xhs_id: b.xhs_id,
                nickname: b.nickname,
                mode: b.mode,
                job_title: b.job_title,
                status: b.status,
                status_label_zh: b.status.label_zh().into(),
                status_label_en: b.status.label_en().into(),
                invited_at: b.invited_at,
                expires_at,
                effective_at: b.effective_at,
                can_accept: b.status == BindingStatus::Invited,
            });
        }
        Ok(out)
    }

    /// The employee's own open invitation, or why it cannot be answered.
    async fn own_open_invitation(&self, actor: &Actor, binding_id: i64) -> CoreResult<BindingRecord> {
        actor.require(Permission::RespondInvitation)?;
        let now = self.clock.now();
        self.sweep(now).await?;
        let b = store::bindings::get(self.db.pool(), binding_id)
            .await?
            .filter(|b| Some(b.staff_id) == actor.staff_id)
            .ok_or_else(|| CoreError::not_found("binding", binding_id))?;
        let h = self.rule_value(Some(b.enterprise_id), rules::INVITE_EXPIRY_HOURS).await?;
        let expired = b.status == BindingStatus::Expired
            || (b.status == BindingStatus::Invited && now >= when::parse("invited_at", &b.invited_at)? + hours(h));
        if expired {
            return Err(CoreError::refused(
                ErrorCode::InvitationExpired,
                "B-13",
                format!("该邀请已失效（超过 {h} 小时未接受），请联系企业重新发送邀请 (B-13)"),
                format!("The invitation has expired (not accepted within {h} hours); ask the enterprise to send a new one (B-13)"),
                None,
            ));
        }
        if b.status != BindingStatus::Invited {
            return Err(CoreError::refused(
                ErrorCode::InvitationClosed,
                "B-13",
                format!("该邀请当前状态为「{}」，无需再处理", b.status.label_zh()),
                format!("The invitation is {}; nothing to answer", b.status.label_en()),
                None,
            ));
        }
        Ok(b)
    }

    async fn my_invitation(&self, actor: &Actor, binding_id: i64) -> CoreResult<MyInvitation> {
        self.my_invitations(actor, NoArgs {})
            .await?
            .into_iter()
            .find(|i| i.binding_id == binding_id)
            .ok_or_else(|| CoreError::not_found("binding", binding_id))
    }

    /// Accepts an invitation after checking name and ID number against it and the account's real-name
    /// record (B-14); a mismatch leaves the invitation open.
    pub async fn accept_invitation(&self, actor: &Actor, args: AcceptInvitationArgs) -> CoreResult<MyInvitation> {
        let b = self.own_open_invitation(actor, args.binding_id).await?;
        let id_number = check_id_number(&args.id_number, self.clock.today())?;
        let name = args.name.trim();
        let pool = self.db.pool();
        let staff =
            store::staff::get(pool, b.staff_id).await?.ok_or_else(|| CoreError::not_found("staff", b.staff_id))?;
        let account = store::accounts::get(pool, b.account_id)
            .await?
            .ok_or_else(|| CoreError::not_found("account", b.account_id))?;
        let matches_invitation =
            staff.name == name && staff.id_hmac.as_deref() == Some(self.secrets.id_number_hmac(&id_number).as_str());
        let real_name = self.secrets.real_name_hmac(name, &id_number);
        let matches_real_name = account.real_name_hmac.as_deref().is_none_or(|r| r == real_name);
        let now = self.now_ts();
        if !(matches_invitation && matches_real_name) {
            let (zh, en) = if matches_invitation {
                (
                    "姓名或身份证号与该小红书账号的实名认证信息不一致，无法接受邀请；请使用实名认证本人的信息 (B-14)",
                    "Name or ID number differ from the account's real-name record; the invitation stays open (B-14)",
                )
            } else {
                (
                    "姓名或身份证号与邀请信息不一致，无法接受邀请；请核对后重试，或联系企业更正邀请 (B-14)",
                    "Name or ID number differ from the invitation; check them or ask the enterprise to correct it (B-14)",
                )
            };
            let mut tx = self.db.write().await?;
            record(
                &mut tx,
                Some(actor.user_id),
                &now,
                Event {
                    enterprise_id: Some(b.enterprise_id),
                    entity_type: "binding",
                    entity_id: b.id.to_string(),
                    action: "accept_refused",
                    summary_zh: "接受邀请时身份核验未通过，邀请保持待接受 (B-14)".into(),
                    summary_en: "Identity check failed on acceptance; the invitation stays open (B-14)".into(),
                    reason: Some(zh),
                    before: None,
                    after: None,
                },
            )
            .await?;
            tx.commit().await?;
            return Err(CoreError::refused(ErrorCode::IdentityMismatch, "B-14", zh, en, None));
        }
        let mut tx = self.db.write().await?;
        let changed = store::bindings::update_status(
            &mut *tx,
            &StatusChange {
                id: b.id,
                from: BindingStatus::Invited,
                to: BindingStatus::Active,
                effective_at: Some(&now),
                ended_at: None,
                end_reason: None,
            },
        )
        .await?;
        if !changed {
            return Err(CoreError::refused(
                ErrorCode::InvitationClosed,
                "B-13",
                "该邀请已被处理",
                "The invitation was answered already",
                None,
            ));
        }
        // B-22: an enterprise staff account is real-name verified when it is opened
        if b.mode == BindingMode::Enterprise && account.real_name_hmac.is_none() {
            store::accounts::update_real_name(&mut *tx, account.id, &real_name).await?;
        }
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(b.enterprise_id),
                entity_type: "binding",
                entity_id: b.id.to_string(),
                action: "accept",
                summary_zh: format!("{name} 接受绑定邀请，身份信息核验通过，{}生效", b.mode.label_zh()),
                summary_en: format!("{name} accepted; identity verified; the {} is effective", b.mode.label_en()),
                reason: None,
                before: Some(json!({ "status": "invited" })),
                after: Some(json!({ "status": "active", "effective_at": now })),
            },
        )
        .await?;
        tx.commit().await?;
        self.my_invitation(actor, b.id).await
    }

    /// Declines an open invitation.
    pub async fn decline_invitation(&self, actor: &Actor, args: BindingArgs) -> CoreResult<MyInvitation> {
        let b = self.own_open_invitation(actor, args.binding_id).await?;
        let now = self.now_ts();
        let reason = "员工拒绝了邀请";
        let mut tx = self.db.write().await?;
        store::bindings::update_status(
            &mut *tx,
            &StatusChange {
                id: b.id,
                from: BindingStatus::Invited,
                to: BindingStatus::Declined,
                effective_at: None,
                ended_at: Some(&now),
                end_reason: Some(reason),
            },
        )
        .await?;
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(b.enterprise_id),
                entity_type: "binding",
                entity_id: b.id.to_string(),
                action: "decline",
                summary_zh: "员工拒绝了绑定邀请".into(),
                summary_en: "The employee declined the invitation".into(),
                reason: Some(reason),
                before: Some(json!({ "status": "invited" })),
                after: Some(json!({ "status": "declined" })),
            },
        )
        .await?;
        tx.commit().await?;
        self.my_invitation(actor, b.id).await
    }
}
