//! Backup and restore through the window and `kos-desk call` (B-20): the administrator alone; the work is
//! `crate::backup`'s.

use serde::Deserialize;
use specta::Type;

use super::Service;
use crate::authz::{Actor, Permission};
use crate::backup::{self, BackupReport, BackupSummary, RestoreReport};
use crate::error::CoreResult;

#[derive(Debug, Clone, Deserialize, Type)]
pub struct BackupArgs {
    /// the backup file to write: a save grant (the save dialog's choice, or the path typed on the CLI)
    pub file: String,
    /// seals the installation key inside the backup; at least 8 characters
    pub passphrase: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct InspectBackupArgs {
    /// the backup file: an open grant
    pub file: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct RestoreBackupArgs {
    /// the backup file: an open grant
    pub file: String,
    pub passphrase: String,
}

impl Service {
    /// Writes a backup of the database, the proofs and the sealed key to `path` (administrator).
    pub async fn backup_now(&self, actor: &Actor, args: BackupArgs) -> CoreResult<BackupReport> {
        actor.require(Permission::ManageBackup)?;
        // a passphrase too short is refused before the save grant is spent
        backup::check_passphrase(&args.passphrase)?;
        let dest = self.save_target(&args.file)?;
        backup::write_backup(
            self.db.lite_pool()?,
            self.db.path(),
            &self.proofs_dir,
            &self.secrets,
            &dest,
            &args.passphrase,
        )
        .await
    }

    /// What a backup file holds, from its manifest (administrator): the restore confirmation shows it.
    pub async fn inspect_backup(&self, actor: &Actor, args: InspectBackupArgs) -> CoreResult<BackupSummary> {
        actor.require(Permission::ManageBackup)?;
        backup::inspect(&self.opened_file(&args.file)?).await
    }

    /// Replaces this database and its proofs with a backup's (administrator). Everything is checked before
    /// anything moves; then the database is closed, the current files go to a dated `replaced-…` folder and
    /// the backup takes their place. The window restarts on the restored data right after.
    pub async fn restore_backup(&self, actor: &Actor, args: RestoreBackupArgs) -> CoreResult<RestoreReport> {
        actor.require(Permission::ManageBackup)?;
        // U-4: the team store is restored by PostgreSQL's own tools, never over the server's files
        self.db.lite_pool()?;
        let file = self.opened_file(&args.file)?;
        let target = self.db.path().to_path_buf();
        self.vault.place.check_outside(&target)?;
        let staged = backup::prepare_restore(&file, &args.passphrase, &target).await?;
        // N-1: the lock stays held while the files are replaced, so no other opener sees them half-moved
        let lock = self.db.close_keeping_lock().await;
        let report = backup::install(staged, &target, self.vault.place.clone(), true).await;
        drop(lock);
        report
    }
}
