use crate::api::types::history::HistoryRow;
use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use super::ex::{json_list, Ex};
use crate::error::CoreResult;
use crate::on;

/// The `prev_hash` of the first row of the chain.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One recorded state change (B-20).
pub struct NewEvent<'a> {
    pub at: String,
    pub actor_id: Option<i64>,
    pub enterprise_id: Option<i64>,
    pub entity_type: &'a str,
    pub entity_id: String,
    pub action: &'a str,
    pub summary_zh: String,
    pub summary_en: String,
    pub reason: Option<&'a str>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

/// The columns a row's hash covers, in the order they are hashed (migration 0008).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChainedRow {
    pub id: i64,
    pub at: String,
    pub actor_id: Option<i64>,
    pub enterprise_id: Option<i64>,
    pub entity_type: String,
    pub entity_id: String,
    pub action: String,
    pub summary_zh: String,
    pub summary_en: String,
    pub reason: Option<String>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}

impl ChainedRow {
    /// The hash this row should carry after `prev_hash`: SHA-256 (hex) over the JSON array `[prev_hash, id,
    /// at, actor_id, enterprise_id, entity_type, entity_id, action, summary_zh, summary_en, reason,
    /// before_json, after_json]`, which anyone with the rows can recompute.
    pub fn expected_hash(&self, prev_hash: &str) -> String {
        let canonical = serde_json::json!([
            prev_hash,
            self.id,
            self.at,
            self.actor_id,
            self.enterprise_id,
            self.entity_type,
            self.entity_id,
            self.action,
            self.summary_zh,
            self.summary_en,
            self.reason,
            self.before_json,
            self.after_json
        ]);
        hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
    }
}

/// The newest row of the chain: its id and hash (`None` while history is empty).
pub async fn head(ex: impl Into<Ex<'_>>) -> CoreResult<Option<(i64, Option<String>)>> {
    Ok(on!(ex, |db| sqlx::query_as("SELECT id, hash FROM history ORDER BY id DESC LIMIT 1").fetch_optional(db).await)?)
}

/// Appends a row to the chain and returns its id. Call inside a write transaction (`Db::write` takes SQLite's
/// write lock up front), so no other row can slip in between reading the head and inserting after it.
pub async fn insert(ex: impl Into<Ex<'_>>, e: &NewEvent<'_>) -> CoreResult<i64> {
    insert_many(ex, std::slice::from_ref(e)).await
}

/// The id and previous hash the next row chains onto.
async fn next_link(ex: impl Into<Ex<'_>>) -> CoreResult<(i64, String)> {
    match head(ex).await? {
        Some((last_id, Some(hash))) => Ok((last_id + 1, hash)),
        // rows written before migration 0008 are sealed when the database opens (`seal_legacy`); a row
        // without a hash here was slipped in around the app: refuse to chain onto it
        Some((last_id, None)) => Err(crate::error::CoreError::invalid(
            "history",
            format!("操作记录第 {last_id} 条没有哈希链，可能被绕过本软件写入；请运行 verify_history 核查"),
            format!(
                "History row {last_id} has no hash chain; it may have been written around this app. Run verify_history"
            ),
        )),
        None => Ok((1, GENESIS.to_string())),
    }
}

