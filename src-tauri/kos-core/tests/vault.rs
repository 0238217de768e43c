//! Keys apart from the data (B-10, B-14, B-22) and backup/restore (B-20): the key-check value, the legacy
//! upgrade, the snapshot before migrations, and a backup restored on "another machine".

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::{key_file, TestApp};
use kos_core::model::{BindingMode, BindingStatus, Role};
use kos_core::service::{
    AcceptInvitationArgs, BackupArgs, EnterpriseArgs, InspectBackupArgs, InviteArgs, RestoreBackupArgs, UploadProofArgs,
};
use kos_core::vault::KeyPlace;
use kos_core::{backup, idcard, store, Actor, ErrorCode, Service};

const PASS: &str = "正确的备份口令 2026";

fn id_no(seq: u32) -> String {
    idcard::compose(310104, NaiveDate::from_ymd_opt(1994, 5, 17).unwrap(), seq)
}

fn db_of(app: &TestApp) -> PathBuf {
    app.dir.path().join("kos.db")
}

fn key_lines(place: &KeyPlace) -> Vec<String> {
    let KeyPlace::File(p) = place else { panic!("a key file") };
    std::fs::read_to_string(p).unwrap_or_default().lines().map(str::to_owned).collect()
}

async fn database_id(svc: &Service) -> String {
    kos_core::on!(svc.db().pool(), |db| sqlx::query_scalar("SELECT database_id FROM vault").fetch_one(db).await)
        .unwrap()
}

async fn marketing(app: &TestApp) -> Actor {
    let admin = app.admin().await;
    let users = app.svc.list_users(&admin, Default::default()).await.unwrap();
    let id = users.iter().find(|u| u.role == Role::BrandMarketing && u.enterprise_id == Some(1)).unwrap().id;
    app.svc.actor(id).await.unwrap()
}

// ------------------------------------------------------------------------------------------- the key

#[tokio::test]
async fn b10_a_new_database_mints_its_key_in_the_key_place_not_beside_the_data() {
    let app = common::fresh().await;
    let id = database_id(&app.svc).await;
    let lines = key_lines(&key_file(&app.keys));
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with(&format!("{id} ")), "{lines:?}");
    assert!(!kos_core::secrets::key_path_for(&db_of(&app)).exists(), "no key beside the database");
    let names: Vec<String> =
        std::fs::read_dir(app.dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    assert!(names.iter().all(|n| !n.contains("key")), "{names:?}");
    let info = app.svc.app_info(&app.admin().await, Default::default()).await.unwrap();
    assert_eq!(info.key.kind, "file");
    assert_eq!(info.key.database_id, id);
    assert!(info.key.label.starts_with("密钥文件 "), "{}", info.key.label);
    // opened again: the same key, no second entry
    let again = app.reopen().await;
    assert_eq!(again.secrets().id_number_hmac("x"), app.svc.secrets().id_number_hmac("x"));
    assert_eq!(key_lines(&key_file(&app.keys)).len(), 1);
}

#[tokio::test]
async fn b10_two_databases_never_share_a_key() {
    let a = common::fresh().await;
    let b_dir = tempfile::tempdir().unwrap();
    // the same key file for both
    let b =
        Service::open_with_keys(&b_dir.path().join("kos.db"), common::clock(), Some(key_file(&a.keys))).await.unwrap();
    assert_ne!(database_id(&a.svc).await, database_id(&b).await);
    assert_ne!(a.svc.secrets().id_number_hmac("x"), b.secrets().id_number_hmac("x"));
    assert_eq!(key_lines(&key_file(&a.keys)).len(), 2);
}

#[tokio::test]
async fn b10_a_key_file_inside_the_database_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let place = KeyPlace::File(dir.path().join("keys").join("kos-desk.keys"));
    let err = Service::open_with_keys(&dir.path().join("kos.db"), common::clock(), Some(place)).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::KeyStoreUnavailable);
    assert!(err.to_api().message.contains("KOS_DESK_KEY_FILE"), "{}", err.to_api().message);
    assert!(!dir.path().join("keys").exists());
}

#[tokio::test]
async fn b14_a_database_with_data_whose_key_is_missing_refuses_to_start_and_mints_nothing() {
    let app = TestApp::with_demo().await;
    app.svc.db().close().await;
    let elsewhere = tempfile::tempdir().unwrap();
    let place = key_file(&elsewhere);
    let err = common::open_again_with_keys(&app, place.clone()).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::KeyMissing);
    let api = err.to_api();
    assert!(api.message.contains("kos-desk restore") && api.message.contains("密钥文件"), "{}", api.message);
    assert!(api.message_en.contains("kos-desk restore"), "{}", api.message_en);
    assert!(key_lines(&place).is_empty(), "no new key was minted");
}

