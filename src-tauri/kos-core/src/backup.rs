//! Backup and restore (B-10, B-14, B-20, B-22): one file that brings a database back whole on any machine.
//!
//! A backup is a zip (members stored, not deflated) holding
//! - `database.sqlite`: a consistent snapshot taken online with `VACUUM INTO`,
//! - `proofs/<sha256>.kosproof`: the encrypted employment proofs (B-20 evidence),
//! - `manifest.json`: app and schema version, row counts, size and SHA-256 of every member, and the
//!   installation key sealed by the user's passphrase (Argon2id derives the sealing key, AES-256-GCM seals,
//!   bound to the database id and the snapshot's hash).
//!
//! It is written under a temporary name and renamed at the end, so a crash never leaves a half backup that
//! looks whole. A restore verifies every member's hash, unseals the key (a wrong passphrase writes nothing),
//! checks the key against the snapshot's key-check value, and only then moves the snapshot and the proofs
//! into place (an existing database is first moved aside to a dated folder) and stores the key in this
//! machine's key store (or key file).
//!
//! Also here: the automatic snapshot taken before migrations run on a database with data.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use specta::Type;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use sqlx::{ConnectOptions, Connection, SqliteConnection};

use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::secrets::Secrets;
use crate::vault::{key_check, random_bytes, KeyLocation, KeyPlace};

/// The shortest passphrase accepted for sealing a backup's key.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// Pre-migration snapshots kept in `<db dir>/backups/`.
pub const KEEP_MIGRATION_SNAPSHOTS: usize = 3;

const FORMAT: &str = "kos-desk-backup";
const FORMAT_VERSION: u32 = 1;
const MANIFEST: &str = "manifest.json";
const DB_MEMBER: &str = "database.sqlite";
const PROOFS_PREFIX: &str = "proofs/";
// Argon2id, RFC 9106's second recommended setting: 64 MiB, 3 passes, 1 lane
const ARGON_M_KIB: u32 = 64 * 1024;
const ARGON_T: u32 = 3;
const ARGON_P: u32 = 1;

