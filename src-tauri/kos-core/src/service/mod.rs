//! Services: validate, check the actor's right, apply the rule, write in one transaction, record history.
//! Every door (Tauri, CLI, later the team server) calls these through `api::dispatch` or the same methods.

mod award_sheet;
mod backups;
mod binding_lists;
mod bindings;
mod bulk;
mod bulk_batches;
mod campaign_compute;
mod campaigns;
mod dashboard;
mod demo;
mod eligibility;
mod enterprise;
mod evidence;
pub mod files;
mod history;
mod jobs;
mod leader_view;
// U-4: the team server's sign-in
mod login;
mod note_export;
mod note_import;
mod note_queue;
mod proofs;
mod session;
mod settings;
// issue 12 set-up (U-1, U-2, U-3, B-21)
mod setup_brand;
mod setup_stores;
mod setup_users;
mod sweep;
// issue 15 item 3: the administrator's update switch and the import gate of the window's updater
mod updates;
mod when;
// U-2, B-17, B-18: staff roster, 离职, 小红书账号 (helper Q)
mod account_register;
mod roster;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::authz::Actor;
use crate::clock::{ts, Clock};
use crate::db::{Db, Tx};
use crate::db_lock::Opener;
use crate::error::{CoreError, CoreResult};
use crate::model::Role;
use crate::secrets::Secrets;
use crate::store;
use crate::vault::{KeyLocation, KeyPlace, Vault};

pub use award_sheet::ExportAwardSheetArgs;
pub use backups::{BackupArgs, InspectBackupArgs, RestoreBackupArgs};
pub use binding_lists::{
    AccountHistoryArgs, BindingCalendarArgs, BindingCounts, CalendarItem, CalendarKind, ListBindingsArgs,
};
pub use bindings::{
    AcceptInvitationArgs, AccountLookup, BindingArgs, BindingChangeArgs, HandOverArgs, InviteArgs, LookupAccountArgs,
    ModeOption, MyInvitation,
};
pub use bulk::{
    BulkExportArgs, BulkFile, BulkReport, BulkRow, BulkRowError, BulkSendArgs, BulkSendResult, BulkTemplateArgs,
    BulkValidateArgs,
};
pub use campaigns::{
    Campaign, CampaignArgs, CampaignBoard, CampaignResult, CampaignScope, CampaignStatus, CampaignVoid,
    CreateCampaignArgs, UpdateCampaignArgs, VoidAwardArgs,
};
pub use dashboard::{
    AccountHealth, AccountHealthArgs, AccountHealthRow, AnalyticsStats, CampaignStanding, DashboardArgs,
    DashboardChart, DashboardKpis, EmployeeAccount, EmployeeDashboard, EmployeeDashboardArgs, EnterpriseDashboard,
    ExportDashboardArgs, HealthSort, HealthThresholds, Slice, StoreSlice, WeekPoint,
};
pub use demo::{DemoSummary, LoadDemoArgs};
pub use eligibility::{Eligibility, EligibilityCheck};
pub use enterprise::{EnterpriseArgs, EnterpriseDetail, ListStaffArgs, Overview};
pub use evidence::{ExportAccountHistoryArgs, ExportResult, SaveChartImageArgs};
pub use files::{FileGrants, FilePurpose, FileRef};
pub use history::{HistoryVerification, ListHistoryArgs, VerifyHistoryArgs};
pub use jobs::{JobArgs, JobKind, JobProgress, JobState};
pub use leader_view::{LeaderNote, LeaderPerson, LeaderView, LeaderViewArgs, ScopeStore, TrendLine};
pub use login::{
    check_password, token_hash, unauthenticated, ChangePasswordArgs, LoginArgs, LoginClient, LoginOk, PasswordSet,
    ResetPasswordArgs, SessionActor, SESSION_HOURS,
};
pub use note_export::{ExportDataCenterArgs, ExportFormat, ExportListArgs, ExportNotesArgs};
pub use note_import::{
    FieldLabel, ImportArgs, ImportReport, NoteFilePreview, PreviewNoteFileArgs, StartNoteImportArgs, BATCH_ROWS,
    BULK_MIN_ROWS, LEASE_SECS,
};
pub use note_queue::{
    note_filter, sort_key, sort_value, BoostNoteArgs, DataCenterArgs, DataCenterPage, DataSort, DecideReviewArgs,
    ListNotesArgs, NoteArgs, NoteDetail, NoteList, NotePage, NoteQuery, NoteRefusal, NoteRefusalCode, NoteSort,
    NoteTypeFilter, RequestReviewArgs, RequestReviewResult, ReviewQueueArgs, ReviewQuota, ReviewTab, BOOST_GOALS,
    REVIEW_CHECKLIST,
};
pub use proofs::{ProofRef, ProofReview, ReviewProofArgs, UploadProofArgs};
pub use session::{Session, SwitchActorArgs, UserSummary};
pub use settings::{RuleSetting, RuleSettingsArgs, UpdateRuleSettingArgs};
pub use sweep::SweepReport;
pub use updates::{ImportActivity, SetUpdateCheckArgs, UpdateSettings, RESUMABLE_DAYS, UPDATE_CHECK_KEY};
// issue 12 set-up (U-1, U-2, U-3, B-21)
pub use setup_brand::{BrandFacts, CreateBrandArgs, ReportAgencyArgs, UnreportAgencyArgs, UpdateBrandArgs, INDUSTRIES};
pub use setup_stores::{
    CloseStoreArgs, CreateStoreArgs, ImportStoreSheetArgs, StoreCapWarning, StoreSheetAction, StoreSheetArgs,
    StoreSheetReport, StoreSheetResult, StoreSheetRow, StoreSheetRowError, UpdateStoreArgs,
};
pub use setup_users::{AgencyRow, CreateUserArgs, SetUserActiveArgs, UpdateUserArgs, UserAccount};
// U-2, B-17, B-18: staff roster, 离职, 小红书账号 (helper Q)
pub use account_register::{AccountImportReport, AccountSnapshotsArgs, ImportAccountsArgs, RegisterAccountArgs};
pub use roster::{
    LeaverBinding, MarkStaffLeftArgs, NextStep, NextStepAction, RosterApplied, RosterApplyArgs, RosterArgs,
    RosterChange, RosterChangeKind, RosterFieldChange, RosterPreview, RosterRowError, StaffArgs, StaffDeparture,
    SHOWN_MAX,
};

