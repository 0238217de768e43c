//! The binding workflow (B-1..B-22) against a fresh demo database per test, with the fixed clock.

mod common;

use chrono::{Duration, NaiveDate};
use common::TestApp;
use kos_core::api::types::bindings::{BindingRow, NextAction};
use kos_core::model::{BindingMode, BindingStatus, BindingTab, Role};
use kos_core::service::{
    AcceptInvitationArgs, AccountHistoryArgs, BindingArgs, BindingCalendarArgs, BindingChangeArgs, CalendarKind,
    EnterpriseArgs, HandOverArgs, InviteArgs, ListBindingsArgs, ListStaffArgs, LookupAccountArgs, ReviewProofArgs,
    UpdateRuleSettingArgs, UploadProofArgs,
};
use kos_core::{idcard, rules, store, Actor, CoreError, CoreResult, ErrorCode};

const PNG: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

struct Fx {
    app: TestApp,
    /// brand marketing of the main brand (enterprise 1)
    m1: Actor,
    /// brand marketing of the second brand
    m2: Actor,
    store1: i64,
    store2: i64,
    files: std::cell::Cell<u32>,
}

async fn fx() -> Fx {
    let app = TestApp::with_demo().await;
    let admin = app.admin().await;
    let users = app.svc.list_users(&admin, Default::default()).await.unwrap();
    let marketing =
        |e: i64| users.iter().find(|u| u.role == Role::BrandMarketing && u.enterprise_id == Some(e)).unwrap().id;
    let m1 = app.svc.actor(marketing(1)).await.unwrap();
    let m2 = app.svc.actor(marketing(2)).await.unwrap();
    let store1 = app.svc.list_stores(&m1, EnterpriseArgs { enterprise_id: 1 }).await.unwrap()[0].id;
    let store2 = app.svc.list_stores(&m2, EnterpriseArgs { enterprise_id: 2 }).await.unwrap()[0].id;
    Fx { app, m1, m2, store1, store2, files: std::cell::Cell::new(0) }
}

/// A valid ID number unique per `seq`.
fn id_no(seq: u32) -> String {
    idcard::compose(310104, NaiveDate::from_ymd_opt(1994, 5, 17).unwrap(), seq)
}

impl Fx {
    fn svc(&self) -> &kos_core::Service {
        &self.app.svc
    }

    fn advance(&self, d: Duration) {
        self.app.svc.clock().advance(d);
    }

    fn write_file(&self, bytes: &[u8], ext: &str) -> String {
        let n = self.files.get() + 1;
        self.files.set(n);
        let path = self.app.dir.path().join(format!("upload-{n}.{ext}"));
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    }

    /// The open grant a door would hand out for the file the user chose.
    fn grant(&self, path: &str) -> String {
        self.svc().grant_open(std::path::Path::new(path)).unwrap().token
    }

    /// Uploads a small PNG whose content is unique per call.
    async fn proof(&self, actor: &Actor, enterprise_id: i64) -> String {
        let bytes = common::sample_png(&format!("proof {} {}", self.files.get(), enterprise_id));
        let file = self.grant(&self.write_file(&bytes, "png"));
        self.svc().upload_proof(actor, UploadProofArgs { enterprise_id, file }).await.unwrap().proof_id
    }

    /// A new Xiaohongshu account; `real_name`: the holder's verified name and ID.
    async fn account(&self, xhs_id: &str, has_shop: bool, phone_bound: bool, real_name: Option<(&str, &str)>) -> i64 {
        store::accounts::insert(
            self.svc().db().pool(),
            &store::accounts::NewAccount {
                xhs_id,
                nickname: &format!("测试{xhs_id}"),
                followers: 321,
                has_shop,
                phone_bound,
                real_name_hmac: real_name.map(|(n, id)| self.svc().secrets().real_name_hmac(n, id)),
                third_party_logins: "[]".into(),
                owner_staff_id: None,
                created_at: "2025-01-01T00:00:00Z".into(),
            },
        )
        .await
        .unwrap()
    }

    fn args(
        &self,
        enterprise_id: i64,
        mode: BindingMode,
        xhs_id: &str,
        name: &str,
        id: &str,
        proof: String,
    ) -> InviteArgs {
        InviteArgs {
            enterprise_id,
            mode,
            xhs_id: xhs_id.into(),
            store_id: if enterprise_id == 1 { self.store1 } else { self.store2 },
            staff_name: name.into(),
            id_number: id.into(),
            proof_id: proof,
            job_title: "导购".into(),
            signed: true,
            employee_no: None,
        }
    }

    async fn invite(
        &self,
        actor: &Actor,
        mode: BindingMode,
        xhs_id: &str,
        name: &str,
        id: &str,
    ) -> CoreResult<BindingRow> {
        let e = actor.enterprise_id.unwrap_or(1);
        let proof = self.proof(actor, e).await;
        self.svc().invite(actor, self.args(e, mode, xhs_id, name, id, proof)).await
    }

    /// An employee user for the staff member behind a binding.
    async fn employee(&self, row: &BindingRow) -> Actor {
        let id = store::users::insert(
            self.svc().db().pool(),
            &store::users::NewUser {
                name: &row.staff_name,
                role: Role::Employee,
                enterprise_id: Some(row.enterprise_id),
                agency_id: None,
                staff_id: Some(row.staff_id),
                created_at: "2026-11-26T02:00:00Z".into(),
            },
        )
        .await
        .unwrap();
        self.svc().actor(id).await.unwrap()
    }

    /// Invites and accepts: an active binding.
    async fn bound(&self, actor: &Actor, mode: BindingMode, xhs_id: &str, name: &str, id: &str) -> BindingRow {
        self.account(xhs_id, false, true, None).await;
        let row = self.invite(actor, mode, xhs_id, name, id).await.unwrap();
        let emp = self.employee(&row).await;
        let inv = self
            .svc()
            .accept_invitation(
                &emp,
                AcceptInvitationArgs { binding_id: row.id, name: name.into(), id_number: id.into() },
            )
            .await
            .unwrap();
        assert_eq!(inv.status, BindingStatus::Active);
        self.row(row.id).await
    }

    async fn row(&self, binding_id: i64) -> BindingRow {
        let admin = self.app.admin().await;
        for tab in BindingTab::ALL {
            for e in [1, 2] {
                let page = self
                    .svc()
                    .list_bindings(
                        &admin,
                        ListBindingsArgs {
                            enterprise_id: e,
                            tab,
                            store_id: None,
                            mode: None,
                            job_title: None,
                            keyword: None,
                            page_size: 100,
                            cursor: None,
                        },
                    )
                    .await
                    .unwrap();
                if let Some(r) = page.rows.into_iter().find(|r| r.id == binding_id) {
                    return r;
                }
            }
        }
        panic!("binding {binding_id} in no tab")
    }

    async fn history_actions(&self, enterprise_id: i64, account_id: i64) -> Vec<String> {
        let rows = self
            .svc()
            .account_history(&self.m1_or_m2(enterprise_id), AccountHistoryArgs { enterprise_id, account_id })
            .await
            .unwrap();
        rows.iter().rev().map(|r| r.action.clone()).collect()
    }

    fn m1_or_m2(&self, e: i64) -> Actor {
        if e == 1 {
            self.m1.clone()
        } else {
            self.m2.clone()
        }
    }
}

fn change(binding_id: i64, reason: &str) -> BindingChangeArgs {
    BindingChangeArgs { binding_id, reason: reason.into() }
}

fn refused(err: &CoreError) -> (ErrorCode, String) {
    let api = err.to_api();
    (err.code(), api.message)
}

// ---------------------------------------------------------------------------------------------- B-13

#[tokio::test]
async fn b13_invitation_can_be_accepted_at_47h59m() {
    let f = fx().await;
    f.account("880000001", false, true, None).await;
    let row = f.invite(&f.m1, BindingMode::Enterprise, "880000001", "林小满", &id_no(1)).await.unwrap();
    assert_eq!(row.status, BindingStatus::Invited);
    assert_eq!(row.expires_at.as_deref(), Some("2026-11-28T02:00:00Z"));
    assert_eq!(row.next_action, Some(NextAction::InvitationExpires));
    f.advance(Duration::hours(47) + Duration::minutes(59));
    let emp = f.employee(&row).await;
    let mine = f.svc().my_invitations(&emp, Default::default()).await.unwrap();
    assert!(mine[0].can_accept && mine[0].expires_at == "2026-11-28T02:00:00Z");
    let inv = f
        .svc()
        .accept_invitation(
            &emp,
            AcceptInvitationArgs { binding_id: row.id, name: "林小满".into(), id_number: id_no(1) },
        )
        .await
        .unwrap();
    assert_eq!(inv.status, BindingStatus::Active);
    assert_eq!(f.row(row.id).await.effective_at.as_deref(), Some("2026-11-28T01:59:00Z"));
}

