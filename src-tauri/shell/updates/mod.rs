//! Updates (issue 15 item 3): the Tauri updater with a signed manifest. At start, in the background (the
//! first screen never waits), the window asks the release manifest unless the administrator turned
//! 启动时检查更新 off; a newer version shows a notice (version, date, notes) with 下载并在下次启动时安装 /
//! 以后再说. The download runs in the background with progress; the plugin verifies its minisign signature
//! (a bad one is refused and nothing is kept) and the bytes are kept in the app's data folder. The NEXT start
//! checks the signature again and installs them before the window opens, then relaunches into the new
//! version. No download starts and no install happens while an import runs (here or from the CLI on the same
//! database); an import cut off and waiting to be resumed also holds the install back, which the window says.
//! A failed check or download is quiet (the header shows it, stderr logs it), never a modal.
//!
//! Team mode changes nothing here: the check is the window's own (its own database holds the switch).

pub mod local_manifest;
pub mod policy;
pub mod staging;

use std::sync::Mutex;
use std::time::Duration;

use kos_core::service::ImportActivity;
use kos_core::{ApiError, ErrorCode, Service};
use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, Manager};
use tauri_plugin_updater::UpdaterExt;

use crate::commands::AppState;
use staging::{StagedUpdate, Staging};

/// Where the window is with updates.
#[derive(Debug, Clone, Copy, Serialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum UpdatePhase {
    /// nothing asked yet (or the check is still to come)
    Idle,
    /// the administrator turned 启动时检查更新 off: nothing was asked
    Off,
    Checking,
    UpToDate,
    /// a newer version is offered
    Available,
    Downloading,
    /// downloaded and verified: installed at the next start
    Staged,
    /// the release server could not be asked or did not answer a manifest (offline, a firewall, a proxy):
    /// nothing was downloaded or changed, so the header says so without a warning (`error` says why)
    CheckFailed,
    /// a download or an install failed (quietly: `error` says why)
    Failed,
}

/// A newer version as the manifest describes it.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct UpdateOffer {
    pub version: String,
    /// the manifest's pub_date (RFC 3339), if it gives one
    pub date: Option<String>,
    /// the manifest's notes: what is new
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct UpdateStatus {
    pub phase: UpdatePhase,
    pub current_version: String,
    pub offer: Option<UpdateOffer>,
    /// bytes downloaded so far, and the whole when the server says it
    pub downloaded: i64,
    pub total: Option<i64>,
    /// 以后再说 was chosen for this offer: the header keeps a small reminder instead of the notice
    pub dismissed: bool,
    /// why the last check, download or install failed
    pub error: Option<String>,
    pub error_en: Option<String>,
    /// the version this start installed
    pub installed: Option<String>,
    /// a staged update waits for a later start: why
    pub waiting: Option<String>,
    pub waiting_en: Option<String>,
}

/// Managed state of the updater: the status the window polls, the offered update, the staging folder.
pub struct Updates {
    status: Mutex<UpdateStatus>,
    offer: Mutex<Option<tauri_plugin_updater::Update>>,
    staging: Staging,
    pubkey: String,
}

/// The updater's configuration as this process runs it: the public key in force (the test key only in a
/// debug build) and the endpoint (a test endpoint only on this machine).
pub struct UpdaterSetup {
    pub pubkey: String,
    pub endpoint: Result<String, String>,
}

/// Reads tauri.conf.json's updater section and the test overrides; turns the plugin's own transport check
/// off, because this module makes a stricter one itself (policy::endpoint: https for the release manifest,
/// plain http only to this machine — the test endpoint and the start's own local manifest).
pub fn configure(context: &mut tauri::Context<tauri::Wry>) -> UpdaterSetup {
    let plugins = &mut context.config_mut().plugins.0;
    let section = plugins.entry("updater".to_string()).or_insert_with(|| serde_json::json!({}));
    let configured_key = section.get("pubkey").and_then(|v| v.as_str()).unwrap_or("").to_string();
    let configured_endpoint =
        section.get("endpoints").and_then(|v| v.get(0)).and_then(|v| v.as_str()).map(str::to_string);
    if let Some(obj) = section.as_object_mut() {
        obj.insert("dangerousInsecureTransportProtocol".into(), serde_json::Value::Bool(true));
    }
    let pubkey =
        policy::pubkey(&configured_key, std::env::var(policy::PUBKEY_ENV).ok().as_deref(), cfg!(debug_assertions));
    let endpoint =
        policy::endpoint(std::env::var(policy::ENDPOINT_ENV).ok().as_deref(), configured_endpoint.as_deref());
    UpdaterSetup { pubkey, endpoint }
}

/// The endpoint in force, kept by `configure` for the checks.
struct Endpoint(Result<String, String>);