#[tokio::test]
async fn b14_a_wrong_key_is_told_from_the_right_one_by_the_key_check() {
    let app = TestApp::with_demo().await;
    let id = database_id(&app.svc).await;
    app.svc.db().close().await;
    let elsewhere = tempfile::tempdir().unwrap();
    let place = key_file(&elsewhere);
    place.put(&id, &[9u8; 32]).await.unwrap();
    let err = common::open_again_with_keys(&app, place).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::KeyMismatch);
    assert!(err.to_api().message.contains("校验值不符"), "{}", err.to_api().message);
}

/// An install from before the key store: schema 7 (no vault table) and `<db>.key` beside the database. On
/// open, the database is copied to backups/ before migrating, the key moves into the key place with a
/// key-check value, and the file beside the database is gone; every hash still matches.
#[tokio::test]
async fn b10_upgrade_moves_the_legacy_key_into_the_key_store_after_a_snapshot_of_the_old_database() {
    if common::solo_only("an upgrade from a key file beside the database") {
        return;
    }
    let app = TestApp::with_demo().await;
    let m1 = marketing(&app).await;
    let key = *app.svc.secrets().key_bytes();
    let before = app.svc.secrets().id_number_hmac(&id_no(7));
    let pool = app.svc.db().pool();
    kos_core::on!(pool, |db| sqlx::query("DROP TABLE vault").execute(db).await.map(|r| r.rows_affected())).unwrap();
    // and what later migrations added, so that they run again too
    kos_core::on!(pool, |db| sqlx::query("ALTER TABLE note_imports DROP COLUMN lease_owner")
        .execute(db)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
    kos_core::on!(pool, |db| sqlx::query("ALTER TABLE note_imports DROP COLUMN lease_until")
        .execute(db)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
    // 0011 (issue 12 set-up: closed stores, manager phones, the users' login columns)
    for sql in [
        "DROP INDEX users_by_external_id",
        "DROP INDEX users_by_phone_hmac",
        "ALTER TABLE stores DROP COLUMN closed_on",
        "ALTER TABLE stores DROP COLUMN manager_phone_hmac",
        "ALTER TABLE stores DROP COLUMN manager_phone_masked",
        "ALTER TABLE users DROP COLUMN phone_hmac",
        "ALTER TABLE users DROP COLUMN phone_masked",
        "ALTER TABLE users DROP COLUMN password_hash",
        "ALTER TABLE users DROP COLUMN external_id",
        "ALTER TABLE users DROP COLUMN deactivated_at",
    ] {
        kos_core::on!(pool, |db| sqlx::query(sql).execute(db).await.map(|r| r.rows_affected())).unwrap();
    }
    // migration 0012 (U-2): its new tables and column (it rebuilds `staff` from whatever shape it finds)
    kos_core::on!(pool, |db| sqlx::query("DROP TABLE account_snapshots").execute(db).await.map(|r| r.rows_affected()))
        .unwrap();
    kos_core::on!(pool, |db| sqlx::query("DROP TABLE enterprise_accounts")
        .execute(db)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
    kos_core::on!(pool, |db| sqlx::query("ALTER TABLE xhs_accounts DROP COLUMN followers_on")
        .execute(db)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
    // migration 0013 (U-4): the team server's sign-in
    for sql in [
        "DROP TABLE login_sessions",
        "DROP TABLE login_failures",
        "ALTER TABLE users DROP COLUMN password_set_at",
        "ALTER TABLE users DROP COLUMN must_change_password",
    ] {
        kos_core::on!(pool, |db| sqlx::query(sql).execute(db).await.map(|r| r.rows_affected())).unwrap();
    }
    // migration 0014 (issue 15 item 4): the overview's kept month counts
    kos_core::on!(pool, |db| sqlx::query("DROP TABLE note_month_totals").execute(db).await.map(|r| r.rows_affected()))
        .unwrap();
    kos_core::on!(pool, |db| sqlx::query("DELETE FROM _sqlx_migrations WHERE version >= 9")
        .execute(db)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
    app.svc.db().close().await;
    let db = db_of(&app);
    std::fs::write(kos_core::secrets::key_path_for(&db), hex::encode(key)).unwrap();
    // three older snapshots: only the newest three stay after the new one
    let backups = app.dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    for n in 1..=3 {
        let p = backups.join(format!("kos-desk-before-v{n}-2026010{n}-000000.db"));
        std::fs::write(&p, b"old").unwrap();
        let t = std::time::SystemTime::now() - std::time::Duration::from_secs(3600 * (10 - n));
        std::fs::File::options().write(true).open(&p).unwrap().set_modified(t).unwrap();
    }

    let fresh_keys = tempfile::tempdir().unwrap();
    let place = key_file(&fresh_keys);
    let svc = Service::open_with_keys(&db, common::clock(), Some(place.clone())).await.unwrap();
    assert!(!kos_core::secrets::key_path_for(&db).exists(), "the key beside the database is gone");
    let id = database_id(&svc).await;
    assert_eq!(place.get(&id).await.unwrap(), Some(key));
    assert_eq!(svc.secrets().id_number_hmac(&id_no(7)), before);
    assert!(svc.list_stores(&m1, EnterpriseArgs { enterprise_id: 1 }).await.unwrap().len() > 1);

    let mut snaps: Vec<String> =
        std::fs::read_dir(&backups).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    snaps.sort();
    assert_eq!(snaps.len(), 3, "{snaps:?}");
    assert!(!snaps.iter().any(|n| n.starts_with("kos-desk-before-v1-")), "the oldest went: {snaps:?}");
    // named for the schema version the migrations lead to (the newest one)
    let latest = kos_core::db::MIGRATOR.migrations.iter().map(|m| m.version).max().unwrap();
    let prefix = format!("kos-desk-before-v{latest}-");
    let newest = snaps.iter().find(|n| n.starts_with(&prefix)).expect("a snapshot before the upgrade");
    let newest = backups.join(newest);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&newest).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::metadata(&backups).unwrap().permissions().mode() & 0o777, 0o700);
    }
    // the snapshot is the old database: schema 7... without the vault, with the brand
    let old =
        sqlx::SqlitePool::connect_with(sqlx::sqlite::SqliteConnectOptions::new().filename(&newest).read_only(true))
            .await
            .unwrap();
    let max: i64 = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations").fetch_one(&old).await.unwrap();
    assert!(max < 9);
    let brands: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM enterprises").fetch_one(&old).await.unwrap();
    assert!(brands > 0);
    let vault: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'vault'").fetch_one(&old).await.unwrap();
    assert_eq!(vault, 0);
}

#[tokio::test]
async fn an_empty_database_is_migrated_without_a_snapshot() {
    let app = common::fresh().await;
    assert!(!app.dir.path().join("backups").exists());
}

// ------------------------------------------------------------------------------------------- backup

struct Made {
    app: TestApp,
    _out: tempfile::TempDir,
    backup: PathBuf,
    binding_id: i64,
    staff_id: i64,
    proof_id: String,
    proof_bytes: Vec<u8>,
}

/// A demo brand with one staff member invited (ID number hashed) with an employment proof, backed up.
async fn backed_up() -> Made {
    let app = TestApp::with_demo().await;
    let m1 = marketing(&app).await;
    let store1 = app.svc.list_stores(&m1, EnterpriseArgs { enterprise_id: 1 }).await.unwrap()[0].id;
    store::accounts::insert(
        app.svc.db().pool(),
        &store::accounts::NewAccount {
            xhs_id: "990000001",
            nickname: "测试备份",
            followers: 12,
            has_shop: false,
            phone_bound: true,
            real_name_hmac: None,
            third_party_logins: "[]".into(),
            owner_staff_id: None,
            created_at: "2025-01-01T00:00:00Z".into(),
        },
    )
    .await
    .unwrap();
    let proof_bytes = common::sample_png("backup proof");
    let upload = app.dir.path().join("upload.png");
    std::fs::write(&upload, &proof_bytes).unwrap();
    let proof_id = app
        .svc
        .upload_proof(&m1, UploadProofArgs { enterprise_id: 1, file: app.svc.grant_open(&upload).unwrap().token })
        .await
        .unwrap()
        .proof_id;
    let row = app
        .svc
        .invite(
            &m1,
            InviteArgs {
                enterprise_id: 1,
                mode: BindingMode::Enterprise,
                xhs_id: "990000001".into(),
                store_id: store1,
                staff_name: "备份员".into(),
                id_number: id_no(77),
                proof_id: proof_id.clone(),
                job_title: "导购".into(),
                signed: true,
                employee_no: None,
            },
        )
        .await
        .unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().to_path_buf();
    let backup = out.join("kos-desk.kosbackup");
    let admin = app.admin().await;
    let report = app
        .svc
        .backup_now(&admin, BackupArgs { file: app.svc.grant_save(&backup).unwrap().token, passphrase: PASS.into() })
        .await
        .unwrap();
    assert!(report.size_bytes > 0 && report.size_bytes == std::fs::metadata(&backup).unwrap().len() as i64);
    assert!(report.counts.staff > 0 && report.counts.enterprises > 0 && report.counts.proofs >= 1, "{report:?}");
    let leftovers: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "only the finished backup, no partial file: {leftovers:?}");
    Made { app, _out: out_dir, backup, binding_id: row.id, staff_id: row.staff_id, proof_id, proof_bytes }
}

async fn employee(svc: &Service, staff_id: i64) -> Actor {
    let id = store::users::insert(
        svc.db().pool(),
        &store::users::NewUser {
            name: "备份员",
            role: Role::Employee,
            enterprise_id: Some(1),
            agency_id: None,
            staff_id: Some(staff_id),
            created_at: "2026-11-26T02:00:00Z".into(),
        },
    )
    .await
    .unwrap();
    svc.actor(id).await.unwrap()
}

#[tokio::test]
async fn b20_a_backup_restored_on_another_machine_keeps_b14_and_the_proofs() {
    if common::solo_only("backups of the database file (the team store: pg_dump)") {
        return;
    }
    let made = backed_up().await;
    // another machine: a fresh folder, a different key place
    let machine = tempfile::tempdir().unwrap();
    let keys = tempfile::tempdir().unwrap();
    let target = machine.path().join("data").join("kos-desk.db");
    let report = backup::restore(&made.backup, PASS, &target, key_file(&keys), false).await.unwrap();
    assert!(report.moved_aside.is_none());
    assert_eq!(report.key.kind, "file");
    let svc = Service::open_with_keys(&target, common::clock(), Some(key_file(&keys))).await.unwrap();
    assert_eq!(database_id(&svc).await, database_id(&made.app.svc).await);

    // B-14: the employee accepts with the right name and ID number, hashed with the restored key
    let emp = employee(&svc, made.staff_id).await;
    let wrong = svc
        .accept_invitation(
            &emp,
            AcceptInvitationArgs { binding_id: made.binding_id, name: "备份员".into(), id_number: id_no(78) },
        )
        .await
        .unwrap_err();
    assert_eq!(wrong.code(), ErrorCode::IdentityMismatch);
    let inv = svc
        .accept_invitation(
            &emp,
            AcceptInvitationArgs { binding_id: made.binding_id, name: "备份员".into(), id_number: id_no(77) },
        )
        .await
        .unwrap();
    assert_eq!(inv.status, BindingStatus::Active);

    // B-20: the proof decrypts
    let admin = svc.actor(1).await.unwrap();
    let users = svc.list_users(&admin, Default::default()).await.unwrap();
    let m1 = users.iter().find(|u| u.role == Role::BrandMarketing && u.enterprise_id == Some(1)).unwrap().id;
    let (mime, bytes) = svc.read_proof(&svc.actor(m1).await.unwrap(), &made.proof_id).await.unwrap();
    assert_eq!(mime, "image/png");
    assert_eq!(bytes, made.proof_bytes);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o600);
        let proofs = target.parent().unwrap().join("proofs");
        assert_eq!(std::fs::metadata(&proofs).unwrap().permissions().mode() & 0o777, 0o700);
    }
}

