use serde::{Deserialize, Serialize};
use specta::Type;

use super::Service;
use crate::api::types::notes::MonthCount;
use crate::api::types::paging::Page;
use crate::api::types::staff::StaffRow;
use crate::api::types::stores::StoreRow;
use crate::authz::{Actor, Permission};
use crate::error::{CoreError, CoreResult};
use crate::store;
use crate::store::paging;
use crate::store::staff::StaffFilter;

#[derive(Debug, Clone, Deserialize, Type)]
pub struct EnterpriseArgs {
    pub enterprise_id: i64,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct EnterpriseDetail {
    pub id: i64,
    pub name: String,
    pub industry: String,
    pub city: String,
    /// declared offline stores (B-1)
    pub store_count: i64,
    pub professional_account: bool,
    pub staff_mgmt_permission: bool,
    pub last_serious_violation_at: Option<String>,
    pub invite_ban_until: Option<String>,
    /// agencies this brand reported (B-21)
    pub agencies: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct Overview {
    pub enterprise: EnterpriseDetail,
    pub stores: i64,
    pub staff: i64,
    /// live 企业员工号 bindings
    pub accounts_enterprise: i64,
    /// live 员工个人号授权 bindings
    pub accounts_personal: i64,
    pub notes_total: i64,
    pub notes_by_month: Vec<MonthCount>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ListStaffArgs {
    pub enterprise_id: i64,
    pub store_id: Option<i64>,
    /// matched against name, 小红书号 and nickname
    pub keyword: Option<String>,
    pub page_size: u32,
    pub cursor: Option<String>,
}

impl Service {
    pub(crate) async fn enterprise_detail(&self, enterprise_id: i64) -> CoreResult<EnterpriseDetail> {
        let pool = self.db.pool();
        let e = store::enterprises::get(pool, enterprise_id)
            .await?
            .ok_or_else(|| CoreError::not_found("enterprise", enterprise_id))?;
        Ok(EnterpriseDetail {
            id: e.id,
            name: e.name,
            industry: e.industry,
            city: e.city,
            store_count: e.store_count,
            professional_account: e.professional_account,
            staff_mgmt_permission: e.staff_mgmt_permission,
            last_serious_violation_at: e.last_serious_violation_at,
            invite_ban_until: e.invite_ban_until,
            agencies: store::enterprises::list_reported_agencies(pool, enterprise_id).await?,
        })
    }

    /// The brand at a glance: stores, staff, bound accounts by mode, notes per month.
    pub async fn enterprise_overview(&self, actor: &Actor, args: EnterpriseArgs) -> CoreResult<Overview> {
        actor.require_in(Permission::ViewOverview, args.enterprise_id)?;
        let pool = self.db.pool();
        let id = args.enterprise_id;
        let enterprise = self.enterprise_detail(id).await?;
        let (accounts_enterprise, accounts_personal) = store::bindings::count_live_by_mode(pool, id).await?;
        Ok(Overview {
            enterprise,
            stores: store::stores::count(pool, Some(id)).await?,
            staff: store::staff::count_all(pool, Some(id)).await?,
            accounts_enterprise,
            accounts_personal,
            notes_total: store::notes::count(pool, Some(id)).await?,
            notes_by_month: store::notes::list_by_month(pool, id).await?,
        })
    }

    /// The enterprise's stores; a store manager sees only their own.
    pub async fn list_stores(&self, actor: &Actor, args: EnterpriseArgs) -> CoreResult<Vec<StoreRow>> {
        actor.require_in(Permission::ViewStaff, args.enterprise_id)?;
        store::stores::list(self.db.pool(), args.enterprise_id, actor.store_filter()).await
    }

    /// Current staff, one keyset page at a time; a store manager sees only their stores' staff.
    pub async fn list_staff(&self, actor: &Actor, args: ListStaffArgs) -> CoreResult<Page<StaffRow>> {
        actor.require_in(Permission::ViewStaff, args.enterprise_id)?;
        let size = paging::page_size(args.page_size)?;
        let after = paging::decode_id_cursor(args.cursor.as_deref())?;
        let keyword = args.keyword.as_deref().map(str::trim).filter(|k| !k.is_empty());
        let filter = StaffFilter {
            enterprise_id: args.enterprise_id,
            store_id: args.store_id,
            stores: actor.store_filter(),
            keyword,
        };
        let pool = self.db.pool();
        let rows = store::staff::list_page(pool, &filter, after, size + 1).await?;
        let total = store::staff::count(pool, &filter).await?;
        Ok(paging::finish(rows, size, u32::try_from(total).unwrap_or(u32::MAX), |r| paging::encode_id_cursor(r.id)))
    }
}