fn log(text: &str) {
    eprintln!("[更新] {text}");
}

impl Updates {
    fn new(app: &AppHandle, pubkey: String) -> Updates {
        let data = app.path().app_data_dir().unwrap_or_else(|_| std::path::PathBuf::from("."));
        Updates {
            status: Mutex::new(UpdateStatus {
                phase: UpdatePhase::Idle,
                current_version: app.package_info().version.to_string(),
                offer: None,
                downloaded: 0,
                total: None,
                dismissed: false,
                error: None,
                error_en: None,
                installed: None,
                waiting: None,
                waiting_en: None,
            }),
            offer: Mutex::new(None),
            staging: Staging::in_app_data(&data),
            pubkey,
        }
    }

    pub fn snapshot(&self) -> UpdateStatus {
        self.status.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn set(&self, f: impl FnOnce(&mut UpdateStatus)) {
        f(&mut self.status.lock().unwrap_or_else(|e| e.into_inner()));
    }

    fn fail(&self, zh: String, en: String) {
        self.fail_as(UpdatePhase::Failed, zh, en);
    }

    fn fail_check(&self, zh: String, en: String) {
        self.fail_as(UpdatePhase::CheckFailed, zh, en);
    }

    fn fail_as(&self, phase: UpdatePhase, zh: String, en: String) {
        log(&zh);
        self.set(|s| {
            s.phase = phase;
            s.error = Some(zh);
            s.error_en = Some(en);
        });
    }
}

/// The plugin, with the public key in force.
pub fn plugin(setup: &UpdaterSetup) -> tauri::plugin::TauriPlugin<tauri::Wry, tauri_plugin_updater::Config> {
    tauri_plugin_updater::Builder::new().pubkey(setup.pubkey.clone()).build()
}

/// In setup, after the database is open and before the window exists: manages the state and installs a
/// staged update when no import holds it back (then relaunches; never returns in that case).
pub fn at_start(app: &AppHandle, service: &Service, setup: UpdaterSetup) {
    let updates = Updates::new(app, setup.pubkey);
    app.manage(Endpoint(setup.endpoint));
    install_staged(app, service, &updates);
    app.manage(updates);
}

fn install_staged(app: &AppHandle, service: &Service, updates: &Updates) {
    let (staged, bytes) = match updates.staging.load() {
        Ok(Some(s)) => s,
        Ok(None) => return,
        Err(e) => return updates.fail(e, "The downloaded update could not be read and was deleted".into()),
    };
    let current = app.package_info().version.to_string();
    // an unknown import state counts as a running import: the install waits rather than guess
    let activity = tauri::async_runtime::block_on(service.import_activity())
        .unwrap_or(ImportActivity { running: true, resumable: None });
    match policy::install_decision(&current, &staged.version, &activity) {
        policy::InstallDecision::Discard => updates.staging.clear(),
        policy::InstallDecision::Wait { zh, en } => {
            log(&zh);
            updates.set(|s| {
                s.phase = UpdatePhase::Staged;
                s.offer = Some(offer_of(&staged));
                s.waiting = Some(zh);
                s.waiting_en = Some(en);
            });
        }
        policy::InstallDecision::Install => {
            // the file may have changed at rest since the plugin verified it: the same check again
            if let Err(e) = staging::verify(&bytes, &staged.signature, &updates.pubkey) {
                updates.staging.clear();
                // the check's own words go to the log only
                log(&e);
                return updates.fail(
                    format!("已下载的更新 {} 签名无效，已拒绝并删除", staged.version),
                    format!(
                        "The downloaded update {} failed its signature check; it was refused and deleted",
                        staged.version
                    ),
                );
            }
            match tauri::async_runtime::block_on(install(app, &staged, &bytes)) {
                Ok(()) => {
                    updates.staging.clear();
                    log(&format!("已安装更新 {}", staged.version));
                    if relaunch() {
                        app.restart();
                    }
                    updates.set(|s| s.installed = Some(staged.version.clone()));
                }
                Err(e) => {
                    updates.staging.clear();
                    updates.fail(
                        format!("安装更新 {} 失败：{e}", staged.version),
                        format!("Installing update {} failed: {e}", staged.version),
                    );
                }
            }
        }
    }
}

/// Relaunch into the installed version, unless a debug build's test asks to open the window instead.
fn relaunch() -> bool {
    !(cfg!(debug_assertions) && std::env::var_os(policy::NO_RELAUNCH_ENV).is_some_and(|v| v == "1"))
}

async fn install(app: &AppHandle, staged: &StagedUpdate, bytes: &[u8]) -> Result<(), String> {
    let url = local_manifest::serve_once(&staged.manifest).await.map_err(|e| e.to_string())?;
    let url = tauri::Url::parse(&url).map_err(|e| e.to_string())?;
    let updater = app
        .updater_builder()
        .endpoints(vec![url])
        .and_then(|b| b.timeout(Duration::from_secs(30)).build())
        .map_err(|e| e.to_string())?;
    let update = updater.check().await.map_err(|e| e.to_string())?;
    let update = update.ok_or_else(|| format!("清单中的版本 {} 不比当前版本新", staged.version))?;
    if update.version != staged.version || update.signature.trim() != staged.signature.trim() {
        return Err(format!("清单与已下载的更新不一致（{} / {}）", update.version, staged.version));
    }
    update.install(bytes).map_err(|e| e.to_string())
}

fn offer_of(s: &StagedUpdate) -> UpdateOffer {
    UpdateOffer { version: s.version.clone(), date: s.date.clone(), notes: s.notes.clone() }
}

fn offer_of_update(u: &tauri_plugin_updater::Update) -> UpdateOffer {
    UpdateOffer {
        version: u.version.clone(),
        // the manifest's own text (RFC 3339), as the release workflow wrote it
        date: u.raw_json.get("pub_date").and_then(|d| d.as_str()).map(str::to_string),
        notes: u.body.clone(),
    }
}

/// After the window exists: the check at start, in the background, unless the administrator turned it off.
pub fn check_at_start(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let on = match app.state::<AppState>().service.update_check_on_start().await {
            Ok(on) => on,
            Err(e) => {
                log(&format!("无法读取「启动时检查更新」设置，本次不检查：{}", e.to_api().message));
                false
            }
        };
        let updates = app.state::<Updates>();
        // this start installed an update, keeps one waiting for an import, or refused one: it asks nothing
        // more (the header says what happened; the next start asks again)
        if updates.snapshot().phase != UpdatePhase::Idle || updates.snapshot().installed.is_some() {
            return;
        }
        if !on {
            // the administrator's switch: not a single request leaves the window
            updates.set(|s| s.phase = UpdatePhase::Off);
            return;
        }
        check(&app).await;
    });
}

