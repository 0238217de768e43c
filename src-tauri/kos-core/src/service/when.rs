//! Dates in messages and rule arithmetic: instants are UTC, dates shown are Asia/Shanghai calendar days.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::clock::{parse_ts, shanghai, shanghai_date};
use crate::error::{CoreError, CoreResult};

/// A stored time, or a clear error naming the field if the row is damaged.
pub(crate) fn parse(field: &str, s: &str) -> CoreResult<DateTime<Utc>> {
    parse_ts(s)
        .ok_or_else(|| CoreError::invalid(field, format!("时间格式无效：{s}"), format!("Invalid time in {field}: {s}")))
}

/// `2026-12-10`, the Beijing calendar day of an instant.
pub(crate) fn date(t: DateTime<Utc>) -> String {
    shanghai_date(t).to_string()
}

/// Beijing calendar days from `now` until `until`, at least 1 while `until` is still ahead.
pub(crate) fn days_left(now: DateTime<Utc>, until: DateTime<Utc>) -> i64 {
    (shanghai_date(until) - shanghai_date(now)).num_days().max(1)
}

pub(crate) fn days(n: i64) -> Duration {
    Duration::days(n)
}

pub(crate) fn hours(n: i64) -> Duration {
    Duration::hours(n)
}

/// The instant a Beijing calendar day starts.
pub(crate) fn day_start(d: NaiveDate) -> DateTime<Utc> {
    let local = d.and_hms_opt(0, 0, 0).unwrap_or_default();
    local.and_local_timezone(shanghai()).single().map(|t| t.with_timezone(&Utc)).unwrap_or_else(|| local.and_utc())
}

/// Parses a `YYYY-MM-DD` argument.
pub(crate) fn parse_date(field: &str, s: &str) -> CoreResult<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        CoreError::invalid(field, format!("日期格式应为 YYYY-MM-DD：{s}"), format!("Dates are YYYY-MM-DD: {s}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn days_left_counts_beijing_calendar_days() {
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 2, 0, 0).unwrap();
        let until = Utc.with_ymd_and_hms(2026, 12, 10, 3, 0, 0).unwrap();
        assert_eq!(days_left(now, until), 14);
        assert_eq!(days_left(now, now + hours(1)), 1);
        assert_eq!(date(Utc.with_ymd_and_hms(2026, 11, 30, 17, 0, 0).unwrap()), "2026-12-01");
        assert_eq!(
            day_start(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()),
            Utc.with_ymd_and_hms(2026, 11, 30, 16, 0, 0).unwrap()
        );
    }
}
