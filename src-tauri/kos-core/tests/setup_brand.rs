//! Issue 12 items 1, 2 and 5: a brand sets itself up from an empty database — 创建品牌 with its B-1 facts and
//! editing them with a reason (U-1), 报备代理 (B-21), its stores by form and by sheet (U-2, B-3's declared
//! number), and its users with roles, deactivation included (U-3). Every change is in history (B-20).

mod common;

use std::path::{Path, PathBuf};

use common::TestApp;
use kos_core::model::Role;
use kos_core::service::{
    BrandFacts, CloseStoreArgs, CreateBrandArgs, CreateStoreArgs, CreateUserArgs, EnterpriseArgs, ImportStoreSheetArgs,
    ReportAgencyArgs, SetUserActiveArgs, StoreSheetAction, StoreSheetArgs, SwitchActorArgs, UnreportAgencyArgs,
    UpdateBrandArgs, UpdateStoreArgs, UpdateUserArgs,
};
use kos_core::{Actor, ErrorCode, Service};

/// The twelve stores the acceptance run imports (the roster of the other part names them).
pub const E2E_STORES: [(&str, &str, &str, &str, &str); 12] = [
    ("静安寺店", "上海", "静安区", "南京西路 1618 号", "13801380001"),
    ("徐家汇店", "上海", "徐汇区", "虹桥路 1 号", "13801380002"),
    ("陆家嘴店", "上海", "浦东新区", "陆家嘴环路 1000 号", "13801380003"),
    ("五角场店", "上海", "杨浦区", "淞沪路 8 号", "13801380004"),
    ("中山公园店", "上海", "长宁区", "长宁路 1018 号", "13801380005"),
    ("虹桥店", "上海", "闵行区", "申长路 688 号", "13801380006"),
    ("莘庄店", "上海", "闵行区", "沪闵路 6088 号", "13801380007"),
    ("松江店", "上海", "松江区", "广富林路 658 号", "13801380008"),
    ("杭州西湖店", "杭州", "西湖区", "文三路 478 号", "13901390001"),
    ("杭州滨江店", "杭州", "滨江区", "江南大道 3850 号", "13901390002"),
    ("苏州园区店", "苏州", "工业园区", "苏州大道东 288 号", "13701370001"),
    ("南京新街口店", "南京", "秦淮区", "中山路 18 号", "13601360001"),
];

fn facts(name: &str, store_count: i64) -> BrandFacts {
    BrandFacts {
        name: name.into(),
        industry: "生活美容".into(),
        city: "上海".into(),
        store_count,
        professional_account: true,
        staff_mgmt_permission: true,
        last_serious_violation_on: None,
    }
}

async fn brand(app: &TestApp, name: &str, store_count: i64) -> i64 {
    let admin = app.admin().await;
    app.svc.create_brand(&admin, CreateBrandArgs { facts: facts(name, store_count) }).await.expect("brand").id
}

async fn store(svc: &Service, actor: &Actor, e: i64, name: &str, phone: Option<&str>) -> i64 {
    svc.create_store(
        actor,
        CreateStoreArgs {
            enterprise_id: e,
            name: name.into(),
            city: "上海".into(),
            district: "静安区".into(),
            address: "南京西路 1 号".into(),
            manager_phone: phone.map(Into::into),
            opened_on: None,
        },
    )
    .await
    .expect("store")
    .id
}

fn user_args(name: &str, role: Role) -> CreateUserArgs {
    CreateUserArgs {
        name: name.into(),
        role,
        enterprise_id: None,
        agency_id: None,
        store_ids: vec![],
        staff_id: None,
        phone: None,
    }
}

async fn history(svc: &Service, entity: &str) -> Vec<(String, Option<String>, Option<String>, Option<String>)> {
    kos_core::on!(svc.db().pool(), |db| sqlx::query_as(
        "SELECT action, reason, before_json, after_json FROM history WHERE entity_type = $1 ORDER BY id"
    )
    .bind(entity)
    .fetch_all(db)
    .await)
    .unwrap()
}

async fn count(svc: &Service, sql: &str) -> i64 {
    kos_core::on!(svc.db().pool(), |db| sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string())).fetch_one(db).await)
        .unwrap()
}

