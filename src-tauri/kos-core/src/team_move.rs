//! From solo to team (issue 13 item 6, U-4, B-10, B-20): one call moves a solo database file into an empty
//! team store — every table with its own ids (PostgreSQL's identities moved past them), the encrypted
//! employment proofs into the server's data folder, and the ID-hash key into the server's key place — then
//! shows nothing was lost or changed: the row count and a checksum of every table on both stores (a SHA-256
//! over each row's values in primary-key order, computed by the same code on both), and the proofs' names and
//! bytes. A difference is an error and the team store's transaction is rolled back.
//!
//! Refused: a team store that already holds data (a second move, or a server that was used), or one that made
//! a key of its own (a server started before the move: create its database anew), or a key place that holds
//! another key under the solo database's id, or a server proofs folder that is not empty.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::db::{open_pg_pool, Db};
use crate::db_lock::Opener;
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::service::proofs_dir_for;
use crate::store::tables::{self, Batch, Table};
use crate::vault::{KeyPlace, Vault};

/// Rows per array statement when copying a table.
const BATCH_ROWS: usize = 5_000;

/// The team server a solo file moves into (as `kos-server` reads its settings).
#[derive(Debug, Clone)]
pub struct TeamTarget {
    /// postgres://…, a database with the C collation
    pub url: String,
    /// the server's data folder (the proofs go to `<data>/proofs`)
    pub data_dir: PathBuf,
    /// the server's key place (its key file, else the OS key store)
    pub keys: KeyPlace,
}

/// One table as both stores hold it.
#[derive(Debug, Clone, PartialEq)]
pub struct TableCheck {
    pub table: String,
    pub solo_rows: i64,
    pub team_rows: i64,
    pub solo_sum: String,
    pub team_sum: String,
}

impl TableCheck {
    pub fn same(&self) -> bool {
        self.solo_rows == self.team_rows && self.solo_sum == self.team_sum
    }
}

/// The proofs folder on both sides: file count, bytes, and a SHA-256 over every file's name and bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct ProofsCheck {
    pub solo_files: usize,
    pub team_files: usize,
    pub bytes: u64,
    pub solo_sum: String,
    pub team_sum: String,
}

/// What the move did and what it found.
#[derive(Debug, Clone, PartialEq)]
pub struct MoveReport {
    pub database_id: String,
    pub tables: Vec<TableCheck>,
    pub proofs: ProofsCheck,
}

impl MoveReport {
    /// The tables whose counts or checksums differ.
    pub fn mismatches(&self) -> Vec<&TableCheck> {
        self.tables.iter().filter(|t| !t.same()).collect()
    }

    pub fn proofs_same(&self) -> bool {
        self.proofs.solo_files == self.proofs.team_files && self.proofs.solo_sum == self.proofs.team_sum
    }

    pub fn ok(&self) -> bool {
        self.mismatches().is_empty() && self.proofs_same()
    }

    /// One line per table (count on both sides, the first 16 hex digits of each checksum, 一致/不一致), then
    /// the proofs and the verdict.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{:<24} {:>10} {:>10}  {:<16} {:<16}  结果\n",
            "表 (table)", "单机行数", "团队行数", "单机校验和", "团队校验和"
        );
        for t in &self.tables {
            out.push_str(&format!(
                "{:<24} {:>10} {:>10}  {:<16} {:<16}  {}\n",
                t.table,
                t.solo_rows,
                t.team_rows,
                &t.solo_sum[..16],
                &t.team_sum[..16],
                if t.same() { "一致 (same)" } else { "不一致 (DIFFERENT)" }
            ));
        }
        out.push_str(&format!(
            "{:<24} {:>10} {:>10}  {:<16} {:<16}  {} ({} bytes)\n",
            "proofs/",
            self.proofs.solo_files,
            self.proofs.team_files,
            &self.proofs.solo_sum[..16],
            &self.proofs.team_sum[..16],
            if self.proofs_same() { "一致 (same)" } else { "不一致 (DIFFERENT)" },
            self.proofs.bytes
        ));
        let rows: i64 = self.tables.iter().map(|t| t.team_rows).sum();
        out.push_str(&if self.ok() {
            format!(
                "全部一致：{} 张表共 {rows} 行、{} 个在职证明文件已搬入团队服务器，密钥（数据库 {}）已存入服务器的密钥位置\n\
                 (all equal: {} tables, {rows} rows and {} proof files moved; the key of database {} is in the server's key place)\n",
                self.tables.len(),
                self.proofs.team_files,
                self.database_id,
                self.tables.len(),
                self.proofs.team_files,
                self.database_id
            )
        } else {
            "有不一致：见上表 (differences: see above)\n".to_string()
        });
        out
    }
}

