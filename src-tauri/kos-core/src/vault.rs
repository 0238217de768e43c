//! Where the installation key lives (B-10, B-14, B-22), and the check that the key found is the database's.
//!
//! The 32-byte key behind every ID-number hash and every encrypted employment proof is kept apart from the
//! data: in the operating system's key store (Windows Credential Manager, the macOS Keychain, the Secret
//! Service on Linux desktops), one entry per database (service `com.kosdesk.desk`, user = the database's
//! random id). Only where no key store exists (servers, CI) the environment variable `KOS_DESK_KEY_FILE`
//! names a key file, which must lie outside the database's folder. A copy of the database folder alone can
//! therefore never be matched against ID numbers nor decrypt a proof.
//!
//! The database holds a key-check value, HMAC(key, "kos-desk key check"): a database with data whose key is
//! missing or different refuses to open (typed `key_missing` / `key_mismatch`); a new key is minted only for
//! a database that holds nothing yet. An install from before the key store (`<db>.key` beside the database)
//! moves its key into the key store on first open and loses the file.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use specta::Type;

use crate::db::Db;
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::secrets::{key_path_for, Secrets};

/// The key store's service name; the entry's user is the database id.
pub const KEYRING_SERVICE: &str = "com.kosdesk.desk";
/// The fallback where no key store exists: a key file outside the database's folder.
pub const KEY_FILE_ENV: &str = "KOS_DESK_KEY_FILE";

const CHECK_LABEL: &str = "kos-desk key check";

/// Where keys are kept on this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyPlace {
    /// the operating system's key store
    OsStore,
    /// a key file (one line per database: `<database id> <key hex>`), mode 0600
    File(PathBuf),
}

/// Where the open database's key is kept, for the settings page.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct KeyLocation {
    /// `os_store` or `file`
    pub kind: String,
    /// the key file, when `kind` is `file`
    pub path: Option<String>,
    /// e.g. 系统密钥库（Secret Service）or 密钥文件 /path
    pub label: String,
    pub label_en: String,
    /// the key store entry's name (the database id)
    pub database_id: String,
}

impl KeyPlace {
    /// `KOS_DESK_KEY_FILE` when set, else the operating system's key store, if one answers. Without either,
    /// a refusal that says exactly what to do.
    pub async fn from_env() -> CoreResult<KeyPlace> {
        if let Some(p) = std::env::var_os(KEY_FILE_ENV).filter(|v| !v.is_empty()) {
            return Ok(KeyPlace::File(PathBuf::from(p)));
        }
        os::probe().await?;
        Ok(KeyPlace::OsStore)
    }

    /// In Chinese and in English, as messages and the settings page name it.
    pub fn describe(&self) -> (String, String) {
        match self {
            KeyPlace::OsStore => {
                (format!("系统密钥库（{}）", os::NAME_ZH), format!("the system key store ({})", os::NAME_EN))
            }
            KeyPlace::File(p) => (format!("密钥文件 {}", p.display()), format!("the key file {}", p.display())),
        }
    }

    pub fn location(&self, database_id: &str) -> KeyLocation {
        let (label, label_en) = self.describe();
        KeyLocation {
            kind: match self {
                KeyPlace::OsStore => "os_store".into(),
                KeyPlace::File(_) => "file".into(),
            },
            path: match self {
                KeyPlace::OsStore => None,
                KeyPlace::File(p) => Some(p.display().to_string()),
            },
            label,
            label_en,
            database_id: database_id.into(),
        }
    }