#[tokio::test]
async fn u1_the_administrator_creates_a_brand_on_an_empty_database_and_edits_its_facts_with_a_reason() {
    let app = common::fresh().await;
    let admin = app.admin().await;
    assert!(app.svc.app_info(&admin, Default::default()).await.unwrap().empty);
    let mut f = facts("花漾美业", 8);
    f.last_serious_violation_on = Some("2026-09-01".into());
    let e = app.svc.create_brand(&admin, CreateBrandArgs { facts: f.clone() }).await.unwrap();
    assert_eq!((e.name.as_str(), e.industry.as_str(), e.store_count), ("花漾美业", "生活美容", 8));
    assert_eq!(e.last_serious_violation_at.as_deref(), Some("2026-08-31T16:00:00Z"), "the day began in Beijing");
    assert!(!app.svc.app_info(&admin, Default::default()).await.unwrap().empty);

    // B-1 as the checklist reads it: 8 stores and a ban within 365 days fail
    let marketing = app
        .svc
        .create_user(
            &admin,
            CreateUserArgs { enterprise_id: Some(e.id), ..user_args("市场小王", Role::BrandMarketing) },
        )
        .await
        .unwrap();
    let marketing = app.svc.actor(marketing.id).await.unwrap();
    let el = app.svc.eligibility(&marketing, EnterpriseArgs { enterprise_id: e.id }).await.unwrap();
    let passed =
        |key: &str, el: &kos_core::service::Eligibility| el.checks.iter().find(|c| c.key == key).unwrap().passed;
    assert!(!passed("offline_stores", &el) && !passed("no_serious_violation", &el));

    // bad facts are refused with a Chinese reason
    let mut bad = facts("花漾美业二", 8);
    bad.industry = "餐饮".into();
    let err = app.svc.create_brand(&admin, CreateBrandArgs { facts: bad }).await.unwrap_err();
    assert!(err.to_api().message.contains("行业只能是"), "{}", err.to_api().message);
    let err = app.svc.create_brand(&admin, CreateBrandArgs { facts: facts("花漾美业", 3) }).await.unwrap_err();
    assert!(err.to_api().message.contains("已有名为「花漾美业」的品牌"));
    let mut future = facts("未来品牌", 10);
    future.last_serious_violation_on = Some("2026-12-01".into());
    assert_eq!(
        app.svc.create_brand(&admin, CreateBrandArgs { facts: future }).await.unwrap_err().code(),
        ErrorCode::InvalidInput
    );

    // U-1: only the administrator creates and edits a brand
    for role in [Role::BrandMarketing] {
        let err = app.svc.create_brand(&marketing, CreateBrandArgs { facts: facts("越权品牌", 10) }).await.unwrap_err();
        assert_eq!(err.code(), ErrorCode::Forbidden, "{role:?}");
    }

    // an edit without a reason is refused; with one it is recorded with before and after
    f.store_count = 12;
    f.last_serious_violation_on = None;
    let no_reason = UpdateBrandArgs { enterprise_id: e.id, facts: f.clone(), reason: "  ".into() };
    assert!(app.svc.update_brand(&admin, no_reason).await.unwrap_err().to_api().message.contains("修改原因"));
    let edited = app
        .svc
        .update_brand(
            &admin,
            UpdateBrandArgs {
                enterprise_id: e.id, facts: f.clone(), reason: "新开 4 家门店，违规已申诉撤销".into()
            },
        )
        .await
        .unwrap();
    assert_eq!((edited.store_count, edited.last_serious_violation_at), (12, None));
    let rows = history(&app.svc, "enterprise").await;
    assert_eq!(rows.len(), 2);
    let (action, reason, before, after) = &rows[1];
    assert_eq!((action.as_str(), reason.as_deref()), ("update", Some("新开 4 家门店，违规已申诉撤销")));
    let before: serde_json::Value = serde_json::from_str(before.as_deref().unwrap()).unwrap();
    let after: serde_json::Value = serde_json::from_str(after.as_deref().unwrap()).unwrap();
    assert_eq!((before["store_count"].as_i64(), after["store_count"].as_i64()), (Some(8), Some(12)));
    assert_eq!(before["last_serious_violation_at"], "2026-08-31T16:00:00Z");
    assert!(after["last_serious_violation_at"].is_null());
    // the checklist reflects the edit at once
    let el = app.svc.eligibility(&marketing, EnterpriseArgs { enterprise_id: e.id }).await.unwrap();
    assert!(passed("offline_stores", &el) && passed("no_serious_violation", &el));
    // the same facts again: nothing to record
    let same = UpdateBrandArgs { enterprise_id: e.id, facts: f, reason: "再次保存".into() };
    assert_eq!(app.svc.update_brand(&admin, same).await.unwrap_err().code(), ErrorCode::InvalidInput);
    assert_eq!(history(&app.svc, "enterprise").await.len(), 2);
}

