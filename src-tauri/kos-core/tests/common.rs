#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use kos_core::vault::KeyPlace;
use kos_core::{Actor, Clock, Service};
use tempfile::TempDir;

/// A fresh database in its own temp folder, its key in a key file in another temp folder (the fallback where
/// no OS key store exists: it must lie outside the database's folder), a clock fixed at 2026-11-26 10:00
/// Beijing time.
///
/// U-4: with `KOS_TEST_STORE=pg` the same tests run on the team store instead: a fresh database per test on
/// the PostgreSQL cluster `KOS_TEST_PG_URL` names (`.ci/test` runs the suite both ways through `.ci/pg`).
pub struct TestApp {
    pub svc: Service,
    pub dir: TempDir,
    pub keys: TempDir,
    /// the test's PostgreSQL database when the suite runs on the team store
    pub pg_url: Option<String>,
}

/// True when this run tests the team store (PostgreSQL), which needs kos-core's `pg` feature: a run asked to
/// test PostgreSQL without it fails instead of testing SQLite twice.
pub fn on_pg() -> bool {
    let pg = std::env::var("KOS_TEST_STORE").as_deref() == Ok("pg");
    assert!(
        !pg || cfg!(feature = "pg"),
        "KOS_TEST_STORE=pg 需要 kos-core 的 pg 特性 (needs kos-core's pg feature): cargo test -p kos-core --features pg"
    );
    pg
}

/// Skips a test of what only the solo file has (its backups, its file lock, SQLite's query plans), saying so,
/// when the suite runs on the team store.
pub fn solo_only(what: &str) -> bool {
    if on_pg() {
        eprintln!("team store: skipped, {what} is the solo file's alone");
        return true;
    }
    false
}

/// A new, empty database on the test cluster (C collation, as the team store requires).
#[cfg(feature = "pg")]
pub async fn new_pg_database() -> String {
    use sqlx::Connection;
    let url =
        std::env::var("KOS_TEST_PG_URL").expect("KOS_TEST_STORE=pg needs KOS_TEST_PG_URL: run through bash .ci/pg");
    let mut admin = sqlx::PgConnection::connect(&url).await.expect("connect to the test cluster");
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).expect("random");
    let name = format!("kos_t_{}", hex::encode(b));
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
    )))
    .execute(&mut admin)
    .await
    .expect("create a test database");
    let base = url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b);
    format!("{base}/{name}")
}

pub fn clock() -> Clock {
    Clock::fixed(Utc.with_ymd_and_hms(2026, 11, 26, 2, 0, 0).single().expect("valid time"))
}

pub async fn fresh() -> TestApp {
    #[cfg(feature = "pg")]
    if on_pg() {
        let dir = tempfile::tempdir().expect("temp dir");
        let keys = tempfile::tempdir().expect("temp dir");
        let url = new_pg_database().await;
        let svc = Service::open_team(&url, dir.path(), clock(), key_file(&keys), 4).await.expect("open the team store");
        return TestApp { svc, dir, keys, pg_url: Some(url) };
    }
    fresh_lite().await
}

/// A fresh solo database (SQLite) whatever store the suite runs on (the tests comparing the two stores).
pub async fn fresh_lite() -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let keys = tempfile::tempdir().expect("temp dir");
    let svc = Service::open_with_keys(&dir.path().join("kos.db"), clock(), Some(key_file(&keys))).await.expect("open");
    TestApp { svc, dir, keys, pg_url: None }
}

/// Everything the store holds, to search for what must never be stored: the SQLite file and its WAL as they
/// lie on disk; on the team store, every row of every table as text.
pub async fn stored_bytes(app: &TestApp) -> Vec<u8> {
    match app.svc.db().pool() {
        kos_core::db::Pool::Lite(p) => {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(p).await.expect("checkpoint");
            let mut bytes = std::fs::read(app.dir.path().join("kos.db")).expect("the database file");
            bytes.extend(std::fs::read(app.dir.path().join("kos.db-wal")).unwrap_or_default());
            bytes
        }
        #[cfg(feature = "pg")]
        kos_core::db::Pool::Pg(p) => {
            let tables: Vec<String> =
                sqlx::query_scalar("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
                    .fetch_all(p)
                    .await
                    .expect("tables");
            let mut bytes = Vec::new();
            for t in tables {
                let text: String = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT COALESCE(string_agg(t::text, E'\\n'), '') FROM {t} t"
                )))
                .fetch_one(p)
                .await
                .expect("rows as text");
                bytes.extend(text.into_bytes());
            }
            bytes
        }
    }
}

