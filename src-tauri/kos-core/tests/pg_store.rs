//! U-4: the team store (PostgreSQL) beside the solo store (SQLite). These tests need a PostgreSQL server: run them
//! through `bash .ci/pg cargo test -p kos-core --test pg_store` (a throwaway cluster; `.ci/test` does). Without
//! `KOS_TEST_PG_URL` they say so and pass, unless `KOS_TEST_PG_REQUIRED` is set (CI), where they fail.

mod common;

use std::collections::BTreeMap;

use kos_core::model::Role;
use kos_core::store;
use sqlx::{PgPool, SqlitePool};

/// A fresh database on the test cluster, migrated; `None` (with a note) when no cluster was given.
async fn pg() -> Option<PgPool> {
    if std::env::var_os("KOS_TEST_PG_URL").is_none() {
        assert!(
            std::env::var_os("KOS_TEST_PG_REQUIRED").is_none(),
            "KOS_TEST_PG_REQUIRED is set but KOS_TEST_PG_URL is not: run the tests through bash .ci/pg"
        );
        eprintln!("no PostgreSQL (KOS_TEST_PG_URL unset): skipped; run through bash .ci/pg");
        return None;
    }
    let url = common::new_pg_database().await;
    Some(kos_core::db::open_pg_pool(&url, 4).await.expect("open and migrate"))
}

fn rand_bytes() -> [u8; 8] {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).expect("random");
    b
}

async fn sqlite() -> (common::TestApp, SqlitePool) {
    let app = common::fresh_lite().await;
    let pool = app.svc.db().lite_pool().unwrap().clone();
    (app, pool)
}

/// One of the two stores, for a walk that runs the same calls on each.
#[derive(Clone, Copy)]
enum Store {
    Lite(&'static SqlitePool),
    Pg(&'static PgPool),
}

impl Store {
    fn ex(self) -> store::ex::Ex<'static> {
        match self {
            Store::Lite(p) => p.into(),
            Store::Pg(p) => p.into(),
        }
    }
}

/// Runs `walk` on a fresh database of each store and asserts every answer is the same on both; returns the
/// answers (`None`, as `pg` says, when no cluster was given).
async fn same_on_both<F, Fut>(walk: F) -> Option<Vec<String>>
where
    F: Fn(Store) -> Fut,
    Fut: std::future::Future<Output = Vec<String>>,
{
    let pg = pg().await?;
    let (_app, lite) = sqlite().await;
    let on_lite = walk(Store::Lite(Box::leak(Box::new(lite)))).await;
    let on_pg = walk(Store::Pg(Box::leak(Box::new(pg)))).await;
    for (i, (l, p)) in on_lite.iter().zip(&on_pg).enumerate() {
        assert_eq!(l, p, "answer {i} differs");
    }
    assert_eq!(on_lite.len(), on_pg.len());
    Some(on_lite)
}

/// Opens the brand's stores (name, city), in order.
async fn open_stores(ex: store::ex::Ex<'static>, enterprise_id: i64, stores: &[(&str, &str)]) -> Vec<i64> {
    let mut ex = ex;
    let mut ids = Vec::new();
    for &(name, city) in stores {
        let s = store::stores::NewStore {
            enterprise_id,
            name,
            city,
            district: "—",
            address: "—",
            opened_on: "2024-01-01".into(),
        };
        ids.push(store::stores::insert(&mut ex, &s).await.unwrap());
    }
    ids
}

/// The column's type family, as both stores name it.
fn family(t: &str) -> &'static str {
    match t.to_ascii_lowercase().as_str() {
        "integer" | "bigint" => "integer",
        // SQLite keeps a flag as an integer 0/1 under a CHECK; PostgreSQL as a boolean
        "boolean" => "integer",
        "text" => "text",
        "real" | "double precision" => "real",
        _ => "other",
    }
}