/// Rows in a backup (or in the database it replaces).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type, PartialEq)]
pub struct BackupCounts {
    pub enterprises: i64,
    pub stores: i64,
    pub staff: i64,
    pub accounts: i64,
    pub bindings: i64,
    pub notes: i64,
    /// encrypted employment-proof files
    pub proofs: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Member {
    name: String,
    size: u64,
    sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SealedKey {
    kdf: String,
    m_cost_kib: u32,
    t_cost: u32,
    p_cost: u32,
    salt: String,
    cipher: String,
    nonce: String,
    ciphertext: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Manifest {
    format: String,
    format_version: u32,
    app_version: String,
    schema_version: i64,
    created_at: String,
    database_id: String,
    counts: BackupCounts,
    members: Vec<Member>,
    key: SealedKey,
}

/// What a backup holds, read from its manifest (no passphrase needed): shown before a restore.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct BackupSummary {
    pub path: String,
    pub size_bytes: i64,
    pub app_version: String,
    pub schema_version: i64,
    /// RFC 3339, UTC
    pub created_at: String,
    pub counts: BackupCounts,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct BackupReport {
    pub path: String,
    pub size_bytes: i64,
    pub schema_version: i64,
    pub created_at: String,
    pub counts: BackupCounts,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct RestoreReport {
    pub db_path: String,
    pub backup_created_at: String,
    pub backup_app_version: String,
    pub counts: BackupCounts,
    /// where the replaced database and proofs were moved, if there were any
    pub moved_aside: Option<String>,
    /// where the restored key is now kept
    pub key: KeyLocation,
}

fn damaged(path: &Path, zh: impl std::fmt::Display, en: impl std::fmt::Display) -> CoreError {
    CoreError::refused(
        ErrorCode::BackupDamaged,
        "B-20",
        format!("备份文件 {} 不可用：{zh}。未做任何修改。", path.display()),
        format!("The backup {} cannot be used: {en}. Nothing was changed.", path.display()),
        None,
    )
}

fn io_fail(path: &Path, e: impl std::fmt::Display) -> CoreError {
    CoreError::File {
        path: path.display().to_string(),
        reason_zh: format!("文件操作失败 {}：{e}", path.display()),
        reason_en: format!("File operation failed on {}: {e}", path.display()),
    }
}

/// A passphrase long enough to seal the key (counted in characters, so 8 汉字 are enough).
pub fn check_passphrase(passphrase: &str) -> CoreResult<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(CoreError::invalid(
            "passphrase",
            format!("备份口令至少需要 {MIN_PASSPHRASE_CHARS} 个字符；恢复时要用同一口令，请妥善保管"),
            format!(
                "The backup passphrase needs at least {MIN_PASSPHRASE_CHARS} characters; keep it safe, restoring needs it"
            ),
        ));
    }
    Ok(())
}

fn sealing_key(passphrase: &str, salt: &[u8], m: u32, t: u32, p: u32) -> CoreResult<[u8; 32]> {
    let bad = |e: argon2::Error| {
        CoreError::invalid("passphrase", format!("口令派生失败：{e}"), format!("Key derivation failed: {e}"))
    };
    let params = argon2::Params::new(m, t, p, Some(32)).map_err(bad)?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut out = [0u8; 32];
    argon.hash_password_into(passphrase.as_bytes(), salt, &mut out).map_err(bad)?;
    Ok(out)
}

fn seal_aad(database_id: &str, db_sha256: &str) -> Vec<u8> {
    format!("{FORMAT}/{FORMAT_VERSION}|{database_id}|{db_sha256}").into_bytes()
}

fn seal_key(secrets: &Secrets, passphrase: &str, database_id: &str, db_sha256: &str) -> CoreResult<SealedKey> {
    let salt = random_bytes::<16>()?;
    let nonce = random_bytes::<12>()?;
    let k = sealing_key(passphrase, &salt, ARGON_M_KIB, ARGON_T, ARGON_P)?;
    let ct = Aes256Gcm::new(&k.into())
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload { msg: secrets.key_bytes(), aad: &seal_aad(database_id, db_sha256) },
        )
        .map_err(|_| CoreError::invalid("key", "密钥封存失败", "Sealing the key failed"))?;
    Ok(SealedKey {
        kdf: "argon2id".into(),
        m_cost_kib: ARGON_M_KIB,
        t_cost: ARGON_T,
        p_cost: ARGON_P,
        salt: hex::encode(salt),
        cipher: "aes-256-gcm".into(),
        nonce: hex::encode(nonce),
        ciphertext: hex::encode(ct),
    })
}

fn unseal_key(file: &Path, m: &Manifest, db_sha256: &str, passphrase: &str) -> CoreResult<Secrets> {
    let k = &m.key;
    if k.kdf != "argon2id" || k.cipher != "aes-256-gcm" {
        return Err(damaged(file, "密钥封存方式未知", "the key is sealed in an unknown way"));
    }
    // a manifest could ask for any amount of memory: keep to what this version writes, within reason
    if k.m_cost_kib > 1024 * 1024 || k.t_cost > 16 || k.p_cost > 8 {
        return Err(damaged(file, "密钥派生参数超出范围", "the key-derivation parameters are out of range"));
    }
    let hexed = |s: &str| {
        hex::decode(s).map_err(|_| damaged(file, "清单中的密钥字段损坏", "the manifest's key fields are damaged"))
    };
    let (salt, nonce, ct) = (hexed(&k.salt)?, hexed(&k.nonce)?, hexed(&k.ciphertext)?);
    if nonce.len() != 12 {
        return Err(damaged(file, "清单中的密钥字段损坏", "the manifest's key fields are damaged"));
    }
    let sk = sealing_key(passphrase, &salt, k.m_cost_kib, k.t_cost, k.p_cost)?;
    let plain = Aes256Gcm::new(&sk.into())
        .decrypt(Nonce::from_slice(&nonce), Payload { msg: &ct, aad: &seal_aad(&m.database_id, db_sha256) })
        .map_err(|_| {
            CoreError::refused(
                ErrorCode::BackupPassphrase,
                "B-10",
                "备份口令不正确，无法取出密钥。未做任何修改，请重新输入备份时设置的口令。",
                "The backup passphrase is wrong; the key cannot be unsealed. Nothing was changed; enter the passphrase set when the backup was made.",
                None,
            )
        })?;
    let key: [u8; 32] = plain.try_into().map_err(|_| damaged(file, "密钥长度不对", "the key has the wrong length"))?;
    Ok(Secrets::from_key(key))
}

/// Copies `reader` into `writer`, returning the byte count and SHA-256.
fn copy_hashing(reader: &mut impl Read, writer: &mut impl Write) -> std::io::Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut total = 0u64;
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        writer.write_all(&buf[..n])?;
        total += n as u64;
    }
    Ok((total, hex::encode(hasher.finalize())))
}

/// A private scratch folder (0700) beside `near`, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    /// A private working folder beside the database `db_path`, named after it: `.kos-<label>-<db name>-…`.
    /// Only a holder of the database's lock makes one, so one left over (the process was killed) is removed by
    /// the next opener of that database ([`finish_interrupted_restore`]).
    fn new(db_path: &Path, label: &str) -> CoreResult<Scratch> {
        let dir = folder_of(db_path).join(format!(
            "{}{}-{}",
            scratch_prefix(db_path, label),
            std::process::id(),
            hex::encode(random_bytes::<4>()?)
        ));
        std::fs::create_dir_all(&dir).map_err(|e| io_fail(&dir, e))?;
        crate::private_files::owner_only_dir(&dir).map_err(|e| io_fail(&dir, e))?;
        Ok(Scratch(dir))
    }

    /// Keeps the folder when dropped (a restore's journal names it until the moves are done).
    fn keep(mut self) -> PathBuf {
        std::mem::take(&mut self.0)
    }
}

