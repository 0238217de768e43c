//! Opening the database deliberately: WAL, synchronous=NORMAL, foreign keys on, a 5 s busy timeout,
//! write transactions that take the write lock up front (`BEGIN IMMEDIATE`), migrations embedded, and one
//! process per database file (`db_lock`): the lock is taken before anything is read or migrated.
//!
//! Or the team store (U-4): PostgreSQL, migrated from `migrations-pg/`, where a write transaction takes one
//! transaction-scoped advisory lock first, so writes queue one after another as on SQLite (B-20's hash chain
//! and every check-then-write rule rely on that). Services hold a [`Db`] and never learn which store it is:
//! [`Db::pool`] and [`Tx`] convert into the storage seam's executor (`store::ex::Ex`).

use std::path::{Path, PathBuf};
#[cfg(feature = "pg")]
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sqlx::pool::PoolConnection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
#[cfg(feature = "pg")]
use sqlx::{PgConnection, PgPool, Postgres};
use sqlx::{Sqlite, SqliteConnection, Transaction};

use crate::db_lock::{DbLock, Holder, Opener};
use crate::error::{CoreError, CoreResult};
use crate::store::ex::Ex;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");
/// The team store's schema (U-4): migrations-pg/ reaches what migrations/ reaches, table for table.
#[cfg(feature = "pg")]
pub static PG_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations-pg");

#[derive(Clone, Debug)]
pub struct Db {
    store: Store,
    /// the SQLite file; for the team store, a name inside its data folder (proofs live beside it)
    path: PathBuf,
    /// where the data is, as the administrator is shown it: the file, or the server and database (no password)
    shown: Arc<str>,
    /// this process's hold on the file, shared by every clone; released by `close`
    lock: Arc<Mutex<Option<DbLock>>>,
    /// the owner id this opening writes into the import leases it takes
    instance: Arc<str>,
    /// instances of earlier holders of the file (they have ended): their leases are void
    ended: Arc<[String]>,
}

#[derive(Clone, Debug)]
enum Store {
    Lite(SqlitePool),
    #[cfg(feature = "pg")]
    Pg(PgPool),
}

/// Either store's pool, borrowed from the [`Db`]: passed to store functions (it converts into `Ex`), or asked
/// for one connection.
#[derive(Clone, Copy, Debug)]
pub enum Pool<'a> {
    Lite(&'a SqlitePool),
    #[cfg(feature = "pg")]
    Pg(&'a PgPool),
}

impl<'a> From<Pool<'a>> for Ex<'a> {
    fn from(p: Pool<'a>) -> Self {
        match p {
            Pool::Lite(p) => Ex::LitePool(p),
            #[cfg(feature = "pg")]
            Pool::Pg(p) => Ex::PgPool(p),
        }
    }
}

impl<'a> Pool<'a> {
    /// One connection of the pool, for a run of statements that must share it.
    pub async fn acquire(self) -> CoreResult<PoolConn> {
        Ok(match self {
            Pool::Lite(p) => PoolConn::Lite(p.acquire().await?),
            #[cfg(feature = "pg")]
            Pool::Pg(p) => PoolConn::Pg(p.acquire().await?),
        })
    }

    /// The SQLite pool, when this is the solo file.
    pub fn lite(self) -> Option<&'a SqlitePool> {
        match self {
            Pool::Lite(p) => Some(p),
            #[cfg(feature = "pg")]
            Pool::Pg(_) => None,
        }
    }
}

/// A connection taken from either store's pool.
#[derive(Debug)]
pub enum PoolConn {
    Lite(PoolConnection<Sqlite>),
    /// taken out of the pool for good (`detach`): closed when dropped, its settings never reach the pool
    LiteDetached(SqliteConnection),
    #[cfg(feature = "pg")]
    Pg(PoolConnection<Postgres>),
}

impl PoolConn {
    /// The SQLite connection, for what only the solo file has (PRAGMAs, its index juggling during a bulk load).
    pub fn lite(&mut self) -> Option<&mut SqliteConnection> {
        match self {
            PoolConn::Lite(c) => Some(c),
            PoolConn::LiteDetached(c) => Some(c),
            #[cfg(feature = "pg")]
            PoolConn::Pg(_) => None,
        }
    }

    /// The SQLite connection leaves the pool (for settings that must not outlive one job); PostgreSQL's stays.
    pub fn detach(self) -> PoolConn {
        match self {
            PoolConn::Lite(c) => PoolConn::LiteDetached(c.detach()),
            other => other,
        }
    }

    /// A write transaction on this connection, taking the write lock first as [`Db::write`] does.
    pub async fn write(&mut self) -> CoreResult<TxOf<'_>> {
        Ok(TxOf(match self {
            PoolConn::Lite(c) => Trans::Lite(sqlx::Connection::begin_with(&mut **c, "BEGIN IMMEDIATE").await?),
            PoolConn::LiteDetached(c) => Trans::Lite(sqlx::Connection::begin_with(c, "BEGIN IMMEDIATE").await?),
            #[cfg(feature = "pg")]
            PoolConn::Pg(c) => {
                let mut t = sqlx::Connection::begin(&mut **c).await?;
                take_write_lock(&mut t).await?;
                Trans::Pg(t)
            }
        }))
    }
}

