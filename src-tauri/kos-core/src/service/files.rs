//! File grants: the only way a file reaches a command. Commands never take a path: they take a token that a
//! door handed out for one file and one purpose. The window's shell grants the file a user picked in a
//! native dialog the Rust side opened (the webview can neither open a dialog nor name a path), the CLI
//! grants the paths typed on its own command line, and the team server will grant an uploaded file the
//! same way. A token is random, says whether it may be read (`Open`) or written (`Save`), expires after
//! an hour, and a save token is spent by its first write.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::Service;
use crate::error::{CoreError, CoreResult};

/// How long a granted file stays usable.
pub const GRANT_TTL_MINUTES: i64 = 60;

/// What a token allows: reading the file the user chose to open, writing where they chose to save, or
/// reading the plain-named files inside a folder they chose (B-16's proofs folder).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum FilePurpose {
    Open,
    Save,
    Folder,
}

impl FilePurpose {
    pub fn label_zh(self) -> &'static str {
        match self {
            FilePurpose::Open => "打开的文件",
            FilePurpose::Save => "保存的位置",
            FilePurpose::Folder => "打开的文件夹",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            FilePurpose::Open => "file to open",
            FilePurpose::Save => "place to save",
            FilePurpose::Folder => "folder to open",
        }
    }
}

/// A file a door granted: the token a command takes, with the file's name (for the window to show) and its
/// size in bytes (0 for a file not yet written).
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct FileRef {
    pub token: String,
    pub name: String,
    pub size: u64,
}

#[derive(Debug)]
struct Grant {
    path: PathBuf,
    purpose: FilePurpose,
    expires_at: DateTime<Utc>,
}

/// The grants of one running service (in memory: a restart forgets them), shared by its clones.
#[derive(Debug, Default)]
pub struct FileGrants {
    grants: Mutex<HashMap<String, Grant>>,
}