fn target_untouched(dir: &Path) {
    let names: Vec<String> = std::fs::read_dir(dir)
        .map(|r| r.map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect())
        .unwrap_or_default();
    assert!(names.is_empty(), "nothing written: {names:?}");
}

#[tokio::test]
async fn b20_a_wrong_passphrase_is_refused_and_nothing_is_written() {
    if common::solo_only("backups of the database file (the team store: pg_dump)") {
        return;
    }
    let made = backed_up().await;
    let machine = tempfile::tempdir().unwrap();
    let keys = tempfile::tempdir().unwrap();
    let target = machine.path().join("kos-desk.db");
    let err = backup::restore(&made.backup, "不是这个口令啊啊啊", &target, key_file(&keys), false).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::BackupPassphrase);
    assert!(err.to_api().message.contains("口令不正确"), "{}", err.to_api().message);
    target_untouched(machine.path());
    assert!(key_lines(&key_file(&keys)).is_empty());
}

#[tokio::test]
async fn b20_a_tampered_member_or_a_truncated_file_is_refused() {
    if common::solo_only("backups of the database file (the team store: pg_dump)") {
        return;
    }
    let made = backed_up().await;
    let bytes = std::fs::read(&made.backup).unwrap();
    // flip one byte inside the stored database (the first member, just after its local header)
    let mut tampered = bytes.clone();
    tampered[4096] ^= 0x5a;
    let bad = made.backup.with_extension("tampered");
    std::fs::write(&bad, &tampered).unwrap();
    let cut = made.backup.with_extension("truncated");
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).unwrap();
    for file in [&bad, &cut] {
        let machine = tempfile::tempdir().unwrap();
        let keys = tempfile::tempdir().unwrap();
        let err =
            backup::restore(file, PASS, &machine.path().join("kos-desk.db"), key_file(&keys), false).await.unwrap_err();
        assert_eq!(err.code(), ErrorCode::BackupDamaged, "{}: {}", file.display(), err.to_api().message);
        target_untouched(machine.path());
    }
}

