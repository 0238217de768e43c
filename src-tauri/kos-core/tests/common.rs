#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use kos_core::vault::KeyPlace;
use kos_core::{Actor, Clock, Service};
use tempfile::TempDir;

/// A fresh database in its own temp folder, its key in a key file in another temp folder (the fallback where
/// no OS key store exists: it must lie outside the database's folder), a clock fixed at 2026-11-26 10:00
/// Beijing time.
pub struct TestApp {
    pub svc: Service,
    pub dir: TempDir,
    pub keys: TempDir,
}

pub fn clock() -> Clock {
    Clock::fixed(Utc.with_ymd_and_hms(2026, 11, 26, 2, 0, 0).single().expect("valid time"))
}

pub async fn fresh() -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let keys = tempfile::tempdir().expect("temp dir");
    let svc = Service::open_with_keys(&dir.path().join("kos.db"), clock(), Some(key_file(&keys))).await.expect("open");
    TestApp { svc, dir, keys }
}

/// The key file of a test's key folder.
pub fn key_file(keys: &TempDir) -> KeyPlace {
    KeyPlace::File(keys.path().join("kos-desk.keys"))
}

impl TestApp {
    /// Opens this app's database again (as a restart would), with its key file.
    pub async fn reopen(&self) -> Service {
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

    /// The first active user with the role (after demo data).
    pub async fn user(&self, role: kos_core::model::Role) -> Actor {
        let admin = self.admin().await;
        let users = self.svc.list_users(&admin, Default::default()).await.expect("users");
        let u = users.iter().find(|u| u.role == role).expect("a user with the role");
        self.svc.actor(u.id).await.expect("actor")
    }
}