/// U-4: the two stores' schemas have the same tables, the same columns and the same column types.
#[tokio::test]
async fn u4_the_postgresql_schema_matches_the_sqlite_one_column_for_column() {
    let Some(pg) = pg().await else { return };
    let (_app, lite) = sqlite().await;
    let lite_cols: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT m.name, p.name, p.type FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'",
    )
    .fetch_all(&lite)
    .await
    .unwrap();
    let pg_cols: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(&pg)
    .await
    .unwrap();
    let shape = |cols: Vec<(String, String, String)>| -> BTreeMap<(String, String), &'static str> {
        cols.into_iter().map(|(t, c, ty)| ((t, c), family(&ty))).collect()
    };
    let (lite, pg) = (shape(lite_cols), shape(pg_cols));
    assert!(lite.len() > 200, "{} columns", lite.len());
    let only_lite: Vec<_> = lite.keys().filter(|k| !pg.contains_key(*k)).collect();
    let only_pg: Vec<_> = pg.keys().filter(|k| !lite.contains_key(*k)).collect();
    assert!(
        only_lite.is_empty() && only_pg.is_empty(),
        "only in SQLite: {only_lite:?}; only in PostgreSQL: {only_pg:?}"
    );
    let differ: Vec<_> = lite.iter().filter(|(k, t)| pg.get(*k) != Some(*t)).map(|(k, t)| (k, t, pg[k])).collect();
    assert!(differ.is_empty(), "types differ: {differ:?}");
}

/// U-4, B-20: history on PostgreSQL is append-only as on SQLite: an update or a delete is refused.
#[tokio::test]
async fn u4_b20_postgresql_history_refuses_update_and_delete() {
    let Some(pg) = pg().await else { return };
    sqlx::query(
        "INSERT INTO history (at, entity_type, entity_id, action, summary_zh, summary_en, prev_hash, hash)
         VALUES ('2026-12-07T00:00:00Z', 'x', '1', 'test', '测试', 'test', '', 'h')",
    )
    .execute(&pg)
    .await
    .unwrap();
    for sql in ["UPDATE history SET reason = 'x'", "DELETE FROM history", "TRUNCATE history"] {
        let e = sqlx::query(sql).execute(&pg).await.unwrap_err();
        assert!(e.to_string().contains("append-only"), "{sql}: {e}");
    }
}

/// U-4: a database that does not compare text byte by byte is refused, saying how to make it right.
#[tokio::test]
async fn u4_a_postgresql_database_with_another_collation_is_refused() {
    let Some(pg) = pg().await else { return };
    drop(pg);
    let url = std::env::var("KOS_TEST_PG_URL").unwrap();
    let admin = PgPool::connect(&url).await.unwrap();
    let name = format!("kos_test_{}", hex::encode(rand_bytes()));
    // any collation but C that the cluster has; the C.UTF-8 locale exists wherever glibc does
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
    )))
    .execute(&admin)
    .await
    .unwrap();
    let base = url.rsplit_once('/').unwrap().0;
    let e = kos_core::db::open_pg_pool(&format!("{base}/{name}"), 2).await.unwrap_err();
    let m = e.to_api().message;
    assert!(m.contains("排序规则") && m.contains("LC_COLLATE 'C'"), "{m}");
}

/// U-4 (the storage seam): the user store gives the same answers on both stores.
#[tokio::test]
async fn u4_users_store_answers_the_same_on_both_stores() {
    async fn walk(s: Store) -> Vec<String> {
        let ex = move || s.ex();
        let mut out = Vec::new();
        let enterprise: Option<i64> = None;
        let id = store::users::insert_full(
            ex(),
            &store::users::UserFacts {
                name: "林晓",
                role: Role::Admin,
                enterprise_id: enterprise,
                agency_id: None,
                staff_id: None,
                phone_hmac: Some("h1"),
                phone_masked: Some("138****0001"),
            },
            "2026-12-07T01:00:00Z",
        )
        .await
        .unwrap();
        out.push(format!("{id}"));
        out.push(format!("{:?}", store::users::get(ex(), id).await.unwrap()));
        out.push(format!("{:?}", store::users::count_active_admins(ex()).await.unwrap()));
        store::users::update_active(ex(), id, Some("2026-12-07T02:00:00Z")).await.unwrap();
        out.push(format!("{:?}", store::users::get_admin(ex(), id).await.unwrap()));
        out.push(format!("{:?}", store::users::list_active(ex()).await.unwrap()));
        out.push(format!("{:?}", store::users::count_active_admins(ex()).await.unwrap()));
        store::users::update_active(ex(), id, None).await.unwrap();
        out.push(format!("{:?}", store::users::list_admin(ex()).await.unwrap()));
        out.push(format!("{:?}", store::users::get_phone_hmac(ex(), id).await.unwrap()));
        store::users::update_local_session(ex(), id, "2026-12-07T03:00:00Z").await.unwrap();
        out.push(format!("{:?}", store::users::get_local_session_user(ex()).await.unwrap()));
        out
    }
    let Some(on_lite) = same_on_both(walk).await else { return };
    assert!(on_lite[2] == "2" && on_lite[5] == "1", "{on_lite:?}");
}