fn refused(code: ErrorCode, zh: String, en: String) -> CoreError {
    CoreError::refused(code, "U-4", zh, en, None)
}

fn io_fail(path: &Path, e: impl std::fmt::Display) -> CoreError {
    CoreError::File {
        path: path.display().to_string(),
        reason_zh: format!("无法读写 {}：{e}", path.display()),
        reason_en: format!("Cannot read or write {}: {e}", path.display()),
    }
}

/// Every file under `dir` (relative names, sorted).
fn files_under(dir: &Path) -> CoreResult<Vec<PathBuf>> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> CoreResult<()> {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(io_fail(dir, e)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| io_fail(dir, e))?;
            let path = entry.path();
            if entry.file_type().map_err(|e| io_fail(&path, e))?.is_dir() {
                walk(root, &path, out)?;
            } else {
                out.push(path.strip_prefix(root).map_err(|e| io_fail(&path, e))?.to_path_buf());
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// (files, bytes, SHA-256 over every relative name and its bytes, in name order)
pub fn folder_sum(dir: &Path) -> CoreResult<(usize, u64, String)> {
    let files = files_under(dir)?;
    let mut h = Sha256::new();
    let mut bytes = 0u64;
    for rel in &files {
        let data = std::fs::read(dir.join(rel)).map_err(|e| io_fail(&dir.join(rel), e))?;
        let name = rel.to_string_lossy();
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update((data.len() as u64).to_le_bytes());
        h.update(&data);
        bytes += data.len() as u64;
    }
    Ok((files.len(), bytes, hex::encode(h.finalize())))
}

/// Copies the proofs (owner-only folders and files, as the solo file keeps them).
fn copy_proofs(from: &Path, to: &Path) -> CoreResult<()> {
    for rel in files_under(from)? {
        let target = to.join(&rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_fail(parent, e))?;
            crate::private_files::owner_only_dir(parent).map_err(|e| io_fail(parent, e))?;
        }
        std::fs::copy(from.join(&rel), &target).map_err(|e| io_fail(&target, e))?;
        crate::private_files::owner_only_file(&target).map_err(|e| io_fail(&target, e))?;
    }
    crate::private_files::owner_only_dir(to).map_err(|e| io_fail(to, e))
}

/// The solo file's tables must all exist on the team store, or their rows would stay behind.
async fn check_same_tables(solo: &Db, tables: &[Table]) -> CoreResult<()> {
    let lite = tables::lite_table_names(solo.pool()).await?;
    let missing: Vec<&String> = lite.iter().filter(|n| !tables.iter().any(|t| &t.name == *n)).collect();
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
        return Err(refused(
            ErrorCode::DbMigrate,
            format!(
                "单机数据库有团队服务器没有的表：{}（版本不一致？请先用同一版本的 KOS 工作台打开它）",
                names.join(", ")
            ),
            format!("The solo database has tables the team store lacks: {} (versions differ?)", names.join(", ")),
        ));
    }
    Ok(())
}