fn new_token() -> CoreResult<String> {
    let mut b = [0u8; 24];
    getrandom::fill(&mut b).map_err(|e| CoreError::invalid("file", format!("无法生成文件凭据：{e}"), e.to_string()))?;
    Ok(hex::encode(b))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

impl FileGrants {
    fn grant(&self, path: PathBuf, purpose: FilePurpose, now: DateTime<Utc>) -> CoreResult<String> {
        let token = new_token()?;
        let mut grants = self.grants.lock().unwrap_or_else(|p| p.into_inner());
        grants.retain(|_, g| g.expires_at > now);
        grants.insert(token.clone(), Grant { path, purpose, expires_at: now + Duration::minutes(GRANT_TTL_MINUTES) });
        Ok(token)
    }

    /// The path behind a token of that purpose; a save token is spent.
    fn resolve(&self, token: &str, purpose: FilePurpose, now: DateTime<Utc>) -> CoreResult<PathBuf> {
        let mut grants = self.grants.lock().unwrap_or_else(|p| p.into_inner());
        let refuse = || CoreError::FileNotGranted { purpose };
        let g = grants.get(token).ok_or_else(refuse)?;
        if g.purpose != purpose || g.expires_at <= now {
            return Err(refuse());
        }
        Ok(match purpose {
            FilePurpose::Open | FilePurpose::Folder => g.path.clone(),
            FilePurpose::Save => grants.remove(token).ok_or_else(refuse)?.path,
        })
    }
}

impl Service {
    /// Grants reading a file the user chose (a door's dialog, command line or upload). The file must exist.
    pub fn grant_open(&self, path: &Path) -> CoreResult<FileRef> {
        let meta = std::fs::metadata(path).map_err(|e| {
            let (zh, en) = match e.kind() {
                std::io::ErrorKind::NotFound => ("找不到该文件", "File not found"),
                std::io::ErrorKind::PermissionDenied => ("没有读取该文件的权限", "Permission denied"),
                _ => ("无法读取该文件", "Cannot read the file"),
            };
            CoreError::File {
                path: path.display().to_string(),
                reason_zh: format!("{zh}：{}（{e}）", path.display()),
                reason_en: format!("{en}: {} ({e})", path.display()),
            }
        })?;
        if !meta.is_file() {
            return Err(CoreError::File {
                path: path.display().to_string(),
                reason_zh: format!("请选择一个文件：{}", path.display()),
                reason_en: format!("Choose a file: {}", path.display()),
            });
        }
        let token = self.files.grant(path.to_path_buf(), FilePurpose::Open, self.clock.now())?;
        Ok(FileRef { token, name: file_name(path), size: meta.len() })
    }

    /// Grants writing once to the path the user chose to save to.
    pub fn grant_save(&self, path: &Path) -> CoreResult<FileRef> {
        let token = self.files.grant(path.to_path_buf(), FilePurpose::Save, self.clock.now())?;
        Ok(FileRef { token, name: file_name(path), size: 0 })
    }

    /// Grants reading the files inside a folder the user chose. The folder must exist.
    pub fn grant_folder(&self, path: &Path) -> CoreResult<FileRef> {
        if !std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            return Err(CoreError::File {
                path: path.display().to_string(),
                reason_zh: format!("找不到这个文件夹：{}", path.display()),
                reason_en: format!("This folder does not exist: {}", path.display()),
            });
        }
        let token = self.files.grant(path.to_path_buf(), FilePurpose::Folder, self.clock.now())?;
        Ok(FileRef { token, name: file_name(path), size: 0 })
    }

    /// Grants a path for the purpose.
    pub fn grant_file(&self, path: &Path, purpose: FilePurpose) -> CoreResult<FileRef> {
        match purpose {
            FilePurpose::Open => self.grant_open(path),
            FilePurpose::Save => self.grant_save(path),
            FilePurpose::Folder => self.grant_folder(path),
        }
    }

    /// The file behind an open token (it stays usable until it expires: a preview and the import read it).
    pub(crate) fn opened_file(&self, token: &str) -> CoreResult<PathBuf> {
        self.files.resolve(token, FilePurpose::Open, self.clock.now())
    }

    /// The folder behind a folder token.
    pub(crate) fn opened_folder(&self, token: &str) -> CoreResult<PathBuf> {
        self.files.resolve(token, FilePurpose::Folder, self.clock.now())
    }

    /// The path behind a save token; the token is spent.
    pub(crate) fn save_target(&self, token: &str) -> CoreResult<PathBuf> {
        self.files.resolve(token, FilePurpose::Save, self.clock.now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 2, 0, 0).single().unwrap_or_default()
    }

    #[test]
    fn a_token_serves_its_purpose_until_it_expires_and_a_save_is_spent_once() {
        let g = FileGrants::default();
        let open = g.grant("/tmp/a.csv".into(), FilePurpose::Open, t0()).unwrap();
        let save = g.grant("/tmp/b.xlsx".into(), FilePurpose::Save, t0()).unwrap();
        assert_ne!(open, save);
        assert_eq!(open.len(), 48);
        // the wrong purpose is refused and leaves the token alone
        let wrong = g.resolve(&open, FilePurpose::Save, t0()).unwrap_err();
        assert_eq!(wrong.code(), crate::ErrorCode::FileNotGranted);
        assert!(g.resolve(&save, FilePurpose::Open, t0()).is_err());
        // an open token reads as often as needed within the hour
        assert_eq!(g.resolve(&open, FilePurpose::Open, t0()).unwrap(), PathBuf::from("/tmp/a.csv"));
        assert_eq!(g.resolve(&open, FilePurpose::Open, t0()).unwrap(), PathBuf::from("/tmp/a.csv"));
        // a save token writes once
        assert_eq!(g.resolve(&save, FilePurpose::Save, t0()).unwrap(), PathBuf::from("/tmp/b.xlsx"));
        assert!(g.resolve(&save, FilePurpose::Save, t0()).is_err());
        // after an hour the open token is gone
        let later = t0() + Duration::minutes(GRANT_TTL_MINUTES);
        assert!(g.resolve(&open, FilePurpose::Open, later).is_err());
        // a path is never a token
        assert!(g.resolve("/tmp/a.csv", FilePurpose::Open, t0()).is_err());
    }
}
