//! The server's HTTP surface (U-4). One route per door, all JSON:
//!
//! - `POST /api/login {name, password, client?}`: a session, as a bearer token in the body (the window) and an
//!   HttpOnly cookie (browsers);
//! - `POST /api/logout`: ends the session;
//! - `POST /api/<command>`: the command list (`api::dispatch`), the JSON body its arguments, the actor the
//!   session's user — never anything in the body;
//! - `POST /api/files?name=…`: an upload, streamed to the data folder and size-checked, answered with the
//!   file token a command takes; `POST /api/files/save?name=…`: a token a command writes to, fetched after
//!   with `GET /api/files/<token>`;
//! - `POST /api/folders`: a folder of the user's (B-16's proofs folder) that uploads with `&folder=<token>`
//!   fill, answered with the folder token a command takes;
//! - `GET /api/proofs/<id>`: an employment proof (every view recorded by the core).
//!
//! Without a valid session every path but login answers 401 with the typed error JSON. A client that says
//! its version (`X-Kos-Client-Version`) and differs from the server's is told to update (426).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::StreamExt;
use kos_core::error::ApiError;
use kos_core::service::{LoginArgs, LoginClient, SessionActor};
use kos_core::{CoreError, ErrorCode, Service};
use serde::Deserialize;
use tokio::io::AsyncWriteExt;

/// The session cookie browsers carry.
pub const COOKIE: &str = "kos_session";
/// The header a client names its version in.
pub const VERSION_HEADER: &str = "x-kos-client-version";
/// The server's version: a client of another is told to update.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// Largest command body (arguments are small; files travel apart).
const MAX_COMMAND_BYTES: usize = 4 * 1024 * 1024;
/// Commands a session never runs while its password must be changed first.
const BEFORE_PASSWORD_CHANGE: [&str; 3] = ["change_password", "session_get", "app_info"];

pub struct AppState {
    pub svc: Service,
    pub data_dir: PathBuf,
    pub max_upload_bytes: u64,
    /// save tokens handed out: where the command writes, and who may fetch it
    saves: Mutex<HashMap<String, (PathBuf, i64)>>,
    /// folder tokens handed out: the folder, and who may upload into it
    folders: Mutex<HashMap<String, (PathBuf, i64)>>,
    /// the cookie carries `Secure` when the server speaks TLS
    pub secure_cookie: bool,
    /// the built UI for phone browsers (U-5), when the server has one
    pub web: Option<Arc<crate::web::Web>>,
}

impl AppState {
    pub fn new(svc: Service, data_dir: PathBuf, max_upload_bytes: u64, secure_cookie: bool) -> AppState {
        AppState {
            svc,
            data_dir,
            max_upload_bytes,
            saves: Mutex::default(),
            folders: Mutex::default(),
            secure_cookie,
            web: None,
        }
    }

    /// Serves the built UI at `/` (U-5).
    pub fn with_web(mut self, web: Option<crate::web::Web>) -> AppState {
        self.web = web.map(Arc::new);
        self
    }
}

pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/api/login", post(login))
        .route("/api/logout", post(logout))
        .route("/api/files", post(upload).layer(DefaultBodyLimit::disable()))
        .route("/api/files/save", post(grant_save))
        .route("/api/folders", post(grant_folder))
        .route("/api/files/{token}", get(download))
        .route("/api/proofs/{id}", get(proof))
        .route("/api/{command}", post(command))
        .fallback(fallback)
        .layer(DefaultBodyLimit::max(MAX_COMMAND_BYTES))
        .layer(middleware::from_fn(log_request))
        .with_state(state)
}

/// One line per request on stderr: method, path, status, milliseconds.
async fn log_request(req: Request, next: Next) -> Response {
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    let started = Instant::now();
    let res = next.run(req).await;
    eprintln!(
        "{} {method} {path} {} {} ms",
        kos_core::clock::ts(chrono::Utc::now()),
        res.status().as_u16(),
        started.elapsed().as_millis()
    );
    res
}

