//! Issue 15 item 3: the administrator's switch 启动时检查更新 — on by default, changed only by the
//! administrator, every change recorded in history with who turned it off or on.

mod common;

use common::TestApp;
use kos_core::model::Role;
use kos_core::service::{ListHistoryArgs, NoArgs, SetUpdateCheckArgs};
use kos_core::ErrorCode;

#[tokio::test]
async fn issue15_update_check_switch_is_the_administrators_and_recorded() {
    let app = TestApp::with_demo().await;
    let admin = app.admin().await;
    let svc = &app.svc;
    // on by default, never changed
    let s = svc.update_settings(&admin, NoArgs {}).await.unwrap();
    assert!(s.check_on_start && s.changed_at.is_none() && s.changed_by.is_none(), "{s:?}");
    assert!(svc.update_check_on_start().await.unwrap());
    // no other role may change it
    for role in [Role::BrandMarketing, Role::Leader, Role::StoreManager, Role::Employee, Role::PlatformReviewer] {
        let who = app.user(role).await;
        let err =
            svc.set_update_check(&who, SetUpdateCheckArgs { check_on_start: false, reason: None }).await.unwrap_err();
        assert_eq!(err.code(), ErrorCode::Forbidden, "{role:?}");
        // every role reads it (the settings page shows it)
        assert!(svc.update_settings(&who, NoArgs {}).await.unwrap().check_on_start);
    }
    // the administrator turns it off, with a reason
    let off = svc
        .set_update_check(&admin, SetUpdateCheckArgs { check_on_start: false, reason: Some(" 内网部署 ".into()) })
        .await
        .unwrap();
    assert!(!off.check_on_start);
    assert_eq!(off.changed_by.as_deref(), Some(admin.name.as_str()));
    assert!(off.changed_at.is_some());
    assert!(!svc.update_check_on_start().await.unwrap());
    // the rule numbers are not touched by it
    let rules =
        svc.get_rule_settings(&admin, kos_core::service::RuleSettingsArgs { enterprise_id: None }).await.unwrap();
    assert!(rules.iter().all(|r| r.key != kos_core::service::UPDATE_CHECK_KEY));
    // and on again, without a reason
    let on = svc.set_update_check(&admin, SetUpdateCheckArgs { check_on_start: true, reason: None }).await.unwrap();
    assert!(on.check_on_start);
    // history: who turned it off and on, newest first
    let page = svc
        .list_history(
            &admin,
            ListHistoryArgs {
                enterprise_id: None,
                entity_type: Some("update_setting".into()),
                page_size: 10,
                cursor: None,
            },
        )
        .await
        .unwrap();
    let rows: Vec<_> = page.rows.iter().filter(|r| r.entity_type == "update_setting").collect();
    assert_eq!(rows.len(), 2, "{:?}", page.rows);
    assert_eq!(rows[0].action, "enable");
    assert_eq!(rows[1].action, "disable");
    assert!(rows[1].summary_zh.contains("关闭"), "{}", rows[1].summary_zh);
    assert_eq!(rows[1].reason.as_deref(), Some("内网部署"));
    assert_eq!(rows[1].actor_name.as_deref(), Some(admin.name.as_str()));
}
