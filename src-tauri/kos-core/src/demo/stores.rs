//! The two brands, the agency and their stores.

use super::dataset::{DemoAgency, DemoEnterprise, DemoStore};
use super::generate::Gen;
use super::places::{Site, ADDRESS_TAILS, MAIN_HANGZHOU, MAIN_SHANGHAI, MAIN_SUZHOU, SECOND_HANGZHOU, SECOND_NINGBO};
use super::rng::Rng;
use super::times::{days, office_time};
use crate::model::INDUSTRIES;

impl Gen {
    pub(super) fn enterprises_and_stores(&mut self) {
        let mut rng = self.rng.fork(1);
        let today = self.today;

        // main brand: 上海 6–8, 杭州 3–4, 苏州 3–4 stores
        let mut sites: Vec<Site> = Vec::new();
        for (pool, lo, hi) in [(&MAIN_SHANGHAI[..], 6, 8), (&MAIN_HANGZHOU[..], 3, 4), (&MAIN_SUZHOU[..], 3, 4)] {
            let mut pool = pool.to_vec();
            rng.shuffle(&mut pool);
            let n = rng.range(lo, hi) as usize;
            sites.extend(pool.into_iter().take(n));
        }
        let main_stores = sites.len();
        for s in &sites {
            let store = self.store(&mut rng, 0, "悦家家政", s);
            self.ds.stores.push(store);
        }

        // second brand: 杭州 7–8, 宁波 3–4 stores
        let mut sites: Vec<Site> = Vec::new();
        for (pool, lo, hi) in [(&SECOND_HANGZHOU[..], 7, 8), (&SECOND_NINGBO[..], 3, 4)] {
            let mut pool = pool.to_vec();
            rng.shuffle(&mut pool);
            let n = rng.range(lo, hi) as usize;
            sites.extend(pool.into_iter().take(n));
        }
        let second_stores = sites.len();
        for s in &sites {
            let store = self.store(&mut rng, 1, "薇澜美肤", s);
            self.ds.stores.push(store);
        }

        let main_created = today - days(rng.range(6 * 365 + 60, 6 * 365 + 400));
        let second_created = today - days(rng.range(6 * 365 + 30, 7 * 365));
        let violation_day = today - days(rng.range(420, 720));
        self.ds.enterprises = vec![
            DemoEnterprise {
                name: "悦家家政服务".into(),
                industry: INDUSTRIES[0],
                city: "上海",
                store_count: (main_stores + rng.index(4)) as u32,
                professional_account: true,
                staff_mgmt_permission: true,
                last_serious_violation_at: None,
                created_at: office_time(&mut rng, main_created),
            },
            DemoEnterprise {
                name: "薇澜美肤管理中心".into(),
                industry: INDUSTRIES[1],
                city: "杭州",
                store_count: (second_stores + rng.index(3)) as u32,
                professional_account: true,
                staff_mgmt_permission: true,
                last_serious_violation_at: Some(office_time(&mut rng, violation_day)),
                created_at: office_time(&mut rng, second_created),
            },
        ];
        self.ds.agency = DemoAgency { name: "星禾数字营销".into(), reported_by: vec![0] };
    }

    fn store(&self, rng: &mut Rng, enterprise: usize, brand: &str, s: &Site) -> DemoStore {
        let number = rng.range(8, 1888);
        let tail = rng.pick(&ADDRESS_TAILS);
        DemoStore {
            enterprise,
            name: format!("{brand}·{}店", s.area),
            city: s.city,
            district: s.district,
            address: format!("{}{} {number} 号 {tail}", s.district, s.street),
            opened_on: self.today - days(rng.range(365, 6 * 365)),
        }
    }
}