/// The HTTP status a core error answers with.
pub fn status_of(code: ErrorCode) -> StatusCode {
    use ErrorCode::*;
    match code {
        Unauthenticated | LoginFailed => StatusCode::UNAUTHORIZED,
        LoginBackoff => StatusCode::TOO_MANY_REQUESTS,
        Forbidden | PasswordChangeRequired | UserDeactivated | SoloOnly => StatusCode::FORBIDDEN,
        NotFound | UnknownCommand => StatusCode::NOT_FOUND,
        ClientOutdated => StatusCode::UPGRADE_REQUIRED,
        InvalidInput | File | FileNotGranted | NoActor => StatusCode::BAD_REQUEST,
        Db | DbOpen | DatabaseInUse | ServerUnreachable => StatusCode::SERVICE_UNAVAILABLE,
        DbMigrate | KeyFile | KeyStoreUnavailable | KeyMissing | KeyMismatch => StatusCode::INTERNAL_SERVER_ERROR,
        // every refusal by a business rule: the request was understood, the state forbids it
        _ => StatusCode::CONFLICT,
    }
}

pub fn fail(e: &CoreError) -> Response {
    let body: ApiError = e.to_api();
    (status_of(body.code), Json(body)).into_response()
}

fn refused(code: ErrorCode, zh: &str, en: &str) -> Response {
    fail(&CoreError::refused(code, "U-4", zh, en, None))
}

async fn not_found() -> Response {
    refused(ErrorCode::NotFound, "没有这个地址", "No such path")
}

/// Under `/api/` an unknown path is the API's typed 404; every other path is the phone pages' (U-5).
async fn fallback(State(st): State<Arc<AppState>>, req: Request) -> Response {
    let path = req.uri().path();
    match &st.web {
        Some(web) if path != "/api" && !path.starts_with("/api/") => {
            web.respond(req.method(), path, req.headers()).await
        }
        _ => not_found().await,
    }
}

/// `Ok(value)`, or the handler answers with the error.
macro_rules! or_fail {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return fail(&e),
        }
    };
}

fn parse<T: for<'de> Deserialize<'de>>(body: &Bytes) -> Result<T, CoreError> {
    serde_json::from_slice(body).map_err(|e| {
        CoreError::invalid(
            "body",
            format!("请求内容不是有效的 JSON：{e}"),
            format!("The request body is not valid JSON: {e}"),
        )
    })
}

/// The session token: `Authorization: Bearer …`, else the session cookie.
fn token_of(headers: &HeaderMap) -> Option<String> {
    if let Some(t) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        return Some(t.to_string());
    }
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty())
}

/// A client of another version is told to update before anything else.
fn check_version(headers: &HeaderMap) -> Result<(), CoreError> {
    match headers.get(VERSION_HEADER).and_then(|v| v.to_str().ok()) {
        Some(v) if v != VERSION => Err(CoreError::refused(
            ErrorCode::ClientOutdated,
            "U-4",
            format!("客户端版本 {v} 与团队服务器版本 {VERSION} 不一致，请更新 KOS 工作台后再连接"),
            format!("This client is version {v}, the team server {VERSION}: update KOS Desk, then connect again"),
            None,
        )),
        _ => Ok(()),
    }
}

async fn session(st: &AppState, headers: &HeaderMap) -> Result<(String, SessionActor), CoreError> {
    check_version(headers)?;
    let token = token_of(headers).ok_or_else(kos_core::service::unauthenticated)?;
    let actor = st.svc.session_actor(&token).await?;
    Ok((token, actor))
}

fn session_cookie(st: &AppState, token: &str, max_age_secs: i64) -> HeaderValue {
    let secure = if st.secure_cookie { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("kos_session=; Path=/; Max-Age=0"))
}

