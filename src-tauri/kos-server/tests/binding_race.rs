//! Issue 13 item 7 (U-4, B-17, B-20): two clients change the same binding at the same moment. Exactly one wins;
//! the other is told, typed, why it did not (the binding changed under it), and the history records one change.

mod common;

use common::{signed_in, start, Server};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn u4_b17_two_clients_changing_one_binding_one_wins_the_other_is_told_why() {
    let Some(srv) = start(1 << 20).await else { return };
    let admin = srv.admin().await;
    assert_eq!(srv.post("/api/load_demo", Some(&admin), json!({})).await.0, StatusCode::OK);
    let a = signed_in(&srv, &admin, "市场甲", "brand_marketing", 1).await;
    let b = signed_in(&srv, &admin, "市场乙", "brand_marketing", 1).await;
    let (s, page) = srv
        .post(
            "/api/list_bindings",
            Some(&a),
            json!({ "enterprise_id": 1, "tab": "active", "store_id": null, "mode": null, "job_title": null,
                    "keyword": null, "page_size": 10, "cursor": null }),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{page}");
    let binding = page["rows"][0]["id"].as_i64().expect("an active binding");
    let changes_before = history_rows(&srv, binding).await;
    let rounds = 12;
    let mut lost_codes = Vec::new();
    for round in 0..rounds {
        let command = if round % 2 == 0 { "freeze" } else { "unfreeze" };
        let path = format!("/api/{command}");
        let body = |who: &str| json!({ "binding_id": binding, "reason": format!("第 {round} 轮 {who}") });
        let (ra, rb) = tokio::join!(srv.post(&path, Some(&a), body("甲")), srv.post(&path, Some(&b), body("乙")));
        let (won, lost) = match (ra.0, rb.0) {
            (StatusCode::OK, StatusCode::CONFLICT) => (ra, rb),
            (StatusCode::CONFLICT, StatusCode::OK) => (rb, ra),
            other => panic!("round {round} {command}: exactly one must win, got {other:?}: {} / {}", ra.1, rb.1),
        };
        let want = if command == "freeze" { "frozen" } else { "active" };
        assert_eq!(won.1["status"], want, "{}", won.1);
        let code = lost.1["code"].as_str().unwrap_or_default().to_string();
        // raced inside the write (binding_changed) or read after the winner committed (no longer active/frozen)
        assert!(
            ["binding_changed", "binding_not_active", "binding_not_frozen", "binding_not_live"]
                .contains(&code.as_str()),
            "round {round}: {}",
            lost.1
        );
        let message = lost.1["message"].as_str().unwrap_or_default();
        assert!(message.contains("绑定") && !message.is_empty(), "the loser is told why: {}", lost.1);
        assert_eq!(lost.1["details"]["rule"], "B-17", "{}", lost.1);
        lost_codes.push(code);
    }
    // B-20: one history row per round, by the winner alone
    assert_eq!(history_rows(&srv, binding).await, changes_before + rounds);
    eprintln!("losers were told: {lost_codes:?}");
}

async fn history_rows(srv: &Server, binding: i64) -> usize {
    let n: i64 = kos_core::on!(srv.svc.db().pool(), |db| sqlx::query_scalar(
        "SELECT COUNT(*) FROM history WHERE entity_type = 'binding' AND entity_id = $1"
    )
    .bind(binding.to_string())
    .fetch_one(db)
    .await)
    .expect("history rows");
    usize::try_from(n).unwrap_or(0)
}
