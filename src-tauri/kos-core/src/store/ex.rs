//! The storage seam (DESIGN, U-4): a store function takes an [`Ex`], which is either store's executor, and runs
//! its SQL on whichever it is given. Services hand it what they hold (the pool, a transaction's connection)
//! and never learn which store they have.
//!
//! One SQL text serves both stores where the dialects agree: placeholders are written `$1`, `$2` … (SQLite
//! reads them as numbered parameters, PostgreSQL natively), flags are compared as booleans, times are text.
//! Where they differ only by name, the SQL is written in SQLite's words and [`Dialect::sql`] reads it as
//! PostgreSQL's, in one place, instead of strings full of branches.
//!
//! PostgreSQL's executors exist with kos-core's `pg` feature (kos-server, kos-bench); without it (the window,
//! a team server's client over HTTP) every seam here has SQLite's alone, and the same store functions compile
//! once instead of twice (issue 15 item 1).

#[cfg(feature = "pg")]
use sqlx::{PgConnection, PgPool};
use sqlx::{SqliteConnection, SqlitePool};

/// Either store's executor: a pool (each statement takes a connection) or a connection (a transaction's).
pub enum Ex<'c> {
    LitePool(&'c SqlitePool),
    Lite(&'c mut SqliteConnection),
    #[cfg(feature = "pg")]
    PgPool(&'c PgPool),
    #[cfg(feature = "pg")]
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
    /// the flag as a boolean, and the `INDEXED BY` / `NOT INDEXED` hints are left out.
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
                let out = out
                    .replace("instr(", "strpos(")
                    .replace("MAX(0, ", "GREATEST(0, ")
                    .replace("requested IN (0, 1)", "requested IN (FALSE, TRUE)");
                // SQLite's planner hints: PostgreSQL plans by its statistics
                let mut out = out.replace(" NOT INDEXED", "");
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

/// A connection of either store, for the statements each store runs its own way (the import's prepared
/// statements stepped per row on SQLite, arrays bound once on PostgreSQL): see `on_conn!`.
pub enum Conn<'c> {
    Lite(&'c mut SqliteConnection),
    #[cfg(feature = "pg")]
    Pg(&'c mut PgConnection),
}

/// `on_conn!(ex, |c| body)`: `c` is a [`Conn`] (a pool hands over one of its connections for the body).
#[cfg(feature = "pg")]
#[macro_export]
macro_rules! on_conn {
    ($ex:expr, |$c:ident| $body:expr) => {
        match ::core::convert::Into::<$crate::store::ex::Ex<'_>>::into($ex) {
            $crate::store::ex::Ex::LitePool(p) => {
                let mut held = p.acquire().await?;
                let $c = $crate::store::ex::Conn::Lite(&mut *held);
                $body
            }
            $crate::store::ex::Ex::Lite(c) => {
                let $c = $crate::store::ex::Conn::Lite(c);
                $body
            }
            $crate::store::ex::Ex::PgPool(p) => {
                let mut held = p.acquire().await?;
                let $c = $crate::store::ex::Conn::Pg(&mut *held);
                $body
            }
            $crate::store::ex::Ex::Pg(c) => {
                let $c = $crate::store::ex::Conn::Pg(c);
                $body
            }
        }
    };
}

/// `on_conn!` without the `pg` feature: SQLite's executors alone.
#[cfg(not(feature = "pg"))]
#[macro_export]
macro_rules! on_conn {
    ($ex:expr, |$c:ident| $body:expr) => {
        match ::core::convert::Into::<$crate::store::ex::Ex<'_>>::into($ex) {
            $crate::store::ex::Ex::LitePool(p) => {
                let mut held = p.acquire().await?;
                let $c = $crate::store::ex::Conn::Lite(&mut *held);
                $body
            }
            $crate::store::ex::Ex::Lite(c) => {
                let $c = $crate::store::ex::Conn::Lite(c);
                $body
            }
        }
    };
}

/// After rows were written with ids of their own (a bulk load numbering its rows, a move from the solo file):
/// PostgreSQL's identity sequence of `table` is moved past them, so the next row it numbers does not collide.
/// SQLite numbers from the table's highest id and needs nothing. `table` is a name from the code or the store's
/// own catalogue (the move), never from a user.
#[cfg_attr(not(feature = "pg"), allow(unused_variables))]
pub async fn after_explicit_ids(ex: impl Into<Ex<'_>>, table: &str) -> crate::error::CoreResult<()> {
    match ex.into() {
        Ex::LitePool(_) | Ex::Lite(_) => Ok(()),
        #[cfg(feature = "pg")]
        Ex::PgPool(p) => set_identity_past_max(p, table).await,
        #[cfg(feature = "pg")]
        Ex::Pg(c) => set_identity_past_max(c, table).await,
    }
}

#[cfg(feature = "pg")]
async fn set_identity_past_max<'e>(db: impl sqlx::PgExecutor<'e>, table: &str) -> crate::error::CoreResult<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT MAX(id) FROM {table}), 1),
                (SELECT MAX(id) FROM {table}) IS NOT NULL)"
    )))
    .execute(db)
    .await?;
    Ok(())
}

