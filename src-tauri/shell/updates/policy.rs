//! The pure rules of the window's updates (issue 15 item 3): which endpoint and key are in force, whether a
//! version is newer, whether a download may start and whether a staged update is installed at this start.
//! No I/O here: the unit tests below cover every branch.

use kos_core::service::ImportActivity;

/// Tests only: another manifest endpoint, honoured only when it is on this machine (http or https to
/// 127.0.0.1, ::1 or localhost) — in any build, so it can never send a window to another host.
pub const ENDPOINT_ENV: &str = "KOS_DESK_UPDATE_ENDPOINT";

/// Tests only: another public key (the test key under tests/e2e/fixtures/updater), honoured only in debug
/// builds; a release build verifies every update with the project's key in tauri.conf.json.
pub const PUBKEY_ENV: &str = "KOS_DESK_UPDATE_PUBKEY";

/// Tests only (debug builds): after installing at start, open the window instead of relaunching into the new
/// version (the E2E test's "AppImage" is a data file, not a program it could start).
pub const NO_RELAUNCH_ENV: &str = "KOS_DESK_UPDATE_NO_RELAUNCH";

/// Whether `url` points at this machine: the only place a test endpoint (or the staged install's own
/// manifest) may be.
pub fn is_loopback(url: &str) -> bool {
    let rest = match url.split_once("://") {
        Some(("http" | "https", rest)) => rest,
        _ => return false,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return false;
    }
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    };
    matches!(host.to_ascii_lowercase().as_str(), "127.0.0.1" | "localhost" | "::1")
}

/// The endpoint in force: the test override when it is on this machine, else the release endpoint that
/// tauri.conf.json names (`plugins.updater.endpoints`, which the release workflow sets to its repository's
/// releases), which must be https. `Err` names what was refused, for the log.
pub fn endpoint(override_value: Option<&str>, configured: Option<&str>) -> Result<String, String> {
    match override_value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) if is_loopback(v) => Ok(v.to_string()),
        Some(v) => Err(format!("{ENDPOINT_ENV}={v} 不是本机地址，已忽略")),
        None => match configured {
            Some(c) if c.starts_with("https://") => Ok(c.to_string()),
            Some(c) => Err(format!("更新地址 {c} 不是 https，已拒绝")),
            None => Err("tauri.conf.json 没有配置更新地址".to_string()),
        },
    }
}

/// The public key in force: the test key only in a debug build, else the project's.
pub fn pubkey(configured: &str, override_value: Option<&str>, debug_build: bool) -> String {
    match override_value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) if debug_build => v.to_string(),
        _ => configured.to_string(),
    }
}

/// `offered` is a newer version than `current` (semver; a leading `v` is allowed). Unparseable: not newer.
pub fn is_newer(current: &str, offered: &str) -> bool {
    let parse = |v: &str| semver::Version::parse(v.trim().trim_start_matches('v')).ok();
    matches!((parse(current), parse(offered)), (Some(c), Some(o)) if o > c)
}

/// Why a download does not start now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DownloadGate {
    Go,
    /// an import runs (here, or `kos-desk import notes` on the same database)
    ImportRunning,
}

/// No download starts while an import runs. One waiting to be resumed does not stop a download: only the
/// install waits for it.
pub fn may_download(activity: &ImportActivity) -> DownloadGate {
    if activity.running {
        DownloadGate::ImportRunning
    } else {
        DownloadGate::Go
    }
}

/// What the start does with a staged update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstallDecision {
    /// install it now, before the window opens
    Install,
    /// the staged version is not newer than this one (installed already, or an older download): delete it
    Discard,
    /// an import runs or waits to be resumed: keep it for a later start, and say why
    Wait { zh: String, en: String },
}

