//! KOS Desk's team server (U-4): the one command list over HTTP, on PostgreSQL, for signed-in users only.
//! A plain Linux binary: no Tauri, no WebKit. `main.rs` reads the settings and starts it; tests start it
//! in-process on a free loopback port.

pub mod config;
pub mod http;
pub mod web;

use std::path::Path;
use std::sync::Arc;

use kos_core::vault::KeyPlace;
use kos_core::{Clock, CoreResult, Service};

pub use config::Config;
pub use http::{router, AppState};

/// Opens the team store of `config`: PostgreSQL migrated, the proofs folder, the key (a key file outside the
/// data folder, else the OS key store; minted only for a server holding nothing yet).
pub async fn open_service(config: &Config, clock: Clock) -> CoreResult<Service> {
    Service::open_team(&config.database_url, &config.data_dir, clock, key_place(config), config.db_connections).await
}

/// Where the server keeps its key: `KOS_SERVER_KEY_FILE`, else the OS key store.
pub fn key_place(config: &Config) -> KeyPlace {
    match &config.key_file {
        Some(f) => KeyPlace::File(f.clone()),
        None => KeyPlace::OsStore,
    }
}

/// Files on their way in or out from an earlier run are not anyone's any more.
pub fn clear_transfers(data_dir: &Path) {
    for kind in ["uploads", "downloads"] {
        let _ = std::fs::remove_dir_all(data_dir.join(kind));
    }
}

/// The shared state of one server.
pub fn state(svc: Service, config: &Config) -> Arc<AppState> {
    clear_transfers(&config.data_dir);
    let web = config.web_dir.as_deref().and_then(|dir| match web::Web::open(dir) {
        Ok(w) => Some(w),
        Err(e) => {
            eprintln!("kos-server: {e}");
            None
        }
    });
    Arc::new(AppState::new(svc, config.data_dir.clone(), config.max_upload_bytes, config.tls.is_some()).with_web(web))
}

pub mod tls;

/// Serves plain HTTP on `listener` (loopback only: `config` refuses anything else) until Ctrl-C or SIGTERM.
pub async fn serve(listener: tokio::net::TcpListener, state: Arc<AppState>) -> std::io::Result<()> {
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown()).await
}

/// Ctrl-C, or SIGTERM where there is one (a service manager stopping the server).
pub async fn shutdown() {
    #[cfg(unix)]
    {
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
