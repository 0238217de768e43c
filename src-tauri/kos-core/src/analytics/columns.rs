//! A brand's notes as columns, sorted by publish time, with each staff member's notes listed in time order.

use std::ops::Range;

use chrono::DateTime;

use crate::error::CoreResult;
use crate::store;

/// `staff` of a note whose author is unknown or not on the brand's staff.
pub const NO_STAFF: u32 = u32::MAX;
/// Ends each title in `NoteColumns::titles`.
const TITLE_END: u8 = 0xFF;
/// Seconds Asia/Shanghai is ahead of UTC.
const UTC8: i64 = 8 * 3600;

/// Every note of one brand, one vector per field, row `i` of each being the same note. Rows are sorted by
/// publish time (then row id), so a period is a slice found by binary search.
#[derive(Debug, Default)]
pub struct NoteColumns {
    pub enterprise_id: i64,
    /// dense staff index → staff id (the brand's staff, ascending)
    pub staff_ids: Vec<i64>,
    /// dense account index → account id (ascending)
    pub account_ids: Vec<i64>,
    /// direction code → S-4 direction tag; code 0 is "none"
    pub directions: Vec<String>,

    pub row_id: Vec<i64>,
    /// the 24-hex platform note ID as 12 bytes (orders like the text)
    pub note_id: Vec<[u8; 12]>,
    pub staff: Vec<u32>,
    pub account: Vec<u32>,
    /// Unix seconds
    pub published: Vec<i64>,
    pub likes: Vec<u32>,
    pub collects: Vec<u32>,
    pub comments: Vec<u32>,
    /// interactions given only as a total, less the known parts (0 when 点赞/收藏/评论 are known; issue 10)
    pub unsplit: Vec<u32>,
    pub shares: Vec<u32>,
    pub exposure: Vec<u32>,
    pub reads: Vec<u32>,
    pub video: Vec<bool>,
    pub direction: Vec<u16>,

    /// every title, row after row, each followed by a 0xFF byte (never part of UTF-8 text, so a search
    /// for a keyword never runs from one title into the next); row `i`'s title starts at `title_start[i]`
    titles: Vec<u8>,
    title_start: Vec<u32>,

    /// staff `s`'s rows are `staff_rows[staff_start[s]..staff_start[s + 1]]`, in time order
    staff_start: Vec<u32>,
    staff_rows: Vec<u32>,
    /// every publish time is stored as `YYYY-MM-DDTHH:MM:SSZ`, every note ID is 24 lowercase hex digits and
    /// every counter fits: orders and texts rebuilt from the columns equal the stored ones exactly
    pub exact: bool,
    /// every title is held (the titles fit u32 offsets)
    pub titles_exact: bool,
}

/// The counters of one note, as a board counts them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Parts {
    pub likes: i64,
    pub collects: i64,
    pub comments: i64,
    pub shares: i64,
    /// interactions the file gave only as a total (互动量 without its parts), less the known parts; 0 when
    /// likes, collects and comments are all known (I-1, I-2, I-3 count the total; issue 10)
    pub unsplit: i64,
}

impl Parts {
    /// 互动: likes + collects + comments (or the total given for them), plus shares when the campaign counts them.
    pub fn interactions(&self, count_shares: bool) -> i64 {
        self.likes + self.collects + self.comments + self.unsplit + if count_shares { self.shares } else { 0 }
    }
}

/// The 12 bytes of a 24-hex note ID (lowercase, as stored).
pub fn parse_hex12(s: &str) -> Option<[u8; 12]> {
    let b = s.as_bytes();
    if b.len() != 24 {
        return None;
    }
    let nibble = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; 12];
    for (i, pair) in b.chunks_exact(2).enumerate() {
        out[i] = (nibble(pair[0])? << 4) | nibble(pair[1])?;
    }
    Some(out)
}

/// The note ID text of 12 stored bytes.
pub fn hex12(b: &[u8; 12]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(24);
    for x in b {
        s.push(char::from(HEX[usize::from(x >> 4)]));
        s.push(char::from(HEX[usize::from(x & 15)]));
    }
    s
}

