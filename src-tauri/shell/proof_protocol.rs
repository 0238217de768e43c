//! `kosproof://localhost/<sha256>` serves a decrypted employment proof to the window, so previews need
//! neither the file system nor big IPC payloads. The acting user's role is checked and every view is
//! recorded in history by `Service::read_proof`; nothing is cached.
//!
//! A proof is the user's file, not the app's: it is served only as one of the three types the core
//! validated (B-10), with `nosniff` (a file is never taken for HTML or script) and a sandboxing CSP (opened as
//! a page it could run nothing and load nothing). The PDF viewer fetches it, so the app's own origin — and
//! only that — may read the response.

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
    let origin = request.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok()).map(str::to_owned);
    tauri::async_runtime::spawn(async move {
        let Some(state) = app.try_state::<AppState>() else {
            responder.respond(plain(StatusCode::SERVICE_UNAVAILABLE, "database not open"));
            return;
        };
        let result = match state.team.client() {
            // U-4: signed in to a team server, the proof comes from there (the server records the view)
            Some(team) => team.proof(&proof_id).await,
            None => {
                let svc = &state.service;
                match svc.local_actor().await {
                    Ok(actor) => svc.read_proof(&actor, &proof_id).await,
                    Err(e) => Err(e),
                }
                .map_err(|e| e.to_api())
            }
        };
        responder.respond(match result {
            Ok((mime, bytes)) => proof_response(&mime, bytes, origin.as_deref()),
            Err(e) => {
                let status = match e.code {
                    kos_core::ErrorCode::Forbidden => StatusCode::FORBIDDEN,
                    kos_core::ErrorCode::NotFound => StatusCode::NOT_FOUND,
                    _ => StatusCode::INTERNAL_SERVER_ERROR,
                };
                plain(status, &e.message)
            }
        });
    });
}

/// The only types a proof is served as (what `proof_file::validate` accepts).
const SERVED_TYPES: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];

/// Nothing runs and nothing loads in a proof opened as a page; an image may still show itself.
pub const PROOF_CSP: &str = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'";

/// The window's own origins (Linux and macOS; Windows and Android), the only readers of a fetched proof.
const APP_ORIGINS: [&str; 3] = ["tauri://localhost", "http://tauri.localhost", "https://tauri.localhost"];

/// The response for a validated proof: one of the three types, never sniffed, sandboxed, not cached.
pub fn proof_response(mime: &str, bytes: Vec<u8>, origin: Option<&str>) -> Response<Vec<u8>> {
    let Some(mime) = SERVED_TYPES.iter().copied().find(|t| *t == mime) else {
        return plain(StatusCode::UNSUPPORTED_MEDIA_TYPE, "not a PDF, JPEG or PNG proof");
    };
    let mut res = Response::new(bytes);
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, header::HeaderValue::from_static(mime));
    h.insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    secure(h);
    if let Some(o) = origin.and_then(|o| APP_ORIGINS.iter().copied().find(|a| *a == o)) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, header::HeaderValue::from_static(o));
        h.insert(header::VARY, header::HeaderValue::from_static("Origin"));
    }
    res
}

fn secure(h: &mut header::HeaderMap) {
    h.insert(header::X_CONTENT_TYPE_OPTIONS, header::HeaderValue::from_static("nosniff"));
    h.insert(header::CONTENT_SECURITY_POLICY, header::HeaderValue::from_static(PROOF_CSP));
}

fn plain(status: StatusCode, text: &str) -> Response<Vec<u8>> {
    let mut res = Response::new(text.as_bytes().to_vec());
    *res.status_mut() = status;
    res.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/plain; charset=utf-8"));
    secure(res.headers_mut());
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b10_proofs_are_served_as_their_type_never_sniffed_and_sandboxed() {
        let res = proof_response("image/png", b"png".to_vec(), Some("tauri://localhost"));
        assert_eq!(res.status(), StatusCode::OK);
        let h = res.headers();
        assert_eq!(h[header::CONTENT_TYPE], "image/png");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.starts_with("sandbox;") && csp.contains("default-src 'none'"), "{csp}");
        assert!(!csp.contains("script-src"), "{csp}");
        assert_eq!(h[header::CACHE_CONTROL], "no-store");
        assert_eq!(h[header::ACCESS_CONTROL_ALLOW_ORIGIN], "tauri://localhost");
        // another origin may not read it
        let res = proof_response("application/pdf", b"%PDF".to_vec(), Some("https://evil.example"));
        assert!(res.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
        assert_eq!(res.headers()[header::CONTENT_TYPE], "application/pdf");
        // no other type is ever served, whatever a stored row says
        for mime in ["text/html", "image/svg+xml", "application/pdf; charset=utf-8", ""] {
            let res = proof_response(mime, b"<html>".to_vec(), None);
            assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "{mime}");
            assert_eq!(res.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            assert!(!res.headers()[header::CONTENT_TYPE].to_str().unwrap().contains("html"));
        }
        assert_eq!(plain(StatusCode::FORBIDDEN, "no").headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }
}