fn scratch_prefix(db_path: &Path, label: &str) -> String {
    format!(".kos-{label}-{}-", db_path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default())
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if self.0.as_os_str().is_empty() {
            return;
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn folder_of(path: &Path) -> PathBuf {
    path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf()
}

/// `VACUUM INTO` a new owner-only file: a consistent snapshot while others keep writing.
async fn vacuum_into(pool: &SqlitePool, target: &Path) -> CoreResult<()> {
    // VACUUM INTO accepts an empty existing file: create it owner-only first, so the copy is never readable
    // by others, not even for a moment
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(target).map_err(|e| io_fail(target, e))?;
    sqlx::query("VACUUM INTO ?").bind(target.display().to_string()).execute(pool).await?;
    Ok(())
}

async fn open_snapshot(path: &Path) -> CoreResult<SqliteConnection> {
    // the path as a file name, never pasted into a sqlite:// URL: sqlx would percent-decode it and cut it at
    // `?`, so a folder named `100%25` or `a?b` would open another file (tests/portable.rs)
    let opts = SqliteConnectOptions::new().filename(path).read_only(true);
    opts.connect().await.map_err(|e| CoreError::DbOpen { path: path.display().to_string(), reason: e.to_string() })
}

async fn table_exists(conn: &mut SqliteConnection, name: &str) -> CoreResult<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?")
        .bind(name)
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}

async fn count_rows(conn: &mut SqliteConnection) -> CoreResult<BackupCounts> {
    let mut c = BackupCounts::default();
    for (table, slot) in [
        ("enterprises", &mut c.enterprises),
        ("stores", &mut c.stores),
        ("staff", &mut c.staff),
        ("xhs_accounts", &mut c.accounts),
        ("bindings", &mut c.bindings),
        ("notes", &mut c.notes),
    ] {
        if table_exists(conn, table).await? {
            // the table names are this list's constants
            *slot = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                .fetch_one(&mut *conn)
                .await?;
        }
    }
    Ok(c)
}

async fn schema_version_of(conn: &mut SqliteConnection) -> CoreResult<i64> {
    if !table_exists(conn, "_sqlx_migrations").await? {
        return Ok(0);
    }
    let v: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1").fetch_one(&mut *conn).await?;
    Ok(v.unwrap_or(0))
}

fn proof_files(proofs_dir: &Path) -> CoreResult<Vec<PathBuf>> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(proofs_dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(io_fail(proofs_dir, e)),
    };
    for entry in entries {
        let p = entry.map_err(|e| io_fail(proofs_dir, e))?.path();
        if p.is_file() && p.extension().is_some_and(|x| x == crate::proof_file::EXTENSION) {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

/// Writes a backup of the database behind `pool` (at `db_path`, proofs in `proofs_dir`) to `dest`.
pub async fn write_backup(
    pool: &SqlitePool,
    db_path: &Path,
    proofs_dir: &Path,
    secrets: &Secrets,
    dest: &Path,
    passphrase: &str,
) -> CoreResult<BackupReport> {
    check_passphrase(passphrase)?;
    let dest_dir = folder_of(dest);
    if !dest_dir.is_dir() {
        return Err(io_fail(dest, "目标文件夹不存在 (the folder does not exist)"));
    }
    let scratch = Scratch::new(db_path, "backup")?;
    let snapshot = scratch.0.join(DB_MEMBER);
    vacuum_into(pool, &snapshot).await?;
    let mut conn = open_snapshot(&snapshot).await?;
    let mut counts = count_rows(&mut conn).await?;
    let schema_version = schema_version_of(&mut conn).await?;
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT database_id, key_check FROM vault WHERE id = 1").fetch_optional(&mut conn).await?;
    conn.close().await?;
    let (database_id, check) =
        row.ok_or_else(|| CoreError::invalid("vault", "数据库缺少密钥校验值", "The database has no key check"))?;
    if check != key_check(secrets) {
        return Err(CoreError::refused(
            ErrorCode::KeyMismatch,
            "B-14",
            "当前密钥与数据库的校验值不符，不能备份",
            "The key in use does not match the database's key check; no backup was written",
            None,
        ));
    }
    let proofs = proof_files(proofs_dir)?;
    counts.proofs = proofs.len() as i64;
    let created_at = crate::clock::ts(chrono::Utc::now());
    let report_created_at = created_at.clone();
    let report_counts = counts.clone();
    let partial_prefix =
        format!(".{}.partial-", dest.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default());
    // a partial file of this name left by a backup a crash cut off holds people's data: it goes now
    if let Ok(entries) = std::fs::read_dir(&dest_dir) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(&partial_prefix) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    let partial = dest_dir.join(format!("{partial_prefix}{}", std::process::id()));
    let secrets = secrets.clone();
    let passphrase = passphrase.to_string();
    let dest_owned = dest.to_path_buf();
    let partial_owned = partial.clone();
    let written = tokio::task::spawn_blocking(move || -> CoreResult<u64> {
        let result = (|| {
            let f = std::fs::File::create(&partial_owned).map_err(|e| io_fail(&partial_owned, e))?;
            crate::private_files::owner_only_file(&partial_owned).map_err(|e| io_fail(&partial_owned, e))?;
            let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(f));
            let mut members = Vec::new();
            let add = |zip: &mut zip::ZipWriter<_>, name: String, src: &Path| -> CoreResult<Member> {
                let size = std::fs::metadata(src).map_err(|e| io_fail(src, e))?.len();
                let opts = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Stored)
                    .large_file(size >= u32::MAX as u64);
                zip.start_file(name.as_str(), opts).map_err(|e| io_fail(&partial_owned, e))?;
                let mut input = std::fs::File::open(src).map_err(|e| io_fail(src, e))?;
                let (size, sha256) = copy_hashing(&mut input, zip).map_err(|e| io_fail(&partial_owned, e))?;
                Ok(Member { name, size, sha256 })
            };
            let db_member = add(&mut zip, DB_MEMBER.into(), &snapshot)?;
            let db_sha = db_member.sha256.clone();
            members.push(db_member);
            for p in &proofs {
                let name = format!("{PROOFS_PREFIX}{}", p.file_name().map(|n| n.to_string_lossy()).unwrap_or_default());
                members.push(add(&mut zip, name, p)?);
            }
            let manifest = Manifest {
                format: FORMAT.into(),
                format_version: FORMAT_VERSION,
                app_version: env!("CARGO_PKG_VERSION").into(),
                schema_version,
                created_at: created_at.clone(),
                database_id: database_id.clone(),
                counts: counts.clone(),
                members,
                key: seal_key(&secrets, &passphrase, &database_id, &db_sha)?,
            };
            let text = serde_json::to_vec_pretty(&manifest)
                .map_err(|e| CoreError::invalid("manifest", e.to_string(), e.to_string()))?;
            zip.start_file(MANIFEST, zip::write::SimpleFileOptions::default())
                .map_err(|e| io_fail(&partial_owned, e))?;
            zip.write_all(&text).map_err(|e| io_fail(&partial_owned, e))?;
            let buf = zip.finish().map_err(|e| io_fail(&partial_owned, e))?;
            let f = buf.into_inner().map_err(|e| io_fail(&partial_owned, e.error()))?;
            f.sync_all().map_err(|e| io_fail(&partial_owned, e))?;
            drop(f);
            // only a finished, synced file takes the real name
            std::fs::rename(&partial_owned, &dest_owned).map_err(|e| io_fail(&dest_owned, e))?;
            let size = std::fs::metadata(&dest_owned).map_err(|e| io_fail(&dest_owned, e))?.len();
            Ok(size)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&partial_owned);
        }
        result
    })
    .await
    .map_err(|e| io_fail(&partial, e))??;
    drop(scratch);
    Ok(BackupReport {
        path: dest.display().to_string(),
        size_bytes: written as i64,
        schema_version,
        created_at: report_created_at,
        counts: report_counts,
    })
}

fn open_archive(file: &Path) -> CoreResult<zip::ZipArchive<std::io::BufReader<std::fs::File>>> {
    let f = std::fs::File::open(file).map_err(|e| io_fail(file, e))?;
    zip::ZipArchive::new(std::io::BufReader::new(f)).map_err(|e| {
        damaged(
            file,
            format!("不是完整的备份文件（{e}），可能被截断",),
            format!("not a whole backup file ({e}); it may be truncated"),
        )
    })
}

fn manifest_of(file: &Path, zip: &mut zip::ZipArchive<std::io::BufReader<std::fs::File>>) -> CoreResult<Manifest> {
    let mut text = Vec::new();
    zip.by_name(MANIFEST)
        .map_err(|_| damaged(file, "缺少清单 manifest.json", "manifest.json is missing"))?
        .read_to_end(&mut text)
        .map_err(|e| damaged(file, format!("清单读不出来（{e}）"), format!("the manifest cannot be read ({e})")))?;
    let m: Manifest = serde_json::from_slice(&text)
        .map_err(|e| damaged(file, format!("清单格式不对（{e}）"), format!("the manifest is malformed ({e})")))?;
    if m.format != FORMAT || m.format_version != FORMAT_VERSION {
        return Err(damaged(
            file,
            "不是 KOS 工作台的备份（或版本不支持）",
            "not a KOS Desk backup (or an unsupported version)",
        ));
    }
    Ok(m)
}

async fn read_manifest(file: &Path) -> CoreResult<(u64, Manifest)> {
    let file = file.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let size = std::fs::metadata(&file).map_err(|e| io_fail(&file, e))?.len();
        let mut zip = open_archive(&file)?;
        Ok((size, manifest_of(&file, &mut zip)?))
    })
    .await
    .map_err(|e| CoreError::invalid("backup", e.to_string(), e.to_string()))?
}