/// Unix seconds of a stored timestamp, and whether it is in the canonical stored form.
pub(crate) fn parse_time(s: &str) -> (i64, bool) {
    let canonical = s.len() == 20 && s.as_bytes().get(10) == Some(&b'T') && s.ends_with('Z');
    match DateTime::parse_from_rfc3339(s) {
        Ok(t) => (t.timestamp(), canonical),
        Err(_) => (0, false),
    }
}

/// The stored text of Unix seconds (`YYYY-MM-DDTHH:MM:SSZ`).
pub fn time_text(secs: i64) -> String {
    DateTime::from_timestamp(secs, 0).map(crate::clock::ts).unwrap_or_default()
}

/// The Asia/Shanghai day number (days since 1970-01-01) of Unix seconds.
pub fn local_day(secs: i64) -> i64 {
    (secs + UTC8).div_euclid(86_400)
}

/// Unix seconds of 00:00 Asia/Shanghai on a day number.
pub fn day_start_secs(day: i64) -> i64 {
    day * 86_400 - UTC8
}

fn counter(v: i64, exact: &mut bool) -> u32 {
    u32::try_from(v).unwrap_or_else(|_| {
        *exact = false;
        if v < 0 {
            0
        } else {
            u32::MAX
        }
    })
}

fn permute<T: Copy>(v: &[T], order: &[u32]) -> Vec<T> {
    order.iter().map(|&i| v[i as usize]).collect()
}

/// The notes as read, before they are sorted.
struct Part {
    /// rows in read order; `account` is not filled yet (see `accounts`)
    cols: NoteColumns,
    /// each row's account id
    accounts: Vec<i64>,
    exact: bool,
}

impl Part {
    async fn read(pool: crate::db::Pool<'_>, enterprise_id: i64, staff_ids: &[i64]) -> CoreResult<Part> {
        let mut conn = pool.acquire().await?;
        let mut p = Part { cols: NoteColumns::default(), accounts: Vec::new(), exact: true };
        p.cols.directions.push(String::new());
        let Part { cols: c, accounts, exact } = &mut p;
        store::analytics::for_each_note(&mut conn, enterprise_id, |n| {
            let (secs, canonical) = parse_time(n.published_at);
            let id = parse_hex12(n.note_id);
            *exact &= canonical && id.is_some();
            c.row_id.push(n.id);
            c.note_id.push(id.unwrap_or_default());
            c.staff.push(
                n.staff_id
                    .and_then(|s| staff_ids.binary_search(&s).ok())
                    .and_then(|i| u32::try_from(i).ok())
                    .unwrap_or(NO_STAFF),
            );
            accounts.push(n.account_id);
            c.published.push(secs);
            c.likes.push(counter(n.likes, exact));
            c.collects.push(counter(n.collects, exact));
            c.comments.push(counter(n.comments, exact));
            c.unsplit.push(counter(n.unsplit, exact));
            c.shares.push(counter(n.shares, exact));
            c.exposure.push(counter(n.exposure, exact));
            c.reads.push(counter(n.reads, exact));
            c.video.push(n.video);
            c.direction.push(direction_code(&mut c.directions, n.direction));
            c.title_start.push(u32::try_from(c.titles.len()).unwrap_or(u32::MAX));
            c.titles.extend_from_slice(n.title.as_bytes());
            c.titles.push(TITLE_END);
        })
        .await?;
        Ok(p)
    }
}

/// The code of a direction tag in the dictionary (added when new); 0 for none.
fn direction_code(directions: &mut Vec<String>, d: Option<&str>) -> u16 {
    let Some(d) = d.filter(|d| !d.is_empty()) else { return 0 };
    let i = match directions.iter().position(|x| x == d) {
        Some(i) => i,
        None => {
            directions.push(d.to_string());
            directions.len() - 1
        }
    };
    u16::try_from(i).unwrap_or(0)
}

