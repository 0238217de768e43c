use serde::{Deserialize, Serialize};
use specta::Type;

use super::{NoArgs, Service};
use crate::authz::Actor;
use crate::error::{CoreError, CoreResult};
use crate::model::Role;
use crate::store;
use crate::store::enterprises::EnterpriseSummary;

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct UserSummary {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub enterprise_id: Option<i64>,
    pub enterprise_name: Option<String>,
    pub agency_name: Option<String>,
    pub store_names: Vec<String>,
    /// the staff member an employee user is (员工视角 shows only their own)
    pub staff_id: Option<i64>,
}

/// Who is acting and the brands they may act on (agencies: only brands that reported them, B-21).
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct Session {
    pub actor: UserSummary,
    pub enterprises: Vec<EnterpriseSummary>,
    /// what the actor's role may do ("load_demo", "edit_rule_settings", "view_overview", "view_staff",
    /// "view_history", "view_enterprise", "view_bindings", "manage_bindings", "read_proof", "review_proof",
    /// "respond_invitation"); the UI mirrors it, the core checks every call
    pub permissions: Vec<crate::authz::Permission>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct SwitchActorArgs {
    pub user_id: i64,
}

impl Service {
    async fn user_summary(&self, rec: store::users::UserRecord) -> CoreResult<UserSummary> {
        let role = Role::parse(&rec.role).ok_or_else(|| CoreError::not_found("user", rec.id))?;
        let store_names = if role == Role::StoreManager {
            store::users::list_store_names(self.db.pool(), rec.id).await?
        } else {
            Vec::new()
        };
        Ok(UserSummary {
            id: rec.id,
            name: rec.name,
            role,
            enterprise_id: rec.enterprise_id,
            enterprise_name: rec.enterprise_name,
            agency_name: rec.agency_name,
            store_names,
            staff_id: rec.staff_id,
        })
    }

    async fn session_for(&self, actor: &Actor) -> CoreResult<Session> {
        let rec = store::users::get(self.db.pool(), actor.user_id)
            .await?
            .ok_or_else(|| CoreError::not_found("user", actor.user_id))?;
        let scope = actor.enterprise_scope();
        let enterprises =
            store::enterprises::list(self.db.pool()).await?.into_iter().filter(|e| scope.contains(e.id)).collect();
        Ok(Session { actor: self.user_summary(rec).await?, enterprises, permissions: actor.permissions() })
    }

    /// The acting user and the brands they reach.
    pub async fn session_get(&self, actor: &Actor, _args: NoArgs) -> CoreResult<Session> {
        self.session_for(actor).await
    }

    /// Switches who acts on this machine and remembers it. On a single-machine installation anyone at the
    /// keyboard may pick any active user; the team server will replace this with sign-in.
    pub async fn session_switch(&self, _actor: &Actor, args: SwitchActorArgs) -> CoreResult<Session> {
        let next = self.actor(args.user_id).await?;
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        store::users::update_local_session(&mut *tx, next.user_id, &now).await?;
        tx.commit().await?;
        self.session_for(&next).await
    }

    /// Everyone who can be picked as the acting user.
    pub async fn list_users(&self, _actor: &Actor, _args: NoArgs) -> CoreResult<Vec<UserSummary>> {
        let mut out = Vec::new();
        for rec in store::users::list_active(self.db.pool()).await? {
            out.push(self.user_summary(rec).await?);
        }
        Ok(out)
    }

    /// The enterprises the actor reaches.
    pub async fn list_enterprises(&self, actor: &Actor, _args: NoArgs) -> CoreResult<Vec<EnterpriseSummary>> {
        Ok(self.session_for(actor).await?.enterprises)
    }
}
