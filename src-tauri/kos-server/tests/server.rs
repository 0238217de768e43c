//! U-4: the team server over real HTTP on loopback, on a throwaway PostgreSQL (`bash .ci/pg cargo test -p
//! kos-server`; without `KOS_TEST_PG_URL` the tests say so and pass, unless `KOS_TEST_PG_REQUIRED` is set).

mod common;

use common::{signed_in, start, start_with};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// U-4: without a valid session every path but login answers 401 with the typed error.
#[tokio::test]
async fn u4_every_path_but_login_answers_401_without_a_session() {
    let Some(srv) = start(1 << 20).await else { return };
    for (path, token) in [("/api/app_info", None), ("/api/session_get", Some("not-a-token")), ("/api/logout", None)] {
        let (s, v) = srv.post(path, token, json!({})).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{path}: {v}");
        assert_eq!(v["code"], "unauthenticated", "{path}");
        assert!(v["message"].as_str().unwrap().contains("登录"), "{v}");
    }
    for path in ["/api/proofs/abc", "/api/files/abc"] {
        let res = srv.http.get(format!("{}{path}", srv.base)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "unauthenticated");
    }
    let res = srv.http.post(format!("{}/api/files?name=a.csv", srv.base)).body("x").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

/// U-4: the actor is the session's user; nothing in the body changes who acts.
#[tokio::test]
async fn u4_the_actor_comes_from_the_session_alone() {
    let Some(srv) = start(1 << 20).await else { return };
    let admin = srv.admin().await;
    let (s, v) = srv.post("/api/session_get", Some(&admin), json!({ "user_id": 2, "actor": { "user_id": 2 } })).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["actor"]["name"], "总部管理员");
    assert_eq!(v["actor"]["role"], "admin");
    // there is no user switcher on the server
    let (s, v) = srv.post("/api/session_switch", Some(&admin), json!({ "user_id": 2 })).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::FORBIDDEN, Some("solo_only")), "{v}");
    // issue 15 item 3: the update check is each window's own setting, never the server's
    for name in ["update_settings", "set_update_check"] {
        let (s, v) =
            srv.post(&format!("/api/{name}"), Some(&admin), json!({ "check_on_start": false, "reason": "x" })).await;
        assert_eq!((s, v["code"].as_str()), (StatusCode::FORBIDDEN, Some("solo_only")), "{name}: {v}");
    }
    // a command runs against the team store
    let (s, v) = srv.post("/api/load_demo", Some(&admin), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = srv.post("/api/list_enterprises", Some(&admin), Value::Null).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v.as_array().unwrap().len() >= 2, "{v}");
    // a command that does not exist, and a body that is not JSON
    let (s, v) = srv.post("/api/no_such_command", Some(&admin), json!({})).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::NOT_FOUND, Some("unknown_command")));
    let res = srv.http.post(format!("{}/api/app_info", srv.base)).bearer_auth(&admin).body("{").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

/// U-4: a wrong password is one answer for a wrong name too; after five failures the name waits, told until
/// when, even with the right password; each attempt is in the history.
#[tokio::test]
async fn u4_failed_sign_ins_back_off_and_are_recorded() {
    let Some(srv) = start(1 << 20).await else { return };
    let (s, wrong_name) = srv.post("/api/login", None, json!({ "name": "无此人", "password": "whatever-123" })).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, wrong_pass) =
        srv.post("/api/login", None, json!({ "name": "总部管理员", "password": "wrong-pass-1" })).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong_name["code"], "login_failed");
    assert_eq!(wrong_name["message"], wrong_pass["message"], "a wrong name reads as a wrong password");
    for _ in 0..4 {
        srv.post("/api/login", None, json!({ "name": "总部管理员", "password": "wrong-pass-1" })).await;
    }
    let (s, v) = srv.post("/api/login", None, json!({ "name": "总部管理员", "password": "admin-pass-1" })).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "{v}");
    assert_eq!(v["code"], "login_backoff");
    assert!(v["details"]["available_from"].as_str().is_some_and(|t| t.ends_with("+08:00")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("稍后再试"), "{v}");
    // another name is not held up
    let admin = srv.svc.actor(1).await.unwrap();
    let history = srv
        .svc
        .list_history(
            &admin,
            serde_json::from_value(json!({ "enterprise_id": null, "entity_type": "login", "page_size": 50 })).unwrap(),
        )
        .await
        .unwrap();
    let failed = history.rows.iter().filter(|r| r.action == "login_failed").count();
    assert_eq!(failed, 6, "every failed attempt is recorded");
}

