//! The window as a client of the team server (U-4, issue 13 item 4). 连接团队服务器 takes an address, a name
//! and a password; from then on the window's commands travel to the server (`team_call`, chosen by the
//! UI's transport), files picked in the native dialogs are uploaded there (streamed; the server checks the
//! size), files a command saves are downloaded to the place the user picked, and proofs are fetched from it.
//!
//! The address and the name are remembered beside the database (`<db>.team.json`), never the password or
//! the session: the next start asks to sign in again. The server unreachable: a request that never reached
//! it is tried again (three times, with pauses), then the window is told plainly — what the user typed stays
//! in its form. A server of another version answers 426 and the window says to update.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use kos_core::service::FileRef;
use kos_core::{ApiError, CoreError, ErrorCode};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::commands::AppState;

/// The header the client names its version in (the server answers 426 to another version).
const VERSION_HEADER: &str = "x-kos-client-version";
const VERSION: &str = env!("CARGO_PKG_VERSION");
/// A request that could not reach the server is tried this many times in all.
const TRIES: u32 = 3;

/// What is remembered of the team server between starts: where, and as whom (never the password).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type, PartialEq)]
pub struct TeamSettings {
    pub url: Option<String>,
    pub name: Option<String>,
}

/// The window's mode: solo on its own database, or signed in to a team server.
#[derive(Debug, Clone, Serialize, Type)]
pub struct TeamStatus {
    /// signed in to a team server: every command goes there
    pub connected: bool,
    /// the server's address (remembered: the window asks to sign in again on the next start)
    pub url: Option<String>,
    /// the name last signed in with
    pub name: Option<String>,
    /// the administrator reset the password: it must be changed before anything else
    pub must_change_password: bool,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct TeamConnectArgs {
    /// `https://server:port` (plain `http://` only to a server on this machine)
    pub url: String,
    pub name: String,
    pub password: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct TeamCallArgs {
    /// the command's name (`list_notes`)
    pub command: String,
    /// the command's arguments, as the window would pass them to the local core
    pub args: serde_json::Value,
}

/// One signed-in session with the team server.
pub struct TeamClient {
    pub url: String,
    pub name: String,
    token: String,
    must_change_password: std::sync::atomic::AtomicBool,
    http: reqwest::Client,
}

/// The client's state in the window: the session (if any), the remembered settings and where each save
/// token's file goes on this machine.
pub struct Team {
    settings_path: PathBuf,
    client: RwLock<Option<Arc<TeamClient>>>,
    /// server save tokens handed to the window → the path the user picked here
    saves: Mutex<HashMap<String, PathBuf>>,
}

impl Team {
    pub fn new(db_path: &Path) -> Team {
        let mut name = db_path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(".team.json");
        Team { settings_path: db_path.with_file_name(name), client: RwLock::new(None), saves: Mutex::default() }
    }

    pub fn client(&self) -> Option<Arc<TeamClient>> {
        self.client.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn settings(&self) -> TeamSettings {
        std::fs::read(&self.settings_path).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
    }

    fn save_settings(&self, s: &TeamSettings) -> Result<(), ApiError> {
        let json = serde_json::to_vec_pretty(s).unwrap_or_default();
        std::fs::write(&self.settings_path, json).map_err(|e| {
            CoreError::File {
                path: self.settings_path.display().to_string(),
                reason_zh: format!("无法保存团队服务器设置：{e}"),
                reason_en: format!("Cannot save the team server settings: {e}"),
            }
            .to_api()
        })
    }

    pub fn status(&self) -> TeamStatus {
        let s = self.settings();
        match self.client() {
            Some(c) => TeamStatus {
                connected: true,
                url: Some(c.url.clone()),
                name: Some(c.name.clone()),
                must_change_password: c.must_change_password.load(std::sync::atomic::Ordering::Relaxed),
            },
            None => TeamStatus { connected: false, url: s.url, name: s.name, must_change_password: false },
        }
    }

    /// Remembers a save token's place on this machine until the command that writes it has run.
    pub fn expect_save(&self, token: &str, local: PathBuf) {
        self.saves.lock().unwrap_or_else(|e| e.into_inner()).insert(token.to_string(), local);
    }

    fn take_saves_named_in(&self, args: &serde_json::Value) -> Vec<(String, PathBuf)> {
        let mut strings = Vec::new();
        collect_strings(args, &mut strings);
        let mut saves = self.saves.lock().unwrap_or_else(|e| e.into_inner());
        strings.into_iter().filter_map(|s| saves.remove(&s).map(|p| (s, p))).collect()
    }
}

fn collect_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}

fn unreachable(url: &str, e: &reqwest::Error) -> ApiError {
    let why = if e.is_timeout() { "等待超时" } else { "连接失败" };
    ApiError {
        code: ErrorCode::ServerUnreachable,
        message: format!("无法连接团队服务器 {url}（{why}，已重试 {TRIES} 次）。请检查网络或联系管理员；已填写的内容仍保留，可稍后再试"),
        message_en: format!("Cannot reach the team server {url} (tried {TRIES} times: {e}). Check the network or ask the administrator; what you typed is kept, try again later"),
        details: serde_json::json!({ "url": url }),
    }
}

fn file_error(path: &Path, zh: &str, en: &str, e: impl std::fmt::Display) -> ApiError {
    CoreError::File {
        path: path.display().to_string(),
        reason_zh: format!("{zh}：{e}"),
        reason_en: format!("{en}: {e}"),
    }
    .to_api()
}

/// The server's answer as the typed error it carries (any non-2xx), or a plain one when it carries none.
async fn error_of(res: reqwest::Response) -> ApiError {
    let status = res.status();
    let body = res.bytes().await.unwrap_or_default();
    let mut err = serde_json::from_slice::<ApiError>(&body).unwrap_or_else(|_| ApiError {
        code: if status.as_u16() == 426 { ErrorCode::ClientOutdated } else { ErrorCode::Db },
        message: format!("团队服务器返回了错误（HTTP {}）", status.as_u16()),
        message_en: format!("The team server answered with an error (HTTP {})", status.as_u16()),
        details: serde_json::json!({ "status": status.as_u16() }),
    });
    if err.code == ErrorCode::ClientOutdated {
        // issue 15 item 3: the window's own updater is where the other version comes from
        err.message.push_str("。断开团队服务器后，可在「规则设置 › 软件更新」中点「立即检查更新」。");
        err.message_en.push_str(
            ". Disconnect from the team server, then use Rule settings › Software updates › Check for updates now.",
        );
    }
    err
}

/// `https://host:port` without a trailing slash; plain http only to this machine (the server refuses it
/// elsewhere too).
pub fn normalize_url(raw: &str) -> Result<String, ApiError> {
    let bad = |zh: &str, en: &str| CoreError::invalid("url", zh, en).to_api();
    let mut url = raw.trim().trim_end_matches('/').to_string();
    if url.is_empty() {
        return Err(bad("请填写团队服务器地址", "Enter the team server's address"));
    }
    if !url.contains("://") {
        url = format!("https://{url}");
    }
    let parsed = reqwest::Url::parse(&url)
        .map_err(|e| bad(&format!("服务器地址无效：{e}"), &format!("The server address is not valid: {e}")))?;
    let host = parsed.host_str().unwrap_or("");
    let loopback = matches!(host, "localhost" | "127.0.0.1" | "[::1]" | "::1");
    match parsed.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(bad(
                "只有本机上的服务器可以用 http://，其他服务器请用 https://",
                "Only a server on this machine may use http://; use https:// for any other",
            ))
        }
        s => return Err(bad(&format!("不支持的地址类型 {s}://"), &format!("Unsupported address scheme {s}://"))),
    }
    if parsed.path() != "/" || parsed.query().is_some() {
        return Err(bad("服务器地址只需协议、主机和端口", "The server address takes a scheme, host and port only"));
    }
    Ok(url)
}

