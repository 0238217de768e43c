//! Whole tables, read and written column by column whatever they hold (item 6 of issue 13, U-4): the move of a
//! solo file into the team store copies every table with its ids, and a checksum per table, computed by the same
//! code over either store, shows nothing was lost or changed on the way.
//!
//! The tables and their columns are PostgreSQL's (its catalogue names them, their types, the generated columns,
//! the primary keys and the foreign keys); the SQLite file has the same ones (`tests/pg_store.rs` checks the two
//! schemas column for column).

use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::error::{CoreError, CoreResult};
use crate::on;
use crate::store::ex::Ex;

/// What a column holds, as both stores read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Text,
    Flag,
    Real,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
    /// computed by the store from other columns (`interactions`): read and summed, never written
    pub generated: bool,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    /// the primary key's columns: the order rows are read and summed in
    pub key: Vec<String>,
    /// an `id` numbered by an identity (its sequence moves past the copied ids)
    pub identity_id: bool,
}

/// One value of a row, whatever the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Null,
    Int(i64),
    Text(String),
    Flag(bool),
    Real(f64),
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The team store's tables (all but sqlx's bookkeeping), parents before the tables that refer to them.
pub async fn pg_tables(ex: impl Into<Ex<'_>>) -> CoreResult<Vec<Table>> {
    let mut ex = ex.into();
    let cols: Vec<(String, String, String, String, String)> = on!(&mut ex, |db| sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_generated::text, is_identity::text
         FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations'
         ORDER BY table_name, ordinal_position"
    )
    .fetch_all(db)
    .await)?;
    let keys: Vec<(String, String)> = on!(&mut ex, |db| sqlx::query_as(
        "SELECT c.relname::text, a.attname::text
         FROM pg_index i
         JOIN pg_class c ON c.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON TRUE
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
         WHERE i.indisprimary AND n.nspname = current_schema()
         ORDER BY c.relname, k.ord"
    )
    .fetch_all(db)
    .await)?;
    let refs: Vec<(String, String)> = on!(&mut ex, |db| sqlx::query_as(
        "SELECT c.relname::text, p.relname::text
         FROM pg_constraint f
         JOIN pg_class c ON c.oid = f.conrelid
         JOIN pg_class p ON p.oid = f.confrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE f.contype = 'f' AND n.nspname = current_schema()"
    )
    .fetch_all(db)
    .await)?;
    let mut tables: Vec<Table> = Vec::new();
    for (table, column, data_type, generated, identity) in cols {
        let kind = match data_type.as_str() {
            "bigint" | "integer" | "smallint" => Kind::Int,
            "text" | "character varying" => Kind::Text,
            "boolean" => Kind::Flag,
            "double precision" | "real" => Kind::Real,
            other => {
                return Err(CoreError::invalid(
                    "schema",
                    format!("表 {table} 的列 {column} 类型为 {other}，无法搬迁"),
                    format!("The column {table}.{column} is of type {other}, which the move does not know"),
                ))
            }
        };
        if tables.last().is_none_or(|t| t.name != table) {
            tables.push(Table { name: table.clone(), columns: Vec::new(), key: Vec::new(), identity_id: false });
        }
        let t = tables.last_mut().ok_or_else(|| CoreError::invalid("schema", "空表", "empty table"))?;
        if column == "id" && identity == "YES" {
            t.identity_id = true;
        }
        t.columns.push(Column { name: column, kind, generated: generated == "ALWAYS" });
    }
    for (table, column) in keys {
        if let Some(t) = tables.iter_mut().find(|t| t.name == table) {
            t.key.push(column);
        }
    }
    for t in &mut tables {
        if t.key.is_empty() {
            // no primary key: every column, in order, decides the order
            t.key = t.columns.iter().map(|c| c.name.clone()).collect();
        }
    }
    // parents first: a table comes after every table it refers to (a table referring to itself reads its
    // rows in id order)
    let mut ordered: Vec<Table> = Vec::with_capacity(tables.len());
    while !tables.is_empty() {
        let ready = tables.iter().position(|t| {
            refs.iter()
                .all(|(child, parent)| child != &t.name || parent == child || ordered.iter().any(|o| &o.name == parent))
        });
        match ready {
            Some(i) => ordered.push(tables.remove(i)),
            None => {
                let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
                return Err(CoreError::invalid(
                    "schema",
                    format!("这些表互相引用，无法排出复制顺序：{}", names.join(", ")),
                    format!("These tables refer to each other in a cycle: {}", names.join(", ")),
                ));
            }
        }
    }
    Ok(ordered)
}

