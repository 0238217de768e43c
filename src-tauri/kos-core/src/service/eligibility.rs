//! Whether an enterprise may bind staff accounts now (B-1, B-3, B-15), as a checklist the UI shows.

use chrono::{DateTime, Utc};
use serde::Serialize;
use specta::Type;

use super::when::{self, days, Until};
use super::{EnterpriseArgs, Service};
use crate::authz::{Actor, Permission};
use crate::clock::beijing_rfc3339;
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::rules;
use crate::store;

/// One line of the checklist.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct EligibilityCheck {
    /// "staff_mgmt_permission" | "offline_stores" | "no_serious_violation" | "professional_account" |
    /// "invite_ban" | "staff_account_cap"
    pub key: String,
    pub passed: bool,
    pub label_zh: String,
    pub label_en: String,
    pub detail_zh: String,
    pub detail_en: String,
    /// "B-1", "B-3" or "B-15"
    pub rule_id: String,
    /// a failing time-limited check (B-1 violation look-back, B-15 ban): the instant it passes, Beijing
    /// time with offset (`2026-12-26T11:05:00+08:00`)
    pub available_from: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct Eligibility {
    pub enterprise_id: i64,
    pub checks: Vec<EligibilityCheck>,
    /// every check passed: new invitations may be sent
    pub can_invite: bool,
    /// the instant from which the failing time-limited checks (B-15 ban, B-1 violation look-back) pass,
    /// Beijing time with offset; `null` when none of them fails
    pub blocked_until: Option<String>,
    /// live bindings, pending invitations included (B-3)
    pub staff_accounts_used: i64,
    pub staff_account_cap: i64,
}

#[derive(Clone)]
struct Check<'a> {
    key: &'a str,
    passed: bool,
    /// the checklist's line, worded as the condition that must hold
    label: (&'a str, &'a str),
    /// what a refusal says when the check fails (never the pass label)
    failed: (&'a str, &'a str),
    detail: (String, String),
    rule_id: &'a str,
    until: Option<DateTime<Utc>>,
}

impl From<Check<'_>> for EligibilityCheck {
    fn from(c: Check<'_>) -> Self {
        EligibilityCheck {
            key: c.key.into(),
            passed: c.passed,
            label_zh: c.label.0.into(),
            label_en: c.label.1.into(),
            detail_zh: c.detail.0,
            detail_en: c.detail.1,
            rule_id: c.rule_id.into(),
            available_from: c.until.map(beijing_rfc3339),
        }
    }
}

impl Service {
    /// The B-1/B-3/B-15 checklist for an enterprise.
    pub async fn eligibility(&self, actor: &Actor, args: EnterpriseArgs) -> CoreResult<Eligibility> {
        actor.require_in(Permission::ViewBindings, args.enterprise_id)?;
        self.sweep(self.clock.now()).await?;
        self.eligibility_at(args.enterprise_id, self.clock.now()).await
    }

    pub(crate) async fn eligibility_at(&self, enterprise_id: i64, now: DateTime<Utc>) -> CoreResult<Eligibility> {
        Ok(self.eligibility_checks(enterprise_id, now).await?.0)
    }

