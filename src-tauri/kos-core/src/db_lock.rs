//! One writer per database (N-1, B-20): an exclusive OS lock on `<database>.lock`, taken before the database
//! is opened or migrated and held for the life of the process that opened it (the window, a `kos-desk`
//! command, a job). A second process that opens the same file is refused with `DatabaseInUse`, naming who
//! holds it, instead of marking a running import failed, rebuilding its dropped indexes mid-load or resuming
//! it beside its owner (issue 11). The OS releases the lock when its holder ends, however it ends (crash,
//! kill -9, power loss), so a stale lock file never blocks a start.
//!
//! The lock file says who holds it: `{"pid":1234,"kind":"window","since":"…Z","instance":"…","ended":[…]}`.
//! `instance` is a random id per opening; an import's lease names it as its owner. `ended` lists the
//! instances of earlier holders that have ended, whose leases the new holder has not yet voided: the next
//! holder inherits them (with the previous holder's own instance) until one holder has cleaned up and
//! empties the list, so a process killed between taking the lock and its clean-up loses nothing. The record
//! is written with one write of a fixed size, so a kill never leaves half of one. (On Unix the file is read
//! by a refused opener; Windows locks are mandatory, so there the refusal cannot read it and names no process.)

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use specta::Type;

use crate::error::{CoreError, CoreResult};

/// Which kind of process holds a database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum HolderKind {
    /// the desktop window
    Window,
    /// a `kos-desk` command (call, import, demo)
    Cli,
    /// a background job or tool (kos-bench, the crash suite, tests)
    Job,
}

impl HolderKind {
    pub fn label_zh(self) -> &'static str {
        match self {
            HolderKind::Window => "窗口",
            HolderKind::Cli => "命令行",
            HolderKind::Job => "后台任务",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            HolderKind::Window => "window",
            HolderKind::Cli => "command line",
            HolderKind::Job => "background job",
        }
    }
}

/// Who holds a database, as its lock file says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Holder {
    pub pid: u32,
    pub kind: HolderKind,
    /// when it took the lock (UTC, RFC 3339)
    pub since: String,
    /// a random id of this opening: the owner named by the import leases it takes
    pub instance: String,
    /// instances of earlier holders that have ended and whose leases are still to be voided
    #[serde(default)]
    pub ended: Vec<String>,
}

/// The lock file's record is padded to this size and written in one write.
const RECORD_BYTES: usize = 1024;
/// At most this many ended instances are carried (each 16 characters).
const MAX_ENDED: usize = 32;

/// How a process opens a database: who it is and how long it waits for another holder to finish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opener {
    pub kind: HolderKind,
    /// how long to wait for the lock before refusing (zero: refuse at once)
    pub wait: Duration,
}

impl Default for Opener {
    fn default() -> Self {
        Opener { kind: HolderKind::Job, wait: Duration::ZERO }
    }
}

/// The held lock; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct DbLock {
    file: File,
    path: PathBuf,
    holder: Holder,
}

/// `<database>.lock` beside the database.
pub fn lock_path_for(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}.lock", db.display()))
}

/// A short stable name of a database file (its absolute path hashed), for per-database names such as the
/// window's single-instance id. The file need not exist yet; its folder is resolved when it does.
pub fn database_key(db: &Path) -> String {
    let absolute = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
    let resolved = match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => dir.canonicalize().map(|d| d.join(name)).unwrap_or(absolute.clone()),
        _ => absolute.clone(),
    };
    let digest = Sha256::digest(resolved.to_string_lossy().as_bytes());
    hex::encode(&digest[..8])
}

pub fn new_instance_id() -> String {
    let mut b = [0u8; 8];
    // without randomness the id still differs per process and moment
    if getrandom::fill(&mut b).is_err() {
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
        b = ((t as u64) ^ u64::from(std::process::id())).to_le_bytes();
    }
    hex::encode(b)
}

