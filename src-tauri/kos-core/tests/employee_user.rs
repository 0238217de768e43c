//! B-13/B-14: a newly registered staff member gets an employee user, so they can answer the invitation in
//! 消息通知 — the walk-through the window's E2E test takes.

mod common;

use common::TestApp;
use kos_core::model::{BindingMode, BindingStatus, Role};
use kos_core::service::{AcceptInvitationArgs, InviteArgs, UploadProofArgs};

#[tokio::test]
async fn b13_b14_invited_new_staff_member_can_accept_as_an_employee_user() {
    let app = TestApp::with_demo().await;
    let marketing = app.user(Role::BrandMarketing).await;
    let ent = marketing.enterprise_id.unwrap();
    let pool = app.svc.db().pool();
    let xhs_id: String = kos_core::on!(pool, |db| sqlx::query_scalar(
        "SELECT xhs_id FROM xhs_accounts a WHERE has_shop = FALSE AND phone_bound = TRUE
           AND real_name_hmac IS NULL AND NOT EXISTS (SELECT 1 FROM bindings b WHERE b.account_id = a.id) ORDER BY id LIMIT 1",
    )
    .fetch_one(db)
    .await)
    .unwrap();
    let store_id: i64 = kos_core::on!(pool, |db| sqlx::query_scalar(
        "SELECT id FROM stores WHERE enterprise_id = $1 ORDER BY id LIMIT 1"
    )
    .bind(ent)
    .fetch_one(db)
    .await)
    .unwrap();
    let proof = app.dir.path().join("在职证明.png");
    std::fs::write(&proof, common::sample_png("employment proof of a new hire")).unwrap();
    let proof = app
        .svc
        .upload_proof(
            &marketing,
            UploadProofArgs { enterprise_id: ent, file: app.svc.grant_open(&proof).unwrap().token },
        )
        .await
        .unwrap();
    let id_number = kos_core::idcard::compose(310115, chrono::NaiveDate::from_ymd_opt(1995, 3, 15).unwrap(), 24);
    let invited = app
        .svc
        .invite(
            &marketing,
            InviteArgs {
                enterprise_id: ent,
                mode: BindingMode::Personal,
                xhs_id,
                store_id,
                staff_name: "沈晓燕".into(),
                id_number: id_number.clone(),
                proof_id: proof.proof_id,
                job_title: "导购".into(),
                signed: true,
                employee_no: None,
            },
        )
        .await
        .unwrap();

    let users = app.svc.list_users(&marketing, Default::default()).await.unwrap();
    let user = users.iter().find(|u| u.name == "沈晓燕").expect("an employee user for the new staff member");
    assert_eq!(user.role, Role::Employee);
    let employee = app.svc.actor(user.id).await.unwrap();
    let mine = app.svc.my_invitations(&employee, Default::default()).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].binding_id, invited.id);

    let accepted = app
        .svc
        .accept_invitation(&employee, AcceptInvitationArgs { binding_id: invited.id, name: "沈晓燕".into(), id_number })
        .await
        .unwrap();
    assert_eq!(accepted.status, BindingStatus::Active);
}
