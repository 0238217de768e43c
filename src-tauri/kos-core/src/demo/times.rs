//! Beijing local time and UTC for the demo: wall-clock times as UTC, the Beijing date of an instant, working
//! hours and the publish hours' weights.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};

use super::rng::Rng;

/// Beijing time offset from UTC, in hours.
const BJ_OFFSET_HOURS: i64 = 8;

/// A Beijing wall-clock time as UTC.
pub(super) fn bj(date: NaiveDate, hour: u32, minute: u32, second: u32) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(hour, minute, second).unwrap_or(NaiveTime::MIN);
    date.and_time(time).and_utc() - TimeDelta::hours(BJ_OFFSET_HOURS)
}

/// The Beijing calendar date of a UTC instant.
pub(super) fn bj_date(t: DateTime<Utc>) -> NaiveDate {
    (t + TimeDelta::hours(BJ_OFFSET_HOURS)).date_naive()
}

pub(super) fn days(n: i64) -> TimeDelta {
    TimeDelta::days(n)
}

/// A random Beijing working-hours instant (09:00–21:59) on `date`.
pub(super) fn office_time(rng: &mut Rng, date: NaiveDate) -> DateTime<Utc> {
    bj(date, rng.range_u32(9, 21), rng.range_u32(0, 59), rng.range_u32(0, 59))
}

/// Publish hours 08–22 (Beijing), peaking at lunch and in the evening.
const PUBLISH_HOUR_WEIGHTS: [u32; 15] = [2, 3, 3, 4, 7, 5, 3, 3, 3, 4, 5, 8, 9, 9, 6];

pub(super) fn publish_time(rng: &mut Rng, date: NaiveDate) -> DateTime<Utc> {
    let hour = 8 + rng.weighted(&PUBLISH_HOUR_WEIGHTS) as u32;
    bj(date, hour, rng.range_u32(0, 59), rng.range_u32(0, 59))
}
