//! Integration tests of the app package: the headless door (`kos-desk call`) and the generated TypeScript client (ui/src/api/commands.gen.ts).

use std::path::Path;
use std::process::{Command, Output};

/// A database in `<temp>/data/`; its key goes to the key file `<temp>/data.keys`, outside the database's
/// folder (the fallback where no OS key store exists, as on CI).
fn db_in(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().join("data").join("kos.db")
}

fn key_file_for(db: &Path) -> std::path::PathBuf {
    db.parent().expect("db folder").with_extension("keys")
}

fn kos(args: &[&str], db: &Path) -> Output {
    kos_with_stdin(args, db, "")
}

fn kos_with_stdin(args: &[&str], db: &Path, stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kos-desk"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("KOS_DESK_DB")
        .env("KOS_DESK_KEY_FILE", key_file_for(db))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run kos-desk");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("kos-desk output")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

#[cfg(feature = "export-ts")]
#[test]
fn commands_ts_is_current() {
    let generated = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui").join("src").join("api").join("commands.gen.ts");
    let committed = std::fs::read_to_string(generated).expect("ui/src/api/commands.gen.ts is committed");
    let fresh = kos_desk::ts_export::render().expect("commands.gen.ts render");
    assert!(
        committed == fresh,
        "ui/src/api/commands.gen.ts is stale: run `cargo run -- export-ts` and commit the result"
    );
}

#[test]
fn call_list_names_every_command_with_types() {
    let out = Command::new(env!("CARGO_BIN_EXE_kos-desk")).args(["call", "--list"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for c in kos_core::api::commands() {
        assert!(text.contains(&format!("{}({}) -> {}", c.name, c.args, c.result)), "{} missing:\n{text}", c.name);
    }
    assert!(text.contains("list_staff(ListStaffArgs) -> Page<StaffRow>"));
}

#[test]
fn demo_then_calls_as_different_users() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let out = kos(&["demo"], &db);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let summary = json(&out);
    let brand = summary["enterprise_name"].as_str().unwrap().to_string();
    assert!(summary["staff"].as_i64().unwrap() >= 80);

    let out = kos(&["call", "list_enterprises", "{}", "--as", "1"], &db);
    assert!(out.status.success());
    assert_eq!(json(&out)[0]["name"], brand.as_str());

    // users by name work as well as ids
    let users = json(&kos(&["call", "list_users"], &db));
    let leader = users.as_array().unwrap().iter().find(|u| u["role"] == "leader").unwrap();
    let leader_name = leader["name"].as_str().unwrap();
    let out = kos(&["call", "session_get", "{}", "--as", leader_name], &db);
    assert!(out.status.success());
    assert_eq!(json(&out)["actor"]["role"], "leader");

    // a refused call: exit 1 with the typed error on stdout
    let args = r#"{"enterprise_id":null,"key":"invite_expiry_hours","value":72,"reason":"试一试"}"#;
    let out = kos(&["call", "update_rule_setting", args, "--as", leader_name], &db);
    assert_eq!(out.status.code(), Some(1));
    let err = json(&out);
    assert_eq!(err["code"], "forbidden");
    assert!(err["message"].as_str().unwrap().contains("管理层"));
    assert!(err["message_en"].as_str().unwrap().contains("Leader"));
}

#[test]
fn bad_calls_print_typed_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let out = kos(&["call", "no_such_command"], &db);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["code"], "unknown_command");

    let out = kos(&["call", "list_staff", "{not json"], &db);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["code"], "invalid_input");

    let out = kos(&["call", "app_info", "{}", "--as", "无此人"], &db);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["code"], "not_found");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_with_path_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("报表.xlsx.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    std::fs::write(&db, vec![b'x'; 4096]).unwrap();
    let out = kos(&["call", "app_info"], &db);
    assert_eq!(out.status.code(), Some(1));
    let err = json(&out);
    assert_eq!(err["code"], "db_open");
    assert!(err["message"].as_str().unwrap().contains("报表.xlsx.db"));
    assert_eq!(std::fs::read(&db).unwrap(), vec![b'x'; 4096], "the file is left as it was");
}

