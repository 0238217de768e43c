//! Long jobs (note import, note export) run off the caller's thread, report progress that the window polls
//! at least once a second, and can be cancelled. A job belongs to the user who started it and to its brand:
//! others of the brand may follow it, and stop it if their role may import (switching the acting user in the
//! window keeps the progress in view).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use specta::Type;

use super::Service;
use crate::authz::{Actor, Permission};
use crate::error::{CoreError, CoreResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    NoteImport,
    NoteExport,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Running,
    Done,
    Cancelled,
    Failed,
}

/// A job's progress: rows done of total, speed and time left, then the outcome.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct JobProgress {
    pub id: i64,
    pub kind: JobKind,
    pub state: JobState,
    /// what it is doing now, e.g. 正在导入 / 正在重建索引
    pub phase: String,
    pub phase_en: String,
    pub done: i64,
    pub total: i64,
    pub rows_per_sec: i64,
    /// seconds left at the current speed, when known
    pub eta_secs: Option<i64>,
    pub elapsed_ms: i64,
    /// the failure, in Chinese and English
    pub error: Option<String>,
    pub error_en: Option<String>,
    /// the import row (note imports) once known
    pub import_id: Option<i64>,
    /// the written file (exports)
    pub path: Option<String>,
}

pub(crate) struct Job {
    pub owner: i64,
    pub enterprise_id: i64,
    pub cancel: AtomicBool,
    started: Instant,
    progress: Mutex<JobProgress>,
}

impl Job {
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    pub fn update(&self, f: impl FnOnce(&mut JobProgress)) {
        let mut p = self.progress.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut p);
        let elapsed = self.started.elapsed();
        p.elapsed_ms = i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX);
        let secs = elapsed.as_secs_f64();
        if secs > 0.0 && p.done > 0 {
            let rate = p.done as f64 / secs;
            p.rows_per_sec = rate as i64;
            p.eta_secs = (p.total > p.done && rate > 0.0).then(|| ((p.total - p.done) as f64 / rate).ceil() as i64);
        }
        if p.state != JobState::Running {
            p.eta_secs = None;
        }
    }

    pub fn snapshot(&self) -> JobProgress {
        self.progress.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

#[derive(Default)]
pub(crate) struct Jobs {
    next: AtomicI64,
    map: Mutex<HashMap<i64, Arc<Job>>>,
}

impl std::fmt::Debug for Jobs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jobs").finish_non_exhaustive()
    }
}

impl Jobs {
    pub fn start(&self, owner: &Actor, enterprise_id: i64, kind: JobKind, total: i64, phase: (&str, &str)) -> Arc<Job> {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let job = Arc::new(Job {
            owner: owner.user_id,
            enterprise_id,
            cancel: AtomicBool::new(false),
            started: Instant::now(),
            progress: Mutex::new(JobProgress {
                id,
                kind,
                state: JobState::Running,
                phase: phase.0.into(),
                phase_en: phase.1.into(),
                done: 0,
                total,
                rows_per_sec: 0,
                eta_secs: None,
                elapsed_ms: 0,
                error: None,
                error_en: None,
                import_id: None,
                path: None,
            }),
        });
        self.map.lock().unwrap_or_else(|e| e.into_inner()).insert(id, job.clone());
        job
    }

    /// A note import of this process is running (issue 15 item 3: no update meanwhile).
    pub fn import_running(&self) -> bool {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.values().any(|j| {
            let p = j.snapshot();
            p.kind == JobKind::NoteImport && p.state == JobState::Running
        })
    }

    fn get(&self, id: i64) -> Option<Arc<Job>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).get(&id).cloned()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct JobArgs {
    pub job_id: i64,
}

impl Service {
    /// The job if `actor` started it, or may see the brand's notes and do `p` there; a job of a brand the
    /// actor cannot see is not found.
    fn job_for(&self, actor: &Actor, id: i64, p: Permission) -> CoreResult<Arc<Job>> {
        let job = self.jobs.get(id).ok_or_else(|| CoreError::not_found("job", id))?;
        if job.owner != actor.user_id {
            actor.require_in(Permission::ViewNotes, job.enterprise_id).map_err(|_| CoreError::not_found("job", id))?;
            actor.require_in(p, job.enterprise_id)?;
        }
        Ok(job)
    }

    /// Where a long job stands (poll at least once a second).
    pub async fn job_status(&self, actor: &Actor, args: JobArgs) -> CoreResult<JobProgress> {
        Ok(self.job_for(actor, args.job_id, Permission::ViewNotes)?.snapshot())
    }

    /// Asks a running job to stop after its current batch (committed batches stay).
    pub async fn cancel_job(&self, actor: &Actor, args: JobArgs) -> CoreResult<JobProgress> {
        let job = self.job_for(actor, args.job_id, Permission::ManageNotes)?;
        job.cancel.store(true, Ordering::Relaxed);
        Ok(job.snapshot())
    }

    /// Waits for a job to end (the CLI and tests; the window polls instead).
    pub async fn wait_job(
        &self,
        actor: &Actor,
        id: i64,
        mut on_progress: impl FnMut(&JobProgress),
    ) -> CoreResult<JobProgress> {
        let job = self.job_for(actor, id, Permission::ViewNotes)?;
        loop {
            let p = job.snapshot();
            on_progress(&p);
            if p.state != JobState::Running {
                return Ok(p);
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    }
}
