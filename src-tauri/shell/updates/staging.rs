//! The downloaded update, kept in the app's data folder until the next start installs it (issue 15 item 3):
//! `<app data>/updates/update.json` (the version, date, notes, signature and the manifest it came from) and
//! `<app data>/updates/artifact` (the bytes the plugin verified). Each is written to a `.part` file and
//! renamed, the artifact first, so a crash never leaves a description without its file. At the next start
//! the artifact's minisign signature is checked again against the same public key before anything is
//! installed: a file changed at rest is refused and deleted.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use serde::{Deserialize, Serialize};

const DIR: &str = "updates";
const META: &str = "update.json";
const ARTIFACT: &str = "artifact";

/// What was downloaded, as the manifest described it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StagedUpdate {
    pub version: String,
    pub date: Option<String>,
    pub notes: Option<String>,
    /// the manifest's signature of the artifact (base64 of minisign's text)
    pub signature: String,
    /// the manifest the update was offered in: served to the plugin again at install time
    pub manifest: serde_json::Value,
    pub staged_at: String,
}

#[derive(Debug, Clone)]
pub struct Staging {
    dir: PathBuf,
}

impl Staging {
    pub fn in_app_data(app_data: &Path) -> Staging {
        Staging { dir: app_data.join(DIR) }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn artifact_path(&self) -> PathBuf {
        self.dir.join(ARTIFACT)
    }

    /// Keeps a verified download for the next start.
    pub fn stage(&self, update: &StagedUpdate, bytes: &[u8]) -> std::io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let meta = serde_json::to_vec_pretty(update).map_err(std::io::Error::other)?;
        // a new download replaces an older one whole: the old description goes first
        let _ = fs::remove_file(self.dir.join(META));
        write_then_rename(&self.dir.join(ARTIFACT), bytes)?;
        write_then_rename(&self.dir.join(META), &meta)
    }

    /// The staged update and its bytes, if both are there and readable; a half-written or unreadable one is
    /// deleted (`Err` says why, for the log).
    pub fn load(&self) -> Result<Option<(StagedUpdate, Vec<u8>)>, String> {
        let meta = match fs::read(self.dir.join(META)) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // an artifact without its description is a download cut off before it finished
                if self.artifact_path().exists() {
                    self.clear();
                }
                return Ok(None);
            }
            Err(e) => return Err(format!("无法读取已下载的更新：{e}")),
        };
        let parsed: StagedUpdate = match serde_json::from_slice(&meta) {
            Ok(p) => p,
            Err(e) => {
                self.clear();
                return Err(format!("已下载的更新描述已损坏，已删除：{e}"));
            }
        };
        match fs::read(self.artifact_path()) {
            Ok(bytes) => Ok(Some((parsed, bytes))),
            Err(e) => {
                self.clear();
                Err(format!("已下载的更新文件缺失，已删除：{e}"))
            }
        }
    }

    /// Deletes the staged update (installed, stale, refused, or half-written).
    pub fn clear(&self) {
        for name in [META, ARTIFACT, "update.json.part", "artifact.part"] {
            let _ = fs::remove_file(self.dir.join(name));
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.dir.join(META).exists() && !self.artifact_path().exists()
    }
}

fn write_then_rename(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut part = path.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    {
        let mut f = fs::File::create(&part)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    fs::rename(&part, path)
}

/// Checks `bytes` against the manifest's `signature` with the public key `pubkey` (both base64 of minisign's
/// text, as tauri.conf.json and latest.json carry them): the check the updater plugin makes on a download.
pub fn verify(bytes: &[u8], signature: &str, pubkey: &str) -> Result<(), String> {
    let b64 = |s: &str, what: &str| -> Result<String, String> {
        let raw = base64::engine::general_purpose::STANDARD
            .decode(s.trim())
            .map_err(|e| format!("{what}不是有效的 base64：{e}"))?;
        String::from_utf8(raw).map_err(|e| format!("{what}不是文本：{e}"))
    };
    let key = minisign_verify::PublicKey::decode(&b64(pubkey, "公钥")?).map_err(|e| format!("公钥无效：{e}"))?;
    let sig = minisign_verify::Signature::decode(&b64(signature, "签名")?).map_err(|e| format!("签名无效：{e}"))?;
    key.verify(bytes, &sig, true).map_err(|e| format!("签名校验失败：{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    // the E2E test's key and artifact (tests/e2e/fixtures/updater, signed with `tauri signer sign`)
    const FIXTURES: [&str; 3] = ["tests", "e2e", "fixtures"];

    fn fixture(name: &str) -> Vec<u8> {
        let mut p = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        for part in FIXTURES {
            p = p.join(part);
        }
        fs::read(p.join("updater").join(name)).unwrap()
    }

    fn text(name: &str) -> String {
        String::from_utf8(fixture(name)).unwrap()
    }

    fn sample() -> StagedUpdate {
        StagedUpdate {
            version: "9.9.9".into(),
            date: Some("2026-12-01T08:00:00Z".into()),
            notes: Some("新功能".into()),
            signature: text("kos-desk_9.9.9_amd64.AppImage.sig"),
            manifest: serde_json::json!({ "version": "9.9.9" }),
            staged_at: "2026-12-07T10:00:00Z".into(),
        }
    }

    #[test]
    fn verifies_the_test_artifact_and_refuses_a_changed_one() {
        let bytes = fixture("kos-desk_9.9.9_amd64.AppImage");
        let sig = text("kos-desk_9.9.9_amd64.AppImage.sig");
        let key = text("test.key.pub");
        verify(&bytes, &sig, &key).unwrap();
        let mut changed = bytes.clone();
        changed[0] ^= 1;
        assert!(verify(&changed, &sig, &key).unwrap_err().contains("签名校验失败"));
        // another key (the project's release key in tauri.conf.json) does not accept the test signature
        let conf: serde_json::Value = serde_json::from_slice(
            &fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tauri.conf.json")).unwrap(),
        )
        .unwrap();
        let release_key = conf["plugins"]["updater"]["pubkey"].as_str().unwrap();
        assert!(verify(&bytes, &sig, release_key).is_err());
        assert!(verify(&bytes, "not base64!", &key).unwrap_err().contains("base64"));
    }

    #[test]
    fn stages_loads_and_clears() {
        let tmp = tempfile::tempdir().unwrap();
        let staging = Staging::in_app_data(tmp.path());
        assert!(staging.load().unwrap().is_none());
        assert!(staging.is_empty());
        staging.stage(&sample(), b"bytes").unwrap();
        let (u, bytes) = staging.load().unwrap().unwrap();
        assert_eq!(u, sample());
        assert_eq!(bytes, b"bytes");
        assert!(!staging.dir().join("artifact.part").exists());
        staging.clear();
        assert!(staging.is_empty());
    }

    #[test]
    fn a_half_written_download_is_deleted() {
        let tmp = tempfile::tempdir().unwrap();
        let staging = Staging::in_app_data(tmp.path());
        staging.stage(&sample(), b"bytes").unwrap();
        // cut off between the artifact and its description
        fs::remove_file(staging.dir().join(META)).unwrap();
        assert!(staging.load().unwrap().is_none());
        assert!(staging.is_empty());
        // a damaged description
        staging.stage(&sample(), b"bytes").unwrap();
        fs::write(staging.dir().join(META), b"{ not json").unwrap();
        assert!(staging.load().unwrap_err().contains("已损坏"));
        assert!(staging.is_empty());
    }
}