pub fn install_decision(current: &str, staged: &str, activity: &ImportActivity) -> InstallDecision {
    if !is_newer(current, staged) {
        return InstallDecision::Discard;
    }
    if activity.running {
        return InstallDecision::Wait {
            zh: format!("更新 {staged} 已下载，但有导入正在进行，本次启动不安装；导入结束后，下次启动时安装。"),
            en: format!(
                "Update {staged} is downloaded, but an import is running, so it was not installed at this start; it installs at the next start after the import ends."
            ),
        };
    }
    if let Some(file) = &activity.resumable {
        return InstallDecision::Wait {
            zh: format!(
                "更新 {staged} 已下载，但导入「{file}」中断后尚未完成，本次启动不安装；请先重新导入该文件以完成导入，之后下次启动时安装。"
            ),
            en: format!(
                "Update {staged} is downloaded, but the import of \"{file}\" was cut off and is not finished, so it was not installed at this start; import that file again to finish it, and the update installs at the next start."
            ),
        };
    }
    InstallDecision::Install
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idle() -> ImportActivity {
        ImportActivity { running: false, resumable: None }
    }

    #[test]
    fn loopback_endpoints_only() {
        assert!(is_loopback("http://127.0.0.1:8123/latest.json"));
        assert!(is_loopback("http://localhost/latest.json"));
        assert!(is_loopback("https://LOCALHOST:9/x"));
        assert!(is_loopback("http://[::1]:8080/latest.json"));
        assert!(!is_loopback("http://127.0.0.1.evil.example/latest.json"));
        assert!(!is_loopback("http://evil.example/?h=127.0.0.1"));
        assert!(!is_loopback("http://user@evil.example@127.0.0.1/"));
        assert!(!is_loopback("http://localhost.example.com/"));
        assert!(!is_loopback("file:///tmp/latest.json"));
        assert!(!is_loopback("ftp://127.0.0.1/latest.json"));
        assert!(!is_loopback("127.0.0.1:80"));
    }

    #[test]
    fn endpoint_override_honoured_only_on_this_machine() {
        const RELEASE: &str = "https://example.com/releases/latest.json";
        let release = Some(RELEASE);
        assert_eq!(endpoint(None, release).unwrap(), RELEASE);
        assert_eq!(endpoint(Some("  "), release).unwrap(), RELEASE);
        assert_eq!(
            endpoint(Some("http://127.0.0.1:4567/latest.json"), release).unwrap(),
            "http://127.0.0.1:4567/latest.json"
        );
        assert!(endpoint(Some("http://updates.example.com/latest.json"), release)
            .unwrap_err()
            .contains("不是本机地址"));
        // the shipped endpoint is https, or nothing is asked
        assert!(endpoint(None, Some("http://example.com/latest.json")).is_err());
        assert!(endpoint(None, None).is_err());
    }

    #[test]
    fn test_pubkey_only_in_debug_builds() {
        assert_eq!(pubkey("REAL", Some("TEST"), true), "TEST");
        assert_eq!(pubkey("REAL", Some("TEST"), false), "REAL");
        assert_eq!(pubkey("REAL", None, true), "REAL");
        assert_eq!(pubkey("REAL", Some(""), true), "REAL");
    }

    #[test]
    fn version_compare() {
        assert!(is_newer("0.1.0", "0.2.0"));
        assert!(is_newer("0.1.0", "v0.1.1"));
        assert!(is_newer("0.9.9", "0.10.0"), "numeric, not text order");
        assert!(is_newer("1.0.0-beta.2", "1.0.0"));
        assert!(!is_newer("0.2.0", "0.2.0"));
        assert!(!is_newer("0.2.0", "0.1.9"));
        assert!(!is_newer("0.1.0", "not a version"));
        assert!(!is_newer("", "1.0.0"));
    }

    #[test]
    fn no_download_while_an_import_runs() {
        assert_eq!(may_download(&idle()), DownloadGate::Go);
        assert_eq!(may_download(&ImportActivity { running: true, resumable: None }), DownloadGate::ImportRunning);
        // one waiting to be resumed only holds the install back
        assert_eq!(may_download(&ImportActivity { running: false, resumable: Some("a.csv".into()) }), DownloadGate::Go);
    }

    #[test]
    fn install_waits_for_imports_and_discards_stale_downloads() {
        assert_eq!(install_decision("0.1.0", "0.2.0", &idle()), InstallDecision::Install);
        assert_eq!(install_decision("0.2.0", "0.2.0", &idle()), InstallDecision::Discard);
        assert_eq!(install_decision("0.3.0", "0.2.0", &idle()), InstallDecision::Discard);
        let running = ImportActivity { running: true, resumable: None };
        match install_decision("0.1.0", "0.2.0", &running) {
            InstallDecision::Wait { zh, en } => {
                assert!(zh.contains("0.2.0") && zh.contains("导入正在进行"), "{zh}");
                assert!(en.contains("import is running"), "{en}");
            }
            other => panic!("{other:?}"),
        }
        let resumable = ImportActivity { running: false, resumable: Some("笔记 11月.csv".into()) };
        match install_decision("0.1.0", "0.2.0", &resumable) {
            InstallDecision::Wait { zh, .. } => assert!(zh.contains("笔记 11月.csv"), "{zh}"),
            other => panic!("{other:?}"),
        }
        // a stale download is discarded even while an import runs: it would never be installed
        assert_eq!(install_decision("0.2.0", "0.2.0", &running), InstallDecision::Discard);
    }
}
