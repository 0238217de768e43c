//! Six months of notes with long-tailed metrics and titles, and their daily/weekly snapshots.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::dataset::{DemoNote, DemoSnapshot};
use super::generate::{Gen, HISTORY_DAYS};
use super::names::{ENGLISH_NAMES, SURNAMES};
use super::rng::{det_exp, det_pow, round_to, Rng};
use super::times::{bj, bj_date, days, publish_time};
use super::vocab::{vocab, Dir, Vocab};
use crate::model::{BindingStatus, NoteType};

impl Gen {
    /// Six months of notes for every binding that became effective, with metrics and snapshots.
    pub(super) fn notes(&mut self) {
        let mut rng = self.rng.fork(30);
        let today = self.today;
        let window_start = bj(today - days(HISTORY_DAYS), 0, 0, 0);
        // star accounts: the most active bound accounts of each brand get 5,000–30,000 followers
        for e in 0..2 {
            let mut live: Vec<usize> = self
                .ds
                .bindings
                .iter()
                .filter(|b| b.enterprise == e && b.status == BindingStatus::Active)
                .map(|b| b.account)
                .collect();
            live.sort_by(|a, b| self.activity[*b].total_cmp(&self.activity[*a]).then(a.cmp(b)));
            let stars = if e == 0 { 3 } else { 1 };
            for &a in live.iter().take(stars) {
                self.ds.accounts[a].followers = rng.log_uniform(5_000.0, 30_000.0).round() as u32;
            }
        }

        // calibrate each brand's activity so that its expected note count lands in a realistic band
        let windows: Vec<(usize, usize, f64)> = self
            .ds
            .bindings
            .iter()
            .filter_map(|b| {
                let start = b.effective_at?.max(window_start);
                let end = b.ended_at.unwrap_or(self.day_start).min(self.day_start);
                (start < end).then(|| (b.enterprise, b.account, (end - start).num_seconds() as f64 / (7.0 * 86_400.0)))
            })
            .collect();
        for (e, (lo, hi)) in [(3_000, 3_700), (750, 1_000)].into_iter().enumerate() {
            let target = rng.range(lo, hi) as f64;
            let brand: Vec<(usize, f64)> = windows.iter().filter(|w| w.0 == e).map(|w| (w.1, w.2)).collect();
            let expected =
                |k: f64| brand.iter().map(|&(a, weeks)| (self.activity[a] * k).min(6.0) * weeks).sum::<f64>();
            let (mut k_lo, mut k_hi) = (0.01, 50.0);
            for _ in 0..60 {
                let mid = (k_lo + k_hi) / 2.0;
                if expected(mid) < target {
                    k_lo = mid;
                } else {
                    k_hi = mid;
                }
            }
            let k = (k_lo + k_hi) / 2.0;
            for a in 0..self.ds.accounts.len() {
                if self.ds.accounts[a].owner_staff.is_some_and(|s| self.ds.staff[s].enterprise == e) {
                    self.activity[a] = (self.activity[a] * k).min(6.0);
                }
            }
        }

        let mut drafts: Vec<NoteDraftOut> = Vec::new();
        let bindings = self.ds.bindings.clone();
        for b in &bindings {
            let Some(effective) = b.effective_at else {
                continue;
            };
            let start = effective.max(window_start);
            let end = b.ended_at.unwrap_or(self.day_start).min(self.day_start);
            if start >= end {
                continue;
            }
            let lambda = self.activity[b.account];
            let p = lambda / 6.0;
            let followers = f64::from(self.ds.accounts[b.account].followers.max(10));
            let quality = det_pow(followers / 300.0, 0.35) * rng.log_normal(1.0, 0.35);
            let first_day = bj_date(start);
            let last_day = bj_date(end);
            let mut week = first_day;
            while week <= last_day {
                let n = (0..6).filter(|_| rng.chance(p)).count();
                for _ in 0..n {
                    let day = week + days(rng.range(0, 6));
                    let t = publish_time(&mut rng, day);
                    if t < start || t >= end {
                        continue;
                    }
                    drafts.push(self.draft_note(&mut rng, b.account, b.staff, b.enterprise, t, quality));
                }
                week += days(7);
            }
        }
        drafts.sort_by(|a, b| a.note.published_at.cmp(&b.note.published_at).then(a.note.account.cmp(&b.note.account)));

        let yesterday = today - days(1);
        let id_offset = rng.below(1 << 24);
        for (i, d) in drafts.iter_mut().enumerate() {
            let ts = d.note.published_at.timestamp();
            let serial = (i as u64).wrapping_mul(0x9E37_79B1).wrapping_add(id_offset) & 0xFF_FFFF;
            d.note.note_id = format!("{ts:08x}00000000{:02x}{serial:06x}", 0x10 + rng.below(16));
            d.note.snapshots = snapshots(&mut rng, bj_date(d.note.published_at), yesterday, &d.metrics);
        }
        self.ds.notes = drafts.into_iter().map(|d| d.note).collect();
    }

