//! Opening the database deliberately: WAL, synchronous=NORMAL, foreign keys on, a 5 s busy timeout,
//! write transactions that take the write lock up front (`BEGIN IMMEDIATE`), migrations embedded, and one
//! process per database file (`db_lock`): the lock is taken before anything is read or migrated.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, Transaction};

use crate::db_lock::{DbLock, Holder, Opener};
use crate::error::{CoreError, CoreResult};

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");
/// The team store's schema (U-4): migrations-pg/ reaches what migrations/ reaches, table for table.
pub static PG_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations-pg");

#[derive(Clone, Debug)]
pub struct Db {
    pool: SqlitePool,
    path: PathBuf,
    /// this process's hold on the file, shared by every clone; released by `close`
    lock: Arc<Mutex<Option<DbLock>>>,
    /// the owner id this opening writes into the import leases it takes
    instance: Arc<str>,
    /// instances of earlier holders of the file (they have ended): their leases are void
    ended: Arc<[String]>,
}

pub type Tx = Transaction<'static, Sqlite>;

impl Db {
    /// Opens (creating if missing) and migrates the database at `path` as a background job that does not
    /// wait for another holder (see `open_as`).
    pub async fn open(path: &Path) -> CoreResult<Db> {
        Db::open_as(path, Opener::default()).await
    }

