//! Looking an account up by 小红书号 (B-2, B-7, B-8, B-19): what must hold of it for a new invitation in each
//! mode, and why not when it cannot be invited now.

use crate::store::ex::Ex;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::api::types::bindings::BindingRow;
use crate::authz::{Actor, Permission};
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::model::{BindingMode, BindingStatus};
use crate::rules;
use crate::service::when::{self, days, Until};
use crate::service::Service;
use crate::store;
use crate::store::accounts::AccountRecord;
use crate::store::bindings::BindingRecord;

#[derive(Debug, Clone, Deserialize, Type)]
pub struct LookupAccountArgs {
    pub enterprise_id: i64,
    /// 小红书号
    pub xhs_id: String,
}

/// Whether a new invitation in one mode is possible for the account, and if not why and from when.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct ModeOption {
    pub mode: BindingMode,
    pub allowed: bool,
    /// the refusal's error code, e.g. `personal_cooldown`
    pub code: Option<crate::error::ErrorCode>,
    pub rule_id: Option<String>,
    pub reason_zh: Option<String>,
    pub reason_en: Option<String>,
    /// the instant from which it becomes possible when time alone will allow it, Beijing time with offset
    pub available_from: Option<String>,
    /// shown before sending (B-4: an existing personal account becomes the enterprise's)
    pub warning_zh: Option<String>,
    pub warning_en: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct AccountLookup {
    pub account_id: i64,
    pub xhs_id: String,
    pub nickname: String,
    pub followers: i64,
    /// B-2: must be false
    pub has_shop: bool,
    /// B-2: must be true
    pub phone_bound: bool,
    /// the account holder passed real-name verification (B-22)
    pub real_name_verified: bool,
    /// live binding with another enterprise (which one is not disclosed, B-7)
    pub bound_elsewhere: bool,
    /// live binding with this enterprise
    pub bound_here: bool,
    /// that binding, when the actor may see it (store managers: their stores)
    pub current_binding: Option<BindingRow>,
    /// enterprise mode, then personal mode
    pub modes: Vec<ModeOption>,
}

fn live_mode_refusal(b: &BindingRecord, mode: BindingMode, here: bool) -> CoreError {
    if !here {
        return CoreError::refused(
            ErrorCode::AccountBoundElsewhere,
            "B-7",
            "该账号已是其他企业的员工号（或正在接受其他企业的邀请），一个账号只能绑定一个企业 (B-7)",
            "The account is bound to (or invited by) another enterprise; an account can belong to one enterprise only (B-7)",
            None,
        );
    }
    if b.mode != mode {
        return CoreError::refused(
            ErrorCode::ModeConversion,
            "B-8",
            format!("该账号已以「{}」方式{}本企业，不能直接转换：请先解绑，再以另一种方式绑定 (B-8)", b.mode.label_zh(), if b.status == BindingStatus::Invited { "被邀请绑定" } else { "绑定" }),
            format!("The account is already {} as a {} here; modes cannot be converted: unbind first, then bind in the other mode (B-8)", if b.status == BindingStatus::Invited { "invited" } else { "bound" }, b.mode.label_en()),
            None,
        );
    }
    if b.status == BindingStatus::Invited {
        CoreError::refused(
            ErrorCode::AlreadyInvited,
            "B-7",
            "该账号已有一条待接受的邀请，请等待员工处理或待其失效后再发送 (B-7)",
            "The account already has a pending invitation (B-7)",
            None,
        )
    } else {
        CoreError::refused(
            ErrorCode::AlreadyBound,
            "B-7",
            format!("该账号已以「{}」方式绑定本企业（{}）(B-7)", b.mode.label_zh(), b.status.label_zh()),
            format!("The account is already bound here as a {} ({}) (B-7)", b.mode.label_en(), b.status.label_en()),
            None,
        )
    }
}

