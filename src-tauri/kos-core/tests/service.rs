//! Core services against a fresh temp database per test.

mod common;

use common::{fresh, TestApp};
use kos_core::api;
use kos_core::model::Role;
use kos_core::service::{EnterpriseArgs, ListHistoryArgs, ListStaffArgs, SwitchActorArgs, UpdateRuleSettingArgs};
use kos_core::{rules, CoreError, ErrorCode};

#[tokio::test]
async fn empty_database_reports_empty_and_has_the_local_admin() {
    let app = fresh().await;
    let admin = app.admin().await;
    assert_eq!(admin.role, Role::Admin);
    let info = app.svc.app_info(&admin, Default::default()).await.unwrap();
    assert!(info.empty);
    assert_eq!(info.counts.enterprises, 0);
    assert!(info.schema_version >= 1);
    // the team store shows the server and database, never the password
    let expected = if common::on_pg() { "kos_t_" } else { "kos.db" };
    assert!(info.db_path.as_deref().is_some_and(|p| p.contains(expected) && !p.contains('@')), "{:?}", info.db_path);
}

#[tokio::test]
async fn demo_data_loads_once_with_the_promised_shape() {
    let app = TestApp::with_demo().await;
    let admin = app.admin().await;
    let info = app.svc.app_info(&admin, Default::default()).await.unwrap();
    assert!(!info.empty);
    assert_eq!(info.counts.enterprises, 2);
    let again = app.svc.load_demo(&admin, Default::default()).await.unwrap_err();
    assert!(matches!(again, CoreError::DemoAlreadyLoaded), "{again:?}");

    let ent = app.svc.list_enterprises(&admin, Default::default()).await.unwrap();
    let main = &ent[0];
    let stores = app.svc.list_stores(&admin, EnterpriseArgs { enterprise_id: main.id }).await.unwrap();
    assert!(stores.len() >= 12, "12+ stores, got {}", stores.len());
    let mut cities: Vec<_> = stores.iter().map(|s| s.city.clone()).collect();
    cities.sort();
    cities.dedup();
    assert_eq!(cities.len(), 3, "3 cities: {cities:?}");
    let overview = app.svc.enterprise_overview(&admin, EnterpriseArgs { enterprise_id: main.id }).await.unwrap();
    assert!(overview.staff >= 80, "80+ staff, got {}", overview.staff);
    assert!(overview.accounts_enterprise > 0 && overview.accounts_personal > 0);
    assert!(overview.notes_by_month.len() >= 6, "6 months of notes: {:?}", overview.notes_by_month);
    assert!(overview.notes_by_month.iter().all(|m| m.video > 0 && m.image > 0));
    assert_eq!(overview.enterprise.agencies.len(), 1, "the main brand reported one agency");
}