#[tokio::test]
async fn b13_invitation_expires_at_exactly_48h_and_shows_expired() {
    let f = fx().await;
    f.account("880000002", false, true, None).await;
    let row = f.invite(&f.m1, BindingMode::Personal, "880000002", "周一鸣", &id_no(2)).await.unwrap();
    let emp = f.employee(&row).await;
    f.advance(Duration::hours(48));
    let mine = f.svc().my_invitations(&emp, Default::default()).await.unwrap();
    assert_eq!(mine[0].status, BindingStatus::Expired);
    assert_eq!(mine[0].status_label_zh, "已失效");
    assert!(!mine[0].can_accept);
    let err = f
        .svc()
        .accept_invitation(
            &emp,
            AcceptInvitationArgs { binding_id: row.id, name: "周一鸣".into(), id_number: id_no(2) },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvitationExpired);
    let expired = f.row(row.id).await;
    assert_eq!(expired.status, BindingStatus::Expired);
    assert_eq!(expired.ended_at.as_deref(), Some("2026-11-28T02:00:00Z"), "ends at the exact instant");
    assert_eq!(expired.end_reason.as_deref(), Some("邀请超过 48 小时未接受，已失效"));
    let hist = f
        .svc()
        .account_history(&f.m1, AccountHistoryArgs { enterprise_id: 1, account_id: row.account_id })
        .await
        .unwrap();
    let exp = hist.iter().find(|h| h.action == "expire").unwrap();
    assert_eq!(exp.actor_name, None, "the platform, not a user, expired it");
    assert_eq!(exp.reason.as_deref(), Some("邀请超过 48 小时未接受，已失效"));
    // a new invitation may be sent
    assert!(f.invite(&f.m1, BindingMode::Personal, "880000002", "周一鸣", &id_no(2)).await.is_ok());
}

#[tokio::test]
async fn b13_sweep_due_expires_by_the_brand_setting() {
    let f = fx().await;
    let admin = f.app.admin().await;
    f.svc()
        .update_rule_setting(
            &admin,
            UpdateRuleSettingArgs {
                enterprise_id: Some(1),
                key: rules::INVITE_EXPIRY_HOURS.into(),
                value: 24,
                reason: "平台调整".into(),
            },
        )
        .await
        .unwrap();
    f.account("880000003", false, true, None).await;
    let row = f.invite(&f.m1, BindingMode::Enterprise, "880000003", "吴桐", &id_no(3)).await.unwrap();
    assert_eq!(row.expires_at.as_deref(), Some("2026-11-27T02:00:00Z"));
    f.advance(Duration::hours(24) - Duration::seconds(1));
    f.svc().sweep_due(&f.app.admin().await, Default::default()).await.unwrap();
    assert_eq!(f.row(row.id).await.status, BindingStatus::Invited);
    f.advance(Duration::seconds(1));
    let after = f.svc().sweep_due(&f.app.admin().await, Default::default()).await.unwrap();
    assert!(after.expired >= 1, "{after:?}");
    let r = f.row(row.id).await;
    assert_eq!(r.status, BindingStatus::Expired);
    assert_eq!(r.end_reason.as_deref(), Some("邀请超过 24 小时未接受，已失效"));
}

// ---------------------------------------------------------------------------------------------- B-18

#[tokio::test]
async fn b18_personal_unbind_refused_on_day_29_allowed_on_day_30() {
    let f = fx().await;
    let row = f.bound(&f.m1, BindingMode::Personal, "880000010", "郑好", &id_no(10)).await;
    assert_eq!(row.next_action, Some(NextAction::PersonalUnbindable));
    assert_eq!(row.next_action_at.as_deref(), Some("2026-12-26T02:00:00Z"));
    f.advance(Duration::days(29));
    let err = f.svc().unbind(&f.m1, change(row.id, "员工离职")).await.unwrap_err();
    let (code, msg) = refused(&err);
    assert_eq!(code, ErrorCode::UnbindTooEarly);
    assert_eq!(
        msg,
        "个人号授权于 2026-11-26 10:00 生效，生效满 30 天后才能解绑：2026-12-26 10:00 起可操作，还需 1 天（B-18）"
    );
    assert_eq!(err.to_api().details["available_from"], "2026-12-26T10:00:00+08:00");
    f.advance(Duration::days(1));
    let r = f.svc().unbind(&f.m1, change(row.id, "员工离职")).await.unwrap();
    assert_eq!(r.status, BindingStatus::Unbound);
    assert_eq!(r.next_action, Some(NextAction::RebindableByOthers));
}

#[tokio::test]
async fn b18_message_counts_the_remaining_days() {
    let f = fx().await;
    let row = f.bound(&f.m1, BindingMode::Personal, "880000011", "孙悦", &id_no(11)).await;
    f.advance(Duration::days(18));
    let msg = f.svc().unbind(&f.m1, change(row.id, "调岗")).await.unwrap_err().to_api().message;
    assert!(msg.contains("2026-12-26 10:00 起可操作，还需 12 天"), "{msg}");
}

#[tokio::test]
async fn b17_enterprise_mode_unbinds_at_once() {
    let f = fx().await;
    let row = f.bound(&f.m1, BindingMode::Enterprise, "880000012", "钱多多", &id_no(12)).await;
    assert_eq!(row.next_action, None);
    let r = f.svc().unbind(&f.m1, change(row.id, "账号停用")).await.unwrap();
    assert_eq!(r.status, BindingStatus::Unbound);
    let err = f.svc().unbind(&f.m1, change(row.id, "again")).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::BindingNotLive);
}

// ---------------------------------------------------------------------------------------------- B-19

#[tokio::test]
async fn b19_personal_rebind_by_another_enterprise_waits_30_days_enterprise_mode_at_once() {
    let f = fx().await;
    let row = f.bound(&f.m1, BindingMode::Personal, "880000020", "冯雪", &id_no(20)).await;
    f.advance(Duration::days(30));
    f.svc().unbind(&f.m1, change(row.id, "员工离职")).await.unwrap(); // 2026-12-26
    f.advance(Duration::days(16)); // 2027-01-11: 14 days left
    let look = f
        .svc()
        .lookup_account(&f.m2, LookupAccountArgs { enterprise_id: 2, xhs_id: "880000020".into() })
        .await
        .unwrap();
    assert!(!look.bound_elsewhere && !look.bound_here);
    let personal = look.modes.iter().find(|m| m.mode == BindingMode::Personal).unwrap();
    let enterprise = look.modes.iter().find(|m| m.mode == BindingMode::Enterprise).unwrap();
    assert!(!personal.allowed);
    assert_eq!(personal.code, Some(ErrorCode::PersonalCooldown));
    let msg = personal.reason_zh.clone().unwrap();
    assert_eq!(
        msg,
        "该账号的员工个人号授权于 2026-12-26 10:00 解除，其他企业需满 30 天才能再次以个人号授权绑定：2027-01-25 10:00 起可操作，还需 14 天（B-19）；以企业员工号绑定不受此限制"
    );
    assert_eq!(personal.available_from.as_deref(), Some("2027-01-25T10:00:00+08:00"));
    assert!(enterprise.allowed, "enterprise mode at once after a personal unbind");
    assert!(enterprise.warning_zh.as_deref().unwrap().contains("B-4"));

    // the first brand itself may authorize it again at once
    let look1 = f
        .svc()
        .lookup_account(&f.m1, LookupAccountArgs { enterprise_id: 1, xhs_id: "880000020".into() })
        .await
        .unwrap();
    assert!(look1.modes.iter().all(|m| m.allowed));

    // enterprise mode by the other brand really goes through at once; the employee declines it
    let ent = f.invite(&f.m2, BindingMode::Enterprise, "880000020", "冯雪", &id_no(20)).await.unwrap();
    let emp = f.employee(&ent).await;
    f.svc().decline_invitation(&emp, BindingArgs { binding_id: ent.id }).await.unwrap();

    f.advance(Duration::days(13)); // day 29 after the unbind
    let err = f.invite(&f.m2, BindingMode::Personal, "880000020", "冯雪", &id_no(20)).await.unwrap_err();
    let (code, msg) = refused(&err);
    assert_eq!(code, ErrorCode::PersonalCooldown);
    assert!(msg.contains("2027-01-25 10:00 起可操作，还需 1 天"), "{msg}");
    f.advance(Duration::days(1)); // day 30
    let ok = f.invite(&f.m2, BindingMode::Personal, "880000020", "冯雪", &id_no(20)).await.unwrap();
    assert_eq!(ok.mode, BindingMode::Personal);
}

// ---------------------------------------------------------------------------------------------- B-15