impl Service {
    /// What must hold of the account for a new invitation in `mode` (B-2, B-7, B-8, B-19), `None` when it may
    /// be sent. Reads through `conn` so `invite` checks inside its write transaction.
    pub(in crate::service) async fn account_refusal(
        &self,
        conn: impl Into<Ex<'_>>,
        enterprise_id: i64,
        a: &AccountRecord,
        mode: BindingMode,
        now: DateTime<Utc>,
    ) -> CoreResult<Option<CoreError>> {
        let mut conn = conn.into();
        if a.has_shop {
            return Ok(Some(CoreError::refused(
                ErrorCode::AccountHasShop,
                "B-2",
                "该账号已开店，员工号须为未开店的账号 (B-2)",
                "The account has a shop; staff accounts must not (B-2)",
                None,
            )));
        }
        if !a.phone_bound {
            return Ok(Some(CoreError::refused(
                ErrorCode::AccountNoPhone,
                "B-2",
                "该账号未绑定手机号，请员工先在小红书绑定手机号 (B-2)",
                "The account has no bound phone number; the employee must bind one first (B-2)",
                None,
            )));
        }
        if let Some(b) = store::bindings::get_live_for_account(&mut conn, a.id).await? {
            return Ok(Some(live_mode_refusal(&b, mode, b.enterprise_id == enterprise_id)));
        }
        if mode == BindingMode::Personal {
            let last = store::bindings::get_last_personal_unbind_elsewhere(&mut conn, a.id, enterprise_id).await?;
            if let Some(ended) = last {
                let ended = when::parse("ended_at", &ended)?;
                let cooldown = self.rule_value(Some(enterprise_id), rules::PERSONAL_REBIND_COOLDOWN_DAYS).await?;
                let from = ended + days(cooldown);
                if now < from {
                    let until = Until::new(now, from);
                    return Ok(Some(CoreError::refused(
                        ErrorCode::PersonalCooldown,
                        "B-19",
                        format!(
                            "该账号的员工个人号授权于 {} 解除，其他企业需满 {cooldown} 天才能再次以个人号授权绑定：{}（B-19）；以企业员工号绑定不受此限制",
                            when::minute(ended),
                            until.zh()
                        ),
                        format!(
                            "This account's personal authorization with another enterprise ended at {} (Beijing time); another enterprise may authorize it again after {cooldown} days: {} (B-19). Binding it as an enterprise staff account is possible now.",
                            when::minute(ended),
                            until.en()
                        ),
                        Some(from),
                    )));
                }
            }
        }
        Ok(None)
    }

    /// Finds an account by 小红书号 and says, per mode, whether it can be invited now.
    pub async fn lookup_account(&self, actor: &Actor, args: LookupAccountArgs) -> CoreResult<AccountLookup> {
        actor.require_in(Permission::ManageBindings, args.enterprise_id)?;
        let now = self.clock.now();
        self.sweep(now).await?;
        self.enterprise_detail(args.enterprise_id).await?;
        let xhs_id = args.xhs_id.trim();
        let pool = self.db.pool();
        let a = store::accounts::get_by_xhs_id(pool, xhs_id)
            .await?
            .ok_or_else(|| CoreError::not_found("account", xhs_id))?;
        let live = store::bindings::get_live_for_account(pool, a.id).await?;
        let bound_here = live.as_ref().is_some_and(|b| b.enterprise_id == args.enterprise_id);
        let current_binding = match &live {
            Some(b) if bound_here && actor.require_store("binding", b.id, b.store_id).is_ok() => {
                self.binding_row(b.id).await?
            }
            _ => None,
        };
        let mut conn = pool.acquire().await?;
        let mut modes = Vec::new();
        for mode in [BindingMode::Enterprise, BindingMode::Personal] {
            let refusal = self.account_refusal(&mut conn, args.enterprise_id, &a, mode, now).await?;
            let (warning_zh, warning_en) = if mode == BindingMode::Enterprise {
                (
                    Some("以企业员工号绑定员工已有的个人账号后，账号归企业所有（员工离职后可移交他人）；请先与员工协商一致 (B-4)".to_string()),
                    Some("Binding an employee's existing personal account as an enterprise staff account makes it the enterprise's (it can be handed over when they leave); agree this with the employee first (B-4)".to_string()),
                )
            } else {
                (None, None)
            };
            modes.push(match refusal {
                Some(CoreError::Refused { code, rule, reason_zh, reason_en, available_from }) => ModeOption {
                    mode,
                    allowed: false,
                    code: Some(code),
                    rule_id: Some(rule.into()),
                    reason_zh: Some(reason_zh),
                    reason_en: Some(reason_en),
                    available_from: available_from.map(crate::clock::beijing_rfc3339),
                    warning_zh,
                    warning_en,
                },
                Some(other) => return Err(other),
                None => ModeOption {
                    mode,
                    allowed: true,
                    code: None,
                    rule_id: None,
                    reason_zh: None,
                    reason_en: None,
                    available_from: None,
                    warning_zh,
                    warning_en,
                },
            });
        }
        Ok(AccountLookup {
            account_id: a.id,
            xhs_id: a.xhs_id,
            nickname: a.nickname,
            followers: a.followers,
            has_shop: a.has_shop,
            phone_bound: a.phone_bound,
            real_name_verified: a.real_name_hmac.is_some(),
            bound_elsewhere: live.is_some() && !bound_here,
            bound_here,
            current_binding,
            modes,
        })
    }
}
