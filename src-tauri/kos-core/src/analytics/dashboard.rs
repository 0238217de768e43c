//! D-1 and S-2 sums from the columns: per ISO week (Monday to Sunday, Asia/Shanghai), per staff member, per
//! account and per content direction. Interactions here are the SPEC's: likes + collects + comments.

use super::columns::{day_start_secs, NoteColumns, NO_STAFF};

/// Notes and their latest counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sums {
    pub notes: i64,
    pub interactions: i64,
    pub exposure: i64,
    pub reads: i64,
}

/// Notes and their interactions (a slice of a chart).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub notes: i64,
    pub interactions: i64,
}

impl Tally {
    fn add(&mut self, interactions: i64) {
        self.notes += 1;
        self.interactions += interactions;
    }
}

/// The Monday (day number) of the ISO week holding `day` (day 0, 1970-01-01, was a Thursday).
pub fn monday_of(day: i64) -> i64 {
    day - (day + 3).rem_euclid(7)
}

/// Sums over the notes published on the days `first_day..=last_day`.
#[derive(Debug, Clone, Default)]
pub struct RangeSums {
    pub total: Sums,
    /// day number of the Monday of the first week; `weeks[k]` starts on `first_monday + 7k`
    pub first_monday: i64,
    pub weeks: Vec<Sums>,
    /// per dense staff index
    pub by_staff: Vec<Tally>,
    /// notes whose author is not on the brand's staff
    pub no_staff: Tally,
    /// per dense account index
    pub by_account: Vec<Tally>,
    /// per direction code (0: no direction)
    pub by_direction: Vec<Tally>,
}

impl NoteColumns {
    /// Adds the rows to `week` and, unless `weeks_only`, to the slices.
    fn tally(&self, out: &mut RangeSums, week: usize, rows: impl Iterator<Item = usize>, weeks_only: bool) {
        let mut w = Sums::default();
        for i in rows {
            let inter = self.interactions(i);
            w.notes += 1;
            w.interactions += inter;
            w.exposure += i64::from(self.exposure[i]);
            w.reads += i64::from(self.reads[i]);
            if weeks_only {
                continue;
            }
            match self.staff[i] {
                NO_STAFF => out.no_staff.add(inter),
                s => out.by_staff[s as usize].add(inter),
            }
            out.by_account[self.account[i] as usize].add(inter);
            if let Some(d) = out.by_direction.get_mut(usize::from(self.direction[i])) {
                d.add(inter);
            }
        }
        for (t, x) in [
            (&mut out.total.notes, w.notes),
            (&mut out.total.interactions, w.interactions),
            (&mut out.total.exposure, w.exposure),
            (&mut out.total.reads, w.reads),
        ] {
            *t += x;
        }
        out.weeks[week] = w;
    }

    fn empty_sums(&self, first_day: i64, last_day: i64) -> RangeSums {
        let first_monday = monday_of(first_day);
        let n_weeks = usize::try_from((monday_of(last_day) - first_monday) / 7 + 1).unwrap_or(0);
        RangeSums {
            first_monday,
            weeks: vec![Sums::default(); n_weeks],
            by_staff: vec![Tally::default(); self.staff_ids.len()],
            by_account: vec![Tally::default(); self.account_ids.len()],
            by_direction: vec![Tally::default(); self.directions.len()],
            ..RangeSums::default()
        }
    }

    /// The brand's notes published on the days `first_day..=last_day` (Asia/Shanghai day numbers). Rows are
    /// in time order, so each week is one slice found by binary search.
    pub fn range_sums(&self, first_day: i64, last_day: i64) -> RangeSums {
        let mut out = self.empty_sums(first_day, last_day);
        for k in 0..out.weeks.len() {
            let monday = out.first_monday + 7 * k as i64;
            let (a, b) = (monday.max(first_day), (monday + 6).min(last_day));
            let rows = self.range(day_start_secs(a), day_start_secs(b + 1));
            self.tally(&mut out, k, rows, false);
        }
        out
    }

    /// One staff member's notes published on the days `first_day..=last_day`, per week only.
    pub fn staff_weeks(&self, staff: u32, first_day: i64, last_day: i64) -> RangeSums {
        let mut out = self.empty_sums(first_day, last_day);
        for k in 0..out.weeks.len() {
            let monday = out.first_monday + 7 * k as i64;
            let (a, b) = (monday.max(first_day), (monday + 6).min(last_day));
            let rows = self.staff_rows(staff, day_start_secs(a), day_start_secs(b + 1));
            self.tally(&mut out, k, rows.iter().map(|&i| i as usize), true);
        }
        out
    }

    /// Accounts with at least one note published in `[from, until)` (Unix seconds).
    pub fn active_accounts(&self, from: i64, until: i64) -> i64 {
        let mut seen = vec![false; self.account_ids.len()];
        let mut n = 0;
        for i in self.range(from, until) {
            let a = self.account[i] as usize;
            if !seen[a] {
                seen[a] = true;
                n += 1;
            }
        }
        n
    }

    /// Per dense account index: (notes, notes published since `recent_from`).
    pub fn account_note_counts(&self, recent_from: i64) -> Vec<(i64, i64)> {
        let mut out = vec![(0i64, 0i64); self.account_ids.len()];
        let recent = self.published.partition_point(|&t| t < recent_from);
        for (i, &a) in self.account.iter().enumerate() {
            let slot = &mut out[a as usize];
            slot.0 += 1;
            if i >= recent {
                slot.1 += 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn d1_weeks_start_on_monday() {
        // 1970-01-05 was a Monday; 2026-11-23 is one too
        assert_eq!(monday_of(4), 4);
        assert_eq!(monday_of(10), 4);
        assert_eq!(monday_of(3), -3);
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let day = (d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days();
        let monday = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(monday_of(day), (monday - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days());
    }
}
