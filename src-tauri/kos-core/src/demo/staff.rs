//! The staff of each brand, store by store: names, ID numbers and phones unique, 工号 and 岗位.

use chrono::{Datelike, NaiveDate};

use super::dataset::DemoStaff;
use super::generate::{Gen, Persona};
use super::names::{ENGLISH_NAMES, FEMALE_OLDER, FEMALE_YOUNGER, MALE_OLDER, MALE_YOUNGER, PHONE_PREFIXES, SURNAMES};
use super::places::{city_regions, MIGRANT_REGIONS};
use super::rng::{triangular, Rng};
use super::times::days;
use super::vocab::{Specialty, BEAUTY_MANAGER, BEAUTY_SPECIALTIES, HK_FEMALE, HK_MALE, HK_MANAGER};

impl Gen {
    /// Staff of one brand, store by store; each store's first member is its manager (hired at opening).
    pub(super) fn staff_of(&mut self, enterprise: usize) {
        let mut rng = self.rng.fork(10 + enterprise as u64);
        let today = self.today;
        let stores: Vec<usize> =
            (0..self.ds.stores.len()).filter(|&i| self.ds.stores[i].enterprise == enterprise).collect();
        // head-count per store
        let (base, cap, lo, hi) = if enterprise == 0 { (4, 10, 84, 96) } else { (2, 4, 20, 30) };
        let total = (rng.range(lo, hi) as usize).min(stores.len() * cap);
        let mut sizes = vec![base; stores.len()];
        let mut remaining = total.saturating_sub(base * stores.len());
        while remaining > 0 {
            let i = rng.index(stores.len());
            if sizes[i] < cap {
                sizes[i] += 1;
                remaining -= 1;
            }
        }
        for (k, &store) in stores.iter().enumerate() {
            let opened = self.ds.stores[store].opened_on;
            let city = self.ds.stores[store].city;
            for j in 0..sizes[k] {
                let manager = j == 0;
                let (female_p, age_lo, age_hi, age_mode) = match (enterprise, manager) {
                    (0, true) => (0.8, 30, 50, 40),
                    (0, false) => (0.84, 22, 55, 42),
                    (_, true) => (0.97, 27, 42, 33),
                    _ => (0.95, 20, 40, 26),
                };
                let female = rng.chance(female_p);
                let age = triangular(&mut rng, age_lo, age_hi, age_mode);
                // birth so that the age on `today` is exactly `age`
                let birth = today - days(age * 365 + age / 4 + rng.range(10, 350));
                let young = birth.year() >= 1988;
                let given_pool: &[&str] = match (female, young) {
                    (true, false) => &FEMALE_OLDER,
                    (true, true) => &FEMALE_YOUNGER,
                    (false, false) => &MALE_OLDER,
                    (false, true) => &MALE_YOUNGER,
                };
                let (surname, given) = self.unique_name(&mut rng, enterprise, given_pool);
                let region = if rng.chance(if enterprise == 0 { 0.55 } else { 0.7 }) {
                    rng.pick(city_regions(city))
                } else {
                    rng.pick(&MIGRANT_REGIONS)
                };
                let id_number = self.unique_id(&mut rng, region, birth, female);
                let phone = self.unique_phone(&mut rng);
                let hired_on = if manager {
                    opened + days(rng.range(0, 30))
                } else {
                    let lo = (opened + days(7)).max(today - days(6 * 365));
                    let hi = today - days(45);
                    lo + days(rng.range(0, (hi - lo).num_days()))
                };
                let specialty = if manager {
                    if enterprise == 0 {
                        HK_MANAGER
                    } else {
                        BEAUTY_MANAGER
                    }
                } else {
                    let table: &[(Specialty, u32)] = match (enterprise, female) {
                        (0, true) => &HK_FEMALE,
                        (0, false) => &HK_MALE,
                        _ => &BEAUTY_SPECIALTIES,
                    };
                    let weights: Vec<u32> = table.iter().map(|t| t.1).collect();
                    table[rng.weighted(&weights)].0
                };
                let english = rng.pick(&ENGLISH_NAMES);
                // 工号: the brand's letters and a running number, as an HR system hands them out
                let employee_no = format!("{}{:05}", ["JZ", "MR"][enterprise.min(1)], 10_001 + k * 100 + j);
                self.ds.staff.push(DemoStaff {
                    enterprise,
                    store,
                    name: format!("{surname}{given}"),
                    id_number,
                    phone,
                    hired_on,
                    employee_no,
                    position: specialty.name,
                });
                self.personas.push(Persona { surname, given, english, specialty, is_manager: manager });
            }
        }
    }

    pub(super) fn unique_name(&mut self, rng: &mut Rng, enterprise: usize, given_pool: &[&str]) -> (String, String) {
        let surnames: Vec<char> = SURNAMES.chars().collect();
        let mut attempt = 0;
        loop {
            // skewed towards the common surnames at the front of the list
            let u = rng.unit();
            let si = ((surnames.len() as f64) * u * u) as usize;
            let surname = surnames[si.min(surnames.len() - 1)].to_string();
            let mut given = rng.pick(given_pool).to_string();
            if attempt > 200 {
                given.push_str(rng.pick(&FEMALE_YOUNGER));
            }
            let full = format!("{surname}{given}");
            if self.names[enterprise].insert(full) {
                return (surname, given);
            }
            attempt += 1;
        }
    }

    fn unique_id(&mut self, rng: &mut Rng, region: u32, birth: NaiveDate, female: bool) -> String {
        loop {
            // the 17th digit is odd for men, even for women
            let mut seq = rng.range_u32(0, 999);
            if (seq % 2 == 1) == female {
                seq = if seq == 999 { 998 } else { seq + 1 };
            }
            let id = crate::idcard::compose(region, birth, seq);
            if self.ids.insert(id.clone()) {
                return id;
            }
        }
    }

    fn unique_phone(&mut self, rng: &mut Rng) -> String {
        loop {
            let phone = format!("{}{:08}", rng.pick(&PHONE_PREFIXES), rng.below(100_000_000));
            if self.phones.insert(phone.clone()) {
                return phone;
            }
        }
    }
}
