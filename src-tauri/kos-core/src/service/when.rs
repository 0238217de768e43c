//! Dates in messages and rule arithmetic: instants are UTC, dates shown are Asia/Shanghai calendar days.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::clock::{beijing_minute, parse_ts, shanghai, shanghai_date};
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

/// `2026-12-02 11:05`, an instant in Beijing time to the minute.
pub(crate) fn minute(t: DateTime<Utc>) -> String {
    beijing_minute(t)
}

/// The moment a refused action becomes possible, as both messages say it: the exact instant in Beijing
/// time and the time left in days, hours or minutes as fits (B-1, B-15, B-18, B-19, N-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Until {
    pub at: DateTime<Utc>,
    now: DateTime<Utc>,
}

impl Until {
    pub(crate) fn new(now: DateTime<Utc>, at: DateTime<Utc>) -> Self {
        Until { at, now }
    }

    /// Whole days, hours and minutes left, the minutes rounded up so that one second before the instant
    /// still reads "1 分钟" and nothing reads "0".
    fn parts(&self) -> (i64, i64, i64) {
        let secs = (self.at - self.now).num_seconds().max(0);
        let minutes = (secs + 59) / 60;
        (minutes / 1440, minutes % 1440 / 60, minutes % 60)
    }

    /// `3 天 4 小时`, `5 小时 20 分钟`, `1 分钟`.
    pub(crate) fn left_zh(&self) -> String {
        match self.parts() {
            (0, 0, m) => format!("{m} 分钟"),
            (0, h, 0) => format!("{h} 小时"),
            (0, h, m) => format!("{h} 小时 {m} 分钟"),
            (d, 0, _) => format!("{d} 天"),
            (d, h, _) => format!("{d} 天 {h} 小时"),
        }
    }

    /// `3 days 4 hours`, `5 hours 20 minutes`, `1 minute`.
    pub(crate) fn left_en(&self) -> String {
        fn unit(n: i64, one: &str) -> String {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {one}s")
            }
        }
        match self.parts() {
            (0, 0, m) => unit(m, "minute"),
            (0, h, 0) => unit(h, "hour"),
            (0, h, m) => format!("{} {}", unit(h, "hour"), unit(m, "minute")),
            (d, 0, _) => unit(d, "day"),
            (d, h, _) => format!("{} {}", unit(d, "day"), unit(h, "hour")),
        }
    }

    /// `2026-12-02 11:05 起可操作，还需 1 分钟`
    pub(crate) fn zh(&self) -> String {
        format!("{} 起可操作，还需 {}", minute(self.at), self.left_zh())
    }

    /// `possible from 2026-12-02 11:05 Beijing time, 1 minute left`
    pub(crate) fn en(&self) -> String {
        format!("possible from {} Beijing time, {} left", minute(self.at), self.left_en())
    }
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
    fn until_says_the_beijing_minute_and_the_time_left_as_fits() {
        // 2026-12-02 11:05 Beijing
        let at = Utc.with_ymd_and_hms(2026, 12, 2, 3, 5, 0).unwrap();
        let u = |before: Duration| Until::new(at - before, at);
        assert_eq!(u(Duration::minutes(1)).zh(), "2026-12-02 11:05 起可操作，还需 1 分钟");
        assert_eq!(u(Duration::minutes(1)).en(), "possible from 2026-12-02 11:05 Beijing time, 1 minute left");
        assert_eq!(u(Duration::seconds(1)).left_zh(), "1 分钟");
        assert_eq!(u(Duration::minutes(59)).left_en(), "59 minutes");
        assert_eq!(u(Duration::minutes(60)).left_zh(), "1 小时");
        assert_eq!(u(Duration::minutes(125)).left_zh(), "2 小时 5 分钟");
        assert_eq!(u(Duration::minutes(125)).left_en(), "2 hours 5 minutes");
        assert_eq!(u(days(1)).left_en(), "1 day");
        assert_eq!(u(days(29) + hours(23) + Duration::minutes(59)).left_zh(), "29 天 23 小时");
        assert_eq!(u(days(30)).left_zh(), "30 天");
        assert_eq!(u(days(3) + hours(4)).left_zh(), "3 天 4 小时");
        assert_eq!(u(days(3) + hours(4)).left_en(), "3 days 4 hours");
    }

    #[test]
    fn beijing_calendar_days() {
        assert_eq!(date(Utc.with_ymd_and_hms(2026, 11, 30, 17, 0, 0).unwrap()), "2026-12-01");
        assert_eq!(
            day_start(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()),
            Utc.with_ymd_and_hms(2026, 11, 30, 16, 0, 0).unwrap()
        );
    }
}
