//! N-1: notes arrive from the platform's export files. A preview recognises the columns (unknown ones can be
//! mapped by hand); the import runs in the background in batches of 10,000 rows, each committed with the
//! row it reached, so a cancel or a crash keeps every committed batch and a re-run of the same file finishes
//! the rest. Re-importing adds a dated snapshot; the same file twice changes nothing. Notes of accounts not
//! bound to the brand when published (or frozen, B-17) are kept aside with the reason, not queued.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use specta::Type;

use super::jobs::{Job, JobKind, JobProgress, JobState};
use super::Service;
use crate::api::types::imports::{AsideRow, ImportRow, RejectRow};
use crate::authz::{Actor, Permission};
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::note_file::{self, Field, FilePreview, NoteRecord, RowError};
use crate::store;
use crate::store::note_imports::{BatchCounts, Lease};
use crate::store::notes::{ImportedNote, Metrics, StoredNote};

/// Rows per committed batch.
pub const BATCH_ROWS: usize = 10_000;
/// From this many rows (and more than the notes already stored), the queue indexes are dropped for the
/// load and built again after it.
pub const BULK_MIN_ROWS: i64 = 100_000;
/// An import's lease on its row lasts this long unless renewed (issue 11): long enough to ride out a busy
/// machine, short enough that an import whose process vanished without a trace resumes soon after.
pub const LEASE_SECS: i64 = 30;
/// The running import renews its lease this often (and with every committed batch).
const RENEW_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct PreviewNoteFileArgs {
    pub enterprise_id: i64,
    /// the token of the export file the user chose (a door's open grant)
    pub file: String,
}