    /// A key file inside the database's folder would travel with every copy of it: refused.
    pub fn check_outside(&self, db_path: &Path) -> CoreResult<()> {
        let KeyPlace::File(key_file) = self else { return Ok(()) };
        let db_dir = absolute(db_path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")));
        let key_abs = absolute(key_file);
        if key_abs.starts_with(&db_dir) {
            return Err(CoreError::refused(
                ErrorCode::KeyStoreUnavailable,
                "B-10",
                format!(
                    "密钥文件 {} 位于数据库文件夹 {} 之内：复制该文件夹的人会同时拿到密钥。请把 {KEY_FILE_ENV} 指向数据库文件夹以外的路径。",
                    key_file.display(),
                    db_dir.display()
                ),
                format!(
                    "The key file {} lies inside the database's folder {}: whoever copies the folder gets the key too. Point {KEY_FILE_ENV} outside the database's folder.",
                    key_file.display(),
                    db_dir.display()
                ),
                None,
            ));
        }
        Ok(())
    }

    pub async fn get(&self, database_id: &str) -> CoreResult<Option<[u8; 32]>> {
        match self {
            KeyPlace::OsStore => os::get(database_id).await,
            KeyPlace::File(p) => file::get(p, database_id),
        }
    }

    /// Stores the key under the database id, and reads it back: a key store that says yes and keeps nothing
    /// must not leave a database whose key is gone on the next start.
    pub async fn put(&self, database_id: &str, key: &[u8; 32]) -> CoreResult<()> {
        match self {
            KeyPlace::OsStore => os::put(database_id, key).await?,
            KeyPlace::File(p) => file::put(p, database_id, key)?,
        }
        if self.get(database_id).await?.as_ref() != Some(key) {
            let (zh, en) = self.describe();
            return Err(CoreError::refused(
                ErrorCode::KeyStoreUnavailable,
                "B-10",
                format!("密钥写入{zh}后读不回来，未启用该密钥"),
                format!("The key written to {en} could not be read back; it was not used"),
                None,
            ));
        }
        Ok(())
    }
}

fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    // a key file not created yet: its folder, canonical, plus its name
    match (p.parent().filter(|d| !d.as_os_str().is_empty()), p.file_name()) {
        (Some(parent), Some(name)) => absolute(parent).join(name),
        _ => std::env::current_dir().map(|d| d.join(p)).unwrap_or_else(|_| p.to_path_buf()),
    }
}

/// The value stored beside the data that tells the right key from any other.
pub fn key_check(secrets: &Secrets) -> String {
    secrets.hmac("key_check", CHECK_LABEL)
}

/// The open database's key and where it is kept.
#[derive(Debug, Clone)]
pub struct Vault {
    pub place: KeyPlace,
    pub database_id: String,
}

impl Vault {
    pub fn location(&self) -> KeyLocation {
        self.place.location(&self.database_id)
    }

    /// Finds (or, for a database holding nothing yet, mints) the database's key in `place` and checks it
    /// against the database's key-check value. Never mints a key for a database with data.
    pub async fn open(db: &Db, db_path: &Path, place: KeyPlace) -> CoreResult<(Secrets, Vault)> {
        place.check_outside(db_path)?;
        let pool = db.pool();
        let row: Option<(String, String)> =
            crate::on!(pool, |db| sqlx::query_as("SELECT database_id, key_check FROM vault WHERE id = 1")
                .fetch_optional(db)
                .await)?;
        let legacy_path = key_path_for(db_path);
        let legacy = if legacy_path.exists() { Some(Secrets::read_key_file(&legacy_path)?) } else { None };
        let (secrets, database_id) = match row {
            Some((database_id, check)) => {
                let secrets = match place.get(&database_id).await? {
                    Some(key) => Secrets::from_key(key),
                    // an upgrade interrupted after the check was written and before the key was stored
                    None => match legacy.as_ref().filter(|l| key_check(l) == check) {
                        Some(l) => {
                            place.put(&database_id, l.key_bytes()).await?;
                            l.clone()
                        }
                        None => return Err(key_missing(&place, db_path, &database_id)),
                    },
                };
                if key_check(&secrets) != check {
                    return Err(key_mismatch(&place, db_path, &database_id));
                }
                (secrets, database_id)
            }
            None => {
                let secrets = match legacy.clone() {
                    Some(l) => l,
                    None if has_data(db).await? => return Err(key_missing(&place, db_path, "")),
                    None => Secrets::from_key(random_bytes()?),
                };
                let database_id = hex::encode(random_bytes::<16>()?);
                // the key first: a crash before the check is written leaves an unused entry, never a check
                // without its key
                place.put(&database_id, secrets.key_bytes()).await?;
                crate::on!(pool, |db| sqlx::query(
                    "INSERT INTO vault (id, database_id, key_check, created_at) VALUES (1, $1, $2, $3)"
                )
                .bind(&database_id)
                .bind(key_check(&secrets))
                .bind(crate::clock::ts(chrono::Utc::now()))
                .execute(db)
                .await
                .map(|r| r.rows_affected()))?;
                (secrets, database_id)
            }
        };
        // the key beside the database has moved into the key store: it goes (only when it is this key)
        if legacy.is_some_and(|l| l.key_bytes() == secrets.key_bytes()) {
            std::fs::remove_file(&legacy_path).map_err(|e| CoreError::KeyFile {
                path: legacy_path.display().to_string(),
                reason: format!("旧密钥文件已迁入密钥库，但无法删除 (moved, but cannot remove): {e}"),
            })?;
        }
        Ok((secrets, Vault { place, database_id }))
    }
}