/// The solo file's tables (all but SQLite's and sqlx's own).
pub async fn lite_table_names(ex: impl Into<Ex<'_>>) -> CoreResult<Vec<String>> {
    Ok(on!(ex, |db| {
        sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'
         ORDER BY name"
    )
    .fetch_all(db)
    .await
    })?)
}

/// The number of rows of `table`.
pub async fn count(ex: impl Into<Ex<'_>>, table: &Table) -> CoreResult<i64> {
    let sql = format!("SELECT COUNT(*) FROM {}", quoted(&table.name));
    Ok(on!(ex, |db| sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(db).await)?)
}

fn select_all(table: &Table, with_generated: bool) -> String {
    let cols: Vec<String> =
        table.columns.iter().filter(|c| with_generated || !c.generated).map(|c| quoted(&c.name)).collect();
    let key: Vec<String> = table.key.iter().map(|c| quoted(c)).collect();
    format!("SELECT {} FROM {} ORDER BY {}", cols.join(", "), quoted(&table.name), key.join(", "))
}

/// Reads a row's values by the columns' kinds (inside an `on!` body, where the row is one store's).
macro_rules! read_row {
    ($row:expr, $cols:expr) => {{
        let mut vals = Vec::with_capacity($cols.len());
        for (i, c) in $cols.iter().enumerate() {
            vals.push(match c.kind {
                Kind::Int => $row.try_get::<Option<i64>, _>(i)?.map_or(Val::Null, Val::Int),
                Kind::Text => $row.try_get::<Option<String>, _>(i)?.map_or(Val::Null, Val::Text),
                Kind::Flag => $row.try_get::<Option<bool>, _>(i)?.map_or(Val::Null, Val::Flag),
                Kind::Real => $row.try_get::<Option<f64>, _>(i)?.map_or(Val::Null, Val::Real),
            });
        }
        vals
    }};
}

/// Streams every row of `table` in primary-key order; `each` gets the values in the table's column order
/// (generated columns too when `with_generated`).
pub async fn each_row(
    ex: impl Into<Ex<'_>>,
    table: &Table,
    with_generated: bool,
    mut each: impl FnMut(Vec<Val>) -> CoreResult<()>,
) -> CoreResult<()> {
    let sql = select_all(table, with_generated);
    let cols: Vec<&Column> = table.columns.iter().filter(|c| with_generated || !c.generated).collect();
    on!(ex, |db| {
        let mut rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch(db);
        while let Some(r) = rows.try_next().await? {
            each(read_row!(r, cols))?;
        }
        Ok::<(), CoreError>(())
    })
}

/// A table's row count and checksum: SHA-256 over every row's values (generated columns included) in
/// primary-key order, each value written with its kind, so a NULL, an empty text and a zero differ.
pub async fn checksum(ex: impl Into<Ex<'_>>, table: &Table) -> CoreResult<(i64, String)> {
    let mut h = Sha256::new();
    let mut rows = 0i64;
    each_row(ex, table, true, |vals| {
        rows += 1;
        for v in vals {
            match v {
                Val::Null => h.update(b"N"),
                Val::Int(i) => {
                    h.update(b"I");
                    h.update(i.to_le_bytes());
                }
                Val::Text(t) => {
                    h.update(b"T");
                    h.update((t.len() as u64).to_le_bytes());
                    h.update(t.as_bytes());
                }
                Val::Flag(b) => h.update(if b { b"B1" } else { b"B0" }),
                Val::Real(r) => {
                    h.update(b"R");
                    h.update(r.to_bits().to_le_bytes());
                }
            }
        }
        h.update(b"\n");
        Ok(())
    })
    .await?;
    Ok((rows, hex::encode(h.finalize())))
}

/// Rows of one table held column by column, to be written as PostgreSQL arrays.
#[derive(Debug, Default)]
pub struct Batch {
    cols: Vec<Array>,
    pub rows: usize,
}

#[derive(Debug)]
enum Array {
    Int(Vec<Option<i64>>),
    Text(Vec<Option<String>>),
    Flag(Vec<Option<bool>>),
    Real(Vec<Option<f64>>),
}

