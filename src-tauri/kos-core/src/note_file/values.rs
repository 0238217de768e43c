//! N-1: cell values: note IDs and links, note types, counts (`1.2万`), rates (`14.5%`), durations (`1分5秒`)
//! and publish times (Asia/Shanghai, Excel serials); a value that cannot be read is a `Bad` with the reason
//! in Chinese and English.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use crate::clock;

pub(super) struct Bad(pub(super) String, pub(super) String);

fn is_hex24(s: &str) -> bool {
    s.len() == 24 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

pub(super) fn is_short_link(s: &str) -> bool {
    s.to_ascii_lowercase().contains("xhslink.com")
}

/// The canonical web link of a note (what exports and boards print).
pub fn note_url(note_id: &str) -> String {
    format!("https://www.xiaohongshu.com/explore/{note_id}")
}

/// The note ID in a note link: `https://www.xiaohongshu.com/explore/<id>`, `/discovery/item/<id>`,
/// `/user/profile/<uid>/<id>`, with or without scheme or `www.`, with query string or fragment; or a bare
/// 24-hex ID. Short links (xhslink.com) and anything else give `None`. The ID comes back lower-cased.
pub fn note_id_from_link(link: &str) -> Option<String> {
    let s = link.trim();
    if is_hex24(s) {
        return Some(s.to_ascii_lowercase());
    }
    let rest = ["https://", "http://", "//"].iter().find_map(|p| strip_prefix_ci(s, p)).unwrap_or(s);
    let (host, path) = rest.split_once('/')?;
    let host = host.split(':').next().unwrap_or(host);
    if !["xiaohongshu.com", "www.xiaohongshu.com", "m.xiaohongshu.com"].iter().any(|h| host.eq_ignore_ascii_case(h)) {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let mut segments = ["", "", "", "", ""];
    let mut n = 0;
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if n == segments.len() {
            return None;
        }
        segments[n] = seg;
        n += 1;
    }
    let is = |i: usize, word: &str| segments[i].eq_ignore_ascii_case(word);
    let id = match n {
        2 if is(0, "explore") => segments[1],
        3 if is(0, "discovery") && is(1, "item") => segments[2],
        4 if is(0, "user") && is(1, "profile") => segments[3],
        _ => return None,
    };
    is_hex24(id).then(|| id.to_ascii_lowercase())
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

fn shown(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

/// Metric cells that mean "no data" in platform exports.
pub(super) fn is_placeholder(s: &str) -> bool {
    matches!(s, "-" | "--" | "—" | "——" | "/" | "N/A" | "n/a" | "NA")
}

pub(super) fn parse_note_type(s: &str) -> Result<&'static str, Bad> {
    match s.to_ascii_lowercase().as_str() {
        "视频" | "视频笔记" | "video" => Ok("video"),
        "图文" | "图文笔记" | "image" | "normal" | "普通" => Ok("image"),
        "" => Err(Bad(
            "笔记类型不能为空（应为「视频」或「图文」）".into(),
            "The note type is empty (video or image)".into(),
        )),
        _ => Err(Bad(
            format!("笔记类型「{}」无法识别，应为「视频」或「图文」", shown(s)),
            format!("Unknown note type \"{}\": expected video or image", shown(s)),
        )),
    }
}

/// Counts: `1234`, `1,234`, `1.2万` (12000), `12w`, `3.5k`; empty or a dash is 0.
pub(super) fn parse_count(s: &str) -> Result<i64, Bad> {
    if s.is_empty() || is_placeholder(s) {
        return Ok(0);
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(v) = s.parse::<i64>() {
            return Ok(v);
        }
    }
    let bad = || {
        Bad(
            format!("应为非负整数，如 1234、1,234 或 1.2万（实际为「{}」）", shown(s)),
            format!("Expected a whole number such as 1234, 1,234 or 1.2万 (got \"{}\")", shown(s)),
        )
    };
    let (num, mult) = if let Some(n) = s.strip_suffix('万') {
        (n, 10_000.0)
    } else if let Some(n) = s.strip_suffix(['w', 'W']) {
        (n, 10_000.0)
    } else if let Some(n) = s.strip_suffix(['k', 'K']) {
        (n, 1_000.0)
    } else {
        (s, 1.0)
    };
    let num: String = num.trim().chars().filter(|c| !matches!(c, ',' | '，')).collect();
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(bad());
    }
    let v: f64 = num.parse().map_err(|_| bad())?;
    if mult == 1.0 && v.fract() != 0.0 {
        return Err(bad());
    }
    let v = (v * mult).round();
    if !(0.0..9.0e15).contains(&v) {
        return Err(bad());
    }
    Ok(v as i64)
}

/// Rates as a fraction 0..=1: `14%`, `14.5%`, `0.145` (a number up to 1 is a fraction, above 1 a percentage).
pub(super) fn parse_rate(s: &str) -> Result<Option<f64>, Bad> {
    if s.is_empty() || is_placeholder(s) {
        return Ok(None);
    }
    let bad = || {
        Bad(
            format!("应为 0%–100% 之间的比例，如 14.5% 或 0.145（实际为「{}」）", shown(s)),
            format!("Expected a rate between 0% and 100%, such as 14.5% or 0.145 (got \"{}\")", shown(s)),
        )
    };
    let (num, percent) = match s.strip_suffix(['%', '％']) {
        Some(n) => (n.trim(), true),
        None => (s, false),
    };
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(bad());
    }
    let v: f64 = num.parse().map_err(|_| bad())?;
    let v = if percent || v > 1.0 { v / 100.0 } else { v };
    if !(0.0..=1.0).contains(&v) {
        return Err(bad());
    }
    Ok(Some(v))
}

