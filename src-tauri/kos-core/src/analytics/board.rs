//! The I-1..I-3 inputs summed from the columns: each person's totals over a campaign period and each person's
//! best note above the I-1 threshold (all `engine::compute_ranked` needs), and the history the jump flags
//! compare with.

use super::columns::{NoteColumns, Parts, NO_STAFF};

/// A boosted note (内容加热) in the columns with its counters when the boost started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Boost {
    pub row: usize,
    pub base: Parts,
}

/// How a campaign counts a note.
#[derive(Debug, Clone, Copy)]
pub struct Counting<'a> {
    pub count_shares: bool,
    pub organic_only: bool,
    /// boosted notes, sorted by row
    pub boosts: &'a [Boost],
}

impl Counting<'_> {
    pub fn boost(&self, row: usize) -> Option<&Boost> {
        self.boosts.binary_search_by_key(&row, |b| b.row).ok().map(|i| &self.boosts[i])
    }

    /// A note's interactions as the campaign counts them (organic only: as of the boost start).
    pub fn interactions(&self, cols: &NoteColumns, row: usize) -> i64 {
        match self.boost(row) {
            Some(b) if self.organic_only => b.base.interactions(self.count_shares),
            _ => cols.parts(row).interactions(self.count_shares),
        }
    }
}

/// A campaign period over the columns.
#[derive(Debug, Clone, Copy)]
pub struct PeriodQuery<'a> {
    /// Unix seconds, `[from, until)`
    pub from: i64,
    pub until: i64,
    pub counting: Counting<'a>,
    /// per dense staff index: in the campaign's scope (`None`: the whole brand)
    pub in_scope: Option<&'a [bool]>,
    pub viral_min_interactions: i64,
    /// voided I-1 notes (12-byte IDs), sorted
    pub void_notes: &'a [[u8; 12]],
}

/// A person's totals over the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonSum {
    pub staff: u32,
    pub total: i64,
    pub notes: i64,
    /// Unix seconds of their first note in the period
    pub first: i64,
}

/// A person's best note above the I-1 threshold that is not voided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BestNote {
    pub row: usize,
    pub interactions: i64,
    /// interactions when it was boosted, if it was
    pub boosted_at: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct PeriodSums {
    pub people: Vec<PersonSum>,
    pub best: Vec<BestNote>,
    /// notes that took part (in the period, by the brand's staff in scope)
    pub notes: i64,
}

impl NoteColumns {
    /// Is note `a` (with `ia` interactions) ahead of note `b` in the I-1 order?
    fn note_ahead(&self, a: usize, ia: i64, b: usize, ib: i64) -> bool {
        ia > ib || (ia == ib && (self.published[a], self.note_id[a]) < (self.published[b], self.note_id[b]))
    }

    /// One pass over the period: every person's totals and best note.
    pub fn period_sums(&self, q: &PeriodQuery<'_>) -> PeriodSums {
        let n_staff = self.staff_ids.len();
        let mut total = vec![0i64; n_staff];
        let mut count = vec![0i64; n_staff];
        let mut first = vec![i64::MAX; n_staff];
        let mut best: Vec<Option<(usize, i64)>> = vec![None; n_staff];
        let range = self.range(q.from, q.until);
        let boosts = q.counting.boosts;
        let organic = q.counting.organic_only && !boosts.is_empty();
        let mut b = boosts.partition_point(|x| x.row < range.start);
        let mut notes = 0;
        for i in range {
            let s = self.staff[i];
            if s == NO_STAFF || q.in_scope.is_some_and(|scope| !scope.get(s as usize).copied().unwrap_or(false)) {
                continue;
            }
            let mut inter = self.interactions(i);
            if q.counting.count_shares {
                inter += i64::from(self.shares[i]);
            }
            if organic {
                while b < boosts.len() && boosts[b].row < i {
                    b += 1;
                }
                if b < boosts.len() && boosts[b].row == i {
                    inter = boosts[b].base.interactions(q.counting.count_shares);
                }
            }
            let su = s as usize;
            notes += 1;
            total[su] += inter;
            count[su] += 1;
            if first[su] == i64::MAX {
                first[su] = self.published[i]; // rows are in time order
            }
            if inter > q.viral_min_interactions
                && best[su].is_none_or(|(bi, bn)| self.note_ahead(i, inter, bi, bn))
                && q.void_notes.binary_search(&self.note_id[i]).is_err()
            {
                best[su] = Some((i, inter));
            }
        }
        let people = (0..n_staff)
            .filter(|&s| count[s] > 0)
            .map(|s| PersonSum { staff: s as u32, total: total[s], notes: count[s], first: first[s] })
            .collect();
        let best = best
            .into_iter()
            .flatten()
            .map(|(row, interactions)| BestNote {
                row,
                interactions,
                boosted_at: q.counting.boost(row).map(|b| b.base.interactions(q.counting.count_shares)),
            })
            .collect();
        PeriodSums { people, best, notes }
    }

    /// A person's interactions in `[from, until)` and how many notes they published then.
    pub fn staff_total(&self, staff: u32, from: i64, until: i64, counting: &Counting<'_>) -> (i64, i64) {
        let rows = self.staff_rows(staff, from, until);
        (rows.iter().map(|&i| counting.interactions(self, i as usize)).sum(), rows.len() as i64)
    }

    /// A person's best note (most interactions) in `[from, until)` and how many notes they published then;
    /// `None` without notes.
    pub fn staff_best(&self, staff: u32, from: i64, until: i64, counting: &Counting<'_>) -> Option<(i64, usize)> {
        let rows = self.staff_rows(staff, from, until);
        let best = rows.iter().map(|&i| counting.interactions(self, i as usize)).max()?;
        Some((best, rows.len()))
    }
}