/// Issue 15 item 4: 概览's notes per month are counted once and kept with the notes' freshness; the overview
/// reads the kept count while the notes are unchanged and counts again once a note is added.
#[tokio::test]
async fn issue15_the_overview_keeps_its_months_until_the_notes_change() {
    let app = TestApp::with_demo().await;
    let admin = app.admin().await;
    let pool = app.svc.db().pool();
    let main = app.svc.list_enterprises(&admin, Default::default()).await.unwrap()[0].id;
    let args = || EnterpriseArgs { enterprise_id: main };
    let overview = app.svc.enterprise_overview(&admin, args()).await.unwrap();
    let counted = overview.notes_by_month;
    assert_eq!(counted, kos_core::store::notes::list_by_month(pool, main).await.unwrap());
    // the total is the months' sum, and that is every note of the brand
    assert_eq!(overview.notes_total, kos_core::store::notes::count(pool, Some(main)).await.unwrap());
    // the count is kept in the background
    let mut kept = 0;
    for _ in 0..600 {
        kept = kos_core::on!(pool, |db| sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM note_month_totals WHERE enterprise_id = $1"
        )
        .bind(main)
        .fetch_one(db)
        .await)
        .unwrap();
        if kept == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(kept, 1, "the count was never kept");

    // while the notes are unchanged the kept row is what the overview shows (marked here to tell it apart)
    let marked = r#"[{"month":"1999-01","video":1,"image":2,"interactions":3}]"#;
    kos_core::on!(pool, |db| sqlx::query("UPDATE note_month_totals SET months = $1")
        .bind(marked)
        .execute(db)
        .await
        .map(|_| ()))
    .unwrap();
    let months = app.svc.enterprise_overview(&admin, args()).await.unwrap().notes_by_month;
    assert_eq!((months.len(), months[0].month.as_str(), months[0].image), (1, "1999-01", 2));

    // a new note moves the freshness: counted again, the new note in it
    kos_core::on!(pool, |db| sqlx::query(
        "INSERT INTO notes (note_id, account_id, enterprise_id, staff_id, title, note_type, published_at, metrics_date)
         SELECT 'x' || note_id, account_id, enterprise_id, staff_id, title, note_type, published_at, metrics_date
         FROM notes WHERE id = (SELECT MIN(id) FROM notes WHERE enterprise_id = $1)"
    )
    .bind(main)
    .execute(db)
    .await
    .map(|_| ()))
    .unwrap();
    let months = app.svc.enterprise_overview(&admin, args()).await.unwrap().notes_by_month;
    assert_eq!(months, kos_core::store::notes::list_by_month(pool, main).await.unwrap());
    let total = |m: &[kos_core::api::types::notes::MonthCount]| m.iter().map(|m| m.video + m.image).sum::<i64>();
    assert_eq!(total(&months), total(&counted) + 1);
    let overview = app.svc.enterprise_overview(&admin, args()).await.unwrap();
    assert_eq!(overview.notes_total, kos_core::store::notes::count(pool, Some(main)).await.unwrap());
}

/// U-1, U-2, U-3 (issue 12 item 7): the demo is built through the set-up's own writes, so loading it exercises
/// them: every brand, store, staff member (a roster row with its 工号), account (in its brand's register) and
/// user has the history row the window's 创建品牌 / 门店 / 花名册 / 登记账号 / 用户与角色 would have written.
#[tokio::test]
async fn u1_u2_u3_the_demo_is_built_through_the_set_up_commands() {
    let app = TestApp::with_demo().await;
    let pool = app.svc.db().pool();
    let n = |sql: &'static str| async move {
        kos_core::on!(pool, |db| sqlx::query_scalar::<_, i64>(sql).fetch_one(db).await).unwrap()
    };
    let per_entity = |entity: &'static str, action: &'static str| {
        format!("SELECT COUNT(DISTINCT entity_id) FROM history WHERE entity_type = '{entity}' AND action = '{action}'")
    };
    let count = |sql: String| async move {
        kos_core::on!(pool, |db| sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql)).fetch_one(db).await).unwrap()
    };
    let staff = n("SELECT COUNT(*) FROM staff").await;
    assert!(staff >= 100, "{staff}");
    assert_eq!(count(per_entity("staff", "roster_add")).await, staff, "every staff member came in a roster");
    assert_eq!(n("SELECT COUNT(*) FROM staff WHERE employee_no IS NULL OR position IS NULL").await, 0);
    assert_eq!(n("SELECT COUNT(*) FROM history WHERE entity_type = 'roster' AND action = 'import'").await, 2);
    // the ID number reaches a roster row with its first invitation, never without one
    assert_eq!(
        n("SELECT COUNT(*) FROM staff WHERE id_hmac IS NOT NULL").await,
        n("SELECT COUNT(DISTINCT staff_id) FROM bindings").await
    );
    assert_eq!(count(per_entity("staff", "attach_id")).await, n("SELECT COUNT(DISTINCT staff_id) FROM bindings").await);
    let accounts = n("SELECT COUNT(*) FROM xhs_accounts").await;
    assert_eq!(n("SELECT COUNT(*) FROM enterprise_accounts").await, accounts, "every account registered");
    assert_eq!(count(per_entity("account", "register")).await, accounts);
    assert_eq!(n("SELECT COUNT(*) FROM account_snapshots WHERE source = 'register'").await, accounts);
    assert_eq!(count(per_entity("store", "create")).await, n("SELECT COUNT(*) FROM stores").await);
    assert_eq!(count(per_entity("enterprise", "create")).await, 2);
    // every user but the installation's own administrator
    assert_eq!(count(per_entity("user", "create")).await, n("SELECT COUNT(*) FROM users").await - 1);
}