/// Durations in seconds: `12.5`, `12秒`, `12s`, `1:05`, `00:01:05`, `1分5秒`, `1分钟5秒`, `1m5s`.
pub(super) fn parse_duration(s: &str) -> Result<Option<f64>, Bad> {
    if s.is_empty() || is_placeholder(s) {
        return Ok(None);
    }
    let bad = || {
        Bad(
            format!("时长无法识别，应为秒数或 1:05、1分5秒 这样的形式（实际为「{}」）", shown(s)),
            format!("Unrecognised duration: expected seconds or a form like 1:05 or 1分5秒 (got \"{}\")", shown(s)),
        )
    };
    let number = |t: &str| -> Option<f64> {
        let t = t.trim();
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return None;
        }
        t.parse::<f64>().ok()
    };
    if s.contains(':') {
        let mut total = 0.0;
        let mut parts = 0;
        for p in s.split(':') {
            total = total * 60.0 + number(p).ok_or_else(bad)?;
            parts += 1;
        }
        if parts > 3 {
            return Err(bad());
        }
        return Ok(Some(total));
    }
    let mut total = 0.0;
    let mut rest = s;
    let mut any = false;
    while !rest.is_empty() {
        let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        if end == 0 {
            return Err(bad());
        }
        let v = number(&rest[..end]).ok_or_else(bad)?;
        rest = &rest[end..];
        let unit_end = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len());
        let unit = rest[..unit_end].trim().to_ascii_lowercase();
        rest = &rest[unit_end..];
        let mult = match unit.as_str() {
            "" | "秒" | "秒钟" | "s" | "sec" | "secs" => 1.0,
            "分" | "分钟" | "m" | "min" | "mins" => 60.0,
            "时" | "小时" | "h" => 3600.0,
            _ => return Err(bad()),
        };
        total += v * mult;
        any = true;
    }
    if !any || !total.is_finite() {
        return Err(bad());
    }
    Ok(Some(total))
}

/// Publish times, Asia/Shanghai local unless the text carries an offset: `2026-11-20 10:00:00`,
/// `2026-11-20 10:00`, `2026/11/20 10:00:00`, `2026-11-20` (midnight), `2026年11月20日 10:00`,
/// `2026-11-20T10:00:00+08:00`, or an Excel date serial (`46346.4166`).
pub(super) fn parse_published_at(s: &str) -> Result<String, Bad> {
    if s.is_empty() {
        return Err(Bad("发布时间不能为空".into(), "The publish time is empty".into()));
    }
    let t = parse_time(s).filter(|t| (2000..2100).contains(&clock::shanghai_date(*t).year())).ok_or_else(|| {
        Bad(
            format!("发布时间「{}」无法识别，应为 2026-11-20 10:00:00 这样的日期时间", shown(s)),
            format!("Unrecognised publish time \"{}\": expected a date and time like 2026-11-20 10:00:00", shown(s)),
        )
    })?;
    Ok(clock::ts(t))
}

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        let serial: f64 = s.parse().ok()?;
        if !(1.0..2_958_466.0).contains(&serial) {
            return None;
        }
        let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
        let local = epoch + Duration::seconds((serial * 86_400.0).round() as i64);
        return Some(from_shanghai(local));
    }
    parse_local_time(s).or_else(|| DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&Utc)))
}

/// `2026-11-20 10:00:00`, `2026/11/20 10:00`, `2026-11-20`, `2026年11月20日 10:00` as Asia/Shanghai time.
fn parse_local_time(s: &str) -> Option<DateTime<Utc>> {
    let replaced;
    let s = if s.is_ascii() {
        s
    } else {
        replaced = s.replace(['年', '月'], "-").replace('日', " ");
        replaced.trim()
    };
    let (date, time) = match s.find([' ', 'T']) {
        Some(i) => (&s[..i], s[i + 1..].trim()),
        None => (s, ""),
    };
    let mut d = date.split(['-', '/', '.']);
    let (y, m, day) = (d.next()?.parse().ok()?, d.next()?.parse().ok()?, d.next()?.parse().ok()?);
    if d.next().is_some() {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y, m, day)?;
    let time = if time.is_empty() {
        NaiveTime::MIN
    } else {
        let mut p = time.split(':');
        let h: u32 = p.next()?.trim().parse().ok()?;
        let mi: u32 = p.next()?.trim().parse().ok()?;
        let sec: f64 = match p.next() {
            Some(x) => {
                let x = x.trim();
                if x.is_empty() || !x.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                    return None;
                }
                x.parse().ok()?
            }
            None => 0.0,
        };
        if p.next().is_some() || !(0.0..60.0).contains(&sec) {
            return None;
        }
        NaiveTime::from_hms_opt(h, mi, sec.floor() as u32)?
    };
    Some(from_shanghai(NaiveDateTime::new(date, time)))
}

