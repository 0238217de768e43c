//! Fast boards and dashboards over a brand's notes (I-1..I-3, D-1, S-2): an in-memory column store of the
//! brand's notes, loaded with one query and kept per enterprise until it goes stale.
//!
//! Staleness is checked on every use with a cheap key: the highest note row id, the rows the brand's imports
//! have committed (and their highest id), and a generation the service bumps after an import batch or a demo
//! load. A note's metrics change only through imports, so the key moves whenever the columns would.
//! SQL stays in `store::analytics`; this module only sums.

pub mod board;
pub mod columns;
pub mod dashboard;
pub mod dims;
pub mod keyword;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

pub use columns::{NoteColumns, Parts, NO_STAFF};
pub use dims::Dims;

use crate::error::CoreResult;
use crate::store;
use crate::store::analytics::{DimsFreshness, Freshness};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    fresh: Freshness,
    generation: u64,
}

/// The maps' key: rows added to staff, stores, bindings, and the generation.
type DimsKey = (DimsFreshness, u64);

#[derive(Debug)]
struct Entry {
    key: Key,
    columns: Arc<NoteColumns>,
}

/// The column stores of the brands in use, shared by every clone of the service.
#[derive(Debug, Default)]
pub struct Cache {
    generation: AtomicU64,
    entries: RwLock<HashMap<i64, Entry>>,
    /// staff → store, stores, account → 岗位 per brand, with the key they were read at
    dims: RwLock<HashMap<i64, (DimsKey, Arc<Dims>)>>,
    /// one load at a time: a second caller waits for the first and takes its result
    loading: tokio::sync::Mutex<()>,
}

impl Cache {
    /// Marks every brand's columns and maps stale (after an import batch or a demo load; a future command
    /// that edits a note, a staff member's store or a store must call it too).
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::Relaxed);
    }

    fn cached(&self, enterprise_id: i64, key: Key) -> Option<Arc<NoteColumns>> {
        let entries = self.entries.read().unwrap_or_else(|p| p.into_inner());
        entries.get(&enterprise_id).filter(|e| e.key == key).map(|e| e.columns.clone())
    }

    /// The brand's columns, loaded again when stale. The key is read before the load, so a change during
    /// the load makes the next call load again.
    pub async fn columns(&self, pool: crate::db::Pool<'_>, enterprise_id: i64) -> CoreResult<Arc<NoteColumns>> {
        let key = Key {
            generation: self.generation.load(Ordering::Relaxed),
            fresh: store::analytics::freshness(pool, enterprise_id).await?,
        };
        if let Some(c) = self.cached(enterprise_id, key) {
            return Ok(c);
        }
        let _one = self.loading.lock().await;
        if let Some(c) = self.cached(enterprise_id, key) {
            return Ok(c);
        }
        let columns = Arc::new(NoteColumns::load(pool, enterprise_id).await?);
        let mut entries = self.entries.write().unwrap_or_else(|p| p.into_inner());
        entries.insert(enterprise_id, Entry { key, columns: columns.clone() });
        Ok(columns)
    }

    /// The brand's columns if they are loaded and fresh; None (without loading) otherwise.
    pub async fn loaded(&self, pool: crate::db::Pool<'_>, enterprise_id: i64) -> CoreResult<Option<Arc<NoteColumns>>> {
        let key = Key {
            generation: self.generation.load(Ordering::Relaxed),
            fresh: store::analytics::freshness(pool, enterprise_id).await?,
        };
        Ok(self.cached(enterprise_id, key))
    }

    /// Whether a load is under way (a caller that only wants to start one can leave it be).
    pub fn is_loading(&self) -> bool {
        self.loading.try_lock().is_err()
    }

    /// The brand's staff → store, stores and account → 岗位 maps, read again when a row was added (or after
    /// `invalidate`).
    pub async fn dims(&self, pool: crate::db::Pool<'_>, enterprise_id: i64) -> CoreResult<Arc<Dims>> {
        let key = (store::analytics::dims_freshness(pool).await?, self.generation.load(Ordering::Relaxed));
        {
            let dims = self.dims.read().unwrap_or_else(|p| p.into_inner());
            if let Some((_, d)) = dims.get(&enterprise_id).filter(|(k, _)| *k == key) {
                return Ok(d.clone());
            }
        }
        let d = Arc::new(Dims::load(pool, enterprise_id).await?);
        let mut dims = self.dims.write().unwrap_or_else(|p| p.into_inner());
        dims.insert(enterprise_id, (key, d.clone()));
        Ok(d)
    }
}