/// Moves the solo database at `solo_path` (its key in `solo_keys`) into the empty team store `target`, and
/// checks every table and the proofs on both sides. Prints nothing; the report says what happened.
pub async fn move_solo_to_team(solo_path: &Path, solo_keys: KeyPlace, target: &TeamTarget) -> CoreResult<MoveReport> {
    // the solo file: its lock (nothing else writes it meanwhile), its schema brought up to date, its key
    if !solo_path.is_file() {
        return Err(CoreError::DbOpen {
            path: solo_path.display().to_string(),
            reason: "文件不存在 (no such file)".into(),
        });
    }
    let solo = Db::open_as(solo_path, Opener::default()).await?;
    let (secrets, vault) = Vault::open(&solo, solo_path, solo_keys).await?;
    let database_id = vault.database_id.clone();

    // the team store: migrated, empty, without a key of its own
    std::fs::create_dir_all(&target.data_dir).map_err(|e| io_fail(&target.data_dir, e))?;
    let team_marker = target.data_dir.join("team-store");
    target.keys.check_outside(&team_marker)?;
    let pg = open_pg_pool(&target.url, 4).await?;
    let mut conn = pg.acquire().await?;
    let tables = tables::pg_tables(&mut *conn).await?;
    check_same_tables(&solo, &tables).await?;
    let held = tables::pg_rows_beyond_seed(&mut conn, &tables).await?;
    if !held.is_empty() {
        let list: Vec<String> = held.iter().map(|(t, n)| format!("{t} {n}")).collect();
        return Err(refused(
            ErrorCode::RestoreTargetNotEmpty,
            format!(
                "团队服务器的数据库已有数据（{}），不会覆盖：搬迁只进入新建的空数据库（CREATE DATABASE … TEMPLATE template0 \
                 LC_COLLATE 'C' LC_CTYPE 'C'），搬迁后再用 --create-admin 设立可登录的管理员",
                list.join("，")
            ),
            format!(
                "The team server's database already holds data ({}); nothing is overwritten: a move goes into a new, \
                 empty database only; create the administrator who signs in (--create-admin) after the move",
                list.join(", ")
            ),
        ));
    }
    if let Some((other, _)) = tables::vault_row(&mut *conn).await? {
        return Err(refused(
            ErrorCode::KeyMismatch,
            format!(
                "团队服务器已生成了自己的密钥（数据库 {other}），它与单机数据库（{database_id}）的密钥不同：请新建空数据库后再搬迁 \
                 （搬迁前不要启动 kos-server）"
            ),
            format!(
                "The team server already made a key of its own (database {other}), not the solo database's \
                 ({database_id}): create a new, empty database and move again (do not start kos-server before the move)"
            ),
        ));
    }
    match target.keys.get(&database_id).await? {
        Some(k) if &k != secrets.key_bytes() => {
            let (zh, en) = target.keys.describe();
            return Err(refused(
                ErrorCode::KeyMismatch,
                format!("{zh}中已有数据库 {database_id} 的另一把密钥，不会覆盖"),
                format!("{en} already holds another key for the database {database_id}; it is not overwritten"),
            ));
        }
        _ => {}
    }
    let solo_proofs = proofs_dir_for(solo_path);
    let team_proofs = proofs_dir_for(&team_marker);
    if !files_under(&team_proofs)?.is_empty() {
        return Err(refused(
            ErrorCode::RestoreTargetNotEmpty,
            format!("服务器的证明文件夹 {} 不是空的，不会覆盖", team_proofs.display()),
            format!("The server's proofs folder {} is not empty; nothing is overwritten", team_proofs.display()),
        ));
    }

    // the key first: a move cut off after it leaves an unused entry, never data without its key (B-10)
    target.keys.put(&database_id, secrets.key_bytes()).await?;
    std::fs::create_dir_all(&team_proofs).map_err(|e| io_fail(&team_proofs, e))?;
    copy_proofs(&solo_proofs, &team_proofs)?;
    let (solo_files, bytes, solo_sum) = folder_sum(&solo_proofs)?;
    let (team_files, _, team_sum) = folder_sum(&team_proofs)?;
    let proofs = ProofsCheck { solo_files, team_files, bytes, solo_sum, team_sum };

    let copied = copy_tables(&solo, &mut conn, &tables, database_id, proofs).await;
    if copied.is_err() {
        // nothing of the move stays on the server (the key entry alone does, unused)
        let _ = std::fs::remove_dir_all(&team_proofs);
    }
    drop(conn);
    pg.close().await;
    solo.close().await;
    copied
}