async fn login(State(st): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> Response {
    or_fail!(check_version(&headers));
    let args: LoginArgs = or_fail!(parse(&body));
    let browser = args.client == Some(LoginClient::Browser);
    match st.svc.login(args).await {
        Ok(ok) => {
            let mut res = Json(&ok).into_response();
            if browser {
                let cookie = session_cookie(&st, &ok.token, kos_core::service::SESSION_HOURS * 3600);
                res.headers_mut().insert(header::SET_COOKIE, cookie);
            }
            res
        }
        Err(e) => fail(&e),
    }
}

async fn logout(State(st): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let Some(token) = token_of(&headers) else { return fail(&kos_core::service::unauthenticated()) };
    if let Err(e) = st.svc.logout(&token).await {
        return fail(&e);
    }
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut().insert(header::SET_COOKIE, session_cookie(&st, "", 0));
    res
}

/// Commands about the window's own installation (issue 15 item 3: its update check): a window on a team server
/// answers them itself, from its own database; the server has no installation of its own to update.
const WINDOW_ONLY: [&str; 2] = ["update_settings", "set_update_check"];

async fn command(
    State(st): State<Arc<AppState>>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (token, who) = or_fail!(session(&st, &headers).await);
    if name == "session_switch" {
        return refused(
            ErrorCode::SoloOnly,
            "团队服务器上每人以自己的账号登录，不能切换为其他用户",
            "On the team server everyone signs in as themselves; there is no switching to another user",
        );
    }
    if WINDOW_ONLY.contains(&name.as_str()) {
        return refused(
            ErrorCode::SoloOnly,
            "软件更新由每台电脑上的窗口自己检查和设置，不经团队服务器",
            "Each computer's window checks and sets its own software updates, not the team server",
        );
    }
    if who.must_change_password && !BEFORE_PASSWORD_CHANGE.contains(&name.as_str()) {
        return refused(
            ErrorCode::PasswordChangeRequired,
            "管理员重置了您的密码：请先修改密码",
            "The administrator reset your password: change it first",
        );
    }
    let args = if body.is_empty() { serde_json::Value::Null } else { or_fail!(parse::<serde_json::Value>(&body)) };
    let answer = if name == "change_password" {
        // the session the password is changed in stays signed in; the user's others end
        match serde_json::from_value::<kos_core::service::ChangePasswordArgs>(args) {
            Ok(a) => st.svc.change_password_in_session(&who.actor, a, Some(&token)).await.and_then(|r| {
                serde_json::to_value(r).map_err(|e| CoreError::invalid("result", e.to_string(), e.to_string()))
            }),
            Err(e) => Err(CoreError::invalid("args", format!("参数无效：{e}"), format!("Invalid arguments: {e}"))),
        }
    } else {
        kos_core::api::dispatch(&st.svc, &who.actor, &name, args).await
    };
    match answer {
        Ok(v) => Json(v).into_response(),
        Err(e) => fail(&e),
    }
}

#[derive(Deserialize)]
struct NameQuery {
    name: String,
}

#[derive(Deserialize)]
struct UploadQuery {
    name: String,
    /// a folder token of this user's (`POST /api/folders`): the file goes into that folder
    folder: Option<String>,
}

/// A file name as given, without any folder part: the server picks the folder.
fn plain_name(name: &str) -> Result<String, CoreError> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    if base.is_empty()
        || base == "."
        || base == ".."
        || base.chars().count() > 200
        || base.chars().any(char::is_control)
    {
        return Err(CoreError::invalid("name", "文件名无效", "The file name is not valid"));
    }
    Ok(base.to_string())
}

/// A new folder of its own under `data/<kind>/` for one file.
fn fresh_dir(st: &AppState, kind: &str) -> Result<PathBuf, CoreError> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|e| CoreError::invalid("random", e.to_string(), e.to_string()))?;
    let dir = st.data_dir.join(kind).join(hex::encode(b));
    std::fs::create_dir_all(&dir).map_err(|e| CoreError::File {
        path: dir.display().to_string(),
        reason_zh: format!("服务器无法创建文件夹：{e}"),
        reason_en: format!("The server cannot create a folder: {e}"),
    })?;
    Ok(dir)
}