#[tokio::test]
async fn b21_a_reported_agency_reaches_that_brand_only_until_the_report_is_withdrawn() {
    let app = common::fresh().await;
    let admin = app.admin().await;
    let a = brand(&app, "甲品牌", 12).await;
    let b = brand(&app, "乙品牌", 12).await;
    let detail = app
        .svc
        .report_agency(&admin, ReportAgencyArgs { enterprise_id: a, agency_name: " 星河代理 ".into() })
        .await
        .unwrap();
    assert_eq!(detail.agencies, vec!["星河代理".to_string()]);
    // reporting it twice is said, not recorded twice
    let again =
        app.svc.report_agency(&admin, ReportAgencyArgs { enterprise_id: a, agency_name: "星河代理".into() }).await;
    assert_eq!(again.unwrap_err().code(), ErrorCode::InvalidInput);
    let agencies = app.svc.list_agencies(&admin, Default::default()).await.unwrap();
    assert_eq!(agencies.len(), 1);
    assert_eq!(agencies[0].brands, vec!["甲品牌".to_string()]);

    let u = app
        .svc
        .create_user(&admin, CreateUserArgs { agency_id: Some(agencies[0].id), ..user_args("代理小李", Role::Agency) })
        .await
        .unwrap();
    let agent = app.svc.actor(u.id).await.unwrap();
    let seen: Vec<i64> =
        app.svc.list_enterprises(&agent, Default::default()).await.unwrap().iter().map(|e| e.id).collect();
    assert_eq!(seen, vec![a]);
    assert!(app.svc.list_stores(&agent, EnterpriseArgs { enterprise_id: a }).await.is_ok());
    let err = app.svc.list_stores(&agent, EnterpriseArgs { enterprise_id: b }).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound, "a brand that did not report the agency is hidden");

    // 取消报备 needs a reason; afterwards the agency reaches nothing
    let args =
        |reason: &str| UnreportAgencyArgs {
            enterprise_id: a, agency_name: "星河代理".into(), reason: reason.into()
        };
    assert_eq!(app.svc.unreport_agency(&admin, args("")).await.unwrap_err().code(), ErrorCode::InvalidInput);
    assert!(app.svc.unreport_agency(&admin, args("合同到期")).await.unwrap().agencies.is_empty());
    let agent = app.svc.actor(u.id).await.unwrap();
    assert!(app.svc.list_enterprises(&agent, Default::default()).await.unwrap().is_empty());
    assert_eq!(
        app.svc.list_stores(&agent, EnterpriseArgs { enterprise_id: a }).await.unwrap_err().code(),
        ErrorCode::NotFound
    );
    let rows = history(&app.svc, "agency").await;
    let actions: Vec<(&str, Option<&str>)> = rows.iter().map(|r| (r.0.as_str(), r.1.as_deref())).collect();
    assert_eq!(actions, vec![("report", None), ("unreport", Some("合同到期"))]);
}

