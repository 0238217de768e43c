//! Integration tests of the app package: the headless door (`kos-desk call`) and the generated bindings.

use std::path::Path;
use std::process::{Command, Output};

fn kos(args: &[&str], db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kos-desk"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("KOS_DESK_DB")
        .output()
        .expect("run kos-desk")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn bindings_ts_is_current() {
    let committed = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings.ts"))
        .expect("ui/src/bindings.ts is committed");
    let fresh = kos_desk::bindings::render().expect("bindings render");
    assert!(
        committed == fresh,
        "ui/src/bindings.ts is stale: run `cargo run -- export-bindings` and commit the result"
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
    let db = dir.path().join("kos.db");
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
    let db = dir.path().join("kos.db");
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
    let db = dir.path().join("报表.xlsx.db");
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
    let db = dir.path().join("kos.db");
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
    let db = dir.path().join("kos.db");
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
