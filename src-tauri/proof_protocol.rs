//! `kosproof://localhost/<sha256>` serves a decrypted employment proof to the window, so previews need
//! neither the file system nor big IPC payloads. The acting user's role is checked and every view is
//! recorded in history by `Service::read_proof`; nothing is cached.

use tauri::http::{header, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::commands::AppState;

pub const SCHEME: &str = "kosproof";

pub fn handle<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: tauri::http::Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = ctx.app_handle().clone();
    let proof_id = request.uri().path().trim_start_matches('/').to_string();
    tauri::async_runtime::spawn(async move {
        let Some(state) = app.try_state::<AppState>() else {
            responder.respond(plain(StatusCode::SERVICE_UNAVAILABLE, "database not open"));
            return;
        };
        let svc = &state.service;
        let result = match svc.local_actor().await {
            Ok(actor) => svc.read_proof(&actor, &proof_id).await,
            Err(e) => Err(e),
        };
        responder.respond(match result {
            Ok((mime, bytes)) => Response::builder()
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, mime)
                .header(header::CACHE_CONTROL, "no-store")
                .body(bytes)
                .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "response")),
            Err(e) => {
                let status = match e.code() {
                    kos_core::ErrorCode::Forbidden => StatusCode::FORBIDDEN,
                    kos_core::ErrorCode::NotFound => StatusCode::NOT_FOUND,
                    _ => StatusCode::INTERNAL_SERVER_ERROR,
                };
                plain(status, &e.to_api().message)
            }
        });
    });
}

fn plain(status: StatusCode, text: &str) -> Response<Vec<u8>> {
    let mut res = Response::new(text.as_bytes().to_vec());
    *res.status_mut() = status;
    res.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/plain; charset=utf-8"));
    res
}