    fn draft_note(
        &self,
        rng: &mut Rng,
        account: usize,
        staff: usize,
        enterprise: usize,
        published_at: DateTime<Utc>,
        quality: f64,
    ) -> NoteDraftOut {
        let v = vocab(enterprise);
        let weights: Vec<u32> = v.dirs.iter().map(|d| d.weight).collect();
        let dir = &v.dirs[rng.weighted(&weights)];
        let title = self.title(rng, v, dir, staff, published_at);
        let video = rng.chance(0.4);
        let video_secs = video.then(|| if rng.chance(0.6) { rng.range_u32(15, 60) } else { rng.range_u32(61, 180) });

        // final metrics: log-normal exposure, with rare viral notes
        let viral = rng.chance(0.006);
        let exposure = if viral {
            rng.log_uniform(100_000.0, 420_000.0)
        } else {
            (rng.log_normal(950.0, 0.95) * quality * if video { 1.15 } else { 1.0 }).clamp(60.0, 90_000.0)
        };
        let reads = exposure * rng.uniform(0.08, 0.15);
        let like_rate = if viral { rng.uniform(0.07, 0.14) } else { rng.log_normal(0.055, 0.45).clamp(0.005, 0.25) };
        let likes = reads * like_rate;
        let collects = likes * rng.uniform(0.3, 0.8);
        let comments = likes * rng.uniform(0.05, 0.2) + rng.uniform(0.0, 2.0);
        let shares = likes * rng.uniform(0.01, 0.1);
        let follows = reads * rng.uniform(0.001, 0.008);
        let read_uv = reads * rng.uniform(0.8, 0.95);
        let metrics = [exposure, reads, likes, collects, comments, shares, follows, read_uv].map(|x| x.round() as u64);

        let avg_view_secs = match video_secs {
            Some(secs) => round_to((f64::from(secs) * rng.uniform(0.18, 0.55)).clamp(5.0, 60.0), 1),
            None => round_to(rng.uniform(5.0, 32.0), 1),
        };
        let note = DemoNote {
            note_id: String::new(),
            account,
            enterprise: Some(enterprise),
            title,
            note_type: if video { NoteType::Video } else { NoteType::Image },
            direction: dir.name,
            published_at,
            video_secs,
            avg_view_secs,
            video_5s_rate: video.then(|| round_to(rng.uniform(0.15, 0.6), 4)),
            image_3s_rate: (!video).then(|| round_to(rng.uniform(0.2, 0.7), 4)),
            snapshots: Vec::new(),
        };
        NoteDraftOut { note, metrics }
    }