    /// The checklist, and the first check that fails.
    async fn eligibility_checks(
        &self,
        enterprise_id: i64,
        now: DateTime<Utc>,
    ) -> CoreResult<(Eligibility, Option<Check<'static>>)> {
        let pool = self.db.pool();
        let e = store::enterprises::get(pool, enterprise_id)
            .await?
            .ok_or_else(|| CoreError::not_found("enterprise", enterprise_id))?;
        let rule = |key| self.rule_value(Some(enterprise_id), key);
        let min_stores = rule(rules::MIN_OFFLINE_STORES).await?;
        let lookback = rule(rules::VIOLATION_LOOKBACK_DAYS).await?;
        let cap = rule(rules::STAFF_ACCOUNT_CAP).await?;
        let used = store::bindings::count_live(pool, enterprise_id).await?;
        let mut blocked_until: Option<DateTime<Utc>> = None;
        let mut checks = Vec::new();

        checks.push(Check {
            key: "staff_mgmt_permission",
            passed: e.staff_mgmt_permission,
            label: ("员工账号管理权限", "Staff-account management permission"),
            detail: if e.staff_mgmt_permission {
                ("已开通".into(), "Granted".into())
            } else {
                (
                    "未开通：该权限为邀请制，请联系销售经理开通".into(),
                    "Not granted: the permission is by invitation; ask your sales manager".into(),
                )
            },
            rule_id: "B-1",
            failed: ("未开通员工账号管理权限", "The staff-account management permission is not granted"),
            until: None,
        });

        let exempt = e.industry == "文旅";
        let stores_ok = exempt || e.store_count >= min_stores;
        checks.push(Check {
            key: "offline_stores",
            passed: stores_ok,
            label: ("线下门店数", "Offline stores"),
            detail: if exempt {
                (
                    format!("文旅行业无需满足门店数要求（现有 {} 家）", e.store_count),
                    format!("Cultural tourism is exempt ({} stores)", e.store_count),
                )
            } else {
                (
                    format!("中国大陆线下门店 {} 家，要求至少 {min_stores} 家", e.store_count),
                    format!("{} offline stores in mainland China; at least {min_stores} needed", e.store_count),
                )
            },
            rule_id: "B-1",
            failed: ("线下门店数不足", "Too few offline stores"),
            until: None,
        });

        let violation_end = match &e.last_serious_violation_at {
            Some(at) => Some(when::parse("last_serious_violation_at", at)? + days(lookback)),
            None => None,
        };
        let violation_ok = violation_end.is_none_or(|end| now >= end);
        checks.push(Check {
            key: "no_serious_violation",
            passed: violation_ok,
            label: ("近期无严重违规封禁", "No recent serious-violation ban"),
            detail: match (violation_end, &e.last_serious_violation_at) {
                (Some(end), Some(at)) if !violation_ok => {
                    blocked_until = blocked_until.max(Some(end));
                    let at = when::minute(when::parse("last_serious_violation_at", at)?);
                    let until = Until::new(now, end);
                    (
                        format!("{at} 曾有严重违规封禁，须满 {lookback} 天：{}", until.zh()),
                        format!(
                            "Serious-violation ban at {at} (Beijing time); {lookback} days must pass: {}",
                            until.en()
                        ),
                    )
                }
                (_, Some(at)) => {
                    let at = when::date(when::parse("last_serious_violation_at", at)?);
                    (
                        format!("最近一次严重违规封禁在 {at}，已超过 {lookback} 天"),
                        format!("The last serious-violation ban ({at}) is over {lookback} days ago"),
                    )
                }
                _ => (
                    format!("近 {lookback} 天内无严重违规封禁"),
                    format!("No serious-violation ban in the last {lookback} days"),
                ),
            },
            rule_id: "B-1",
            failed: ("近期有严重违规封禁", "A recent serious-violation ban"),
            until: violation_end.filter(|_| !violation_ok),
        });

        checks.push(Check {
            key: "professional_account",
            passed: e.professional_account,
            label: ("企业专业号", "Enterprise professional account"),
            detail: if e.professional_account {
                ("企业账号已认证为企业专业号".into(), "The enterprise account is a professional account".into())
            } else {
                (
                    "企业账号还不是企业专业号，请先完成专业号认证".into(),
                    "The enterprise account is not a professional account yet".into(),
                )
            },
            rule_id: "B-1",
            failed: ("企业账号还不是企业专业号", "The enterprise account is not a professional account"),
            until: None,
        });

        let ban_end = match &e.invite_ban_until {
            Some(until) => Some(when::parse("invite_ban_until", until)?),
            None => None,
        };
        let banned = ban_end.is_some_and(|end| now < end);
        checks.push(Check {
            key: "invite_ban",
            passed: !banned,
            label: ("无邀请限制", "No invitation ban"),
            detail: match ban_end {
                Some(end) if banned => {
                    blocked_until = blocked_until.max(Some(end));
                    let until = Until::new(now, end);
                    (
                        format!("在职证明被判定不合规，暂停发送新邀请：{}（B-15）", until.zh()),
                        format!(
                            "An employment proof was non-compliant, so new invitations are paused: {} (B-15)",
                            until.en()
                        ),
                    )
                }
                _ => ("可以发送新邀请".into(), "New invitations may be sent".into()),
            },
            rule_id: "B-15",
            failed: ("在职证明不合规，邀请受限", "Invitations restricted after a non-compliant employment proof"),
            until: ban_end.filter(|_| banned),
        });

        checks.push(Check {
            key: "staff_account_cap",
            passed: used < cap,
            label: ("员工账号数量上限", "Staff-account limit"),
            detail: (
                format!("已使用 {used}/{cap} 个（含待接受的邀请）"),
                format!("{used} of {cap} used (pending invitations included)"),
            ),
            rule_id: "B-3",
            failed: ("员工账号数量已达上限", "The staff-account limit is reached"),
            until: None,
        });

        let failed = checks.iter().find(|c| !c.passed).cloned();
        let checks: Vec<EligibilityCheck> = checks.into_iter().map(Into::into).collect();
        let el = Eligibility {
            enterprise_id,
            can_invite: checks.iter().all(|c| c.passed),
            checks,
            blocked_until: blocked_until.map(beijing_rfc3339),
            staff_accounts_used: used,
            staff_account_cap: cap,
        };
        Ok((el, failed))
    }

    /// Refuses an invitation while any eligibility check fails, naming the first failure in its refusal
    /// wording (never the checklist's pass label) and, for a time-limited one, the instant it passes.
    pub(crate) async fn require_eligible(&self, enterprise_id: i64, now: DateTime<Utc>) -> CoreResult<Eligibility> {
        let (el, failed) = self.eligibility_checks(enterprise_id, now).await?;
        if let Some(c) = failed {
            let code = match c.key {
                "invite_ban" => ErrorCode::InviteBanned,
                "staff_account_cap" => ErrorCode::StaffAccountCapReached,
                _ => ErrorCode::NotEligible,
            };
            return Err(CoreError::refused(
                code,
                c.rule_id,
                format!("暂不能发送绑定邀请：{}——{}", c.failed.0, c.detail.0),
                format!("Invitations cannot be sent: {} — {}", c.failed.1, c.detail.1),
                c.until,
            ));
        }
        Ok(el)
    }
}