#[derive(Clone, Debug)]
pub struct Service {
    db: Db,
    clock: Clock,
    secrets: Secrets,
    /// where the key is kept and the database id naming its entry (B-10)
    vault: Vault,
    /// encrypted employment proofs, `<db dir>/proofs/<sha256>.kosproof` (B-10)
    proofs_dir: PathBuf,
    /// validated bulk-binding batches, in memory only (B-16); shared by every clone of the service
    bulk: Arc<bulk_batches::BulkBatches>,
    /// long jobs (imports, exports) and their progress; shared by every clone of the service
    jobs: Arc<jobs::Jobs>,
    /// a large import has dropped the queue indexes and is building them again
    indexing: Arc<std::sync::atomic::AtomicBool>,
    /// brands' notes as columns for boards and dashboards (I-1..I-3, D-1); shared by every clone
    analytics: Arc<crate::analytics::Cache>,
    /// files the doors granted (dialogs, the CLI's command line): commands take their tokens, never paths
    files: Arc<files::FileGrants>,
    /// roster and account imports being applied in this process (issue 15 item 3: no update meanwhile)
    imports_in_flight: Arc<std::sync::atomic::AtomicUsize>,
    /// the note files previewed lately, with their SHA-256 (issue 10 item 6: the import the window starts
    /// after a preview does not read the unchanged file a second time before its first row)
    file_reads: Arc<note_import::FileReads>,
}

/// Where the encrypted employment proofs of the database at `db_path` live.
pub fn proofs_dir_for(db_path: &Path) -> PathBuf {
    db_path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("proofs")
}

/// Arguments of a command that takes none: `{}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct NoArgs {}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct Counts {
    pub enterprises: i64,
    pub stores: i64,
    pub staff: i64,
    pub accounts: i64,
    pub notes: i64,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct AppInfo {
    pub version: String,
    /// where the database lives: the administrator only (`None` for every other role)
    pub db_path: Option<String>,
    pub schema_version: i64,
    /// no enterprise yet: the UI offers demo data
    pub empty: bool,
    /// the administrator and the platform reviewer: the whole installation; every other role: summed over
    /// the brands it reaches (accounts: those with a binding to one of them)
    pub counts: Counts,
    /// where the database's key is kept: 系统密钥库 or 密钥文件 <path> (B-10)
    pub key: KeyLocation,
}