impl NoteColumns {
    /// Loads the brand's notes with one query (and its staff ids with another).
    pub async fn load(pool: crate::db::Pool<'_>, enterprise_id: i64) -> CoreResult<NoteColumns> {
        let staff_ids = store::analytics::list_staff_ids(pool, enterprise_id).await?;
        let Part { cols: mut c, accounts, exact } = Part::read(pool, enterprise_id, &staff_ids).await?;
        c.enterprise_id = enterprise_id;
        c.staff_ids = staff_ids;
        c.exact = exact;

        let mut account_ids = accounts.clone();
        account_ids.sort_unstable();
        account_ids.dedup();
        let account: Vec<u32> = accounts
            .iter()
            .map(|a| account_ids.binary_search(a).ok().and_then(|i| u32::try_from(i).ok()).unwrap_or(0))
            .collect();
        c.account_ids = account_ids;

        let mut order: Vec<u32> = (0..u32::try_from(c.row_id.len()).unwrap_or(u32::MAX)).collect();
        order.sort_unstable_by_key(|&i| (c.published[i as usize], c.row_id[i as usize]));
        c.row_id = permute(&c.row_id, &order);
        c.note_id = permute(&c.note_id, &order);
        c.staff = permute(&c.staff, &order);
        c.account = permute(&account, &order);
        c.published = permute(&c.published, &order);
        c.likes = permute(&c.likes, &order);
        c.collects = permute(&c.collects, &order);
        c.comments = permute(&c.comments, &order);
        c.unsplit = permute(&c.unsplit, &order);
        c.shares = permute(&c.shares, &order);
        c.exposure = permute(&c.exposure, &order);
        c.reads = permute(&c.reads, &order);
        c.video = permute(&c.video, &order);
        c.direction = permute(&c.direction, &order);
        // titles in the new row order; a brand whose titles outgrow u32 offsets searches them in SQL
        c.titles_exact = u32::try_from(c.titles.len()).is_ok();
        if c.titles_exact {
            let mut titles = Vec::with_capacity(c.titles.len());
            let mut title_start = Vec::with_capacity(order.len());
            for &i in &order {
                let i = i as usize;
                let a = c.title_start[i] as usize;
                let b = c.title_start.get(i + 1).map_or(c.titles.len(), |&e| e as usize);
                title_start.push(u32::try_from(titles.len()).unwrap_or(u32::MAX));
                titles.extend_from_slice(&c.titles[a..b]);
            }
            c.titles = titles;
            c.title_start = title_start;
        } else {
            c.titles = Vec::new();
            c.title_start = Vec::new();
        }
        c.index_staff();
        Ok(c)
    }

    /// Builds the per-staff row lists (a counting sort keeps each list in time order).
    fn index_staff(&mut self) {
        let n_staff = self.staff_ids.len();
        let mut start = vec![0u32; n_staff + 1];
        for &s in &self.staff {
            if s != NO_STAFF {
                start[s as usize + 1] += 1;
            }
        }
        for i in 0..n_staff {
            start[i + 1] += start[i];
        }
        let mut next = start.clone();
        let mut rows = vec![0u32; start[n_staff] as usize];
        for (i, &s) in self.staff.iter().enumerate() {
            if s != NO_STAFF {
                let slot = &mut next[s as usize];
                rows[*slot as usize] = u32::try_from(i).unwrap_or(u32::MAX);
                *slot += 1;
            }
        }
        self.staff_start = start;
        self.staff_rows = rows;
    }

    pub fn len(&self) -> usize {
        self.row_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.row_id.is_empty()
    }

    /// Rows published in `[from, until)` (Unix seconds).
    pub fn range(&self, from: i64, until: i64) -> Range<usize> {
        let lo = self.published.partition_point(|&t| t < from);
        let hi = self.published.partition_point(|&t| t < until).max(lo);
        lo..hi
    }