/// U-4 (the storage seam): brands, agencies, stores, staff, accounts, proofs and rule settings give the same
/// answers on both stores — the store-manager filter (a JSON list of stores), the keyword search, flags and
/// counts included.
#[tokio::test]
async fn u4_brand_store_staff_account_proof_and_setting_stores_answer_the_same_on_both_stores() {
    async fn walk(s: Store) -> Vec<String> {
        let ex = move || s.ex();
        let mut out = Vec::new();
        let at = || "2026-12-07T01:00:00Z".to_string();
        let e = store::enterprises::insert(
            ex(),
            &store::enterprises::NewEnterprise {
                name: "洁家家政",
                industry: "家政",
                city: "上海",
                store_count: 3,
                professional_account: true,
                staff_mgmt_permission: false,
                last_serious_violation_at: None,
                created_at: at(),
            },
        )
        .await
        .unwrap();
        let ag = store::enterprises::insert_agency(ex(), "星河代理", &at()).await.unwrap();
        store::enterprises::insert_agency_brand(ex(), ag, e, &at()).await.unwrap();
        out.push(format!("{:?}", store::enterprises::get(ex(), e).await.unwrap()));
        out.push(format!("{:?}", store::enterprises::list(ex()).await.unwrap()));
        out.push(format!("{:?}", store::enterprises::is_reported(ex(), ag, e).await.unwrap()));
        out.push(format!("{:?}", store::enterprises::list_reported_agencies(ex(), e).await.unwrap()));
        let stores = open_stores(ex(), e, &[("徐汇店", "上海"), ("西湖店", "杭州"), ("静安店", "上海")]).await;
        store::stores::update_closed_on(ex(), stores[2], Some("2026-12-01")).await.unwrap();
        let mut staff = Vec::new();
        for (i, name) in ["王小明", "李小红", "张伟"].iter().enumerate() {
            let s = store::staff::NewStaff {
                enterprise_id: e,
                store_id: stores[i % 2],
                name,
                id_hmac: format!("id{i}"),
                id_masked: format!("3101**********{i:04}"),
                phone_masked: None,
                hired_on: "2025-03-01".into(),
                created_at: at(),
            };
            staff.push(store::staff::insert(ex(), &s).await.unwrap());
        }
        let a = store::accounts::NewAccount {
            xhs_id: "123456789",
            nickname: "小明的家政日常",
            followers: 860,
            has_shop: false,
            phone_bound: true,
            real_name_hmac: None,
            third_party_logins: "[\"微信\"]".into(),
            owner_staff_id: Some(staff[0]),
            created_at: at(),
        };
        let acc = store::accounts::insert(ex(), &a).await.unwrap();
        store::accounts::update_real_name(ex(), acc, "rn").await.unwrap();
        out.push(format!("{:?}", store::accounts::get(ex(), acc).await.unwrap()));
        out.push(format!("{:?}", store::accounts::get_by_xhs_id(ex(), "123456789").await.unwrap()));
        out.push(format!("{:?}", store::stores::list(ex(), e, None).await.unwrap()));
        out.push(format!("{:?}", store::stores::list(ex(), e, Some(&[stores[1]])).await.unwrap()));
        out.push(format!("{:?}", store::stores::count_open(ex(), e).await.unwrap()));
        for (only, keyword) in [(None, None), (Some(&stores[..1]), None), (None, Some("小")), (None, Some("张"))] {
            let f = store::staff::StaffFilter { enterprise_id: e, store_id: None, stores: only, keyword };
            out.push(format!("{:?}", store::staff::list_page(ex(), &f, None, 10).await.unwrap()));
            out.push(format!("{:?}", store::staff::count(ex(), &f).await.unwrap()));
        }
        out.push(format!("{:?}", store::staff::find_current_by_id_hmac(ex(), e, "id1").await.unwrap()));
        let p = store::proofs::NewProof {
            enterprise_id: e,
            sha256: &"a".repeat(64),
            mime: "application/pdf",
            size: 1234,
            name: "在职证明.pdf",
            uploaded_by: 1,
            uploaded_at: "2026-12-07T01:00:00Z",
        };
        let proof = store::proofs::insert(ex(), &p).await.unwrap();
        out.push(format!("{proof} {:?}", store::proofs::list_by_sha(ex(), &"a".repeat(64)).await.unwrap()));
        out.push(format!("{:?}", store::proofs::count_kept_with_sha(ex(), &"a".repeat(64)).await.unwrap()));
        let s = store::settings::NewSetting {
            enterprise_id: Some(e),
            key: "b18_min_days",
            value: 30,
            set_by: 1,
            set_at: at(),
            reason: "测试",
        };
        store::settings::insert(ex(), &s).await.unwrap();
        out.push(format!("{:?}", store::settings::list_in_force(ex(), Some(e)).await.unwrap()));
        out
    }
    let Some(on_lite) = same_on_both(walk).await else { return };
    // the filters did filter: one store of three; staff 3 in all, 2 in the first store, 2 and 1 by keyword
    assert_eq!(on_lite[7].matches("StoreRow").count(), 1, "{}", on_lite[7]);
    let counts: Vec<&str> = [10, 12, 14, 16].iter().map(|&i| on_lite[i].as_str()).collect();
    assert_eq!(counts, ["3", "2", "2", "1"]);
}