/// Asks the manifest; a staged update or one waiting for an import is kept as it is.
async fn check(app: &AppHandle) {
    let updates = app.state::<Updates>();
    if updates.snapshot().phase == UpdatePhase::Staged {
        return;
    }
    updates.set(|s| {
        s.phase = UpdatePhase::Checking;
        s.error = None;
        s.error_en = None;
    });
    let endpoint = match &app.state::<Endpoint>().0 {
        Ok(e) => e.clone(),
        Err(why) => {
            return updates.fail_check(format!("检查更新失败：{why}"), format!("Checking for updates failed: {why}"));
        }
    };
    let result = async {
        let url = tauri::Url::parse(&endpoint).map_err(|e| e.to_string())?;
        let updater = app
            .updater_builder()
            .endpoints(vec![url])
            .and_then(|b| b.timeout(Duration::from_secs(30)).build())
            .map_err(|e| e.to_string())?;
        updater.check().await.map_err(|e| e.to_string())
    }
    .await;
    match result {
        Ok(Some(update)) => {
            log(&format!("有新版本 {}（当前 {}）", update.version, update.current_version));
            let offer = offer_of_update(&update);
            *updates.offer.lock().unwrap_or_else(|e| e.into_inner()) = Some(update);
            updates.set(|s| {
                s.phase = UpdatePhase::Available;
                s.offer = Some(offer);
                s.dismissed = false;
            });
        }
        Ok(None) => updates.set(|s| s.phase = UpdatePhase::UpToDate),
        Err(e) => updates.fail_check(format!("检查更新失败：{e}"), format!("Checking for updates failed: {e}")),
    }
}

fn import_running_error() -> ApiError {
    ApiError {
        code: ErrorCode::ImportRunning,
        message: "有导入正在进行（本窗口或命令行），导入结束后再下载更新".into(),
        message_en: "An import is running (in this window or from the command line); download the update after it ends"
            .into(),
        details: serde_json::Value::Null,
    }
}

/// Where the window is with updates (the header polls it).
#[tauri::command]
#[specta::specta]
pub fn update_status(updates: tauri::State<'_, Updates>) -> UpdateStatus {
    updates.snapshot()
}

/// 检查更新 now (also when the administrator turned the check at start off: the user asked).
#[tauri::command]
#[specta::specta]
pub async fn update_check(app: AppHandle) -> UpdateStatus {
    check(&app).await;
    app.state::<Updates>().snapshot()
}

/// 以后再说: the notice closes for this offer; the header keeps a small reminder.
#[tauri::command]
#[specta::specta]
pub fn update_dismiss(updates: tauri::State<'_, Updates>) -> UpdateStatus {
    updates.set(|s| s.dismissed = true);
    updates.snapshot()
}

