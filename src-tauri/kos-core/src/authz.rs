//! Who may do what. The core checks the actor's right to every command; the UI only mirrors it.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{CoreError, CoreResult};
use crate::model::Role;

/// The user a call runs as, with what their role reaches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    pub user_id: i64,
    pub name: String,
    pub role: Role,
    /// brand roles: their enterprise
    pub enterprise_id: Option<i64>,
    /// agency users: their agency
    pub agency_id: Option<i64>,
    /// employees: the staff member they are
    pub staff_id: Option<i64>,
    /// store managers: the stores they manage
    pub store_ids: Vec<i64>,
    /// agency users: the brands that reported the agency (B-21)
    pub agency_brands: Vec<i64>,
}

/// Things an actor may be allowed to do. Reaches TypeScript as a union of string literals (the session
/// lists the actor's), so the window's checks name permissions the core knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    LoadDemo,
    EditRuleSettings,
    ViewEnterprise,
    ViewOverview,
    ViewStaff,
    ViewHistory,
    /// see bindings, their counts, calendar and eligibility
    ViewBindings,
    /// invite, unbind, freeze, hand over, upload employment proofs (B-9..B-20)
    ManageBindings,
    /// open an employment proof (every view is recorded)
    ReadProof,
    /// judge employment proofs (B-15)
    ReviewProof,
    /// accept or decline one's own invitation (B-13, B-14)
    RespondInvitation,
    /// see incentive campaigns and their boards (I-1..I-3)
    ViewCampaigns,
    /// create, edit and confirm incentive campaigns
    ManageCampaigns,
    /// void an award with a reason (the next in line moves up)
    VoidAward,
    /// save a campaign's 颁奖名单 (award sheet with amounts) as XLSX
    ExportAwardSheet,
    /// see the note queue, requested notes, their details, the 聚光 list and 数据中心 (N-3..N-8)
    ViewNotes,
    /// import platform exports, request reviews, boost, send to 聚光, export (N-1, N-5..N-7)
    ManageNotes,
    /// decide review requests as the platform (N-2, N-6)
    ReviewNotes,
    /// back the database, proofs and key up, and restore them (B-20)
    ManageBackup,
    /// run the due transitions (expiries, proof retention) across every brand on demand
    RunSweep,
    /// see where the installation keeps its database (app_info's path)
    ViewInstallation,
    // issue 12 set-up (U-1, U-2, U-3, B-21)
    /// create a brand, edit its B-1 facts with a reason, report or withdraw its agency (U-1, B-21)
    ManageBrand,
    /// create, edit and close a brand's stores, import the stores sheet (U-2)
    ManageStores,
    /// create users, give them a role, brand and stores, deactivate and reactivate them (U-3)
    ManageUsers,
    // U-2 (helper Q): the staff roster and 小红书账号
    /// import the HR roster, mark staff 离职 (U-2, B-17, B-18)
    ManageRoster,
    /// register and import 小红书账号 (U-2, B-2)
    ManageAccounts,
    // issue 15 item 3
    /// turn the window's update check at start off or on (the installation's setting)
    ManageUpdates,
}