#[test]
fn rule_numbers_are_whole_numbers_at_the_door() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let args = r#"{"enterprise_id":null,"key":"invite_expiry_hours","value":47.5,"reason":"半小时"}"#;
    let out = kos(&["call", "update_rule_setting", args, "--as", "1"], &db);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["code"], "invalid_input");
    let args = r#"{"enterprise_id":null,"key":"invite_expiry_hours","value":72,"reason":"平台调整为 72 小时"}"#;
    let out = kos(&["call", "update_rule_setting", args, "--as", "1"], &db);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(json(&out)["value"], 72);
}

#[test]
fn n1_import_notes_from_the_command_line_then_request_review_through_call() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    assert!(kos(&["demo"], &db).status.success());
    let users = json(&kos(&["call", "list_users"], &db));
    let marketing = users.as_array().unwrap().iter().find(|u| u["role"] == "brand_marketing").unwrap()["name"]
        .as_str()
        .unwrap()
        .to_string();
    let bindings = json(&kos(
        &["call", "list_bindings", r#"{"enterprise_id":1,"tab":"active","page_size":10}"#, "--as", &marketing],
        &db,
    ));
    let xhs = bindings["rows"].as_array().unwrap().last().unwrap()["xhs_id"].as_str().unwrap().to_string();
    let csv = dir.path().join("export.csv");
    std::fs::write(
        &csv,
        format!("笔记ID,笔记标题,笔记类型,发布时间,小红书号,曝光量,阅读量,点赞,收藏,评论\n{},命令行导入的笔记,图文,2026-11-20 09:30,{xhs},1200,300,12,3,4\n", "ab".repeat(12)),
    )
    .unwrap();
    let out = kos(&["import", "notes", csv.to_str().unwrap(), "--brand", "1", "--as", &marketing], &db);
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let report = json(&out);
    assert_eq!(report["job"]["state"], "done");
    assert_eq!(report["report"]["import"]["inserted"], 1);
    // the note is in 待审核笔记 and can be requested through `call`
    let args = format!(
        r#"{{"enterprise_id":1,"list":"queue","tab":null,"query":{{"note":"{}"}},"sort":"published","desc":true,"page_size":10,"cursor":null,"page":null}}"#,
        "ab".repeat(12)
    );
    let page = json(&kos(&["call", "list_notes", &args, "--as", &marketing], &db));
    assert_eq!(page["total"], 1);
    let id = page["rows"][0]["id"].as_i64().unwrap();
    let out = kos(
        &["call", "request_review", &format!(r#"{{"enterprise_id":1,"note_ids":[{id}]}}"#), "--as", &marketing],
        &db,
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(json(&out)["requested"][0], id);
}

#[test]
fn n1_b20_a_command_waits_for_the_holder_of_the_database_then_refuses_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    // this test process holds the database, as a window or a job would
    let keys = Some(kos_core::vault::KeyPlace::File(key_file_for(&db)));
    let holder = rt.block_on(kos_core::Service::open_with_keys(&db, kos_core::Clock::system(), keys)).unwrap();
    let started = std::time::Instant::now();
    let out = kos(&["call", "app_info", "--wait", "1"], &db);
    assert!(started.elapsed() >= std::time::Duration::from_secs(1), "it waited for the holder first");
    assert_eq!(out.status.code(), Some(1));
    let err = json(&out);
    assert_eq!(err["code"], "database_in_use");
    let message = err["message"].as_str().unwrap();
    assert!(message.contains(&format!("进程 {}，后台任务", std::process::id())), "{message}");
    assert!(message.contains("kos.db"), "{message}");
    assert_eq!(err["details"]["holder"]["pid"], std::process::id());
    // a command that waits long enough runs once the holder lets go
    let waiting = Command::new(env!("CARGO_BIN_EXE_kos-desk"))
        .args(["call", "app_info", "--wait", "60", "--db"])
        .arg(&db)
        .env_remove("KOS_DESK_DB")
        .env("KOS_DESK_KEY_FILE", key_file_for(&db))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // (whether it starts before or after the holder lets go, it runs)
    rt.block_on(holder.db().close());
    let out = waiting.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(json(&out)["db_path"].as_str().unwrap().ends_with("kos.db"));
}

#[test]
fn b20_backup_and_restore_from_the_command_line_onto_another_machine() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    assert!(kos(&["demo"], &db).status.success());
    let backup = dir.path().join("kos.kosbackup");
    let backup_arg = backup.to_str().unwrap();

    let out = kos_with_stdin(&["backup", backup_arg, "--as", "1"], &db, "short\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(json(&out)["message"].as_str().unwrap().contains("至少需要 8 个字符"));
    assert!(!backup.exists());

    let out = kos_with_stdin(&["backup", backup_arg, "--as", "1"], &db, "命令行的备份口令\n");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let report = json(&out);
    assert!(report["size_bytes"].as_i64().unwrap() > 0);
    assert!(report["counts"]["staff"].as_i64().unwrap() >= 80);

    // another machine: a new folder with its own key file
    let other = tempfile::tempdir().unwrap();
    let target = db_in(&other);
    let out = kos_with_stdin(&["restore", backup_arg], &target, "错误的口令错误的口令\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["code"], "backup_passphrase");
    assert!(!target.exists(), "a wrong passphrase writes nothing");

    let out = kos_with_stdin(&["restore", backup_arg], &target, "命令行的备份口令\n");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(json(&out)["key"]["kind"], "file");
    let a = json(&kos(&["call", "app_info"], &db));
    let b = json(&kos(&["call", "app_info"], &target));
    assert_eq!(a["counts"], b["counts"]);
    assert_eq!(a["key"]["database_id"], b["key"]["database_id"]);
    assert!(b["key"]["label"].as_str().unwrap().starts_with("密钥文件 "));

    // again onto the restored brand: refused without --replace
    let out = kos_with_stdin(&["restore", backup_arg], &target, "命令行的备份口令\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["code"], "restore_target_not_empty");
    let out = kos_with_stdin(&["restore", backup_arg, "--replace"], &target, "命令行的备份口令\n");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(json(&out)["moved_aside"].as_str().unwrap().contains("replaced-"));
}

/// Without a key store (no D-Bus session here) and without KOS_DESK_KEY_FILE: a refusal saying what to do.
#[cfg(target_os = "linux")]
#[test]
fn b10_without_a_key_store_or_key_file_the_app_refuses_and_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let out = Command::new(env!("CARGO_BIN_EXE_kos-desk"))
        .args(["call", "app_info", "--db"])
        .arg(&db)
        .env_remove("KOS_DESK_DB")
        .env_remove("KOS_DESK_KEY_FILE")
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/kos-desk-test-bus")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = json(&out);
    assert_eq!(err["code"], "key_store_unavailable");
    assert!(err["message"].as_str().unwrap().contains("KOS_DESK_KEY_FILE="), "{err}");
    assert!(err["message_en"].as_str().unwrap().contains("KOS_DESK_KEY_FILE="), "{err}");
    assert!(!std::path::Path::new(&format!("{}.key", db.display())).exists(), "no key beside the database");
}

#[test]
fn the_command_line_grants_the_paths_typed_into_file_fields() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kos.db");
    assert!(kos(&["demo"], &db).status.success());
    let users = json(&kos(&["call", "list_users"], &db));
    let marketing = users.as_array().unwrap().iter().find(|u| u["role"] == "brand_marketing").unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string();
    // a save: the typed path is granted for this call and written
    let out_csv = dir.path().join("juguang.csv");
    let args = serde_json::json!({ "enterprise_id": 1, "format": "csv", "file": out_csv.display().to_string() });
    let out = kos(&["call", "export_juguang", &args.to_string(), "--as", &marketing], &db);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(json(&out)["path"], out_csv.display().to_string());
    assert!(std::fs::read_to_string(&out_csv).unwrap().contains("笔记ID"));
    // an open: a file that does not exist is refused before the command runs
    let args = serde_json::json!({ "enterprise_id": 1, "file": dir.path().join("missing.png").display().to_string() });
    let out = kos(&["call", "upload_proof", &args.to_string(), "--as", &marketing], &db);
    assert!(!out.status.success());
    assert_eq!(json(&out)["code"], "file");
    // the help says so
    let help = Command::new(env!("CARGO_BIN_EXE_kos-desk")).arg("--help").output().unwrap();
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("proofs_folder") && text.contains("grants that path"), "{text}");
}

/// U-1, U-2, B-21 (issue 12): a brand starts from nothing through `kos-desk call`: 创建品牌, 报备代理, a store
/// imported from a sheet typed as a path on the command line; a role that may not is refused with the typed
/// error.
#[test]
fn u1_u2_a_brand_is_created_and_its_stores_imported_through_call() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let facts = r#"{"facts":{"name":"花漾美业","industry":"生活美容","city":"上海","store_count":12,
        "professional_account":true,"staff_mgmt_permission":true,"last_serious_violation_on":null}}"#;
    let out = kos(&["call", "create_brand", facts, "--as", "1"], &db);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let brand = json(&out);
    assert_eq!(brand["name"], "花漾美业");
    let id = brand["id"].as_i64().unwrap();
    assert_eq!(json(&kos(&["call", "app_info"], &db))["empty"], false);

    let out = kos(&["call", "report_agency", &format!(r#"{{"enterprise_id":{id},"agency_name":"星河代理"}}"#)], &db);
    assert_eq!(json(&out)["agencies"][0], "星河代理");

    let sheet = dir.path().join("门店.csv");
    std::fs::write(&sheet, "门店名称,城市,区,地址,店长手机号\n静安寺店,上海,静安区,南京西路 1618 号,13801380001\n")
        .unwrap();
    let args = format!(r#"{{"enterprise_id":{id},"file":"{}"}}"#, sheet.display());
    let report = json(&kos(&["call", "preview_store_sheet", &args], &db));
    assert_eq!(report["create"], 1);
    assert_eq!(report["rows"][0]["manager_phone_masked"], "138****0001");
    let fp = report["fingerprint"].as_str().unwrap();
    let args = format!(r#"{{"enterprise_id":{id},"file":"{}","fingerprint":"{fp}"}}"#, sheet.display());
    assert_eq!(json(&kos(&["call", "import_store_sheet", &args], &db))["created"], 1);
    let stores = json(&kos(&["call", "list_stores", &format!(r#"{{"enterprise_id":{id}}}"#)], &db));
    assert_eq!(stores[0]["name"], "静安寺店");

    // a leader of the brand may not create brands: exit 1, the typed error on stdout
    let leader = r#"{"name":"总监老林","role":"leader","enterprise_id":1,"agency_id":null,"store_ids":[],"staff_id":null,"phone":null}"#;
    assert!(kos(&["call", "create_user", leader], &db).status.success());
    let out = kos(&["call", "create_brand", facts, "--as", "总监老林"], &db);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["code"], "forbidden");
}

/// U-2 through the headless door: a roster sheet previewed and applied with `kos-desk call`, then a
/// 小红书账号 registered; the plan printed by the preview is what the apply confirms.
#[test]
fn u2_roster_preview_and_apply_and_account_register_through_call() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kos.db");
    assert!(kos(&["demo"], &db).status.success());
    let users = json(&kos(&["call", "list_users"], &db));
    let marketing = users.as_array().unwrap().iter().find(|u| u["role"] == "brand_marketing").unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let stores = json(&kos(&["call", "list_stores", r#"{"enterprise_id":1}"#, "--as", &marketing], &db));
    let store = stores[0]["name"].as_str().unwrap().to_string();
    let sheet = dir.path().join("roster.csv");
    std::fs::write(
        &sheet,
        format!("姓名,工号,门店,岗位,手机号,入职日期,在职状态\n命令行,C001,{store},前台,13800138000,2024-02-01,在职\n"),
    )
    .unwrap();
    let args = serde_json::json!({ "enterprise_id": 1, "file": sheet.display().to_string(), "complete": false });
    let out = kos(&["call", "roster_preview", &args.to_string(), "--as", &marketing], &db);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let preview = json(&out);
    assert_eq!(preview["new_count"], 1);
    let plan = preview["plan"].as_str().unwrap().to_string();
    let args =
        serde_json::json!({ "enterprise_id": 1, "file": sheet.display().to_string(), "complete": false, "plan": plan });
    let out = kos(&["call", "roster_apply", &args.to_string(), "--as", &marketing], &db);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(json(&out)["created"], 1);
    let args = serde_json::json!({
        "enterprise_id": 1, "xhs_id": "cli0001", "nickname": "命令行账号", "followers": 250,
        "phone_bound": true, "has_shop": false, "owner_staff_id": null,
    });
    let out = kos(&["call", "register_account", &args.to_string(), "--as", &marketing], &db);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(json(&out)["followers"], 250);
}