fn http_client() -> Result<reqwest::Client, ApiError> {
    // rustls on ring (the provider the server uses too: no cmake or NASM to build aws-lc); the OS's trust store
    // checks the certificate. rustls 0.23.48 marks ring's provider deprecated for lacking post-quantum key
    // exchange; classical X25519/P-256 is what servers offer today
    #[allow(deprecated)]
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| CoreError::invalid("http", e.to_string(), e.to_string()).to_api())
}

/// Sends a request, trying again while it could not reach the server (it never arrived, so nothing ran
/// twice); an answer of any status is returned as it is.
async fn send(url: &str, make: impl Fn() -> reqwest::RequestBuilder) -> Result<reqwest::Response, ApiError> {
    let mut last = None;
    for attempt in 0..TRIES {
        if attempt > 0 {
            tokio::time::sleep(Duration::from_millis(500 << attempt)).await;
        }
        match make().header(VERSION_HEADER, VERSION).send().await {
            Ok(res) => return Ok(res),
            Err(e) if e.is_connect() => last = Some(e),
            Err(e) => return Err(unreachable(url, &e)),
        }
    }
    Err(unreachable(url, last.as_ref().expect("tried at least once")))
}

impl TeamClient {
    pub async fn login(args: &TeamConnectArgs) -> Result<TeamClient, ApiError> {
        let url = normalize_url(&args.url)?;
        let http = http_client()?;
        let body = serde_json::json!({ "name": args.name.trim(), "password": args.password, "client": "window" });
        let res = send(&url, || http.post(format!("{url}/api/login")).json(&body)).await?;
        if !res.status().is_success() {
            return Err(error_of(res).await);
        }
        let ok: serde_json::Value = res.json().await.map_err(|e| unreachable(&url, &e))?;
        let token = ok["token"].as_str().unwrap_or_default().to_string();
        let must = ok["must_change_password"].as_bool().unwrap_or(false);
        Ok(TeamClient { url, name: args.name.trim().to_string(), token, must_change_password: must.into(), http })
    }

