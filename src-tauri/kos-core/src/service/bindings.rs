//! The binding workflow: look an account up (B-2, B-7, B-8, B-19), invite (B-9..B-12), the employee's
//! answer (B-13, B-14), and changes to a binding (B-17..B-20). Every change is one transaction with history.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use specta::Type;
use sqlx::SqliteConnection;

use super::roster::RosterMatch;
use super::when::{self, days, hours, Until};
use super::{record, Event, NoArgs, Service};
use crate::authz::{Actor, Permission};
use crate::clock::ts;
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::model::{BindingMode, BindingStatus, Role, JOB_TITLES};
use crate::store;
use crate::store::accounts::AccountRecord;
use crate::store::bindings::{BindingRecord, BindingRow, NewBinding, StatusChange};
use crate::{idcard, rules};

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

fn check_reason(reason: &str) -> CoreResult<&str> {
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
pub(super) fn check_staff_name(raw: &str) -> CoreResult<&str> {
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
pub(super) fn check_id_number(raw: &str, today: chrono::NaiveDate) -> CoreResult<String> {
    idcard::validate(raw, today).map_err(id_error)
}

/// B-12: the 承诺书 and 服务协议 are signed; signing sends the invitation.
pub(super) fn check_signed(signed: bool) -> CoreResult<()> {
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
pub(super) fn cap_reached(cap: i64) -> CoreError {
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
pub(super) async fn registered_staff(
    conn: &mut SqliteConnection,
    actor: &Actor,
    enterprise_id: i64,
    id_hmac: &str,
    name: &str,
    store_id: i64,
) -> CoreResult<Option<i64>> {
    let Some(s) = store::staff::find_current_by_id_hmac(&mut *conn, enterprise_id, id_hmac).await? else {
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

pub(super) fn check_job_title(t: &str) -> CoreResult<&'static str> {
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
    pub(super) async fn account_refusal(
        &self,
        conn: &mut SqliteConnection,
        enterprise_id: i64,
        a: &AccountRecord,
        mode: BindingMode,
        now: DateTime<Utc>,
    ) -> CoreResult<Option<CoreError>> {
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
        if let Some(b) = store::bindings::get_live_for_account(&mut *conn, a.id).await? {
            return Ok(Some(live_mode_refusal(&b, mode, b.enterprise_id == enterprise_id)));
        }
        if mode == BindingMode::Personal {
            let last = store::bindings::get_last_personal_unbind_elsewhere(&mut *conn, a.id, enterprise_id).await?;
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
