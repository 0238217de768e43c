//! Transitions that happen by themselves with time: invitations expire (B-13) and employment proofs are
//! deleted a set time after their bindings ended (PIPL). Every binding command sweeps first, so what a user
//! sees is always current; `sweep_due` lets a door run it on demand.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use specta::Type;

use super::when::{self, hours};
use super::{record, Event, NoArgs, Service};
use crate::authz::{Actor, Permission};
use crate::clock::ts;
use crate::error::CoreResult;
use crate::model::BindingStatus;
use crate::rules;
use crate::store;
use crate::store::bindings::StatusChange;

#[derive(Debug, Clone, Default, Serialize, Type, PartialEq)]
pub struct SweepReport {
    /// invitations that expired (B-13)
    pub expired: u32,
    /// employment proofs deleted after their retention period
    pub proofs_purged: u32,
}

impl Service {
    /// Applies every transition due at `now`.
    pub async fn sweep(&self, now: DateTime<Utc>) -> CoreResult<SweepReport> {
        let expired = self.expire_invitations(now).await?;
        let proofs_purged = self.purge_proofs(now).await?;
        Ok(SweepReport { expired, proofs_purged })
    }

    /// Runs the sweep now, across every brand: the administrator only (every binding command already sweeps
    /// before it acts; the system runs `sweep` itself without an actor).
    pub async fn sweep_due(&self, actor: &Actor, _args: NoArgs) -> CoreResult<SweepReport> {
        actor.require(Permission::RunSweep)?;
        self.sweep(self.clock.now()).await
    }

    /// B-13: an invitation not accepted within `invite_expiry_hours` expires at exactly that instant.
    async fn expire_invitations(&self, now: DateTime<Utc>) -> CoreResult<u32> {
        let pool = self.db.pool();
        let mut due = Vec::new();
        for (enterprise_id, oldest) in store::bindings::list_oldest_invitations(pool).await? {
            let h = self.rule_value(Some(enterprise_id), rules::INVITE_EXPIRY_HOURS).await?;
            if when::parse("invited_at", &oldest)? + hours(h) > now {
                continue;
            }
            let cutoff = ts(now - hours(h));
            for b in store::bindings::list_invited_before(pool, enterprise_id, &cutoff).await? {
                due.push((b, h));
            }
        }
        if due.is_empty() {
            return Ok(0);
        }
        let mut tx = self.db.write().await?;
        let mut n = 0;
        for (b, h) in due {
            let expires_at = ts(when::parse("invited_at", &b.invited_at)? + hours(h));
            let reason = format!("邀请超过 {h} 小时未接受，已失效");
            let changed = store::bindings::update_status(
                &mut *tx,
                &StatusChange {
                    id: b.id,
                    from: BindingStatus::Invited,
                    to: BindingStatus::Expired,
                    effective_at: None,
                    ended_at: Some(&expires_at),
                    end_reason: Some(&reason),
                },
            )
            .await?;
            if !changed {
                continue;
            }
            n += 1;
            record(
                &mut tx,
                None,
                &expires_at,
                Event {
                    enterprise_id: Some(b.enterprise_id),
                    entity_type: "binding",
                    entity_id: b.id.to_string(),
                    action: "expire",
                    summary_zh: format!("绑定邀请已失效（{h} 小时内未接受，B-13）"),
                    summary_en: format!("The invitation expired (not accepted within {h} hours, B-13)"),
                    reason: Some(&reason),
                    before: Some(json!({ "status": "invited" })),
                    after: Some(json!({ "status": "expired" })),
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok(n)
    }

    /// Whether notes of the account may enter the review queue: only while it is bound and not frozen (B-17).
    pub async fn account_accepts_new_notes(&self, account_id: i64) -> CoreResult<bool> {
        let live = store::bindings::get_live_for_account(self.db.pool(), account_id).await?;
        Ok(live.is_some_and(|b| b.status == BindingStatus::Active))
    }
}
