//! The phone pages (U-5): the built UI (`ui/dist`) served at `/` to browsers, beside the API.
//!
//! - a file of the folder answers with its type, gzip-compressed when the browser takes gzip (text only;
//!   compressed once and kept in memory);
//! - `/assets/…` (Vite's content-hashed names) may be cached for a year; everything else, `index.html` first,
//!   is `no-cache`, so a new UI is seen on the next load;
//! - any other address without a file name (`/m/campaigns/12/board`, a link a leader is sent) answers with
//!   `index.html` (the single-page app routes it); a missing file (`/assets/gone.js`) is a 404, never HTML;
//! - nothing outside the folder: `..`, `.`, backslashes, NUL and drive letters in a path are refused (also
//!   percent-encoded), and a file whose real path leaves the folder (a symlink) is not served.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

/// Vite's hashed output: a name changes when its content does.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const NO_CACHE: &str = "no-cache";
/// The page's policy: the window's CSP (tauri.conf.json) for a browser, no IPC, no proof protocol.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                   img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; \
                   object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
/// Smaller files go as they are: gzip's header would outweigh the saving.
const MIN_GZIP_BYTES: usize = 512;

/// A file's gzip, with the modified time and size of the version it was made from.
type Packed = (Option<SystemTime>, u64, Arc<Vec<u8>>);

/// The folder of the built UI, and what has been compressed of it.
pub struct Web {
    root: PathBuf,
    /// path → (modified time and size when compressed, the gzip bytes)
    gzipped: Mutex<HashMap<PathBuf, Packed>>,
}

impl Web {
    /// The folder must hold `index.html`.
    pub fn open(root: &Path) -> Result<Web, String> {
        let root = root
            .canonicalize()
            .map_err(|e| format!("界面文件夹 {} 无法打开 (cannot open the UI folder): {e}", root.display()))?;
        if !root.join("index.html").is_file() {
            return Err(format!(
                "界面文件夹 {} 中没有 index.html：请先 cd ui && npm run build (no index.html in the UI folder)",
                root.display()
            ));
        }
        Ok(Web { root, gzipped: Mutex::default() })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The answer to a GET or HEAD of `raw_path` (as on the wire, percent-encoded).
    pub async fn respond(&self, method: &Method, raw_path: &str, headers: &HeaderMap) -> Response {
        if method != Method::GET && method != Method::HEAD {
            return plain(StatusCode::METHOD_NOT_ALLOWED, "405 method not allowed");
        }
        let Some(segments) = safe_segments(raw_path) else {
            return plain(StatusCode::NOT_FOUND, "404 not found");
        };
        let mut path = self.root.clone();
        for s in &segments {
            path.push(s);
        }
        let is_file = !segments.is_empty() && tokio::fs::metadata(&path).await.map(|m| m.is_file()).unwrap_or(false);
        if is_file {
            // a symlink inside the folder must not lead out of it
            match tokio::fs::canonicalize(&path).await {
                Ok(real) if real.starts_with(&self.root) => {}
                _ => return plain(StatusCode::NOT_FOUND, "404 not found"),
            }
            let cache = if segments.first().map(String::as_str) == Some("assets") { IMMUTABLE } else { NO_CACHE };
            return self.file(&path, cache, headers).await;
        }
        // an address of the app (no file name) is the app; a missing file is missing
        let looks_like_file = segments.last().is_some_and(|s| s.contains('.'));
        if looks_like_file || segments.first().map(String::as_str) == Some("assets") {
            return plain(StatusCode::NOT_FOUND, "404 not found");
        }
        self.file(&self.root.join("index.html"), NO_CACHE, headers).await
    }

    async fn file(&self, path: &Path, cache: &'static str, headers: &HeaderMap) -> Response {
        let meta = match tokio::fs::metadata(path).await {
            Ok(m) => m,
            Err(_) => return plain(StatusCode::NOT_FOUND, "404 not found"),
        };
        let mime = mime_of(path);
        let compressible = is_text(mime);
        let gzip = compressible && meta.len() as usize >= MIN_GZIP_BYTES && accepts_gzip(headers);
        let body = if gzip {
            match self.gzip_of(path, &meta).await {
                Ok(b) => Body::from(b.as_ref().clone()),
                Err(_) => return plain(StatusCode::NOT_FOUND, "404 not found"),
            }
        } else {
            match tokio::fs::read(path).await {
                Ok(b) => Body::from(b),
                Err(_) => return plain(StatusCode::NOT_FOUND, "404 not found"),
            }
        };
        let mut res = body.into_response();
        let h = res.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        if compressible {
            h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        if gzip {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        if mime.starts_with("text/html") {
            h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
            h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
        }
        res
    }

    /// The gzip of a file, compressed once per version of it (a rebuilt UI is compressed again).
    async fn gzip_of(&self, path: &Path, meta: &std::fs::Metadata) -> std::io::Result<Arc<Vec<u8>>> {
        let stamp = (meta.modified().ok(), meta.len());
        if let Some((m, n, b)) = self.gzipped.lock().unwrap_or_else(|e| e.into_inner()).get(path) {
            if (*m, *n) == stamp {
                return Ok(b.clone());
            }
        }
        let raw = tokio::fs::read(path).await?;
        let packed = tokio::task::spawn_blocking(move || {
            let mut enc = flate2::write::GzEncoder::new(Vec::with_capacity(raw.len() / 3), flate2::Compression::best());
            enc.write_all(&raw)?;
            enc.finish()
        })
        .await
        .map_err(std::io::Error::other)??;
        let packed = Arc::new(packed);
        self.gzipped
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_path_buf(), (stamp.0, stamp.1, packed.clone()));
        Ok(packed)
    }
}

/// The UI alone, every path a file or the app (the team server mounts the same under its API).
pub fn router(web: Arc<Web>) -> axum::Router {
    axum::Router::new().fallback(move |method: Method, uri: axum::http::Uri, headers: HeaderMap| {
        let web = web.clone();
        async move { web.respond(&method, uri.path(), &headers).await }
    })
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut res = (status, text).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_CACHE));
    res
}