#[tokio::test]
async fn u2_stores_are_created_edited_and_closed_a_closed_store_takes_no_new_people() {
    let app = common::fresh().await;
    let admin = app.admin().await;
    let e = brand(&app, "丙品牌", 12).await;
    let s1 = store(&app.svc, &admin, e, "一号店", Some("138 0013 8000")).await;
    let s2 = store(&app.svc, &admin, e, "二号店", None).await;
    let rows = app.svc.list_stores(&admin, EnterpriseArgs { enterprise_id: e }).await.unwrap();
    assert_eq!(rows[0].manager_phone_masked.as_deref(), Some("138****8000"), "the phone is stored masked");
    let stored: Option<String> = kos_core::on!(app.svc.db().pool(), |db| sqlx::query_scalar(
        "SELECT manager_phone_hmac FROM stores WHERE id = $1"
    )
    .bind(s1)
    .fetch_one(db)
    .await)
    .unwrap();
    assert!(!stored.unwrap().contains("13800138000"));
    // a duplicate name and a bad phone are refused
    let dup = CreateStoreArgs {
        enterprise_id: e,
        name: "一号店".into(),
        city: "上海".into(),
        district: "静安区".into(),
        address: "x".into(),
        manager_phone: None,
        opened_on: None,
    };
    assert!(app
        .svc
        .create_store(&admin, dup.clone())
        .await
        .unwrap_err()
        .to_api()
        .message
        .contains("已有名为「一号店」"));
    let bad_phone = CreateStoreArgs { name: "三号店".into(), manager_phone: Some("1380013800".into()), ..dup };
    assert!(app.svc.create_store(&admin, bad_phone).await.unwrap_err().to_api().message.contains("11 位"));

    // edit: before and after in history
    let edited = app
        .svc
        .update_store(
            &admin,
            UpdateStoreArgs {
                store_id: s2,
                name: "二号旗舰店".into(),
                city: "上海".into(),
                district: "徐汇区".into(),
                address: "漕溪北路 2 号".into(),
                manager_phone: None,
                reason: Some("搬迁".into()),
            },
        )
        .await
        .unwrap();
    assert_eq!((edited.name.as_str(), edited.district.as_str()), ("二号旗舰店", "徐汇区"));

    // a store manager and brand marketing of this brand; marketing may manage stores, the manager may not
    let mgr = app
        .svc
        .create_user(
            &admin,
            CreateUserArgs {
                enterprise_id: Some(e), store_ids: vec![s2], ..user_args("店长老周", Role::StoreManager)
            },
        )
        .await
        .unwrap();
    let mgr = app.svc.actor(mgr.id).await.unwrap();
    let mine = app.svc.list_stores(&mgr, EnterpriseArgs { enterprise_id: e }).await.unwrap();
    assert_eq!(mine.iter().map(|s| s.id).collect::<Vec<_>>(), vec![s2], "a store manager lists only their stores");
    let err = app.svc.close_store(&mgr, CloseStoreArgs { store_id: s2, reason: "x".into() }).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);

    // close: reason required; shown as closed; kept in the lists; refused for new store managers and invitations
    assert_eq!(
        app.svc.close_store(&admin, CloseStoreArgs { store_id: s2, reason: " ".into() }).await.unwrap_err().code(),
        ErrorCode::InvalidInput
    );
    let closed = app.svc.close_store(&admin, CloseStoreArgs { store_id: s2, reason: "租约到期".into() }).await.unwrap();
    assert_eq!(closed.closed_on.as_deref(), Some("2026-11-26"));
    let again = app.svc.close_store(&admin, CloseStoreArgs { store_id: s2, reason: "再关".into() }).await.unwrap_err();
    assert_eq!(again.code(), ErrorCode::StoreClosed);
    let mine = app.svc.list_stores(&mgr, EnterpriseArgs { enterprise_id: e }).await.unwrap();
    assert_eq!(mine[0].closed_on.as_deref(), Some("2026-11-26"), "the manager's list shows it closed");
    let all = app.svc.list_stores(&admin, EnterpriseArgs { enterprise_id: e }).await.unwrap();
    assert_eq!(all.last().unwrap().id, s2, "closed stores are listed last");
    let refused = app
        .svc
        .create_user(
            &admin,
            CreateUserArgs {
                enterprise_id: Some(e), store_ids: vec![s2], ..user_args("新店长", Role::StoreManager)
            },
        )
        .await
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::StoreClosed);
    let marketing = app
        .svc
        .create_user(&admin, CreateUserArgs { enterprise_id: Some(e), ..user_args("市场小赵", Role::BrandMarketing) })
        .await
        .unwrap();
    let marketing = app.svc.actor(marketing.id).await.unwrap();
    let invite: kos_core::service::InviteArgs = serde_json::from_value(serde_json::json!({
        "enterprise_id": e, "mode": "enterprise", "xhs_id": "95000001", "store_id": s2, "staff_name": "张三",
        "id_number": "11010519491231002X", "proof_id": "x", "job_title": "导购", "signed": true,
    }))
    .unwrap();
    let err = app.svc.invite(&marketing, invite).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::StoreClosed, "{}", err.to_api().message);
    // marketing of the brand may create its stores
    store(&app.svc, &marketing, e, "三号店", None).await;

    let actions: Vec<String> = history(&app.svc, "store").await.into_iter().map(|r| r.0).collect();
    assert_eq!(actions, ["create", "create", "update", "close", "create"]);
    let close = &history(&app.svc, "store").await[3];
    assert_eq!(close.1.as_deref(), Some("租约到期"));
    assert!(close.2.as_deref().unwrap().contains("\"closed_on\":null"));
    assert!(close.3.as_deref().unwrap().contains("\"closed_on\":\"2026-11-26\""));
}

// ---------------------------------------------------------------------------------------------------------
// The stores sheet

