//! Issue 13 item 6 (U-4, B-10, B-20): a solo database moves into an empty team store with its ids, proofs and
//! key; every table's count and checksum agree on both sides. Needs PostgreSQL: `bash .ci/pg cargo test -p
//! kos-core --test team_move` (without `KOS_TEST_PG_URL` the tests say so and pass, unless
//! `KOS_TEST_PG_REQUIRED` is set).

mod common;

use kos_core::model::Role;
use kos_core::service::{UploadProofArgs, VerifyHistoryArgs};
use kos_core::team_move::{self, TeamTarget};
use kos_core::vault::KeyPlace;
use kos_core::{ErrorCode, Service};

fn have_pg() -> bool {
    if std::env::var_os("KOS_TEST_PG_URL").is_none() {
        assert!(
            std::env::var_os("KOS_TEST_PG_REQUIRED").is_none(),
            "KOS_TEST_PG_REQUIRED is set but KOS_TEST_PG_URL is not: run the tests through bash .ci/pg"
        );
        eprintln!("no PostgreSQL (KOS_TEST_PG_URL unset): skipped; run through bash .ci/pg");
        return false;
    }
    true
}

/// A solo database with the demo and one employment proof, closed (its lock let go) as before a move.
async fn solo_with_demo() -> common::TestApp {
    let app = common::TestApp::with_demo_on_lite().await;
    let marketing = app.user(Role::BrandMarketing).await;
    let file = app.dir.path().join("在职证明.png");
    std::fs::write(&file, common::sample_png("moved proof")).unwrap();
    let token = app.svc.grant_open(&file).unwrap().token;
    let brand = marketing.enterprise_id.unwrap();
    app.svc.upload_proof(&marketing, UploadProofArgs { enterprise_id: brand, file: token }).await.expect("proof");
    app.svc.db().close().await;
    app
}

struct Team {
    target: TeamTarget,
    _data: tempfile::TempDir,
    _keys: tempfile::TempDir,
}

async fn empty_team() -> Team {
    let data = tempfile::tempdir().unwrap();
    let keys = tempfile::tempdir().unwrap();
    let target = TeamTarget {
        url: common::new_pg_database().await,
        data_dir: data.path().join("data"),
        keys: KeyPlace::File(keys.path().join("kos-server.keys")),
    };
    Team { target, _data: data, _keys: keys }
}

fn code(e: &kos_core::CoreError) -> ErrorCode {
    e.code()
}