/// A value bound to a [`Sql`] built piece by piece.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    I64(i64),
    Text(String),
}

impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::I64(v)
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_string())
    }
}

/// SQL built piece by piece for either store (a filter list, a keyset): the text, written in SQLite's words
/// with `$N` placeholders (read through [`Dialect::sql`] when run), and the values in placeholder order.
/// sqlx's `QueryBuilder` is typed to one store; this is not.
#[derive(Debug, Clone, Default)]
pub struct Sql {
    pub text: String,
    pub args: Vec<Arg>,
}

impl Sql {
    pub fn new(text: impl Into<String>) -> Sql {
        Sql { text: text.into(), args: Vec::new() }
    }

    pub fn push(&mut self, text: impl AsRef<str>) -> &mut Sql {
        self.text.push_str(text.as_ref());
        self
    }

    /// Appends the next placeholder and its value.
    pub fn push_bind(&mut self, value: impl Into<Arg>) -> &mut Sql {
        self.args.push(value.into());
        self.text.push_str(&format!("${}", self.args.len()));
        self
    }
}

/// Binds a [`Sql`]'s values to a query of either store (inside an `on!` body, which type-checks it per store):
/// `bind_args!(sqlx::query_as::<_, Row>(…), &sql.args)`.
#[macro_export]
macro_rules! bind_args {
    ($query:expr, $args:expr) => {{
        let mut q = $query;
        for a in $args {
            q = match a {
                $crate::store::ex::Arg::I64(v) => q.bind(*v),
                $crate::store::ex::Arg::Text(t) => q.bind(t.clone()),
            };
        }
        q
    }};
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

#[cfg(feature = "pg")]
impl<'c> From<&'c PgPool> for Ex<'c> {
    fn from(p: &'c PgPool) -> Self {
        Ex::PgPool(p)
    }
}

#[cfg(feature = "pg")]
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
            #[cfg(feature = "pg")]
            Ex::PgPool(p) => Ex::PgPool(p),
            #[cfg(feature = "pg")]
            Ex::Pg(c) => Ex::Pg(c),
        }
    }
}

/// Runs a statement on either store. `on!(ex, |c| body)` type-checks `body` once per store with `c` that store's
/// executor (the SQL must read the same on both); `on!(ex, |c, d| body)` also gives the body the store's
/// [`Dialect`], for SQL written in SQLite's words and read through `d.sql(…)`.
#[cfg(feature = "pg")]
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

/// `on!` without the `pg` feature: SQLite's executors alone. Two definitions rather than `#[cfg]` on the arms of
/// one: a `#[cfg]` inside a macro's body is evaluated in the crate that invokes it (kos-server's and kos-bench's
/// tests and benchmarks call `kos_core::on!`), where kos-core's own feature is not known.
#[cfg(not(feature = "pg"))]
#[macro_export]
macro_rules! on {
    ($ex:expr, |$c:ident| $body:expr) => {
        match ::core::convert::Into::<$crate::store::ex::Ex<'_>>::into($ex) {
            $crate::store::ex::Ex::LitePool($c) => $body,
            $crate::store::ex::Ex::Lite($c) => $body,
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
        }
    };
}

#[cfg(test)]
mod tests {
    use super::{Arg, Dialect, Sql};

    #[test]
    fn u4_sql_built_in_pieces_numbers_its_placeholders() {
        let mut sql = Sql::new("SELECT id FROM notes WHERE enterprise_id = ");
        sql.push_bind(7).push(" AND instr(title, ").push_bind("春").push(") > 0 LIMIT ").push_bind(20);
        assert_eq!(sql.text, "SELECT id FROM notes WHERE enterprise_id = $1 AND instr(title, $2) > 0 LIMIT $3");
        assert_eq!(sql.args, vec![Arg::I64(7), Arg::Text("春".into()), Arg::I64(20)]);
    }

    #[test]
    fn u4_one_sql_text_reads_as_postgresql() {
        let s =
            "SELECT MAX(0, x) FROM t INDEXED BY t_by_x JOIN u NOT INDEXED ON u.id = t.u WHERE a IN (SELECT CAST(value AS BIGINT) FROM json_each($2)) \
                 AND instr(b, $3) > 0 AND c IN (SELECT value FROM json_each($10)) AND requested IN (0, 1)";
        assert_eq!(Dialect::Sqlite.sql(s), s);
        assert_eq!(
            Dialect::Postgres.sql(s),
            "SELECT GREATEST(0, x) FROM t JOIN u ON u.id = t.u WHERE a IN (SELECT CAST(value AS BIGINT) FROM \
             json_array_elements_text($2::json)) AND strpos(b, $3) > 0 AND c IN (SELECT value FROM \
             json_array_elements_text($10::json)) AND requested IN (FALSE, TRUE)"
        );
    }
}
