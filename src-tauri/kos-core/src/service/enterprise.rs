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
        let notes_by_month = self.notes_by_month(id).await?;
        Ok(Overview {
            enterprise,
            stores: store::stores::count(pool, Some(id)).await?,
            staff: store::staff::count_all(pool, Some(id)).await?,
            accounts_enterprise,
            accounts_personal,
            // every note has a type (video or image, a CHECK) and a publication month: the months add up to the
            // brand's notes, without a second pass over a million of them
            notes_total: notes_by_month.iter().map(|m| m.video + m.image).sum(),
            notes_by_month,
        })
    }

    /// 概览's chart: the brand's notes per month. Counting reads every note of the brand (seconds at a million
    /// notes, and the window's first screen waits for it), so the count is kept with the notes' freshness and
    /// read back while they are unchanged (issue 15 item 4); notes change only by imports and new notes,
    /// which move the freshness (see `store::analytics::freshness`).
    async fn notes_by_month(&self, enterprise_id: i64) -> CoreResult<Vec<MonthCount>> {
        let pool = self.db.pool();
        // the key is read before the count: notes changed meanwhile make the key older than the count, and
        // the next call counts again
        let fresh = store::analytics::freshness(pool, enterprise_id).await?;
        if let Some(months) = store::notes::kept_by_month(pool, enterprise_id, &fresh).await? {
            return Ok(months);
        }
        let months = store::notes::list_by_month(pool, enterprise_id).await?;
        // kept in the background: the answer does not wait for the write lock (an import may hold it), and a
        // count that could not be kept is made again next time
        let (svc, kept) = (self.clone(), months.clone());
        tokio::spawn(async move {
            let at = svc.now_ts();
            let result = async {
                let mut tx = svc.db.write().await?;
                store::notes::keep_by_month(&mut *tx, enterprise_id, &fresh, &kept, &at).await?;
                tx.commit().await
            }
            .await;
            if let Err(e) = result {
                eprintln!("概览的月度统计未能保存，下次打开时重新统计：{}", e.to_api().message);
            }
        });
        Ok(months)
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