/// Every table in one transaction, parents first, checked before it commits: a difference rolls it back.
async fn copy_tables(
    solo: &Db,
    conn: &mut sqlx::PgConnection,
    tables: &[Table],
    database_id: String,
    proofs: ProofsCheck,
) -> CoreResult<MoveReport> {
    let mut tx = sqlx::Connection::begin(conn).await?;
    sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(crate::db::WRITE_LOCK_KEY).execute(&mut *tx).await?;
    for seeded in ["local_session", "users"] {
        tables::clear(&mut tx, seeded).await?;
    }
    for t in tables {
        let mut batch = Batch::for_table(t);
        let mut full: Vec<Batch> = Vec::new();
        tables::each_row(solo.pool(), t, false, |vals| {
            batch.push(vals)?;
            if batch.rows >= BATCH_ROWS {
                full.push(std::mem::replace(&mut batch, Batch::for_table(t)));
            }
            Ok(())
        })
        .await?;
        full.push(batch);
        for b in full {
            tables::insert_batch(&mut tx, t, b).await?;
        }
        if t.identity_id {
            crate::store::ex::after_explicit_ids(&mut *tx, &t.name).await?;
        }
    }
    let checks = compare_tables(solo, &mut tx, tables).await?;
    let report = MoveReport { database_id, tables: checks, proofs };
    if !report.ok() {
        tx.rollback().await?;
        return Err(mismatch(&report));
    }
    tx.commit().await?;
    Ok(report)
}

fn mismatch(report: &MoveReport) -> CoreError {
    let mut names: Vec<String> = report.mismatches().iter().map(|t| t.table.clone()).collect();
    if !report.proofs_same() {
        names.push("proofs/".into());
    }
    refused(
        ErrorCode::DbMigrate,
        format!("搬迁后的数据与单机数据库不一致：{}；团队服务器未保留任何数据\n{}", names.join("，"), report.to_text()),
        format!("The moved data differs from the solo database: {}; the team store kept nothing", names.join(", ")),
    )
}

async fn compare_tables(solo: &Db, team: &mut sqlx::PgConnection, tables: &[Table]) -> CoreResult<Vec<TableCheck>> {
    let mut checks = Vec::with_capacity(tables.len());
    for t in tables {
        let (solo_rows, solo_sum) = tables::checksum(solo.pool(), t).await?;
        let (team_rows, team_sum) = tables::checksum(&mut *team, t).await?;
        checks.push(TableCheck { table: t.name.clone(), solo_rows, team_rows, solo_sum, team_sum });
    }
    Ok(checks)
}

/// Compares a solo file and a team store as they are now (after a move: to show later that nothing changed
/// since): every table's count and checksum, and the proofs folders.
pub async fn compare(solo_path: &Path, target: &TeamTarget) -> CoreResult<MoveReport> {
    if !solo_path.is_file() {
        return Err(CoreError::DbOpen {
            path: solo_path.display().to_string(),
            reason: "文件不存在 (no such file)".into(),
        });
    }
    let solo = Db::open_as(solo_path, Opener::default()).await?;
    let database_id = tables::vault_row(solo.pool()).await?.map(|(id, _)| id).unwrap_or_default();
    let pg = open_pg_pool(&target.url, 2).await?;
    let mut conn = pg.acquire().await?;
    let tables = tables::pg_tables(&mut *conn).await?;
    let checks = compare_tables(&solo, &mut conn, &tables).await?;
    let (solo_files, bytes, solo_sum) = folder_sum(&proofs_dir_for(solo_path))?;
    let (team_files, _, team_sum) = folder_sum(&proofs_dir_for(&target.data_dir.join("team-store")))?;
    drop(conn);
    pg.close().await;
    solo.close().await;
    Ok(MoveReport {
        database_id,
        tables: checks,
        proofs: ProofsCheck { solo_files, team_files, bytes, solo_sum, team_sum },
    })
}