    fn post(&self, path: &str) -> reqwest::RequestBuilder {
        self.http.post(format!("{}{path}", self.url)).bearer_auth(&self.token)
    }

    /// One command as the session's user; its answer or its typed refusal.
    pub async fn call(&self, command: &str, args: &serde_json::Value) -> Result<serde_json::Value, ApiError> {
        let res = send(&self.url, || self.post(&format!("/api/{command}")).json(args)).await?;
        if !res.status().is_success() {
            return Err(error_of(res).await);
        }
        if command == "change_password" {
            self.must_change_password.store(false, std::sync::atomic::Ordering::Relaxed);
        }
        res.json().await.map_err(|e| unreachable(&self.url, &e))
    }

    /// Streams a local file to the server: the `FileRef` a command takes there.
    pub async fn upload(&self, path: &Path, folder: Option<&str>) -> Result<FileRef, ApiError> {
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let mut query = vec![("name", name.clone())];
        if let Some(f) = folder {
            query.push(("folder", f.to_string()));
        }
        // a file is read anew for each try: a body that was streamed cannot be sent again
        let mut last = None;
        for attempt in 0..TRIES {
            if attempt > 0 {
                tokio::time::sleep(Duration::from_millis(500 << attempt)).await;
            }
            let file = tokio::fs::File::open(path)
                .await
                .map_err(|e| file_error(path, "无法读取该文件", "Cannot read the file", e))?;
            let len = file.metadata().await.map(|m| m.len()).unwrap_or(0);
            let req = self
                .post("/api/files")
                .query(&query)
                .header(VERSION_HEADER, VERSION)
                .header(reqwest::header::CONTENT_LENGTH, len)
                .body(reqwest::Body::from(file));
            match req.send().await {
                Ok(res) if res.status().is_success() => {
                    return res.json().await.map_err(|e| unreachable(&self.url, &e));
                }
                Ok(res) => return Err(error_of(res).await),
                Err(e) if e.is_connect() => last = Some(e),
                Err(e) => return Err(unreachable(&self.url, &e)),
            }
        }
        Err(unreachable(&self.url, last.as_ref().expect("tried at least once")))
    }

    /// Uploads the plain files of a local folder (B-16's proofs) into one new folder on the server.
    pub async fn upload_folder(&self, dir: &Path) -> Result<FileRef, ApiError> {
        let res = send(&self.url, || self.post("/api/folders")).await?;
        if !res.status().is_success() {
            return Err(error_of(res).await);
        }
        let mut folder: FileRef = res.json().await.map_err(|e| unreachable(&self.url, &e))?;
        let entries =
            std::fs::read_dir(dir).map_err(|e| file_error(dir, "无法读取该文件夹", "Cannot read the folder", e))?;
        let mut size = 0;
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                size += self.upload(&entry.path(), Some(&folder.token)).await?.size;
            }
        }
        folder.name = dir.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        folder.size = size;
        Ok(folder)
    }

    /// A save token on the server for a file named like the one picked here.
    pub async fn grant_save(&self, local: &Path) -> Result<FileRef, ApiError> {
        let name = local.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let res = send(&self.url, || self.post("/api/files/save").query(&[("name", &name)])).await?;
        if !res.status().is_success() {
            return Err(error_of(res).await);
        }
        res.json().await.map_err(|e| unreachable(&self.url, &e))
    }

    /// Fetches what a command wrote to a save token and puts it where the user picked.
    pub async fn download(&self, token: &str, local: &Path) -> Result<(), ApiError> {
        let url = format!("{}/api/files/{token}", self.url);
        let res = send(&self.url, || self.http.get(&url).bearer_auth(&self.token)).await?;
        if !res.status().is_success() {
            return Err(error_of(res).await);
        }
        let bytes = res.bytes().await.map_err(|e| unreachable(&self.url, &e))?;
        // written beside, then moved into place: the picked file is never left half written
        let mut part = local.as_os_str().to_os_string();
        part.push(".part");
        let part = PathBuf::from(part);
        std::fs::write(&part, &bytes).map_err(|e| file_error(local, "无法保存文件", "Cannot save the file", e))?;
        std::fs::rename(&part, local).map_err(|e| file_error(local, "无法保存文件", "Cannot save the file", e))
    }

    /// An employment proof: its type and bytes (the server records the view).
    pub async fn proof(&self, id: &str) -> Result<(String, Vec<u8>), ApiError> {
        let url = format!("{}/api/proofs/{id}", self.url);
        let res = send(&self.url, || self.http.get(&url).bearer_auth(&self.token)).await?;
        if !res.status().is_success() {
            return Err(error_of(res).await);
        }
        let mime =
            res.headers().get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        let bytes = res.bytes().await.map_err(|e| unreachable(&self.url, &e))?;
        Ok((mime, bytes.to_vec()))
    }

    pub async fn logout(&self) {
        let _ = self.post("/api/logout").header(VERSION_HEADER, VERSION).send().await;
    }
}

