//! One prepared statement stepped many times on sqlx's own SQLite connection (N-1 bulk import).
//!
//! sqlx runs every statement on its connection's worker thread and hands rows back through a channel; for a
//! 10,000-row import batch that hop, the multi-row statement text and its tens of thousands of bound
//! arguments cost more than SQLite's own work. Here the connection is locked (`lock_handle`), a statement is
//! prepared once, and each row is bound and stepped in place: the same connection and the same transaction
//! as the rest of the batch, so the batch still commits (or rolls back) as one.

use std::borrow::Cow;
use std::ffi::{c_int, CStr};
use std::marker::PhantomData;
use std::ptr::{null_mut, NonNull};

use libsqlite3_sys as ffi;
use sqlx::error::{DatabaseError, ErrorKind};
use sqlx::sqlite::LockedSqliteHandle;

use crate::error::{CoreError, CoreResult};

/// A SQLite error reported by a raw call, as a sqlx database error (so callers see one error type).
#[derive(Debug)]
struct RawError {
    code: c_int,
    message: String,
}

impl std::fmt::Display for RawError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "(code: {}) {}", self.code, self.message)
    }
}

impl std::error::Error for RawError {}

impl DatabaseError for RawError {
    fn message(&self) -> &str {
        &self.message
    }

    fn code(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Owned(self.code.to_string()))
    }

    fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
        self
    }

    fn kind(&self) -> ErrorKind {
        match self.code {
            ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => ErrorKind::UniqueViolation,
            ffi::SQLITE_CONSTRAINT_FOREIGNKEY => ErrorKind::ForeignKeyViolation,
            ffi::SQLITE_CONSTRAINT_NOTNULL => ErrorKind::NotNullViolation,
            ffi::SQLITE_CONSTRAINT_CHECK => ErrorKind::CheckViolation,
            _ => ErrorKind::Other,
        }
    }
}

/// The connection behind a lock: statements prepared on it live no longer than the lock.
pub struct RawConn<'h> {
    db: *mut ffi::sqlite3,
    _lock: PhantomData<&'h mut ()>,
}

impl<'h> RawConn<'h> {
    pub fn new(handle: &'h mut LockedSqliteHandle<'_>) -> RawConn<'h> {
        RawConn { db: handle.as_raw_handle().as_ptr(), _lock: PhantomData }
    }

    /// Prepares `sql` (one statement).
    pub fn prepare<'c>(&'c self, sql: &str) -> CoreResult<Statement<'c>> {
        let db = self.db;
        let len = c_int::try_from(sql.len()).map_err(|_| error(db, ffi::SQLITE_TOOBIG))?;
        let mut stmt = null_mut();
        // SAFETY: `db` is the open connection the lock holds for 'h; `sql` outlives the call and its length
        // is given, so no NUL terminator is needed.
        let rc = unsafe { ffi::sqlite3_prepare_v2(db, sql.as_ptr().cast(), len, &mut stmt, null_mut()) };
        if rc != ffi::SQLITE_OK {
            return Err(error(db, rc));
        }
        let stmt = NonNull::new(stmt).ok_or_else(|| error(db, ffi::SQLITE_MISUSE))?;
        Ok(Statement { db, stmt, _conn: PhantomData })
    }
}

/// A statement prepared on a locked connection; finalized when dropped, before the lock is given back.
pub struct Statement<'c> {
    db: *mut ffi::sqlite3,
    stmt: NonNull<ffi::sqlite3_stmt>,
    _conn: PhantomData<&'c ()>,
}

/// What a step gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Row,
    Done,
}

