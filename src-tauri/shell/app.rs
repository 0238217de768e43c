//! The window: one per database, remembered size and position, the database opened before any window
//! exists (a database that cannot be opened gives a native dialog with the reason and path, never a blank
//! window).
//!
//! One window per database (N-1, B-20): on Linux a second launch on the same database hands over to the
//! first over D-Bus (the single-instance plugin, its name derived from the database path, so a window on
//! another database starts beside it); everywhere, and on Linux without a session bus, the database's lock
//! refuses a second holder and the dialog names the process holding it.

use std::path::PathBuf;

use std::time::Duration;

use kos_core::db_lock::{HolderKind, Opener};
use kos_core::{Clock, Service};
use tauri::{Manager, WebviewWindowBuilder};

use crate::commands::AppState;
use crate::paths;

/// WebKitGTK reads this at start: set (to anything), its pages are drawn on the CPU without GPU compositing.
#[cfg(target_os = "linux")]
const WEBKIT_NO_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
/// `KOS_DESK_GPU_COMPOSITING=1` gives the window WebKitGTK's GPU compositing back.
#[cfg(target_os = "linux")]
const GPU_COMPOSITING: &str = "KOS_DESK_GPU_COMPOSITING";

/// Issue 15 item 4: on Linux the window draws its pages without GPU compositing unless the user asks for it
/// (`KOS_DESK_GPU_COMPOSITING=1`) or has set WebKit's own variable. Its pages are tables, forms and SVG charts,
/// nothing a GPU layer speeds up; measured on the 1,000,000-note database under Xvfb (release window, 概览
/// painted, 10 s idle), the web process holds 263 → 172 MB (PSS; the whole window 393 → 303 MB) and the first
/// usable screen comes ~0.15 s sooner. It is also the usual cure for a blank WebKitGTK window on some GPU
/// drivers (NVIDIA, virtual machines).
#[cfg(target_os = "linux")]
fn draws_without_gpu_compositing(gpu_opt_in: Option<&std::ffi::OsStr>, webkit_var: Option<&std::ffi::OsStr>) -> bool {
    let asked_for_gpu = gpu_opt_in.is_some_and(|v| !v.is_empty() && v != "0");
    !asked_for_gpu && webkit_var.is_none()
}

pub fn run(db: Option<PathBuf>) -> i32 {
    #[cfg(target_os = "linux")]
    if draws_without_gpu_compositing(
        std::env::var_os(GPU_COMPOSITING).as_deref(),
        std::env::var_os(WEBKIT_NO_COMPOSITING).as_deref(),
    ) {
        // before WebKit starts (its web process inherits it), and before this process has a second thread
        std::env::set_var(WEBKIT_NO_COMPOSITING, "1");
    }
    let path = paths::resolve_db(db);
    // issue 15 item 3: the updater's key and endpoint in force (test overrides: see updates::policy)
    let mut context = tauri::generate_context!();
    let update_setup = crate::updates::configure(&mut context);
    let updater = crate::updates::plugin(&update_setup);
    let app = tauri::Builder::default();
    // first: a second launch on the same database hands over to the running window and exits before
    // touching the database
    #[cfg(target_os = "linux")]
    let app = app.plugin(
        tauri_plugin_single_instance::Builder::new()
            .dbus_id(single_instance_id(&path))
            .callback(|app, _argv, _cwd| focus_main(app))
            .build(),
    );
    let app = app
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(updater)
        .register_asynchronous_uri_scheme_protocol(crate::proof_protocol::SCHEME, crate::proof_protocol::handle)
        .invoke_handler(crate::commands::invoke_handler())
        .setup(move |app| {
            // a command holding the database briefly (a `kos-desk call`) is waited for; a window is not
            let opener = Opener { kind: HolderKind::Window, wait: Duration::from_secs(WAIT_SECS) };
            let service = match tauri::async_runtime::block_on(Service::open_as(&path, Clock::system(), opener)) {
                Ok(s) => s,
                Err(e) => {
                    let err = e.to_api();
                    eprintln!("{}", err.message);
                    // a database in use is not broken: the message says who holds it and what to do
                    let hint = if err.code == kos_core::ErrorCode::DatabaseInUse { "" } else { HINT };
                    fatal_dialog(&err.message, hint);
                    std::process::exit(1);
                }
            };
            crate::startup::log_stage("database open");
            // a staged update is installed here, before the window opens, unless an import holds it back
            crate::updates::at_start(app.handle(), &service, update_setup);
            app.manage(AppState { service, team: crate::team::Team::new(&path) });
            let config = app.config().app.windows.first().cloned().ok_or("tauri.conf.json has no window")?;
            let window = WebviewWindowBuilder::from_config(app.handle(), &config)?.build()?;
            crate::file_dialogs::grant_dropped_files(&window);
            crate::startup::log_stage("window built");
            // in the background: the first screen never waits for the release server
            crate::updates::check_at_start(app.handle());
            Ok(())
        })
        .build(context);
    match app {
        Ok(app) => {
            app.run(|_, _| {});
            0
        }
        Err(e) => {
            let text = format!("KOS 工作台无法启动：{e}");
            eprintln!("{text}");
            fatal_dialog(&text, HINT);
            1
        }
    }
}

