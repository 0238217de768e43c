//! 用户与角色 (U-3): the administrator creates users with one role, a brand for brand roles, an agency for agency
//! users, stores for store managers and the staff member an employee is; edits them with a reason; deactivates
//! and reactivates them with a reason. A deactivated user cannot act: `Service::actor` refuses them, the one
//! place every door builds its actor. History keeps their name (its rows point at the user row, never deleted).
//! The users table's login columns (password hash, external id) are left for the team server (U-4) and never
//! read here.

use serde::{Deserialize, Serialize};
use serde_json::json;
use specta::Type;

use super::setup_brand::{required_reason, required_text};
use super::setup_stores::{normalise_phone, phone_hmac};
use super::{record, Event, NoArgs, Service};
use crate::authz::{Actor, Permission};
use crate::db::Tx;
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::model::Role;
use crate::setup_sheet::mask_phone;
use crate::store;

/// The local administrator every installation starts with.
pub const LOCAL_ADMIN_ID: i64 = 1;
const MAX_NAME_CHARS: usize = 24;

/// A user as the 用户与角色 page shows them (never their login data).
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct UserAccount {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub enterprise_id: Option<i64>,
    pub enterprise_name: Option<String>,
    pub agency_id: Option<i64>,
    pub agency_name: Option<String>,
    /// employees: the staff member they are
    pub staff_id: Option<i64>,
    pub staff_name: Option<String>,
    /// store managers: their stores
    pub store_ids: Vec<i64>,
    pub store_names: Vec<String>,
    /// 138****5678
    pub phone_masked: Option<String>,
    pub active: bool,
    pub deactivated_at: Option<String>,
    pub created_at: String,
    /// the installation's own administrator (id 1): never deactivated, keeps the administrator role
    pub local_admin: bool,
}