/// U-4: a browser gets an HttpOnly cookie that acts as the session; logout ends it for good.
#[tokio::test]
async fn u4_a_browser_session_is_an_http_only_cookie_and_logout_ends_it() {
    let Some(srv) = start(1 << 20).await else { return };
    let res = srv
        .http
        .post(format!("{}/api/login", srv.base))
        .json(&json!({ "name": "总部管理员", "password": "admin-pass-1", "client": "browser" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let pair = cookie.split(';').next().unwrap().to_string();
    let with_cookie = |path: &str| srv.http.post(format!("{}{path}", srv.base)).header("cookie", pair.clone());
    assert_eq!(with_cookie("/api/session_get").send().await.unwrap().status(), StatusCode::OK);
    let out = with_cookie("/api/logout").send().await.unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert!(out.headers().get("set-cookie").unwrap().to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(with_cookie("/api/session_get").send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
}

/// U-4: a client of another version is told to update.
#[tokio::test]
async fn u4_a_client_of_another_version_is_told_to_update() {
    let Some(srv) = start(1 << 20).await else { return };
    let res = srv
        .http
        .post(format!("{}/api/login", srv.base))
        .header("x-kos-client-version", "0.0.1")
        .json(&json!({ "name": "总部管理员", "password": "admin-pass-1" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UPGRADE_REQUIRED);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["code"], "client_outdated");
    assert!(v["message"].as_str().unwrap().contains("请更新"), "{v}");
    let same = srv
        .http
        .post(format!("{}/api/login", srv.base))
        .header("x-kos-client-version", kos_server::http::VERSION)
        .json(&json!({ "name": "总部管理员", "password": "admin-pass-1" }))
        .send()
        .await
        .unwrap();
    assert_eq!(same.status(), StatusCode::OK);
}

/// U-4: the administrator resets a store manager's password; the manager must change it before anything
/// else, then sees only their own stores' staff.
#[tokio::test]
async fn u4_a_reset_password_is_changed_first_and_a_manager_reaches_only_their_stores() {
    let Some(srv) = start(1 << 20).await else { return };
    let admin = srv.admin().await;
    assert_eq!(srv.post("/api/load_demo", Some(&admin), json!({})).await.0, StatusCode::OK);
    let (_, users) = srv.post("/api/list_users", Some(&admin), json!({})).await;
    let manager = users.as_array().unwrap().iter().find(|u| u["role"] == "store_manager").unwrap().clone();
    let (s, v) = srv
        .post("/api/reset_password", Some(&admin), json!({ "user_id": manager["id"], "new_password": "temp-pass-9" }))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let name = manager["name"].as_str().unwrap();
    let token = srv.login(name, "temp-pass-9").await;
    let e = manager["enterprise_id"].as_i64().unwrap();
    let (s, v) = srv.post("/api/list_stores", Some(&token), json!({ "enterprise_id": e })).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::FORBIDDEN, Some("password_change_required")), "{v}");
    let (s, v) = srv
        .post(
            "/api/change_password",
            Some(&token),
            json!({ "current_password": "temp-pass-9", "new_password": "my-own-pass-1" }),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, stores) = srv.post("/api/list_stores", Some(&token), json!({ "enterprise_id": e })).await;
    assert_eq!(s, StatusCode::OK, "{stores}");
    let own: Vec<i64> = stores.as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect();
    let (_, all) = srv.post("/api/list_stores", Some(&admin), json!({ "enterprise_id": e })).await;
    let other = all.as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).find(|id| !own.contains(id)).unwrap();
    assert!(own.len() < all.as_array().unwrap().len());
    let staff_of = |token: String| {
        let srv = &srv;
        async move {
            let args = json!({ "enterprise_id": e, "store_id": other, "page_size": 10, "cursor": null });
            srv.post("/api/list_staff", Some(&token), args).await
        }
    };
    let (_, theirs) = staff_of(admin.clone()).await;
    assert!(theirs["total"].as_i64().unwrap() > 0, "{theirs}");
    let (s, mine) = staff_of(token.clone()).await;
    assert_eq!((s, mine["total"].as_i64()), (StatusCode::OK, Some(0)), "another store's staff stay out of the list");
    let someone = theirs["rows"][0]["id"].as_i64().unwrap();
    let (s, v) = srv.post("/api/staff_departure", Some(&token), json!({ "staff_id": someone })).await;
    assert_eq!(
        (s, v["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found")),
        "another store's staff member: {v}"
    );
}

/// U-4: an upload is streamed to the server and size-checked; what a command saves is fetched once.
#[tokio::test]
async fn u4_files_upload_size_checked_and_exports_download_once() {
    let Some(srv) = start(64 * 1024).await else { return };
    let admin = srv.admin().await;
    let big = vec![b'x'; 65 * 1024];
    let res = srv.upload(&admin, &[("name", "big.csv")], big).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let v: Value = res.json().await.unwrap();
    assert!(v["message"].as_str().unwrap().contains("MB"), "{v}");
    let res = srv.upload(&admin, &[("name", "../../evil.csv")], "笔记ID\n").await;
    assert_eq!(res.status(), StatusCode::OK, "the folder part of a name is dropped");
    let up: Value = res.json().await.unwrap();
    assert_eq!(up["name"], "evil.csv");
    assert!(up["token"].as_str().is_some());

    assert_eq!(srv.post("/api/load_demo", Some(&admin), json!({})).await.0, StatusCode::OK);
    let (s, save) = srv.post("/api/files/save?name=历史.csv", Some(&admin), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{save}");
    let account: i64 = kos_core::on!(srv.svc.db().pool(), |db| sqlx::query_scalar(
        "SELECT account_id FROM bindings WHERE enterprise_id = 1 ORDER BY id LIMIT 1"
    )
    .fetch_one(db)
    .await)
    .unwrap();
    let (s, v) = srv
        .post(
            "/api/export_account_history",
            Some(&admin),
            json!({ "enterprise_id": 1, "account_id": account, "file": save["token"] }),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let url = format!("{}/api/files/{}", srv.base, save["token"].as_str().unwrap());
    let got = srv.http.get(&url).bearer_auth(&admin).send().await.unwrap();
    assert_eq!(got.status(), StatusCode::OK);
    assert!(got.headers()["content-disposition"].to_str().unwrap().contains("UTF-8''%E5%8E%86%E5%8F%B2.csv"));
    assert!(!got.bytes().await.unwrap().is_empty());
    let again = srv.http.get(&url).bearer_auth(&admin).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "fetched once");
}

/// U-4, B-16: a proofs folder reaches the server file by file: `POST /api/folders` hands its user a folder
/// token; uploads with `&folder=` fill it; nobody else may upload into it, and an unknown token is refused.
#[tokio::test]
async fn u4_a_folder_is_filled_file_by_file_by_its_user_only() {
    let Some(srv) = start(1024 * 1024).await else { return };
    let admin = srv.admin().await;
    let (s, folder) = srv.post("/api/folders", Some(&admin), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{folder}");
    let token = folder["token"].as_str().unwrap().to_string();
    let site = &srv;
    let upload = move |who: String, name: &'static str, folder: String| async move {
        site.upload(&who, &[("name", name), ("folder", &folder)], "PNG").await
    };
    for name in ["沈晓燕.png", "陈小美.png"] {
        let res = upload(admin.clone(), name, token.clone()).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    // the two files sit in one folder the core granted for reading
    let dirs: Vec<_> = std::fs::read_dir(srv._dirs.0.path().join("data").join("uploads")).unwrap().flatten().collect();
    assert_eq!(dirs.len(), 1, "one folder, not one per file");
    let mut names: Vec<String> =
        std::fs::read_dir(dirs[0].path()).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into()).collect();
    names.sort();
    assert_eq!(names, ["沈晓燕.png", "陈小美.png"]);

    // another user of the demo brand, signed in: refused, and nothing lands
    assert_eq!(srv.post("/api/load_demo", Some(&admin), json!({})).await.0, StatusCode::OK);
    let other = signed_in(&srv, &admin, "另一位市场", "brand_marketing", 1).await;
    let res = upload(other, "x.png", token.clone()).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["code"], "file_not_granted", "{v}");
    let res = upload(admin.clone(), "x.png", "no-such-folder".into()).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["code"], "file_not_granted", "{v}");
    assert_eq!(std::fs::read_dir(dirs[0].path()).unwrap().count(), 2, "nothing added by a refused upload");
}

/// Issue 13 item 5 (U-4, I-1, D-1): the team server keeps each brand's analytics column store, and a note import
/// by one client refreshes what every other client's boards and dashboards read.
#[tokio::test]
async fn u4_i1_d1_an_import_by_one_client_refreshes_the_boards_another_client_reads() {
    let Some(srv) = start(1 << 20).await else { return };
    let admin = srv.admin().await;
    assert_eq!(srv.post("/api/load_demo", Some(&admin), json!({})).await.0, StatusCode::OK);
    let importer = signed_in(&srv, &admin, "导入市场", "brand_marketing", 1).await;
    let reader = signed_in(&srv, &admin, "看板领导", "leader", 1).await;
    let now = chrono::Utc::now().with_timezone(&kos_core::clock::shanghai());
    let (today, start_day) = (now.date_naive(), now.date_naive() - chrono::Duration::days(29));
    let (s, campaign) = srv
        .post(
            "/api/create_campaign",
            Some(&importer),
            json!({ "enterprise_id": 1, "name": "导入后刷新", "start_date": start_day.to_string(),
                    "end_date": today.to_string(), "scope": null, "rules": null }),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{campaign}");
    let board = |token: String| {
        let srv = &srv;
        let id = campaign["id"].clone();
        async move {
            let (s, v) = srv.post("/api/campaign_board", Some(&token), json!({ "campaign_id": id })).await;
            assert_eq!(s, StatusCode::OK, "{v}");
            v["notes_considered"].as_i64().unwrap()
        }
    };
    let dashboard = |token: String| {
        let srv = &srv;
        let args = json!({ "enterprise_id": 1, "from": start_day.to_string(), "to": today.to_string() });
        async move {
            let (s, v) = srv.post("/api/dashboard_enterprise", Some(&token), args).await;
            assert_eq!(s, StatusCode::OK, "{v}");
            v["kpis"]["notes"].as_i64().unwrap()
        }
    };
    let (before, notes_before) = (board(reader.clone()).await, dashboard(reader.clone()).await);

    // the other client imports 30 new notes of a bound account, published two hours ago
    let (_, page) = srv
        .post(
            "/api/list_bindings",
            Some(&importer),
            json!({ "enterprise_id": 1, "tab": "active", "store_id": null, "mode": null, "job_title": null,
                    "keyword": null, "page_size": 10, "cursor": null }),
        )
        .await;
    let xhs = page["rows"][0]["xhs_id"].as_str().unwrap().to_string();
    let published = (now - chrono::Duration::hours(2)).format("%Y-%m-%d %H:%M:%S");
    let mut csv = String::from("笔记ID,笔记标题,笔记类型,发布时间,小红书号,曝光量,阅读量,点赞,收藏,评论\n");
    for i in 0..30 {
        csv.push_str(&format!("{:024x},刷新测试 {i},图文,{published},{xhs},500,200,30,5,2\n", 0xbeef_0000u64 + i));
    }
    let res = srv.upload(&importer, &[("name", "refresh.csv")], csv).await;
    assert_eq!(res.status(), StatusCode::OK);
    let file: Value = res.json().await.unwrap();
    let (s, mut job) = srv
        .post(
            "/api/start_note_import",
            Some(&importer),
            json!({ "enterprise_id": 1, "file": file["token"], "mapping": null, "data_date": null }),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{job}");
    for _ in 0..600 {
        if job["state"] != "running" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        job = srv.post("/api/job_status", Some(&importer), json!({ "job_id": job["id"] })).await.1;
    }
    assert_eq!(job["state"], "done", "{job}");
    assert_eq!(board(reader.clone()).await, before + 30, "the reader's board counts the new notes");
    assert_eq!(dashboard(reader).await, notes_before + 30, "the reader's dashboard too");
}

/// U-5: the phone pages sit beside the API: the app at `/` and at any deep link, while `/api/…` keeps its typed
/// answers (an unknown path is the API's JSON 404, never the app's HTML), and signing in as a browser sets the
/// HttpOnly cookie the pages' commands then carry.
#[tokio::test]
async fn u5_the_phone_pages_sit_beside_the_api() {
    let web = tempfile::tempdir().unwrap();
    std::fs::write(web.path().join("index.html"), "<!doctype html><title>KOS 工作台</title>").unwrap();
    let Some(srv) = start_with(1 << 20, Some(web.path().to_path_buf())).await else { return };
    for path in ["/", "/m/campaigns/12/board"] {
        let res = srv.http.get(format!("{}{path}", srv.base)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert!(res.text().await.unwrap().contains("KOS 工作台"), "{path}");
    }
    for path in ["/api/no/such/path", "/api"] {
        let res = srv.http.get(format!("{}{path}", srv.base)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "not_found", "{path}");
    }
    let (s, v) = srv.post("/api/session_get", None, json!({})).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("unauthenticated")));
    let res = srv
        .http
        .post(format!("{}/api/login", srv.base))
        .json(&json!({ "name": "总部管理员", "password": "admin-pass-1", "client": "browser" }))
        .send()
        .await
        .unwrap();
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("Max-Age=43200"), "a working day: {cookie}");
    let session = cookie.split(';').next().unwrap().to_string();
    let res = srv
        .http
        .post(format!("{}/api/session_get", srv.base))
        .header("cookie", session)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}