impl Permission {
    pub const ALL: [Permission; 27] = [
        Permission::LoadDemo,
        Permission::EditRuleSettings,
        Permission::ViewEnterprise,
        Permission::ViewOverview,
        Permission::ViewStaff,
        Permission::ViewHistory,
        Permission::ViewBindings,
        Permission::ManageBindings,
        Permission::ReadProof,
        Permission::ReviewProof,
        Permission::RespondInvitation,
        Permission::ViewCampaigns,
        Permission::ManageCampaigns,
        Permission::VoidAward,
        Permission::ExportAwardSheet,
        Permission::ViewNotes,
        Permission::ManageNotes,
        Permission::ReviewNotes,
        Permission::ManageBackup,
        Permission::RunSweep,
        Permission::ViewInstallation,
        // issue 12 set-up
        Permission::ManageBrand,
        Permission::ManageStores,
        Permission::ManageUsers,
        // U-2 (helper Q)
        Permission::ManageRoster,
        Permission::ManageAccounts,
        // issue 15 item 3
        Permission::ManageUpdates,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Permission::LoadDemo => "load_demo",
            Permission::EditRuleSettings => "edit_rule_settings",
            Permission::ViewEnterprise => "view_enterprise",
            Permission::ViewOverview => "view_overview",
            Permission::ViewStaff => "view_staff",
            Permission::ViewHistory => "view_history",
            Permission::ViewBindings => "view_bindings",
            Permission::ManageBindings => "manage_bindings",
            Permission::ReadProof => "read_proof",
            Permission::ReviewProof => "review_proof",
            Permission::RespondInvitation => "respond_invitation",
            Permission::ViewCampaigns => "view_campaigns",
            Permission::ManageCampaigns => "manage_campaigns",
            Permission::VoidAward => "void_award",
            Permission::ExportAwardSheet => "export_award_sheet",
            Permission::ViewNotes => "view_notes",
            Permission::ManageNotes => "manage_notes",
            Permission::ReviewNotes => "review_notes",
            Permission::ManageBackup => "manage_backup",
            Permission::RunSweep => "run_sweep",
            Permission::ViewInstallation => "view_installation",
            // issue 12 set-up
            Permission::ManageBrand => "manage_brand",
            Permission::ManageStores => "manage_stores",
            Permission::ManageUsers => "manage_users",
            // U-2 (helper Q)
            Permission::ManageRoster => "manage_roster",
            Permission::ManageAccounts => "manage_accounts",
            // issue 15 item 3
            Permission::ManageUpdates => "manage_updates",
        }
    }

    fn granted_to(self, role: Role) -> bool {
        use Role::*;
        match self {
            Permission::LoadDemo | Permission::EditRuleSettings => role == Admin,
            Permission::ViewEnterprise => true,
            Permission::ViewOverview => role != Employee,
            Permission::ViewStaff => {
                matches!(role, Admin | BrandMarketing | StoreManager | Leader | Agency | PlatformReviewer)
            }
            Permission::ViewHistory => matches!(role, Admin | BrandMarketing | Leader | Agency),
            Permission::ViewBindings => {
                matches!(role, Admin | BrandMarketing | StoreManager | Leader | Agency | PlatformReviewer)
            }
            // the people who run the program for a brand; the local administrator keeps to settings
            Permission::ManageBindings => matches!(role, BrandMarketing | StoreManager | Agency),
            Permission::ReadProof => matches!(role, BrandMarketing | StoreManager | Agency | PlatformReviewer),
            Permission::ReviewProof => role == PlatformReviewer,
            Permission::RespondInvitation => role == Employee,
            // every brand role reads its own brand's boards; agencies those of the brands that reported them
            Permission::ViewCampaigns => role != PlatformReviewer,
            Permission::ManageCampaigns => matches!(role, Admin | BrandMarketing | Agency),
            Permission::VoidAward => matches!(role, Admin | BrandMarketing | Agency | Leader),
            // the people who pay out: the program's runners and the leaders who sign the awards off
            Permission::ExportAwardSheet => matches!(role, Admin | BrandMarketing | Agency | Leader),
            // the reviewer opens a requested note's details; store managers and employees keep to binding
            Permission::ViewNotes => matches!(role, Admin | BrandMarketing | Leader | Agency | PlatformReviewer),
            Permission::ManageNotes => matches!(role, BrandMarketing | Agency),
            Permission::ReviewNotes => role == PlatformReviewer,
            // the whole installation's data and its key: the local administrator alone
            Permission::ManageBackup => role == Admin,
            Permission::RunSweep | Permission::ViewInstallation => role == Admin,
            // issue 12 set-up: the brand's facts and its people are the administrator's (U-1, U-3); its stores
            // also the brand's marketing, who run the program for that brand alone (U-2)
            Permission::ManageBrand | Permission::ManageUsers => role == Admin,
            Permission::ManageStores => matches!(role, Admin | BrandMarketing),
            // U-2 (helper Q): the set-up is the administrator's and the program's runners' (store managers for
            // their own stores); agencies register accounts for the brands that reported them, not HR data
            Permission::ManageRoster => matches!(role, Admin | BrandMarketing | StoreManager),
            Permission::ManageAccounts => matches!(role, Admin | BrandMarketing | StoreManager | Agency),
            // issue 15 item 3: what the installation runs is the local administrator's
            Permission::ManageUpdates => role == Admin,
        }
    }
}

/// Which enterprises an actor reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnterpriseScope {
    All,
    Only(Vec<i64>),
}

impl EnterpriseScope {
    pub fn contains(&self, id: i64) -> bool {
        match self {
            EnterpriseScope::All => true,
            EnterpriseScope::Only(ids) => ids.contains(&id),
        }
    }
}

impl Actor {
    pub fn enterprise_scope(&self) -> EnterpriseScope {
        match self.role {
            Role::Admin | Role::PlatformReviewer => EnterpriseScope::All,
            Role::Agency => EnterpriseScope::Only(self.agency_brands.clone()),
            _ => EnterpriseScope::Only(self.enterprise_id.into_iter().collect()),
        }
    }

    /// Names of the permissions the role has, for the UI to mirror (the core still checks every call).
    pub fn permissions(&self) -> Vec<Permission> {
        Permission::ALL.into_iter().filter(|p| p.granted_to(self.role)).collect()
    }