impl<'a> From<&'a mut PoolConn> for Ex<'a> {
    fn from(c: &'a mut PoolConn) -> Self {
        match c {
            PoolConn::Lite(c) => Ex::Lite(c),
            PoolConn::LiteDetached(c) => Ex::Lite(c),
            #[cfg(feature = "pg")]
            PoolConn::Pg(c) => Ex::Pg(c),
        }
    }
}

/// Either store's transaction.
#[derive(Debug)]
pub enum Trans<'c> {
    Lite(Transaction<'c, Sqlite>),
    #[cfg(feature = "pg")]
    Pg(Transaction<'c, Postgres>),
}

impl<'a, 'c> From<&'a mut Trans<'c>> for Ex<'a> {
    fn from(t: &'a mut Trans<'c>) -> Self {
        match t {
            Trans::Lite(t) => Ex::Lite(t),
            #[cfg(feature = "pg")]
            Trans::Pg(t) => Ex::Pg(t),
        }
    }
}

/// A write transaction of either store. `&mut *tx` (or `&mut **tx` through a `&mut Tx`) is what store
/// functions take; commit or roll back as with sqlx's.
#[derive(Debug)]
pub struct TxOf<'c>(Trans<'c>);

/// A write transaction on the pool (see [`Db::write`]).
pub type Tx = TxOf<'static>;

impl<'c> std::ops::Deref for TxOf<'c> {
    type Target = Trans<'c>;
    fn deref(&self) -> &Trans<'c> {
        &self.0
    }
}

impl std::ops::DerefMut for TxOf<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl<'a, 'c> From<&'a mut TxOf<'c>> for Ex<'a> {
    fn from(t: &'a mut TxOf<'c>) -> Self {
        Ex::from(&mut t.0)
    }
}

impl TxOf<'_> {
    pub async fn commit(self) -> CoreResult<()> {
        match self.0 {
            Trans::Lite(t) => t.commit().await?,
            #[cfg(feature = "pg")]
            Trans::Pg(t) => t.commit().await?,
        }
        Ok(())
    }

    pub async fn rollback(self) -> CoreResult<()> {
        match self.0 {
            Trans::Lite(t) => t.rollback().await?,
            #[cfg(feature = "pg")]
            Trans::Pg(t) => t.rollback().await?,
        }
        Ok(())
    }

    /// The SQLite connection, for what only the solo file has.
    pub fn lite(&mut self) -> Option<&mut SqliteConnection> {
        match &mut self.0 {
            Trans::Lite(t) => Some(&mut **t),
            #[cfg(feature = "pg")]
            Trans::Pg(_) => None,
        }
    }
}

#[cfg(feature = "pg")]
/// The advisory lock key every write transaction of the team store takes first ("KOS" in ASCII).
pub(crate) const WRITE_LOCK_KEY: i64 = 0x004b_4f53;

