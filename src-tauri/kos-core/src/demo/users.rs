//! The users who act on the demo: marketing, store managers, leaders, employees, the agency and a reviewer.

use super::dataset::DemoUser;
use super::generate::Gen;
use super::names::{FEMALE_OLDER, FEMALE_YOUNGER, MALE_OLDER, MALE_YOUNGER};
use crate::model::{BindingStatus, Role};

impl Gen {
    pub(super) fn users(&mut self, managed: Vec<usize>) {
        let mut rng = self.rng.fork(40);
        let mut users = Vec::new();
        for e in 0..2 {
            let (s, g) = self.unique_name(&mut rng, e, &FEMALE_YOUNGER);
            users.push(DemoUser {
                name: format!("{s}{g}"),
                role: Role::BrandMarketing,
                enterprise: Some(e),
                agency: false,
                staff: None,
                stores: Vec::new(),
            });
        }
        // store managers: own store plus other stores of the same city (2–4 in all)
        for &m in &managed {
            let own = self.ds.staff[m].store;
            let city = self.ds.stores[own].city;
            let mut others: Vec<usize> = (0..self.ds.stores.len())
                .filter(|&i| i != own && self.ds.stores[i].enterprise == 0 && self.ds.stores[i].city == city)
                .collect();
            rng.shuffle(&mut others);
            let extra = rng.range(1, 3) as usize;
            let mut stores = vec![own];
            stores.extend(others.into_iter().take(extra));
            stores.sort_unstable();
            users.push(DemoUser {
                name: self.ds.staff[m].name.clone(),
                role: Role::StoreManager,
                enterprise: Some(0),
                agency: false,
                staff: Some(m),
                stores,
            });
        }
        for e in 0..2 {
            let pool: &[&str] = if rng.chance(0.5) { &MALE_OLDER } else { &FEMALE_OLDER };
            let (s, g) = self.unique_name(&mut rng, e, pool);
            users.push(DemoUser {
                name: format!("{s}{g}"),
                role: Role::Leader,
                enterprise: Some(e),
                agency: false,
                staff: None,
                stores: Vec::new(),
            });
        }
        // employees: two with active bindings (not managers), one with a pending invitation
        let mut active: Vec<usize> = self
            .ds
            .bindings
            .iter()
            .filter(|b| b.enterprise == 0 && b.status == BindingStatus::Active && !self.personas[b.staff].is_manager)
            .map(|b| b.staff)
            .collect();
        rng.shuffle(&mut active);
        let invited =
            self.ds.bindings.iter().find(|b| b.enterprise == 0 && b.status == BindingStatus::Invited).map(|b| b.staff);
        for s in active.into_iter().take(2).chain(invited) {
            users.push(DemoUser {
                name: self.ds.staff[s].name.clone(),
                role: Role::Employee,
                enterprise: Some(0),
                agency: false,
                staff: Some(s),
                stores: Vec::new(),
            });
        }
        let (s, g) = self.unique_name(&mut rng, 0, &FEMALE_YOUNGER);
        users.push(DemoUser {
            name: format!("{s}{g}"),
            role: Role::Agency,
            enterprise: None,
            agency: true,
            staff: None,
            stores: Vec::new(),
        });
        let (s, g) = self.unique_name(&mut rng, 0, &MALE_YOUNGER);
        users.push(DemoUser {
            name: format!("{s}{g}"),
            role: Role::PlatformReviewer,
            enterprise: None,
            agency: false,
            staff: None,
            stores: Vec::new(),
        });
        self.ds.users = users;
    }
}
