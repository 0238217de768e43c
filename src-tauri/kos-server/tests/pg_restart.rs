//! Issue 13 item 7 (U-4): PostgreSQL restarted under load. Requests during the outage answer a clear, typed
//! error (503, code `db`, a Chinese message), never hang or end the server; afterwards the same server answers
//! again without a restart. A test binary of its own: it stops the test cluster (`bash .ci/pg` exports its data
//! folder, binaries and log), which no other test may be using meanwhile.

mod common;

use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{start, Server};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// `pg_ctl ACTION` on the test cluster (as the postgres user when the tests run as root); `None` when the
/// cluster's folder was not given (outside `.ci/pg`).
fn pg_ctl(action: &str) -> Option<()> {
    let data = std::env::var("KOS_TEST_PG_DATA").ok()?;
    let bin = std::env::var("KOS_TEST_PG_BIN").ok()?;
    let log = std::env::var("KOS_TEST_PG_LOG").ok()?;
    let pg_ctl = std::path::Path::new(&bin).join("pg_ctl");
    let mut cmd = match std::env::var("KOS_TEST_PG_AS") {
        Ok(user) if !user.is_empty() => {
            let mut c = Command::new("runuser");
            c.args(["-u", &user, "--"]).arg(&pg_ctl);
            c
        }
        _ => Command::new(&pg_ctl),
    };
    cmd.args(["-D", &data, "-w", "-t", "60"]);
    if action != "stop" {
        cmd.args(["-l", &log]);
    } else {
        cmd.args(["-m", "fast"]);
    }
    let out = cmd.arg(action).output().expect("run pg_ctl");
    assert!(out.status.success(), "pg_ctl {action}: {}", String::from_utf8_lossy(&out.stderr));
    Some(())
}

/// One request of the load: (status, code, milliseconds).
async fn one(srv: &Server, token: &str, i: usize) -> (StatusCode, Value, u128) {
    let started = Instant::now();
    let (path, body) = match i % 3 {
        0 => ("/api/list_enterprises", Value::Null),
        1 => ("/api/app_info", json!({})),
        _ => ("/api/list_stores", json!({ "enterprise_id": 1 })),
    };
    let (s, v) = srv.post(path, Some(token), body).await;
    (s, v, started.elapsed().as_millis())
}

/// A 503 the way the outage must answer: code `db`, a Chinese message that says to try again.
fn assert_clear_outage(v: &Value) {
    assert_eq!(v["code"], "db", "{v}");
    let message = v["message"].as_str().unwrap_or_default();
    assert!(message.contains("暂时连不上数据库") && message.contains("稍后重试"), "{v}");
    assert_eq!(v["details"]["unreachable"], true, "{v}");
}

/// Retries until the server answers 200 again (the pool reconnects by itself), at most `limit`.
async fn until_ok(srv: &Server, token: &str, limit: Duration) -> Duration {
    let started = Instant::now();
    loop {
        let (s, v, _) = one(srv, token, 0).await;
        if s == StatusCode::OK {
            return started.elapsed();
        }
        assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{v}");
        assert_clear_outage(&v);
        assert!(started.elapsed() < limit, "the server did not recover within {limit:?}: {v}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn u4_postgresql_restarted_under_load_fails_clearly_and_the_server_recovers_by_itself() {
    let Some(srv) = start(1 << 20).await else { return };
    if std::env::var_os("KOS_TEST_PG_DATA").is_none() {
        assert!(std::env::var_os("KOS_TEST_PG_REQUIRED").is_none(), "KOS_TEST_PG_DATA unset: run through bash .ci/pg");
        eprintln!("the cluster's folder is not known (KOS_TEST_PG_DATA unset): skipped");
        return;
    }
    let token = srv.admin().await;
    assert_eq!(srv.post("/api/load_demo", Some(&token), json!({})).await.0, StatusCode::OK);
    let srv = Arc::new(srv);

    // 1. a restart while four clients keep asking: every answer is a 200 or the clear 503, none hangs
    let stop = Arc::new(AtomicBool::new(false));
    let mut load = Vec::new();
    for c in 0..4 {
        let (srv, token, stop) = (srv.clone(), token.clone(), stop.clone());
        load.push(tokio::spawn(async move {
            let mut seen = Vec::new();
            let mut i = c;
            while !stop.load(Ordering::Relaxed) {
                seen.push(one(&srv, &token, i).await);
                i += 1;
            }
            seen
        }));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    pg_ctl("restart").expect("restart");
    let back = until_ok(&srv, &token, Duration::from_secs(30)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.store(true, Ordering::Relaxed);
    let mut answers = Vec::new();
    for h in load {
        answers.extend(h.await.expect("a client task"));
    }
    let failed = answers.iter().filter(|(s, _, _)| *s != StatusCode::OK).count();
    for (s, v, ms) in &answers {
        assert!(*s == StatusCode::OK || *s == StatusCode::SERVICE_UNAVAILABLE, "{s}: {v}");
        if *s == StatusCode::SERVICE_UNAVAILABLE {
            assert_clear_outage(v);
        }
        assert!(*ms < 15_000, "a request took {ms} ms");
    }
    let last = answers.iter().rev().take(4).filter(|(s, _, _)| *s == StatusCode::OK).count();
    assert!(last > 0, "the clients are answered again after the restart");
    eprintln!("restart under load: {} requests, {failed} answered 503, back after {back:?}", answers.len());

    // 2. an outage: a request answers the clear 503 within the pool's wait, the server keeps running
    pg_ctl("stop").expect("stop");
    let (s, v, ms) = one(&srv, &token, 1).await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert_clear_outage(&v);
    assert!(ms < 15_000, "the request waited {ms} ms");
    eprintln!("PostgreSQL stopped: answered 503 after {ms} ms");
    // sign-in too answers the typed error, not a panic
    let (s, v) = srv.post("/api/login", None, json!({ "name": "总部管理员", "password": "admin-pass-1" })).await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert_clear_outage(&v);
    pg_ctl("start").expect("start");
    // 3. the same server, not restarted, answers again: the pool reconnects
    until_ok(&srv, &token, Duration::from_secs(30)).await;
    let (s, v) = srv.post("/api/list_stores", Some(&token), json!({ "enterprise_id": 1 })).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(!v.as_array().unwrap().is_empty());
    let fresh = srv.login("总部管理员", "admin-pass-1").await;
    assert_eq!(srv.post("/api/app_info", Some(&fresh), json!({})).await.0, StatusCode::OK);
}