    /// Refuses unless the role has the permission.
    pub fn require(&self, p: Permission) -> CoreResult<()> {
        if p.granted_to(self.role) {
            Ok(())
        } else {
            Err(CoreError::Forbidden { action: p, role: self.role })
        }
    }

    /// Refuses unless the role has the permission AND reaches the enterprise. An enterprise out of reach
    /// is reported as not found, so an agency learns nothing of brands that did not report it (B-21).
    pub fn require_in(&self, p: Permission, enterprise_id: i64) -> CoreResult<()> {
        self.require(p)?;
        if self.enterprise_scope().contains(enterprise_id) {
            Ok(())
        } else {
            Err(CoreError::not_found("enterprise", enterprise_id))
        }
    }

    /// Store managers see only their own stores' staff; everyone else with access sees all stores.
    pub fn store_filter(&self) -> Option<&[i64]> {
        (self.role == Role::StoreManager).then_some(self.store_ids.as_slice())
    }

    /// Refuses a store manager acting on a store that is not theirs (reported as not found, like an
    /// enterprise out of reach).
    pub fn require_store(&self, entity: &'static str, id: i64, store_id: i64) -> CoreResult<()> {
        match self.store_filter() {
            Some(own) if !own.contains(&store_id) => Err(CoreError::not_found(entity, id)),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_travel_under_their_names() {
        for p in Permission::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), p.name(), "{p:?}");
        }
    }

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: 9,
            name: "测试".into(),
            role,
            enterprise_id: Some(1),
            agency_id: None,
            staff_id: None,
            store_ids: vec![3],
            agency_brands: vec![1],
        }
    }

    #[test]
    fn only_admin_loads_demo_and_edits_settings() {
        for role in Role::ALL {
            assert_eq!(actor(role).require(Permission::LoadDemo).is_ok(), role == Role::Admin);
            assert_eq!(actor(role).require(Permission::EditRuleSettings).is_ok(), role == Role::Admin);
        }
    }

    #[test]
    fn b21_agency_reaches_only_reporting_brands() {
        let a = actor(Role::Agency);
        assert!(a.require_in(Permission::ViewStaff, 1).is_ok());
        let err = a.require_in(Permission::ViewStaff, 2).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::NotFound);
    }

    #[test]
    fn brand_roles_reach_only_their_enterprise() {
        let m = actor(Role::BrandMarketing);
        assert!(m.require_in(Permission::ViewHistory, 1).is_ok());
        assert_eq!(m.require_in(Permission::ViewHistory, 2).unwrap_err().code(), crate::ErrorCode::NotFound);
        assert_eq!(
            actor(Role::Employee).require(Permission::ViewStaff).unwrap_err().code(),
            crate::ErrorCode::Forbidden
        );
        assert_eq!(actor(Role::StoreManager).store_filter(), Some(&[3][..]));
        assert_eq!(actor(Role::Leader).store_filter(), None);
    }

    #[test]
    fn binding_permissions_by_role() {
        use Permission::*;
        let may = |role, p: Permission| actor(role).require(p).is_ok();
        for role in Role::ALL {
            let runs_program = matches!(role, Role::BrandMarketing | Role::StoreManager | Role::Agency);
            assert_eq!(may(role, ManageBindings), runs_program, "{role:?}");
            assert_eq!(may(role, ReadProof), runs_program || role == Role::PlatformReviewer, "{role:?}");
            assert_eq!(may(role, ReviewProof), role == Role::PlatformReviewer, "{role:?}");
            assert_eq!(may(role, RespondInvitation), role == Role::Employee, "{role:?}");
            assert_eq!(may(role, ViewBindings), role != Role::Employee, "{role:?}");
        }
        let m = actor(Role::StoreManager);
        assert!(m.require_store("binding", 5, 3).is_ok());
        assert_eq!(m.require_store("binding", 5, 4).unwrap_err().code(), crate::ErrorCode::NotFound);
        assert!(actor(Role::BrandMarketing).require_store("binding", 5, 4).is_ok());
    }

    #[test]
    fn i1_i2_i3_campaign_permissions_by_role() {
        use Permission::*;
        let may = |role, p: Permission| actor(role).require(p).is_ok();
        for role in Role::ALL {
            let runs = matches!(role, Role::Admin | Role::BrandMarketing | Role::Agency);
            assert_eq!(may(role, ManageCampaigns), runs, "{role:?}");
            assert_eq!(may(role, VoidAward), runs || role == Role::Leader, "{role:?}");
            assert_eq!(may(role, ExportAwardSheet), runs || role == Role::Leader, "{role:?}");
            assert_eq!(may(role, ViewCampaigns), role != Role::PlatformReviewer, "{role:?}");
        }
        assert_eq!(actor(Role::Employee).require_in(ViewCampaigns, 2).unwrap_err().code(), crate::ErrorCode::NotFound);
    }
}