/// What a backup holds, from its manifest.
pub async fn inspect(file: &Path) -> CoreResult<BackupSummary> {
    let (size, m) = read_manifest(file).await?;
    Ok(BackupSummary {
        path: file.display().to_string(),
        size_bytes: size as i64,
        app_version: m.app_version,
        schema_version: m.schema_version,
        created_at: m.created_at,
        counts: m.counts,
    })
}

/// A backup unpacked and checked beside its target, ready to be moved into place.
pub struct Staged {
    scratch: Scratch,
    manifest: Manifest,
    secrets: Secrets,
}

impl Staged {
    fn db(&self) -> PathBuf {
        self.scratch.0.join(DB_MEMBER)
    }

    pub fn counts(&self) -> &BackupCounts {
        &self.manifest.counts
    }
}

/// Unpacks `file` next to `target_db` checking every member's size and SHA-256, unseals the key with the
/// passphrase and checks it against the snapshot's key-check value. The target is not touched.
pub async fn prepare_restore(file: &Path, passphrase: &str, target_db: &Path) -> CoreResult<Staged> {
    let target_dir = folder_of(target_db);
    std::fs::create_dir_all(&target_dir).map_err(|e| io_fail(&target_dir, e))?;
    let scratch = Scratch::new(target_db, "restore")?;
    let (file_owned, dir) = (file.to_path_buf(), scratch.0.clone());
    let manifest = tokio::task::spawn_blocking(move || -> CoreResult<Manifest> {
        let file = file_owned;
        let mut zip = open_archive(&file)?;
        let m = manifest_of(&file, &mut zip)?;
        if !m.members.iter().any(|x| x.name == DB_MEMBER) {
            return Err(damaged(&file, "缺少数据库", "the database is missing"));
        }
        std::fs::create_dir_all(dir.join("proofs")).map_err(|e| io_fail(&dir, e))?;
        crate::private_files::owner_only_dir(&dir.join("proofs")).map_err(|e| io_fail(&dir, e))?;
        for i in 0..zip.len() {
            let name = zip.by_index(i).map_err(|e| damaged(&file, e.to_string(), e.to_string()))?.name().to_string();
            if name != MANIFEST && !m.members.iter().any(|x| x.name == name) {
                return Err(damaged(
                    &file,
                    format!("含有清单之外的成员 {name}"),
                    format!("it holds {name}, which the manifest does not list"),
                ));
            }
        }
        for member in &m.members {
            let rel = match member.name.strip_prefix(PROOFS_PREFIX) {
                Some(p)
                    if crate::proof_file::is_proof_id(p.trim_end_matches(".kosproof")) && p.ends_with(".kosproof") =>
                {
                    PathBuf::from("proofs").join(p)
                }
                None if member.name == DB_MEMBER => PathBuf::from(DB_MEMBER),
                _ => {
                    return Err(damaged(
                        &file,
                        format!("成员名不合规 {}", member.name),
                        format!("bad member name {}", member.name),
                    ))
                }
            };
            let mut entry = zip.by_name(&member.name).map_err(|_| {
                damaged(&file, format!("缺少成员 {}", member.name), format!("member {} is missing", member.name))
            })?;
            let out_path = dir.join(&rel);
            let mut out = std::fs::File::create(&out_path).map_err(|e| io_fail(&out_path, e))?;
            crate::private_files::owner_only_file(&out_path).map_err(|e| io_fail(&out_path, e))?;
            let (size, sha) = copy_hashing(&mut entry, &mut out).map_err(|e| {
                damaged(
                    &file,
                    format!("成员 {} 读不出来（{e}）", member.name),
                    format!("member {} cannot be read ({e})", member.name),
                )
            })?;
            if size != member.size || sha != member.sha256 {
                return Err(damaged(
                    &file,
                    format!("成员 {} 的 SHA-256 与清单不符（被改动或损坏）", member.name),
                    format!("member {}'s SHA-256 does not match the manifest (altered or damaged)", member.name),
                ));
            }
            out.sync_all().map_err(|e| io_fail(&out_path, e))?;
        }
        Ok(m)
    })
    .await
    .map_err(|e| CoreError::invalid("backup", e.to_string(), e.to_string()))??;
    let db_sha = manifest.members.iter().find(|x| x.name == DB_MEMBER).map(|x| x.sha256.clone()).unwrap_or_default();
    let (file2, m2, pass) = (file.to_path_buf(), manifest.clone(), passphrase.to_string());
    let secrets = tokio::task::spawn_blocking(move || unseal_key(&file2, &m2, &db_sha, &pass))
        .await
        .map_err(|e| CoreError::invalid("backup", e.to_string(), e.to_string()))??;
    let staged = Staged { scratch, manifest, secrets };
    let mut conn = open_snapshot(&staged.db()).await?;
    let row: Option<(String, String)> = if table_exists(&mut conn, "vault").await? {
        sqlx::query_as("SELECT database_id, key_check FROM vault WHERE id = 1").fetch_optional(&mut conn).await?
    } else {
        None
    };
    let schema = schema_version_of(&mut conn).await?;
    conn.close().await?;
    match row {
        Some((id, check)) if id == staged.manifest.database_id && check == key_check(&staged.secrets) => {}
        _ => {
            return Err(damaged(
                file,
                "备份中的密钥与其数据库的校验值不符",
                "the backup's key does not match its database's key check",
            ))
        }
    }
    let newest = crate::db::MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
    if schema > newest {
        return Err(damaged(
            file,
            format!("它来自更新的 KOS 工作台（数据库版本 {schema}，本程序最高 {newest}），请先升级本程序"),
            format!("it comes from a newer KOS Desk (schema {schema}, this build knows up to {newest}); upgrade first"),
        ));
    }
    Ok(staged)
}

