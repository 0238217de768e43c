//! Deterministic demo data: two brands (a 家政 main brand in 上海/杭州/苏州 and a 生活美容 brand in 杭州/宁波), an
//! agency, stores, staff, their Xiaohongshu accounts, bindings in every interesting state, six months of notes
//! with long-tailed metrics and daily/weekly snapshots, and the users who act on them.
//!
//! The output depends only on `(seed, today)`: a local xoshiro256** generator (seeded through splitmix64) and
//! local `ln`/`exp` built from IEEE basic operations (no platform libm), so every platform produces the
//! same bytes. Times are stored in UTC; publish and invitation times are realistic Beijing (UTC+8) hours.
//!
//! The generator is spread over the demo folder by what it makes: `stores.rs`, `staff.rs`, `accounts.rs`
//! (accounts and bindings), `notes.rs` (notes and snapshots) and `users.rs`, each an `impl Gen` block; the
//! tables it draws from are in `names.rs`, `places.rs` and `vocab.rs`, the randomness and math in `rng.rs`,
//! Beijing time in `times.rs`. This file holds the shared state and `generate`, the entry point.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};

use super::dataset::{Dataset, DemoAgency};
use super::rng::Rng;
use super::times::bj;
use super::vocab::Specialty;

/// Days of note history before `today` (exclusive of today).
pub(super) const HISTORY_DAYS: i64 = 182;
/// The KOS program of the main brand started about this many days ago (first bindings).
pub(super) const PROGRAM_DAYS: i64 = 240;

pub const EXPIRED_REASON: &str = "邀请超过 48 小时未接受，已失效";
pub(super) const UNBIND_REASONS: [&str; 3] =
    ["员工离职，企业取消授权", "员工调岗至非门店岗位，企业取消授权", "员工离职，申请解除个人号授权"];

/// Facts about a staff member that the dataset does not carry but the generator needs.
#[derive(Clone)]
pub(super) struct Persona {
    pub(super) surname: String,
    pub(super) given: String,
    pub(super) english: &'static str,
    pub(super) specialty: Specialty,
    pub(super) is_manager: bool,
}

impl Persona {
    /// The given name as used in nicknames: single characters get "阿" (阿静).
    pub(super) fn given_nick(&self) -> String {
        if self.given.chars().count() == 1 {
            format!("阿{}", self.given)
        } else {
            self.given.clone()
        }
    }
}

/// Planned fate of an account's binding(s).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Plan {
    /// account exists but was never bound (a few fail B-2)
    NoBinding,
    Active,
    Frozen,
    Invited,
    Expired,
    /// expired first, then invited again (pending)
    ExpiredThenInvited,
    Unbound,
}

pub(super) struct Gen {
    pub(super) rng: Rng,
    pub(super) today: NaiveDate,
    /// today 00:00 Beijing time
    pub(super) day_start: DateTime<Utc>,
    pub(super) ds: Dataset,
    pub(super) personas: Vec<Persona>,
    /// per account: notes per week (0–6)
    pub(super) activity: Vec<f64>,
    pub(super) names: [HashSet<String>; 2],
    pub(super) ids: HashSet<String>,
    pub(super) phones: HashSet<String>,
    pub(super) xhs_ids: HashSet<String>,
    pub(super) nicknames: HashSet<String>,
}