impl Statement<'_> {
    fn check(&self, rc: c_int) -> CoreResult<()> {
        if rc == ffi::SQLITE_OK {
            Ok(())
        } else {
            Err(error(self.db, rc))
        }
    }

    /// Binds the 1-based parameter `i`.
    pub fn bind_i64(&mut self, i: c_int, v: i64) -> CoreResult<()> {
        // SAFETY: the statement is live (finalized only on drop)
        self.check(unsafe { ffi::sqlite3_bind_int64(self.stmt.as_ptr(), i, v) })
    }

    pub fn bind_f64(&mut self, i: c_int, v: f64) -> CoreResult<()> {
        // SAFETY: as above
        self.check(unsafe { ffi::sqlite3_bind_double(self.stmt.as_ptr(), i, v) })
    }

    pub fn bind_null(&mut self, i: c_int) -> CoreResult<()> {
        // SAFETY: as above
        self.check(unsafe { ffi::sqlite3_bind_null(self.stmt.as_ptr(), i) })
    }

    /// Binds text; SQLite copies it (SQLITE_TRANSIENT), so `v` may go right after.
    pub fn bind_text(&mut self, i: c_int, v: &str) -> CoreResult<()> {
        let len = c_int::try_from(v.len()).map_err(|_| error(self.db, ffi::SQLITE_TOOBIG))?;
        // SAFETY: the pointer and length describe valid UTF-8 for the call; SQLITE_TRANSIENT makes SQLite copy
        // it before returning
        self.check(unsafe {
            ffi::sqlite3_bind_text(self.stmt.as_ptr(), i, v.as_ptr().cast(), len, ffi::SQLITE_TRANSIENT())
        })
    }

    pub fn bind_opt_i64(&mut self, i: c_int, v: Option<i64>) -> CoreResult<()> {
        match v {
            Some(v) => self.bind_i64(i, v),
            None => self.bind_null(i),
        }
    }

    pub fn bind_opt_f64(&mut self, i: c_int, v: Option<f64>) -> CoreResult<()> {
        match v {
            Some(v) => self.bind_f64(i, v),
            None => self.bind_null(i),
        }
    }

    /// Runs the statement one step.
    pub fn step(&mut self) -> CoreResult<Step> {
        // SAFETY: as above
        match unsafe { ffi::sqlite3_step(self.stmt.as_ptr()) } {
            ffi::SQLITE_ROW => Ok(Step::Row),
            ffi::SQLITE_DONE => Ok(Step::Done),
            rc => Err(error(self.db, rc)),
        }
    }

    /// Makes the statement ready to be bound and stepped again (bindings are replaced by the next binds).
    pub fn reset(&mut self) {
        // SAFETY: as above; the error of the last step was reported by `step` already
        unsafe { ffi::sqlite3_reset(self.stmt.as_ptr()) };
    }

    /// Runs a statement that returns no rows; the rows it changed.
    pub fn execute(&mut self) -> CoreResult<u64> {
        let step = self.step();
        self.reset();
        step?;
        // SAFETY: the connection is live for 'h
        Ok(u64::try_from(unsafe { ffi::sqlite3_changes64(self.db) }).unwrap_or(0))
    }

    /// The row id of the last row this connection inserted.
    pub fn last_insert_rowid(&self) -> i64 {
        // SAFETY: as above
        unsafe { ffi::sqlite3_last_insert_rowid(self.db) }
    }

    /// Column `i` (0-based) of the current row as an integer (NULL reads 0).
    pub fn column_i64(&self, i: c_int) -> i64 {
        // SAFETY: called after `step` gave a row
        unsafe { ffi::sqlite3_column_int64(self.stmt.as_ptr(), i) }
    }

    pub fn column_opt_i64(&self, i: c_int) -> Option<i64> {
        (!self.column_is_null(i)).then(|| self.column_i64(i))
    }

    pub fn column_is_null(&self, i: c_int) -> bool {
        // SAFETY: as above
        unsafe { ffi::sqlite3_column_type(self.stmt.as_ptr(), i) == ffi::SQLITE_NULL }
    }

    /// Column `i` of the current row as text (copied out).
    pub fn column_text(&self, i: c_int) -> String {
        // SAFETY: after a row, sqlite3_column_text returns a pointer valid until the next step/reset, and
        // sqlite3_column_bytes (called after it, as SQLite asks) its length in bytes
        unsafe {
            let p = ffi::sqlite3_column_text(self.stmt.as_ptr(), i);
            if p.is_null() {
                return String::new();
            }
            let n = usize::try_from(ffi::sqlite3_column_bytes(self.stmt.as_ptr(), i)).unwrap_or(0);
            String::from_utf8_lossy(std::slice::from_raw_parts(p, n)).into_owned()
        }
    }
}

impl Drop for Statement<'_> {
    fn drop(&mut self) {
        // SAFETY: the statement was prepared on this connection and is finalized once
        unsafe { ffi::sqlite3_finalize(self.stmt.as_ptr()) };
    }
}

fn error(db: *mut ffi::sqlite3, rc: c_int) -> CoreError {
    // SAFETY: `db` is the live connection; sqlite3_errmsg returns a NUL-terminated string it owns
    let (code, message) = unsafe {
        let code = ffi::sqlite3_extended_errcode(db);
        let msg = ffi::sqlite3_errmsg(db);
        let message = if msg.is_null() { String::new() } else { CStr::from_ptr(msg).to_string_lossy().into_owned() };
        (if code == ffi::SQLITE_OK { rc } else { code }, message)
    };
    CoreError::Db(sqlx::Error::Database(Box::new(RawError { code, message })))
}

/// Once per process, before its first SQLite connection: SQLite keeps no memory statistics. With them (SQLite's
/// default) every allocation and free inside SQLite takes one process-wide mutex to count it, for
/// `sqlite3_memory_used` and the soft heap limit, which this program never reads or sets; a million-row import
/// allocates tens of millions of times (issue 10 item 6). Called by `Db::connect`; a call after SQLite has
/// started changes nothing (SQLite refuses the setting then).
pub fn configure_process() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: SQLITE_CONFIG_MEMSTATUS takes one int argument; sqlite3_config only reads its arguments and,
        // once SQLite is initialised, returns SQLITE_MISUSE without touching anything
        unsafe { ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int) };
    });
}
