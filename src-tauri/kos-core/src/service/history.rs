use serde::{Deserialize, Serialize};
use specta::Type;

use super::Service;
use crate::api::types::history::HistoryRow;
use crate::api::types::paging::Page;
use crate::authz::{Actor, EnterpriseScope, Permission};
use crate::error::{CoreError, CoreResult};
use crate::model::Role;
use crate::store;
use crate::store::history::{ChainBreak, HistoryFilter};
use crate::store::paging;

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ListHistoryArgs {
    /// the brand's events (and, for the administrator, installation-wide ones); `null`: all the actor reaches
    pub enterprise_id: Option<i64>,
    pub entity_type: Option<String>,
    pub page_size: u32,
    pub cursor: Option<String>,
}

impl Service {
    /// The append-only record of state changes (B-20), newest first by when they happened.
    pub async fn list_history(&self, actor: &Actor, args: ListHistoryArgs) -> CoreResult<Page<HistoryRow>> {
        let enterprise_id = match (args.enterprise_id, actor.enterprise_scope()) {
            (Some(id), _) => {
                actor.require_in(Permission::ViewHistory, id)?;
                Some(id)
            }
            (None, EnterpriseScope::All) => {
                actor.require(Permission::ViewHistory)?;
                None
            }
            // a brand role without a chosen brand sees its own; agencies must choose a brand (B-21)
            (None, EnterpriseScope::Only(ids)) => {
                let id = ids.first().copied().unwrap_or(-1);
                actor.require_in(Permission::ViewHistory, id)?;
                Some(id)
            }
        };
        let size = paging::page_size(args.page_size)?;
        let before = paging::decode_time_cursor(args.cursor.as_deref())?;
        let filter = HistoryFilter {
            enterprise_id,
            entity_type: args.entity_type.as_deref(),
            include_global: actor.role == Role::Admin,
        };
        let pool = self.db.pool();
        let rows =
            store::history::list_page(pool, &filter, before.as_ref().map(|(at, id)| (at.as_str(), *id)), size + 1)
                .await?;
        let total = store::history::count(pool, &filter).await?;
        Ok(paging::finish(rows, size, u32::try_from(total).unwrap_or(u32::MAX), |r| {
            paging::encode_time_cursor(&r.at, r.id)
        }))
    }
}

/// `verify_history`: optionally, a chain head copied from an evidence file, to check it is still there.
#[derive(Debug, Clone, Default, Deserialize, Type)]
pub struct VerifyHistoryArgs {
    /// the 记录链头 of an evidence file: the row id …
    pub head_id: Option<i64>,
    /// … and its hash
    pub head_hash: Option<String>,
}

/// What walking the hash chain found (B-20).
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct HistoryVerification {
    /// rows walked
    pub rows: i64,
    /// the chain's newest row and its hash
    pub head_id: Option<i64>,
    pub head_hash: Option<String>,
    /// every row holds its hash and links to the one before
    pub intact: bool,
    /// the first row that does not hold
    pub broken_at: Option<i64>,
    /// when a head was given: is that row still in the chain with that hash
    pub given_head_found: Option<bool>,
    pub message_zh: String,
    pub message_en: String,
}

impl Service {
    /// Recomputes the whole history's hash chain (B-20) and, when given an evidence file's chain head,
    /// checks that row still carries that hash: a row changed, removed or slipped in afterwards shows.
    pub async fn verify_history(&self, actor: &Actor, args: VerifyHistoryArgs) -> CoreResult<HistoryVerification> {
        actor.require(Permission::ViewHistory)?;
        let given = match (args.head_id, args.head_hash.as_deref().map(str::trim)) {
            (Some(id), Some(hash)) if !hash.is_empty() => Some((id, hash.to_ascii_lowercase())),
            (None, None) => None,
            _ => {
                return Err(CoreError::invalid(
                    "head_hash",
                    "记录链头需同时填写编号和哈希",
                    "A chain head needs both its row id and its hash",
                ))
            }
        };
        let mut conn = self.db.pool().acquire().await?;
        let walk = store::history::walk(&mut conn, given.as_ref().map(|g| g.0)).await?;
        let given_head_found = given.as_ref().map(|(_, hash)| walk.hash_at.as_deref() == Some(hash.as_str()));
        let (mut zh, mut en) = match walk.first_broken {
            None => (
                format!("操作记录完整：{} 条记录的哈希链逐条核对无误。", walk.rows),
                format!("History intact: all {} rows hold their hashes and links.", walk.rows),
            ),
            Some((id, ChainBreak::Content)) => (
                format!("操作记录第 {id} 条的内容与其哈希不符：该条在写入后被改动过。"),
                format!("History row {id} does not match its hash: it was changed after it was written."),
            ),
            Some((id, ChainBreak::Link)) => (
                format!("操作记录第 {id} 条与前一条断链：其前的记录被删除或替换过。"),
                format!(
                    "History row {id} does not link to the row before it: a row before it was removed or replaced."
                ),
            ),
            Some((id, ChainBreak::Unsealed)) => (
                format!("操作记录第 {id} 条没有哈希：它是绕过本软件写入的。"),
                format!("History row {id} has no hash: it was written around this app."),
            ),
        };
        if let (Some((id, _)), Some(found)) = (&given, given_head_found) {
            if found {
                zh.push_str(&format!("证据文件的链头（第 {id} 条）仍在链中。"));
                en.push_str(&format!(" The evidence file's chain head (row {id}) is still in the chain."));
            } else {
                zh.push_str(&format!("证据文件的链头（第 {id} 条）已不在链中：导出之后记录被改写过。"));
                en.push_str(&format!(
                    " The evidence file's chain head (row {id}) is no longer in the chain: history was rewritten after the export."
                ));
            }
        }
        Ok(HistoryVerification {
            rows: i64::try_from(walk.rows).unwrap_or(i64::MAX),
            head_id: walk.head.as_ref().map(|h| h.0),
            head_hash: walk.head.map(|h| h.1),
            intact: walk.first_broken.is_none(),
            broken_at: walk.first_broken.map(|b| b.0),
            given_head_found,
            message_zh: zh,
            message_en: en,
        })
    }
}