#[tokio::test]
async fn load_demo_is_refused_to_non_admins() {
    let app = TestApp::with_demo().await;
    let leader = app.user(Role::Leader).await;
    let err = app.svc.load_demo(&leader, Default::default()).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
    assert!(err.to_api().message.contains("管理层"));
}

#[tokio::test]
async fn demo_data_is_deterministic_from_the_seed() {
    let a = TestApp::with_demo().await;
    let b = TestApp::with_demo().await;
    let names = |app: &TestApp| {
        let app_svc = app.svc.clone();
        async move {
            let admin = app_svc.actor(1).await.unwrap();
            let page = app_svc
                .list_staff(
                    &admin,
                    ListStaffArgs { enterprise_id: 1, store_id: None, keyword: None, page_size: 100, cursor: None },
                )
                .await
                .unwrap();
            page.rows.iter().map(|r| (r.name.clone(), r.id_masked.clone(), r.xhs_id.clone())).collect::<Vec<_>>()
        }
    };
    assert_eq!(names(&a).await, names(&b).await);
}

#[tokio::test]
async fn privacy_no_plain_id_number_is_stored() {
    let app = TestApp::with_demo().await;
    let data = kos_core::demo::generate::generate(kos_core::demo::DEFAULT_SEED, app.svc.clock().today());
    let bytes = common::stored_bytes(&app).await;
    let haystack = String::from_utf8_lossy(&bytes);
    for s in &data.staff {
        assert!(!haystack.contains(&s.id_number), "plain ID number of {} found in the database", s.name);
        assert!(!haystack.contains(&s.id_number[6..14]), "birth date of {} readable in the database", s.name);
        assert!(!haystack.contains(&s.phone), "plain phone of {} found", s.name);
    }
    let fields = kos_core::store::staff::list_id_fields(app.svc.db().pool()).await.unwrap();
    assert!(fields.iter().all(|(h, m)| h.len() == 64 && m.contains("********")));
}

#[tokio::test]
async fn b21_agency_sees_only_brands_that_reported_it() {
    let app = TestApp::with_demo().await;
    let agency = app.user(Role::Agency).await;
    let session = app.svc.session_get(&agency, Default::default()).await.unwrap();
    assert_eq!(session.enterprises.len(), 1);
    let own = session.enterprises[0].id;
    let other = if own == 1 { 2 } else { 1 };
    assert!(app.svc.list_stores(&agency, EnterpriseArgs { enterprise_id: own }).await.is_ok());
    let err = app.svc.list_stores(&agency, EnterpriseArgs { enterprise_id: other }).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound, "a brand that did not report the agency does not exist for it");
}

#[tokio::test]
async fn store_manager_sees_only_their_stores_staff() {
    let app = TestApp::with_demo().await;
    let manager = app.user(Role::StoreManager).await;
    assert!(!manager.store_ids.is_empty());
    let stores = app.svc.list_stores(&manager, EnterpriseArgs { enterprise_id: 1 }).await.unwrap();
    assert_eq!(stores.iter().map(|s| s.id).collect::<Vec<_>>(), manager.store_ids);
    let page = app
        .svc
        .list_staff(
            &manager,
            ListStaffArgs { enterprise_id: 1, store_id: None, keyword: None, page_size: 100, cursor: None },
        )
        .await
        .unwrap();
    assert!(!page.rows.is_empty());
    assert!(page.rows.iter().all(|r| manager.store_ids.contains(&r.store_id)));
}