#[tokio::test]
async fn b20_restoring_over_a_brand_needs_replace_and_moves_the_old_files_aside() {
    if common::solo_only("backups of the database file (the team store: pg_dump)") {
        return;
    }
    let made = backed_up().await;
    let other = TestApp::with_demo().await;
    let target = db_of(&other);
    other.svc.db().close().await;
    let err = backup::restore(&made.backup, PASS, &target, key_file(&other.keys), false).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::RestoreTargetNotEmpty);
    assert!(err.to_api().message.contains("--replace"));
    let old_id = {
        let svc = other.reopen().await;
        let id = database_id(&svc).await;
        svc.db().close().await;
        id
    };
    let report = backup::restore(&made.backup, PASS, &target, key_file(&other.keys), true).await.unwrap();
    let aside = PathBuf::from(report.moved_aside.expect("moved aside"));
    assert!(aside.file_name().unwrap().to_string_lossy().starts_with("replaced-"));
    assert!(aside.join("kos.db").exists());
    let svc = other.reopen().await;
    assert_eq!(database_id(&svc).await, database_id(&made.app.svc).await);
    assert_ne!(database_id(&svc).await, old_id);
}

#[tokio::test]
async fn b20_only_the_administrator_backs_up_and_the_passphrase_has_a_minimum() {
    let app = TestApp::with_demo().await;
    let m1 = marketing(&app).await;
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("b.kosbackup").display().to_string();
    let save = || app.svc.grant_save(Path::new(&path)).unwrap().token;
    let err = app.svc.backup_now(&m1, BackupArgs { file: save(), passphrase: PASS.into() }).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
    let err =
        app.svc.restore_backup(&m1, RestoreBackupArgs { file: save(), passphrase: PASS.into() }).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
    let admin = app.admin().await;
    let err = app.svc.backup_now(&admin, BackupArgs { file: save(), passphrase: "short".into() }).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(err.to_api().message.contains("至少需要 8 个字符"));
    assert!(!Path::new(&path).exists());
    if common::on_pg() {
        // U-4: the team store is PostgreSQL's to back up (pg_dump): the administrator is told so
        let err = app
            .svc
            .backup_now(&admin, BackupArgs { file: save(), passphrase: "八个汉字的口令呀".into() })
            .await
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::SoloOnly);
        assert!(err.to_api().message.contains("pg_dump"), "{}", err.to_api().message);
        assert!(!Path::new(&path).exists());
        return;
    }
    app.svc.backup_now(&admin, BackupArgs { file: save(), passphrase: "八个汉字的口令呀".into() }).await.unwrap();
    let file = app.svc.grant_open(Path::new(&path)).unwrap().token;
    let summary = app.svc.inspect_backup(&admin, InspectBackupArgs { file }).await.unwrap();
    assert!(summary.counts.enterprises > 0 && summary.schema_version >= 9, "{summary:?}");
}

/// The window's restore: checked first, then the database closes and the backup takes its place.
#[tokio::test]
async fn b20_the_window_restore_replaces_the_open_database() {
    if common::solo_only("backups of the database file (the team store: pg_dump)") {
        return;
    }
    let made = backed_up().await;
    let other = TestApp::with_demo().await;
    let admin = other.admin().await;
    let report = other
        .svc
        .restore_backup(
            &admin,
            RestoreBackupArgs { file: other.svc.grant_open(&made.backup).unwrap().token, passphrase: PASS.into() },
        )
        .await
        .unwrap();
    assert!(report.moved_aside.is_some());
    let svc = other.reopen().await;
    assert_eq!(database_id(&svc).await, database_id(&made.app.svc).await);
    // a wrong passphrase leaves the open database open and untouched
    let third = TestApp::with_demo().await;
    let admin = third.admin().await;
    let err = third
        .svc
        .restore_backup(
            &admin,
            RestoreBackupArgs {
                file: third.svc.grant_open(&made.backup).unwrap().token,
                passphrase: "错的口令错的口令".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::BackupPassphrase);
    assert!(third.svc.app_info(&admin, Default::default()).await.unwrap().counts.enterprises > 0);
}
