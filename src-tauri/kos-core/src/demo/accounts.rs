//! The staff's Xiaohongshu accounts and their bindings in every interesting state, and the two new hires'
//! accounts not yet bound.

use chrono::TimeDelta;

use super::dataset::{DemoAccount, DemoBinding};
use super::generate::{Gen, Plan, EXPIRED_REASON, PROGRAM_DAYS, UNBIND_REASONS};
use super::names::THIRD_PARTY;
use super::rng::{det_pow, Rng};
use super::times::{days, office_time};
use super::vocab::vocab;
use crate::model::{BindingMode, BindingStatus, JOB_TITLES};

impl Gen {
    fn unique_xhs_id(&mut self, rng: &mut Rng) -> String {
        loop {
            let id = if rng.chance(0.45) {
                format!("{}", rng.range(100_000_000, 999_999_999))
            } else {
                format!("{}", rng.range(1_000_000_000, 9_999_999_999))
            };
            if self.xhs_ids.insert(id.clone()) {
                return id;
            }
        }
    }

    fn nickname(&mut self, rng: &mut Rng, staff: usize) -> String {
        let p = &self.personas[staff];
        let st = &self.ds.stores[self.ds.staff[staff].store];
        let v = vocab(self.ds.staff[staff].enterprise);
        let template = rng.pick(p.specialty.nicknames);
        let base = template
            .replace("{s}", &p.surname)
            .replace("{g}", &p.given_nick())
            .replace("{e}", p.english)
            .replace("{city}", st.city)
            .replace("{area}", st.name.split('·').nth(1).map_or("", |a| a.trim_end_matches('店')))
            .replace("{brand}", v.short);
        let decorations = ["🌸", "✨", "～", "🍀", "🌷", "🌼"];
        let mut attempt = 0;
        loop {
            let candidate = match attempt {
                0 if rng.chance(0.75) => base.clone(),
                k if k < 8 => format!("{base}{}", rng.pick(&decorations)),
                k => format!("{base}{k}"),
            };
            if self.nicknames.insert(candidate.clone()) {
                return candidate;
            }
            attempt += 1;
        }
    }

    /// Accounts and bindings of both brands. Returns the staff of the two store-manager users (main brand).
    pub(super) fn accounts_and_bindings(&mut self) -> Vec<usize> {
        let mut rng = self.rng.fork(20);
        let mut managed = Vec::new();
        for e in 0..2 {
            let staff: Vec<usize> = (0..self.ds.staff.len()).filter(|&i| self.ds.staff[i].enterprise == e).collect();
            // staff that must be active: main brand's first 上海 and first 杭州 store managers (store-manager users)
            let mut forced: Vec<usize> = Vec::new();
            if e == 0 {
                for city in ["上海", "杭州"] {
                    if let Some(&s) = staff
                        .iter()
                        .find(|&&s| self.personas[s].is_manager && self.ds.stores[self.ds.staff[s].store].city == city)
                    {
                        forced.push(s);
                    }
                }
                managed.clone_from(&forced);
            }
            let with_account: Vec<usize> = staff
                .iter()
                .copied()
                .filter(|s| forced.contains(s) || rng.chance(if self.personas[*s].is_manager { 0.95 } else { 0.85 }))
                .collect();
            // plan: shuffle the non-forced accounts and hand out the special fates
            let mut pool: Vec<usize> = with_account.iter().copied().filter(|s| !forced.contains(s)).collect();
            rng.shuffle(&mut pool);
            let mut fates: Vec<Plan> = Vec::new();
            if e == 0 {
                fates.extend([Plan::NoBinding; 4]);
                fates.extend(vec![Plan::Invited; rng.range(1, 2) as usize]);
                fates.push(Plan::ExpiredThenInvited);
                fates.extend(vec![Plan::Expired; rng.range(0, 1) as usize]);
                fates.extend(vec![Plan::Unbound; rng.range(1, 2) as usize]);
                fates.extend([Plan::Frozen; 2]);
            } else {
                fates.extend([Plan::NoBinding, Plan::NoBinding, Plan::Invited, Plan::Frozen, Plan::Unbound]);
                fates.extend(vec![Plan::Expired; rng.range(0, 1) as usize]);
            }
            let mut plan_of: Vec<(usize, Plan)> = with_account.iter().map(|&s| (s, Plan::Active)).collect();
            for (k, &s) in pool.iter().enumerate() {
                if let Some(&fate) = fates.get(k) {
                    if let Some(slot) = plan_of.iter_mut().find(|x| x.0 == s) {
                        slot.1 = fate;
                    }
                }
            }
            let mut no_binding_seen = 0;
            for (s, plan) in plan_of {
                self.account_for(&mut rng, s, plan, &mut no_binding_seen);
            }
        }
        managed
    }