fn write_xlsx(path: &Path, rows: &[[&str; 5]]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("门店").unwrap();
    for (c, h) in ["门店名称", "城市", "区", "地址", "店长手机号"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if c == 4 && v.chars().all(|ch| ch.is_ascii_digit()) && !v.is_empty() {
                // a phone typed as a number, as Excel keeps it
                ws.write_number(r as u32 + 1, c as u16, v.parse::<f64>().unwrap()).unwrap();
            } else if !v.is_empty() {
                ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

fn csv_text(rows: &[[&str; 5]]) -> String {
    let mut s = "门店名称,城市,区,地址,店长手机号\n".to_string();
    for r in rows {
        s.push_str(&r.join(","));
        s.push('\n');
    }
    s
}

async fn preview(
    app: &TestApp,
    actor: &Actor,
    e: i64,
    path: &Path,
) -> kos_core::CoreResult<kos_core::service::StoreSheetReport> {
    let file = app.svc.grant_open(path).unwrap().token;
    app.svc.preview_store_sheet(actor, StoreSheetArgs { enterprise_id: e, file }).await
}

async fn import(
    app: &TestApp,
    actor: &Actor,
    e: i64,
    path: &Path,
    fingerprint: &str,
) -> kos_core::CoreResult<kos_core::service::StoreSheetResult> {
    let file = app.svc.grant_open(path).unwrap().token;
    app.svc
        .import_store_sheet(actor, ImportStoreSheetArgs { enterprise_id: e, file, fingerprint: fingerprint.into() })
        .await
}

#[tokio::test]
async fn u2_a_stores_sheet_reports_each_bad_row_and_writes_nothing_until_it_is_whole() {
    let app = common::fresh().await;
    let admin = app.admin().await;
    let e = brand(&app, "丁品牌", 4).await;
    let old = store(&app.svc, &admin, e, "老店", None).await;
    let gone = store(&app.svc, &admin, e, "旧店", None).await;
    app.svc.close_store(&admin, CloseStoreArgs { store_id: gone, reason: "关店".into() }).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("门店.xlsx");
    write_xlsx(
        &bad,
        &[
            ["新一店", "上海", "静安区", "南京西路 1 号", "13800138000"],
            ["新二店", "上海", "", "淮海中路 2 号", ""],
            ["新三店", "杭州", "西湖区", "文三路 3 号", "1380013800"],
            ["新一店", "上海", "静安区", "重复的一行", ""],
            ["老店", "上海", "黄浦区", "新地址 9 号", ""],
            ["旧店", "上海", "静安区", "南京西路 1 号", ""],
        ],
    );
    let before = count(&app.svc, "SELECT COUNT(*) FROM stores").await;
    let r = preview(&app, &admin, e, &bad).await.unwrap();
    assert_eq!(r.format, "xlsx");
    let by_row = |n: u32| r.rows.iter().find(|x| x.row == n).unwrap();
    assert_eq!(by_row(2).action, StoreSheetAction::Create);
    assert_eq!(by_row(2).manager_phone_masked.as_deref(), Some("138****8000"));
    let code = |n: u32| by_row(n).errors.iter().map(|e| e.code.as_str()).collect::<Vec<_>>();
    assert_eq!(code(3), ["missing_value"]);
    assert!(by_row(3).errors[0].message_zh.contains("「区」为空"));
    assert_eq!(code(4), ["invalid_phone"]);
    assert_eq!(code(5), ["duplicate_in_sheet"]);
    assert!(by_row(5).errors[0].message_zh.contains("与第 2 行重复"));
    assert_eq!(by_row(6).action, StoreSheetAction::Update, "an existing open store is updated, and said so");
    assert_eq!(
        (by_row(6).store_id, by_row(6).changed.clone()),
        (Some(old), vec!["区".to_string(), "地址".to_string()])
    );
    assert_eq!(code(7), ["store_closed"]);
    assert_eq!((r.create, r.update, r.refused), (1, 1, 4));

    // nothing half-written: a sheet with refused rows is not applied at all
    let err = import(&app, &admin, e, &bad, &r.fingerprint).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::SheetHasErrors);
    assert_eq!(count(&app.svc, "SELECT COUNT(*) FROM stores").await, before);

    // the fixed sheet; more open stores than the 4 declared is said plainly, in the preview and the result
    let good = dir.path().join("门店-改.xlsx");
    write_xlsx(
        &good,
        &[
            ["新一店", "上海", "静安区", "南京西路 1 号", "13800138000"],
            ["新二店", "上海", "黄浦区", "淮海中路 2 号", ""],
            ["新三店", "杭州", "西湖区", "文三路 3 号", "13800138001"],
            ["老店", "上海", "黄浦区", "新地址 9 号", ""],
        ],
    );
    let r = preview(&app, &admin, e, &good).await.unwrap();
    assert_eq!((r.create, r.update, r.unchanged, r.refused, r.open_after), (3, 1, 0, 0, 4));
    assert!(r.cap_warning.is_none(), "4 open stores, 4 declared");
    // a file changed between preview and apply is refused
    let err = import(&app, &admin, e, &good, "0123").await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::SheetChanged);
    let done = import(&app, &admin, e, &good, &r.fingerprint).await.unwrap();
    assert_eq!((done.created, done.updated, done.unchanged), (3, 1, 0));
    let stores = app.svc.list_stores(&admin, EnterpriseArgs { enterprise_id: e }).await.unwrap();
    assert_eq!(stores.iter().filter(|s| s.closed_on.is_none()).count(), 4);
    let old_row = stores.iter().find(|s| s.id == old).unwrap();
    assert_eq!(old_row.address, "新地址 9 号");
    // one history row per store changed, with before/after, and one for the import
    let imports = history(&app.svc, "store_import").await;
    assert_eq!(imports.len(), 1);
    let updates: Vec<_> = history(&app.svc, "store").await.into_iter().filter(|r| r.0 == "update").collect();
    assert!(!updates[0].2.as_deref().unwrap().contains("黄浦区"), "before: the old district");
    assert!(updates[0].3.as_deref().unwrap().contains("黄浦区"), "after: the new district");

    // the same sheet again: unchanged, and a fifth store makes the cap warning
    let r = preview(&app, &admin, e, &good).await.unwrap();
    assert_eq!((r.create, r.update, r.unchanged), (0, 0, 4));
    let more = dir.path().join("门店-加.csv");
    std::fs::write(&more, csv_text(&[["新五店", "南京", "秦淮区", "中山路 5 号", ""]])).unwrap();
    let r = preview(&app, &admin, e, &more).await.unwrap();
    let w = r.cap_warning.clone().expect("5 open stores, 4 declared");
    assert_eq!((w.declared, w.open_stores), (4, 5));
    assert!(w.message_zh.contains("多于申报的线下门店数 4 家"), "{}", w.message_zh);
    let done = import(&app, &admin, e, &more, &r.fingerprint).await.unwrap();
    assert!(done.cap_warning.is_some());
}

#[tokio::test]
async fn u2_gbk_csv_legacy_xls_and_an_empty_sheet() {
    let app = common::fresh().await;
    let admin = app.admin().await;
    let e = brand(&app, "戊品牌", 12).await;
    let dir = tempfile::tempdir().unwrap();
    let gbk = dir.path().join("gbk.csv");
    let text = csv_text(&[["苏州园区店", "苏州", "工业园区", "苏州大道东 288 号", "137-0137-0001"]]);
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    std::fs::write(&gbk, &bytes).unwrap();
    let r = preview(&app, &admin, e, &gbk).await.unwrap();
    assert_eq!(r.format, "csv");
    assert_eq!(r.rows[0].name, "苏州园区店");
    assert_eq!(r.rows[0].district, "工业园区");
    assert_eq!(r.rows[0].manager_phone_masked.as_deref(), Some("137****0001"));
    assert_eq!(r.create, 1);

    let xls = dir.path().join("门店.xls");
    std::fs::write(&xls, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]).unwrap();
    let err = preview(&app, &admin, e, &xls).await.unwrap_err().to_api();
    assert!(err.message.contains(".xls") && err.message.contains("另存为"), "{}", err.message);

    let empty = dir.path().join("empty.xlsx");
    write_xlsx(&empty, &[]);
    let err = preview(&app, &admin, e, &empty).await.unwrap_err().to_api();
    assert!(err.message.contains("没有门店数据"), "{}", err.message);
    assert_eq!(count(&app.svc, "SELECT COUNT(*) FROM stores").await, 0);
}

