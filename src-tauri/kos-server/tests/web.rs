//! U-5: the phone pages as the team server serves them, over real HTTP on loopback: the built UI with gzip,
//! cache headers that let hashed assets stay and index.html be asked again, the single-page app's fallback for
//! deep links, and nothing outside the folder. No database needed: the UI's router alone.

mod common;

use std::io::Read;
use std::sync::Arc;

use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, VARY};
use reqwest::StatusCode;

const INDEX: &str = "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>KOS 工作台</title>\
                     <script type=\"module\" src=\"/assets/index-abc123.js\"></script></head><body><div id=\"root\"></div></body></html>";

struct Site {
    base: String,
    http: reqwest::Client,
    _dirs: tempfile::TempDir,
}

/// A UI folder like `ui/dist` (index.html, hashed assets, a binary file) with a secret beside it, served.
async fn site() -> Site {
    let dirs = tempfile::tempdir().unwrap();
    let dist = dirs.path().join("dist");
    std::fs::create_dir_all(dist.join("assets")).unwrap();
    std::fs::write(dist.join("index.html"), INDEX).unwrap();
    // large enough to be worth compressing
    let js: String = (0..400).map(|i| format!("export const label{i} = \"领导看板 {i}\";\n")).collect();
    std::fs::write(dist.join("assets").join("index-abc123.js"), &js).unwrap();
    std::fs::write(dist.join("assets").join("tiny-1.css"), "a{}").unwrap();
    std::fs::write(dist.join("assets").join("logo-9.png"), [0x89, b'P', b'N', b'G', 0, 1, 2, 3].repeat(200)).unwrap();
    std::fs::write(dirs.path().join("secret.txt"), "outside the web root").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dirs.path().join("secret.txt"), dist.join("assets/link-1.txt")).unwrap();
    let web = kos_server::web::Web::open(&dist).expect("a UI folder with index.html");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, kos_server::web::router(Arc::new(web))).await });
    Site { base: format!("http://{addr}"), http: common::http_client(), _dirs: dirs }
}

impl Site {
    async fn get(&self, path: &str, gzip: bool) -> reqwest::Response {
        let mut req = self.http.get(format!("{}{path}", self.base));
        if gzip {
            req = req.header(ACCEPT_ENCODING, "gzip, deflate, br");
        }
        req.send().await.expect("request")
    }
}

fn header(res: &reqwest::Response, name: reqwest::header::HeaderName) -> String {
    res.headers().get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

#[tokio::test]
async fn u5_assets_are_gzipped_for_browsers_that_take_it() {
    let s = site().await;
    let res = s.get("/assets/index-abc123.js", true).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, CONTENT_ENCODING), "gzip");
    assert!(header(&res, CONTENT_TYPE).starts_with("text/javascript"), "{}", header(&res, CONTENT_TYPE));
    assert_eq!(header(&res, VARY), "accept-encoding");
    let packed = res.bytes().await.unwrap();
    let mut text = String::new();
    flate2::read::GzDecoder::new(&packed[..]).read_to_string(&mut text).expect("valid gzip");
    assert!(text.contains("领导看板 399"));
    assert!(packed.len() * 4 < text.len(), "compressed {} of {}", packed.len(), text.len());
    // the same bytes, uncompressed, to a client that does not take gzip
    let plain = s.get("/assets/index-abc123.js", false).await;
    assert_eq!(header(&plain, CONTENT_ENCODING), "");
    assert_eq!(plain.text().await.unwrap(), text);
    // binary files and tiny ones go as they are
    let png = s.get("/assets/logo-9.png", true).await;
    assert_eq!((header(&png, CONTENT_TYPE).as_str(), header(&png, CONTENT_ENCODING).as_str()), ("image/png", ""));
    let css = s.get("/assets/tiny-1.css", true).await;
    assert_eq!((header(&css, CONTENT_ENCODING).as_str(), css.text().await.unwrap().as_str()), ("", "a{}"));
}

#[tokio::test]
async fn u5_hashed_assets_are_cached_for_a_year_and_index_html_never() {
    let s = site().await;
    let asset = s.get("/assets/index-abc123.js", true).await;
    assert_eq!(header(&asset, CACHE_CONTROL), "public, max-age=31536000, immutable");
    for path in ["/", "/index.html", "/m/board"] {
        let res = s.get(path, true).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&res, CACHE_CONTROL), "no-cache", "{path}");
        assert!(header(&res, CONTENT_TYPE).starts_with("text/html"), "{path}");
        assert!(header(&res, "content-security-policy".parse().unwrap()).contains("default-src 'self'"), "{path}");
    }
}

#[tokio::test]
async fn u5_deep_links_get_the_app_and_missing_files_a_404() {
    let s = site().await;
    for path in ["/m/campaigns/12/board", "/m/invitations", "/m", "/m/%E7%9C%8B%E6%9D%BF"] {
        let res = s.get(path, false).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.text().await.unwrap(), INDEX, "{path}");
    }
    // a file that is not there is not answered with HTML (a script tag would run the page as JavaScript)
    for path in ["/assets/gone-1.js", "/favicon.ico", "/assets/", "/m/board.json"] {
        let res = s.get(path, false).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(!res.text().await.unwrap().contains("<html"), "{path}");
    }
    // only GET and HEAD
    let post = s.http.post(format!("{}/m/board", s.base)).send().await.unwrap();
    assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
    let head = s.http.head(format!("{}/m/board", s.base)).send().await.unwrap();
    assert_eq!(head.status(), StatusCode::OK);
}

#[tokio::test]
async fn u5_nothing_outside_the_folder_is_served() {
    let s = site().await;
    // reqwest would normalise a literal `..`: send the raw request line over TCP
    for path in [
        "/../secret.txt",
        "/assets/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/assets/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/assets/..%5c..%5csecret.txt",
        "/assets/link-1.txt",
        "/%00",
    ] {
        let (status, body) = raw_get(&s.base, path).await;
        assert!(status == 404 || status == 400, "{path}: {status}");
        assert!(!body.contains("outside the web root"), "{path}: {body}");
    }
}

/// One GET with the path exactly as given; the status code and the body.
async fn raw_get(base: &str, path: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = base.trim_start_matches("http://");
    let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
    conn.write_all(format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let mut answer = Vec::new();
    conn.read_to_end(&mut answer).await.unwrap();
    let text = String::from_utf8_lossy(&answer).to_string();
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, text)
}
