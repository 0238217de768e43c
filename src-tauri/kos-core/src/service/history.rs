use serde::Deserialize;
use specta::Type;

use super::Service;
use crate::authz::{Actor, EnterpriseScope, Permission};
use crate::error::CoreResult;
use crate::model::Role;
use crate::store;
use crate::store::history::{HistoryFilter, HistoryRow};
use crate::store::paging::{self, Page};

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