/// The path's segments, percent-decoded, or None when one could leave the folder or is not a plain name.
pub fn safe_segments(raw_path: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for raw in raw_path.split('/') {
        if raw.is_empty() {
            continue;
        }
        let s = percent_decode(raw)?;
        if s == "." || s == ".." || s.contains(['/', '\\', '\0', ':']) || s.chars().any(char::is_control) {
            return None;
        }
        out.push(s);
    }
    Some(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `Accept-Encoding` names gzip (or `*`) without `q=0`.
fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(
        |item| {
            let mut parts = item.split(';').map(str::trim);
            let name = parts.next().unwrap_or("").to_ascii_lowercase();
            let refused = parts
                .any(|p| p.strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()).is_some_and(|q| q <= 0.0));
            (name == "gzip" || name == "*") && !refused
        },
    )
}

fn mime_of(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn is_text(mime: &str) -> bool {
    mime.starts_with("text/") || mime == "application/json" || mime == "image/svg+xml"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn u5_paths_that_could_leave_the_folder_are_refused() {
        for bad in
            ["/../etc/passwd", "/assets/..%2f..%2fetc/passwd", "/%2e%2e/x", "/a/%5c..%5cb", "/a%00b", "/c:/x", "/%zz"]
        {
            assert_eq!(safe_segments(bad), None, "{bad}");
        }
        assert_eq!(
            safe_segments("/m/campaigns/12/board"),
            Some(vec!["m".into(), "campaigns".into(), "12".into(), "board".into()])
        );
        assert_eq!(safe_segments("/%E7%9C%8B%E6%9D%BF"), Some(vec!["看板".into()]));
        assert_eq!(safe_segments("/"), Some(vec![]));
    }

    #[test]
    fn u5_gzip_only_when_the_browser_takes_it() {
        let h = |v: &str| {
            let mut m = HeaderMap::new();
            m.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
            m
        };
        assert!(accepts_gzip(&h("gzip, deflate, br, zstd")));
        assert!(accepts_gzip(&h("br;q=1.0, gzip;q=0.8")));
        assert!(!accepts_gzip(&h("gzip;q=0, br")));
        assert!(!accepts_gzip(&h("identity")));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }
}