    /// Creates one staff member's account and its bindings according to `plan`.
    fn account_for(&mut self, rng: &mut Rng, staff: usize, plan: Plan, no_binding_seen: &mut usize) {
        let today = self.today;
        let enterprise = self.ds.staff[staff].enterprise;
        let hired = self.ds.staff[staff].hired_on;
        let persona = self.personas[staff].clone();
        let account = self.ds.accounts.len();
        let job_title =
            if persona.is_manager { JOB_TITLES[1] } else { JOB_TITLES[rng.weighted(&persona.specialty.titles)] };
        let pick_mode = |rng: &mut Rng| {
            if persona.is_manager || rng.chance(0.6) {
                BindingMode::Enterprise
            } else {
                BindingMode::Personal
            }
        };
        let eff_lo = (hired + days(3)).max(today - days(PROGRAM_DAYS));
        let eff_hi = today - days(30);
        let mut bindings: Vec<DemoBinding> = Vec::new();
        let binding = |mode, status, invited_at, effective_at, ended_at, end_reason: Option<&str>| DemoBinding {
            enterprise,
            account,
            staff,
            mode,
            job_title,
            status,
            invited_at,
            effective_at,
            ended_at,
            end_reason: end_reason.map(str::to_string),
        };
        // a pending invitation: yesterday 09:00–21:59 Beijing, so it stays within 48 h all of `today`
        let pending = |rng: &mut Rng| office_time(rng, today - days(1));
        let expired = |rng: &mut Rng| {
            let day = today - days(rng.range(3, 20));
            let invited = office_time(rng, day);
            (invited, invited + TimeDelta::hours(48))
        };
        match plan {
            Plan::NoBinding => {}
            Plan::Active | Plan::Frozen => {
                // a launch wave in the program's first weeks, then rolling invitations
                let day = if rng.chance(0.45) {
                    (today - days(PROGRAM_DAYS) + days(rng.range(0, 35))).max(eff_lo).min(eff_hi)
                } else {
                    eff_lo + days(rng.range(0, (eff_hi - eff_lo).num_days()))
                };
                let effective = office_time(rng, day);
                let invited = effective - TimeDelta::minutes(rng.range(90, 47 * 60 + 30));
                let status = if plan == Plan::Active { BindingStatus::Active } else { BindingStatus::Frozen };
                bindings.push(binding(pick_mode(rng), status, invited, Some(effective), None, None));
            }
            Plan::Invited => {
                bindings.push(binding(pick_mode(rng), BindingStatus::Invited, pending(rng), None, None, None));
            }
            Plan::Expired => {
                let (invited, ended) = expired(rng);
                bindings.push(binding(
                    pick_mode(rng),
                    BindingStatus::Expired,
                    invited,
                    None,
                    Some(ended),
                    Some(EXPIRED_REASON),
                ));
            }
            Plan::ExpiredThenInvited => {
                let mode = pick_mode(rng);
                let (invited, ended) = expired(rng);
                bindings.push(binding(mode, BindingStatus::Expired, invited, None, Some(ended), Some(EXPIRED_REASON)));
                bindings.push(binding(mode, BindingStatus::Invited, pending(rng), None, None, None));
            }
            Plan::Unbound => {
                let hi = (today - days(100)).max(eff_lo);
                let day = eff_lo + days(rng.range(0, (hi - eff_lo).num_days()));
                let effective = office_time(rng, day);
                let invited = effective - TimeDelta::minutes(rng.range(90, 47 * 60 + 30));
                // B-18: at least 30 days after becoming effective (day + 31, whatever the hours)
                let max_after = (today - days(2) - day).num_days().max(31);
                let end_day = day + days(rng.range(31, max_after));
                let ended = office_time(rng, end_day);
                let reason = rng.pick(&UNBIND_REASONS);
                bindings.push(binding(
                    BindingMode::Personal,
                    BindingStatus::Unbound,
                    invited,
                    Some(effective),
                    Some(ended),
                    Some(reason),
                ));
            }
        }

        // the account itself
        let first_invite = bindings.first().map(|b| b.invited_at);
        let enterprise_mode = bindings.iter().any(|b| b.mode == BindingMode::Enterprise);
        let created_at = match first_invite {
            Some(inv) if enterprise_mode && rng.chance(0.5) => {
                inv - TimeDelta::minutes(rng.range(60 * 24, 60 * 24 * 12))
            }
            Some(inv) => inv - TimeDelta::minutes(rng.range(60 * 24 * 30, 60 * 24 * 1500)),
            None => {
                let day = today - days(rng.range(10, 1500));
                office_time(rng, day)
            }
        };
        let (has_shop, phone_bound) = if plan == Plan::NoBinding {
            let k = *no_binding_seen;
            *no_binding_seen += 1;
            // the first unbound accounts fail B-2: a shop, then a missing phone
            match (enterprise, k) {
                (0, 0) | (0, 1) | (1, 0) => (true, true),
                (0, 2) => (false, false),
                _ => (false, true),
            }
        } else {
            (false, true)
        };
        let mut third_party_logins: Vec<&'static str> =
            THIRD_PARTY.iter().filter(|(_, p)| rng.chance(*p)).map(|(name, _)| *name).collect();
        if third_party_logins.is_empty() && rng.chance(0.5) {
            third_party_logins.push(THIRD_PARTY[0].0);
        }
        let xhs_id = self.unique_xhs_id(rng);
        let nickname = self.nickname(rng, staff);
        // notes per week: long-tailed, a few prolific accounts at 6 a week
        let mut activity = rng.log_normal(1.55, 1.0).clamp(0.08, 6.0);
        if persona.is_manager || job_title == "主播人" {
            activity = (activity * 1.4).min(6.0);
        }
        let followers =
            (rng.log_normal(230.0, 1.05) * det_pow(activity / 1.5, 0.5)).clamp(3.0, 30_000.0).round() as u32;
        self.ds.accounts.push(DemoAccount {
            xhs_id,
            nickname,
            followers,
            has_shop,
            phone_bound,
            real_name_verified: enterprise_mode || rng.chance(0.7),
            third_party_logins,
            owner_staff: Some(staff),
            created_at,
        });
        self.activity.push(activity);
        self.ds.bindings.extend(bindings);
    }

    /// Two accounts of the main brand's new hires, not yet bound: no shop, phone bound, no real-name
    /// record yet (a fresh account), no staff record — the ones to try the binding wizard with (B-9..B-14).
    /// Drawn last from their own stream, so everything above stays as it was.
    pub(super) fn new_hire_accounts(&mut self) {
        let mut rng = self.rng.fork(0x6e65_7768);
        for (nickname, followers, days) in [("小燕的收纳日常", 86, 3), ("新人保洁师阿青", 143, 5)] {
            let xhs_id = self.unique_xhs_id(&mut rng);
            self.ds.accounts.push(DemoAccount {
                xhs_id,
                nickname: nickname.to_string(),
                followers,
                has_shop: false,
                phone_bound: true,
                real_name_verified: false,
                third_party_logins: vec!["微信"],
                owner_staff: None,
                created_at: office_time(&mut rng, self.today - chrono::Duration::days(days)),
            });
        }
    }
}
