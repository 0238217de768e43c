//! The team server in-process on a free loopback port over a fresh database of the test cluster (`bash .ci/pg`).
#![allow(dead_code)]

use std::net::SocketAddr;

use kos_core::Clock;
use kos_server::Config;
use reqwest::StatusCode;
use serde_json::{json, Value};

pub struct Server {
    pub base: String,
    pub http: reqwest::Client,
    /// the service behind the server, for set-up the tests do directly
    pub svc: kos_core::Service,
    pub _dirs: (tempfile::TempDir, tempfile::TempDir),
}

pub async fn new_database() -> Option<String> {
    use sqlx::Connection;
    let Ok(url) = std::env::var("KOS_TEST_PG_URL") else {
        assert!(
            std::env::var_os("KOS_TEST_PG_REQUIRED").is_none(),
            "KOS_TEST_PG_REQUIRED is set but KOS_TEST_PG_URL is not"
        );
        eprintln!("no PostgreSQL (KOS_TEST_PG_URL unset): skipped; run through bash .ci/pg");
        return None;
    };
    let mut admin = sqlx::PgConnection::connect(&url).await.expect("connect to the test cluster");
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).expect("random");
    let name = format!("kos_srv_{}", hex::encode(b));
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
    )))
    .execute(&mut admin)
    .await
    .expect("create a test database");
    let base = url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b);
    Some(format!("{base}/{name}"))
}

/// A server on a free loopback port over a fresh database, with an administrator who can sign in.
pub async fn start(max_upload_bytes: u64) -> Option<Server> {
    start_with(max_upload_bytes, None).await
}

/// The same, serving the built UI in `web_dir` at `/` (U-5).
pub async fn start_with(max_upload_bytes: u64, web_dir: Option<std::path::PathBuf>) -> Option<Server> {
    let url = new_database().await?;
    let data = tempfile::tempdir().unwrap();
    let keys = tempfile::tempdir().unwrap();
    let config = Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        database_url: url,
        data_dir: data.path().join("data"),
        key_file: Some(keys.path().join("kos-server.keys")),
        tls: None,
        max_upload_bytes,
        db_connections: 4,
        web_dir,
    };
    let svc = kos_server::open_service(&config, Clock::system()).await.expect("open the team store");
    svc.create_admin("总部管理员", "admin-pass-1").await.expect("first administrator");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let state = kos_server::state(svc.clone(), &config);
    tokio::spawn(kos_server::serve(listener, state));
    Some(Server { base: format!("http://{addr}"), http: http_client(), svc, _dirs: (data, keys) })
}

impl Server {
    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        let mut req = self.http.post(format!("{}{path}", self.base)).json(&body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let res = req.send().await.expect("request");
        let status = res.status();
        let text = res.text().await.unwrap();
        (status, if text.is_empty() { Value::Null } else { serde_json::from_str(&text).expect("JSON") })
    }

    /// `POST /api/files` as `token`'s session, the file name (and folder token) in the query.
    pub async fn upload(
        &self,
        token: &str,
        query: &[(&str, &str)],
        body: impl Into<reqwest::Body>,
    ) -> reqwest::Response {
        let url = format!("{}/api/files", self.base);
        self.http.post(url).query(query).bearer_auth(token).body(body).send().await.expect("upload request")
    }

    pub async fn login(&self, name: &str, password: &str) -> String {
        let (s, v) = self.post("/api/login", None, json!({ "name": name, "password": password })).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        v["token"].as_str().unwrap().to_string()
    }

    pub async fn admin(&self) -> String {
        self.login("总部管理员", "admin-pass-1").await
    }
}

/// A user of the brand's own with the role, signed in with a password of their own.
pub async fn signed_in(srv: &Server, admin: &str, name: &str, role: &str, enterprise_id: i64) -> String {
    let (s, u) = srv
        .post(
            "/api/create_user",
            Some(admin),
            json!({ "name": name, "role": role, "enterprise_id": enterprise_id, "store_ids": [] }),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{u}");
    let (s, v) = srv
        .post("/api/reset_password", Some(admin), json!({ "user_id": u["id"], "new_password": "temp-pass-9" }))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let token = srv.login(name, "temp-pass-9").await;
    let (s, v) = srv
        .post(
            "/api/change_password",
            Some(&token),
            json!({ "current_password": "temp-pass-9", "new_password": "own-pass-77" }),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    token
}

/// A client for the tests. In a workspace build reqwest carries the window's `rustls-no-provider` feature,
/// and a client then needs a process-wide crypto provider even for plain http: ring's, as the server uses.
pub fn http_client() -> reqwest::Client {
    #[allow(deprecated)] // rustls 0.23.48 marks ring's provider deprecated for lacking post-quantum key exchange
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}