/// The preview of a file before anything is written, and whether it was imported before.
#[derive(Debug, Clone, Serialize, Type)]
pub struct NoteFilePreview {
    pub file_name: String,
    pub preview: FilePreview,
    /// every field the import understands, for hand mapping: (field, 中文名, English name)
    pub fields: Vec<FieldLabel>,
    /// the imports of the same file, newest first, whatever their data date: one with the data date chosen
    /// means no change if it is done, or a resume if it was cancelled or failed
    pub earlier: Vec<ImportRow>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct FieldLabel {
    pub field: Field,
    pub label: String,
    pub label_en: String,
    pub required: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct StartNoteImportArgs {
    pub enterprise_id: i64,
    /// the token of the export file the user chose (the preview's grant serves again)
    pub file: String,
    /// per column, as in the preview (possibly edited by hand); omitted: as recognised
    pub mapping: Option<Vec<Option<Field>>>,
    /// the date the metrics belong to (Asia/Shanghai "YYYY-MM-DD"); omitted: today
    pub data_date: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ImportArgs {
    pub import_id: i64,
}

/// An import with its row report (the first 1,000 rejected rows and notes kept aside).
#[derive(Debug, Clone, Serialize, Type)]
pub struct ImportReport {
    pub import: ImportRow,
    pub rejects: Vec<RejectRow>,
    pub aside: Vec<AsideRow>,
}

fn field_labels() -> Vec<FieldLabel> {
    Field::ALL
        .iter()
        .map(|f| FieldLabel {
            field: *f,
            label: f.label_zh().into(),
            label_en: f.label_en().into(),
            required: matches!(f, Field::Title | Field::NoteType | Field::PublishedAt | Field::XhsId),
            // (互动量 is required unless 点赞, 收藏 and 评论 are all mapped: `FilePreview::missing` says so)
        })
        .collect()
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// How many previewed files the service remembers.
const FILE_READS_KEPT: usize = 4;

/// The last files read for a preview, by path and SHA-256: the import the window starts after its preview
/// hashes the file again (the hash decides, not the file's times) and reads no row twice before the first.
#[derive(Debug, Default)]
pub struct FileReads {
    kept: std::sync::Mutex<Vec<(PathBuf, String, FilePreview)>>,
}

impl FileReads {
    /// The preview and SHA-256 of `path`: the preview kept from a read of the same content, else read now.
    async fn read(&self, path: PathBuf) -> CoreResult<(FilePreview, String)> {
        let (preview, sha) = if self.lock().iter().any(|(p, _, _)| *p == path) {
            let sha = off_runtime({
                let path = path.clone();
                move || sha256_file(&path)
            })
            .await?;
            let kept = self.lock().iter().find(|(p, s, _)| *p == path && *s == sha).map(|(_, _, v)| v.clone());
            match kept {
                Some(preview) => return Ok((preview, sha)),
                // changed since its preview: parsed again, its hash already known
                None => (
                    off_runtime({
                        let path = path.clone();
                        move || note_file::preview(&path)
                    })
                    .await?,
                    sha,
                ),
            }
        } else {
            read_file(path.clone()).await?
        };
        let mut kept = self.lock();
        kept.retain(|(p, _, _)| *p != path);
        if kept.len() >= FILE_READS_KEPT {
            kept.remove(0);
        }
        kept.push((path, sha.clone(), preview.clone()));
        Ok((preview, sha))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(PathBuf, String, FilePreview)>> {
        self.kept.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Runs file work on the blocking pool, off the async runtime.
async fn off_runtime<T: Send + 'static>(work: impl FnOnce() -> CoreResult<T> + Send + 'static) -> CoreResult<T> {
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        CoreError::invalid("path", format!("读取文件失败：{e}"), format!("Reading the file failed: {e}"))
    })?
}

/// The preview and the SHA-256 of a file (which identifies it for resuming), read off the async runtime.
async fn read_file(path: PathBuf) -> CoreResult<(FilePreview, String)> {
    // the hash on a thread of its own while this one parses (two cores)
    off_runtime(move || {
        std::thread::scope(|s| {
            let sha = s.spawn(|| sha256_file(&path));
            let preview = note_file::preview(&path);
            let sha = sha.join().unwrap_or_else(|_| {
                Err(CoreError::File {
                    path: path.display().to_string(),
                    reason_zh: "计算文件校验值失败".into(),
                    reason_en: "Hashing the file failed".into(),
                })
            });
            Ok((preview?, sha?))
        })
    })
    .await
}

fn sha256_file(path: &Path) -> CoreResult<String> {
    let fail = |e: std::io::Error| CoreError::File {
        path: path.display().to_string(),
        reason_zh: format!("无法读取文件：{e}"),
        reason_en: format!("Cannot read the file: {e}"),
    };
    let mut f = std::fs::File::open(path).map_err(fail)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf).map_err(fail)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex::encode(h.finalize()))
}

/// The brand's bound spans by 小红书号, to decide each note by its publish time.
struct Spans {
    by_xhs: HashMap<String, Vec<store::bindings::BoundSpan>>,
}

enum Owner {
    Bound { account_id: i64, staff_id: i64 },
    Aside(&'static str),
}

impl Spans {
    fn owner(&self, xhs_id: &str, published_at: &str) -> Option<Owner> {
        let spans = self.by_xhs.get(xhs_id)?;
        let span = spans.iter().rev().find(|s| {
            s.effective_at.as_str() <= published_at && s.ended_at.as_deref().is_none_or(|e| e > published_at)
        });
        Some(match span {
            // B-17: a frozen account takes no new notes
            Some(s) if s.status == "frozen" => Owner::Aside("frozen"),
            Some(s) => Owner::Bound { account_id: s.account_id, staff_id: s.staff_id },
            None => Owner::Aside("not_bound"),
        })
    }
}

impl Service {
    /// Reads a platform export file and shows what the import would make of it; writes nothing.
    pub async fn preview_note_file(&self, actor: &Actor, args: PreviewNoteFileArgs) -> CoreResult<NoteFilePreview> {
        actor.require_in(Permission::ManageNotes, args.enterprise_id)?;
        let path = self.opened_file(&args.file)?;
        let name = file_name(&path);
        let (preview, sha) = self.file_reads.read(path).await?;
        let earlier = store::note_imports::list_same_file(self.db.pool(), args.enterprise_id, &sha, 20).await?;
        Ok(NoteFilePreview { file_name: name, preview, fields: field_labels(), earlier })
    }

    /// Starts importing a platform export file in the background; poll `job_status`, stop with `cancel_job`.
    pub async fn start_note_import(&self, actor: &Actor, args: StartNoteImportArgs) -> CoreResult<JobProgress> {
        actor.require_in(Permission::ManageNotes, args.enterprise_id)?;
        let path = self.opened_file(&args.file)?;
        let data_date = match &args.data_date {
            Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                CoreError::invalid("data_date", "数据日期格式应为 YYYY-MM-DD", "Data date must be YYYY-MM-DD")
            })?,
            None => self.clock.today(),
        };
        if data_date > self.clock.today() {
            return Err(CoreError::invalid(
                "data_date",
                "数据日期不能晚于今天",
                "The data date cannot be in the future",
            ));
        }
        let data_date = data_date.to_string();
        // the preview the window showed just before, if the file is unchanged since (else read now)
        let (preview, sha) = self.file_reads.read(path.clone()).await?;
        let mapping = args.mapping.clone().unwrap_or_else(|| preview.mapping.clone());
        if mapping.len() != preview.headers.len() {
            return Err(CoreError::invalid(
                "mapping",
                "列映射与文件的列数不一致，请重新预览",
                "The column mapping does not match the file's columns; preview again",
            ));
        }
        let missing = note_file::missing_fields(&mapping);
        if !missing.is_empty() {
            let names: Vec<&str> = missing.iter().map(|f| note_file::missing_label(*f).0).collect();
            let names_en: Vec<&str> = missing.iter().map(|f| note_file::missing_label(*f).1).collect();
            return Err(CoreError::invalid(
                "mapping",
                format!("缺少必需的列：{}。请在预览中为这些字段指定列", names.join("、")),
                format!("Required columns missing: {}. Map them in the preview", names_en.join(", ")),
            ));
        }
        let mapping_json = serde_json::to_string(&mapping).unwrap_or_default();
        // N-1: the columns left out, named in the import report
        let unmapped: Vec<String> =
            note_file::unmapped_columns(&preview.headers, &mapping).into_iter().map(|c| c.header).collect();
        let unmapped_json = serde_json::to_string(&unmapped).unwrap_or_else(|_| "[]".into());
        // N-1 row check: nothing is published after the end of its data date, nor after now
        let published_until = published_until(&data_date, self.clock.now());
        let now = self.now_ts();
        // who runs an import is decided in one write transaction: a live lease means another process (or
        // job) runs it; otherwise this one takes the lease, on a new row or on the one it resumes
        let lease_until = self.lease_until();
        let lease = Lease { owner: self.db.instance(), until: &lease_until };
        let mut tx = self.db.write().await?;
        let previous = store::note_imports::find_same_file(&mut *tx, args.enterprise_id, &sha, &data_date).await?;
        let live = match &previous {
            Some(p) if p.status == "running" => store::note_imports::lease_live(&mut *tx, p.id, &now).await?,
            _ => false,
        };
        let (import_id, skip) = match previous {
            Some(_) if live => return Err(import_running()),
            // a cancelled, failed or abandoned import of the same file resumes after its last committed batch
            Some(p) if p.status != "done" && p.mapping_json == mapping_json => {
                if !store::note_imports::claim(&mut *tx, p.id, actor.user_id, &now, lease).await? {
                    return Err(import_running());
                }
                (p.id, p.rows_done)
            }
            _ => {
                let id = store::note_imports::insert(
                    &mut *tx,
                    &store::note_imports::NewImport {
                        enterprise_id: args.enterprise_id,
                        file_name: &file_name(&path),
                        file_sha256: &sha,
                        data_date: &data_date,
                        mapping_json: &mapping_json,
                        unmapped_json: &unmapped_json,
                        rows_total: preview.rows,
                        by: actor.user_id,
                        at: &now,
                    },
                    lease,
                )
                .await?;
                (id, 0)
            }
        };
        tx.commit().await?;
        let job =
            self.jobs.start(actor, args.enterprise_id, JobKind::NoteImport, preview.rows, ("正在导入", "Importing"));
        job.update(|p| {
            p.import_id = Some(import_id);
            p.done = skip;
        });
        let svc = self.clone();
        let enterprise_id = args.enterprise_id;
        let running = job.clone();
        tokio::spawn(async move {
            // the lease is renewed while the import runs, index building included
            let renewer = {
                let svc = svc.clone();
                tokio::spawn(async move {
                    let mut tick = tokio::time::interval(RENEW_EVERY);
                    tick.tick().await;
                    loop {
                        tick.tick().await;
                        let until = svc.lease_until();
                        let lease = Lease { owner: svc.db.instance(), until: &until };
                        if !matches!(store::note_imports::renew(svc.db.pool(), import_id, lease).await, Ok(true)) {
                            break;
                        }
                    }
                })
            };
            let outcome = svc
                .run_import(
                    &running,
                    enterprise_id,
                    import_id,
                    &path,
                    (mapping, published_until),
                    &data_date,
                    skip,
                    preview.rows,
                )
                .await;
            renewer.abort();
            let at = svc.now_ts();
            let (status, err) = match &outcome {
                Ok(true) => ("done", None),
                Ok(false) => ("cancelled", None),
                Err(e) => ("failed", Some(e.to_api())),
            };
            let _ = store::note_imports::finish(
                svc.db.pool(),
                import_id,
                svc.db.instance(),
                status,
                err.as_ref().map(|e| (e.message.as_str(), e.message_en.as_str())),
                &at,
            )
            .await;
            running.update(|p| {
                p.state = match status {
                    "done" => JobState::Done,
                    "cancelled" => JobState::Cancelled,
                    _ => JobState::Failed,
                };
                p.phase = match status {
                    "done" => "导入完成",
                    "cancelled" => "已取消（已提交的批次保留，重新导入同一文件会从中断处继续）",
                    _ => "导入失败",
                }
                .into();
                p.phase_en = match status {
                    "done" => "Import finished",
                    "cancelled" => "Cancelled (committed batches stay; importing the same file again resumes)",
                    _ => "Import failed",
                }
                .into();
                if let Some(e) = err {
                    p.error = Some(e.message);
                    p.error_en = Some(e.message_en);
                }
            });
            // load the brand's notes into the column store now, so the boards, leader views and dashboards
            // the window refreshes after the import find them ready (they wait on this one load); an error
            // here reaches the next board call, which loads again
            let _ = svc.analytics.columns(svc.db.pool(), enterprise_id).await;
        });
        Ok(job.snapshot())
    }

    /// The import loop: parse on a blocking thread, write batches here. Ok(false) when cancelled.
    #[allow(clippy::too_many_arguments)]
    async fn run_import(
        &self,
        job: &Arc<Job>,
        enterprise_id: i64,
        import_id: i64,
        path: &Path,
        (mapping, published_until): (Vec<Option<Field>>, PublishedUntil),
        data_date: &str,
        skip: i64,
        total: i64,
    ) -> CoreResult<bool> {
        let (tx, mut rx) = tokio::sync::mpsc::channel::<CoreResult<Vec<Result<NoteRecord, RowError>>>>(2);
        let parse_path = path.to_path_buf();
        let parse_job = job.clone();
        let parser = tokio::task::spawn_blocking(move || {
            let rows = match note_file::open(&parse_path, &mapping) {
                Ok(r) => r.refuse_published_after(published_until.0, published_until.1, published_until.2),
                Err(e) => {
                    let _ = tx.blocking_send(Err(e));
                    return;
                }
            };
            let mut batch = Vec::with_capacity(BATCH_ROWS);
            let mut seen: i64 = 0;
            for row in rows {
                if parse_job.cancelled() {
                    return;
                }
                match row {
                    Err(e) => {
                        let _ = tx.blocking_send(Err(e));
                        return;
                    }
                    Ok(r) => {
                        seen += 1;
                        if seen <= skip {
                            continue;
                        }
                        batch.push(r);
                        if batch.len() == BATCH_ROWS
                            && tx
                                .blocking_send(Ok(std::mem::replace(&mut batch, Vec::with_capacity(BATCH_ROWS))))
                                .is_err()
                        {
                            return;
                        }
                    }
                }
            }
            if !batch.is_empty() {
                let _ = tx.blocking_send(Ok(batch));
            }
        });

        let spans = {
            let mut by_xhs: HashMap<String, Vec<store::bindings::BoundSpan>> = HashMap::new();
            for s in store::bindings::list_bound_spans(self.db.pool(), enterprise_id).await? {
                by_xhs.entry(s.xhs_id.clone()).or_default().push(s);
            }
            Spans { by_xhs }
        };
        let stored = store::notes::count(self.db.pool(), None).await?;
        // SQLite's bulk load (indexes dropped, loaded, built again); PostgreSQL takes each batch as arrays
        let bulk = total - skip >= BULK_MIN_ROWS && total - skip > stored && !self.db.is_team();
        if bulk {
            let mut conn = self.db.pool().acquire().await?;
            if let Some(lite) = conn.lite() {
                store::notes::drop_queue_indexes(lite).await?;
            }
            self.indexing.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        // one connection writes every batch; a bulk load skips the per-row foreign-key lookups (the rows'
        // accounts and staff come from the brand's own bindings, read above)
        let mut writer = self.db.pool().acquire().await?;
        if let Some(lite) = writer.lite().filter(|_| bulk) {
            sqlx::query("PRAGMA foreign_keys = OFF").execute(lite).await?;
        }
        let mut done = skip;
        let mut result = Ok(true);
        while let Some(batch) = rx.recv().await {
            let batch = match batch {
                Ok(b) => b,
                Err(e) => {
                    result = Err(e);
                    break;
                }
            };
            let n = i64::try_from(batch.len()).unwrap_or(i64::MAX);
            if let Err(e) =
                self.write_batch(&mut writer, enterprise_id, import_id, &spans, batch, data_date, done + n).await
            {
                result = Err(e);
                break;
            }
            done += n;
            job.update(|p| p.done = done);
            if job.cancelled() {
                result = Ok(false);
                break;
            }
        }
        drop(rx);
        let _ = parser.await;
        if let Some(lite) = writer.lite().filter(|_| bulk) {
            sqlx::query("PRAGMA foreign_keys = ON").execute(lite).await?;
        }
        drop(writer);
        if job.cancelled() && result.as_ref().is_ok_and(|ok| *ok) && done < total {
            result = Ok(false);
        }
        if bulk {
            job.update(|p| {
                p.phase = "正在建立索引".into();
                p.phase_en = "Building indexes".into();
            });
            let mut conn = self.db.pool().acquire().await?;
            if let Some(conn) = conn.lite() {
                // sort in memory on both cores while building (SQLite's multi-threaded sorter)
                sqlx::query("PRAGMA threads = 2").execute(&mut *conn).await?;
                sqlx::query("PRAGMA cache_size = -262144").execute(&mut *conn).await?;
                let built = store::notes::ensure_queue_indexes(conn).await;
                sqlx::query("PRAGMA threads = 0").execute(&mut *conn).await?;
                sqlx::query("PRAGMA cache_size = -32000").execute(&mut *conn).await?;
                built?;
            }
            self.indexing.store(false, std::sync::atomic::Ordering::Relaxed);
        } else {
            // a resumed import whose first run was cut off mid-bulk-load finds the indexes it dropped missing
            let mut conn = self.db.pool().acquire().await?;
            if let Some(lite) = conn.lite() {
                store::notes::ensure_queue_indexes(lite).await?;
            }
        }
        result
    }

    /// The end of a lease taken or renewed now.
    fn lease_until(&self) -> String {
        crate::clock::ts(self.clock.now() + chrono::Duration::seconds(LEASE_SECS))
    }

    /// At open: imports left `running` by a process that has ended (an earlier holder of the database, or a
    /// lease that lapsed) are marked failed, resumable; the queue indexes an interrupted bulk load dropped are
    /// built again, unless an import with a live lease (another process ignoring the lock) is loading. Then
    /// the lock file forgets the ended holders.
    pub(crate) async fn recover_interrupted_imports(&self) -> CoreResult<()> {
        let now = self.now_ts();
        let mut conn = self.db.pool().acquire().await?;
        store::note_imports::fail_abandoned(&mut conn, &now, self.db.ended_holders()).await?;
        if !store::note_imports::any_lease_live(&mut conn, &now).await? {
            if let Some(lite) = conn.lite() {
                store::notes::ensure_queue_indexes(lite).await?;
            }
        }
        drop(conn);
        self.db.forget_ended_holders()
    }

    /// Writes one batch in one transaction, with the import's counters and high-water mark.
    #[allow(clippy::too_many_arguments)]
    async fn write_batch(
        &self,
        conn: &mut crate::db::PoolConn,
        enterprise_id: i64,
        import_id: i64,
        spans: &Spans,
        batch: Vec<Result<NoteRecord, RowError>>,
        data_date: &str,
        rows_done: i64,
    ) -> CoreResult<()> {
        let mut counts = BatchCounts { rows_done, ..BatchCounts::default() };
        let mut rejects = Vec::new();
        let mut records = Vec::with_capacity(batch.len());
        let mut in_batch: HashSet<String> = HashSet::with_capacity(batch.len());
        for r in batch {
            match r {
                Ok(rec) => {
                    // a note listed twice in one file: the later row wins
                    if !in_batch.insert(rec.note_id.clone()) {
                        records.retain(|x: &NoteRecord| x.note_id != rec.note_id);
                    }
                    records.push(rec);
                }
                Err(e) => rejects.push(RejectRow {
                    line: e.line,
                    column_name: e.column,
                    reason: e.reason,
                    reason_en: e.reason_en,
                }),
            }
        }
        counts.rejected = i64::try_from(rejects.len()).unwrap_or(0);
        let mut tx = conn.write().await?;
        let ids: Vec<&str> = records.iter().map(|r| r.note_id.as_str()).collect();
        let existing: HashMap<String, StoredNote> =
            store::notes::list_by_note_ids(&mut tx, &ids).await?.into_iter().map(|s| (s.note_id.clone(), s)).collect();
        let mut inserts = Vec::new();
        let mut updates = Vec::new();
        let mut snapshots: Vec<(i64, String, Metrics)> = Vec::new();
        let mut aside = Vec::new();
        let mut unknown: Vec<&NoteRecord> = Vec::new();
        // U-2, S-2: the accounts' nickname and followers as the export shows them, the file's last row winning
        let mut seen_accounts: HashMap<&str, (Option<&str>, Option<i64>)> = HashMap::new();
        for rec in &records {
            if rec.nickname.is_some() || rec.followers.is_some() {
                seen_accounts.insert(rec.xhs_id.as_str(), (rec.nickname.as_deref(), rec.followers));
            }
        }
        for rec in &records {
            let stored = existing.get(&rec.note_id);
            let metrics = merged_metrics(rec, stored.map(StoredNote::metrics));
            let note = |account_id: i64, staff_id: Option<i64>| ImportedNote {
                note_id: rec.note_id.clone(),
                account_id,
                enterprise_id,
                staff_id,
                title: rec.title.clone(),
                note_type: rec.note_type,
                published_at: rec.published_at.clone(),
                metrics,
                avg_view_secs: rec.avg_view_secs,
                video_5s_rate: rec.video_5s_rate,
                image_3s_rate: rec.image_3s_rate,
                video_secs: rec.video_secs,
                metrics_date: data_date.to_string(),
            };
            if let Some(s) = stored {
                if s.enterprise_id != Some(enterprise_id) {
                    aside.push(aside_row(rec, "not_bound"));
                    continue;
                }
                if s.metrics_date == data_date && s.metrics() == metrics {
                    counts.unchanged += 1;
                    continue;
                }
                // a newer date moves the note's figures; an older file only fills in its snapshot
                updates.push((s.id, note(0, None)));
                snapshots.push((s.id, data_date.to_string(), metrics));
                counts.updated += 1;
                continue;
            }
            match spans.owner(&rec.xhs_id, &rec.published_at) {
                Some(Owner::Bound { account_id, staff_id }) => inserts.push(note(account_id, Some(staff_id))),
                Some(Owner::Aside(reason)) => aside.push(aside_row(rec, reason)),
                None => unknown.push(rec),
            }
        }
        if !unknown.is_empty() {
            let known = store::accounts::list_known_xhs_ids(&mut tx, unknown.iter().map(|r| r.xhs_id.as_str())).await?;
            for rec in unknown {
                let reason = if known.contains(&rec.xhs_id) { "not_bound" } else { "unknown_account" };
                aside.push(aside_row(rec, reason));
            }
        }
        store::notes::update_metrics(&mut tx, &updates).await?;
        let inserted = store::notes::insert_many(&mut tx, &inserts).await?;
        counts.inserted = i64::try_from(inserted.len()).unwrap_or(0);
        for (id, n) in inserted.iter().zip(&inserts) {
            snapshots.push((*id, data_date.to_string(), n.metrics));
        }
        store::notes::upsert_snapshots(&mut tx, &snapshots).await?;
        if !seen_accounts.is_empty() {
            // only accounts bound to this brand (now or before) are refreshed, dated by the data date
            let xhs: Vec<&str> = seen_accounts.keys().copied().collect();
            for (xhs_id, account_id) in
                store::account_register::list_ids_for_enterprise(&mut tx, enterprise_id, &xhs).await?
            {
                if let Some((nickname, followers)) = seen_accounts.get(xhs_id.as_str()) {
                    store::account_register::refresh(
                        &mut *tx,
                        account_id,
                        data_date,
                        *nickname,
                        *followers,
                        "note_import",
                    )
                    .await?;
                }
            }
        }
        counts.set_aside = i64::try_from(aside.len()).unwrap_or(0);
        store::note_imports::insert_rejects(&mut tx, import_id, &rejects).await?;
        store::note_imports::insert_aside(&mut tx, import_id, &aside).await?;
        // the batch counts only if this process still owns the import (its lease, checked in the batch's own
        // transaction): otherwise it rolls back, so no row is counted twice
        let until = self.lease_until();
        let lease = Lease { owner: self.db.instance(), until: &until };
        if !store::note_imports::add_batch(&mut *tx, import_id, &counts, lease).await? {
            return Err(CoreError::refused(
                ErrorCode::ImportRunning,
                "N-1",
                "另一个进程接管了这次导入，本进程已停止（已提交的批次保留）",
                "Another process took this import over; this one stopped (committed batches stay)",
                None,
            ));
        }
        tx.commit().await?;
        self.analytics.invalidate();
        Ok(())
    }

    /// A brand's imports, newest first.
    pub async fn list_note_imports(&self, actor: &Actor, args: super::EnterpriseArgs) -> CoreResult<Vec<ImportRow>> {
        actor.require_in(Permission::ViewNotes, args.enterprise_id)?;
        store::note_imports::list(self.db.pool(), args.enterprise_id, 50).await
    }

    /// An import's row report: why rows were refused, which notes were kept aside.
    pub async fn note_import_report(&self, actor: &Actor, args: ImportArgs) -> CoreResult<ImportReport> {
        let pool = self.db.pool();
        let import = store::note_imports::get(pool, args.import_id)
            .await?
            .ok_or_else(|| CoreError::not_found("import", args.import_id))?;
        actor.require_in(Permission::ViewNotes, import.enterprise_id)?;
        Ok(ImportReport {
            rejects: store::note_imports::list_rejects(pool, import.id, 1_000).await?,
            aside: store::note_imports::list_aside(pool, import.id, 1_000).await?,
            import,
        })
    }

    /// Imports a file and waits for the end (the CLI's `kos-desk import notes FILE`).
    pub async fn import_notes_and_wait(
        &self,
        actor: &Actor,
        args: StartNoteImportArgs,
        on_progress: impl FnMut(&JobProgress),
    ) -> CoreResult<JobProgress> {
        let job = self.start_note_import(actor, args).await?;
        self.wait_job(actor, job.id, on_progress).await
    }
}

/// N-1: the same file is being imported by a live import (this process or another).
fn import_running() -> CoreError {
    CoreError::refused(
        ErrorCode::ImportRunning,
        "N-1",
        "这个文件正在导入中",
        "This file is being imported already",
        None,
    )
}

/// The instant after which a row's publish time is refused, and how the row report names it.
type PublishedUntil = (chrono::DateTime<chrono::Utc>, String, String);

/// N-1: the end of the data date (Asia/Shanghai), or now if that is earlier.
fn published_until(data_date: &str, now: chrono::DateTime<chrono::Utc>) -> PublishedUntil {
    let end = NaiveDate::parse_from_str(data_date, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.succ_opt())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| (t - chrono::Duration::hours(8)).and_utc() - chrono::Duration::seconds(1));
    match end {
        Some(end) if end < now => {
            (end, format!("数据日期 {data_date} 当天结束"), format!("the end of the data date {data_date}"))
        }
        _ => (now, "当前时间".into(), "now".into()),
    }
}

/// What a row makes of a note's counters (issue 10). A column the file lacks keeps the stored value (a new
/// note's raw counts are then 0, its 阅读UV unknown); 互动量 given without all its parts is stored as a total
/// with the parts unknown, unless it equals the stored interactions, whose parts then stay.
fn merged_metrics(rec: &NoteRecord, stored: Option<Metrics>) -> Metrics {
    let raw = |v: Option<i64>, s: fn(&Metrics) -> i64| v.or(stored.as_ref().map(s)).unwrap_or(0);
    let mut m = Metrics {
        exposure: raw(rec.exposure, |m| m.exposure),
        reads: raw(rec.reads, |m| m.reads),
        likes: rec.likes,
        collects: rec.collects,
        comments: rec.comments,
        interactions_total: rec.interactions,
        shares: raw(rec.shares, |m| m.shares),
        follows_gained: raw(rec.follows_gained, |m| m.follows_gained),
        read_uv: rec.read_uv.or(stored.and_then(|m| m.read_uv)),
    };
    if let Some(s) = stored {
        if rec.parts_sum().is_none() && rec.interactions_known() == s.interactions() {
            (m.likes, m.collects, m.comments) = (s.likes, s.collects, s.comments);
            m.interactions_total = rec.interactions.or(s.interactions_total);
        }
    }
    // with every part known the total is their sum: nothing else to keep
    if m.parts_sum().is_some() {
        m.interactions_total = None;
    }
    m
}

fn aside_row(rec: &NoteRecord, reason: &str) -> AsideRow {
    AsideRow {
        line: rec.line,
        note_id: rec.note_id.clone(),
        xhs_id: rec.xhs_id.clone(),
        title: rec.title.clone(),
        published_at: rec.published_at.clone(),
        reason: reason.into(),
    }
}
