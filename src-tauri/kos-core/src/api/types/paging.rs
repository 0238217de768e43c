//! A page of a keyset-paged list, `{ rows, total, next_cursor }` (`store::paging` makes it and its cursors).

use serde::Serialize;
use specta::Type;

#[derive(Debug, Clone, Serialize, Type)]
pub struct Page<T> {
    pub rows: Vec<T>,
    pub total: u32,
    pub next_cursor: Option<String>,
}