/// Builds the demo data set; identical output for identical `(seed, today)`.
pub fn generate(seed: u64, today: NaiveDate) -> Dataset {
    let mut g = Gen {
        rng: Rng::new(seed),
        today,
        day_start: bj(today, 0, 0, 0),
        ds: Dataset {
            enterprises: Vec::new(),
            agency: DemoAgency { name: String::new(), reported_by: Vec::new() },
            stores: Vec::new(),
            staff: Vec::new(),
            accounts: Vec::new(),
            bindings: Vec::new(),
            notes: Vec::new(),
            users: Vec::new(),
        },
        personas: Vec::new(),
        activity: Vec::new(),
        names: [HashSet::new(), HashSet::new()],
        ids: HashSet::new(),
        phones: HashSet::new(),
        xhs_ids: HashSet::new(),
        nicknames: HashSet::new(),
    };
    g.enterprises_and_stores();
    for e in 0..2 {
        g.staff_of(e);
    }
    let managed = g.accounts_and_bindings();
    g.notes();
    g.users(managed);
    g.new_hire_accounts();
    g.ds
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet, HashMap};

    use chrono::{Datelike, TimeDelta};

    use super::*;
    use crate::demo::dataset::{DemoAccount, DemoBinding, DemoNote, DemoSnapshot, DemoStore, DemoUser};
    use crate::demo::names::THIRD_PARTY;
    use crate::demo::times::{bj_date, days};
    use crate::idcard;
    use crate::model::{BindingMode, BindingStatus, NoteType, Role, INDUSTRIES, JOB_TITLES};

    const SEED: u64 = 20231101;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date")
    }

    fn data() -> Dataset {
        generate(SEED, today())
    }

    /// A few (seed, today) pairs so the invariants do not hold by luck for one seed only.
    fn variants() -> Vec<(NaiveDate, Dataset)> {
        [(1_u64, (2026, 11, 26)), (7, (2025, 3, 1)), (424242, (2024, 2, 29)), (SEED, (2026, 11, 26))]
            .into_iter()
            .map(|(seed, (y, m, d))| {
                let t = NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
                (t, generate(seed, t))
            })
            .collect()
    }

    fn is_live(s: BindingStatus) -> bool {
        matches!(s, BindingStatus::Invited | BindingStatus::Active | BindingStatus::Frozen)
    }

    fn interactions(s: &DemoSnapshot) -> u64 {
        s.likes + s.collects + s.comments
    }

    fn last(n: &DemoNote) -> DemoSnapshot {
        *n.snapshots.last().expect("every note has snapshots")
    }

    #[test]
    fn deterministic_for_seed_and_today() {
        let a = data();
        assert_eq!(a, data());
        assert_ne!(a, generate(SEED + 1, today()));
        assert_ne!(a, generate(SEED, today() - days(1)));
    }

    #[test]
    fn enterprises_agency_and_stores() {
        for (today, ds) in variants() {
            assert_eq!(ds.enterprises.len(), 2);
            let (main, second) = (&ds.enterprises[0], &ds.enterprises[1]);
            assert_eq!((main.industry, main.city), ("家政", "上海"));
            assert_eq!((second.industry, second.city), ("生活美容", "杭州"));
            assert_eq!(ds.agency.reported_by, vec![0]);
            assert!(!ds.agency.name.is_empty());
            for (e, ent) in ds.enterprises.iter().enumerate() {
                let stores: Vec<&DemoStore> = ds.stores.iter().filter(|s| s.enterprise == e).collect();
                assert!(stores.len() >= 10, "B-1 needs 10 stores");
                assert!(ent.store_count as usize >= stores.len() && ent.store_count as usize <= stores.len() + 3);
                assert!(ent.professional_account && ent.staff_mgmt_permission);
                assert!(INDUSTRIES.contains(&ent.industry));
                for s in &stores {
                    let age = (today - s.opened_on).num_days();
                    assert!((365..=6 * 365).contains(&age), "opened 1–6 years ago");
                    assert!(bj_date(ent.created_at) < s.opened_on, "the brand predates its stores");
                }
            }
            assert!(ds.enterprises[0].last_serious_violation_at.is_none());
            let v = ds.enterprises[1].last_serious_violation_at.expect("old violation");
            assert!(bj_date(v) < today - days(365), "the violation no longer blocks B-1");

            let main_stores: Vec<&DemoStore> = ds.stores.iter().filter(|s| s.enterprise == 0).collect();
            assert!(main_stores.len() >= 12 && main_stores.len() <= 16);
            let cities: BTreeSet<&str> = main_stores.iter().map(|s| s.city).collect();
            assert_eq!(cities, BTreeSet::from(["上海", "杭州", "苏州"]));
            let names: HashSet<&str> = ds.stores.iter().map(|s| s.name.as_str()).collect();
            assert_eq!(names.len(), ds.stores.len(), "store names are unique");
            assert!(main_stores.iter().all(|s| s.name.starts_with("悦家家政·") && s.address.starts_with(s.district)));
        }
    }

    #[test]
    fn staff_are_realistic_and_unique() {
        for (today, ds) in variants() {
            let main = ds.staff.iter().filter(|s| s.enterprise == 0).count();
            let second = ds.staff.iter().filter(|s| s.enterprise == 1).count();
            assert!((80..=100).contains(&main), "main staff {main}");
            assert!((20..=30).contains(&second), "second staff {second}");
            let mut per_store: HashMap<usize, usize> = HashMap::new();
            let mut ids = HashSet::new();
            let mut phones = HashSet::new();
            let mut employee_nos = HashSet::new();
            let mut names: [HashSet<&str>; 2] = [HashSet::new(), HashSet::new()];
            for s in &ds.staff {
                *per_store.entry(s.store).or_default() += 1;
                assert_eq!(ds.stores[s.store].enterprise, s.enterprise);
                let id = idcard::validate(&s.id_number, today).expect("valid GB 11643 id");
                assert!(ids.insert(id.clone()), "duplicate id {id}");
                let birth = NaiveDate::parse_from_str(&id[6..14], "%Y%m%d").expect("birth date");
                let age = today.years_since(birth).expect("born before today");
                assert!((20..=55).contains(&age), "age {age}");
                assert!(s.phone.len() == 11 && s.phone.bytes().all(|b| b.is_ascii_digit()));
                assert!(["13", "15", "17", "18", "19"].contains(&&s.phone[..2]));
                assert!(phones.insert(s.phone.clone()), "duplicate phone");
                assert!(names[s.enterprise].insert(&s.name), "duplicate name {}", s.name);
                let chars = s.name.chars().count();
                assert!((2..=3).contains(&chars));
                assert!(s.hired_on >= ds.stores[s.store].opened_on, "hired after the store opened");
                assert!(s.hired_on >= today - days(6 * 365) && s.hired_on < today);
                // U-2: a 工号 unique in the whole demo (so within each brand), and a 岗位
                assert!(employee_nos.insert(s.employee_no.clone()), "duplicate 工号 {}", s.employee_no);
                assert!(!s.position.is_empty());
            }
            for (store, n) in per_store {
                if ds.stores[store].enterprise == 0 {
                    assert!((4..=10).contains(&n), "store {store} has {n} staff");
                }
            }
        }
    }

    #[test]
    fn accounts_are_well_formed() {
        for (_, ds) in variants() {
            let mut xhs = HashSet::new();
            for (i, a) in ds.accounts.iter().enumerate() {
                assert!((9..=10).contains(&a.xhs_id.len()) && a.xhs_id.bytes().all(|b| b.is_ascii_digit()));
                assert!(!a.xhs_id.starts_with('0'));
                assert!(xhs.insert(a.xhs_id.clone()), "duplicate xhs id");
                assert!(!a.nickname.is_empty());
                let bs: Vec<&DemoBinding> = ds.bindings.iter().filter(|b| b.account == i).collect();
                let Some(staff) = a.owner_staff else {
                    // a new hire's fresh account: nobody's yet, never bound, free to bind (B-2)
                    assert!(bs.is_empty() && !a.has_shop && a.phone_bound && !a.real_name_verified);
                    continue;
                };
                assert!(staff < ds.staff.len());
                for b in &bs {
                    assert_eq!(b.staff, staff);
                    assert!(a.created_at < b.invited_at, "account created before the binding");
                    assert!(!a.has_shop && a.phone_bound, "B-2 holds for bound accounts");
                    if b.mode == BindingMode::Enterprise {
                        assert!(a.real_name_verified, "B-22");
                    }
                }
                assert!(a.third_party_logins.iter().all(|l| THIRD_PARTY.iter().any(|t| t.0 == *l)));
            }
            let main_staff = ds.staff.iter().filter(|s| s.enterprise == 0).count();
            let main_accounts =
                ds.accounts.iter().filter(|a| a.owner_staff.is_some_and(|s| ds.staff[s].enterprise == 0)).count();
            let share = main_accounts as f64 / main_staff as f64;
            assert!((0.75..=0.95).contains(&share), "account share {share}");
            let unbound: Vec<&DemoAccount> = ds
                .accounts
                .iter()
                .enumerate()
                .filter(|(i, _)| !ds.bindings.iter().any(|b| b.account == *i))
                .map(|x| x.1)
                .collect();
            assert!(unbound.iter().any(|a| a.has_shop), "an unbound account shows the B-2 shop failure");
            assert!(unbound.iter().any(|a| !a.phone_bound), "an unbound account shows the B-2 phone failure");
            let followers: Vec<u32> = ds.accounts.iter().map(|a| a.followers).collect();
            let mut sorted = followers.clone();
            sorted.sort_unstable();
            let median = sorted[sorted.len() / 2];
            assert!((100..=1_000).contains(&median), "median followers {median}");
            assert!(followers.iter().filter(|&&f| f >= 5_000).count() >= 2);
            assert!(followers.iter().all(|&f| f <= 30_000));
        }
    }

    #[test]
    fn bindings_follow_the_rules() {
        for (today, ds) in variants() {
            let now = bj(today, 0, 0, 0);
            let mut live: HashMap<usize, usize> = HashMap::new();
            let mut managers: HashMap<usize, BTreeSet<usize>> = HashMap::new();
            let mut by_status: HashMap<(usize, BindingStatus), usize> = HashMap::new();
            for b in &ds.bindings {
                *by_status.entry((b.enterprise, b.status)).or_default() += 1;
                assert!(JOB_TITLES.contains(&b.job_title));
                assert_eq!(ds.staff[b.staff].enterprise, b.enterprise);
                assert!(b.invited_at < now);
                assert!(bj_date(b.invited_at) > ds.staff[b.staff].hired_on);
                if is_live(b.status) {
                    *live.entry(b.account).or_default() += 1;
                }
                if b.job_title == "店长" {
                    managers.entry(ds.staff[b.staff].store).or_default().insert(b.staff);
                }
                match b.status {
                    BindingStatus::Active | BindingStatus::Frozen => {
                        let eff = b.effective_at.expect("effective");
                        assert!(eff > b.invited_at && eff - b.invited_at < TimeDelta::hours(48));
                        assert!(b.ended_at.is_none() && b.end_reason.is_none());
                        let months = (now - eff).num_days();
                        assert!((28..=PROGRAM_DAYS + 1).contains(&months), "effective 1–8 months ago");
                    }
                    BindingStatus::Invited => {
                        assert!(b.effective_at.is_none() && b.ended_at.is_none());
                        // still pending at the very end of `today`
                        assert!(now + days(1) - b.invited_at < TimeDelta::hours(48));
                    }
                    BindingStatus::Expired => {
                        assert!(b.effective_at.is_none());
                        assert_eq!(b.ended_at, Some(b.invited_at + TimeDelta::hours(48)));
                        assert!(now - b.invited_at > TimeDelta::hours(48));
                        assert_eq!(b.end_reason.as_deref(), Some(EXPIRED_REASON));
                    }
                    BindingStatus::Unbound => {
                        assert_eq!(b.mode, BindingMode::Personal);
                        let eff = b.effective_at.expect("effective");
                        let ended = b.ended_at.expect("ended");
                        assert!(eff - b.invited_at < TimeDelta::hours(48));
                        assert!(ended - eff >= days(30), "B-18");
                        assert!(ended < now);
                        assert!(b.end_reason.is_some());
                    }
                    other => panic!("unexpected status {other:?}"),
                }
            }
            assert!(live.values().all(|&n| n == 1), "B-7: one live binding per account");
            assert!(managers.values().all(|m| m.len() == 1), "one 店长 per store");
            let count = |e, s| by_status.get(&(e, s)).copied().unwrap_or(0);
            assert!((2..=3).contains(&count(0, BindingStatus::Invited)));
            assert!((1..=2).contains(&count(0, BindingStatus::Expired)));
            assert!((1..=2).contains(&count(0, BindingStatus::Unbound)));
            assert_eq!(count(0, BindingStatus::Frozen), 2);
            assert!(count(0, BindingStatus::Active) >= 45, "{by_status:?}");
            assert!(count(1, BindingStatus::Active) >= 10);
            let main: Vec<&DemoBinding> = ds.bindings.iter().filter(|b| b.enterprise == 0).collect();
            let ent = main.iter().filter(|b| b.mode == BindingMode::Enterprise).count() as f64 / main.len() as f64;
            assert!((0.45..=0.8).contains(&ent), "enterprise share {ent}");
        }
    }

    #[test]
    fn notes_fall_within_their_bindings() {
        for (today, ds) in variants() {
            let now = bj(today, 0, 0, 0);
            let mut ids = HashSet::new();
            for n in &ds.notes {
                assert_eq!(n.note_id.len(), 24);
                assert!(n.note_id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
                assert_eq!(&n.note_id[..8], format!("{:08x}", n.published_at.timestamp()));
                assert!(ids.insert(n.note_id.clone()), "duplicate note id");
                let e = n.enterprise.expect("published while bound");
                let covered = ds.bindings.iter().any(|b| {
                    b.account == n.account
                        && b.enterprise == e
                        && b.effective_at.is_some_and(|eff| n.published_at >= eff)
                        && b.ended_at.is_none_or(|end| n.published_at < end)
                });
                assert!(covered, "note {} outside any effective binding", n.note_id);
                assert!(n.published_at < now);
                assert!(bj_date(n.published_at) >= today - days(HISTORY_DAYS));
                let hour = (n.published_at + TimeDelta::hours(8)).time().format("%H").to_string();
                assert!(("08"..="22").contains(&hour.as_str()), "local hour {hour}");
                match n.note_type {
                    NoteType::Video => {
                        assert!(n.video_secs.is_some_and(|s| (15..=180).contains(&s)));
                        assert!(
                            n.video_5s_rate.is_some_and(|r| (0.15..=0.6).contains(&r)) && n.image_3s_rate.is_none()
                        );
                    }
                    NoteType::Image => {
                        assert!(n.video_secs.is_none() && n.video_5s_rate.is_none());
                        assert!(n.image_3s_rate.is_some_and(|r| (0.2..=0.7).contains(&r)));
                    }
                }
                assert!((5.0..=60.0).contains(&n.avg_view_secs));
                assert!(!n.title.is_empty() && !n.title.contains('{'));
            }
            let main = ds.notes.iter().filter(|n| n.enterprise == Some(0)).count();
            assert!((2_500..=4_500).contains(&main), "main-brand notes {main}");
            assert!(ds.notes.iter().any(|n| n.enterprise == Some(1)));
        }
    }

    #[test]
    fn snapshots_are_cumulative_and_end_yesterday() {
        for (today, ds) in variants() {
            let yesterday = today - days(1);
            let mut total = 0;
            for n in &ds.notes {
                total += n.snapshots.len();
                let first = n.snapshots.first().expect("snapshots");
                assert_eq!(first.date, bj_date(n.published_at));
                assert_eq!(last(n).date, yesterday);
                for w in n.snapshots.windows(2) {
                    let (a, b) = (w[0], w[1]);
                    assert!(a.date < b.date);
                    let (x, y) = (
                        [a.exposure, a.reads, a.likes, a.collects, a.comments, a.shares, a.follows_gained, a.read_uv],
                        [b.exposure, b.reads, b.likes, b.collects, b.comments, b.shares, b.follows_gained, b.read_uv],
                    );
                    assert!(x.iter().zip(y).all(|(p, q)| *p <= q), "non-decreasing");
                }
                // daily for the first 14 days
                let daily = n.snapshots.iter().take(14).enumerate().all(|(i, s)| s.date == first.date + days(i as i64));
                assert!(daily);
                for s in &n.snapshots {
                    assert!(s.reads <= s.exposure && s.read_uv <= s.reads);
                }
            }
            assert!(total < 150_000, "{total} snapshots");
        }
    }

    #[test]
    fn metrics_are_long_tailed() {
        for (_, ds) in variants() {
            let mut likes: Vec<u64> = ds.notes.iter().map(|n| last(n).likes).collect();
            likes.sort_unstable();
            let median = likes[likes.len() / 2];
            let max = likes[likes.len() - 1];
            assert!(max > 20 * median.max(1), "max {max} median {median}");
            assert!(max >= 1_000, "a viral note has likes in the thousands");
            let mut exposure: Vec<u64> = ds.notes.iter().map(|n| last(n).exposure).collect();
            exposure.sort_unstable();
            let median = exposure[exposure.len() / 2];
            assert!((200..=5_000).contains(&median), "median exposure {median}");
            assert!(exposure.iter().any(|&x| x >= 100_000));
            for n in &ds.notes {
                let s = last(n);
                assert!(s.collects <= s.likes && s.read_uv <= s.reads);
            }
            // S-1 priority notes exist
            assert!(ds.notes.iter().filter(|n| last(n).likes > 10 || last(n).comments > 5).count() > 100);
        }
    }

    #[test]
    fn every_month_has_viral_candidates() {
        // I-1: each calendar month of the history has notes with more than 100 interactions
        let ds = data();
        let first_day = today() - days(HISTORY_DAYS);
        let mut by_month: BTreeMap<(i32, u32), usize> = BTreeMap::new();
        for n in ds.notes.iter().filter(|n| n.enterprise == Some(0)) {
            let d = bj_date(n.published_at);
            if (d.year(), d.month()) == (first_day.year(), first_day.month()) && first_day.day() > 1 {
                continue; // the history's partial first month
            }
            let entry = by_month.entry((d.year(), d.month())).or_default();
            if interactions(&last(n)) > 100 {
                *entry += 1;
            }
        }
        assert!(by_month.len() >= 6, "{by_month:?}");
        for (month, n) in &by_month {
            assert!(*n >= 3, "month {month:?} has {n} notes over 100 interactions");
        }
    }

    #[test]
    fn types_directions_and_titles_vary() {
        let ds = data();
        let videos = ds.notes.iter().filter(|n| n.note_type == NoteType::Video).count() as f64 / ds.notes.len() as f64;
        assert!((0.33..=0.47).contains(&videos), "video share {videos}");
        let main_dirs: BTreeSet<&str> =
            ds.notes.iter().filter(|n| n.enterprise == Some(0)).map(|n| n.direction).collect();
        for d in ["日常工作记录", "热门话题揭秘", "用户体验分享", "经验分享", "明星员工"] {
            assert!(main_dirs.contains(d), "{d}");
        }
        let beauty_dirs: BTreeSet<&str> =
            ds.notes.iter().filter(|n| n.enterprise == Some(1)).map(|n| n.direction).collect();
        for d in ["顾客变美实录", "特色人群案例", "行业经验分享"] {
            assert!(beauty_dirs.contains(d), "{d}");
        }
        let titles: HashSet<&str> = ds.notes.iter().map(|n| n.title.as_str()).collect();
        assert!(titles.len() >= 500, "{} distinct titles", titles.len());
    }

    #[test]
    fn users_cover_every_role() {
        for (_, ds) in variants() {
            let of = |r: Role| ds.users.iter().filter(move |u| u.role == r);
            assert_eq!(of(Role::BrandMarketing).count(), 2);
            assert_eq!(of(Role::Leader).count(), 2);
            assert_eq!(of(Role::Agency).count(), 1);
            assert_eq!(of(Role::PlatformReviewer).count(), 1);
            let managers: Vec<&DemoUser> = of(Role::StoreManager).collect();
            assert_eq!(managers.len(), 2);
            let mut seen = HashSet::new();
            for m in &managers {
                assert_eq!(m.enterprise, Some(0));
                assert!((2..=4).contains(&m.stores.len()));
                assert!(m.stores.iter().all(|&s| ds.stores[s].enterprise == 0 && seen.insert(s)));
                let staff = m.staff.expect("a manager is staff");
                assert_eq!(ds.staff[staff].name, m.name);
                assert!(m.stores.contains(&ds.staff[staff].store));
                assert!(ds
                    .bindings
                    .iter()
                    .any(|b| b.staff == staff && b.status == BindingStatus::Active && b.job_title == "店长"));
            }
            let employees: Vec<&DemoUser> = of(Role::Employee).collect();
            assert_eq!(employees.len(), 3);
            let status_of = |u: &DemoUser| {
                ds.bindings.iter().filter(|b| Some(b.staff) == u.staff && is_live(b.status)).map(|b| b.status).next()
            };
            assert_eq!(employees.iter().filter(|u| status_of(u) == Some(BindingStatus::Active)).count(), 2);
            assert_eq!(employees.iter().filter(|u| status_of(u) == Some(BindingStatus::Invited)).count(), 1);
            let agency = of(Role::Agency).next().expect("agency user");
            assert!(agency.agency && agency.enterprise.is_none());
            assert!(of(Role::PlatformReviewer).all(|u| u.enterprise.is_none() && !u.agency));
            assert!(ds.users.iter().all(|u| !u.name.is_empty() && !u.name.contains('（')));
        }
    }
}