/// The window's mode and the remembered server.
#[tauri::command]
#[specta::specta]
pub fn team_status(state: tauri::State<'_, AppState>) -> TeamStatus {
    state.team.status()
}

/// 连接团队服务器: signs in; from now on every command goes to the server. The address and name are
/// remembered for the next start (the password never is).
#[tauri::command]
#[specta::specta]
pub async fn team_connect(state: tauri::State<'_, AppState>, args: TeamConnectArgs) -> Result<TeamStatus, ApiError> {
    let client = TeamClient::login(&args).await?;
    state.team.save_settings(&TeamSettings { url: Some(client.url.clone()), name: Some(client.name.clone()) })?;
    *state.team.client.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(client));
    Ok(state.team.status())
}

/// 退出登录: ends the session on the server; with `forget`, the window goes back to its own database for
/// good (断开团队服务器).
#[tauri::command]
#[specta::specta]
pub async fn team_disconnect(state: tauri::State<'_, AppState>, forget: bool) -> Result<TeamStatus, ApiError> {
    let client = state.team.client.write().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(c) = client {
        c.logout().await;
    }
    if forget {
        state.team.save_settings(&TeamSettings::default())?;
    }
    Ok(state.team.status())
}

/// One command on the team server, as the signed-in user. A save token named in the arguments is
/// downloaded to the place picked on this machine once the command has written it.
#[tauri::command]
#[specta::specta]
pub async fn team_call(state: tauri::State<'_, AppState>, args: TeamCallArgs) -> Result<serde_json::Value, ApiError> {
    let client = state.team.client().ok_or_else(|| kos_core::service::unauthenticated().to_api())?;
    let saves = state.team.take_saves_named_in(&args.args);
    let answer = client.call(&args.command, &args.args).await;
    if answer.is_ok() {
        for (token, local) in &saves {
            client.download(token, local).await?;
        }
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn u4_server_addresses_are_https_except_on_this_machine() {
        assert_eq!(normalize_url(" kos.example.cn:8443/ ").unwrap(), "https://kos.example.cn:8443");
        assert_eq!(normalize_url("http://127.0.0.1:7070").unwrap(), "http://127.0.0.1:7070");
        assert_eq!(normalize_url("http://localhost:7070/").unwrap(), "http://localhost:7070");
        assert!(normalize_url("http://192.168.1.5:7070").unwrap_err().message.contains("https://"));
        assert!(normalize_url("").is_err());
        assert!(normalize_url("ftp://x").is_err());
        assert!(normalize_url("https://x/api").is_err());
    }

    #[test]
    fn u4_a_save_token_is_taken_once_when_a_command_names_it() {
        let dir = std::env::temp_dir();
        let team = Team::new(&dir.join("kos-desk.db"));
        team.expect_save("tok-1", dir.join("a.xlsx"));
        let args = serde_json::json!({ "enterprise_id": 1, "file": "tok-1", "other": ["x"] });
        assert_eq!(team.take_saves_named_in(&args), vec![("tok-1".to_string(), dir.join("a.xlsx"))]);
        assert!(team.take_saves_named_in(&args).is_empty());
    }
}