#[tokio::test]
async fn b15_non_compliant_proof_dissolves_and_bans_invitations_for_30_days() {
    let f = fx().await;
    let reviewer = f.app.user(Role::PlatformReviewer).await;
    f.account("880000030", false, true, None).await;
    let row = f.invite(&f.m1, BindingMode::Enterprise, "880000030", "韩梅", &id_no(30)).await.unwrap();
    assert_eq!(row.proof_review.as_deref(), Some("pending"));
    let pending = f.svc().pending_proofs(&reviewer, Default::default()).await.unwrap();
    let p = pending.iter().find(|p| p.binding_id == row.id).unwrap();
    assert_eq!(p.mime, "image/png");
    let (mime, bytes) = f.svc().read_proof(&reviewer, &p.proof_id).await.unwrap();
    assert_eq!(mime, "image/png");
    assert!(bytes.starts_with(&PNG));
    assert_eq!(f.svc().pending_proofs(&f.m1, Default::default()).await.unwrap_err().code(), ErrorCode::Forbidden);

    let no_reason = ReviewProofArgs { binding_id: row.id, compliant: false, reason: " ".into() };
    assert_eq!(f.svc().review_proof(&reviewer, no_reason).await.unwrap_err().code(), ErrorCode::InvalidInput);
    let out = f
        .svc()
        .review_proof(
            &reviewer,
            ReviewProofArgs { binding_id: row.id, compliant: false, reason: "证明文件无公司盖章".into() },
        )
        .await
        .unwrap();
    assert_eq!(out.binding_status, BindingStatus::Dissolved);
    assert_eq!(out.invite_ban_until.as_deref(), Some("2026-12-26T02:00:00Z"));
    assert_eq!(f.row(row.id).await.status, BindingStatus::Dissolved);

    let el = f.svc().eligibility(&f.m1, EnterpriseArgs { enterprise_id: 1 }).await.unwrap();
    assert!(!el.can_invite);
    assert_eq!(el.blocked_until.as_deref(), Some("2026-12-26T10:00:00+08:00"));
    let ban = el.checks.iter().find(|c| c.key == "invite_ban").unwrap();
    assert!(!ban.passed && ban.rule_id == "B-15" && ban.detail_zh.contains("2026-12-26 10:00"), "{}", ban.detail_zh);
    assert_eq!(ban.available_from.as_deref(), Some("2026-12-26T10:00:00+08:00"));

    let cal = f
        .svc()
        .binding_calendar(
            &f.m1,
            BindingCalendarArgs { enterprise_id: 1, from: "2026-12-01".into(), to: "2026-12-31".into() },
        )
        .await
        .unwrap();
    assert!(cal.iter().any(|c| c.kind == CalendarKind::InviteBanEnds && c.date == "2026-12-26"));

    f.account("880000031", false, true, None).await;
    f.advance(Duration::days(29));
    let err = f.invite(&f.m1, BindingMode::Enterprise, "880000031", "韩梅", &id_no(30)).await.unwrap_err();
    let (code, msg) = refused(&err);
    assert_eq!(code, ErrorCode::InviteBanned);
    assert!(msg.contains("2026-12-26 10:00 起可操作，还需 1 天"), "{msg}");
    assert!(!msg.contains("无邀请限制"), "a refusal never reads as the check's pass label: {msg}");
    f.advance(Duration::days(1));
    f.invite(&f.m1, BindingMode::Enterprise, "880000031", "韩梅", &id_no(30)).await.unwrap();
}

#[tokio::test]
async fn b15_compliant_proof_keeps_the_binding() {
    let f = fx().await;
    let reviewer = f.app.user(Role::PlatformReviewer).await;
    let row = f.bound(&f.m1, BindingMode::Enterprise, "880000032", "陶然", &id_no(32)).await;
    let out = f
        .svc()
        .review_proof(&reviewer, ReviewProofArgs { binding_id: row.id, compliant: true, reason: String::new() })
        .await
        .unwrap();
    assert_eq!((out.binding_status, out.invite_ban_until), (BindingStatus::Active, None));
    let again = f
        .svc()
        .review_proof(&reviewer, ReviewProofArgs { binding_id: row.id, compliant: false, reason: "x".into() })
        .await;
    assert_eq!(again.unwrap_err().code(), ErrorCode::AlreadyReviewed);
    assert!(f
        .svc()
        .pending_proofs(&reviewer, Default::default())
        .await
        .unwrap()
        .iter()
        .all(|p| p.binding_id != row.id));
}

// ---------------------------------------------------------------------------------------------- B-14

#[tokio::test]
async fn b14_identity_mismatch_refuses_and_keeps_the_invitation_open() {
    let f = fx().await;
    f.account("880000040", false, true, None).await;
    let row = f.invite(&f.m1, BindingMode::Personal, "880000040", "贺兰", &id_no(40)).await.unwrap();
    let emp = f.employee(&row).await;
    let accept = |name: &str, id: String| AcceptInvitationArgs { binding_id: row.id, name: name.into(), id_number: id };
    let err = f.svc().accept_invitation(&emp, accept("贺蓝", id_no(40))).await.unwrap_err();
    let (code, msg) = refused(&err);
    assert_eq!(code, ErrorCode::IdentityMismatch);
    assert!(msg.contains("与邀请信息不一致") && msg.contains("B-14"), "{msg}");
    let err = f.svc().accept_invitation(&emp, accept("贺兰", id_no(41))).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::IdentityMismatch);
    assert_eq!(f.row(row.id).await.status, BindingStatus::Invited, "still open");
    let ok = f.svc().accept_invitation(&emp, accept(" 贺兰 ", id_no(40).to_lowercase())).await.unwrap();
    assert_eq!(ok.status, BindingStatus::Active);
}

#[tokio::test]
async fn b14_real_name_record_must_match_too() {
    let f = fx().await;
    // the account is real-name verified as someone else
    f.account("880000042", false, true, Some(("别人", &id_no(99)))).await;
    let row = f.invite(&f.m1, BindingMode::Personal, "880000042", "贺兰", &id_no(42)).await.unwrap();
    let emp = f.employee(&row).await;
    let err = f
        .svc()
        .accept_invitation(&emp, AcceptInvitationArgs { binding_id: row.id, name: "贺兰".into(), id_number: id_no(42) })
        .await
        .unwrap_err();
    let (code, msg) = refused(&err);
    assert_eq!(code, ErrorCode::IdentityMismatch);
    assert!(msg.contains("实名认证"), "{msg}");
    assert_eq!(f.row(row.id).await.status, BindingStatus::Invited);
    // another employee cannot see or answer it
    let other = f.app.user(Role::Employee).await;
    let err = f.svc().decline_invitation(&other, BindingArgs { binding_id: row.id }).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
}

// ---------------------------------------------------------------------------------------------- B-7, B-8

#[tokio::test]
async fn b7_a_second_live_binding_is_refused_without_naming_the_other_brand() {
    let f = fx().await;
    f.bound(&f.m1, BindingMode::Enterprise, "880000050", "许诺", &id_no(50)).await;
    let look = f
        .svc()
        .lookup_account(&f.m2, LookupAccountArgs { enterprise_id: 2, xhs_id: "880000050".into() })
        .await
        .unwrap();
    assert!(look.bound_elsewhere && !look.bound_here && look.current_binding.is_none());
    assert!(look.modes.iter().all(|m| !m.allowed && m.code == Some(ErrorCode::AccountBoundElsewhere)));
    let text = serde_json::to_string(&look).unwrap();
    assert!(!text.contains("悦家"), "the other brand's name leaks: {text}");
    let err = f.invite(&f.m2, BindingMode::Personal, "880000050", "许诺", &id_no(50)).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::AccountBoundElsewhere);
    assert!(!err.to_api().message.contains("悦家"));
    // the database refuses a second live binding too
    let dup = kos_core::on!(f.svc().db().pool(), |db| {
        sqlx::query(
        "INSERT INTO bindings (enterprise_id, account_id, staff_id, mode, job_title, status, invited_by, invited_at)
         SELECT 2, account_id, staff_id, 'personal', '导购', 'invited', 1, '2026-11-26T02:00:00Z' FROM bindings
         WHERE account_id = (SELECT id FROM xhs_accounts WHERE xhs_id = '880000050') LIMIT 1",
    )
    .execute(db)
    .await.map(|r| r.rows_affected())
    });
    assert!(dup.is_err());
}

#[tokio::test]
async fn b8_no_direct_mode_conversion() {
    let f = fx().await;
    let row = f.bound(&f.m1, BindingMode::Personal, "880000060", "白露", &id_no(60)).await;
    let look = f
        .svc()
        .lookup_account(&f.m1, LookupAccountArgs { enterprise_id: 1, xhs_id: "880000060".into() })
        .await
        .unwrap();
    assert!(look.bound_here);
    assert_eq!(look.current_binding.as_ref().map(|b| b.id), Some(row.id));
    let ent = look.modes.iter().find(|m| m.mode == BindingMode::Enterprise).unwrap();
    assert_eq!(ent.code, Some(ErrorCode::ModeConversion));
    let err = f.invite(&f.m1, BindingMode::Enterprise, "880000060", "白露", &id_no(60)).await.unwrap_err();
    let (code, msg) = refused(&err);
    assert_eq!(code, ErrorCode::ModeConversion);
    assert!(msg.contains("请先解绑，再以另一种方式绑定 (B-8)"), "{msg}");
    let same = f.invite(&f.m1, BindingMode::Personal, "880000060", "白露", &id_no(60)).await.unwrap_err();
    assert_eq!(same.code(), ErrorCode::AlreadyBound);
}

// ---------------------------------------------------------------------------------------------- B-10, B-11, B-12

#[tokio::test]
async fn b11_job_title_must_come_from_the_list() {
    let f = fx().await;
    f.account("880000070", false, true, None).await;
    let proof = f.proof(&f.m1, 1).await;
    let mut args = f.args(1, BindingMode::Enterprise, "880000070", "秦川", &id_no(70), proof);
    args.job_title = "美容顾问".into();
    let err = f.svc().invite(&f.m1, args).await.unwrap_err();
    let api = err.to_api();
    assert_eq!((api.code, api.details["field"].as_str()), (ErrorCode::InvalidInput, Some("job_title")));
    assert!(api.message.contains("导购、店长、客服、员工、助理、主播人") && api.message.contains("B-11"));
}

