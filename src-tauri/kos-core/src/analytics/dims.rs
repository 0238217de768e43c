//! The small maps the dashboards join the note sums with (D-1): each staff member's store, each store's name
//! and city, each account's 岗位. Cached beside the columns with their own key, so a new binding reloads a
//! few thousand rows, not the notes.

use std::collections::HashMap;

use crate::error::CoreResult;
use crate::store;

#[derive(Debug, Default)]
pub struct Dims {
    /// staff id → store id
    pub staff_store: HashMap<i64, i64>,
    /// store id → (name, city)
    pub stores: HashMap<i64, (String, String)>,
    /// account id → 岗位 of its latest binding to the brand
    pub account_title: HashMap<i64, String>,
}

impl Dims {
    pub async fn load(pool: crate::db::Pool<'_>, enterprise_id: i64) -> CoreResult<Dims> {
        Ok(Dims {
            staff_store: store::analytics::list_staff_stores(pool, enterprise_id).await?.into_iter().collect(),
            stores: store::analytics::list_stores(pool, enterprise_id)
                .await?
                .into_iter()
                .map(|(id, name, city)| (id, (name, city)))
                .collect(),
            account_title: store::analytics::list_account_titles(pool, enterprise_id).await?.into_iter().collect(),
        })
    }
}