/// U-4, U-2 (the storage seam): the roster and the account register give the same answers on both stores:
/// a roster row's insert, update, leaving and ID attached once; an account registered once, refreshed with a
/// dated snapshot that an earlier day does not overwrite, listed for the brand and for one store.
#[tokio::test]
async fn u4_u2_roster_and_account_register_answer_the_same_on_both_stores() {
    async fn walk(s: Store) -> Vec<String> {
        let ex = move || s.ex();
        let mut out = Vec::new();
        let at = "2026-12-07T01:00:00Z";
        let e = store::enterprises::insert(
            ex(),
            &store::enterprises::NewEnterprise {
                name: "丽颜美容",
                industry: "生活美容",
                city: "杭州",
                store_count: 2,
                professional_account: true,
                staff_mgmt_permission: true,
                last_serious_violation_at: None,
                created_at: at.into(),
            },
        )
        .await
        .unwrap();
        let stores = open_stores(ex(), e, &[("湖滨店", "杭州"), ("滨江店", "杭州")]).await;
        let row = |no: &str, store_id: i64| store::roster::RosterFields {
            store_id,
            name: format!("员工{no}"),
            employee_no: no.into(),
            position: Some("美容师".into()),
            phone_hmac: Some(format!("p{no}")),
            phone_masked: Some("139****0000".into()),
            hired_on: "2025-01-01".into(),
            left_on: None,
        };
        let a = store::roster::insert(ex(), e, &row("MR001", stores[0]), at).await.unwrap();
        let b = store::roster::insert(ex(), e, &row("MR002", stores[1]), at).await.unwrap();
        store::roster::update(ex(), b, &row("MR002", stores[0])).await.unwrap();
        out.push(format!("{:?}", store::roster::attach_id(ex(), a, "h", "3301**********0001").await.unwrap()));
        out.push(format!("{:?}", store::roster::attach_id(ex(), a, "h2", "3301**********0002").await.unwrap()));
        out.push(format!("{:?}", store::roster::set_left(ex(), b, "2026-12-01").await.unwrap()));
        out.push(format!("{:?}", store::roster::set_left(ex(), b, "2026-12-02").await.unwrap()));
        out.push(format!("{:?}", store::roster::list(ex(), e).await.unwrap()));
        out.push(format!("{:?}", store::roster::get_by_employee_no(ex(), e, "MR002").await.unwrap()));
        out.push(format!("{:?}", store::roster::list_attachable(ex(), e, stores[0], "员工MR001", None).await.unwrap()));
        out.push(format!("{:?}", store::roster::count_live_bindings(ex(), e).await.unwrap()));
        let facts = store::account_register::AccountFacts {
            xhs_id: "987654321".into(),
            nickname: "美容师小周".into(),
            followers: 120,
            phone_bound: true,
            has_shop: false,
            owner_staff_id: Some(a),
        };
        let acc = store::account_register::insert(ex(), &facts, "2026-12-05", at).await.unwrap();
        out.push(format!("{:?}", store::account_register::register(ex(), e, acc, 1, at).await.unwrap()));
        out.push(format!("{:?}", store::account_register::register(ex(), e, acc, 1, at).await.unwrap()));
        out.push(format!("{:?}", store::account_register::is_registered(ex(), e, acc).await.unwrap()));
        store::account_register::refresh(ex(), acc, "2026-12-06", Some("小周的美容日记"), Some(150), "note_import")
            .await
            .unwrap();
        // an earlier day's figures are kept as a snapshot but do not replace the later ones on the account
        store::account_register::refresh(ex(), acc, "2026-12-04", None, Some(90), "account_import").await.unwrap();
        out.push(format!("{:?}", store::account_register::list_snapshots(ex(), acc).await.unwrap()));
        out.push(format!("{:?}", store::account_register::list(ex(), e, None).await.unwrap()));
        out.push(format!("{:?}", store::account_register::list(ex(), e, Some(&stores[1..])).await.unwrap()));
        out.push(format!("{:?}", store::account_register::get(ex(), e, acc).await.unwrap()));
        out
    }
    let Some(on_lite) = same_on_both(walk).await else { return };
    assert_eq!(&on_lite[..4], ["true", "false", "true", "false"]);
    assert_eq!(&on_lite[8..11], ["true", "false", "true"]);
    assert!(
        on_lite[11].contains("2026-12-04") && on_lite[12].contains("小周的美容日记") && on_lite[12].contains("150")
    );
    assert_eq!(on_lite[13], "[]", "the account's owner is not in the second store");
}

