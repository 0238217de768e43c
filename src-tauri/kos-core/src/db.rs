//! Opening the database deliberately: WAL, synchronous=NORMAL, foreign keys on, a 5 s busy timeout,
//! write transactions that take the write lock up front (`BEGIN IMMEDIATE`), migrations embedded.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, Transaction};

use crate::error::{CoreError, CoreResult};

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[derive(Clone, Debug)]
pub struct Db {
    pool: SqlitePool,
    path: PathBuf,
}

pub type Tx = Transaction<'static, Sqlite>;

impl Db {
    /// Opens (creating if missing) and migrates the database at `path`. A file that is not a SQLite
    /// database, or cannot be migrated, gives `DbOpen` naming the path and the reason.
    pub async fn open(path: &Path) -> CoreResult<Db> {
        let shown = path.display().to_string();
        let fail = |reason: String| CoreError::DbOpen { path: shown.clone(), reason };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| fail(format!("无法创建目录 {}: {e}", dir.display())))?;
        }
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
        Ok(Db { pool, path: path.to_path_buf() })
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

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn describe_open_error(e: &sqlx::Error) -> String {
    let text = e.to_string();
    if text.contains("file is not a database") || text.contains("(code: 26)") {
        format!("该文件不是 SQLite 数据库 (file is not a database): {text}")
    } else {
        text
    }
}