#[tokio::test]
async fn b10_b12_invitation_fields_are_checked() {
    let f = fx().await;
    f.account("880000071", false, true, None).await;
    let proof = f.proof(&f.m1, 1).await;
    let base = || f.args(1, BindingMode::Enterprise, "880000071", "秦川", &id_no(71), proof.clone());
    let field =
        |e: CoreError| (e.code(), e.to_api().details["field"].as_str().unwrap_or("").to_string(), e.to_api().message);

    let mut a = base();
    a.id_number = "110105194912310021".into(); // wrong check digit
    let (code, fld, msg) = field(f.svc().invite(&f.m1, a).await.unwrap_err());
    assert_eq!((code, fld.as_str()), (ErrorCode::InvalidInput, "id_number"));
    assert_eq!(msg, idcard::IdCardError::CheckDigit.message_zh());

    let mut a = base();
    a.staff_name = "名".repeat(25);
    let (code, fld, msg) = field(f.svc().invite(&f.m1, a).await.unwrap_err());
    assert_eq!((code, fld.as_str()), (ErrorCode::InvalidInput, "staff_name"));
    assert!(msg.contains("1–24"), "{msg}");
    let mut a = base();
    a.staff_name = "名".repeat(24);
    a.signed = false;
    let (_, fld, msg) = field(f.svc().invite(&f.m1, a).await.unwrap_err());
    assert_eq!(fld, "signed", "24 characters pass; unsigned does not");
    assert!(msg.contains("承诺书") && msg.contains("B-12"));
    let mut a = base();
    a.staff_name = "  ".into();
    assert_eq!(field(f.svc().invite(&f.m1, a).await.unwrap_err()).1, "staff_name");
    let mut a = base();
    a.proof_id = "0".repeat(64);
    assert_eq!(field(f.svc().invite(&f.m1, a).await.unwrap_err()).1, "proof_id");
    // another brand's proof cannot be used
    let other = f.proof(&f.m2, 2).await;
    let mut a = base();
    a.proof_id = other;
    assert_eq!(field(f.svc().invite(&f.m1, a).await.unwrap_err()).1, "proof_id");
    assert!(f.svc().invite(&f.m1, base()).await.is_ok());
}

#[tokio::test]
async fn b10_proofs_are_checked_by_magic_bytes_and_size() {
    let f = fx().await;
    let fx = &f;
    let up = move |path: String| async move {
        let file = fx.svc().grant_open(std::path::Path::new(&path))?.token;
        fx.svc().upload_proof(&fx.m1, UploadProofArgs { enterprise_id: 1, file }).await
    };
    // a zip named .pdf
    let err = up(f.write_file(b"PK\x03\x04 not really a pdf", "pdf")).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(err.to_api().message.contains("PDF、JPEG 或 PNG"));
    // 10 MB + 1 byte
    let big = f.app.dir.path().join("big.pdf");
    let mut padded = common::sample_pdf("a long contract");
    padded.resize(10 * 1024 * 1024 + 1, b'\n');
    std::fs::write(&big, &padded).unwrap();
    let err = up(big.display().to_string()).await.unwrap_err();
    assert!(err.to_api().message.contains("超过 10 MB"), "{}", err.to_api().message);
    // exactly 10 MB is fine
    std::fs::OpenOptions::new().write(true).open(&big).unwrap().set_len(10 * 1024 * 1024).unwrap();
    let ok = up(big.display().to_string()).await.unwrap();
    assert_eq!((ok.mime.as_str(), ok.size, ok.name.as_str()), ("application/pdf", 10 * 1024 * 1024, "big.pdf"));
    let err = up(f.write_file(b"", "png")).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    let err = up(f.app.dir.path().join("missing.png").display().to_string()).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::File);
    assert!(err.to_api().message.contains("找不到该文件"));
    let jpeg = up(f.write_file(&common::sample_jpeg("a jpeg"), "jpg")).await.unwrap();
    assert_eq!(jpeg.mime, "image/jpeg");
    // the same content twice is one file
    let again = up(f.write_file(&common::sample_jpeg("a jpeg"), "jpeg")).await.unwrap();
    assert_eq!(again.proof_id, jpeg.proof_id);
    assert_eq!(std::fs::read_dir(f.svc().proofs_dir()).unwrap().count(), 2);
}

#[tokio::test]
async fn b10_proofs_are_validated_as_whole_files() {
    let f = fx().await;
    let up = |path: String| f.svc().upload_proof(&f.m1, UploadProofArgs { enterprise_id: 1, file: f.grant(&path) });
    let refused = |e: kos_core::CoreError| {
        assert_eq!(e.code(), ErrorCode::InvalidInput, "{e:?}");
        let api = e.to_api();
        (api.message, api.message_en)
    };
    // a PNG followed by an HTML page
    let mut polyglot = common::sample_png("polyglot");
    polyglot.extend_from_slice(b"<html><script>alert(document.cookie)</script></html>");
    let (zh, en) = refused(up(f.write_file(&polyglot, "png")).await.unwrap_err());
    assert!(zh.contains("文件不是有效的 PNG 图片") && zh.contains("其他内容"), "{zh}");
    assert!(en.contains("not a valid PNG image"), "{en}");
    // a PNG header and nothing real after it; a PNG cut short; a PNG whose pixel data is damaged
    let mut header_only = PNG.to_vec();
    header_only.extend_from_slice(b"<html></html>");
    assert!(refused(up(f.write_file(&header_only, "png")).await.unwrap_err()).0.contains("PNG 图片"));
    let png = common::sample_png("cut");
    assert!(refused(up(f.write_file(&png[..png.len() - 20], "png")).await.unwrap_err()).0.contains("PNG 图片"));
    let mut damaged = png.clone();
    let idat = damaged.windows(4).position(|w| w == b"IDAT").unwrap();
    damaged[idat + 6] ^= 0xFF;
    assert!(refused(up(f.write_file(&damaged, "png")).await.unwrap_err()).0.contains("无法完整解码"));
    // a JPEG with a page appended after its end marker, and one cut before it
    let mut jpeg = common::sample_jpeg("trailing");
    jpeg.extend_from_slice(b"<html></html>");
    let (zh, _) = refused(up(f.write_file(&jpeg, "jpg")).await.unwrap_err());
    assert!(zh.contains("文件不是有效的 JPEG 图片") && zh.contains("13 字节"), "{zh}");
    let jpeg = common::sample_jpeg("cut");
    assert!(refused(up(f.write_file(&jpeg[..jpeg.len() - 4], "jpg")).await.unwrap_err()).0.contains("JPEG 图片"));
    assert!(refused(up(f.write_file(&[0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3], "jpg")).await.unwrap_err()).0.contains("JPEG"));
    // a PDF header on something else, a PDF without pages, a PDF with a page appended after its end
    let (zh, en) = refused(up(f.write_file(b"%PDF-1.7\n<html></html>", "pdf")).await.unwrap_err());
    assert!(zh.contains("文件不是有效的 PDF 文件"), "{zh}");
    assert!(en.contains("not a valid PDF file"), "{en}");
    let no_pages =
        String::from_utf8(common::sample_pdf("empty")).unwrap().replace("/Kids [3 0 R] /Count 1", "/Kids [] /Count 0");
    assert!(refused(up(f.write_file(no_pages.as_bytes(), "pdf")).await.unwrap_err()).0.contains("没有任何页面"));
    let mut pdf = common::sample_pdf("appended");
    pdf.extend_from_slice(b"<html><script>alert(1)</script></html>");
    assert!(refused(up(f.write_file(&pdf, "pdf")).await.unwrap_err()).0.contains("其他内容"));
    // nothing refused was stored
    assert_eq!(std::fs::read_dir(f.svc().proofs_dir()).map(|d| d.count()).unwrap_or(0), 0);
    // whole valid files of each kind pass
    for (bytes, ext, mime) in [
        (common::sample_png("ok"), "png", "image/png"),
        (common::sample_jpeg("ok"), "jpg", "image/jpeg"),
        (common::sample_pdf("ok"), "pdf", "application/pdf"),
    ] {
        assert_eq!(up(f.write_file(&bytes, ext)).await.unwrap().mime, mime);
    }
}

// ---------------------------------------------------------------------------------------------- B-2

#[tokio::test]
async fn b2_account_needs_no_shop_and_a_bound_phone() {
    let f = fx().await;
    f.account("880000080", true, true, None).await;
    f.account("880000081", false, false, None).await;
    let look = f
        .svc()
        .lookup_account(&f.m1, LookupAccountArgs { enterprise_id: 1, xhs_id: "880000080".into() })
        .await
        .unwrap();
    assert!(look.has_shop && look.modes.iter().all(|m| !m.allowed && m.code == Some(ErrorCode::AccountHasShop)));
    let look = f
        .svc()
        .lookup_account(&f.m1, LookupAccountArgs { enterprise_id: 1, xhs_id: "880000081".into() })
        .await
        .unwrap();
    assert!(!look.phone_bound && look.modes.iter().all(|m| m.rule_id.as_deref() == Some("B-2")));
    let err = f.invite(&f.m1, BindingMode::Personal, "880000080", "方圆", &id_no(80)).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::AccountHasShop);
    let err = f.invite(&f.m1, BindingMode::Enterprise, "880000081", "方圆", &id_no(80)).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::AccountNoPhone);
    assert!(err.to_api().message.contains("未绑定手机号"));
    let err = f
        .svc()
        .lookup_account(&f.m1, LookupAccountArgs { enterprise_id: 1, xhs_id: "nobody".into() })
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
}

// ---------------------------------------------------------------------------------------------- B-1, B-3

