//! Validated bulk-binding batches (B-16), kept in memory only: sending needs the plain ID numbers, which are
//! never written to the database or a file (DESIGN "Privacy and security"). A batch lives at most
//! `BATCH_TTL_MINUTES` by the service clock and belongs to the user who validated it.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

use super::bulk::BulkRow;
use crate::model::BindingMode;

pub(super) const BATCH_TTL_MINUTES: i64 = 30;
/// Batches kept at once; the oldest goes first.
const MAX_BATCHES: usize = 16;

/// A valid row, ready to send. `Debug` never shows the ID number.
#[derive(Clone)]
pub(super) struct PendingInvite {
    /// index into `Batch::rows`
    pub index: usize,
    pub mode: BindingMode,
    pub xhs_id: String,
    pub store_id: i64,
    pub name: String,
    pub id_number: String,
    pub job_title: String,
    pub proof_path: PathBuf,
    /// SHA-256 of the proof as validated; a file changed since is not sent
    pub proof_sha: String,
}

impl std::fmt::Debug for PendingInvite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingInvite").field("index", &self.index).field("xhs_id", &self.xhs_id).finish()
    }
}

#[derive(Debug, Clone)]
pub(super) struct Batch {
    pub enterprise_id: i64,
    pub user_id: i64,
    pub created: DateTime<Utc>,
    pub rows: Vec<BulkRow>,
    pub pending: Vec<PendingInvite>,
    pub sent: bool,
}

#[derive(Debug, Default)]
pub(crate) struct BulkBatches {
    inner: Mutex<HashMap<String, Batch>>,
}

impl BulkBatches {
    fn with<T>(&self, now: DateTime<Utc>, f: impl FnOnce(&mut HashMap<String, Batch>) -> T) -> T {
        let mut map = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, b| now < b.created + Duration::minutes(BATCH_TTL_MINUTES));
        f(&mut map)
    }

    pub(super) fn insert(&self, now: DateTime<Utc>, id: String, batch: Batch) {
        self.with(now, |map| {
            while map.len() >= MAX_BATCHES {
                let Some(oldest) = map.iter().min_by_key(|(_, b)| b.created).map(|(k, _)| k.clone()) else { break };
                map.remove(&oldest);
            }
            map.insert(id, batch);
        });
    }

    /// The user's live batch.
    pub(super) fn get(&self, now: DateTime<Utc>, id: &str, user_id: i64) -> Option<Batch> {
        self.with(now, |map| map.get(id).filter(|b| b.user_id == user_id).cloned())
    }

    /// Marks the user's unsent batch as sent and hands over its pending rows (so it is sent once only).
    pub(super) fn take_for_send(&self, now: DateTime<Utc>, id: &str, user_id: i64) -> Option<Batch> {
        self.with(now, |map| {
            let b = map.get_mut(id).filter(|b| b.user_id == user_id && !b.sent)?;
            let out = b.clone();
            b.sent = true;
            b.pending.clear();
            Some(out)
        })
    }

    /// Replaces the batch's rows with their state after sending (for the report).
    pub(super) fn update_rows(&self, now: DateTime<Utc>, id: &str, rows: Vec<BulkRow>) {
        self.with(now, |map| {
            if let Some(b) = map.get_mut(id) {
                b.rows = rows;
            }
        });
    }
}
