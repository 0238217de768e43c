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
    let Ok(url) = std::env::var("KOS_TEST_PG_URL") else {
        assert!(
            std::env::var_os("KOS_TEST_PG_REQUIRED").is_none(),
            "KOS_TEST_PG_REQUIRED is set but KOS_TEST_PG_URL is not: run the tests through bash .ci/pg"
        );
        eprintln!("no PostgreSQL (KOS_TEST_PG_URL unset): skipped; run through bash .ci/pg");
        return None;
    };
    let admin = PgPool::connect(&url).await.expect("connect to the test cluster");
    let name = format!("kos_test_{}", hex::encode(rand_bytes()));
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
    )))
    .execute(&admin)
    .await
    .expect("create a test database");
    let base = url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b);
    Some(kos_core::db::open_pg_pool(&format!("{base}/{name}"), 4).await.expect("open and migrate"))
}

fn rand_bytes() -> [u8; 8] {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).expect("random");
    b
}

async fn sqlite() -> (common::TestApp, SqlitePool) {
    let app = common::fresh().await;
    let pool = app.svc.db().pool().clone();
    (app, pool)
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
    let Some(pg) = pg().await else { return };
    let (_app, lite) = sqlite().await;
    async fn walk(ex: impl Fn() -> store::ex::Ex<'static> + Copy) -> Vec<String> {
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
    let lite: &'static SqlitePool = Box::leak(Box::new(lite));
    let pg: &'static PgPool = Box::leak(Box::new(pg));
    let on_lite = walk(|| lite.into()).await;
    let on_pg = walk(|| pg.into()).await;
    assert_eq!(on_lite, on_pg);
    assert!(on_lite[2] == "2" && on_lite[5] == "1", "{on_lite:?}");
}