/// Appends many rows to the chain in order: the head is read once and the rows go in with multi-row INSERTs
/// (a 20,000-person roster import records one row per person, U-2). Returns the first row's id.
pub async fn insert_many(ex: impl Into<Ex<'_>>, events: &[NewEvent<'_>]) -> CoreResult<i64> {
    let mut ex = ex.into();
    let (mut id, mut prev_hash) = next_link(&mut ex).await?;
    let first = id;
    for chunk in events.chunks(500) {
        let mut rows = Vec::with_capacity(chunk.len());
        for e in chunk {
            let mut row = ChainedRow {
                id,
                at: e.at.clone(),
                actor_id: e.actor_id,
                enterprise_id: e.enterprise_id,
                entity_type: e.entity_type.to_string(),
                entity_id: e.entity_id.clone(),
                action: e.action.to_string(),
                summary_zh: e.summary_zh.clone(),
                summary_en: e.summary_en.clone(),
                reason: e.reason.map(str::to_string),
                before_json: e.before_json.clone(),
                after_json: e.after_json.clone(),
                prev_hash: None,
                hash: None,
            };
            let hash = row.expected_hash(&prev_hash);
            row.prev_hash = Some(std::mem::replace(&mut prev_hash, hash.clone()));
            row.hash = Some(hash);
            rows.push(row);
            id += 1;
        }
        // the ids are written, not drawn: the chain hashes each row's id with its content (B-20), and one
        // writer at a time (`Db::write`) keeps them consecutive on both stores
        on!(&mut ex, |db| {
            let mut qb = sqlx::QueryBuilder::new(
                "INSERT INTO history (id, at, actor_id, enterprise_id, entity_type, entity_id, action, summary_zh,
                                      summary_en, reason, before_json, after_json, prev_hash, hash) ",
            );
            qb.push_values(rows.iter().cloned(), |mut b, r| {
                b.push_bind(r.id)
                    .push_bind(r.at)
                    .push_bind(r.actor_id)
                    .push_bind(r.enterprise_id)
                    .push_bind(r.entity_type)
                    .push_bind(r.entity_id)
                    .push_bind(r.action)
                    .push_bind(r.summary_zh)
                    .push_bind(r.summary_en)
                    .push_bind(r.reason)
                    .push_bind(r.before_json)
                    .push_bind(r.after_json)
                    .push_bind(r.prev_hash)
                    .push_bind(r.hash);
            });
            qb.build().execute(db).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(first)
}

const CHAINED_COLUMNS: &str = "id, at, actor_id, enterprise_id, entity_type, entity_id, action, summary_zh, summary_en,
                                reason, before_json, after_json, prev_hash, hash";

/// Seals the rows written before migration 0008 into the chain, once, in id order. Only a prefix of the
/// table can be unsealed (a new row must arrive chained), so this stops at the first sealed row.
/// Returns the number of rows sealed.
pub async fn seal_legacy(conn: &mut SqliteConnection) -> CoreResult<u64> {
    let pending: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM history WHERE hash IS NULL").fetch_one(&mut *conn).await?;
    if pending == 0 {
        return Ok(0);
    }
    let rows: Vec<ChainedRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {CHAINED_COLUMNS} FROM history WHERE hash IS NULL ORDER BY id"
    )))
    .fetch_all(&mut *conn)
    .await?;
    let mut prev: String = match rows.first() {
        Some(first) => {
            sqlx::query_scalar::<_, Option<String>>("SELECT hash FROM history WHERE id < ? ORDER BY id DESC LIMIT 1")
                .bind(first.id)
                .fetch_optional(&mut *conn)
                .await?
                .flatten()
                .unwrap_or_else(|| GENESIS.to_string())
        }
        None => return Ok(0),
    };
    let mut sealed = 0;
    for row in rows {
        let hash = row.expected_hash(&prev);
        sqlx::query("UPDATE history SET prev_hash = ?, hash = ? WHERE id = ? AND hash IS NULL")
            .bind(&prev)
            .bind(&hash)
            .bind(row.id)
            .execute(&mut *conn)
            .await?;
        prev = hash;
        sealed += 1;
    }
    Ok(sealed)
}

/// What walking the chain found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChainWalk {
    pub rows: u64,
    /// the last row's id and hash
    pub head: Option<(i64, String)>,
    /// the first row that does not hold: its id and why (English; the service words it for people)
    pub first_broken: Option<(i64, ChainBreak)>,
    /// the hash stored at the id asked about, when one was asked about
    pub hash_at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainBreak {
    /// no hash: written around the app
    Unsealed,
    /// prev_hash differs from the previous row's hash: a row before it was removed or replaced
    Link,
    /// the hash differs from the row's content: the row was changed
    Content,
}

/// Recomputes every row's hash in id order, streaming, and reports the first row that does not hold.
pub async fn walk(ex: impl Into<Ex<'_>>, look_up: Option<i64>) -> CoreResult<ChainWalk> {
    let mut out = ChainWalk::default();
    let mut prev = GENESIS.to_string();
    let sql = format!("SELECT {CHAINED_COLUMNS} FROM history ORDER BY id");
    on!(ex, |db| {
        let mut rows = sqlx::query_as::<_, ChainedRow>(sqlx::AssertSqlSafe(sql)).fetch(db);
        while let Some(row) = rows.try_next().await? {
            walk_row(&mut out, &mut prev, row, look_up);
        }
    });
    Ok(out)
}

/// One row of `walk`: counted, checked against the chain so far, and made the chain's head.
fn walk_row(out: &mut ChainWalk, prev: &mut String, row: ChainedRow, look_up: Option<i64>) {
    out.rows += 1;
    let stored = row.hash.clone().unwrap_or_default();
    if Some(row.id) == look_up {
        out.hash_at = Some(stored.clone());
    }
    if out.first_broken.is_none() {
        let broken = match (&row.prev_hash, &row.hash) {
            (None, _) | (_, None) => Some(ChainBreak::Unsealed),
            (Some(p), Some(_)) if p != prev => Some(ChainBreak::Link),
            (Some(p), Some(h)) if row.expected_hash(p) != *h => Some(ChainBreak::Content),
            _ => None,
        };
        if let Some(b) = broken {
            out.first_broken = Some((row.id, b));
        }
    }
    out.head = Some((row.id, stored.clone()));
    *prev = stored;
}