/// A database holds data once a brand or a staff member exists: a new key would orphan their hashes.
async fn has_data(db: &Db) -> CoreResult<bool> {
    let n: i64 = crate::on!(db.pool(), |c| sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM enterprises) + (SELECT COUNT(*) FROM staff)"
    )
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

pub(crate) fn random_bytes<const N: usize>() -> CoreResult<[u8; N]> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b)
        .map_err(|e| CoreError::KeyFile {
            path: "getrandom".into(), reason: format!("系统随机数不可用: {e}")
        })?;
    Ok(b)
}

fn key_missing(place: &KeyPlace, db_path: &Path, database_id: &str) -> CoreError {
    let (zh, en) = place.describe();
    let entry =
        if database_id.is_empty() { String::new() } else { format!("（条目 {KEYRING_SERVICE} / {database_id}）") };
    let entry_en =
        if database_id.is_empty() { String::new() } else { format!(" (entry {KEYRING_SERVICE} / {database_id})") };
    CoreError::refused(
        ErrorCode::KeyMissing,
        "B-14",
        format!(
            "数据库 {} 已有数据，但在{zh}中找不到它的密钥{entry}。不会生成新密钥：员工实名核验和在职证明都只认原密钥。\
             请用 `kos-desk restore 备份文件 --db {}` 从备份恢复（备份里有密钥），或把 {KEY_FILE_ENV} 指向原来的密钥文件后重新启动。",
            db_path.display(),
            db_path.display()
        ),
        format!(
            "The database {} holds data but its key is not in {en}{entry_en}. No new key is made: staff identity \
             checks and employment proofs only work with the original key. Restore from a backup (it carries the \
             key) with `kos-desk restore BACKUP --db {}`, or point {KEY_FILE_ENV} at the original key file and start again.",
            db_path.display(),
            db_path.display()
        ),
        None,
    )
}

fn key_mismatch(place: &KeyPlace, db_path: &Path, database_id: &str) -> CoreError {
    let (zh, en) = place.describe();
    CoreError::refused(
        ErrorCode::KeyMismatch,
        "B-14",
        format!(
            "{zh}中数据库 {} 的密钥（条目 {KEYRING_SERVICE} / {database_id}）与数据库的校验值不符：这不是该数据库的密钥。\
             未做任何修改。请用 `kos-desk restore 备份文件 --db {}` 从备份恢复，或把 {KEY_FILE_ENV} 指向原来的密钥文件。",
            db_path.display(),
            db_path.display()
        ),
        format!(
            "The key for {} in {en} (entry {KEYRING_SERVICE} / {database_id}) does not match the database's key check: \
             it is not this database's key. Nothing was changed. Restore from a backup with `kos-desk restore BACKUP --db {}`, \
             or point {KEY_FILE_ENV} at the original key file.",
            db_path.display(),
            db_path.display()
        ),
        None,
    )
}