#[tokio::test]
async fn employees_may_not_list_staff() {
    let app = TestApp::with_demo().await;
    let employee = app.user(Role::Employee).await;
    let err = app
        .svc
        .list_staff(
            &employee,
            ListStaffArgs { enterprise_id: 1, store_id: None, keyword: None, page_size: 10, cursor: None },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
}

#[tokio::test]
async fn staff_pages_walk_every_row_once_with_keyset_cursors() {
    let app = TestApp::with_demo().await;
    let admin = app.admin().await;
    let mut seen = Vec::new();
    let mut cursor = None;
    let mut total;
    loop {
        let page = app
            .svc
            .list_staff(
                &admin,
                ListStaffArgs { enterprise_id: 1, store_id: None, keyword: None, page_size: 20, cursor },
            )
            .await
            .unwrap();
        total = page.total;
        assert!(page.rows.len() <= 20);
        seen.extend(page.rows.iter().map(|r| r.id));
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(seen.len() as u32, total);
    let mut dedup = seen.clone();
    dedup.dedup();
    assert_eq!(dedup, seen, "ascending, no repeats");
    let bad = app
        .svc
        .list_staff(
            &admin,
            ListStaffArgs { enterprise_id: 1, store_id: None, keyword: None, page_size: 7, cursor: None },
        )
        .await
        .unwrap_err();
    assert_eq!(bad.code(), ErrorCode::InvalidInput);
}

#[tokio::test]
async fn staff_keyword_matches_two_character_chinese_names() {
    let app = TestApp::with_demo().await;
    let admin = app.admin().await;
    let all = app
        .svc
        .list_staff(
            &admin,
            ListStaffArgs { enterprise_id: 1, store_id: None, keyword: None, page_size: 100, cursor: None },
        )
        .await
        .unwrap();
    let target = &all.rows[3].name;
    let two: String = target.chars().take(2).collect();
    let page = app
        .svc
        .list_staff(
            &admin,
            ListStaffArgs {
                enterprise_id: 1,
                store_id: None,
                keyword: Some(two.clone()),
                page_size: 100,
                cursor: None,
            },
        )
        .await
        .unwrap();
    assert!(page.rows.iter().any(|r| &r.name == target));
    assert!(page.rows.iter().all(|r| r.name.contains(&two)
        || r.xhs_id.as_deref().is_some_and(|x| x.contains(&two))
        || r.nickname.as_deref().is_some_and(|x| x.contains(&two))));
    assert_eq!(page.total as usize, page.rows.len());
}

#[tokio::test]
async fn rule_settings_default_to_the_deck_and_changes_are_versioned_with_history() {
    let app = TestApp::with_demo().await;
    let admin = app.admin().await;
    let before =
        app.svc.get_rule_settings(&admin, kos_core::service::RuleSettingsArgs { enterprise_id: None }).await.unwrap();
    let expiry = before.iter().find(|s| s.key == rules::INVITE_EXPIRY_HOURS).unwrap();
    assert_eq!((expiry.value, expiry.rule_id.as_str()), (48, "B-13"));

    let changed = app
        .svc
        .update_rule_setting(
            &admin,
            UpdateRuleSettingArgs {
                enterprise_id: Some(1),
                key: rules::REVIEW_QUOTA_PER_MONTH.into(),
                value: 1200,
                reason: "平台 2025 年调整额度".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(changed.value, 1200);
    assert!(changed.brand_override);
    assert_eq!(app.svc.rule_value(Some(1), rules::REVIEW_QUOTA_PER_MONTH).await.unwrap(), 1200);
    assert_eq!(app.svc.rule_value(Some(2), rules::REVIEW_QUOTA_PER_MONTH).await.unwrap(), 1000, "only brand 1");
    assert_eq!(app.svc.rule_value(None, rules::REVIEW_QUOTA_PER_MONTH).await.unwrap(), 1000);

    let hist = app
        .svc
        .list_history(
            &admin,
            ListHistoryArgs {
                enterprise_id: Some(1),
                entity_type: Some("rule_setting".into()),
                page_size: 10,
                cursor: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(hist.total, 1);
    let row = &hist.rows[0];
    assert_eq!(row.reason.as_deref(), Some("平台 2025 年调整额度"));
    assert_eq!(row.actor_name.as_deref(), Some("本机管理员"));
    assert!(row.summary_zh.contains("1000") && row.summary_zh.contains("1200"), "{}", row.summary_zh);
}

#[tokio::test]
async fn rule_setting_changes_are_checked() {
    let app = TestApp::with_demo().await;
    let admin = app.admin().await;
    let upd = |value: i64, reason: &str| UpdateRuleSettingArgs {
        enterprise_id: None,
        key: rules::INVITE_EXPIRY_HOURS.into(),
        value,
        reason: reason.into(),
    };
    assert_eq!(app.svc.update_rule_setting(&admin, upd(72, "  ")).await.unwrap_err().code(), ErrorCode::InvalidInput);
    assert_eq!(app.svc.update_rule_setting(&admin, upd(0, "x")).await.unwrap_err().code(), ErrorCode::InvalidInput);
    assert_eq!(app.svc.update_rule_setting(&admin, upd(721, "x")).await.unwrap_err().code(), ErrorCode::InvalidInput);
    let marketing = app.user(Role::BrandMarketing).await;
    assert_eq!(app.svc.update_rule_setting(&marketing, upd(72, "x")).await.unwrap_err().code(), ErrorCode::Forbidden);
    let unknown = UpdateRuleSettingArgs { key: "nope".into(), ..upd(1, "x") };
    assert_eq!(app.svc.update_rule_setting(&admin, unknown).await.unwrap_err().code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn b20_history_is_append_only() {
    let app = TestApp::with_demo().await;
    let pool = app.svc.db().pool();
    let n: i64 =
        kos_core::on!(pool, |db| sqlx::query_scalar("SELECT COUNT(*) FROM history").fetch_one(db).await).unwrap();
    assert!(n > 100, "demo bindings leave their history: {n}");
    assert!(kos_core::on!(pool, |db| sqlx::query("UPDATE history SET reason = 'x'")
        .execute(db)
        .await
        .map(|r| r.rows_affected()))
    .is_err());
    assert!(kos_core::on!(pool, |db| sqlx::query("DELETE FROM history").execute(db).await.map(|r| r.rows_affected()))
        .is_err());
    let after: i64 =
        kos_core::on!(pool, |db| sqlx::query_scalar("SELECT COUNT(*) FROM history").fetch_one(db).await).unwrap();
    assert_eq!(n, after);
}

#[tokio::test]
async fn history_is_scoped_to_what_the_actor_reaches() {
    let app = TestApp::with_demo().await;
    let marketing = app.user(Role::BrandMarketing).await;
    let own = marketing.enterprise_id.unwrap();
    let page = app
        .svc
        .list_history(
            &marketing,
            ListHistoryArgs { enterprise_id: None, entity_type: None, page_size: 50, cursor: None },
        )
        .await
        .unwrap();
    assert!(page.rows.iter().all(|r| r.enterprise_id == Some(own)));
    let other = if own == 1 { 2 } else { 1 };
    let err = app
        .svc
        .list_history(
            &marketing,
            ListHistoryArgs { enterprise_id: Some(other), entity_type: None, page_size: 50, cursor: None },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    let employee = app.user(Role::Employee).await;
    let err = app
        .svc
        .list_history(
            &employee,
            ListHistoryArgs { enterprise_id: None, entity_type: None, page_size: 50, cursor: None },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
}

#[tokio::test]
async fn session_switch_is_remembered() {
    let app = TestApp::with_demo().await;
    let admin = app.admin().await;
    let leader = app.user(Role::Leader).await;
    let session = app.svc.session_switch(&admin, SwitchActorArgs { user_id: leader.user_id }).await.unwrap();
    assert_eq!(session.actor.role, Role::Leader);
    assert_eq!(session.enterprises.len(), 1);
    assert_eq!(app.svc.local_actor().await.unwrap().user_id, leader.user_id);
    let err = app.svc.session_switch(&admin, SwitchActorArgs { user_id: 99_999 }).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
}

/// U-4: solo mode's 以…身份预览 leaves a trace in the history — who previewed as whom; switching to oneself
/// records nothing.
#[tokio::test]
async fn u4_a_preview_as_another_user_is_recorded_in_history() {
    let app = TestApp::with_demo().await;
    let admin = app.admin().await;
    let leader = app.user(Role::Leader).await;
    app.svc.session_switch(&admin, SwitchActorArgs { user_id: admin.user_id }).await.unwrap();
    app.svc.session_switch(&admin, SwitchActorArgs { user_id: leader.user_id }).await.unwrap();
    let page = app
        .svc
        .list_history(
            &admin,
            ListHistoryArgs { enterprise_id: None, entity_type: Some("session".into()), page_size: 50, cursor: None },
        )
        .await
        .unwrap();
    assert_eq!(page.rows.len(), 1, "{:?}", page.rows);
    let row = &page.rows[0];
    assert_eq!(row.action, "preview_as");
    assert_eq!(row.actor_name.as_deref(), Some(admin.name.as_str()));
    assert_eq!(row.entity_id, leader.user_id.to_string());
    assert!(row.summary_zh.contains("身份预览") && row.summary_zh.contains(&leader.name), "{}", row.summary_zh);
    assert_eq!(row.enterprise_id, leader.enterprise_id);
}

#[tokio::test]
async fn dispatch_runs_commands_by_name_and_types_its_errors() {
    let app = TestApp::with_demo().await;
    let admin = app.admin().await;
    let v = api::dispatch(&app.svc, &admin, "list_enterprises", serde_json::Value::Null).await.unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    let err = api::dispatch(&app.svc, &admin, "nope", serde_json::json!({})).await.unwrap_err();
    assert_eq!(err.to_api().code, ErrorCode::UnknownCommand);
    let err =
        api::dispatch(&app.svc, &admin, "list_staff", serde_json::json!({ "enterprise_id": "x" })).await.unwrap_err();
    let api = err.to_api();
    assert_eq!(api.code, ErrorCode::InvalidInput);
    assert!(api.message.contains("参数格式不正确"));
    assert!(!api.message_en.is_empty());
}

#[tokio::test]
async fn a_file_that_is_not_sqlite_gives_db_open_with_path_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not-a-db.db");
    std::fs::write(
        &path,
        b"this is a spreadsheet, not a database ........................................................",
    )
    .unwrap();
    let keys = tempfile::tempdir().unwrap();
    let err =
        kos_core::Service::open_with_keys(&path, common::clock(), Some(common::key_file(&keys))).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::DbOpen);
    let api = err.to_api();
    assert!(api.message.contains("not-a-db.db"), "{}", api.message);
    assert!(api.message.contains("不是 SQLite 数据库"), "{}", api.message);
}

#[tokio::test]
async fn b20_history_pages_run_newest_first_by_time_and_cover_every_event() {
    let app = TestApp::with_demo().await;
    let marketing = app.user(Role::BrandMarketing).await;
    let mut cursor = None;
    let mut seen: Vec<(String, i64)> = Vec::new();
    let mut total;
    loop {
        let page = app
            .svc
            .list_history(&marketing, ListHistoryArgs { enterprise_id: None, entity_type: None, page_size: 50, cursor })
            .await
            .unwrap();
        total = page.total;
        seen.extend(page.rows.iter().map(|r| (r.at.clone(), r.id)));
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(seen.len() as u32, total);
    assert!(seen.windows(2).all(|w| w[0] > w[1]), "strictly newest first by (time, id)");
    let bad = app
        .svc
        .list_history(
            &marketing,
            ListHistoryArgs { enterprise_id: None, entity_type: None, page_size: 50, cursor: Some("id:3".into()) },
        )
        .await
        .unwrap_err();
    assert_eq!(bad.code(), ErrorCode::InvalidInput);
}

/// B-14, B-20: migration 0007 re-masks ID numbers stored under the earlier mask (region + last 4) to the last
/// 4 only, in the staff table and in the history summaries that quoted them; other text is left as it was.
#[tokio::test]
async fn b14_b20_migration_0007_remasks_stored_id_numbers_to_the_last_four() {
    if common::solo_only("migration 0007 (the team store starts from the masked schema)") {
        return;
    }
    let app = TestApp::with_demo().await;
    let pool = app.svc.db().pool();
    let staff_id: i64 =
        kos_core::on!(pool, |db| sqlx::query_scalar("SELECT id FROM staff ORDER BY id LIMIT 1").fetch_one(db).await)
            .unwrap();
    kos_core::on!(pool, |db| sqlx::query("UPDATE staff SET id_masked = '110105********002X' WHERE id = $1")
        .bind(staff_id)
        .execute(db)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
    kos_core::on!(pool, |db| sqlx::query(
        // placeholder links: since migration 0008 a row must arrive chained; this test is about the masks
        "INSERT INTO history (at, entity_type, entity_id, action, summary_zh, summary_en, prev_hash, hash)
         VALUES ('2026-01-01T00:00:00Z', 'staff', '1', 'register', '登记员工 张三（身份证 110105********002X）',
                 'Registered staff member 张三 (ID 110105********002X)', '-', '-'),
                ('2026-01-01T00:00:00Z', 'staff', '1', 'note', '无身份证号的记录', 'no ID here', '-', '-')",
    )
    .execute(db)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(include_str!("../migrations/0007_mask_last_four.sql")))
        .execute(app.svc.db().lite_pool().unwrap())
        .await
        .unwrap();
    let masked: String = kos_core::on!(pool, |db| sqlx::query_scalar("SELECT id_masked FROM staff WHERE id = $1")
        .bind(staff_id)
        .fetch_one(db)
        .await)
    .unwrap();
    assert_eq!(masked, "**************002X");
    let rows: Vec<(String, String)> = kos_core::on!(pool, |db| sqlx::query_as(
        "SELECT summary_zh, summary_en FROM history WHERE entity_type = 'staff' ORDER BY id DESC LIMIT 2",
    )
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(
        rows[1],
        (
            "登记员工 张三（身份证 **************002X）".into(),
            "Registered staff member 张三 (ID **************002X)".into()
        )
    );
    assert_eq!(rows[0], ("无身份证号的记录".into(), "no ID here".into()));
    let old: i64 = kos_core::on!(pool, |db| sqlx::query_scalar(
        "SELECT COUNT(*) FROM staff WHERE substr(id_masked, 7, 8) = '********' AND id_masked NOT LIKE '*%'",
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(old, 0, "no stored mask shows more than the last 4");
    let rewrite = kos_core::on!(pool, |db| sqlx::query("UPDATE history SET summary_zh = 'x'")
        .execute(db)
        .await
        .map(|r| r.rows_affected()))
    .unwrap_err();
    assert!(rewrite.to_string().contains("append-only"), "history is guarded again: {rewrite}");
}

#[tokio::test]
async fn n1_b20_a_second_process_on_the_same_database_is_refused_and_told_who_holds_it() {
    if common::solo_only("the database file's lock (PostgreSQL serves many connections)") {
        return;
    }
    use kos_core::db_lock::{lock_path_for, HolderKind, Opener};
    let app = common::fresh().await;
    let path = app.dir.path().join("kos.db");
    let cli = Opener { kind: HolderKind::Cli, wait: std::time::Duration::ZERO };
    let err = kos_core::Service::open_as(&path, common::clock(), cli).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::DatabaseInUse);
    let api = err.to_api();
    assert!(api.message.starts_with("数据库正被另一个 KOS 工作台进程使用"), "{}", api.message);
    assert!(api.message.contains(&format!("进程 {}，后台任务，自 ", std::process::id())), "{}", api.message);
    assert!(api.message.contains("kos.db"), "{}", api.message);
    assert!(api.message_en.contains("in use by another KOS Desk process"), "{}", api.message_en);
    assert_eq!(api.details["holder"]["kind"], "job");
    assert_eq!(api.details["holder"]["pid"], std::process::id());
    // another database beside it opens as usual
    let other = kos_core::Service::open_with_keys(
        &app.dir.path().join("other.db"),
        common::clock(),
        Some(common::key_file(&app.keys)),
    )
    .await
    .unwrap();
    other.db().close().await;
    // a waiting opener gets the file as soon as its holder lets go
    let waiting = tokio::spawn({
        let path = path.clone();
        let opener = Opener { kind: HolderKind::Cli, wait: std::time::Duration::from_secs(20) };
        let keys = Some(common::key_file(&app.keys));
        async move { kos_core::Service::open_full(&path, common::clock(), opener, keys).await }
    });
    app.svc.db().close().await;
    let next = waiting.await.unwrap().unwrap();
    assert_eq!(next.db().holder().map(|h| h.kind), Some(HolderKind::Cli));
    let file = std::fs::read_to_string(lock_path_for(&path)).unwrap();
    assert!(file.contains(&format!("\"pid\":{}", std::process::id())) && file.contains("\"kind\":\"cli\""), "{file}");
}