/// What the queries read for [`HistoryRow`], named by their columns.
#[derive(sqlx::FromRow)]
struct DbHistoryRow {
    id: i64,
    at: String,
    actor_name: Option<String>,
    actor_role: Option<String>,
    enterprise_id: Option<i64>,
    entity_type: String,
    entity_id: String,
    action: String,
    summary_zh: String,
    summary_en: String,
    reason: Option<String>,
    hash: Option<String>,
}

impl From<DbHistoryRow> for HistoryRow {
    fn from(r: DbHistoryRow) -> Self {
        Self {
            id: r.id,
            at: r.at,
            actor_name: r.actor_name,
            actor_role: r.actor_role,
            enterprise_id: r.enterprise_id,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            action: r.action,
            summary_zh: r.summary_zh,
            summary_en: r.summary_en,
            reason: r.reason,
            hash: r.hash,
        }
    }
}

pub struct HistoryFilter<'a> {
    /// `None`: installation-wide events only are excluded; see `include_global`
    pub enterprise_id: Option<i64>,
    pub entity_type: Option<&'a str>,
    /// also show events without an enterprise (installation settings, demo load)
    pub include_global: bool,
}

const WHERE: &str = "WHERE (($1 IS NULL) OR h.enterprise_id = $1 OR ($2 AND h.enterprise_id IS NULL))
      AND ($3 IS NULL OR h.entity_type = $3)";

/// Newest first by time (ties by id), keyset after `before` = (at, id) of the previous page's last row.
pub async fn list_page(
    ex: impl Into<Ex<'_>>,
    f: &HistoryFilter<'_>,
    before: Option<(&str, i64)>,
    limit: u32,
) -> CoreResult<Vec<HistoryRow>> {
    let sql = format!(
        "SELECT h.id, h.at, u.name AS actor_name, u.role AS actor_role, h.enterprise_id, h.entity_type,
                h.entity_id, h.action, h.summary_zh, h.summary_en, h.reason, h.hash
         FROM history h LEFT JOIN users u ON u.id = h.actor_id
         {WHERE} AND ($4 IS NULL OR h.at < $4 OR (h.at = $4 AND h.id < $5))
         ORDER BY h.at DESC, h.id DESC LIMIT $6"
    );
    Ok(on!(ex, |db| sqlx::query_as::<_, DbHistoryRow>(sqlx::AssertSqlSafe(sql))
        .bind(f.enterprise_id)
        .bind(f.include_global)
        .bind(f.entity_type)
        .bind(before.map(|b| b.0))
        .bind(before.map(|b| b.1))
        .bind(i64::from(limit))
        .fetch_all(db)
        .await)?
    .into_iter()
    .map(HistoryRow::from)
    .collect())
}

pub async fn count(ex: impl Into<Ex<'_>>, f: &HistoryFilter<'_>) -> CoreResult<i64> {
    let sql = format!("SELECT COUNT(*) FROM history h {WHERE}");
    Ok(on!(ex, |db| sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(f.enterprise_id)
        .bind(f.include_global)
        .bind(f.entity_type)
        .fetch_one(db)
        .await)?)
}

/// The events of some entities of one enterprise (e.g. every binding of an account), newest first.
/// An account's history: the events of its bindings and those about the account itself (exports).
pub async fn list_for_account(
    ex: impl Into<Ex<'_>>,
    enterprise_id: i64,
    account_id: i64,
    binding_ids: &[String],
) -> CoreResult<Vec<HistoryRow>> {
    let ids = json_list(binding_ids);
    Ok(on!(ex, |db, d| sqlx::query_as::<_, DbHistoryRow>(sqlx::AssertSqlSafe(d.sql(
        "SELECT h.id, h.at, u.name AS actor_name, u.role AS actor_role, h.enterprise_id, h.entity_type,
                h.entity_id, h.action, h.summary_zh, h.summary_en, h.reason, h.hash
         FROM history h LEFT JOIN users u ON u.id = h.actor_id
         WHERE h.enterprise_id = $3
           AND ((h.entity_type = 'binding' AND h.entity_id IN (SELECT value FROM json_each($1)))
                OR (h.entity_type = 'account' AND h.entity_id = $2))
         ORDER BY h.at DESC, h.id DESC",
    )))
    .bind(ids)
    .bind(account_id.to_string())
    .bind(enterprise_id)
    .fetch_all(db)
    .await)?
    .into_iter()
    .map(HistoryRow::from)
    .collect())
}