    fn title(&self, rng: &mut Rng, v: &Vocab, dir: &Dir, staff: usize, published_at: DateTime<Utc>) -> String {
        let template = rng.pick(dir.templates);
        let persona = &self.personas[staff];
        let store = &self.ds.stores[self.ds.staff[staff].store];
        let job = match persona.specialty.name {
            "店长" | "家政顾问" | "美容顾问" => {
                if v.trade == "家政" {
                    rng.pick(&["月嫂", "保洁师", "收纳师", "育儿嫂"])
                } else {
                    "美容师"
                }
            }
            other => other,
        };
        let mut out = String::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let key = &after[..close];
            let value: String = match key {
                "n" => rng.range(3, 10).to_string(),
                "years" => rng.range(3, 15).to_string(),
                "d" => rng.pick(&[7, 10, 14, 21, 28, 30, 42]).to_string(),
                "area" => (rng.range(11, 36) * 5).to_string(),
                "h" => rng.range(2, 8).to_string(),
                "m" => rng.range(2, 11).to_string(),
                "age" => rng.range(25, 52).to_string(),
                "mo" => rng.range(2, 6).to_string(),
                "floors" => rng.range(2, 33).to_string(),
                "t" => rng.range(5, 7).to_string(),
                "count" => rng.range(2, 4).to_string(),
                "price" => (rng.range(88, 188) * 100).to_string(),
                "stores" => {
                    self.ds.enterprises.get(self.ds.staff[staff].enterprise).map_or(12, |e| e.store_count).to_string()
                }
                "month" => bj_date(published_at).month().to_string(),
                "brandyears" => {
                    let created =
                        self.ds.enterprises.get(self.ds.staff[staff].enterprise).map(|e| bj_date(e.created_at));
                    let years = created.and_then(|c| bj_date(published_at).years_since(c)).unwrap_or(5);
                    (years.max(1)).to_string()
                }
                "svc" => rng.pick(v.svc).to_string(),
                "room" => rng.pick(v.room).to_string(),
                "policy" => rng.pick(v.policy).to_string(),
                "skill" => rng.pick(v.skill).to_string(),
                "cert" => rng.pick(v.cert).to_string(),
                "offer" => rng.pick(v.offer).to_string(),
                "tip" => rng.pick(v.tip).to_string(),
                "topic" => rng.pick(v.topic).to_string(),
                "group" => rng.pick(v.group).to_string(),
                "face" => rng.pick(v.face).to_string(),
                "brand" => v.short.to_string(),
                "trade" => v.trade.to_string(),
                "job" => job.to_string(),
                "city" => store.city.to_string(),
                "district" => store.district.to_string(),
                "store" => store.name.split('·').nth(1).unwrap_or(&store.name).to_string(),
                "sname" => SURNAMES.chars().nth(rng.index(30)).map_or_else(String::new, String::from),
                "eng" => rng.pick(&ENGLISH_NAMES).to_string(),
                other => format!("{{{other}}}"),
            };
            out.push_str(&value);
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        let roll = rng.unit();
        if roll < 0.38 {
            out.push_str(rng.pick(v.emoji));
        } else if roll < 0.46 {
            out = format!("{}{out}", rng.pick(&["🔥", "📌", "✨"]));
        } else if roll < 0.52 {
            let e = rng.pick(v.emoji);
            out = format!("{out}{e}{e}");
        }
        out
    }
}

/// A note before its id and snapshots are assigned, with its final metrics (exposure, reads, likes,
/// collects, comments, shares, follows, read UV).
struct NoteDraftOut {
    note: DemoNote,
    metrics: [u64; 8],
}

/// Cumulative snapshots: daily for the first 14 days after publishing, then weekly, and always one for
/// `yesterday`, whose values are the note's final metrics. Growth is front-loaded with a slow search tail.
fn snapshots(rng: &mut Rng, published: NaiveDate, yesterday: NaiveDate, metrics: &[u64; 8]) -> Vec<DemoSnapshot> {
    let total_days = (yesterday - published).num_days();
    let tau = rng.uniform(1.8, 4.0);
    let tail = rng.uniform(0.04, 0.18);
    let g = |t: i64| (1.0 - tail) * (1.0 - det_exp(-((t + 1) as f64) / tau)) + tail * (t.min(180) as f64 / 180.0);
    let g_end = g(total_days);
    let mut offsets: Vec<i64> = (0..14).take_while(|&t| t <= total_days).collect();
    let mut t = 20;
    while t < total_days {
        offsets.push(t);
        t += 7;
    }
    if offsets.last() != Some(&total_days) && total_days >= 0 {
        offsets.push(total_days);
    }
    offsets
        .into_iter()
        .map(|t| {
            let f = if t >= total_days { 1.0 } else { (g(t) / g_end).min(1.0) };
            let v = metrics.map(|m| if f >= 1.0 { m } else { (m as f64 * f).floor() as u64 });
            DemoSnapshot {
                date: published + days(t),
                exposure: v[0],
                reads: v[1],
                likes: v[2],
                collects: v[3],
                comments: v[4],
                shares: v[5],
                follows_gained: v[6],
                read_uv: v[7],
            }
        })
        .collect()
}
