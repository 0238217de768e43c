//! Tauri commands, generated from `kos_core::kos_commands!`: each resolves the acting user of this machine
//! and delegates to the core service. The same list serves `ui/src/api/commands.gen.ts` and `kos-desk call`.

use kos_core::{ApiError, Service};

/// Managed state: the core service (it holds the pool; no global, no Mutex).
pub struct AppState {
    pub service: Service,
    /// the team server this window is signed in to, if any (U-4): the UI's transport sends commands there
    pub team: crate::team::Team,
}

macro_rules! tauri_commands {
    ($( $(#[doc = $doc:literal])* $name:ident($args:ty) -> $out:ty; )*) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command]
            #[specta::specta]
            pub async fn $name(state: tauri::State<'_, AppState>, args: $args) -> Result<$out, ApiError> {
                let svc = &state.service;
                Ok(svc.$name(&svc.local_actor().await?, args).await?)
            }
        )*

        /// Every command of the window, once: the core's, then the shell's own, handed to `$then!` (Tauri's
        /// `generate_handler`, tauri-specta's `collect_commands`).
        macro_rules! with_every_command {
            ($then:ident) => {
                $then![
                    $($name,)*
                    // the native dialogs, opened from Rust: the webview gets file grants, never paths
                    crate::file_dialogs::pick_open_file,
                    crate::file_dialogs::pick_save_file,
                    crate::team::team_status,
                    crate::team::team_connect,
                    crate::team::team_disconnect,
                    crate::team::team_call,
                    restart_app,
                    crate::updates::update_status,
                    crate::updates::update_check,
                    crate::updates::update_download,
                    crate::updates::update_dismiss,
                    crate::startup::first_screen_ready
                ]
            };
        }

        /// The window's invoke handler. Tauri's own, not tauri-specta's: that one carries every command's
        /// type description, which only the export below reads (issue 15 item 1: not in the shipped window).
        pub fn invoke_handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            use tauri::generate_handler;
            with_every_command!(generate_handler)
        }

        /// The builder the typed commands (`ui/src/api/commands.gen.ts`) are exported from.
        #[cfg(feature = "export-ts")]
        pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
            use tauri_specta::collect_commands;
            // IDs and counts are i64 in Rust and stay far below 2^53, so they travel as numbers
            tauri_specta::Builder::<tauri::Wry>::new()
                .commands(with_every_command!(collect_commands))
                .dangerously_cast_bigints_to_number()
                .disable_serde_phases()
                // B-11: the window offers exactly the core's job titles
                .constant("JOB_TITLES", kos_core::model::JOB_TITLES)
        }
    };
}

kos_core::kos_commands!(tauri_commands);

/// Starts the window again on the database as it now is on disk: after `restore_backup` has put a backup
/// in place (the old process's database is closed by then).
#[tauri::command]
#[specta::specta]
pub fn restart_app(app: tauri::AppHandle) {
    app.request_restart();
}
