use serde::{Deserialize, Serialize};
use specta::Type;

use super::{NoArgs, Service};
use crate::api::types::enterprises::EnterpriseSummary;
use crate::authz::Actor;
use crate::error::{CoreError, CoreResult};
use crate::model::Role;
use crate::store;

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

    /// Switches who acts on this machine and remembers it (solo mode's 以…身份预览; the team server replaces
    /// it with sign-in). The next user must be one `list_users` shows the actor: anyone else is reported as
    /// not found, so a previewed agency cannot step into a brand that did not report it.
    pub async fn session_switch(&self, actor: &Actor, args: SwitchActorArgs) -> CoreResult<Session> {
        let rec = store::users::get(self.db.pool(), args.user_id)
            .await?
            .ok_or_else(|| CoreError::not_found("user", args.user_id))?;
        if !self.user_visible(actor, &rec).await? {
            return Err(CoreError::not_found("user", args.user_id));
        }
        let next = self.actor(args.user_id).await?;
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        store::users::update_local_session(&mut *tx, next.user_id, &now).await?;
        if next.user_id != actor.user_id {
            // U-4: a preview leaves a trace — who looked through whose eyes, and when
            super::record(
                &mut tx,
                Some(actor.user_id),
                &now,
                super::Event {
                    enterprise_id: next.enterprise_id.or(actor.enterprise_id),
                    entity_type: "session",
                    entity_id: next.user_id.to_string(),
                    action: "preview_as",
                    summary_zh: format!("{} 以「{}」（{}）身份预览", actor.name, next.name, next.role.label_zh()),
                    summary_en: format!("{} previews as {} ({})", actor.name, next.name, next.role.label_en()),
                    reason: None,
                    before: Some(serde_json::json!({ "user_id": actor.user_id })),
                    after: Some(serde_json::json!({ "user_id": next.user_id })),
                },
            )
            .await?;
        }
        tx.commit().await?;
        self.session_for(&next).await
    }

    /// The users the actor may see and pick in the switcher. The administrator sees everyone. Every other
    /// role (a preview of it in solo mode) sees: itself; the installation's administrators and the
    /// platform's reviewers, who belong to no brand (the way back from a preview); the users of the brands
    /// it reaches; and the users of agencies reported by those brands (B-21: an agency sees only the brands
    /// that reported it, never a stranger brand's people).
    pub async fn list_users(&self, actor: &Actor, _args: NoArgs) -> CoreResult<Vec<UserSummary>> {
        let mut out = Vec::new();
        for rec in store::users::list_active(self.db.pool()).await? {
            if self.user_visible(actor, &rec).await? {
                out.push(self.user_summary(rec).await?);
            }
        }
        Ok(out)
    }

    async fn user_visible(&self, actor: &Actor, rec: &store::users::UserRecord) -> CoreResult<bool> {
        if actor.role == Role::Admin || rec.id == actor.user_id {
            return Ok(true);
        }
        if matches!(Role::parse(&rec.role), Some(Role::Admin | Role::PlatformReviewer)) {
            return Ok(true);
        }
        let scope = actor.enterprise_scope();
        if let Some(e) = rec.enterprise_id {
            return Ok(scope.contains(e));
        }
        if let Some(agency) = rec.agency_id {
            if actor.agency_id == Some(agency) {
                return Ok(true);
            }
            let brands = store::enterprises::list_agency_brands(self.db.pool(), agency).await?;
            return Ok(brands.into_iter().any(|e| scope.contains(e)));
        }
        Ok(false)
    }

    /// The enterprises the actor reaches.
    pub async fn list_enterprises(&self, actor: &Actor, _args: NoArgs) -> CoreResult<Vec<EnterpriseSummary>> {
        Ok(self.session_for(actor).await?.enterprises)
    }
}
