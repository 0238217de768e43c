//! The native file dialogs, opened from Rust. The webview has no dialog permission and never names a path:
//! it asks for a dialog here, the user picks, and the core grants the picked file for that one purpose
//! (`kos_core::service::files`); the window gets a `FileRef` (token, name, size) to pass to a command.

use kos_core::service::FileRef;
use kos_core::{ApiError, CoreError};
use serde::Deserialize;
use specta::Type;
use tauri::{Emitter, Manager};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder, FilePath};

use crate::commands::AppState;

/// A file type offered in the dialog: "Excel" with `["xlsx"]`.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct FileFilter {
    pub name: String,
    pub extensions: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct PickOpenArgs {
    /// pick a folder instead of a file (B-16's proofs folder)
    #[serde(default)]
    pub folder: bool,
    #[serde(default)]
    pub filters: Vec<FileFilter>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct PickSaveArgs {
    /// the file name the dialog suggests
    pub suggested_name: String,
    #[serde(default)]
    pub filters: Vec<FileFilter>,
}

fn dialog(window: &tauri::WebviewWindow, filters: &[FileFilter]) -> FileDialogBuilder<tauri::Wry> {
    let mut d = window.dialog().file().set_parent(window);
    for f in filters {
        let ext: Vec<&str> = f.extensions.iter().map(String::as_str).collect();
        d = d.add_filter(&f.name, &ext);
    }
    d
}

/// Waits for the dialog's answer without blocking the main thread (the dialog runs there).
async fn answer(
    show: impl FnOnce(Box<dyn FnOnce(Option<FilePath>) + Send>),
) -> Result<Option<std::path::PathBuf>, ApiError> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    show(Box::new(move |p| {
        let _ = tx.send(p);
    }));
    let Ok(Some(picked)) = rx.await else {
        return Ok(None); // cancelled (or the window closed)
    };
    let shown = picked.to_string();
    picked.into_path().map(Some).map_err(|e| {
        CoreError::File {
            path: shown,
            reason_zh: format!("无法使用所选的文件：{e}"),
            reason_en: format!("Cannot use the chosen file: {e}"),
        }
        .to_api()
    })
}

/// 打开: the native open dialog (a file, or a folder); the pick is granted for reading. `null`: cancelled.
#[tauri::command]
#[specta::specta]
pub async fn pick_open_file(
    window: tauri::WebviewWindow,
    state: tauri::State<'_, AppState>,
    args: PickOpenArgs,
) -> Result<Option<FileRef>, ApiError> {
    let d = dialog(&window, &args.filters);
    let picked = if args.folder { answer(|f| d.pick_folder(f)).await? } else { answer(|f| d.pick_file(f)).await? };
    let Some(path) = picked else { return Ok(None) };
    // U-4: signed in to a team server, the pick is uploaded there and the server's grant comes back
    if let Some(team) = state.team.client() {
        let up = if args.folder { team.upload_folder(&path).await } else { team.upload(&path, None).await };
        return up.map(Some);
    }
    let svc = &state.service;
    let granted = if args.folder { svc.grant_folder(&path) } else { svc.grant_open(&path) };
    Ok(Some(granted?))
}

/// 保存: the native save dialog; the place is granted for one write. `null`: cancelled.
#[tauri::command]
#[specta::specta]
pub async fn pick_save_file(
    window: tauri::WebviewWindow,
    state: tauri::State<'_, AppState>,
    args: PickSaveArgs,
) -> Result<Option<FileRef>, ApiError> {
    let d = dialog(&window, &args.filters).set_file_name(&args.suggested_name);
    let Some(path) = answer(|f| d.save_file(f)).await? else { return Ok(None) };
    let path = with_filter_extension(path, &args.filters);
    // U-4: the command writes on the server; the file is downloaded here once it has run (`team_call`)
    if let Some(team) = state.team.client() {
        let granted = team.grant_save(&path).await?;
        state.team.expect_save(&granted.token, path);
        return Ok(Some(granted));
    }
    Ok(Some(state.service.grant_save(&path)?))
}

/// A name typed without one of the offered extensions gets the first filter's ("报表" → "报表.xlsx"), so the
/// file opens in the program its type belongs to.
pub fn with_filter_extension(path: std::path::PathBuf, filters: &[FileFilter]) -> std::path::PathBuf {
    let has = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| filters.iter().flat_map(|f| &f.extensions).any(|x| x.eq_ignore_ascii_case(e)));
    match filters.first().and_then(|f| f.extensions.first()) {
        Some(ext) if !has => {
            let mut name = path.into_os_string();
            name.push(".");
            name.push(ext);
            name.into()
        }
        _ => path,
    }
}

/// The event carrying the `FileRef` of a file dropped on the window.
pub const FILE_DROPPED: &str = "kos://file-dropped";

/// A file dropped on the window is the user's own choice: the Rust side grants it for reading and sends
/// the window its `FileRef` (the webview sees the drag, but a path it names is never used).
pub fn grant_dropped_files(window: &tauri::WebviewWindow) {
    let w = window.clone();
    window.on_window_event(move |event| {
        let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event else { return };
        let Some(path) = paths.first().cloned() else { return };
        let state = w.state::<AppState>();
        if let Some(team) = state.team.client() {
            // U-4: uploaded to the team server first (off the event loop)
            let w = w.clone();
            tauri::async_runtime::spawn(async move {
                match team.upload(&path, None).await {
                    Ok(file) => {
                        let _ = w.emit_to(w.label(), FILE_DROPPED, file);
                    }
                    Err(e) => eprintln!("{}", e.message),
                }
            });
            return;
        }
        match state.service.grant_open(&path) {
            Ok(file) => {
                let _ = w.emit_to(w.label(), FILE_DROPPED, file);
            }
            Err(e) => eprintln!("{}", e.to_api().message),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_without_an_offered_extension_gets_the_first_one() {
        let f =
            |exts: &[&str]| FileFilter { name: "x".into(), extensions: exts.iter().map(|e| e.to_string()).collect() };
        let list = [f(&["xlsx"]), f(&["csv"])];
        // a picked path in the OS's temp folder, built with the platform's path functions (tests/portable.rs)
        let dir = std::env::temp_dir().join("导出");
        let p = |name: &str| with_filter_extension(dir.join(name), &list);
        assert_eq!(p("报表"), dir.join("报表.xlsx"));
        assert_eq!(p("报表.CSV"), dir.join("报表.CSV"));
        assert_eq!(p("a.xlsx"), dir.join("a.xlsx"));
        assert_eq!(p("v1.2"), dir.join("v1.2.xlsx"));
        assert_eq!(with_filter_extension(dir.join("a"), &[]), dir.join("a"));
    }
}
