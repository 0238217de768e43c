//! The storage seam (DESIGN, U-4): a store function takes an [`Ex`], which is either store's executor, and runs
//! its SQL on whichever it is given. Services hand it what they hold (the pool, a transaction's connection)
//! and never learn which store they have.
//!
//! One SQL text serves both stores where the dialects agree: placeholders are written `$1`, `$2` … (SQLite
//! reads them as numbered parameters, PostgreSQL natively), flags are compared as booleans, times are text.
//! Where they differ, [`on!`](crate::on) takes one body per store, so each store's SQL stays whole and
//! readable instead of one string full of branches.

use sqlx::{PgConnection, PgPool, SqliteConnection, SqlitePool};

/// Either store's executor: a pool (each statement takes a connection) or a connection (a transaction's).
pub enum Ex<'c> {
    LitePool(&'c SqlitePool),
    Lite(&'c mut SqliteConnection),
    PgPool(&'c PgPool),
    Pg(&'c mut PgConnection),
}

/// Which store an executor belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// A sub-select of the ids in a JSON list bound as text at `$n` (a store manager's stores): for `x IN …`.
    pub fn json_ids(self, n: u8) -> String {
        match self {
            Dialect::Sqlite => format!("(SELECT value FROM json_each(${n}))"),
            Dialect::Postgres => format!("(SELECT value::bigint FROM jsonb_array_elements_text(${n}::jsonb))"),
        }
    }

    /// SQLite's `INDEXED BY` hint where its planner needs it; PostgreSQL plans by its statistics alone.
    pub fn indexed_by(self, index: &str) -> String {
        match self {
            Dialect::Sqlite => format!("INDEXED BY {index}"),
            Dialect::Postgres => String::new(),
        }
    }

    /// The name of the function that gives where a text first holds another (1-based, 0 when it does not):
    /// `instr(haystack, needle)` in SQLite, `strpos(haystack, needle)` in PostgreSQL.
    pub fn instr(self) -> &'static str {
        match self {
            Dialect::Sqlite => "instr",
            Dialect::Postgres => "strpos",
        }
    }
}

impl Ex<'_> {
    pub fn dialect(&self) -> Dialect {
        match self {
            Ex::LitePool(_) | Ex::Lite(_) => Dialect::Sqlite,
            Ex::PgPool(_) | Ex::Pg(_) => Dialect::Postgres,
        }
    }
}

impl<'c> From<&'c SqlitePool> for Ex<'c> {
    fn from(p: &'c SqlitePool) -> Self {
        Ex::LitePool(p)
    }
}

impl<'c> From<&'c mut SqliteConnection> for Ex<'c> {
    fn from(c: &'c mut SqliteConnection) -> Self {
        Ex::Lite(c)
    }
}

impl<'c> From<&'c PgPool> for Ex<'c> {
    fn from(p: &'c PgPool) -> Self {
        Ex::PgPool(p)
    }
}

impl<'c> From<&'c mut PgConnection> for Ex<'c> {
    fn from(c: &'c mut PgConnection) -> Self {
        Ex::Pg(c)
    }
}

impl<'c, 'a: 'c> From<&'c mut Ex<'a>> for Ex<'c> {
    /// Reborrows an executor, so a store function can run several statements on the one it was given.
    fn from(ex: &'c mut Ex<'a>) -> Self {
        match ex {
            Ex::LitePool(p) => Ex::LitePool(p),
            Ex::Lite(c) => Ex::Lite(c),
            Ex::PgPool(p) => Ex::PgPool(p),
            Ex::Pg(c) => Ex::Pg(c),
        }
    }
}

/// Runs a statement on either store. `on!(ex, |c| body)` type-checks `body` once per store with `c` that store's
/// executor (the SQL must read the same on both); `on!(ex, sqlite: |c| body, postgres: |c| body)` gives each
/// store its own body where the dialects differ.
#[macro_export]
macro_rules! on {
    ($ex:expr, |$c:ident| $body:expr) => {
        match ::core::convert::Into::<$crate::store::ex::Ex<'_>>::into($ex) {
            $crate::store::ex::Ex::LitePool($c) => $body,
            $crate::store::ex::Ex::Lite($c) => $body,
            $crate::store::ex::Ex::PgPool($c) => $body,
            $crate::store::ex::Ex::Pg($c) => $body,
        }
    };
    ($ex:expr, sqlite: |$a:ident| $lite:expr, postgres: |$b:ident| $pg:expr $(,)?) => {
        match ::core::convert::Into::<$crate::store::ex::Ex<'_>>::into($ex) {
            $crate::store::ex::Ex::LitePool($a) => $lite,
            $crate::store::ex::Ex::Lite($a) => $lite,
            $crate::store::ex::Ex::PgPool($b) => $pg,
            $crate::store::ex::Ex::Pg($b) => $pg,
        }
    };
}