impl DbLock {
    /// Takes the lock of the database at `db`, waiting up to `opener.wait` for another holder to end.
    pub async fn acquire(db: &Path, opener: Opener) -> CoreResult<DbLock> {
        let path = lock_path_for(db);
        let deadline = Instant::now() + opener.wait;
        loop {
            if let Some(lock) = Self::try_acquire(db, &path, opener.kind)? {
                return Ok(lock);
            }
            if Instant::now() >= deadline {
                return Err(CoreError::DatabaseInUse { path: db.display().to_string(), holder: read_holder(&path) });
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn try_acquire(db: &Path, path: &Path, kind: HolderKind) -> CoreResult<Option<DbLock>> {
        let fail = |e: std::io::Error| CoreError::DbOpen {
            path: db.display().to_string(),
            reason: format!("无法创建锁文件 {}: {e}", path.display()),
        };
        let mut file =
            OpenOptions::new().read(true).write(true).create(true).truncate(false).open(path).map_err(fail)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Ok(None),
            Err(TryLockError::Error(e)) => return Err(fail(e)),
        }
        let mut old = String::new();
        let previous = file.read_to_string(&mut old).ok().and_then(|_| serde_json::from_str::<Holder>(&old).ok());
        let mut ended: Vec<String> = Vec::new();
        if let Some(p) = previous {
            for i in std::iter::once(p.instance).chain(p.ended) {
                if !ended.contains(&i) && ended.len() < MAX_ENDED {
                    ended.push(i);
                }
            }
        }
        let mut lock = DbLock {
            file,
            path: path.to_path_buf(),
            holder: Holder {
                pid: std::process::id(),
                kind,
                since: crate::clock::ts(chrono::Utc::now()),
                instance: new_instance_id(),
                ended,
            },
        };
        lock.write_record().map_err(fail)?;
        crate::private_files::owner_only_file(path).map_err(fail)?;
        Ok(Some(lock))
    }

    /// Writes the holder record: padded to a fixed size, in one write from the start of the file.
    fn write_record(&mut self) -> std::io::Result<()> {
        let mut text = serde_json::to_string(&self.holder).unwrap_or_default().into_bytes();
        text.resize(text.len().max(RECORD_BYTES), b' ');
        self.file.seek(SeekFrom::Start(0))?;
        self.file.write_all(&text)?;
        self.file.flush()
    }

    pub fn holder(&self) -> &Holder {
        &self.holder
    }

    /// The earlier holders' instances have been dealt with (their import leases voided): forget them.
    pub fn forget_ended(&mut self) -> std::io::Result<()> {
        if self.holder.ended.is_empty() {
            return Ok(());
        }
        self.holder.ended.clear();
        self.write_record()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Who holds the lock at `path`, if its file can be read (it cannot on Windows while held).
pub fn read_holder(path: &Path) -> Option<Holder> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn n1_a_holder_killed_before_its_clean_up_passes_the_ended_holders_on() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("kos.db");
        let first = DbLock::acquire(&db, Opener::default()).await.unwrap();
        let a = first.holder().instance.clone();
        assert!(first.holder().ended.is_empty());
        drop(first); // ended without a trace (as kill -9 would)
        let second = DbLock::acquire(&db, Opener::default()).await.unwrap();
        let b = second.holder().instance.clone();
        assert_eq!(second.holder().ended, vec![a.clone()]);
        drop(second); // killed before voiding a's leases: the next holder must still know a
        let mut third = DbLock::acquire(&db, Opener::default()).await.unwrap();
        assert_eq!(third.holder().ended, vec![b.clone(), a.clone()]);
        // refused while held, naming the holder
        let err = DbLock::acquire(&db, Opener::default()).await.unwrap_err();
        match err {
            CoreError::DatabaseInUse { holder: Some(h), .. } => assert_eq!(h.instance, third.holder().instance),
            other => panic!("{other:?}"),
        }
        third.forget_ended().unwrap();
        let c = third.holder().instance.clone();
        drop(third);
        let fourth = DbLock::acquire(&db, Opener::default()).await.unwrap();
        assert_eq!(fourth.holder().ended, vec![c]);
        // the record has a fixed size, so a shorter one never leaves the tail of a longer one behind
        assert_eq!(std::fs::metadata(lock_path_for(&db)).unwrap().len(), RECORD_BYTES as u64);
    }
}