impl Batch {
    /// An empty batch for the table's written (not generated) columns.
    pub fn for_table(table: &Table) -> Batch {
        let cols = table
            .columns
            .iter()
            .filter(|c| !c.generated)
            .map(|c| match c.kind {
                Kind::Int => Array::Int(Vec::new()),
                Kind::Text => Array::Text(Vec::new()),
                Kind::Flag => Array::Flag(Vec::new()),
                Kind::Real => Array::Real(Vec::new()),
            })
            .collect();
        Batch { cols, rows: 0 }
    }

    /// Adds a row of the written columns' values (as `each_row` without generated columns gives them).
    pub fn push(&mut self, vals: Vec<Val>) -> CoreResult<()> {
        if vals.len() != self.cols.len() {
            return Err(CoreError::invalid("row", "列数不符", "the row's column count differs"));
        }
        for (a, v) in self.cols.iter_mut().zip(vals) {
            match (a, v) {
                (Array::Int(a), Val::Int(i)) => a.push(Some(i)),
                (Array::Int(a), Val::Null) => a.push(None),
                (Array::Text(a), Val::Text(t)) => a.push(Some(t)),
                (Array::Text(a), Val::Null) => a.push(None),
                (Array::Flag(a), Val::Flag(b)) => a.push(Some(b)),
                (Array::Flag(a), Val::Null) => a.push(None),
                (Array::Real(a), Val::Real(r)) => a.push(Some(r)),
                (Array::Real(a), Val::Null) => a.push(None),
                (_, v) => {
                    return Err(CoreError::invalid(
                        "row",
                        format!("值 {v:?} 与列的类型不符"),
                        format!("the value {v:?} does not fit its column's type"),
                    ))
                }
            }
        }
        self.rows += 1;
        Ok(())
    }
}

/// Writes a batch into `table` on PostgreSQL with the rows' own ids: one statement over `UNNEST` of one array
/// per column. (The team store only: the solo file is never written this way.)
pub async fn insert_batch(conn: &mut sqlx::PgConnection, table: &Table, batch: Batch) -> CoreResult<()> {
    if batch.rows == 0 {
        return Ok(());
    }
    let written: Vec<&Column> = table.columns.iter().filter(|c| !c.generated).collect();
    let names: Vec<String> = written.iter().map(|c| quoted(&c.name)).collect();
    let arrays: Vec<String> = written
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let t = match c.kind {
                Kind::Int => "bigint",
                Kind::Text => "text",
                Kind::Flag => "boolean",
                Kind::Real => "float8",
            };
            format!("${}::{t}[]", i + 1)
        })
        .collect();
    let sql = format!(
        "INSERT INTO {} ({}) SELECT * FROM UNNEST({})",
        quoted(&table.name),
        names.join(", "),
        arrays.join(", ")
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for a in batch.cols {
        q = match a {
            Array::Int(v) => q.bind(v),
            Array::Text(v) => q.bind(v),
            Array::Flag(v) => q.bind(v),
            Array::Real(v) => q.bind(v),
        };
    }
    q.execute(conn).await?;
    Ok(())
}

/// Deletes every row of `table` on PostgreSQL (the rows a fresh team store's migration seeds: its local
/// administrator and the solo switcher's row, which the move replaces with the solo file's own).
pub async fn clear(conn: &mut sqlx::PgConnection, table: &str) -> CoreResult<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {}", quoted(table)))).execute(conn).await?;
    Ok(())
}

/// Rows a fresh team store holds beyond what its migrations seed: anything but the local administrator
/// (id 1, without a password) and the switcher's row, and the vault's row counted apart.
pub async fn pg_rows_beyond_seed(conn: &mut sqlx::PgConnection, tables: &[Table]) -> CoreResult<Vec<(String, i64)>> {
    let mut found = Vec::new();
    for t in tables {
        let sql = match t.name.as_str() {
            "users" => "SELECT COUNT(*) FROM users WHERE id <> 1 OR password_hash IS NOT NULL".to_string(),
            "local_session" | "vault" => continue,
            _ => format!("SELECT COUNT(*) FROM {}", quoted(&t.name)),
        };
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(&mut *conn).await?;
        if n > 0 {
            found.push((t.name.clone(), n));
        }
    }
    Ok(found)
}

/// The vault row of either store: the database id and its key check.
pub async fn vault_row(ex: impl Into<Ex<'_>>) -> CoreResult<Option<(String, String)>> {
    Ok(on!(ex, |db| sqlx::query_as("SELECT database_id, key_check FROM vault WHERE id = 1").fetch_optional(db).await)?)
}