/// An agency with the brands that reported it (B-21).
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct AgencyRow {
    pub id: i64,
    pub name: String,
    pub brands: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct CreateUserArgs {
    pub name: String,
    pub role: Role,
    /// brand roles (品牌市场, 门店店长, 管理层, 员工): their brand
    pub enterprise_id: Option<i64>,
    /// 代理商: the agency (a brand must have reported it, see 报备代理)
    pub agency_id: Option<i64>,
    /// 门店店长: the stores they manage (open stores of their brand)
    pub store_ids: Vec<i64>,
    /// 员工: the staff member they are
    pub staff_id: Option<i64>,
    /// 11 digits; stored masked and as a keyed HMAC. A store manager is linked to the stores whose 店长手机号
    /// is this phone.
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct UpdateUserArgs {
    pub user_id: i64,
    pub name: String,
    pub role: Role,
    pub enterprise_id: Option<i64>,
    pub agency_id: Option<i64>,
    pub store_ids: Vec<i64>,
    pub staff_id: Option<i64>,
    /// `null`: unchanged; `""`: removed
    pub phone: Option<String>,
    /// why (required, recorded in history)
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct SetUserActiveArgs {
    pub user_id: i64,
    /// false: 停用; true: 启用
    pub active: bool,
    /// why (required, recorded in history)
    pub reason: String,
}

/// The user's role and what it belongs to, checked.
struct Placement {
    enterprise_id: Option<i64>,
    agency_id: Option<i64>,
    staff_id: Option<i64>,
    store_ids: Vec<i64>,
}

fn needs(field: &str, zh: &str, en: &str) -> CoreError {
    CoreError::invalid(field, zh, en)
}

/// Checks the role's brand, agency, stores and staff member (U-3). `current_stores`: the stores the user has
/// now (a closed one may stay; a new one must be open). `user_id`: the user edited, if any.
async fn check_placement(
    tx: &mut Tx,
    role: Role,
    a: (Option<i64>, Option<i64>, &[i64], Option<i64>),
    current_stores: &[i64],
    user_id: Option<i64>,
) -> CoreResult<Placement> {
    let (enterprise_id, agency_id, store_ids, staff_id) = a;
    let brand_role = matches!(role, Role::BrandMarketing | Role::StoreManager | Role::Leader | Role::Employee);
    let enterprise_id = if brand_role {
        let e =
            enterprise_id.ok_or_else(|| needs("enterprise_id", "请选择该用户所属的品牌", "Choose the user's brand"))?;
        if store::enterprises::get(&mut **tx, e).await?.is_none() {
            return Err(CoreError::not_found("enterprise", e));
        }
        Some(e)
    } else {
        None
    };
    let agency_id = if role == Role::Agency {
        let a = agency_id.ok_or_else(|| needs("agency_id", "请选择代理商", "Choose the agency"))?;
        if store::enterprises::get_agency(&mut **tx, a).await?.is_none() {
            return Err(CoreError::not_found("agency", a));
        }
        Some(a)
    } else {
        None
    };
    let mut stores = Vec::new();
    if role == Role::StoreManager {
        if store_ids.is_empty() {
            return Err(needs("store_ids", "门店店长至少要管理一家门店", "A store manager manages at least one store"));
        }
        for &s in store_ids {
            let rec = store::stores::get(&mut **tx, s).await?.ok_or_else(|| CoreError::not_found("store", s))?;
            if Some(rec.enterprise_id) != enterprise_id {
                return Err(CoreError::not_found("store", s));
            }
            if rec.closed_on.is_some() && !current_stores.contains(&s) {
                return Err(CoreError::refused(
                    ErrorCode::StoreClosed,
                    "U-2",
                    format!("门店「{}」已关闭，不能再分配给店长", rec.name),
                    format!("The store \"{}\" is closed and cannot be given to a store manager", rec.name),
                    None,
                ));
            }
            if !stores.contains(&s) {
                stores.push(s);
            }
        }
    }
    let staff_id = if role == Role::Employee {
        let s = staff_id.ok_or_else(|| needs("staff_id", "请选择该员工用户对应的员工", "Choose the staff member"))?;
        let st = store::staff::get(&mut **tx, s).await?.ok_or_else(|| CoreError::not_found("staff", s))?;
        if Some(st.enterprise_id) != enterprise_id {
            return Err(CoreError::not_found("staff", s));
        }
        if let Some(other) = store::users::get_employee_by_staff(&mut **tx, s).await? {
            if Some(other) != user_id {
                return Err(needs(
                    "staff_id",
                    "这位员工已有员工用户，不能重复创建",
                    "This staff member has an employee user already",
                ));
            }
        }
        Some(s)
    } else {
        None
    };
    Ok(Placement { enterprise_id, agency_id, staff_id, store_ids: stores })
}

fn phone_of(raw: Option<&str>) -> CoreResult<Option<String>> {
    match raw.map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(None),
        Some(p) => normalise_phone(p).map(Some).ok_or_else(|| {
            CoreError::invalid(
                "phone",
                format!("手机号「{p}」不是 11 位手机号码"),
                format!("\"{p}\" is not an 11-digit mobile number"),
            )
        }),
    }
}

fn last_admin() -> CoreError {
    CoreError::refused(
        ErrorCode::LastAdministrator,
        "U-3",
        "本机管理员不能被停用或改为其他角色，也不能停用自己；系统至少要保留一位启用的系统管理员",
        "The local administrator cannot be deactivated or given another role, nobody deactivates themselves, and at least one active administrator must remain",
        None,
    )
}

/// Creates a user inside the caller's transaction and records it (U-3, B-20); returns the id. The demo loader
/// may call it. The caller checks the actor's right (`Permission::ManageUsers`).
pub(crate) async fn create_user_in(
    tx: &mut Tx,
    actor: &Actor,
    secrets: &crate::secrets::Secrets,
    now: &str,
    args: &CreateUserArgs,
) -> CoreResult<i64> {
    let name = required_text("name", "姓名", &args.name, MAX_NAME_CHARS)?;
    let phone = phone_of(args.phone.as_deref())?;
    let p =
        check_placement(tx, args.role, (args.enterprise_id, args.agency_id, &args.store_ids, args.staff_id), &[], None)
            .await?;
    let hmac = phone.as_deref().map(|ph| phone_hmac(secrets, ph));
    let masked = phone.as_deref().map(mask_phone);
    let id = store::users::insert_full(
        &mut **tx,
        &store::users::UserFacts {
            name: &name,
            role: args.role,
            enterprise_id: p.enterprise_id,
            agency_id: p.agency_id,
            staff_id: p.staff_id,
            phone_hmac: hmac.as_deref(),
            phone_masked: masked.as_deref(),
        },
        now,
    )
    .await?;
    let mut stores = p.store_ids.clone();
    // U-2: the stores whose sheet or form named this phone as 店长手机号
    if let (Role::StoreManager, Some(h), Some(e)) = (args.role, &hmac, p.enterprise_id) {
        for s in store::stores::list_records(&mut **tx, e).await? {
            if s.closed_on.is_none() && s.manager_phone_hmac.as_ref() == Some(h) && !stores.contains(&s.id) {
                stores.push(s.id);
            }
        }
    }
    for &s in &stores {
        store::users::insert_store(&mut **tx, id, s).await?;
    }
    let after = json!({ "name": name, "role": args.role, "enterprise_id": p.enterprise_id,
                        "agency_id": p.agency_id, "staff_id": p.staff_id, "store_ids": stores, "phone": masked });
    record(
        tx,
        Some(actor.user_id),
        now,
        Event {
            enterprise_id: p.enterprise_id,
            entity_type: "user",
            entity_id: id.to_string(),
            action: "create",
            summary_zh: format!("新建用户「{name}」（{}）", args.role.label_zh()),
            summary_en: format!("Created the user \"{name}\" ({})", args.role.label_en()),
            reason: None,
            before: None,
            after: Some(after),
        },
    )
    .await?;
    Ok(id)
}

impl Service {
    async fn user_account(&self, rec: store::users::UserAdminRecord) -> CoreResult<UserAccount> {
        let pool = self.db.pool();
        let role = Role::parse(&rec.role).ok_or_else(|| CoreError::not_found("user", rec.id))?;
        Ok(UserAccount {
            store_ids: store::users::list_store_ids(pool, rec.id).await?,
            store_names: store::users::list_store_names(pool, rec.id).await?,
            local_admin: rec.id == LOCAL_ADMIN_ID,
            id: rec.id,
            name: rec.name,
            role,
            enterprise_id: rec.enterprise_id,
            enterprise_name: rec.enterprise_name,
            agency_id: rec.agency_id,
            agency_name: rec.agency_name,
            staff_id: rec.staff_id,
            staff_name: rec.staff_name,
            phone_masked: rec.phone_masked,
            active: rec.active,
            deactivated_at: rec.deactivated_at,
            created_at: rec.created_at,
        })
    }

    async fn user_account_by_id(&self, id: i64) -> CoreResult<UserAccount> {
        let rec = store::users::get_admin(self.db.pool(), id).await?.ok_or_else(|| CoreError::not_found("user", id))?;
        self.user_account(rec).await
    }

    /// Every user, active and deactivated, for the 用户与角色 page (administrator).
    pub async fn list_user_accounts(&self, actor: &Actor, _args: NoArgs) -> CoreResult<Vec<UserAccount>> {
        actor.require(Permission::ManageUsers)?;
        let mut out = Vec::new();
        for rec in store::users::list_admin(self.db.pool()).await? {
            out.push(self.user_account(rec).await?);
        }
        Ok(out)
    }

    /// The agencies and the brands that reported each (B-21), for the user form (administrator).
    pub async fn list_agencies(&self, actor: &Actor, _args: NoArgs) -> CoreResult<Vec<AgencyRow>> {
        actor.require(Permission::ManageUsers)?;
        let pool = self.db.pool();
        let mut out = Vec::new();
        for a in store::enterprises::list_agencies(pool).await? {
            let mut brands = Vec::new();
            for e in store::enterprises::list_agency_brands(pool, a.id).await? {
                if let Some(n) = store::enterprises::get_name(pool, e).await? {
                    brands.push(n);
                }
            }
            out.push(AgencyRow { id: a.id, name: a.name, brands });
        }
        Ok(out)
    }

    /// 新建用户 (U-3).
    pub async fn create_user(&self, actor: &Actor, args: CreateUserArgs) -> CoreResult<UserAccount> {
        actor.require(Permission::ManageUsers)?;
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        let id = create_user_in(&mut tx, actor, &self.secrets, &now, &args).await?;
        tx.commit().await?;
        self.user_account_by_id(id).await
    }

    /// 编辑用户 (U-3): role, brand, agency, stores, staff member, phone, with a reason.
    pub async fn update_user(&self, actor: &Actor, args: UpdateUserArgs) -> CoreResult<UserAccount> {
        actor.require(Permission::ManageUsers)?;
        let name = required_text("name", "姓名", &args.name, MAX_NAME_CHARS)?;
        let reason = required_reason(&args.reason)?;
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        let before = store::users::get_admin(&mut *tx, args.user_id)
            .await?
            .ok_or_else(|| CoreError::not_found("user", args.user_id))?;
        let was_admin = before.role == Role::Admin.as_str();
        if was_admin
            && args.role != Role::Admin
            && (before.id == LOCAL_ADMIN_ID
                || (before.active && store::users::count_active_admins(&mut *tx).await? <= 1))
        {
            return Err(last_admin());
        }
        let current_stores = store::users::list_store_ids(&mut *tx, before.id).await?;
        let p = check_placement(
            &mut tx,
            args.role,
            (args.enterprise_id, args.agency_id, &args.store_ids, args.staff_id),
            &current_stores,
            Some(before.id),
        )
        .await?;
        let (hmac, masked) = match args.phone.as_deref().map(str::trim) {
            None => (store::users::get_phone_hmac(&mut *tx, before.id).await?, before.phone_masked.clone()),
            Some("") => (None, None),
            Some(raw) => {
                let ph = phone_of(Some(raw))?.unwrap_or_default();
                (Some(phone_hmac(&self.secrets, &ph)), Some(mask_phone(&ph)))
            }
        };
        store::users::update_facts(
            &mut *tx,
            before.id,
            &store::users::UserFacts {
                name: &name,
                role: args.role,
                enterprise_id: p.enterprise_id,
                agency_id: p.agency_id,
                staff_id: p.staff_id,
                phone_hmac: hmac.as_deref(),
                phone_masked: masked.as_deref(),
            },
        )
        .await?;
        store::users::delete_stores(&mut *tx, before.id).await?;
        for &s in &p.store_ids {
            store::users::insert_store(&mut *tx, before.id, s).await?;
        }
        let before_json = json!({ "name": before.name, "role": before.role, "enterprise_id": before.enterprise_id,
                                  "agency_id": before.agency_id, "staff_id": before.staff_id,
                                  "store_ids": current_stores, "phone": before.phone_masked });
        let after_json = json!({ "name": name, "role": args.role, "enterprise_id": p.enterprise_id,
                                 "agency_id": p.agency_id, "staff_id": p.staff_id, "store_ids": p.store_ids,
                                 "phone": masked });
        if before_json == after_json {
            return Err(CoreError::invalid("user", "没有任何改动", "Nothing changed"));
        }
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: p.enterprise_id.or(before.enterprise_id),
                entity_type: "user",
                entity_id: before.id.to_string(),
                action: "update",
                summary_zh: format!("修改用户「{name}」（{}）", args.role.label_zh()),
                summary_en: format!("Changed the user \"{name}\" ({})", args.role.label_en()),
                reason: Some(&reason),
                before: Some(before_json),
                after: Some(after_json),
            },
        )
        .await?;
        tx.commit().await?;
        self.user_account_by_id(before.id).await
    }

    /// 停用 / 启用 a user with a reason (U-3). A deactivated user can no longer act; the local administrator,
    /// oneself and the last active administrator cannot be deactivated. A machine whose acting user is
    /// deactivated switches back to the administrator who did it.
    pub async fn set_user_active(&self, actor: &Actor, args: SetUserActiveArgs) -> CoreResult<UserAccount> {
        actor.require(Permission::ManageUsers)?;
        let reason = required_reason(&args.reason)?;
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        let u = store::users::get_admin(&mut *tx, args.user_id)
            .await?
            .ok_or_else(|| CoreError::not_found("user", args.user_id))?;
        if u.active == args.active {
            return Err(CoreError::invalid(
                "active",
                if args.active {
                    format!("用户「{}」已是启用状态", u.name)
                } else {
                    format!("用户「{}」已停用", u.name)
                },
                if args.active {
                    format!("\"{}\" is active already", u.name)
                } else {
                    format!("\"{}\" is deactivated already", u.name)
                },
            ));
        }
        if !args.active {
            let is_admin = u.role == Role::Admin.as_str();
            if u.id == LOCAL_ADMIN_ID
                || u.id == actor.user_id
                || (is_admin && store::users::count_active_admins(&mut *tx).await? <= 1)
            {
                return Err(last_admin());
            }
        }
        store::users::update_active(&mut *tx, u.id, (!args.active).then_some(now.as_str())).await?;
        if !args.active && store::users::get_local_session_user(&mut *tx).await? == u.id {
            store::users::update_local_session(&mut *tx, actor.user_id, &now).await?;
        }
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: u.enterprise_id,
                entity_type: "user",
                entity_id: u.id.to_string(),
                action: if args.active { "reactivate" } else { "deactivate" },
                summary_zh: format!("{}用户「{}」", if args.active { "启用" } else { "停用" }, u.name),
                summary_en: format!(
                    "{} the user \"{}\"",
                    if args.active { "Reactivated" } else { "Deactivated" },
                    u.name
                ),
                reason: Some(&reason),
                before: Some(json!({ "active": u.active })),
                after: Some(json!({ "active": args.active })),
            },
        )
        .await?;
        tx.commit().await?;
        self.user_account_by_id(u.id).await
    }
}
