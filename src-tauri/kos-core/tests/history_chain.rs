//! B-20: history is hash-chained; `verify_history` finds a changed, removed or slipped-in row, and an
//! evidence file's chain head shows a rewrite even when the whole chain was recomputed afterwards.

mod common;

use common::TestApp;
use kos_core::db::Db;
use kos_core::model::Role;
use kos_core::service::{ExportAccountHistoryArgs, VerifyHistoryArgs};
use kos_core::ErrorCode;
use sha2::{Digest, Sha256};

async fn verify(app: &TestApp, head: Option<(i64, String)>) -> kos_core::service::HistoryVerification {
    let admin = app.admin().await;
    app.svc
        .verify_history(&admin, VerifyHistoryArgs { head_id: head.as_ref().map(|h| h.0), head_hash: head.map(|h| h.1) })
        .await
        .unwrap()
}

async fn count(app: &TestApp) -> i64 {
    kos_core::on!(app.svc.db().pool(), |db| sqlx::query_scalar("SELECT COUNT(*) FROM history").fetch_one(db).await)
        .unwrap()
}

/// Runs SQL with history's guards lifted, as someone editing the file with a SQLite tool would (or, on the
/// team store, a database owner disabling its triggers).
async fn tamper(app: &TestApp, sql: &str) {
    #[cfg(feature = "pg")]
    if let kos_core::db::Pool::Pg(pool) = app.svc.db().pool() {
        let mut tx = pool.begin().await.unwrap();
        for s in ["ALTER TABLE history DISABLE TRIGGER USER", sql, "ALTER TABLE history ENABLE TRIGGER USER"] {
            sqlx::raw_sql(sqlx::AssertSqlSafe(s.to_string())).execute(&mut *tx).await.unwrap();
        }
        tx.commit().await.unwrap();
        return;
    }
    let pool = app.svc.db().lite_pool().unwrap();
    let mut tx = pool.begin().await.unwrap();
    for s in [
        "DROP TRIGGER history_no_update",
        "DROP TRIGGER history_no_delete",
        "DROP TRIGGER history_chained",
        sql,
        "CREATE TRIGGER history_no_update BEFORE UPDATE ON history BEGIN SELECT RAISE(ABORT, 'x'); END",
        "CREATE TRIGGER history_no_delete BEFORE DELETE ON history BEGIN SELECT RAISE(ABORT, 'x'); END",
        "CREATE TRIGGER history_chained BEFORE INSERT ON history WHEN NEW.hash IS NULL BEGIN SELECT RAISE(ABORT, 'x'); END",
    ] {
        sqlx::raw_sql(sqlx::AssertSqlSafe(s.to_string())).execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
}

const COLUMNS: &str = "id, at, actor_id, enterprise_id, entity_type, entity_id, action, summary_zh, summary_en, \
                       reason, before_json, after_json";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    at: String,
    actor_id: Option<i64>,
    enterprise_id: Option<i64>,
    entity_type: String,
    entity_id: String,
    action: String,
    summary_zh: String,
    summary_en: String,
    reason: Option<String>,
    before_json: Option<String>,
    after_json: Option<String>,
    prev_hash: Option<String>,
    hash: Option<String>,
}

impl Row {
    /// The README's recipe, written out here independently of the core's code.
    fn recipe(&self, prev: &str) -> String {
        let canonical = serde_json::json!([
            prev,
            self.id,
            self.at,
            self.actor_id,
            self.enterprise_id,
            self.entity_type,
            self.entity_id,
            self.action,
            self.summary_zh,
            self.summary_en,
            self.reason,
            self.before_json,
            self.after_json
        ]);
        hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
    }
}

