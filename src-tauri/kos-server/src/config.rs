//! The server's settings (U-4): from the environment, which a config file (`--config FILE`, lines of
//! `KEY=VALUE`, `#` comments) may add to; the environment wins where both say something.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// What the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// `KOS_SERVER_LISTEN`: address and port (default 127.0.0.1:8787)
    pub listen: SocketAddr,
    /// `KOS_SERVER_DATABASE_URL`: postgres://…
    pub database_url: String,
    /// `KOS_SERVER_DATA`: the employment proofs, and files on their way in and out
    pub data_dir: PathBuf,
    /// `KOS_SERVER_KEY_FILE`: the ID-hash and proof keys; without it, the OS key store
    pub key_file: Option<PathBuf>,
    /// `KOS_SERVER_TLS_CERT` and `KOS_SERVER_TLS_KEY` (PEM): both or neither
    pub tls: Option<(PathBuf, PathBuf)>,
    /// `KOS_SERVER_MAX_UPLOAD_MB`: the largest file a client may upload (default 512)
    pub max_upload_bytes: u64,
    /// `KOS_SERVER_DB_CONNECTIONS`: PostgreSQL connections in the pool (default 16)
    pub db_connections: u32,
    /// `KOS_SERVER_WEB`: the built UI served at `/` for phone browsers (U-5); by default the folder `web`
    /// next to the binary when it holds an index.html, else none (`KOS_SERVER_WEB=off` says none outright)
    pub web_dir: Option<PathBuf>,
}

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8787";

/// Reads the settings from `vars` (the environment) and, under them, the config file's lines.
pub fn from_sources(vars: &HashMap<String, String>, file: Option<&Path>) -> Result<Config, String> {
    let mut all: HashMap<String, String> = HashMap::new();
    if let Some(path) = file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("无法读取配置文件 {} (cannot read the config file): {e}", path.display()))?;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((k, v)) = line.split_once('=') else {
                return Err(format!(
                    "配置文件 {} 第 {} 行不是 KEY=VALUE (line {} is not KEY=VALUE)",
                    path.display(),
                    i + 1,
                    i + 1
                ));
            };
            all.insert(k.trim().to_string(), v.trim().trim_matches('"').to_string());
        }
    }
    for (k, v) in vars {
        if k.starts_with("KOS_SERVER_") {
            all.insert(k.clone(), v.clone());
        }
    }
    let get = |k: &str| all.get(k).map(String::as_str).filter(|v| !v.is_empty());
    let listen_text = get("KOS_SERVER_LISTEN").unwrap_or(DEFAULT_LISTEN);
    let listen: SocketAddr = listen_text
        .parse()
        .map_err(|e| format!("KOS_SERVER_LISTEN={listen_text} 不是 地址:端口 (not address:port): {e}"))?;
    let database_url = get("KOS_SERVER_DATABASE_URL")
        .ok_or("缺少 KOS_SERVER_DATABASE_URL（PostgreSQL 地址，如 postgres://kos@localhost/kos）(missing KOS_SERVER_DATABASE_URL)")?
        .to_string();
    let data_dir = PathBuf::from(
        get("KOS_SERVER_DATA")
            .ok_or("缺少 KOS_SERVER_DATA（存放在职证明的文件夹）(missing KOS_SERVER_DATA, the proofs folder)")?,
    );
    let key_file = get("KOS_SERVER_KEY_FILE").map(PathBuf::from);
    let tls = match (get("KOS_SERVER_TLS_CERT"), get("KOS_SERVER_TLS_KEY")) {
        (Some(c), Some(k)) => Some((PathBuf::from(c), PathBuf::from(k))),
        (None, None) => None,
        _ => {
            return Err(
                "KOS_SERVER_TLS_CERT 与 KOS_SERVER_TLS_KEY 须同时设置 (set both the TLS certificate and key)".into()
            )
        }
    };
    if tls.is_none() && !listen.ip().is_loopback() {
        return Err(format!(
            "监听 {listen} 不是本机地址：未加密的 HTTP 只允许在本机（127.0.0.1 / ::1）上，请设置 KOS_SERVER_TLS_CERT 与 \
             KOS_SERVER_TLS_KEY (plain HTTP is allowed on loopback only; set a TLS certificate and key to listen on {listen})"
        ));
    }
    let number = |k: &str, default: u64| -> Result<u64, String> {
        get(k).map_or(Ok(default), |v| v.parse::<u64>().map_err(|e| format!("{k}={v} 不是正整数 (not a number): {e}")))
    };
    let max_upload_bytes = number("KOS_SERVER_MAX_UPLOAD_MB", 512)?.saturating_mul(1024 * 1024);
    let db_connections = u32::try_from(number("KOS_SERVER_DB_CONNECTIONS", 16)?).unwrap_or(16).max(2);
    let web_dir = match get("KOS_SERVER_WEB") {
        Some("off") => None,
        Some(dir) => Some(PathBuf::from(dir)),
        None => default_web_dir(),
    };
    Ok(Config { listen, database_url, data_dir, key_file, tls, max_upload_bytes, db_connections, web_dir })
}

/// `web/` beside the binary (where a package puts the built UI), when it holds the app.
fn default_web_dir() -> Option<PathBuf> {
    let dir = std::env::current_exe().ok()?.parent()?.join("web");
    dir.join("index.html").is_file().then_some(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn u4_plain_http_only_on_loopback() {
        let base = [("KOS_SERVER_DATABASE_URL", "postgres://x/y"), ("KOS_SERVER_DATA", "/srv/kos")];
        let ok = from_sources(&vars(&base), None).unwrap();
        assert_eq!(ok.listen.to_string(), DEFAULT_LISTEN);
        let mut open = base.to_vec();
        open.push(("KOS_SERVER_LISTEN", "0.0.0.0:8787"));
        let err = from_sources(&vars(&open), None).unwrap_err();
        assert!(err.contains("TLS"), "{err}");
        open.push(("KOS_SERVER_TLS_CERT", "/c.pem"));
        open.push(("KOS_SERVER_TLS_KEY", "/k.pem"));
        assert!(from_sources(&vars(&open), None).is_ok());
        let v6 = [("KOS_SERVER_LISTEN", "[::1]:9000"), base[0], base[1]];
        assert!(from_sources(&vars(&v6), None).is_ok());
    }

    #[test]
    fn u4_a_config_file_adds_what_the_environment_does_not_say() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("kos-server.conf");
        std::fs::write(
            &file,
            "# team server\nKOS_SERVER_DATABASE_URL=postgres://file/db\nKOS_SERVER_DATA=/from/file\nKOS_SERVER_MAX_UPLOAD_MB=64\n",
        )
        .unwrap();
        let c = from_sources(&vars(&[("KOS_SERVER_DATA", "/from/env")]), Some(&file)).unwrap();
        assert_eq!(c.database_url, "postgres://file/db");
        assert_eq!(c.data_dir, PathBuf::from("/from/env"), "the environment wins");
        assert_eq!(c.max_upload_bytes, 64 * 1024 * 1024);
        let missing = from_sources(&vars(&[]), None).unwrap_err();
        assert!(missing.contains("KOS_SERVER_DATABASE_URL"), "{missing}");
        std::fs::write(&file, "not a setting\n").unwrap();
        assert!(from_sources(&vars(&[]), Some(&file)).unwrap_err().contains("KEY=VALUE"));
    }
}