async fn upload(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(q): Query<UploadQuery>,
    body: Body,
) -> Response {
    let (_, who) = or_fail!(session(&st, &headers).await);
    let name = or_fail!(plain_name(&q.name));
    let into_folder = match &q.folder {
        None => None,
        Some(token) => {
            let found = st.folders.lock().unwrap_or_else(|e| e.into_inner()).get(token).cloned();
            match found {
                Some((dir, owner)) if owner == who.actor.user_id => Some(dir),
                _ => return refused(ErrorCode::FileNotGranted, "没有这个上传文件夹", "No such upload folder"),
            }
        }
    };
    let too_big = |limit: u64| {
        fail(&CoreError::File {
            path: name.clone(),
            reason_zh: format!("文件超过服务器允许的 {} MB，未上传", limit / 1024 / 1024),
            reason_en: format!("The file is larger than the server's {} MB limit; not uploaded", limit / 1024 / 1024),
        })
    };
    if headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|n| n > st.max_upload_bytes)
    {
        return too_big(st.max_upload_bytes);
    }
    let in_folder = into_folder.is_some();
    let dir = match into_folder {
        Some(d) => d,
        None => or_fail!(fresh_dir(&st, "uploads")),
    };
    let path = dir.join(&name);
    // a file that did not arrive whole is removed: its own folder, or the one file in a shared folder
    let discard = |dir: &std::path::Path, path: &std::path::Path| {
        if in_folder {
            let _ = std::fs::remove_file(path);
        } else {
            let _ = std::fs::remove_dir_all(dir);
        }
    };
    let io_fail = |e: std::io::Error| {
        discard(&dir, &path);
        fail(&CoreError::File {
            path: name.clone(),
            reason_zh: format!("上传中断，文件未保存：{e}"),
            reason_en: format!("The upload broke off; nothing was kept: {e}"),
        })
    };
    let mut file = match tokio::fs::File::create(&path).await {
        Ok(f) => f,
        Err(e) => return io_fail(e),
    };
    let mut stream = body.into_data_stream();
    let mut size: u64 = 0;
    while let Some(chunk) = stream.next().await {
        let chunk = match chunk {
            Ok(c) => c,
            Err(e) => return io_fail(std::io::Error::other(e.to_string())),
        };
        size += chunk.len() as u64;
        if size > st.max_upload_bytes {
            drop(file);
            discard(&dir, &path);
            return too_big(st.max_upload_bytes);
        }
        if let Err(e) = file.write_all(&chunk).await {
            return io_fail(e);
        }
    }
    if let Err(e) = file.flush().await {
        return io_fail(e);
    }
    drop(file);
    match st.svc.grant_open(&path) {
        Ok(r) => Json(r).into_response(),
        Err(e) => fail(&e),
    }
}

/// A new folder on the server that this user's uploads with `&folder=<token>` fill (B-16's proofs folder).
async fn grant_folder(State(st): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let (_, who) = or_fail!(session(&st, &headers).await);
    let dir = or_fail!(fresh_dir(&st, "uploads"));
    match st.svc.grant_folder(&dir) {
        Ok(r) => {
            st.folders.lock().unwrap_or_else(|e| e.into_inner()).insert(r.token.clone(), (dir, who.actor.user_id));
            Json(r).into_response()
        }
        Err(e) => fail(&e),
    }
}

async fn grant_save(State(st): State<Arc<AppState>>, headers: HeaderMap, Query(q): Query<NameQuery>) -> Response {
    let (_, who) = or_fail!(session(&st, &headers).await);
    let name = or_fail!(plain_name(&q.name));
    let dir = or_fail!(fresh_dir(&st, "downloads"));
    let path = dir.join(&name);
    match st.svc.grant_save(&path) {
        Ok(r) => {
            st.saves.lock().unwrap_or_else(|e| e.into_inner()).insert(r.token.clone(), (path, who.actor.user_id));
            Json(r).into_response()
        }
        Err(e) => fail(&e),
    }
}

/// A file a command wrote to a save token, to its user only, once: removed after it is sent.
async fn download(State(st): State<Arc<AppState>>, headers: HeaderMap, Path(token): Path<String>) -> Response {
    let (_, who) = or_fail!(session(&st, &headers).await);
    let found = st.saves.lock().unwrap_or_else(|e| e.into_inner()).get(&token).cloned();
    let Some((path, owner)) = found.filter(|(_, owner)| *owner == who.actor.user_id) else {
        return refused(ErrorCode::NotFound, "没有这个待下载的文件", "No such file to download");
    };
    let _ = owner;
    let bytes = match tokio::fs::read(&path).await {
        Ok(b) => b,
        Err(_) => {
            return refused(
                ErrorCode::NotFound,
                "文件尚未写好或已下载过",
                "The file is not written yet, or was fetched already",
            )
        }
    };
    st.saves.lock().unwrap_or_else(|e| e.into_inner()).remove(&token);
    if let Some(dir) = path.parent() {
        let _ = std::fs::remove_dir_all(dir);
    }
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename*=UTF-8''{encoded}")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The only types a proof is served as, never sniffed, sandboxed, not cached (as the window's kosproof:).
async fn proof(State(st): State<Arc<AppState>>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let (_, who) = or_fail!(session(&st, &headers).await);
    match st.svc.read_proof(&who.actor, &id).await {
        Ok((mime, bytes)) => {
            let Some(mime) = ["application/pdf", "image/jpeg", "image/png"].into_iter().find(|t| *t == mime) else {
                return refused(ErrorCode::File, "证明文件类型无效", "The proof's type is not one served");
            };
            let mut res = bytes.into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
            h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(
                    "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'",
                ),
            );
            res
        }
        Err(e) => fail(&e),
    }
}
