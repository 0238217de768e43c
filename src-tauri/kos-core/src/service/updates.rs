//! Issue 15 item 3: what the core knows about the window's updates. The updater itself (the manifest, the
//! download, the signature, the install) lives in the Tauri shell; the core keeps what is data and rules:
//! the administrator's switch 启动时检查更新 (a versioned setting with a history record of who turned it off
//! or on), and whether an import is running or waiting to be resumed — no update is downloaded or installed
//! then (an import from the CLI in another process shows in the database's import lease).

use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};
use serde_json::json;
use specta::Type;

use super::{record, Event, NoArgs, Service};
use crate::authz::{Actor, Permission};
use crate::error::CoreResult;
use crate::store;

/// The key of the switch among the installation's settings (rule_settings, enterprise NULL): 1 on, 0 off.
pub const UPDATE_CHECK_KEY: &str = "update_check_on_start";

/// An interrupted note import newer than this many days keeps an update from being installed (the next
/// version may change how a resumed import continues); an older one no longer does, so an abandoned import
/// cannot hold updates back for ever.
pub const RESUMABLE_DAYS: i64 = 7;

/// The administrator's update settings for this installation.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct UpdateSettings {
    /// 启动时检查更新: the window asks the release manifest in the background at every start
    pub check_on_start: bool,
    /// when it was last turned off or on, and by whom (`None`: never changed, on by default)
    pub changed_at: Option<String>,
    pub changed_by: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct SetUpdateCheckArgs {
    pub check_on_start: bool,
    /// why, recorded in history (optional)
    pub reason: Option<String>,
}

/// Whether an import keeps updates waiting.
#[derive(Debug, Clone, Serialize, Type, PartialEq, Default)]
pub struct ImportActivity {
    /// a note import holds a live lease (this process or another, e.g. `kos-desk import notes`), or a roster
    /// or account import is being applied in this process
    pub running: bool,
    /// the newest note import that was cut off and can be resumed (its file name), if recent
    pub resumable: Option<String>,
}

impl ImportActivity {
    /// Nothing running or waiting to be resumed.
    pub fn idle(&self) -> bool {
        !self.running && self.resumable.is_none()
    }
}

/// Counts the roster and account imports being applied in this process (they run inside one command, not
/// as jobs): held for the command's length.
pub(crate) struct InFlight<'a>(&'a AtomicUsize);

impl<'a> InFlight<'a> {
    pub(crate) fn start(counter: &'a AtomicUsize) -> Self {
        counter.fetch_add(1, Ordering::SeqCst);
        InFlight(counter)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Service {
    /// 启动时检查更新, as the window reads it at start (no actor: it is the installation's setting).
    pub async fn update_check_on_start(&self) -> CoreResult<bool> {
        Ok(self.read_update_settings().await?.check_on_start)
    }

    async fn read_update_settings(&self) -> CoreResult<UpdateSettings> {
        let recs = store::settings::list_in_force(self.db.pool(), None).await?;
        let rec = recs.iter().find(|r| r.key == UPDATE_CHECK_KEY && r.enterprise_id.is_none());
        Ok(UpdateSettings {
            check_on_start: rec.is_none_or(|r| r.value != 0),
            changed_at: rec.map(|r| r.set_at.clone()),
            changed_by: rec.and_then(|r| r.set_by_name.clone()),
        })
    }

    /// Every role may read it (the settings page shows it); only the administrator changes it.
    pub async fn update_settings(&self, _actor: &Actor, _args: NoArgs) -> CoreResult<UpdateSettings> {
        self.read_update_settings().await
    }

    /// Turns 启动时检查更新 off or on (administrator); recorded in history with who and why.
    pub async fn set_update_check(&self, actor: &Actor, args: SetUpdateCheckArgs) -> CoreResult<UpdateSettings> {
        actor.require(Permission::ManageUpdates)?;
        let before = self.read_update_settings().await?.check_on_start;
        let reason = args.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        store::settings::insert(
            &mut *tx,
            &store::settings::NewSetting {
                enterprise_id: None,
                key: UPDATE_CHECK_KEY,
                value: i64::from(args.check_on_start),
                set_by: actor.user_id,
                set_at: now.clone(),
                reason: reason.unwrap_or(""),
            },
        )
        .await?;
        let (zh, en) = if args.check_on_start { ("开启", "on") } else { ("关闭", "off") };
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: None,
                entity_type: "update_setting",
                entity_id: UPDATE_CHECK_KEY.into(),
                action: if args.check_on_start { "enable" } else { "disable" },
                summary_zh: format!("启动时检查更新：{zh}"),
                summary_en: format!("Check for updates at start: {en}"),
                reason,
                before: Some(json!({ "check_on_start": before })),
                after: Some(json!({ "check_on_start": args.check_on_start })),
            },
        )
        .await?;
        tx.commit().await?;
        self.read_update_settings().await
    }

    /// Whether an import runs now, here or in another process on the same database, or waits to be
    /// resumed: the window then neither downloads nor installs an update.
    pub async fn import_activity(&self) -> CoreResult<ImportActivity> {
        let now = self.clock.now();
        let mut conn = self.db.pool().acquire().await?;
        let leased = store::note_imports::any_lease_live(&mut conn, &crate::clock::ts(now)).await?;
        let since = crate::clock::ts(now - chrono::Duration::days(RESUMABLE_DAYS));
        let resumable = store::note_imports::newest_resumable(&mut conn, &since).await?;
        Ok(ImportActivity {
            running: leased || self.imports_in_flight.load(Ordering::SeqCst) > 0 || self.jobs.import_running(),
            resumable,
        })
    }
}