fn unavailable(reason: impl std::fmt::Display) -> CoreError {
    CoreError::refused(
        ErrorCode::KeyStoreUnavailable,
        "B-10",
        format!(
            "找不到可用的系统密钥库（{reason}）。KOS 工作台的密钥不与数据放在一起。\
             在没有密钥库的服务器或 CI 上，请设置环境变量 {KEY_FILE_ENV}=<数据库文件夹以外的文件路径>（例如 \
             {KEY_FILE_ENV}=$HOME/.config/kos-desk/keys），然后重新启动；该文件会以 0600 权限创建。"
        ),
        format!(
            "No system key store answers ({reason}). KOS Desk never keeps its key beside the data. On a server or CI \
             without a key store, set {KEY_FILE_ENV}=<a file path outside the database's folder> (e.g. \
             {KEY_FILE_ENV}=$HOME/.config/kos-desk/keys) and start again; the file is created with mode 0600."
        ),
        None,
    )
}

/// The operating system's key store through the `keyring` crate, off the async threads (its Linux backend
/// talks D-Bus and blocks).
mod os {
    use super::*;

    #[cfg(target_os = "macos")]
    pub const NAME_ZH: &str = "macOS 钥匙串";
    #[cfg(target_os = "macos")]
    pub const NAME_EN: &str = "macOS Keychain";
    #[cfg(windows)]
    pub const NAME_ZH: &str = "Windows 凭据管理器";
    #[cfg(windows)]
    pub const NAME_EN: &str = "Windows Credential Manager";
    #[cfg(not(any(target_os = "macos", windows)))]
    pub const NAME_ZH: &str = "Secret Service";
    #[cfg(not(any(target_os = "macos", windows)))]
    pub const NAME_EN: &str = "Secret Service";

    async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> CoreResult<T> {
        tokio::task::spawn_blocking(f).await.map_err(unavailable)
    }

    fn entry(database_id: &str) -> CoreResult<keyring::Entry> {
        keyring::Entry::new(KEYRING_SERVICE, database_id).map_err(unavailable)
    }

    /// Answers whether a key store is there: reading an entry that does not exist says so.
    pub async fn probe() -> CoreResult<()> {
        blocking(|| match entry("probe")?.get_password() {
            Ok(_) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(e)),
        })
        .await?
    }

    pub async fn get(database_id: &str) -> CoreResult<Option<[u8; 32]>> {
        let id = database_id.to_string();
        blocking(move || match entry(&id)?.get_password() {
            Ok(hex) => super::decode_key(&hex).map(Some).ok_or_else(|| CoreError::KeyFile {
                path: format!("{KEYRING_SERVICE} / {id}"),
                reason: "密钥不是 64 位十六进制".into(),
            }),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        })
        .await?
    }

    pub async fn put(database_id: &str, key: &[u8; 32]) -> CoreResult<()> {
        let id = database_id.to_string();
        let hex = hex::encode(key);
        blocking(move || entry(&id)?.set_password(&hex).map_err(unavailable)).await?
    }
}

fn decode_key(text: &str) -> Option<[u8; 32]> {
    hex::decode(text.trim()).ok()?.try_into().ok()
}

/// The fallback key file: one line per database, `<database id> <key hex>`, created 0600 in a 0700 folder.
mod file {
    use super::*;

    fn fail(path: &Path, reason: impl std::fmt::Display) -> CoreError {
        CoreError::KeyFile { path: path.display().to_string(), reason: reason.to_string() }
    }