impl Service {
    /// Opens the database at `path` as a background job that does not wait for another holder of the file
    /// (see `open_as`), with its key from the OS key store, or from the key file named by
    /// `KOS_DESK_KEY_FILE` where no key store exists (crate::vault).
    pub async fn open(path: &Path, clock: Clock) -> CoreResult<Service> {
        Service::open_full(path, clock, Opener::default(), None).await
    }

    /// Opens the database at `path` as `opener` (the window, a command, a job): its lock first (N-1, B-20:
    /// one process per database; another holder gives `DatabaseInUse` after `opener.wait`), then the file.
    pub async fn open_as(path: &Path, clock: Clock, opener: Opener) -> CoreResult<Service> {
        Service::open_full(path, clock, opener, None).await
    }

    /// Opens the database at `path` with its key kept in `keys` (None: as `open` decides).
    pub async fn open_with_keys(path: &Path, clock: Clock, keys: Option<KeyPlace>) -> CoreResult<Service> {
        Service::open_full(path, clock, Opener::default(), keys).await
    }

    /// The lock, the file, the key (B-10: never minted for a database that has one elsewhere), then what a
    /// crash may have left behind.
    pub async fn open_full(path: &Path, clock: Clock, opener: Opener, keys: Option<KeyPlace>) -> CoreResult<Service> {
        let db = Db::open_as(path, opener).await?;
        let keys = match keys {
            Some(k) => k,
            None => KeyPlace::from_env().await?,
        };
        let (secrets, vault) = Vault::open(&db, path, keys).await?;
        let svc = Service::with_parts(db, clock, secrets, vault);
        // an import cut off by a crash may have left the queue indexes dropped and its row `running`
        svc.recover_interrupted_imports().await?;
        Ok(svc)
    }

    #[cfg(feature = "pg")]
    /// U-4: the team store, PostgreSQL at `url` (see `Db::open_pg`, `connections` at most), its proofs in
    /// `data_dir`, its key in `keys` (a key file outside `data_dir`, or the OS key store). The key is minted
    /// only for a store holding nothing yet; a store with data and no key is refused (B-10).
    pub async fn open_team(
        url: &str,
        data_dir: &Path,
        clock: Clock,
        keys: KeyPlace,
        connections: u32,
    ) -> CoreResult<Service> {
        let db = Db::open_pg(url, data_dir, connections).await?;
        let path = db.path().to_path_buf();
        let (secrets, vault) = Vault::open(&db, &path, keys).await?;
        let svc = Service::with_parts(db, clock, secrets, vault);
        svc.recover_interrupted_imports().await?;
        Ok(svc)
    }

    /// A second service on the same file inside this process, as a process that ignores the database lock
    /// would be (its own pool, jobs and lease owner id). Tests of the import lease only.
    #[doc(hidden)]
    pub async fn reopen_ignoring_lock_for_tests(&self) -> CoreResult<Service> {
        let db = self.db.reopen_ignoring_lock_for_tests().await?;
        let svc = Service::with_parts(db, self.clock.clone(), self.secrets.clone(), self.vault.clone());
        svc.recover_interrupted_imports().await?;
        Ok(svc)
    }

    pub fn with_parts(db: Db, clock: Clock, secrets: Secrets, vault: Vault) -> Service {
        let proofs_dir = proofs_dir_for(db.path());
        Service {
            db,
            clock,
            secrets,
            vault,
            proofs_dir,
            bulk: Arc::default(),
            jobs: Arc::default(),
            indexing: Arc::default(),
            analytics: Arc::default(),
            files: Arc::default(),
            imports_in_flight: Arc::default(),
            file_reads: Arc::default(),
        }
    }

    /// The folder holding the encrypted employment proofs.
    pub fn proofs_dir(&self) -> &Path {
        &self.proofs_dir
    }

    /// The installation's keyed hashes, for loaders and tests that build records the way the services do.
    pub fn secrets(&self) -> &Secrets {
        &self.secrets
    }