    /// The dense index of a staff id of the brand.
    pub fn staff_index(&self, staff_id: i64) -> Option<u32> {
        self.staff_ids.binary_search(&staff_id).ok().and_then(|i| u32::try_from(i).ok())
    }

    pub fn account_index(&self, account_id: i64) -> Option<u32> {
        self.account_ids.binary_search(&account_id).ok().and_then(|i| u32::try_from(i).ok())
    }

    /// A staff member's rows published in `[from, until)`, in time order.
    pub fn staff_rows(&self, staff: u32, from: i64, until: i64) -> &[u32] {
        let s = staff as usize;
        let (Some(&a), Some(&b)) = (self.staff_start.get(s), self.staff_start.get(s + 1)) else {
            return &[];
        };
        let rows = &self.staff_rows[a as usize..b as usize];
        let lo = rows.partition_point(|&i| self.published[i as usize] < from);
        let hi = rows.partition_point(|&i| self.published[i as usize] < until).max(lo);
        &rows[lo..hi]
    }

    pub fn parts(&self, i: usize) -> Parts {
        Parts {
            likes: i64::from(self.likes[i]),
            collects: i64::from(self.collects[i]),
            comments: i64::from(self.comments[i]),
            unsplit: i64::from(self.unsplit[i]),
            shares: i64::from(self.shares[i]),
        }
    }

    /// The row of a note by row id and publish time (Unix seconds).
    pub fn find_row(&self, row_id: i64, published: i64) -> Option<usize> {
        self.range(published, published + 1).find(|&i| self.row_id[i] == row_id)
    }

    /// The rows whose title contains `keyword` (as SQLite's `instr(title, keyword) > 0`: a byte-exact
    /// substring of the UTF-8 text), ascending. None when the titles are not all held.
    pub fn rows_with_title(&self, keyword: &str) -> Option<Vec<u32>> {
        if !self.titles_exact || keyword.is_empty() {
            return None;
        }
        let mut rows: Vec<u32> = Vec::new();
        for at in memchr::memmem::find_iter(&self.titles, keyword.as_bytes()) {
            let at = u32::try_from(at).ok()?;
            let row = u32::try_from(self.title_start.partition_point(|&s| s <= at).checked_sub(1)?).ok()?;
            if rows.last() != Some(&row) {
                rows.push(row);
            }
        }
        Some(rows)
    }

    /// 互动 of row `i` as the notes table's generated column counts it: likes + collects + comments, or the
    /// total the file gave when it gave no parts (issue 10).
    pub fn interactions(&self, i: usize) -> i64 {
        i64::from(self.likes[i])
            + i64::from(self.collects[i])
            + i64::from(self.comments[i])
            + i64::from(self.unsplit[i])
    }

    /// Bytes of the heap the columns hold (for the bench's report).
    pub fn heap_bytes(&self) -> usize {
        let n = self.len();
        n * (8 + 12 + 4 + 4 + 8 + 7 * 4 + 1 + 2 + 4)
            + self.titles.len()
            + self.staff_rows.len() * 4
            + self.staff_start.len() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_ids_round_trip_and_order_like_text() {
        let a = "64000000000000000000000a";
        let b = "64000000000000000000000b";
        let (x, y) = (parse_hex12(a).unwrap(), parse_hex12(b).unwrap());
        assert_eq!(hex12(&x), a);
        assert!(x < y);
        assert_eq!(parse_hex12("64000000000000000000000A"), None);
        assert_eq!(parse_hex12("short"), None);
    }

    #[test]
    fn times_round_trip_and_days_are_beijing_days() {
        let (secs, canonical) = parse_time("2026-11-30T16:00:00Z");
        assert!(canonical);
        assert_eq!(time_text(secs), "2026-11-30T16:00:00Z");
        // 2026-12-01 00:00 Beijing
        let day = local_day(secs);
        assert_eq!(day_start_secs(day), secs);
        assert_eq!(local_day(secs - 1), day - 1);
        assert!(!parse_time("2026-12-01T00:00:00+08:00").1);
    }
}
