//! Changes to a live binding (B-17, B-18, B-20): 解绑 (with the personal minimum of B-18), 冻结, 解冻 and
//! 移交 (B-4), each one transaction with its history event and reason.

use serde::Deserialize;
use serde_json::json;
use specta::Type;

use super::checks::{check_job_title, check_reason};
use crate::api::types::bindings::BindingRow;
use crate::authz::{Actor, Permission};
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::model::{BindingMode, BindingStatus};
use crate::rules;
use crate::service::when::{self, days, Until};
use crate::service::{record, Event, Service};
use crate::store;
use crate::store::bindings::{BindingRecord, NewBinding, StatusChange};

#[derive(Debug, Clone, Deserialize, Type)]
pub struct BindingChangeArgs {
    pub binding_id: i64,
    /// why (required, recorded in history, B-20)
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct HandOverArgs {
    pub binding_id: i64,
    /// a current staff member of the same enterprise
    pub to_staff_id: i64,
    /// the new holder's 岗位; `null` keeps the current one
    pub job_title: Option<String>,
    pub reason: String,
}

impl Service {
    /// A binding the actor may change: in their enterprises (B-21) and, for store managers, their stores.
    async fn binding_to_change(&self, actor: &Actor, binding_id: i64) -> CoreResult<BindingRecord> {
        actor.require(Permission::ManageBindings)?;
        self.sweep(self.clock.now()).await?;
        let b = store::bindings::get(self.db.pool(), binding_id)
            .await?
            .ok_or_else(|| CoreError::not_found("binding", binding_id))?;
        actor
            .require_in(Permission::ManageBindings, b.enterprise_id)
            .map_err(|_| CoreError::not_found("binding", binding_id))?;
        actor.require_store("binding", binding_id, b.store_id)?;
        Ok(b)
    }

    fn require_bound(b: &BindingRecord, what_zh: &str, what_en: &str) -> CoreResult<()> {
        if matches!(b.status, BindingStatus::Active | BindingStatus::Frozen) {
            Ok(())
        } else {
            Err(CoreError::refused(
                ErrorCode::BindingNotLive,
                "B-17",
                format!("该绑定当前为「{}」，不能{what_zh}", b.status.label_zh()),
                format!("The binding is {}; it cannot be {what_en}", b.status.label_en()),
                None,
            ))
        }
    }