/// 下载并在下次启动时安装: starts the download in the background (refused while an import runs); the
/// status reports its progress, then `staged`.
#[tauri::command]
#[specta::specta]
pub async fn update_download(app: AppHandle, state: tauri::State<'_, AppState>) -> Result<UpdateStatus, ApiError> {
    let activity = state.service.import_activity().await?;
    if policy::may_download(&activity) == policy::DownloadGate::ImportRunning {
        log("有导入正在进行，不下载更新");
        return Err(import_running_error());
    }
    let updates = app.state::<Updates>();
    let update = updates.offer.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let Some(update) = update else {
        return Err(ApiError {
            code: ErrorCode::NotFound,
            message: "没有可下载的更新，请先检查更新".into(),
            message_en: "There is no update to download; check for updates first".into(),
            details: serde_json::Value::Null,
        });
    };
    if updates.snapshot().phase == UpdatePhase::Downloading {
        return Ok(updates.snapshot());
    }
    updates.set(|s| {
        s.phase = UpdatePhase::Downloading;
        s.downloaded = 0;
        s.total = None;
        s.dismissed = false;
        s.error = None;
        s.error_en = None;
    });
    let task_app = app.clone();
    tauri::async_runtime::spawn(async move {
        let updates = task_app.state::<Updates>();
        let result = update
            .download(
                |chunk, total| {
                    updates.set(|s| {
                        s.downloaded += i64::try_from(chunk).unwrap_or(i64::MAX);
                        s.total = total.and_then(|t| i64::try_from(t).ok());
                    })
                },
                || {},
            )
            .await;
        match result {
            Ok(bytes) => {
                let staged = StagedUpdate {
                    version: update.version.clone(),
                    date: offer_of_update(&update).date,
                    notes: update.body.clone(),
                    signature: update.signature.clone(),
                    manifest: update.raw_json.clone(),
                    staged_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                };
                match updates.staging.stage(&staged, &bytes) {
                    Ok(()) => {
                        log(&format!("更新 {} 已下载并校验，下次启动时安装", update.version));
                        updates.set(|s| s.phase = UpdatePhase::Staged);
                    }
                    Err(e) => {
                        updates.staging.clear();
                        updates.fail(
                            format!("无法保存下载的更新：{e}"),
                            format!("The downloaded update could not be saved: {e}"),
                        );
                    }
                }
            }
            Err(e) => {
                // nothing of a refused or broken download is kept
                updates.staging.clear();
                let bad_signature = matches!(
                    e,
                    tauri_plugin_updater::Error::Minisign(_)
                        | tauri_plugin_updater::Error::Base64(_)
                        | tauri_plugin_updater::Error::SignatureUtf8(_)
                        | tauri_plugin_updater::Error::SignedVersionMismatch { .. }
                        | tauri_plugin_updater::Error::MissingSignedVersion
                );
                if bad_signature {
                    // the library's own words go to the log only
                    log(&format!("签名校验：{e}"));
                    updates.fail(
                        format!("更新 {} 的签名无效，已拒绝，未保存任何文件", update.version),
                        format!(
                            "Update {} failed its signature check and was refused; nothing was kept",
                            update.version
                        ),
                    );
                } else {
                    updates.fail(format!("下载更新失败：{e}"), format!("Downloading the update failed: {e}"));
                }
            }
        }
    });
    Ok(updates.snapshot())
}

#[cfg(test)]
mod tests {
    use base64::Engine;

    fn conf() -> serde_json::Value {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tauri.conf.json");
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
    }

    #[test]
    fn the_shipped_configuration_makes_signed_updates_over_https() {
        let c = conf();
        assert_eq!(c["bundle"]["createUpdaterArtifacts"], serde_json::json!(true));
        let updater = &c["plugins"]["updater"];
        assert_eq!(updater["requireSignedVersion"], serde_json::json!(true));
        // the release endpoint is https (the test override is the only other, and only on this machine)
        let endpoint = updater["endpoints"][0].as_str().unwrap();
        assert_eq!(super::policy::endpoint(None, Some(endpoint)).unwrap(), endpoint);
        // the project's public key is a minisign key, not the E2E test key
        let key = updater["pubkey"].as_str().unwrap();
        let text = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(key).unwrap()).unwrap();
        minisign_verify::PublicKey::decode(&text).unwrap();
        let test_key = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests")
                .join("e2e")
                .join("fixtures")
                .join("updater")
                .join("test.key.pub"),
        )
        .unwrap();
        assert_ne!(key.trim(), test_key.trim());
        // the webview gets none of the plugin's commands: the shell's own update_* commands are the way in
        let caps = c["app"]["security"]["capabilities"].to_string();
        assert!(!caps.contains("updater:"), "{caps}");
    }
}