/// The sheets the acceptance E2E imports: twelve stores a real brand would send, as XLSX and as a GBK CSV twin.
fn e2e_fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..").join("tests").join("e2e").join("fixtures").join("setup")
}

/// Writes tests/e2e/fixtures/setup/门店.xlsx and 门店.csv (GBK, as Excel on a Chinese Windows saves CSV).
/// Run once with `cargo test -p kos-core --test setup_brand -- --ignored write_e2e_store_fixtures`; the files
/// are committed, so nothing is generated at run time.
#[test]
#[ignore]
fn write_e2e_store_fixtures() {
    let dir = e2e_fixture_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let rows: Vec<[&str; 5]> = E2E_STORES.iter().map(|(a, b, c, d, e)| [*a, *b, *c, *d, *e]).collect();
    write_xlsx(&dir.join("门店.xlsx"), &rows);
    let text = csv_text(&rows);
    let (bytes, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    std::fs::write(dir.join("门店.csv"), &bytes).unwrap();
}

#[tokio::test]
async fn u2_the_committed_e2e_sheets_hold_the_twelve_stores() {
    let app = common::fresh().await;
    let admin = app.admin().await;
    let e = brand(&app, "己品牌", 12).await;
    for name in ["门店.xlsx", "门店.csv"] {
        let r = preview(&app, &admin, e, &e2e_fixture_dir().join(name)).await.unwrap();
        let names: Vec<&str> = r.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, E2E_STORES.iter().map(|s| s.0).collect::<Vec<_>>(), "{name}");
        assert_eq!((r.create, r.refused), (12, 0), "{name}");
        assert!(r.cap_warning.is_none());
    }
}

// ---------------------------------------------------------------------------------------------------------
// Users and roles