/// How long a starting window waits for another holder of its database to let go.
const WAIT_SECS: u64 = 5;

/// The D-Bus name of the window of the database at `path` (the plugin appends `.SingleInstance`): one per
/// database file, so a leftover window never captures launches on other databases.
pub fn single_instance_id(path: &std::path::Path) -> String {
    format!("{}.db_{}", paths::IDENTIFIER, kos_core::db_lock::database_key(path))
}

#[cfg(target_os = "linux")]
fn focus_main(app: &tauri::AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

const HINT: &str = "该文件没有被修改。请用 --db 或环境变量 KOS_DESK_DB 指向正确的数据库文件，\n或移走该文件后重新启动以创建新的数据库。";

/// A native error dialog, shown on the main thread before any window exists; returns when it is closed.
#[cfg(target_os = "linux")]
fn fatal_dialog(text: &str, hint: &str) {
    use gtk::prelude::*;
    if gtk::init().is_err() {
        return; // no display: stderr has the message
    }
    let dialog = gtk::MessageDialog::new(
        None::<&gtk::Window>,
        gtk::DialogFlags::MODAL,
        gtk::MessageType::Error,
        gtk::ButtonsType::Ok,
        "KOS 工作台无法打开数据库",
    );
    dialog.set_title("KOS 工作台 — 无法打开数据库");
    dialog.set_secondary_text(Some(format!("{text}\n\n{hint}").trim_end()));
    dialog.set_position(gtk::WindowPosition::Center);
    dialog.run();
    dialog.close();
}

#[cfg(not(target_os = "linux"))]
fn fatal_dialog(text: &str, hint: &str) {
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("KOS 工作台 — 无法打开数据库")
        .set_description(format!("{text}\n\n{hint}").trim_end())
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::draws_without_gpu_compositing as cpu;
    use std::ffi::OsStr;

    #[test]
    fn issue_15_item_4_the_window_draws_without_gpu_compositing_unless_asked() {
        assert!(cpu(None, None), "by default the pages are drawn on the CPU");
        assert!(!cpu(Some(OsStr::new("1")), None), "KOS_DESK_GPU_COMPOSITING=1 gives GPU compositing back");
        assert!(cpu(Some(OsStr::new("0")), None), "=0 (or empty) is not asking for it");
        assert!(cpu(Some(OsStr::new("")), None));
        // WebKit's own variable, whatever its value, is the user's: left as it is
        assert!(!cpu(None, Some(OsStr::new("1"))));
        assert!(!cpu(None, Some(OsStr::new("0"))));
    }
}