/// U-4, B-7, B-13, B-18, I-1 (the storage seam): bindings and campaigns give the same answers on both stores:
/// the binding list's filters (statuses, a store manager's stores, mode, keyword), counts by status and mode,
/// the calendar's windows, a status change that applies once, and a campaign's results, voids and scope.
#[tokio::test]
async fn u4_bindings_and_campaigns_answer_the_same_on_both_stores() {
    use kos_core::model::{BindingMode, BindingStatus};
    async fn walk(s: Store) -> Vec<String> {
        let ex = move || s.ex();
        let mut out = Vec::new();
        let at = "2026-12-01T02:00:00Z";
        let e = store::enterprises::insert(
            ex(),
            &store::enterprises::NewEnterprise {
                name: "洁家家政",
                industry: "家政",
                city: "上海",
                store_count: 2,
                professional_account: true,
                staff_mgmt_permission: true,
                last_serious_violation_at: None,
                created_at: at.into(),
            },
        )
        .await
        .unwrap();
        let stores = open_stores(ex(), e, &[("徐汇店", "上海"), ("西湖店", "杭州")]).await;
        let mut bindings = Vec::new();
        let plans = [
            ("王小明", 0, BindingMode::Enterprise, BindingStatus::Active, "导购"),
            ("李小红", 1, BindingMode::Personal, BindingStatus::Active, "店长"),
            ("张伟", 0, BindingMode::Personal, BindingStatus::Invited, "员工"),
        ];
        let mut staff_ids = Vec::new();
        for (i, (name, store_i, mode, status, title)) in plans.iter().enumerate() {
            let s = store::staff::NewStaff {
                enterprise_id: e,
                store_id: stores[*store_i],
                name,
                id_hmac: format!("id{i}"),
                id_masked: format!("3101**********{i:04}"),
                phone_masked: None,
                hired_on: "2025-03-01".into(),
                created_at: at.into(),
            };
            let staff = store::staff::insert(ex(), &s).await.unwrap();
            staff_ids.push(staff);
            let a = store::accounts::NewAccount {
                xhs_id: &format!("55500000{i}"),
                nickname: &format!("{name}的日常"),
                followers: 100 * (i as i64 + 1),
                has_shop: false,
                phone_bound: true,
                real_name_hmac: None,
                third_party_logins: "[]".into(),
                owner_staff_id: Some(staff),
                created_at: at.into(),
            };
            let account = store::accounts::insert(ex(), &a).await.unwrap();
            let b = store::bindings::NewBinding {
                enterprise_id: e,
                account_id: account,
                staff_id: staff,
                mode: *mode,
                job_title: title,
                status: *status,
                invited_by: 1,
                invited_at: format!("2026-11-2{i}T02:00:00Z"),
                effective_at: (*status == BindingStatus::Active).then(|| format!("2026-11-2{i}T03:00:00Z")),
                ended_at: None,
                end_reason: None,
                signed_at: Some(at.into()),
                previous_binding_id: None,
            };
            bindings.push(store::bindings::insert(ex(), &b).await.unwrap());
        }
        let live = [BindingStatus::Invited, BindingStatus::Active, BindingStatus::Frozen];
        let filters = [
            (&live[..], None, None, None),
            (&live[1..2], None, None, None),
            (&live[..], Some(&stores[..1]), None, None),
            (&live[..], None, Some(BindingMode::Personal), None),
            (&live[..], None, None, Some("小")),
        ];
        for (statuses, only, mode, keyword) in filters {
            let f = store::bindings::BindingFilter {
                enterprise_id: e,
                statuses,
                store_id: None,
                stores: only,
                mode,
                job_title: None,
                keyword,
            };
            out.push(format!("{:?}", store::bindings::list_page(ex(), &f, None, 10).await.unwrap()));
            out.push(format!("{:?}", store::bindings::count(ex(), &f).await.unwrap()));
        }
        out.push(format!("{:?}", store::bindings::count_by_status(ex(), e, None).await.unwrap()));
        out.push(format!("{:?}", store::bindings::count_live_by_mode(ex(), e).await.unwrap()));
        out.push(format!("{:?}", store::bindings::get(ex(), bindings[1]).await.unwrap()));
        out.push(format!("{:?}", store::bindings::get_row(ex(), bindings[2]).await.unwrap()));
        let w = store::bindings::CalendarWindows {
            enterprise_id: e,
            stores: Some(&stores),
            invited: ("2026-11-20T00:00:00Z".into(), "2026-11-30T00:00:00Z".into()),
            effective: ("2026-11-20T00:00:00Z".into(), "2026-11-30T00:00:00Z".into()),
            ended: ("2026-11-20T00:00:00Z".into(), "2026-11-30T00:00:00Z".into()),
        };
        out.push(format!("{:?}", store::bindings::list_calendar(ex(), &w).await.unwrap()));
        for _ in 0..2 {
            let c = store::bindings::StatusChange {
                id: bindings[0],
                from: BindingStatus::Active,
                to: BindingStatus::Frozen,
                effective_at: None,
                ended_at: None,
                end_reason: Some("离职冻结"),
            };
            out.push(format!("{:?}", store::bindings::update_status(ex(), &c).await.unwrap()));
        }
        out.push(format!("{:?}", store::bindings::list_for_staff(ex(), staff_ids[0]).await.unwrap()));
        out.push(format!("{:?}", store::bindings::list_bound_spans(ex(), e).await.unwrap()));
        let camp = store::campaigns::insert(
            ex(),
            &store::campaigns::NewCampaign {
                enterprise_id: e,
                name: "十二月爆文赛",
                start_date: "2026-12-01".into(),
                end_date: "2026-12-31".into(),
                scope_json: "{\"store_ids\":[],\"cities\":[]}".into(),
                rules_json: "{}".into(),
                status: "running",
                created_by: 1,
                at,
            },
        )
        .await
        .unwrap();
        for cause in ["created", "updated"] {
            let r = store::campaigns::NewResult {
                campaign_id: camp,
                cause,
                computed_at: at,
                computed_by: Some(1),
                metrics_as_of: "latest",
                rules_json: "{}".into(),
                board_json: "[]".into(),
                input_json: None,
            };
            out.push(format!("{:?}", store::campaigns::insert_result(ex(), &r).await.unwrap()));
        }
        store::campaigns::insert_void(ex(), camp, "ranking", &staff_ids[1].to_string(), "违规", 1, at).await.unwrap();
        out.push(format!("{:?}", store::campaigns::get(ex(), camp).await.unwrap()));
        out.push(format!("{:?}", store::campaigns::list_results(ex(), camp).await.unwrap()));
        out.push(format!("{:?}", store::campaigns::list_voids(ex(), camp).await.unwrap()));
        out.push(format!("{:?}", store::campaigns::list_staff_in_scope(ex(), e, &stores[..1], &[]).await.unwrap()));
        let hz = ["杭州".to_string()];
        out.push(format!("{:?}", store::campaigns::list_staff_in_scope(ex(), e, &[], &hz).await.unwrap()));
        out.push(format!("{:?}", store::campaigns::list_award_staff(ex(), &staff_ids).await.unwrap()));
        out
    }
    let Some(on_lite) = same_on_both(walk).await else { return };
    // the filters filtered: 3 live, 2 active, 2 in the first store, 2 personal, 2 by keyword
    let counts: Vec<&str> = [1, 3, 5, 7, 9].iter().map(|&i| on_lite[i].as_str()).collect();
    assert_eq!(counts, ["3", "2", "2", "2", "2"]);
    assert_eq!(on_lite[11], "(1, 1)", "live by mode");
    assert_eq!((on_lite[15].as_str(), on_lite[16].as_str()), ("true", "false"), "a status change applies once");
    assert_eq!((on_lite[19].as_str(), on_lite[20].as_str()), ("1", "2"), "result versions");
}