async fn set(f: &Fx, sql: &str) {
    kos_core::on!(f.svc().db().pool(), |db| sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
        .execute(db)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
}

async fn check(f: &Fx, key: &str) -> (bool, bool, String) {
    let el = f.svc().eligibility(&f.m1, EnterpriseArgs { enterprise_id: 1 }).await.unwrap();
    let c = el.checks.iter().find(|c| c.key == key).unwrap();
    (c.passed, el.can_invite, c.detail_zh.clone())
}

#[tokio::test]
async fn b1_each_failing_check_blocks_invitations() {
    let f = fx().await;
    let el = f.svc().eligibility(&f.m1, EnterpriseArgs { enterprise_id: 1 }).await.unwrap();
    assert!(el.can_invite, "{:?}", el.checks);
    assert_eq!(el.checks.len(), 6);
    assert!(el.checks.iter().all(|c| c.passed && !c.label_zh.is_empty() && !c.label_en.is_empty()));
    f.account("880000090", false, true, None).await;

    set(&f, "UPDATE enterprises SET staff_mgmt_permission = FALSE WHERE id = 1").await;
    assert!(!check(&f, "staff_mgmt_permission").await.0);
    let err = f.invite(&f.m1, BindingMode::Enterprise, "880000090", "甘霖", &id_no(90)).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotEligible);
    assert!(err.to_api().message.contains("员工账号管理权限"));
    set(&f, "UPDATE enterprises SET staff_mgmt_permission = TRUE, store_count = 9 WHERE id = 1").await;
    let (passed, can, detail) = check(&f, "offline_stores").await;
    assert!(!passed && !can && detail.contains("至少 10 家"), "{detail}");
    set(&f, "UPDATE enterprises SET industry = '文旅' WHERE id = 1").await;
    assert!(check(&f, "offline_stores").await.0, "文旅 is exempt");
    set(&f, "UPDATE enterprises SET industry = '家政', store_count = 10 WHERE id = 1").await;
    assert!(check(&f, "offline_stores").await.1);
    // a serious violation 100 days ago: blocked for 265 more days
    set(&f, "UPDATE enterprises SET last_serious_violation_at = '2026-08-18T02:00:00Z' WHERE id = 1").await;
    let (passed, can, detail) = check(&f, "no_serious_violation").await;
    assert!(!passed && !can && detail.contains("2027-08-18 10:00 起可操作"), "{detail}");
    let el = f.svc().eligibility(&f.m1, EnterpriseArgs { enterprise_id: 1 }).await.unwrap();
    assert_eq!(el.blocked_until.as_deref(), Some("2027-08-18T10:00:00+08:00"));
    set(&f, "UPDATE enterprises SET last_serious_violation_at = '2025-11-26T02:00:00Z' WHERE id = 1").await;
    assert!(check(&f, "no_serious_violation").await.0, "365 days ago is over the look-back");
    set(&f, "UPDATE enterprises SET professional_account = FALSE WHERE id = 1").await;
    assert!(!check(&f, "professional_account").await.0);
    set(&f, "UPDATE enterprises SET professional_account = TRUE WHERE id = 1").await;
    assert!(f.invite(&f.m1, BindingMode::Enterprise, "880000090", "甘霖", &id_no(90)).await.is_ok());
}

#[tokio::test]
async fn b3_cap_counts_pending_invitations() {
    let f = fx().await;
    let admin = f.app.admin().await;
    let el = f.svc().eligibility(&f.m1, EnterpriseArgs { enterprise_id: 1 }).await.unwrap();
    assert!(el.staff_accounts_used > 0);
    f.svc()
        .update_rule_setting(
            &admin,
            UpdateRuleSettingArgs {
                enterprise_id: Some(1),
                key: rules::STAFF_ACCOUNT_CAP.into(),
                value: el.staff_accounts_used + 1,
                reason: "销售经理告知".into(),
            },
        )
        .await
        .unwrap();
    f.account("880000100", false, true, None).await;
    f.account("880000101", false, true, None).await;
    f.invite(&f.m1, BindingMode::Enterprise, "880000100", "程远", &id_no(100)).await.unwrap();
    let el = f.svc().eligibility(&f.m1, EnterpriseArgs { enterprise_id: 1 }).await.unwrap();
    let cap = el.checks.iter().find(|c| c.key == "staff_account_cap").unwrap();
    assert!(!cap.passed && cap.rule_id == "B-3" && cap.detail_zh.contains("含待接受的邀请"));
    let err = f.invite(&f.m1, BindingMode::Enterprise, "880000101", "程近", &id_no(101)).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::StaffAccountCapReached);
}

// ---------------------------------------------------------------------------------------------- B-17, B-20

#[tokio::test]
async fn b17_hand_over_only_enterprise_mode_and_the_history_shows_both_people() {
    let f = fx().await;
    let personal = f.bound(&f.m1, BindingMode::Personal, "880000110", "卫青", &id_no(110)).await;
    let staff = f
        .svc()
        .list_staff(
            &f.m1,
            ListStaffArgs { enterprise_id: 1, store_id: None, keyword: None, page_size: 20, cursor: None },
        )
        .await
        .unwrap();
    let to = staff.rows.iter().find(|s| s.id != personal.staff_id).unwrap();
    let args =
        |binding_id| HandOverArgs { binding_id, to_staff_id: to.id, job_title: None, reason: "原员工离职".into() };
    let err = f.svc().hand_over(&f.m1, args(personal.id)).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::HandOverPersonal);

    let ent = f.bound(&f.m1, BindingMode::Enterprise, "880000111", "霍去", &id_no(111)).await;
    let no_reason = HandOverArgs { reason: "".into(), ..args(ent.id) };
    assert_eq!(f.svc().hand_over(&f.m1, no_reason).await.unwrap_err().code(), ErrorCode::InvalidInput);
    let self_args = HandOverArgs { to_staff_id: ent.staff_id, ..args(ent.id) };
    assert_eq!(f.svc().hand_over(&f.m1, self_args).await.unwrap_err().code(), ErrorCode::InvalidInput);
    let new = f.svc().hand_over(&f.m1, args(ent.id)).await.unwrap();
    assert_eq!(
        (new.staff_id, new.account_id, new.status, new.mode),
        (to.id, ent.account_id, BindingStatus::Active, BindingMode::Enterprise)
    );
    let old = f.row(ent.id).await;
    assert_eq!(old.status, BindingStatus::HandedOver);
    let hist = f
        .svc()
        .account_history(&f.m1, AccountHistoryArgs { enterprise_id: 1, account_id: ent.account_id })
        .await
        .unwrap();
    let text: String = hist.iter().map(|h| h.summary_zh.clone()).collect::<Vec<_>>().join("\n");
    assert!(text.contains("霍去") && text.contains(&to.name), "{text}");
    assert_eq!(f.history_actions(1, ent.account_id).await, ["invite", "accept", "hand_over", "take_over"]);
    assert!(f.svc().account_accepts_new_notes(ent.account_id).await.unwrap());
}

#[tokio::test]
async fn b17_frozen_accounts_take_no_new_notes() {
    let f = fx().await;
    let row = f.bound(&f.m1, BindingMode::Enterprise, "880000120", "甄珍", &id_no(120)).await;
    assert!(f.svc().account_accepts_new_notes(row.account_id).await.unwrap());
    assert_eq!(f.svc().freeze(&f.m1, change(row.id, "  ")).await.unwrap_err().code(), ErrorCode::InvalidInput);
    let frozen = f.svc().freeze(&f.m1, change(row.id, "发布违规内容")).await.unwrap();
    assert_eq!(frozen.status, BindingStatus::Frozen);
    assert!(!f.svc().account_accepts_new_notes(row.account_id).await.unwrap());
    assert_eq!(f.svc().freeze(&f.m1, change(row.id, "again")).await.unwrap_err().code(), ErrorCode::BindingNotActive);
    f.svc().unfreeze(&f.m1, change(row.id, "整改完成")).await.unwrap();
    assert!(f.svc().account_accepts_new_notes(row.account_id).await.unwrap());
    f.svc().unbind(&f.m1, change(row.id, "停用")).await.unwrap();
    assert!(!f.svc().account_accepts_new_notes(row.account_id).await.unwrap(), "unbound: no notes");
}