    /// Where the database's key is kept.
    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Resolves a user id to an acting user with everything their role reaches.
    pub async fn actor(&self, user_id: i64) -> CoreResult<Actor> {
        let pool = self.db.pool();
        let u = store::users::get(pool, user_id).await?.ok_or_else(|| CoreError::not_found("user", user_id))?;
        if !u.active {
            // U-3: refused here, where every door builds its actor, so no command can forget it
            return Err(CoreError::refused(
                crate::error::ErrorCode::UserDeactivated,
                "U-3",
                format!("用户「{}」已被管理员停用，不能再执行任何操作；如需恢复，请联系系统管理员重新启用", u.name),
                format!(
                    "The user \"{}\" was deactivated by the administrator and can no longer act; ask the administrator to reactivate them",
                    u.name
                ),
                None,
            ));
        }
        let role = Role::parse(&u.role).ok_or_else(|| CoreError::not_found("user", user_id))?;
        let store_ids = store::users::list_store_ids(pool, u.id).await?;
        let agency_brands = match u.agency_id {
            Some(a) => store::enterprises::list_agency_brands(pool, a).await?,
            None => Vec::new(),
        };
        Ok(Actor {
            user_id: u.id,
            name: u.name,
            role,
            enterprise_id: u.enterprise_id,
            agency_id: u.agency_id,
            staff_id: u.staff_id,
            store_ids,
            agency_brands,
        })
    }

    /// The user acting on this machine (the role switcher's choice, remembered across starts).
    pub async fn local_actor(&self) -> CoreResult<Actor> {
        let id = store::users::get_local_session_user(self.db.pool()).await?;
        self.actor(id).await
    }

    /// Every role may ask (the window needs `empty` to offer demo data); what it learns is scoped: the
    /// database path only with `ViewInstallation` (the administrator), the counts only of the brands the
    /// actor reaches (an agency learns nothing of brands that did not report it, B-21).
    pub async fn app_info(&self, actor: &Actor, _args: NoArgs) -> CoreResult<AppInfo> {
        let pool = self.db.pool();
        let enterprises = store::enterprises::count(pool).await?;
        let counts = match actor.enterprise_scope() {
            crate::authz::EnterpriseScope::All => Counts {
                enterprises,
                stores: store::stores::count(pool, None).await?,
                staff: store::staff::count_all(pool, None).await?,
                accounts: store::accounts::count(pool).await?,
                notes: store::notes::count(pool, None).await?,
            },
            crate::authz::EnterpriseScope::Only(ids) => {
                let mut c = Counts { enterprises: 0, stores: 0, staff: 0, accounts: 0, notes: 0 };
                for e in store::enterprises::list(pool).await?.into_iter().filter(|e| ids.contains(&e.id)) {
                    c.enterprises += 1;
                    c.stores += store::stores::count(pool, Some(e.id)).await?;
                    c.staff += store::staff::count_all(pool, Some(e.id)).await?;
                    c.accounts += store::accounts::count_for_enterprise(pool, e.id).await?;
                    c.notes += store::notes::count(pool, Some(e.id)).await?;
                }
                c
            }
        };
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").into(),
            db_path: actor
                .require(crate::authz::Permission::ViewInstallation)
                .is_ok()
                .then(|| self.db.location().to_string()),
            schema_version: self.db.schema_version().await?,
            empty: enterprises == 0,
            key: self.vault.location(),
            counts,
        })
    }

    fn now_ts(&self) -> String {
        ts(self.clock.now())
    }
}

/// Writes a history event inside the caller's transaction (B-20).
pub(crate) struct Event<'a> {
    pub enterprise_id: Option<i64>,
    pub entity_type: &'a str,
    pub entity_id: String,
    pub action: &'a str,
    pub summary_zh: String,
    pub summary_en: String,
    pub reason: Option<&'a str>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// `actor_id` is `None` for what no KOS Desk user did: the platform (an invitation expiring) or the
/// employee in the Xiaohongshu app (accepting an invitation).
pub(crate) async fn record(tx: &mut Tx, actor_id: Option<i64>, at: &str, e: Event<'_>) -> CoreResult<i64> {
    store::history::insert(
        tx,
        &store::history::NewEvent {
            at: at.to_string(),
            actor_id,
            enterprise_id: e.enterprise_id,
            entity_type: e.entity_type,
            entity_id: e.entity_id,
            action: e.action,
            summary_zh: e.summary_zh,
            summary_en: e.summary_en,
            reason: e.reason,
            before_json: e.before.map(|v| v.to_string()),
            after_json: e.after.map(|v| v.to_string()),
        },
    )
    .await
}