#[tokio::test]
async fn u3_users_get_a_role_brand_and_stores_and_a_deactivated_user_cannot_act() {
    let app = common::fresh().await;
    let admin = app.admin().await;
    let e = brand(&app, "庚品牌", 12).await;
    let s1 = store(&app.svc, &admin, e, "一店", Some("13900139000")).await;
    let s2 = store(&app.svc, &admin, e, "二店", None).await;

    // the role's placement is checked
    let no_brand = app.svc.create_user(&admin, user_args("无品牌", Role::Leader)).await.unwrap_err();
    assert!(no_brand.to_api().message.contains("所属的品牌"));
    let no_store = app
        .svc
        .create_user(&admin, CreateUserArgs { enterprise_id: Some(e), ..user_args("无店", Role::StoreManager) })
        .await;
    assert!(no_store.unwrap_err().to_api().message.contains("至少要管理一家门店"));
    let no_agency = app.svc.create_user(&admin, user_args("无代理", Role::Agency)).await.unwrap_err();
    assert!(no_agency.to_api().message.contains("请选择代理商"));

    // a store manager created with the phone a store named as 店长手机号 is linked to that store too
    let mgr = app
        .svc
        .create_user(
            &admin,
            CreateUserArgs {
                enterprise_id: Some(e),
                store_ids: vec![s2],
                phone: Some("13900139000".into()),
                ..user_args("店长阿梅", Role::StoreManager)
            },
        )
        .await
        .unwrap();
    assert_eq!(mgr.store_ids, vec![s1, s2]);
    assert_eq!(mgr.phone_masked.as_deref(), Some("139****9000"));
    let stores = app.svc.list_stores(&admin, EnterpriseArgs { enterprise_id: e }).await.unwrap();
    assert!(stores.iter().all(|s| s.manager_name.as_deref() == Some("店长阿梅")));
    // and a store created later with that phone links to them as well
    let s3 = store(&app.svc, &admin, e, "三店", Some("139-0013-9000")).await;
    let actor = app.svc.actor(mgr.id).await.unwrap();
    assert_eq!(actor.store_ids, vec![s1, s2, s3]);

    // an edit needs a reason and records before and after; the store manager's reach follows
    let edit = |reason: &str| UpdateUserArgs {
        user_id: mgr.id,
        name: "店长阿梅".into(),
        role: Role::StoreManager,
        enterprise_id: Some(e),
        agency_id: None,
        store_ids: vec![s2],
        staff_id: None,
        phone: None,
        reason: reason.into(),
    };
    assert_eq!(app.svc.update_user(&admin, edit("")).await.unwrap_err().code(), ErrorCode::InvalidInput);
    let edited = app.svc.update_user(&admin, edit("一店、三店交给新店长")).await.unwrap();
    assert_eq!(edited.store_ids, vec![s2]);
    let actor = app.svc.actor(mgr.id).await.unwrap();
    let mine = app.svc.list_stores(&actor, EnterpriseArgs { enterprise_id: e }).await.unwrap();
    assert_eq!(mine.iter().map(|s| s.id).collect::<Vec<_>>(), vec![s2]);

    // an employee user is a staff member of the brand
    let staff = kos_core::store::staff::insert(
        app.svc.db().pool(),
        &kos_core::store::staff::NewStaff {
            enterprise_id: e,
            store_id: s2,
            name: "小陈",
            id_hmac: "h".into(),
            id_masked: "110105********002X".into(),
            phone_masked: None,
            hired_on: "2026-01-01".into(),
            created_at: "2026-01-01T00:00:00Z".into(),
        },
    )
    .await
    .unwrap();
    let emp = app
        .svc
        .create_user(
            &admin,
            CreateUserArgs { enterprise_id: Some(e), staff_id: Some(staff), ..user_args("小陈", Role::Employee) },
        )
        .await
        .unwrap();
    assert_eq!(emp.staff_name.as_deref(), Some("小陈"));
    let twice = app
        .svc
        .create_user(
            &admin,
            CreateUserArgs { enterprise_id: Some(e), staff_id: Some(staff), ..user_args("小陈2", Role::Employee) },
        )
        .await;
    assert!(twice.unwrap_err().to_api().message.contains("已有员工用户"));

    // the manager acts, makes history, is switched to, then deactivated
    let leader = app
        .svc
        .create_user(&admin, CreateUserArgs { enterprise_id: Some(e), ..user_args("总监老林", Role::Leader) })
        .await
        .unwrap();
    app.svc.session_switch(&admin, SwitchActorArgs { user_id: mgr.id }).await.unwrap();
    assert_eq!(app.svc.local_actor().await.unwrap().user_id, mgr.id);
    let args = |active: bool, reason: &str| SetUserActiveArgs { user_id: mgr.id, active, reason: reason.into() };
    assert_eq!(app.svc.set_user_active(&admin, args(false, "")).await.unwrap_err().code(), ErrorCode::InvalidInput);
    let off = app.svc.set_user_active(&admin, args(false, "离职")).await.unwrap();
    assert!(!off.active && off.deactivated_at.is_some());
    // refused once, where every door builds its actor: a typed error naming them
    let err = app.svc.actor(mgr.id).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::UserDeactivated);
    assert!(err.to_api().message.contains("店长阿梅") && err.to_api().message.contains("停用"));
    // the machine that acted as them is back with the administrator who deactivated them
    assert_eq!(app.svc.local_actor().await.unwrap().user_id, admin.user_id);
    let err = app.svc.session_switch(&admin, SwitchActorArgs { user_id: mgr.id }).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::UserDeactivated);
    assert!(app.svc.list_users(&admin, Default::default()).await.unwrap().iter().all(|u| u.id != mgr.id));
    // history keeps their name
    let names: Vec<Option<String>> = kos_core::on!(app.svc.db().pool(), |db| sqlx::query_scalar(
        "SELECT u.name FROM history h JOIN users u ON CAST(u.id AS TEXT) = h.entity_id WHERE h.entity_type = 'user' AND h.action = 'deactivate'",
    )
    .fetch_all(db)
    .await)
    .unwrap();
    assert_eq!(names, vec![Some("店长阿梅".to_string())]);
    let page = app
        .svc
        .list_history(
            &admin,
            kos_core::service::ListHistoryArgs {
                enterprise_id: Some(e),
                entity_type: Some("user".into()),
                page_size: 20,
                cursor: None,
            },
        )
        .await
        .unwrap();
    assert!(page
        .rows
        .iter()
        .any(|h| h.summary_zh.contains("停用用户「店长阿梅」") && h.reason.as_deref() == Some("离职")));
    // reactivated, they act again
    app.svc.set_user_active(&admin, args(true, "返岗")).await.unwrap();
    assert!(app.svc.actor(mgr.id).await.is_ok());

    // only the administrator manages users
    let leader = app.svc.actor(leader.id).await.unwrap();
    assert_eq!(
        app.svc.create_user(&leader, user_args("x", Role::Admin)).await.unwrap_err().code(),
        ErrorCode::Forbidden
    );
    assert_eq!(app.svc.list_user_accounts(&leader, Default::default()).await.unwrap_err().code(), ErrorCode::Forbidden);
}