    fn entries(path: &Path) -> CoreResult<Vec<(String, String)>> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(text
                .lines()
                .filter_map(|l| l.split_once(' '))
                .map(|(id, key)| (id.trim().to_string(), key.trim().to_string()))
                .collect()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(fail(path, e)),
        }
    }

    pub fn get(path: &Path, database_id: &str) -> CoreResult<Option<[u8; 32]>> {
        match entries(path)?.into_iter().rev().find(|(id, _)| id == database_id) {
            Some((_, hex)) => decode_key(&hex).map(Some).ok_or_else(|| fail(path, "密钥不是 64 位十六进制")),
            None => Ok(None),
        }
    }

    fn open_private(path: &Path, append: bool) -> CoreResult<std::fs::File> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.exists() {
                std::fs::create_dir_all(dir).map_err(|e| fail(path, e))?;
                crate::private_files::owner_only_dir(dir).map_err(|e| fail(path, e))?;
            }
        }
        let mut opts = std::fs::OpenOptions::new();
        opts.create(true);
        if append {
            opts.append(true);
        } else {
            opts.write(true).truncate(true);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let f = opts.open(path).map_err(|e| fail(path, e))?;
        crate::private_files::owner_only_file(path).map_err(|e| fail(path, e))?;
        Ok(f)
    }

    pub fn put(path: &Path, database_id: &str, key: &[u8; 32]) -> CoreResult<()> {
        let existing = entries(path)?;
        if existing
            .iter()
            .rev()
            .find(|(id, _)| id == database_id)
            .is_some_and(|(_, k)| decode_key(k).as_ref() == Some(key))
        {
            return Ok(());
        }
        let line = format!("{database_id} {}\n", hex::encode(key));
        if !existing.iter().any(|(id, _)| id == database_id) {
            // one short append: another process adding its own database's line at the same time loses nothing
            let mut f = open_private(path, true)?;
            return f.write_all(line.as_bytes()).and_then(|_| f.sync_all()).map_err(|e| fail(path, e));
        }
        // replacing a database's key (a restore): write the whole file anew and swap it in
        let mut text: String =
            existing.iter().filter(|(id, _)| id != database_id).map(|(id, k)| format!("{id} {k}\n")).collect();
        text.push_str(&line);
        let tmp = PathBuf::from(format!("{}.{}.tmp", path.display(), std::process::id()));
        let mut f = open_private(&tmp, false)?;
        f.write_all(text.as_bytes()).and_then(|_| f.sync_all()).map_err(|e| fail(&tmp, e))?;
        std::fs::rename(&tmp, path).map_err(|e| fail(path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_file_keeps_one_key_per_database_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys").join("kos.keys");
        file::put(&path, "aaa", &[1; 32]).unwrap();
        file::put(&path, "bbb", &[2; 32]).unwrap();
        assert_eq!(file::get(&path, "aaa").unwrap(), Some([1; 32]));
        assert_eq!(file::get(&path, "bbb").unwrap(), Some([2; 32]));
        assert_eq!(file::get(&path, "ccc").unwrap(), None);
        file::put(&path, "aaa", &[3; 32]).unwrap();
        assert_eq!(file::get(&path, "aaa").unwrap(), Some([3; 32]));
        assert_eq!(file::get(&path, "bbb").unwrap(), Some([2; 32]));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
            assert_eq!(std::fs::metadata(path.parent().unwrap()).unwrap().permissions().mode() & 0o777, 0o700);
        }
    }

    #[test]
    fn a_key_file_inside_the_database_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("data").join("kos.db");
        std::fs::create_dir_all(db.parent().unwrap()).unwrap();
        let inside = KeyPlace::File(dir.path().join("data").join("sub").join("keys"));
        let err = inside.check_outside(&db).unwrap_err();
        assert_eq!(err.code(), ErrorCode::KeyStoreUnavailable);
        assert!(err.to_api().message.contains("数据库文件夹"), "{}", err.to_api().message);
        assert!(KeyPlace::File(dir.path().join("data").join("kos.db.keys")).check_outside(&db).is_err());
        assert!(KeyPlace::File(dir.path().join("keys")).check_outside(&db).is_ok());
        assert!(KeyPlace::OsStore.check_outside(&db).is_ok());
    }
}
