//! The storage seam (DESIGN, U-4): a store function takes an [`Ex`], which is either store's executor, and runs
//! its SQL on whichever it is given. Services hand it what they hold (the pool, a transaction's connection)
//! and never learn which store they have.
//!
//! One SQL text serves both stores where the dialects agree: placeholders are written `$1`, `$2` … (SQLite
//! reads them as numbered parameters, PostgreSQL natively), flags are compared as booleans, times are text.
//! Where they differ only by name, the SQL is written in SQLite's words and [`Dialect::sql`] reads it as
//! PostgreSQL's, in one place, instead of strings full of branches.

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

/// A list bound as JSON text, for `IN (SELECT value FROM json_each($n))` (which `Dialect::sql` reads as
/// PostgreSQL's where needed): a store manager's stores, statuses, ids.
pub fn json_list<T: serde::Serialize>(items: &[T]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

impl Dialect {
    /// One SQL text for both stores, written for SQLite, made PostgreSQL's where the two differ only by name:
    /// `json_each($n)` (a JSON list bound as text; its `value`s are text in PostgreSQL, so an id list is read
    /// as `CAST(value AS BIGINT)`) becomes `json_array_elements_text($n::json)`, `instr(` becomes `strpos(`,
    /// the two-argument `MAX(0, ` becomes `GREATEST(0, `, the queue's index trick `requested IN (0, 1)` reads
    /// the flag as a boolean, and `INDEXED BY` hints are left out.
    pub fn sql(self, s: &str) -> String {
        match self {
            Dialect::Sqlite => s.to_string(),
            Dialect::Postgres => {
                let mut out = String::with_capacity(s.len() + 32);
                let mut rest = s;
                while let Some(i) = rest.find("json_each($") {
                    out.push_str(&rest[..i]);
                    let after = &rest[i + "json_each(".len()..];
                    let end = after.find(')').unwrap_or(after.len());
                    out.push_str("json_array_elements_text(");
                    out.push_str(&after[..end]);
                    out.push_str("::json");
                    rest = &after[end..];
                }
                out.push_str(rest);
                let mut out = out
                    .replace("instr(", "strpos(")
                    .replace("MAX(0, ", "GREATEST(0, ")
                    .replace("requested IN (0, 1)", "requested IN (FALSE, TRUE)");
                // SQLite's planner hints: PostgreSQL plans by its statistics
                while let Some(i) = out.find(" INDEXED BY ") {
                    let name_start = i + " INDEXED BY ".len();
                    let name_end = out[name_start..]
                        .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
                        .map_or(out.len(), |e| name_start + e);
                    out.replace_range(i..name_end, "");
                }
                out
            }
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
/// executor (the SQL must read the same on both); `on!(ex, |c, d| body)` also gives the body the store's
/// [`Dialect`], for SQL written in SQLite's words and read through `d.sql(…)`.
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
    ($ex:expr, |$c:ident, $d:ident| $body:expr) => {
        match ::core::convert::Into::<$crate::store::ex::Ex<'_>>::into($ex) {
            $crate::store::ex::Ex::LitePool($c) => {
                let $d = $crate::store::ex::Dialect::Sqlite;
                $body
            }
            $crate::store::ex::Ex::Lite($c) => {
                let $d = $crate::store::ex::Dialect::Sqlite;
                $body
            }
            $crate::store::ex::Ex::PgPool($c) => {
                let $d = $crate::store::ex::Dialect::Postgres;
                $body
            }
            $crate::store::ex::Ex::Pg($c) => {
                let $d = $crate::store::ex::Dialect::Postgres;
                $body
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::Dialect;

    #[test]
    fn u4_one_sql_text_reads_as_postgresql() {
        let s =
            "SELECT MAX(0, x) FROM t INDEXED BY t_by_x WHERE a IN (SELECT CAST(value AS BIGINT) FROM json_each($2)) \
                 AND instr(b, $3) > 0 AND c IN (SELECT value FROM json_each($10)) AND requested IN (0, 1)";
        assert_eq!(Dialect::Sqlite.sql(s), s);
        assert_eq!(
            Dialect::Postgres.sql(s),
            "SELECT GREATEST(0, x) FROM t WHERE a IN (SELECT CAST(value AS BIGINT) FROM \
             json_array_elements_text($2::json)) AND strpos(b, $3) > 0 AND c IN (SELECT value FROM \
             json_array_elements_text($10::json)) AND requested IN (FALSE, TRUE)"
        );
    }
}