    /// Takes the database's lock (waiting up to `opener.wait`; another holder gives `DatabaseInUse`),
    /// then opens (creating if missing) and migrates it. A file that is not a SQLite database, or cannot be
    /// migrated, gives `DbOpen` naming the path and the reason.
    pub async fn open_as(path: &Path, opener: Opener) -> CoreResult<Db> {
        let shown = path.display().to_string();
        let fail = |reason: String| CoreError::DbOpen { path: shown.clone(), reason };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| fail(format!("无法创建目录 {}: {e}", dir.display())))?;
        }
        let lock = DbLock::acquire(path, opener).await?;
        // B-20: a restore a crash cut off is finished before anything reads the file
        crate::backup::finish_interrupted_restore(path)?;
        let instance: Arc<str> = lock.holder().instance.as_str().into();
        let ended: Arc<[String]> = lock.holder().ended.clone().into();
        let pool = Self::connect(path).await?;
        Ok(Db { pool, path: path.to_path_buf(), lock: Arc::new(Mutex::new(Some(lock))), instance, ended })
    }

    /// A second opening of the same file inside this process, sharing its lock but with an owner id of its
    /// own: what a process that ignores the lock (an older version, a file system whose locks do nothing)
    /// looks like to this one. Tests of the import lease only.
    #[doc(hidden)]
    pub async fn reopen_ignoring_lock_for_tests(&self) -> CoreResult<Db> {
        let pool = Self::connect(&self.path).await?;
        Ok(Db {
            pool,
            path: self.path.clone(),
            lock: self.lock.clone(),
            instance: crate::db_lock::new_instance_id().into(),
            ended: Arc::new([]),
        })
    }

    async fn connect(path: &Path) -> CoreResult<SqlitePool> {
        let shown = path.display().to_string();
        let fail = |reason: String| CoreError::DbOpen { path: shown.clone(), reason };
        let url = format!("sqlite://{}", path.display());
        let options = SqliteConnectOptions::from_str(&url)
            .map_err(|e| fail(e.to_string()))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            .pragma("temp_store", "memory")
            .pragma("cache_size", "-32000");
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .min_connections(1)
            .connect_with(options)
            .await
            .map_err(|e| fail(describe_open_error(&e)))?;
        // the database holds people's data: its owner alone may read it (and its WAL and shared memory)
        for suffix in ["", "-wal", "-shm"] {
            let file = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
            crate::private_files::owner_only_file(&file)
                .map_err(|e| fail(format!("无法设置数据库文件权限 {}: {e}", file.display())))?;
        }
        // a database with data is copied aside before any migration changes it (backups/, newest 3 kept)
        crate::backup::snapshot_before_migrations(&pool, path).await.map_err(|e| {
            fail(format!("升级前备份失败，未升级 (backup before migration failed): {}", e.to_api().message))
        })?;
        MIGRATOR.run(&pool).await.map_err(|e| fail(format!("数据库升级失败 (migration): {e}")))?;
        seal_legacy_history(&pool).await.map_err(|e| fail(format!("操作记录封链失败 (history chain): {e}")))?;
        Ok(pool)
    }

    /// The owner id this opening writes into the import leases it takes.
    pub fn instance(&self) -> &str {
        &self.instance
    }

    /// The instances of earlier holders of the database, as its lock file said (they have ended).
    pub fn ended_holders(&self) -> &[String] {
        &self.ended
    }

    /// Records in the lock file that the earlier holders' leftovers have been dealt with.
    pub fn forget_ended_holders(&self) -> CoreResult<()> {
        if let Some(lock) = self.lock.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
            lock.forget_ended().map_err(|e| CoreError::DbOpen {
                path: self.path.display().to_string(),
                reason: format!("无法写入锁文件 {}: {e}", lock.path().display()),
            })?;
        }
        Ok(())
    }

    /// Who holds the database now: this process.
    pub fn holder(&self) -> Option<Holder> {
        self.lock.lock().unwrap_or_else(|e| e.into_inner()).as_ref().map(|l| l.holder().clone())
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A write transaction holding SQLite's write lock from the start, so two writers queue on the busy
    /// timeout instead of failing half-way with SQLITE_BUSY on upgrade.
    pub async fn write(&self) -> CoreResult<Tx> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    pub async fn schema_version(&self) -> CoreResult<i64> {
        let v: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1")
            .fetch_one(&self.pool)
            .await?;
        Ok(v.unwrap_or(0))
    }

    /// Closes the pool and lets go of the database's lock (for every clone of this `Db`).
    pub async fn close(&self) {
        drop(self.close_keeping_lock().await);
    }

    /// Closes the pool but hands the database's lock to the caller, who replaces the files (a restore) and
    /// lets go of it afterwards.
    pub async fn close_keeping_lock(&self) -> Option<DbLock> {
        self.pool.close().await;
        self.lock.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

/// B-20: rows written before migration 0008 enter the hash chain once, in one write transaction.
async fn seal_legacy_history(pool: &SqlitePool) -> CoreResult<()> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    crate::store::history::seal_legacy(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

fn describe_open_error(e: &sqlx::Error) -> String {
    let text = e.to_string();
    if text.contains("file is not a database") || text.contains("(code: 26)") {
        format!("该文件不是 SQLite 数据库 (file is not a database): {text}")
    } else {
        text
    }
}

/// U-4: connects to the team store at `url` and brings its schema up to date. The database must compare text
/// byte by byte (the "C" collation, as SQLite's BINARY does), or lists would sort differently on the two stores:
/// another collation is refused with how to make the database right.
pub async fn open_pg_pool(url: &str, max_connections: u32) -> CoreResult<sqlx::PgPool> {
    let shown = url.split('@').next_back().unwrap_or(url).to_string();
    let fail = |reason: String| CoreError::DbOpen { path: shown.clone(), reason };
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        .connect(url)
        .await
        .map_err(|e| fail(format!("无法连接 PostgreSQL (cannot connect): {e}")))?;
    let collate: String =
        sqlx::query_scalar("SELECT datcollate::text FROM pg_database WHERE datname = current_database()")
            .fetch_one(&pool)
            .await
            .map_err(|e| fail(e.to_string()))?;
    if collate != "C" && collate != "POSIX" {
        return Err(fail(format!(
            "数据库的排序规则是 {collate}，须为 C：请用 CREATE DATABASE … TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C' \
             新建 (the database collates as {collate}; create it with LC_COLLATE 'C')"
        )));
    }
    PG_MIGRATOR.run(&pool).await.map_err(|e| fail(format!("数据库升级失败 (migration): {e}")))?;
    Ok(pool)
}