fn from_shanghai(local: NaiveDateTime) -> DateTime<Utc> {
    (local - Duration::hours(8)).and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note_file::test_support::ID;

    #[test]
    fn n1_note_id_from_link_forms() {
        let upper = ID.to_ascii_uppercase();
        let ok = [
            format!("https://www.xiaohongshu.com/explore/{ID}"),
            format!("http://www.xiaohongshu.com/explore/{ID}?xsec_token=AB&xsec_source=pc_feed#comments"),
            format!("www.xiaohongshu.com/explore/{ID}/"),
            format!("xiaohongshu.com/discovery/item/{ID}?app_platform=ios"),
            format!("https://www.xiaohongshu.com/discovery/item/{ID}"),
            format!("https://www.xiaohongshu.com/user/profile/5f1e2d3c4b5a697887766554/{ID}?tab=note"),
            format!("  https://www.xiaohongshu.com/explore/{upper}  "),
            ID.to_string(),
            upper.clone(),
        ];
        for l in &ok {
            assert_eq!(note_id_from_link(l).as_deref(), Some(ID), "{l}");
        }
        let bad = [
            "https://xhslink.com/a/AbCdEf".to_string(),
            "http://xhslink.com/AbCdEf".to_string(),
            format!("https://example.com/explore/{ID}"),
            format!("https://www.xiaohongshu.com/user/profile/{ID}"),
            "https://www.xiaohongshu.com/explore/123".to_string(),
            format!("{ID}0"),
            String::new(),
        ];
        for l in &bad {
            assert_eq!(note_id_from_link(l), None, "{l}");
        }
        assert!(is_short_link("https://XHSLINK.com/a/x"));
    }

    #[test]
    fn n1_value_forms() {
        for (s, v) in [("", 0), ("-", 0), ("1234", 1234), ("1,234", 1234), ("1.2万", 12_000), ("12w", 120_000)] {
            assert_eq!(parse_count(s).ok(), Some(v), "{s}");
        }
        assert_eq!(parse_count("3.5k").ok(), Some(3500));
        for s in ["-1", "abc", "1.5", "1e400", "99999999999999999999"] {
            assert!(parse_count(s).is_err(), "{s}");
        }
        for (s, v) in [("14%", 0.14), ("14.5%", 0.145), ("0.145", 0.145), ("14.5", 0.145), ("100%", 1.0), ("1", 1.0)] {
            let got = parse_rate(s).ok().flatten().unwrap();
            assert!((got - v).abs() < 1e-12, "{s}: {got}");
        }
        assert_eq!(parse_rate("").ok(), Some(None));
        for s in ["101%", "150", "-1%", "x%"] {
            assert!(parse_rate(s).is_err(), "{s}");
        }
        for (s, v) in [
            ("12.5", 12.5),
            ("12秒", 12.0),
            ("12s", 12.0),
            ("1:05", 65.0),
            ("00:01:05", 65.0),
            ("1分5秒", 65.0),
            ("1分钟5秒", 65.0),
            ("1m5s", 65.0),
        ] {
            assert_eq!(parse_duration(s).ok().flatten(), Some(v), "{s}");
        }
        for s in ["abc", "1:2:3:4", "-5", "5天"] {
            assert!(parse_duration(s).is_err(), "{s}");
        }
        let utc = "2026-11-20T02:00:00Z";
        for s in [
            "2026-11-20 10:00:00",
            "2026-11-20 10:00",
            "2026/11/20 10:00:00",
            "2026/11/20 10:00",
            "2026-11-20T10:00:00+08:00",
            "2026-11-20T02:00:00Z",
            "2026年11月20日 10:00",
            "46346.416666666664",
        ] {
            assert_eq!(parse_published_at(s).ok().as_deref(), Some(utc), "{s}");
        }
        assert_eq!(parse_published_at("2026-11-20").ok().as_deref(), Some("2026-11-19T16:00:00Z"));
        assert_eq!(parse_published_at("2026/1/5 9:30").ok().as_deref(), Some("2026-01-05T01:30:00Z"));
        for s in ["2026-11-31", "12", "2026-11-20 25:00", "1890-01-01", "昨天 10:00"] {
            assert!(parse_published_at(s).is_err(), "{s}");
        }
    }
}