#[tokio::test]
async fn b20_every_change_is_recorded_with_who_when_and_why() {
    let f = fx().await;
    let row = f.bound(&f.m1, BindingMode::Enterprise, "880000130", "常青", &id_no(130)).await;
    f.svc().freeze(&f.m1, change(row.id, "冻结原因")).await.unwrap();
    f.advance(Duration::minutes(5));
    f.svc().unfreeze(&f.m1, change(row.id, "解冻原因")).await.unwrap();
    f.advance(Duration::minutes(5));
    f.svc().unbind(&f.m1, change(row.id, "解绑原因")).await.unwrap();
    let hist = f
        .svc()
        .account_history(&f.m1, AccountHistoryArgs { enterprise_id: 1, account_id: row.account_id })
        .await
        .unwrap();
    let acts: Vec<(&str, Option<&str>, Option<&str>)> =
        hist.iter().rev().map(|h| (h.action.as_str(), h.reason.as_deref(), h.actor_name.as_deref())).collect();
    let who = Some(f.m1.name.as_str());
    assert_eq!(
        acts,
        [
            ("invite", None, who),
            ("accept", None, Some("常青")),
            ("freeze", Some("冻结原因"), who),
            ("unfreeze", Some("解冻原因"), who),
            ("unbind", Some("解绑原因"), who),
        ]
    );
    assert!(hist.windows(2).all(|w| w[0].at >= w[1].at), "newest first");
    // the proof upload and the staff registration are recorded too
    let pool = f.svc().db().pool();
    let n: i64 = kos_core::on!(pool, |db| sqlx::query_scalar(
        "SELECT COUNT(*) FROM history WHERE entity_type IN ('proof', 'staff')"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert!(n >= 2);
}

// ---------------------------------------------------------------------------------------------- B-21, roles, store scope

#[tokio::test]
async fn b21_agency_acts_only_for_brands_that_reported_it() {
    let f = fx().await;
    let agency = f.app.user(Role::Agency).await;
    assert_eq!(agency.agency_brands, [1]);
    assert!(f.svc().eligibility(&agency, EnterpriseArgs { enterprise_id: 1 }).await.is_ok());
    assert_eq!(
        f.svc().eligibility(&agency, EnterpriseArgs { enterprise_id: 2 }).await.unwrap_err().code(),
        ErrorCode::NotFound
    );
    f.account("880000140", false, true, None).await;
    let row = f.invite(&agency, BindingMode::Enterprise, "880000140", "安然", &id_no(140)).await.unwrap();
    assert_eq!(row.enterprise_id, 1);
    let other = f.bound(&f.m2, BindingMode::Enterprise, "880000141", "安宁", &id_no(141)).await;
    assert_eq!(f.svc().freeze(&agency, change(other.id, "x")).await.unwrap_err().code(), ErrorCode::NotFound);
    let proof = f.proof(&f.m2, 2).await;
    let err = f
        .svc()
        .invite(&agency, f.args(2, BindingMode::Enterprise, "880000142", "安康", &id_no(142), proof.clone()))
        .await;
    assert_eq!(err.unwrap_err().code(), ErrorCode::NotFound);
    assert_eq!(f.svc().read_proof(&agency, &proof).await.unwrap_err().code(), ErrorCode::NotFound);
    let err = f
        .svc()
        .upload_proof(
            &agency,
            UploadProofArgs { enterprise_id: 2, file: f.grant(&f.write_file(&common::sample_png("x"), "png")) },
        )
        .await;
    assert_eq!(err.unwrap_err().code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn only_the_programs_runners_invite() {
    let f = fx().await;
    f.account("880000150", false, true, None).await;
    for role in [Role::Leader, Role::Employee, Role::PlatformReviewer, Role::Admin] {
        let actor = f.app.user(role).await;
        let args = f.args(1, BindingMode::Enterprise, "880000150", "任重", &id_no(150), "0".repeat(64));
        let err = f.svc().invite(&actor, args).await.unwrap_err();
        assert_eq!(err.code(), ErrorCode::Forbidden, "{role:?}");
    }
    let leader = f.app.user(Role::Leader).await;
    let err = f
        .svc()
        .upload_proof(
            &leader,
            UploadProofArgs { enterprise_id: 1, file: f.grant(&f.write_file(&common::sample_png("x"), "png")) },
        )
        .await;
    assert_eq!(err.unwrap_err().code(), ErrorCode::Forbidden);
    assert!(f.svc().binding_counts(&leader, EnterpriseArgs { enterprise_id: 1 }).await.is_ok(), "leaders may look");
    let employee = f.app.user(Role::Employee).await;
    assert_eq!(
        f.svc().binding_counts(&employee, EnterpriseArgs { enterprise_id: 1 }).await.unwrap_err().code(),
        ErrorCode::Forbidden
    );
    assert_eq!(f.svc().my_invitations(&f.m1, Default::default()).await.unwrap_err().code(), ErrorCode::Forbidden);
}

#[tokio::test]
async fn store_managers_act_only_on_their_stores() {
    let f = fx().await;
    let manager = f.app.user(Role::StoreManager).await;
    let own = manager.store_ids[0];
    let stores = f.svc().list_stores(&f.m1, EnterpriseArgs { enterprise_id: 1 }).await.unwrap();
    let other = stores.iter().find(|s| !manager.store_ids.contains(&s.id)).unwrap().id;
    f.account("880000160", false, true, None).await;
    f.account("880000161", false, true, None).await;
    let proof = f.proof(&manager, 1).await;
    let mut args = f.args(1, BindingMode::Enterprise, "880000160", "左岸", &id_no(160), proof.clone());
    args.store_id = other;
    assert_eq!(f.svc().invite(&manager, args.clone()).await.unwrap_err().code(), ErrorCode::NotFound);
    args.store_id = own;
    let mine = f.svc().invite(&manager, args).await.unwrap();
    assert_eq!(mine.store_id, own);
    assert_eq!(f.svc().read_proof(&manager, &proof).await.unwrap().0, "image/png");

    // a binding of another store: invisible and unchangeable
    let mut args = f.args(1, BindingMode::Enterprise, "880000161", "右岸", &id_no(161), f.proof(&f.m1, 1).await);
    args.store_id = other;
    let theirs = f.svc().invite(&f.m1, args).await.unwrap();
    assert_eq!(f.svc().freeze(&manager, change(theirs.id, "x")).await.unwrap_err().code(), ErrorCode::NotFound);
    let their_proof = theirs.proof_id.clone().unwrap();
    assert_eq!(f.svc().read_proof(&manager, &their_proof).await.unwrap_err().code(), ErrorCode::NotFound);
    let page = f
        .svc()
        .list_bindings(
            &manager,
            ListBindingsArgs {
                enterprise_id: 1,
                tab: BindingTab::Invited,
                store_id: None,
                mode: None,
                job_title: None,
                keyword: None,
                page_size: 100,
                cursor: None,
            },
        )
        .await
        .unwrap();
    assert!(page.rows.iter().any(|r| r.id == mine.id));
    assert!(page.rows.iter().all(|r| manager.store_ids.contains(&r.store_id)));
    let counts = f.svc().binding_counts(&manager, EnterpriseArgs { enterprise_id: 1 }).await.unwrap();
    assert_eq!(counts.invited, i64::from(page.total));
    let err =
        f.svc().account_history(&manager, AccountHistoryArgs { enterprise_id: 1, account_id: theirs.account_id }).await;
    assert_eq!(err.unwrap_err().code(), ErrorCode::NotFound);
}

// ---------------------------------------------------------------------------------------------- lists, calendar

#[tokio::test]
async fn binding_tabs_counts_pages_and_filters_agree() {
    let f = fx().await;
    let counts = f.svc().binding_counts(&f.m1, EnterpriseArgs { enterprise_id: 1 }).await.unwrap();
    assert!(counts.active > 20 && counts.invited >= 1 && counts.frozen >= 1 && counts.unbound >= 1, "{counts:?}");
    let list = |tab, cursor, mode, job_title: Option<&str>| {
        f.svc().list_bindings(
            &f.m1,
            ListBindingsArgs {
                enterprise_id: 1,
                tab,
                store_id: None,
                mode,
                job_title: job_title.map(Into::into),
                keyword: None,
                page_size: 10,
                cursor,
            },
        )
    };
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = list(BindingTab::Active, cursor, None, None).await.unwrap();
        assert_eq!(i64::from(page.total), counts.active);
        seen.extend(page.rows.iter().map(|r| r.id));
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(seen.len() as i64, counts.active);
    assert!(seen.windows(2).all(|w| w[0] > w[1]), "newest first, no repeats");
    let personal = list(BindingTab::Active, None, Some(BindingMode::Personal), Some("导购")).await.unwrap();
    assert!(personal.rows.iter().all(|r| r.mode == BindingMode::Personal && r.job_title == "导购"));
    assert_eq!(list(BindingTab::Active, None, None, Some("经理")).await.unwrap_err().code(), ErrorCode::InvalidInput);
    let invited = list(BindingTab::Invited, None, None, None).await.unwrap();
    assert!(invited
        .rows
        .iter()
        .all(|r| r.expires_at.is_some() && r.next_action == Some(NextAction::InvitationExpires)));
}

#[tokio::test]
async fn calendar_lists_expiries_and_unbind_dates() {
    let f = fx().await;
    let personal = f.bound(&f.m1, BindingMode::Personal, "880000170", "黎明", &id_no(170)).await;
    f.account("880000171", false, true, None).await;
    let invited = f.invite(&f.m1, BindingMode::Enterprise, "880000171", "黎晓", &id_no(171)).await.unwrap();
    let cal = f
        .svc()
        .binding_calendar(
            &f.m1,
            BindingCalendarArgs { enterprise_id: 1, from: "2026-11-26".into(), to: "2026-12-31".into() },
        )
        .await
        .unwrap();
    let of = |id, kind| {
        cal.iter().find(|c| c.binding_id == Some(id) && c.kind == kind).map(|c| (c.date.clone(), c.rule_id.clone()))
    };
    assert_eq!(of(invited.id, CalendarKind::InvitationExpires), Some(("2026-11-28".into(), "B-13".into())));
    assert_eq!(of(personal.id, CalendarKind::PersonalUnbindable), Some(("2026-12-26".into(), "B-18".into())));
    assert!(cal.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(cal.iter().all(|c| c.date.as_str() >= "2026-11-26" && c.date.as_str() <= "2026-12-31"));
    let bad = f
        .svc()
        .binding_calendar(
            &f.m1,
            BindingCalendarArgs { enterprise_id: 1, from: "2026-12-31".into(), to: "2026-12-01".into() },
        )
        .await;
    assert_eq!(bad.unwrap_err().code(), ErrorCode::InvalidInput);
    // B-19 date after an unbind
    f.advance(Duration::days(30));
    f.svc().unbind(&f.m1, change(personal.id, "离职")).await.unwrap();
    let cal = f
        .svc()
        .binding_calendar(
            &f.m1,
            BindingCalendarArgs { enterprise_id: 1, from: "2027-01-01".into(), to: "2027-01-31".into() },
        )
        .await
        .unwrap();
    assert!(cal.iter().any(|c| c.binding_id == Some(personal.id)
        && c.kind == CalendarKind::RebindableByOthers
        && c.date == "2027-01-25"));
}

// ---------------------------------------------------------------------------------------------- privacy, retention

#[tokio::test]
async fn privacy_no_plain_id_number_in_the_database_and_no_plaintext_in_proof_files() {
    let f = fx().await;
    let id = idcard::compose(440305, NaiveDate::from_ymd_opt(1991, 8, 23).unwrap(), 517);
    f.account("880000180", false, true, None).await;
    let marker = b"LABOUR-CONTRACT-PLAINTEXT-MARKER-0123456789";
    let bytes = common::sample_pdf(std::str::from_utf8(marker).unwrap());
    let file = f.grant(&f.write_file(&bytes, "pdf"));
    let proof = f.svc().upload_proof(&f.m1, UploadProofArgs { enterprise_id: 1, file }).await.unwrap();
    let row = f
        .svc()
        .invite(&f.m1, f.args(1, BindingMode::Enterprise, "880000180", "隐私测试", &id, proof.proof_id.clone()))
        .await
        .unwrap();
    assert_eq!(row.staff_id_masked, idcard::mask(&id));
    let emp = f.employee(&row).await;
    // a failed and a successful acceptance both carry plain ID numbers in
    let wrong = idcard::compose(440305, NaiveDate::from_ymd_opt(1991, 8, 23).unwrap(), 518);
    let accept =
        |n: &str| AcceptInvitationArgs { binding_id: row.id, name: "隐私测试".into(), id_number: n.into() };
    assert!(f.svc().accept_invitation(&emp, accept(&wrong)).await.is_err());
    f.svc().accept_invitation(&emp, accept(&id)).await.unwrap();

    let pool = f.svc().db().pool();
    let db = common::stored_bytes(&f.app).await;
    let hay = String::from_utf8_lossy(&db);
    for plain in [&id, &wrong] {
        assert!(!hay.contains(plain.as_str()), "plain ID number {plain} in the database");
        assert!(!hay.contains(&plain[6..14]), "birth date readable in the database");
    }
    let file = f.svc().proofs_dir().join(format!("{}.kosproof", proof.proof_id));
    let stored = std::fs::read(&file).unwrap();
    assert!(!stored.windows(marker.len()).any(|w| w == marker), "plaintext in the proof file");
    assert!(!stored.starts_with(b"%PDF"));
    let (mime, plain) = f.svc().read_proof(&f.m1, &proof.proof_id).await.unwrap();
    assert_eq!((mime.as_str(), plain), ("application/pdf", bytes));
    let views: i64 = kos_core::on!(pool, |db| sqlx::query_scalar(
        "SELECT COUNT(*) FROM history WHERE entity_type = 'proof' AND action = 'view'"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(views, 1, "every read is recorded");
}

#[tokio::test]
async fn proofs_are_deleted_after_the_retention_period() {
    let f = fx().await;
    f.account("880000190", false, true, None).await;
    let row = f.invite(&f.m1, BindingMode::Enterprise, "880000190", "留存", &id_no(190)).await.unwrap();
    let proof = row.proof_id.clone().unwrap();
    let file = f.svc().proofs_dir().join(format!("{proof}.kosproof"));
    let emp = f.employee(&row).await;
    f.svc().decline_invitation(&emp, BindingArgs { binding_id: row.id }).await.unwrap(); // ended now
    f.advance(Duration::days(180) - Duration::seconds(1));
    assert_eq!(f.svc().sweep_due(&f.app.admin().await, Default::default()).await.unwrap().proofs_purged, 0);
    assert!(file.exists());
    f.advance(Duration::seconds(1));
    let report = f.svc().sweep_due(&f.app.admin().await, Default::default()).await.unwrap();
    assert!(report.proofs_purged >= 1);
    assert!(!file.exists());
    assert_eq!(f.svc().read_proof(&f.m1, &proof).await.unwrap_err().code(), ErrorCode::NotFound);
    let purged: i64 = kos_core::on!(f.svc().db().pool(), |db| sqlx::query_scalar(
        "SELECT COUNT(*) FROM history WHERE entity_type = 'proof' AND action = 'purge' AND actor_id IS NULL",
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert!(purged >= 1);
}

#[tokio::test]
async fn proofs_of_live_bindings_are_kept() {
    let f = fx().await;
    let row = f.bound(&f.m1, BindingMode::Enterprise, "880000191", "长存", &id_no(191)).await;
    f.advance(Duration::days(400));
    f.svc().sweep_due(&f.app.admin().await, Default::default()).await.unwrap();
    let proof = row.proof_id.unwrap();
    assert!(f.svc().proofs_dir().join(format!("{proof}.kosproof")).exists());
}

// ---------------------------------------------------------------------------------------------- B-22, doors

#[tokio::test]
async fn b22_accepting_an_enterprise_staff_account_records_its_real_name() {
    let f = fx().await;
    let row = f.bound(&f.m1, BindingMode::Enterprise, "880000200", "实名", &id_no(200)).await;
    let acc = store::accounts::get(f.svc().db().pool(), row.account_id).await.unwrap().unwrap();
    assert_eq!(acc.real_name_hmac, Some(f.svc().secrets().real_name_hmac("实名", &id_no(200))));
    let personal = f.bound(&f.m1, BindingMode::Personal, "880000201", "个人", &id_no(201)).await;
    let acc = store::accounts::get(f.svc().db().pool(), personal.account_id).await.unwrap().unwrap();
    assert_eq!(acc.real_name_hmac, None, "a personal account keeps its own verification state");
}

#[tokio::test]
async fn binding_commands_run_through_dispatch_with_json_arguments() {
    let f = fx().await;
    f.account("880000210", false, true, None).await;
    let v = kos_core::api::dispatch(f.svc(), &f.m1, "binding_counts", serde_json::json!({ "enterprise_id": 1 }))
        .await
        .unwrap();
    assert!(v["active"].as_i64().unwrap() > 0);
    let v = kos_core::api::dispatch(
        f.svc(),
        &f.m1,
        "list_bindings",
        serde_json::json!({ "enterprise_id": 1, "tab": "invited", "page_size": 10 }),
    )
    .await
    .unwrap();
    assert!(v["rows"].as_array().unwrap().iter().all(|r| r["status"] == "invited"));
    let proof = f.proof(&f.m1, 1).await;
    let v = kos_core::api::dispatch(
        f.svc(),
        &f.m1,
        "invite",
        serde_json::json!({ "enterprise_id": 1, "mode": "personal", "xhs_id": "880000210", "store_id": f.store1,
                            "staff_name": "门外", "id_number": id_no(210), "proof_id": proof, "job_title": "客服",
                            "signed": true }),
    )
    .await
    .unwrap();
    assert_eq!((v["status"].as_str(), v["mode"].as_str()), (Some("invited"), Some("personal")));
    let err =
        kos_core::api::dispatch(f.svc(), &f.m1, "unbind", serde_json::json!({ "binding_id": v["id"], "reason": "x" }))
            .await
            .unwrap_err()
            .to_api();
    assert_eq!((err.code, err.details["rule"].as_str()), (ErrorCode::BindingNotLive, Some("B-17")));
}

// ------------------------------------------------------------------ exact instants (B-1, B-15, B-18, B-19)
// Each time-limited refusal names the Beijing minute it lifts and the time left, one minute before it, and
// lets the action through at that minute and one minute after.

/// The refusal's message, English message and `details.available_from`.
fn lifted_at(err: &CoreError) -> (String, String, String) {
    let api = err.to_api();
    (api.message, api.message_en, api.details["available_from"].as_str().unwrap_or_default().to_string())
}

#[tokio::test]
async fn b18_unbind_one_minute_before_at_and_after_the_instant() {
    let f = fx().await;
    // bound at 2026-11-26 11:05 Beijing: unbindable from 2026-12-26 11:05
    f.advance(Duration::minutes(65));
    let a = f.bound(&f.m1, BindingMode::Personal, "880000210", "林一", &id_no(210)).await;
    let b = f.bound(&f.m1, BindingMode::Personal, "880000211", "林二", &id_no(211)).await;
    f.advance(Duration::days(30) - Duration::minutes(1));
    let err = f.svc().unbind(&f.m1, change(a.id, "员工离职")).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnbindTooEarly);
    let (zh, en, from) = lifted_at(&err);
    assert!(zh.contains("2026-12-26 11:05 起可操作，还需 1 分钟"), "{zh}");
    assert!(!zh.contains("还需 1 天"), "{zh}");
    assert!(en.contains("possible from 2026-12-26 11:05 Beijing time, 1 minute left"), "{en}");
    assert_eq!(from, "2026-12-26T11:05:00+08:00");
    f.advance(Duration::minutes(1));
    assert_eq!(f.svc().unbind(&f.m1, change(a.id, "员工离职")).await.unwrap().status, BindingStatus::Unbound);
    f.advance(Duration::minutes(1));
    assert_eq!(f.svc().unbind(&f.m1, change(b.id, "员工离职")).await.unwrap().status, BindingStatus::Unbound);
}

#[tokio::test]
async fn b18_time_left_reads_in_hours_and_minutes_on_the_last_day() {
    let f = fx().await;
    let row = f.bound(&f.m1, BindingMode::Personal, "880000212", "林三", &id_no(212)).await;
    f.advance(Duration::days(29) + Duration::hours(20) + Duration::minutes(30));
    let (zh, en, _) = lifted_at(&f.svc().unbind(&f.m1, change(row.id, "调岗")).await.unwrap_err());
    assert!(zh.contains("还需 3 小时 30 分钟"), "{zh}");
    assert!(en.contains("3 hours 30 minutes left"), "{en}");
}

#[tokio::test]
async fn b19_personal_rebind_one_minute_before_at_and_after_the_instant() {
    let f = fx().await;
    let row = f.bound(&f.m1, BindingMode::Personal, "880000220", "程一", &id_no(220)).await;
    f.advance(Duration::days(30) + Duration::minutes(65)); // unbound 2026-12-26 11:05
    f.svc().unbind(&f.m1, change(row.id, "员工离职")).await.unwrap();
    f.advance(Duration::days(30) - Duration::minutes(1)); // 2027-01-25 11:04
    let look = || async {
        let l = f
            .svc()
            .lookup_account(&f.m2, LookupAccountArgs { enterprise_id: 2, xhs_id: "880000220".into() })
            .await
            .unwrap();
        l.modes.into_iter().find(|m| m.mode == BindingMode::Personal).unwrap()
    };
    let before = look().await;
    assert!(!before.allowed);
    assert_eq!(before.code, Some(ErrorCode::PersonalCooldown));
    assert_eq!(before.available_from.as_deref(), Some("2027-01-25T11:05:00+08:00"));
    let zh = before.reason_zh.unwrap();
    assert!(zh.contains("2026-12-26 11:05 解除") && zh.contains("2027-01-25 11:05 起可操作，还需 1 分钟"), "{zh}");
    let err = f.invite(&f.m2, BindingMode::Personal, "880000220", "程一", &id_no(220)).await.unwrap_err();
    let (zh, en, from) = lifted_at(&err);
    assert!(zh.contains("还需 1 分钟") && en.contains("1 minute left"), "{zh} / {en}");
    assert_eq!(from, "2027-01-25T11:05:00+08:00");
    f.advance(Duration::minutes(1));
    assert!(look().await.allowed, "at the instant");
    f.advance(Duration::minutes(1));
    assert!(look().await.allowed, "a minute after");
    f.invite(&f.m2, BindingMode::Personal, "880000220", "程一", &id_no(220)).await.unwrap();
}

#[tokio::test]
async fn b15_invite_ban_one_minute_before_at_and_after_the_instant() {
    let f = fx().await;
    let reviewer = f.app.user(Role::PlatformReviewer).await;
    f.account("880000230", false, true, None).await;
    f.account("880000231", false, true, None).await;
    let row = f.invite(&f.m1, BindingMode::Enterprise, "880000230", "白一", &id_no(230)).await.unwrap();
    f.advance(Duration::minutes(65)); // judged 2026-11-26 11:05: banned until 2026-12-26 11:05
    f.svc()
        .review_proof(&reviewer, ReviewProofArgs { binding_id: row.id, compliant: false, reason: "无公章".into() })
        .await
        .unwrap();
    f.advance(Duration::days(30) - Duration::minutes(1));
    let el = f.svc().eligibility(&f.m1, EnterpriseArgs { enterprise_id: 1 }).await.unwrap();
    assert!(!el.can_invite);
    assert_eq!(el.blocked_until.as_deref(), Some("2026-12-26T11:05:00+08:00"));
    let err = f.invite(&f.m1, BindingMode::Enterprise, "880000231", "白二", &id_no(231)).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::InviteBanned);
    let (zh, en, from) = lifted_at(&err);
    assert!(zh.starts_with("暂不能发送绑定邀请：在职证明不合规，邀请受限——"), "{zh}");
    assert!(!zh.contains("无邀请限制") && !en.contains("No invitation ban"), "{zh} / {en}");
    assert!(zh.contains("2026-12-26 11:05 起可操作，还需 1 分钟"), "{zh}");
    assert_eq!(from, "2026-12-26T11:05:00+08:00");
    f.advance(Duration::minutes(1));
    assert!(f.svc().eligibility(&f.m1, EnterpriseArgs { enterprise_id: 1 }).await.unwrap().can_invite);
    f.advance(Duration::minutes(1));
    f.invite(&f.m1, BindingMode::Enterprise, "880000231", "白二", &id_no(231)).await.unwrap();
}

#[tokio::test]
async fn b1_violation_look_back_one_minute_before_at_and_after_the_instant() {
    let f = fx().await;
    f.account("880000240", false, true, None).await;
    // a ban at 2025-11-26 10:01 Beijing: 365 days pass at 2026-11-26 10:01, one minute after the clock
    set(&f, "UPDATE enterprises SET last_serious_violation_at = '2025-11-26T02:01:00Z' WHERE id = 1").await;
    let el = f.svc().eligibility(&f.m1, EnterpriseArgs { enterprise_id: 1 }).await.unwrap();
    let c = el.checks.iter().find(|c| c.key == "no_serious_violation").unwrap();
    assert!(!c.passed && c.detail_zh.contains("2026-11-26 10:01 起可操作，还需 1 分钟"), "{}", c.detail_zh);
    assert_eq!(c.available_from.as_deref(), Some("2026-11-26T10:01:00+08:00"));
    let err = f.invite(&f.m1, BindingMode::Enterprise, "880000240", "石一", &id_no(240)).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotEligible);
    let (zh, _, from) = lifted_at(&err);
    assert!(zh.starts_with("暂不能发送绑定邀请：近期有严重违规封禁——"), "{zh}");
    assert_eq!(from, "2026-11-26T10:01:00+08:00");
    f.advance(Duration::minutes(1));
    assert!(check(&f, "no_serious_violation").await.0, "at the instant");
    f.advance(Duration::minutes(1));
    f.invite(&f.m1, BindingMode::Enterprise, "880000240", "石一", &id_no(240)).await.unwrap();
}

#[tokio::test]
async fn b1_refusals_use_the_failed_wording_not_the_pass_label() {
    let f = fx().await;
    f.account("880000241", false, true, None).await;
    for (sql, failed, label) in [
        (
            "UPDATE enterprises SET staff_mgmt_permission = FALSE WHERE id = 1",
            "未开通员工账号管理权限",
            "员工账号管理权限——",
        ),
        ("UPDATE enterprises SET store_count = 3 WHERE id = 1", "线下门店数不足", "线下门店数——"),
        (
            "UPDATE enterprises SET professional_account = FALSE WHERE id = 1",
            "企业账号还不是企业专业号",
            "企业专业号——",
        ),
    ] {
        set(
            &f,
            "UPDATE enterprises SET staff_mgmt_permission = TRUE, store_count = 13, professional_account = TRUE WHERE id = 1",
        )
        .await;
        set(&f, sql).await;
        let err = f.invite(&f.m1, BindingMode::Enterprise, "880000241", "石二", &id_no(241)).await.unwrap_err();
        let msg = err.to_api().message;
        assert!(msg.starts_with(&format!("暂不能发送绑定邀请：{failed}——")), "{msg}");
        assert!(!msg.contains(&format!("：{label}")), "{msg}");
        assert!(err.to_api().details["available_from"].is_null(), "no end: {msg}");
    }
}

// ------------------------------------------------------------- privacy of what is stored (B-10, B-14, B-20)

#[tokio::test]
async fn b10_an_id_number_in_a_proofs_file_name_is_never_stored_and_proofs_are_owner_only() {
    let f = fx().await;
    let id = id_no(250);
    let path = f.app.dir.path().join(format!("张三_身份证{id}_手机13812345678.png"));
    let bytes = common::sample_png("a proof named after its holder");
    std::fs::write(&path, &bytes).unwrap();
    let p = f
        .svc()
        .upload_proof(&f.m1, UploadProofArgs { enterprise_id: 1, file: f.grant(&path.display().to_string()) })
        .await
        .unwrap();
    assert_eq!(p.name, "张三_身份证***_手机***.png");
    let pool = f.svc().db().pool();
    let names: Vec<String> =
        kos_core::on!(pool, |db| sqlx::query_scalar("SELECT name FROM proofs").fetch_all(db).await).unwrap();
    let history: Vec<String> =
        kos_core::on!(pool, |db| sqlx::query_scalar("SELECT summary_zh || summary_en FROM history")
            .fetch_all(db)
            .await)
        .unwrap();
    for text in names.iter().chain(&history) {
        assert!(!text.contains(&id[..14]) && !text.contains("13812345678"), "{text}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(f.svc().proofs_dir()), 0o700, "the proofs folder");
        for entry in std::fs::read_dir(f.svc().proofs_dir()).unwrap() {
            assert_eq!(mode(&entry.unwrap().path()), 0o600, "a stored proof");
        }
        if !common::on_pg() {
            assert_eq!(mode(f.svc().db().path()), 0o600, "the database file");
        }
    }
}

#[tokio::test]
async fn b14_the_id_number_is_shown_by_its_last_four_characters_only() {
    let f = fx().await;
    let id = id_no(251);
    let row = f.bound(&f.m1, BindingMode::Enterprise, "880000251", "许四", &id).await;
    assert_eq!(row.staff_id_masked, format!("**************{}", &id[14..]));
    let pool = f.svc().db().pool();
    let history: Vec<String> =
        kos_core::on!(pool, |db| sqlx::query_scalar("SELECT summary_zh FROM history WHERE summary_zh LIKE '%许四%'")
            .fetch_all(db)
            .await)
        .unwrap();
    assert!(history.iter().any(|h| h.contains(&format!("**************{}", &id[14..]))), "{history:?}");
    assert!(history.iter().all(|h| !h.contains(&id[..6])), "{history:?}");
}