#[cfg(feature = "pg")]
/// U-4: one writer at a time on PostgreSQL, as SQLite's `BEGIN IMMEDIATE` gives: held until the transaction ends.
async fn take_write_lock(conn: &mut PgConnection) -> CoreResult<()> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(WRITE_LOCK_KEY).execute(conn).await?;
    Ok(())
}

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
        Ok(Db {
            store: Store::Lite(pool),
            shown: path.display().to_string().into(),
            path: path.to_path_buf(),
            lock: Arc::new(Mutex::new(Some(lock))),
            instance,
            ended,
        })
    }

    #[cfg(feature = "pg")]
    /// U-4: the team store at `url` (see [`open_pg_pool`]), its proofs kept in `data_dir`. PostgreSQL serves
    /// many connections: there is no file lock; write transactions queue on an advisory lock instead.
    pub async fn open_pg(url: &str, data_dir: &Path, max_connections: u32) -> CoreResult<Db> {
        std::fs::create_dir_all(data_dir).map_err(|e| CoreError::DbOpen {
            path: data_dir.display().to_string(),
            reason: format!("无法创建数据目录 (cannot create the data folder): {e}"),
        })?;
        let pool = open_pg_pool(url, max_connections).await?;
        Ok(Db {
            store: Store::Pg(pool),
            shown: format!("PostgreSQL {}", without_credentials(url)).into(),
            path: data_dir.join("team-store"),
            lock: Arc::new(Mutex::new(None)),
            instance: crate::db_lock::new_instance_id().into(),
            ended: Arc::new([]),
        })
    }

    /// True for the team store (PostgreSQL; never without the `pg` feature).
    pub fn is_team(&self) -> bool {
        match self.store {
            Store::Lite(_) => false,
            #[cfg(feature = "pg")]
            Store::Pg(_) => true,
        }
    }

    /// A second opening of the same file inside this process, sharing its lock but with an owner id of its
    /// own: what a process that ignores the lock (an older version, a file system whose locks do nothing)
    /// looks like to this one. Tests of the import lease only.
    #[doc(hidden)]
    pub async fn reopen_ignoring_lock_for_tests(&self) -> CoreResult<Db> {
        let store = match &self.store {
            Store::Lite(_) => Store::Lite(Self::connect(&self.path).await?),
            #[cfg(feature = "pg")]
            Store::Pg(p) => Store::Pg(p.clone()),
        };
        Ok(Db {
            store,
            shown: self.shown.clone(),
            path: self.path.clone(),
            lock: self.lock.clone(),
            instance: crate::db_lock::new_instance_id().into(),
            ended: Arc::new([]),
        })
    }

    async fn connect(path: &Path) -> CoreResult<SqlitePool> {
        crate::store::raw::configure_process();
        let shown = path.display().to_string();
        let fail = |reason: String| CoreError::DbOpen { path: shown.clone(), reason };
        // the path as a path, never pasted into a URL (a folder named `100%25` or `a?b` would open another file)
        let options = SqliteConnectOptions::new()
            .filename(path)
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

    pub fn pool(&self) -> Pool<'_> {
        match &self.store {
            Store::Lite(p) => Pool::Lite(p),
            #[cfg(feature = "pg")]
            Store::Pg(p) => Pool::Pg(p),
        }
    }

    /// The SQLite pool of the solo file; the team store has none (its backups are PostgreSQL's own, pg_dump).
    pub fn lite_pool(&self) -> CoreResult<&SqlitePool> {
        match &self.store {
            Store::Lite(p) => Ok(p),
            #[cfg(feature = "pg")]
            Store::Pg(_) => Err(CoreError::refused(
                crate::error::ErrorCode::SoloOnly,
                "U-4",
                "团队服务器的数据在 PostgreSQL 中，由其管理员用 pg_dump 备份与恢复；本操作只适用于单机数据库文件",
                "The team server's data lives in PostgreSQL, backed up and restored by its administrator with \
                 pg_dump; this applies to the solo database file only",
                None,
            )),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where the data is, for the administrator: the SQLite file, or `PostgreSQL host:port/database`.
    pub fn location(&self) -> &str {
        &self.shown
    }

    /// A write transaction holding SQLite's write lock from the start, so two writers queue on the busy
    /// timeout instead of failing half-way with SQLITE_BUSY on upgrade.
    /// On PostgreSQL the transaction takes the write lock (an advisory lock) first, to the same end.
    pub async fn write(&self) -> CoreResult<Tx> {
        Ok(TxOf(match &self.store {
            Store::Lite(p) => Trans::Lite(p.begin_with("BEGIN IMMEDIATE").await?),
            #[cfg(feature = "pg")]
            Store::Pg(p) => {
                let mut t = p.begin().await?;
                take_write_lock(&mut t).await?;
                Trans::Pg(t)
            }
        }))
    }

    pub async fn schema_version(&self) -> CoreResult<i64> {
        let v: Option<i64> = crate::on!(self.pool(), |db| sqlx::query_scalar(
            "SELECT MAX(version) FROM _sqlx_migrations WHERE success = TRUE"
        )
        .fetch_one(db)
        .await)?;
        Ok(v.unwrap_or(0))
    }

    /// Closes the pool and lets go of the database's lock (for every clone of this `Db`).
    pub async fn close(&self) {
        drop(self.close_keeping_lock().await);
    }

    /// Closes the pool but hands the database's lock to the caller, who replaces the files (a restore) and
    /// lets go of it afterwards.
    pub async fn close_keeping_lock(&self) -> Option<DbLock> {
        match &self.store {
            Store::Lite(p) => p.close().await,
            #[cfg(feature = "pg")]
            Store::Pg(p) => p.close().await,
        }
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

/// A database URL without its user and password: `postgres://host:port/db`.
pub fn without_credentials(url: &str) -> String {
    match (url.split_once("://"), url.rsplit_once('@')) {
        (Some((scheme, _)), Some((_, rest))) => format!("{scheme}://{rest}"),
        _ => url.to_string(),
    }
}

#[cfg(feature = "pg")]
/// U-4: connects to the team store at `url` and brings its schema up to date. The database must compare text
/// byte by byte (the "C" collation, as SQLite's BINARY does), or lists would sort differently on the two stores:
/// another collation is refused with how to make the database right.
pub async fn open_pg_pool(url: &str, max_connections: u32) -> CoreResult<sqlx::PgPool> {
    let shown = without_credentials(url);
    let fail = |reason: String| CoreError::DbOpen { path: shown.clone(), reason };
    // times are ISO text in UTC; a session time zone of UTC makes PostgreSQL's casts of them agree. No JIT: the
    // team store's statements are short (a page, a count, a batch), and compiling one took longer than running
    // it (26 ms of JIT on a 20-row page at 1M notes, issue 13's benchmark)
    let options = sqlx::postgres::PgConnectOptions::from_str(url)
        .map_err(|e| fail(format!("数据库地址无效 (invalid database URL): {e}")))?
        .options([("TimeZone", "UTC"), ("jit", "off")]);
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
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