#[tokio::test]
async fn b20_every_history_row_is_chained_and_the_chain_verifies() {
    let app = TestApp::with_demo().await;
    let v = verify(&app, None).await;
    assert!(v.intact, "{}", v.message_zh);
    assert_eq!(v.rows, count(&app).await);
    assert!(v.rows > 10);
    let (last_id, last_hash): (i64, String) = kos_core::on!(app.svc.db().pool(), |db| sqlx::query_as(
        "SELECT id, hash FROM history ORDER BY id DESC LIMIT 1"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(v.head_id, Some(last_id));
    assert_eq!(v.head_hash.as_deref(), Some(last_hash.as_str()));
    assert!(v.message_zh.contains("完整"), "{}", v.message_zh);

    // the documented recipe recomputes a row's hash from its columns and the previous row's hash
    let sql = format!("SELECT {COLUMNS}, prev_hash, hash FROM history WHERE id = 2");
    let row: Row =
        kos_core::on!(app.svc.db().pool(), |db| sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_one(db).await).unwrap();
    let first: String =
        kos_core::on!(app.svc.db().pool(), |db| sqlx::query_scalar("SELECT hash FROM history WHERE id = 1")
            .fetch_one(db)
            .await)
        .unwrap();
    assert_eq!(row.prev_hash.as_deref(), Some(first.as_str()));
    assert_eq!(Some(row.recipe(&first)), row.hash);
}

#[tokio::test]
async fn b20_a_changed_row_is_found_and_named() {
    let app = TestApp::with_demo().await;
    tamper(&app, "UPDATE history SET reason = '改过的原因' WHERE id = 5").await;
    let v = verify(&app, None).await;
    assert!(!v.intact);
    assert_eq!(v.broken_at, Some(5));
    assert!(v.message_zh.contains("第 5 条") && v.message_zh.contains("改动"), "{}", v.message_zh);
}

#[tokio::test]
async fn b20_a_removed_row_breaks_the_link_of_the_next() {
    let app = TestApp::with_demo().await;
    tamper(&app, "DELETE FROM history WHERE id = 7").await;
    let v = verify(&app, None).await;
    assert_eq!(v.broken_at, Some(8));
    assert!(v.message_zh.contains("断链"), "{}", v.message_zh);
}

#[tokio::test]
async fn b20_a_row_slipped_in_around_the_app_is_refused_or_found() {
    let app = TestApp::with_demo().await;
    let pool = app.svc.db().pool();
    // without a hash the database itself refuses it
    let err = kos_core::on!(pool, |db| sqlx::query(
        "INSERT INTO history (at, entity_type, entity_id, action, summary_zh, summary_en)
         VALUES ('2026-01-01T00:00:00Z', 'binding', '1', 'unbind', '伪造', 'forged')",
    )
    .execute(db)
    .await
    .map(|r| r.rows_affected()))
    .unwrap_err();
    // SQLite's trigger says the row is not chained; PostgreSQL's columns refuse a row without its hash
    let why = if common::on_pg() { "not-null" } else { "chained" };
    assert!(err.to_string().contains(why), "{err}");
    // with a made-up hash it goes in, and the walk finds it
    let last: i64 =
        kos_core::on!(pool, |db| sqlx::query_scalar("SELECT MAX(id) FROM history").fetch_one(db).await).unwrap();
    kos_core::on!(pool, |db| sqlx::query(
        "INSERT INTO history (id, at, entity_type, entity_id, action, summary_zh, summary_en, prev_hash, hash)
         VALUES ((SELECT MAX(id) + 1 FROM history), '2026-01-01T00:00:00Z', 'binding', '1', 'unbind', '伪造', 'forged', 'x', 'y')",
    )
    .execute(db)
    .await.map(|r| r.rows_affected()))
    .unwrap();
    let v = verify(&app, None).await;
    assert_eq!(v.broken_at, Some(last + 1));
}

#[tokio::test]
async fn b20_the_evidence_files_chain_head_shows_a_rewrite_even_with_every_hash_recomputed() {
    let app = TestApp::with_demo().await;
    let marketing = app.user(Role::BrandMarketing).await;
    let ent = marketing.enterprise_id.unwrap();
    let account = app.first_bound_account(&marketing).await;
    let path = app.dir.path().join("evidence.csv");
    app.svc
        .export_account_history(
            &marketing,
            ExportAccountHistoryArgs {
                enterprise_id: ent,
                account_id: account,
                file: app.svc.grant_save(&path).unwrap().token,
            },
        )
        .await
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let head_line = text.lines().find(|l| l.starts_with("记录链头")).expect("the file carries the chain head");
    let cells: Vec<&str> = head_line.split(',').collect();
    let head = (cells[1].parse::<i64>().unwrap(), cells[2].to_string());
    assert_eq!(head.1.len(), 64);
    assert!(text.contains("记录哈希"), "each row carries its hash");
    let before = verify(&app, Some(head.clone())).await;
    assert!(before.intact && before.given_head_found == Some(true), "{}", before.message_zh);

    // someone rewrites row 3 and recomputes every hash after it with the published recipe
    tamper(&app, "UPDATE history SET summary_zh = '改写' WHERE id = 3").await;
    let pool = app.svc.db().pool();
    let sql = format!("SELECT {COLUMNS}, prev_hash, hash FROM history ORDER BY id");
    let rows: Vec<Row> =
        kos_core::on!(pool, |db| sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(db).await).unwrap();
    let mut prev = "0".repeat(64);
    let mut updates = Vec::new();
    for r in rows {
        let h = r.recipe(&prev);
        updates.push(format!("UPDATE history SET prev_hash = '{prev}', hash = '{h}' WHERE id = {};", r.id));
        prev = h;
    }
    tamper(&app, &updates.join("\n")).await;
    let after = verify(&app, Some(head.clone())).await;
    assert!(after.intact, "the recomputed chain holds on its own: {}", after.message_zh);
    assert_eq!(after.given_head_found, Some(false), "but the exported head is gone");
    assert!(after.message_zh.contains("已不在链中"), "{}", after.message_zh);

    // a head given by halves is refused
    let admin = app.admin().await;
    let err =
        app.svc.verify_history(&admin, VerifyHistoryArgs { head_id: Some(1), head_hash: None }).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    // an employee may not walk the history
    let employee = app.user(Role::Employee).await;
    let err = app.svc.verify_history(&employee, VerifyHistoryArgs::default()).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
}

/// A database written before migration 0008 has its history sealed into the chain once, on open.
#[tokio::test]
async fn b20_history_written_before_the_chain_is_sealed_on_open() {
    if common::solo_only("history written before migration 0008") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .connect_with(sqlx::sqlite::SqliteConnectOptions::new().filename(&path).create_if_missing(true))
            .await
            .unwrap();
        let mut old =
            sqlx::migrate::Migrator::new(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations")))
                .await
                .unwrap();
        old.migrations = old.migrations.iter().filter(|m| m.version <= 7).cloned().collect::<Vec<_>>().into();
        old.run(&pool).await.unwrap();
        sqlx::query(
            "INSERT INTO history (at, entity_type, entity_id, action, summary_zh, summary_en)
             VALUES ('2026-01-01T00:00:00Z', 'settings', 'a', 'update', '旧记录一', 'old one'),
                    ('2026-01-02T00:00:00Z', 'settings', 'b', 'update', '旧记录二', 'old two')",
        )
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
    }
    let db = Db::open(&path).await.unwrap();
    let sealed: Vec<(i64, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT id, prev_hash, hash FROM history ORDER BY id")
            .fetch_all(db.lite_pool().unwrap())
            .await
            .unwrap();
    assert_eq!(sealed.len(), 2);
    assert_eq!(sealed[0].1.as_deref(), Some("0".repeat(64).as_str()));
    assert_eq!(sealed[1].1, sealed[0].2, "the second links to the first");
    // sealing happened once: opening again changes nothing, and a sealed row stays append-only
    db.close().await;
    let keys = tempfile::tempdir().unwrap();
    let place = kos_core::vault::KeyPlace::File(keys.path().join("kos-desk.keys"));
    let svc = kos_core::Service::open_with_keys(&path, common::clock(), Some(place)).await.unwrap();
    let again: Vec<(i64, Option<String>, Option<String>)> =
        kos_core::on!(svc.db().pool(), |db| sqlx::query_as("SELECT id, prev_hash, hash FROM history ORDER BY id")
            .fetch_all(db)
            .await)
        .unwrap();
    assert_eq!(again, sealed);
    let err = kos_core::on!(svc.db().pool(), |db| sqlx::query("UPDATE history SET hash = 'z' WHERE id = 1")
        .execute(db)
        .await
        .map(|r| r.rows_affected()))
    .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let admin = svc.actor(1).await.unwrap();
    let v = svc.verify_history(&admin, VerifyHistoryArgs::default()).await.unwrap();
    assert!(v.intact, "{}", v.message_zh);
}