/// Does the database at `db_path` hold a brand? (A missing file holds nothing.)
pub async fn holds_a_brand(db_path: &Path) -> CoreResult<bool> {
    if !db_path.exists() {
        return Ok(false);
    }
    let mut conn = open_snapshot(db_path).await?;
    let n = if table_exists(&mut conn, "enterprises").await? {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM enterprises").fetch_one(&mut conn).await?
    } else {
        0
    };
    conn.close().await?;
    Ok(n > 0)
}

/// A restore's moves, written beside the database (`<db>.restoring`) before the first one: the staged folder
/// they come from and the folder the replaced files go to.
#[derive(Debug, Serialize, Deserialize)]
struct RestoreJournal {
    scratch: PathBuf,
    aside: PathBuf,
}

fn journal_path(target_db: &Path) -> PathBuf {
    PathBuf::from(format!("{}.restoring", target_db.display()))
}

/// A dated `replaced-…` folder name that is not taken yet (made only when something moves into it).
fn aside_folder(target_dir: &Path) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S").to_string();
    let mut aside = target_dir.join(format!("replaced-{stamp}"));
    let mut n = 2;
    while aside.exists() {
        aside = target_dir.join(format!("replaced-{stamp}-{n}"));
        n += 1;
    }
    aside
}

fn write_journal(target_db: &Path, journal: &RestoreJournal) -> CoreResult<()> {
    let path = journal_path(target_db);
    let tmp = PathBuf::from(format!("{}.tmp", path.display()));
    let text = serde_json::to_vec(journal).map_err(|e| io_fail(&path, e))?;
    let mut f = std::fs::File::create(&tmp).map_err(|e| io_fail(&tmp, e))?;
    crate::private_files::owner_only_file(&tmp).map_err(|e| io_fail(&tmp, e))?;
    f.write_all(&text).and_then(|_| f.sync_all()).map_err(|e| io_fail(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| io_fail(&path, e))
}

impl RestoreJournal {
    /// Does what is left of the moves; each step can be repeated. A staged item still in the scratch folder
    /// has not moved in yet, so whatever stands at its place is the old installation's and goes aside first.
    /// Returns the folder holding the replaced files, if any were.
    fn complete(&self, target_db: &Path) -> CoreResult<Option<PathBuf>> {
        let staged_db = self.scratch.join(DB_MEMBER);
        let staged_proofs = self.scratch.join("proofs");
        let proofs_dir = crate::service::proofs_dir_for(target_db);
        let mut old = Vec::new();
        if staged_db.exists() {
            old.push(target_db.to_path_buf());
            old.push(PathBuf::from(format!("{}-wal", target_db.display())));
            old.push(PathBuf::from(format!("{}-shm", target_db.display())));
            old.push(crate::secrets::key_path_for(target_db));
        }
        if staged_proofs.exists() {
            old.push(proofs_dir.clone());
        }
        let present: Vec<PathBuf> = old.into_iter().filter(|p| p.exists()).collect();
        if !present.is_empty() {
            std::fs::create_dir_all(&self.aside).map_err(|e| io_fail(&self.aside, e))?;
            crate::private_files::owner_only_dir(&self.aside).map_err(|e| io_fail(&self.aside, e))?;
        }
        for p in &present {
            let to = self.aside.join(p.file_name().unwrap_or_default());
            std::fs::rename(p, &to).map_err(|e| io_fail(p, e))?;
        }
        if staged_proofs.exists() {
            std::fs::rename(&staged_proofs, &proofs_dir).map_err(|e| io_fail(&proofs_dir, e))?;
            crate::private_files::owner_only_dir(&proofs_dir).map_err(|e| io_fail(&proofs_dir, e))?;
        }
        if staged_db.exists() {
            std::fs::rename(&staged_db, target_db).map_err(|e| io_fail(target_db, e))?;
            crate::private_files::owner_only_file(target_db).map_err(|e| io_fail(target_db, e))?;
        }
        match std::fs::remove_dir_all(&self.scratch) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io_fail(&self.scratch, e)),
            _ => {}
        }
        let journal = journal_path(target_db);
        std::fs::remove_file(&journal).map_err(|e| io_fail(&journal, e))?;
        Ok(self.aside.exists().then(|| self.aside.clone()))
    }
}

