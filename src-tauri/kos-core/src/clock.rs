//! Time is passed in: every rule takes `now` from a `Clock`, so tests set the time instead of sleeping.

use std::sync::{Arc, RwLock};

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

#[derive(Clone, Debug, Default)]
pub struct Clock {
    fixed: Option<Arc<RwLock<DateTime<Utc>>>>,
}

impl Clock {
    pub fn system() -> Self {
        Clock { fixed: None }
    }

    /// A clock that stands still at `at` until `set` or `advance` moves it.
    pub fn fixed(at: DateTime<Utc>) -> Self {
        Clock { fixed: Some(Arc::new(RwLock::new(at))) }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &self.fixed {
            Some(t) => *t.read().unwrap_or_else(|p| p.into_inner()),
            None => Utc::now(),
        }
    }

    pub fn set(&self, at: DateTime<Utc>) {
        if let Some(t) = &self.fixed {
            *t.write().unwrap_or_else(|p| p.into_inner()) = at;
        }
    }

    pub fn advance(&self, by: chrono::Duration) {
        self.set(self.now() + by);
    }

    /// Today's date where the brands work (Asia/Shanghai, UTC+8 all year).
    pub fn today(&self) -> NaiveDate {
        shanghai_date(self.now())
    }
}

pub fn shanghai() -> FixedOffset {
    #[allow(clippy::expect_used)]
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is within ±24 h")
}

pub fn shanghai_date(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&shanghai()).date_naive()
}

/// ISO-8601 UTC text as stored in the database.
pub fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// An instant as Beijing local time with its offset, `2026-12-02T11:05:00+08:00`: what a refusal's
/// `details.available_from` carries, so the window can count down to it.
pub fn beijing_rfc3339(t: DateTime<Utc>) -> String {
    t.with_timezone(&shanghai()).to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// An instant as people read it in Beijing, to the minute: `2026-12-02 11:05`.
pub fn beijing_minute(t: DateTime<Utc>) -> String {
    t.with_timezone(&shanghai()).format("%Y-%m-%d %H:%M").to_string()
}

pub fn parse_ts(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&Utc))
}
