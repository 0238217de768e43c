//! The one paged-query contract: `{ page_size, cursor }` in, `{ rows, total, next_cursor }` out. Keyset
//! pagination on a unique key (no OFFSET), page sizes 10/20/50/100.

use crate::api::types::paging::Page;
use crate::error::{CoreError, CoreResult};

pub const PAGE_SIZES: [u32; 4] = [10, 20, 50, 100];

/// Validates a page size.
pub fn page_size(n: u32) -> CoreResult<u32> {
    if PAGE_SIZES.contains(&n) {
        Ok(n)
    } else {
        Err(CoreError::invalid("page_size", "每页条数只能是 10、20、50 或 100", "Page size must be 10, 20, 50 or 100"))
    }
}

/// Cursors are the last row's key, opaque to the client: `id:<id>` for rows ordered by id.
pub fn decode_id_cursor(cursor: Option<&str>) -> CoreResult<Option<i64>> {
    match cursor {
        None | Some("") => Ok(None),
        Some(c) => c.strip_prefix("id:").and_then(|n| n.parse::<i64>().ok()).map(Some).ok_or_else(|| {
            CoreError::invalid("cursor", "分页游标无效，请重新查询", "Invalid page cursor; query again")
        }),
    }
}

pub fn encode_id_cursor(id: i64) -> String {
    format!("id:{id}")
}

/// Cursor after a row ordered by (time, id): `t:<time>|<id>`.
pub fn encode_time_cursor(at: &str, id: i64) -> String {
    format!("t:{at}|{id}")
}

pub fn decode_time_cursor(cursor: Option<&str>) -> CoreResult<Option<(String, i64)>> {
    match cursor {
        None | Some("") => Ok(None),
        Some(c) => c
            .strip_prefix("t:")
            .and_then(|rest| rest.rsplit_once('|'))
            .and_then(|(at, id)| Some((at.to_string(), id.parse::<i64>().ok()?)))
            .map(Some)
            .ok_or_else(|| {
                CoreError::invalid("cursor", "分页游标无效，请重新查询", "Invalid page cursor; query again")
            }),
    }
}

/// Trims a fetched `page_size + 1` rows to a page and derives the next cursor from the last kept row.
pub fn finish<T>(mut rows: Vec<T>, size: u32, total: u32, cursor_of: impl Fn(&T) -> String) -> Page<T> {
    let more = rows.len() > size as usize;
    rows.truncate(size as usize);
    let next_cursor = if more { rows.last().map(cursor_of) } else { None };
    Page { rows, total, next_cursor }
}