/// Run by whoever takes the database's lock, before opening it: finishes a restore that a crash cut off
/// (its journal says what is left) and removes the working folders of backups and restores that a crash
/// left behind. Returns the folder holding the replaced files when a restore was finished.
pub fn finish_interrupted_restore(target_db: &Path) -> CoreResult<Option<PathBuf>> {
    let journal = journal_path(target_db);
    let finished = match std::fs::read(&journal) {
        Ok(text) => {
            let j: RestoreJournal = serde_json::from_slice(&text).map_err(|e| {
                io_fail(&journal, format!("恢复记录无法读取 (the restore journal cannot be read): {e}"))
            })?;
            j.complete(target_db)?
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_fail(&journal, e)),
    };
    let _ = std::fs::remove_file(PathBuf::from(format!("{}.tmp", journal.display())));
    let dir = folder_of(target_db);
    let prefixes = [scratch_prefix(target_db, "backup"), scratch_prefix(target_db, "restore")];
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if prefixes.iter().any(|p| name.starts_with(p.as_str())) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    Ok(finished)
}

/// Moves a staged backup into place at `target_db` (with its proofs folder), and stores its key in `keys`.
/// An existing database there is refused when it holds a brand, unless `replace`: then it (with its WAL,
/// shared memory, proofs and any legacy key file) is first moved to `<db dir>/replaced-<timestamp>/`.
/// The caller must have closed any pool on the target.
pub async fn install(staged: Staged, target_db: &Path, keys: KeyPlace, replace: bool) -> CoreResult<RestoreReport> {
    keys.check_outside(target_db)?;
    if !replace && holds_a_brand(target_db).await? {
        return Err(CoreError::refused(
            ErrorCode::RestoreTargetNotEmpty,
            "B-20",
            format!(
                "目标数据库 {} 已有品牌数据，未做任何修改。若确要用备份替换它，请加 --replace（原文件会先移到同一文件夹下的 replaced-日期 文件夹）。",
                target_db.display()
            ),
            format!(
                "The target database {} already holds a brand; nothing was changed. To replace it with the backup, add --replace (its files are first moved to a dated replaced-… folder beside it).",
                target_db.display()
            ),
            None,
        ));
    }
    // the backup's key first: harmless if nothing else happens (it is filed under the backup's database id)
    keys.put(&staged.manifest.database_id, staged.secrets.key_bytes()).await?;
    let Staged { scratch, manifest, .. } = staged;
    // from here every step is written down first: a crash part-way is finished by the next opener of the
    // database (`finish_interrupted_restore`), so there is never a moment with no database or half of two
    let journal = RestoreJournal { scratch: scratch.keep(), aside: aside_folder(&folder_of(target_db)) };
    write_journal(target_db, &journal)?;
    let moved_aside = journal.complete(target_db)?;
    Ok(RestoreReport {
        db_path: target_db.display().to_string(),
        key: keys.location(&manifest.database_id),
        backup_created_at: manifest.created_at,
        backup_app_version: manifest.app_version,
        counts: manifest.counts,
        moved_aside: moved_aside.map(|p| p.display().to_string()),
    })
}