/// Opens this app's store again with its key kept in `keys` (B-14: a key elsewhere, or a wrong one).
pub async fn open_again_with_keys(app: &TestApp, keys: KeyPlace) -> kos_core::CoreResult<Service> {
    #[cfg(feature = "pg")]
    if let Some(url) = &app.pg_url {
        return Service::open_team(url, app.dir.path(), clock(), keys, 4).await;
    }
    Service::open_with_keys(&app.dir.path().join("kos.db"), clock(), Some(keys)).await
}

/// The key file of a test's key folder.
pub fn key_file(keys: &TempDir) -> KeyPlace {
    KeyPlace::File(keys.path().join("kos-desk.keys"))
}

impl TestApp {
    /// Opens this app's database again (as a restart would: the running service lets go of the database's
    /// lock first), with its key file.
    pub async fn reopen(&self) -> Service {
        self.svc.db().close().await;
        #[cfg(feature = "pg")]
        if let Some(url) = &self.pg_url {
            return Service::open_team(url, self.dir.path(), clock(), key_file(&self.keys), 4).await.expect("reopen");
        }
        Service::open_with_keys(&self.dir.path().join("kos.db"), clock(), Some(key_file(&self.keys)))
            .await
            .expect("reopen")
    }

    pub async fn admin(&self) -> Actor {
        self.svc.actor(1).await.expect("admin")
    }

    pub async fn with_demo() -> TestApp {
        let app = fresh().await;
        let admin = app.admin().await;
        app.svc.load_demo(&admin, Default::default()).await.expect("demo loads");
        app
    }

    /// A solo database (SQLite) with the demo, whatever store the suite runs on (issue 13's move from solo to team).
    pub async fn with_demo_on_lite() -> TestApp {
        let app = fresh_lite().await;
        let admin = app.admin().await;
        app.svc.load_demo(&admin, Default::default()).await.expect("demo loads");
        app
    }

    /// The first active user with the role (after demo data).
    pub async fn user(&self, role: kos_core::model::Role) -> Actor {
        let admin = self.admin().await;
        let users = self.svc.list_users(&admin, Default::default()).await.expect("users");
        let u = users.iter().find(|u| u.role == role).expect("a user with the role");
        self.svc.actor(u.id).await.expect("actor")
    }

    /// The account of the first binding under 已绑定 in the actor's brand (after demo data).
    pub async fn first_bound_account(&self, actor: &Actor) -> i64 {
        let args = kos_core::service::ListBindingsArgs {
            enterprise_id: actor.enterprise_id.expect("a brand user"),
            tab: serde_json::from_str("\"active\"").expect("tab"),
            store_id: None,
            mode: None,
            job_title: None,
            keyword: None,
            page_size: 10,
            cursor: None,
        };
        self.svc.list_bindings(actor, args).await.expect("bindings").rows[0].account_id
    }
}

// ---------------------------------------------------------------------------------------------------------
// Employment proofs as whole valid files (B-10 validates them completely): each carries `tag` so its content,
// and so its proof id, is unique per tag

/// A 4 × 4 PNG with `tag` in a text chunk.
pub fn sample_png(tag: &str) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, 4, 4);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.add_text_chunk("Comment".into(), tag.into()).expect("text chunk");
        let mut w = enc.write_header().expect("png header");
        w.write_image_data(&[0xF0; 4 * 4 * 3]).expect("png data");
        w.finish().expect("png end");
    }
    out
}

/// A 16 × 16 grey baseline JPEG (made with ImageMagick) with `tag` in a comment segment.
pub fn sample_jpeg(tag: &str) -> Vec<u8> {
    const JPEG: &str = "ffd8ffe000104a46494600010100000100010000ffdb00430006040506050406060506070706080a100a0a09090a140e0f0c1017141818171416161a1d251f1a1b231c1616202c20232627292a29191f2d302d283025282928ffc0000b080010001001011100ffc4001500010100000000000000000000000000000008ffc40014100100000000000000000000000000000000ffda0008010100003f00a4c07fffd9";
    let jpeg = hex::decode(JPEG).expect("hex");
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xFE]);
    out.extend_from_slice(&u16::try_from(tag.len() + 2).expect("short tag").to_be_bytes());
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A one-page PDF whose page says `tag` (ASCII), with a correct cross-reference table.
pub fn sample_pdf(tag: &str) -> Vec<u8> {
    let text: String = tag.chars().map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '?' }).collect();
    let text = text.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
    let content = format!("BT /F1 18 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}
