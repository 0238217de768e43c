//! 待审核笔记 with a keyword (N-3, N-4) from the column store: the titles are searched in memory (every title
//! of a million-note brand in a few milliseconds, where SQLite reads its whole title index), then the type and
//! publish-date filters, the sort with its row-id tie-breaker, the keyset cursor and the count are applied to
//! the matches. The result is the row ids of the page and the exact count, equal to what the SQL page and
//! count give (`tests/notes.rs` compares both); the service reads the page's rows by id.

use std::collections::HashSet;

use super::columns::NoteColumns;
use crate::store::note_queue::SortKey;

/// A keyword query of 待审核笔记 in column terms: times are Unix seconds, the cursor holds the sort value.
pub struct KeywordPage<'a> {
    pub keyword: &'a str,
    /// Some(true): videos only, Some(false): image notes only
    pub video: Option<bool>,
    /// published in [from, until)
    pub from: Option<i64>,
    pub until: Option<i64>,
    /// row ids to leave out (the brand's notes already requested for review, which 待审核笔记 does not list)
    pub requested: &'a HashSet<i64>,
    pub sort: SortKey,
    pub desc: bool,
    /// after this (sort value, row id)
    pub after: Option<(i64, i64)>,
    pub offset: usize,
    pub limit: usize,
}

/// The page's row ids in order and the count of every matching note; None when the columns cannot answer
/// exactly (titles not held, counters or times not stored in their exact form, or a sort they lack).
pub fn keyword_page(c: &NoteColumns, q: &KeywordPage<'_>) -> Option<(Vec<i64>, i64)> {
    if !c.exact {
        return None;
    }
    let key = |i: usize| -> Option<i64> {
        Some(match q.sort {
            SortKey::Published => c.published[i],
            SortKey::Exposure => i64::from(c.exposure[i]),
            SortKey::Reads => i64::from(c.reads[i]),
            SortKey::Interactions => c.interactions(i),
            SortKey::Requested => return None,
        })
    };
    let rows = c.rows_with_title(q.keyword)?;
    let (lo, hi) = (q.from.unwrap_or(i64::MIN), q.until.unwrap_or(i64::MAX));
    let mut total = 0i64;
    // (sort value, row id) of every match past the cursor
    let mut keys: Vec<(i64, i64)> = Vec::new();
    for r in rows {
        let i = r as usize;
        let t = c.published[i];
        if t < lo || t >= hi || q.video.is_some_and(|v| c.video[i] != v) || q.requested.contains(&c.row_id[i]) {
            continue;
        }
        total += 1;
        let k = (key(i)?, c.row_id[i]);
        let past = match q.after {
            None => true,
            Some(a) if q.desc => k < a,
            Some(a) => k > a,
        };
        if past {
            keys.push(k);
        }
    }
    let want = q.offset.saturating_add(q.limit).min(keys.len());
    let order = |a: &(i64, i64), b: &(i64, i64)| if q.desc { b.cmp(a) } else { a.cmp(b) };
    if want < keys.len() {
        keys.select_nth_unstable_by(want, order);
        keys.truncate(want);
    }
    keys.sort_unstable_by(order);
    Some((keys.into_iter().skip(q.offset).map(|(_, id)| id).collect(), total))
}