/// Restores `file` into `target_db` (the CLI's `kos-desk restore`): prepare, then install.
pub async fn restore(
    file: &Path,
    passphrase: &str,
    target_db: &Path,
    keys: KeyPlace,
    replace: bool,
) -> CoreResult<RestoreReport> {
    keys.check_outside(target_db)?;
    finish_interrupted_restore(target_db)?;
    let staged = prepare_restore(file, passphrase, target_db).await?;
    install(staged, target_db, keys, replace).await
}

/// Before migrations run on a database with data, a `VACUUM INTO` copy goes to
/// `<db dir>/backups/kos-desk-before-v<N>-<timestamp>.db` (0600; N is the newest pending migration), and
/// only the newest few such copies are kept. Returns the copy, if one was made.
pub async fn snapshot_before_migrations(pool: &SqlitePool, db_path: &Path) -> CoreResult<Option<PathBuf>> {
    let mut conn = pool.acquire().await?;
    if !table_exists(&mut conn, "_sqlx_migrations").await? || !table_exists(&mut conn, "enterprises").await? {
        return Ok(None);
    }
    let applied: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = 1").fetch_all(&mut *conn).await?;
    let pending = crate::db::MIGRATOR.iter().map(|m| m.version).filter(|v| !applied.contains(v)).max();
    let Some(target) = pending else { return Ok(None) };
    let brands: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM enterprises").fetch_one(&mut *conn).await?;
    drop(conn);
    if brands == 0 {
        return Ok(None);
    }
    let dir = folder_of(db_path).join("backups");
    std::fs::create_dir_all(&dir).map_err(|e| io_fail(&dir, e))?;
    crate::private_files::owner_only_dir(&dir).map_err(|e| io_fail(&dir, e))?;
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let file = dir.join(format!("kos-desk-before-v{target}-{stamp}.db"));
    if file.exists() {
        return Ok(Some(file));
    }
    vacuum_into(pool, &file).await?;
    // keep the newest few: by modification time, then name
    let mut snaps: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&dir)
        .map_err(|e| io_fail(&dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("kos-desk-before-v") && n.ends_with(".db"))
        })
        .map(|p| (std::fs::metadata(&p).and_then(|m| m.modified()).unwrap_or(std::time::UNIX_EPOCH), p))
        .collect();
    snaps.sort();
    while snaps.len() > KEEP_MIGRATION_SNAPSHOTS {
        let (_, old) = snaps.remove(0);
        std::fs::remove_file(&old).map_err(|e| io_fail(&old, e))?;
    }
    Ok(Some(file))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An installation (database, WAL, proofs) and a staged backup beside it, with the restore's journal
    /// written, as `install` leaves them just before its first move.
    fn staged_restore(dir: &Path) -> (PathBuf, RestoreJournal) {
        let db = dir.join("kos.db");
        std::fs::write(&db, "old database").unwrap();
        std::fs::write(dir.join("kos.db-wal"), "old wal").unwrap();
        let proofs = crate::service::proofs_dir_for(&db);
        std::fs::create_dir_all(&proofs).unwrap();
        std::fs::write(proofs.join("old.kosproof"), "old proof").unwrap();
        let scratch = Scratch::new(&db, "restore").unwrap().keep();
        std::fs::write(scratch.join(DB_MEMBER), "restored database").unwrap();
        std::fs::create_dir_all(scratch.join("proofs")).unwrap();
        std::fs::write(scratch.join("proofs").join("new.kosproof"), "restored proof").unwrap();
        let journal = RestoreJournal { scratch, aside: aside_folder(dir) };
        write_journal(&db, &journal).unwrap();
        (db, journal)
    }

    fn assert_restored(dir: &Path, db: &Path, journal: &RestoreJournal) {
        let proofs = crate::service::proofs_dir_for(db);
        assert_eq!(std::fs::read_to_string(db).unwrap(), "restored database");
        assert!(!dir.join("kos.db-wal").exists(), "the old WAL must not sit beside the restored database");
        assert_eq!(std::fs::read_to_string(proofs.join("new.kosproof")).unwrap(), "restored proof");
        assert!(!proofs.join("old.kosproof").exists());
        assert_eq!(std::fs::read_to_string(journal.aside.join("kos.db")).unwrap(), "old database");
        assert_eq!(std::fs::read_to_string(journal.aside.join("kos.db-wal")).unwrap(), "old wal");
        let old_proofs = journal.aside.join(proofs.file_name().unwrap());
        assert_eq!(std::fs::read_to_string(old_proofs.join("old.kosproof")).unwrap(), "old proof");
        assert!(!journal.scratch.exists() && !journal_path(db).exists());
    }

    /// B-20: a restore killed between any two of its moves is finished by the next opener, ending exactly
    /// as an uninterrupted one: the backup in place, the old files whole in the replaced-… folder.
    #[test]
    fn b20_a_restore_cut_off_between_its_moves_is_finished_by_the_next_opener() {
        type Step = fn(&Path, &RestoreJournal);
        let nothing_moved: Step = |_, _| {};
        let old_db_aside: Step = |db, j| {
            std::fs::create_dir_all(&j.aside).unwrap();
            std::fs::rename(db, j.aside.join("kos.db")).unwrap();
        };
        fn proofs_in(db: &Path, j: &RestoreJournal) {
            let wal = PathBuf::from(format!("{}-wal", db.display()));
            let proofs = crate::service::proofs_dir_for(db);
            std::fs::create_dir_all(&j.aside).unwrap();
            std::fs::rename(db, j.aside.join("kos.db")).unwrap();
            std::fs::rename(&wal, j.aside.join("kos.db-wal")).unwrap();
            std::fs::rename(&proofs, j.aside.join(proofs.file_name().unwrap())).unwrap();
            std::fs::rename(j.scratch.join("proofs"), &proofs).unwrap();
        }
        let all_moved: Step = |db, j| {
            proofs_in(db, j);
            std::fs::rename(j.scratch.join(DB_MEMBER), db).unwrap();
        };
        for (name, step) in [
            ("nothing moved", nothing_moved),
            ("old database aside", old_db_aside),
            ("proofs in", proofs_in as Step),
            ("all moved", all_moved),
        ] {
            let dir = tempfile::tempdir().unwrap();
            let (db, journal) = staged_restore(dir.path());
            step(&db, &journal);
            let aside = finish_interrupted_restore(&db).unwrap();
            assert_eq!(aside.as_deref(), Some(journal.aside.as_path()), "{name}");
            assert_restored(dir.path(), &db, &journal);
            // opening again finds nothing left to do
            assert_eq!(finish_interrupted_restore(&db).unwrap(), None, "{name}");
        }
    }

    /// A backup or restore working folder a crash left behind is removed by the next opener of the same
    /// database, and only of that database.
    #[test]
    fn b20_working_folders_left_by_a_crash_are_removed_by_the_next_opener() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
        let left = [Scratch::new(&a, "backup").unwrap().keep(), Scratch::new(&a, "restore").unwrap().keep()];
        let other = Scratch::new(&b, "backup").unwrap().keep();
        assert_eq!(finish_interrupted_restore(&a).unwrap(), None);
        assert!(left.iter().all(|p| !p.exists()));
        assert!(other.exists(), "another database's working folder is not touched");
    }
}