    /// One status change with its history event, in one transaction.
    #[allow(clippy::too_many_arguments)]
    async fn change_status(
        &self,
        actor: &Actor,
        b: &BindingRecord,
        to: BindingStatus,
        ends: bool,
        action: &str,
        summary: (String, String),
        reason: &str,
    ) -> CoreResult<BindingRow> {
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        let changed = store::bindings::update_status(
            &mut *tx,
            &StatusChange {
                id: b.id,
                from: b.status,
                to,
                effective_at: None,
                ended_at: ends.then_some(now.as_str()),
                end_reason: ends.then_some(reason),
            },
        )
        .await?;
        if !changed {
            return Err(CoreError::refused(
                ErrorCode::BindingChanged,
                "B-17",
                "该绑定刚刚被其他人修改，请刷新后重试",
                "The binding was just changed by someone else; refresh and try again",
                None,
            ));
        }
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(b.enterprise_id),
                entity_type: "binding",
                entity_id: b.id.to_string(),
                action,
                summary_zh: summary.0,
                summary_en: summary.1,
                reason: Some(reason),
                before: Some(json!({ "status": b.status })),
                after: Some(json!({ "status": to })),
            },
        )
        .await?;
        tx.commit().await?;
        self.binding_row(b.id).await?.ok_or_else(|| CoreError::not_found("binding", b.id))
    }

    /// 解绑 (B-17). A personal authorization only once it has been effective `personal_unbind_min_days` (B-18).
    pub async fn unbind(&self, actor: &Actor, args: BindingChangeArgs) -> CoreResult<BindingRow> {
        let b = self.binding_to_change(actor, args.binding_id).await?;
        let reason = check_reason(&args.reason)?;
        Self::require_bound(&b, "解绑", "unbound")?;
        let now = self.clock.now();
        if b.mode == BindingMode::Personal {
            let min_days = self.rule_value(Some(b.enterprise_id), rules::PERSONAL_UNBIND_MIN_DAYS).await?;
            let effective = when::parse("effective_at", b.effective_at.as_deref().unwrap_or(&b.invited_at))?;
            let from = effective + days(min_days);
            if now < from {
                let until = Until::new(now, from);
                return Err(CoreError::refused(
                    ErrorCode::UnbindTooEarly,
                    "B-18",
                    format!(
                        "个人号授权于 {} 生效，生效满 {min_days} 天后才能解绑：{}（B-18）",
                        when::minute(effective),
                        until.zh()
                    ),
                    format!(
                        "The personal authorization became effective at {} (Beijing time); it can be unbound after {min_days} days: {} (B-18)",
                        when::minute(effective),
                        until.en()
                    ),
                    Some(from),
                ));
            }
        }
        let after_zh = if b.mode == BindingMode::Personal { "，账号归员工本人所有" } else { "" };
        let after_en = if b.mode == BindingMode::Personal { "; the account is the employee's alone" } else { "" };
        self.change_status(
            actor,
            &b,
            BindingStatus::Unbound,
            true,
            "unbind",
            (
                format!("解除{}绑定{after_zh}", b.mode.label_zh()),
                format!("Unbound the {}{after_en}", b.mode.label_en()),
            ),
            reason,
        )
        .await
    }

    /// 冻结 (B-17): the binding stays, the account takes no new notes.
    pub async fn freeze(&self, actor: &Actor, args: BindingChangeArgs) -> CoreResult<BindingRow> {
        let b = self.binding_to_change(actor, args.binding_id).await?;
        let reason = check_reason(&args.reason)?;
        if b.status != BindingStatus::Active {
            return Err(CoreError::refused(
                ErrorCode::BindingNotActive,
                "B-17",
                format!("只有已绑定的账号可以冻结（当前「{}」）", b.status.label_zh()),
                format!("Only bound accounts can be frozen (this one is {})", b.status.label_en()),
                None,
            ));
        }
        self.change_status(
            actor,
            &b,
            BindingStatus::Frozen,
            false,
            "freeze",
            ("冻结员工号".into(), "Froze the staff account".into()),
            reason,
        )
        .await
    }

    /// 解冻 (B-17).
    pub async fn unfreeze(&self, actor: &Actor, args: BindingChangeArgs) -> CoreResult<BindingRow> {
        let b = self.binding_to_change(actor, args.binding_id).await?;
        let reason = check_reason(&args.reason)?;
        if b.status != BindingStatus::Frozen {
            return Err(CoreError::refused(
                ErrorCode::BindingNotFrozen,
                "B-17",
                format!("该账号未被冻结（当前「{}」）", b.status.label_zh()),
                format!("The account is not frozen (it is {})", b.status.label_en()),
                None,
            ));
        }
        self.change_status(
            actor,
            &b,
            BindingStatus::Active,
            false,
            "unfreeze",
            ("解冻员工号".into(), "Unfroze the staff account".into()),
            reason,
        )
        .await
    }

    /// 移交 (B-4, B-17): an enterprise staff account passes to another current staff member. The old binding
    /// ends as handed over and a new one continues it, so the account's history shows both people.
    pub async fn hand_over(&self, actor: &Actor, args: HandOverArgs) -> CoreResult<BindingRow> {
        let b = self.binding_to_change(actor, args.binding_id).await?;
        let reason = check_reason(&args.reason)?;
        if b.mode != BindingMode::Enterprise {
            return Err(CoreError::refused(
                ErrorCode::HandOverPersonal,
                "B-17",
                "只有企业员工号可以移交；员工个人号授权属于员工本人，只能解绑 (B-17)",
                "Only enterprise staff accounts can be handed over; a personal authorization can only be unbound (B-17)",
                None,
            ));
        }
        Self::require_bound(&b, "移交", "handed over")?;
        let pool = self.db.pool();
        let to = store::staff::get(pool, args.to_staff_id)
            .await?
            .filter(|s| s.enterprise_id == b.enterprise_id)
            .ok_or_else(|| CoreError::not_found("staff", args.to_staff_id))?;
        actor.require_store("staff", to.id, to.store_id)?;
        if to.left_on.is_some() {
            return Err(CoreError::invalid("to_staff_id", "该员工已离职，不能接收移交", "That staff member has left"));
        }
        if to.id == b.staff_id {
            return Err(CoreError::invalid("to_staff_id", "请选择另一位员工", "Choose another staff member"));
        }
        let job_title = match &args.job_title {
            Some(t) => check_job_title(t)?,
            None => check_job_title(&b.job_title)?,
        };
        let from =
            store::staff::get(pool, b.staff_id).await?.ok_or_else(|| CoreError::not_found("staff", b.staff_id))?;
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        let changed = store::bindings::update_status(
            &mut *tx,
            &StatusChange {
                id: b.id,
                from: b.status,
                to: BindingStatus::HandedOver,
                effective_at: None,
                ended_at: Some(&now),
                end_reason: Some(reason),
            },
        )
        .await?;
        if !changed {
            return Err(CoreError::refused(
                ErrorCode::BindingChanged,
                "B-17",
                "该绑定刚刚被其他人修改，请刷新后重试",
                "The binding was just changed by someone else; refresh and try again",
                None,
            ));
        }
        let new_id = store::bindings::insert(
            &mut *tx,
            &NewBinding {
                enterprise_id: b.enterprise_id,
                account_id: b.account_id,
                staff_id: to.id,
                mode: BindingMode::Enterprise,
                job_title,
                status: b.status,
                invited_by: actor.user_id,
                invited_at: now.clone(),
                effective_at: Some(now.clone()),
                ended_at: None,
                end_reason: None,
                signed_at: None,
                previous_binding_id: Some(b.id),
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
                action: "hand_over",
                summary_zh: format!("企业员工号由 {} 移交给 {}", from.name, to.name),
                summary_en: format!("Enterprise staff account handed over from {} to {}", from.name, to.name),
                reason: Some(reason),
                before: Some(json!({ "status": b.status, "staff_id": from.id })),
                after: Some(json!({ "status": "handed_over", "continued_by": new_id })),
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
                entity_id: new_id.to_string(),
                action: "take_over",
                summary_zh: format!("{} 接手企业员工号（原使用人 {}），岗位 {job_title}", to.name, from.name),
                summary_en: format!(
                    "{} took over the enterprise staff account from {}, title {job_title}",
                    to.name, from.name
                ),
                reason: Some(reason),
                before: None,
                after: Some(json!({ "status": b.status, "staff_id": to.id, "previous_binding_id": b.id })),
            },
        )
        .await?;
        tx.commit().await?;
        self.binding_row(new_id).await?.ok_or_else(|| CoreError::not_found("binding", new_id))
    }
}