/// U-4, B-10, B-20: every table arrives with its rows unchanged (count and checksum equal), the proofs and the
/// key with it; the server opens the moved store with that key, its history chain still holds, new rows are
/// numbered after the moved ones; a second move is refused; a row changed afterwards is found by table.
#[tokio::test]
async fn u4_b20_a_solo_database_moves_into_the_team_store_unchanged() {
    if !have_pg() {
        return;
    }
    let app = solo_with_demo().await;
    let solo = app.dir.path().join("kos.db");
    let team = empty_team().await;
    let report = team_move::move_solo_to_team(&solo, common::key_file(&app.keys), &team.target).await.expect("moves");
    println!("{}", report.to_text());
    assert!(report.ok(), "{}", report.to_text());
    let rows = |name: &str| report.tables.iter().find(|t| t.table == name).map(|t| t.team_rows).unwrap_or(-1);
    assert!(rows("notes") > 1000 && rows("history") > 100 && rows("staff") > 50, "{}", report.to_text());
    assert!(rows("proofs") >= 1 && report.proofs.team_files >= 1, "{}", report.to_text());
    let solo_db = kos_core::db::Db::open(&solo).await.unwrap();
    let solo_tables = kos_core::store::tables::lite_table_names(solo_db.pool()).await.unwrap();
    solo_db.close().await;
    let mut compared: Vec<String> = report.tables.iter().map(|t| t.table.clone()).collect();
    compared.sort();
    assert_eq!(compared, solo_tables, "every table of the solo file is compared");
    for t in &report.tables {
        assert_eq!((t.solo_rows, &t.solo_sum), (t.team_rows, &t.team_sum), "{}", t.table);
    }
    // the key is in the server's key file, owner-only
    let KeyPlace::File(key_file) = &team.target.keys else { unreachable!() };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(key_file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert!(std::fs::read_to_string(key_file).unwrap().contains(&report.database_id));

    // the server opens the moved store with that key and finds what the window had
    let srv = Service::open_team(&team.target.url, &team.target.data_dir, common::clock(), team.target.keys.clone(), 4)
        .await
        .expect("the team store opens with the moved key");
    let admin = srv.actor(1).await.unwrap();
    let chain = srv.verify_history(&admin, VerifyHistoryArgs { head_id: None, head_hash: None }).await.unwrap();
    assert!(chain.intact && chain.rows == rows("history"), "{chain:?}");
    let solo_svc = Service::open_with_keys(&solo, common::clock(), Some(common::key_file(&app.keys))).await.unwrap();
    let solo_admin = solo_svc.actor(1).await.unwrap();
    let (a, b) = (
        solo_svc.app_info(&solo_admin, Default::default()).await.unwrap().counts,
        srv.app_info(&admin, Default::default()).await.unwrap().counts,
    );
    assert_eq!(a, b);
    // a proof decrypts on the server (same key, same file)
    let proof_id: String =
        kos_core::on!(srv.db().pool(), |db| sqlx::query_scalar("SELECT sha256 FROM proofs ORDER BY id DESC LIMIT 1")
            .fetch_one(db)
            .await)
        .unwrap();
    let reviewer = srv.actor(users_with_role(&srv, "platform_reviewer").await).await.unwrap();
    let (mime, bytes) = srv.read_proof(&reviewer, &proof_id).await.expect("the proof reads on the server");
    assert_eq!((mime.as_str(), bytes), ("image/png", common::sample_png("moved proof")));
    solo_svc.db().close().await;
    // identities were moved past the copied ids: the server's next user follows the solo file's last one
    let max_user: i64 =
        kos_core::on!(srv.db().pool(), |db| sqlx::query_scalar("SELECT MAX(id) FROM users").fetch_one(db).await)
            .unwrap();
    assert_eq!(srv.create_admin("总部管理员", "admin-pass-1").await.unwrap(), 1, "the local administrator signs in");
    assert_eq!(srv.create_admin("第二管理员", "admin-pass-2").await.unwrap(), max_user + 1);
    srv.db().close().await;

    // a second move is refused: the server holds data
    let again = team_move::move_solo_to_team(&solo, common::key_file(&app.keys), &team.target).await.unwrap_err();
    assert_eq!(code(&again), ErrorCode::RestoreTargetNotEmpty, "{}", again.to_api().message);
    assert!(again.to_api().message.contains("已有数据"), "{}", again.to_api().message);

    // a row changed on the server afterwards is found, by table
    let pool = kos_core::db::open_pg_pool(&team.target.url, 2).await.unwrap();
    sqlx::query("UPDATE notes SET exposure = exposure + 1 WHERE id = (SELECT MIN(id) FROM notes)")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let later = team_move::compare(&solo, &team.target).await.unwrap();
    let differing: Vec<&str> = later.mismatches().iter().map(|t| t.table.as_str()).collect();
    // the sign-ins above added users and history rows; the one changed note is found too
    assert!(differing.contains(&"notes"), "{}", later.to_text());
    let notes = later.tables.iter().find(|t| t.table == "notes").unwrap();
    assert_eq!(notes.solo_rows, notes.team_rows, "same count, different content");
    assert!(!later.ok());
}

async fn users_with_role(svc: &Service, role: &str) -> i64 {
    kos_core::on!(svc.db().pool(), |db| sqlx::query_scalar("SELECT MIN(id) FROM users WHERE role = $1")
        .bind(role)
        .fetch_one(db)
        .await)
    .unwrap()
}

/// B-10: a server that made a key of its own (started before the move) is refused, as is a key file holding
/// another key under the solo database's id; nothing is written.
#[tokio::test]
async fn u4_b10_a_server_with_another_key_is_refused() {
    if !have_pg() {
        return;
    }
    let app = solo_with_demo().await;
    let solo = app.dir.path().join("kos.db");
    let started = empty_team().await;
    let srv = Service::open_team(
        &started.target.url,
        &started.target.data_dir,
        common::clock(),
        started.target.keys.clone(),
        2,
    )
    .await
    .unwrap();
    srv.db().close().await;
    let e = team_move::move_solo_to_team(&solo, common::key_file(&app.keys), &started.target).await.unwrap_err();
    assert_eq!(code(&e), ErrorCode::KeyMismatch, "{}", e.to_api().message);
    assert!(e.to_api().message.contains("自己的密钥"), "{}", e.to_api().message);

    // the key file already holds another key for this database id
    let fresh = empty_team().await;
    let solo_db = kos_core::db::Db::open(&solo).await.unwrap();
    let (id, _) = kos_core::store::tables::vault_row(solo_db.pool()).await.unwrap().unwrap();
    solo_db.close().await;
    fresh.target.keys.put(&id, &[7u8; 32]).await.unwrap();
    let e = team_move::move_solo_to_team(&solo, common::key_file(&app.keys), &fresh.target).await.unwrap_err();
    assert_eq!(code(&e), ErrorCode::KeyMismatch, "{}", e.to_api().message);
    // and nothing was moved
    let pool = kos_core::db::open_pg_pool(&fresh.target.url, 2).await.unwrap();
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM enterprises").fetch_one(&pool).await.unwrap();
    assert_eq!(n, 0);
    pool.close().await;
    assert_eq!(fresh.target.keys.get(&id).await.unwrap(), Some([7u8; 32]), "the other key is not overwritten");
}
