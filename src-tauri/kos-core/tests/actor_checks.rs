//! Issue 11 item 4: the four commands that answered anyone (list_users, app_info, sweep_due,
//! save_chart_image) check the actor, and session_switch keeps to what list_users shows.

mod common;

use common::TestApp;
use kos_core::model::Role;
use kos_core::service::{SaveChartImageArgs, SwitchActorArgs};
use kos_core::{Actor, ErrorCode};

/// A 1×1 PNG, base64.
const PNG_1X1: &str =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

async fn users_seen_by(app: &TestApp, actor: &Actor) -> Vec<kos_core::service::UserSummary> {
    app.svc.list_users(actor, Default::default()).await.unwrap()
}

#[tokio::test]
async fn b21_list_users_shows_an_agency_only_the_brands_that_reported_it() {
    let app = TestApp::with_demo().await;
    let admin = app.admin().await;
    let all = users_seen_by(&app, &admin).await;
    // the demo has users of both brands
    assert!(all.iter().any(|u| u.enterprise_id == Some(1)) && all.iter().any(|u| u.enterprise_id == Some(2)));
    let agency = app.user(Role::Agency).await;
    assert_eq!(agency.agency_brands, vec![1], "the demo's agency is reported by brand 1 only");
    let seen = users_seen_by(&app, &agency).await;
    assert!(seen.iter().all(|u| u.enterprise_id != Some(2)), "an agency saw brand 2's users: {seen:?}");
    assert!(seen.iter().any(|u| u.enterprise_id == Some(1)), "it sees the users of the brand that reported it");
    assert!(seen.iter().any(|u| u.id == agency.user_id), "itself");
    assert!(seen.iter().any(|u| u.role == Role::Admin), "the administrator: the way back from a preview");
    // a brand role sees its own brand, the platform's people and the agency its brand reported
    let m1 = app.user(Role::BrandMarketing).await;
    let seen = users_seen_by(&app, &m1).await;
    assert!(seen.iter().all(|u| u.enterprise_id.is_none_or(|e| e == m1.enterprise_id.unwrap())));
    assert!(seen.iter().any(|u| u.role == Role::Agency) == (m1.enterprise_id == Some(1)));
    assert!(seen.iter().any(|u| u.role == Role::PlatformReviewer));
    // the second brand's people do not see the agency that brand 2 never reported
    let m2 = all.iter().find(|u| u.enterprise_id == Some(2) && u.role == Role::BrandMarketing).unwrap();
    let m2 = app.svc.actor(m2.id).await.unwrap();
    let seen = users_seen_by(&app, &m2).await;
    assert!(seen.iter().all(|u| u.role != Role::Agency && u.enterprise_id != Some(1)), "{seen:?}");
}

#[tokio::test]
async fn b21_session_switch_reaches_only_users_list_users_shows() {
    let app = TestApp::with_demo().await;
    let admin = app.admin().await;
    let agency = app.user(Role::Agency).await;
    let all = users_seen_by(&app, &admin).await;
    let stranger = all.iter().find(|u| u.enterprise_id == Some(2)).unwrap();
    let err = app.svc.session_switch(&agency, SwitchActorArgs { user_id: stranger.id }).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    // a user of the reporting brand, and back to the administrator
    let own = all.iter().find(|u| u.enterprise_id == Some(1) && u.role == Role::Leader).unwrap();
    app.svc.session_switch(&agency, SwitchActorArgs { user_id: own.id }).await.unwrap();
    let leader = app.svc.local_actor().await.unwrap();
    app.svc.session_switch(&leader, SwitchActorArgs { user_id: admin.user_id }).await.unwrap();
    assert_eq!(app.svc.local_actor().await.unwrap().role, Role::Admin);
}

#[tokio::test]
async fn app_info_shows_the_database_path_to_the_administrator_and_counts_to_each_their_brands() {
    let app = TestApp::with_demo().await;
    let admin = app.admin().await;
    let whole = app.svc.app_info(&admin, Default::default()).await.unwrap();
    assert!(whole.db_path.is_some());
    assert_eq!(whole.counts.enterprises, 2);
    for role in Role::ALL.into_iter().filter(|r| *r != Role::Admin) {
        let actor = app.user(role).await;
        let info = app.svc.app_info(&actor, Default::default()).await.unwrap();
        assert_eq!(info.db_path, None, "{role:?} learnt where the database lives");
        assert!(!info.empty, "{role:?}");
        if role == Role::PlatformReviewer {
            assert_eq!(info.counts, whole.counts);
            continue;
        }
        assert_eq!(info.counts.enterprises, 1, "{role:?}");
        let e = actor.enterprise_id.or(actor.agency_brands.first().copied()).unwrap();
        let stores = app.svc.list_stores(&admin, kos_core::service::EnterpriseArgs { enterprise_id: e }).await;
        assert_eq!(info.counts.stores, i64::try_from(stores.unwrap().len()).unwrap(), "{role:?}");
        assert!(info.counts.notes < whole.counts.notes && info.counts.accounts < whole.counts.accounts, "{role:?}");
    }
}

#[tokio::test]
async fn sweep_due_is_the_administrators() {
    let app = TestApp::with_demo().await;
    for role in Role::ALL {
        let actor = app.user(role).await;
        let r = app.svc.sweep_due(&actor, Default::default()).await;
        if role == Role::Admin {
            assert!(r.is_ok(), "{r:?}");
        } else {
            assert_eq!(r.unwrap_err().code(), ErrorCode::Forbidden, "{role:?}");
        }
    }
}

#[tokio::test]
async fn d1_save_chart_image_needs_the_dashboard_of_that_brand() {
    let app = TestApp::with_demo().await;
    let save = |actor: Actor, enterprise_id: i64, name: &'static str| {
        let svc = app.svc.clone();
        let path = app.dir.path().join(name);
        async move {
            let file = svc.grant_save(&path).unwrap().token;
            let r =
                svc.save_chart_image(&actor, SaveChartImageArgs { enterprise_id, file, png_base64: PNG_1X1.into() });
            (r.await, path.exists())
        }
    };
    let m1 = app.user(Role::BrandMarketing).await;
    let (ok, written) = save(m1.clone(), 1, "ok.png").await;
    assert!(ok.is_ok() && written, "{ok:?}");
    // another brand: not found, nothing written
    let (err, written) = save(m1, 2, "other.png").await;
    assert_eq!(err.unwrap_err().code(), ErrorCode::NotFound);
    assert!(!written);
    // an employee has no enterprise dashboard
    let (err, written) = save(app.user(Role::Employee).await, 1, "employee.png").await;
    assert_eq!(err.unwrap_err().code(), ErrorCode::Forbidden);
    assert!(!written);
    let (err, _) = save(app.user(Role::Agency).await, 2, "agency.png").await;
    assert_eq!(err.unwrap_err().code(), ErrorCode::NotFound);
}