#[tokio::test]
async fn u3_the_local_administrator_and_the_last_active_administrator_stay() {
    let app = common::fresh().await;
    let admin = app.admin().await;
    let off = |id: i64| SetUserActiveArgs { user_id: id, active: false, reason: "测试".into() };
    assert_eq!(app.svc.set_user_active(&admin, off(1)).await.unwrap_err().code(), ErrorCode::LastAdministrator);
    let demote = UpdateUserArgs {
        user_id: 1,
        name: "本机管理员".into(),
        role: Role::PlatformReviewer,
        enterprise_id: None,
        agency_id: None,
        store_ids: vec![],
        staff_id: None,
        phone: None,
        reason: "测试".into(),
    };
    assert_eq!(app.svc.update_user(&admin, demote).await.unwrap_err().code(), ErrorCode::LastAdministrator);
    // a second administrator can be deactivated by the first, but not by themselves
    let second = app.svc.create_user(&admin, user_args("第二管理员", Role::Admin)).await.unwrap();
    let second_actor = app.svc.actor(second.id).await.unwrap();
    assert_eq!(
        app.svc.set_user_active(&second_actor, off(second.id)).await.unwrap_err().code(),
        ErrorCode::LastAdministrator
    );
    app.svc.set_user_active(&admin, off(second.id)).await.unwrap();
    let all = app.svc.list_user_accounts(&admin, Default::default()).await.unwrap();
    assert!(all.iter().any(|u| u.id == second.id && !u.active), "deactivated users stay listed");
    assert!(all.iter().find(|u| u.id == 1).unwrap().local_admin);
}

#[tokio::test]
async fn u3_login_columns_exist_and_never_reach_the_window() {
    let app = common::fresh().await;
    let admin = app.admin().await;
    kos_core::on!(app.svc.db().pool(), |db| sqlx::query(
        "UPDATE users SET password_hash = 'argon2:x', external_id = 'sso-1' WHERE id = 1"
    )
    .execute(db)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    let dup = kos_core::on!(app.svc.db().pool(), |db| sqlx::query(
        "INSERT INTO users (name, role, external_id, created_at) VALUES ('b', 'admin', 'sso-1', 'x')"
    )
    .execute(db)
    .await
    .map(|r| r.rows_affected()));
    assert!(dup.is_err(), "external_id is unique");
    let all = serde_json::to_string(&app.svc.list_user_accounts(&admin, Default::default()).await.unwrap()).unwrap();
    let session = serde_json::to_string(&app.svc.session_get(&admin, Default::default()).await.unwrap()).unwrap();
    for text in [all, session] {
        assert!(!text.contains("argon2") && !text.contains("sso-1") && !text.contains("password"), "{text}");
    }
}
