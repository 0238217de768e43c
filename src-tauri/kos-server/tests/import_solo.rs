//! Issue 13 item 6 (U-4): `kos-server --import-solo PATH` moves a solo database into the empty team store named
//! by the same KOS_SERVER_* settings the server reads, prints every table's counts and checksums, refuses a
//! second move, and the server then serves the moved data.

mod common;

use std::process::Command;

use kos_core::vault::KeyPlace;
use kos_core::{Clock, Service};

#[tokio::test]
async fn u4_kos_server_import_solo_moves_a_solo_database_and_refuses_a_second_time() {
    let Some(url) = common::new_database().await else { return };
    let solo_dir = tempfile::tempdir().unwrap();
    let solo_keys = tempfile::tempdir().unwrap();
    let server = tempfile::tempdir().unwrap();
    let server_keys = tempfile::tempdir().unwrap();
    let solo = solo_dir.path().join("kos-desk.db");
    let solo_key_file = solo_keys.path().join("kos-desk.keys");
    {
        let svc =
            Service::open_with_keys(&solo, Clock::system(), Some(KeyPlace::File(solo_key_file.clone()))).await.unwrap();
        let admin = svc.actor(1).await.unwrap();
        svc.load_demo(&admin, Default::default()).await.unwrap();
        svc.db().close().await;
    }
    let data = server.path().join("data");
    let key_file = server_keys.path().join("kos-server.keys");
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_kos-server"))
            .arg("--import-solo")
            .arg(&solo)
            .env("KOS_SERVER_DATABASE_URL", &url)
            .env("KOS_SERVER_DATA", &data)
            .env("KOS_SERVER_KEY_FILE", &key_file)
            .env("KOS_DESK_KEY_FILE", &solo_key_file)
            .output()
            .expect("run kos-server")
    };
    let out = run();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("全部一致"), "{stdout}");
    for table in ["enterprises", "staff", "bindings", "notes", "history", "users", "vault"] {
        let line =
            stdout.lines().find(|l| l.starts_with(&format!("{table} "))).unwrap_or_else(|| panic!("{table}: {stdout}"));
        assert!(line.contains("一致 (same)"), "{line}");
    }
    assert!(!stdout.contains("DIFFERENT"), "{stdout}");

    // a second run is refused and says why
    let again = run();
    assert_eq!(again.status.code(), Some(1));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("已有数据"), "{err}");

    // the server opens the moved store with the moved key and an administrator can sign in
    let config = kos_server::Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        database_url: url.clone(),
        data_dir: data.clone(),
        key_file: Some(key_file.clone()),
        tls: None,
        max_upload_bytes: 1 << 20,
        db_connections: 2,
        web_dir: None,
    };
    let svc = kos_server::open_service(&config, Clock::system()).await.expect("the server opens the moved store");
    svc.create_admin("总部管理员", "admin-pass-1").await.unwrap();
    let ok = svc
        .login(serde_json::from_value(serde_json::json!({ "name": "总部管理员", "password": "admin-pass-1" })).unwrap())
        .await
        .unwrap();
    let actor = svc.session_actor(&ok.token).await.unwrap().actor;
    let brands = svc.list_enterprises(&actor, Default::default()).await.unwrap();
    assert!(brands.len() >= 2, "{brands:?}");
}
