use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::json;
use specta::Type;

use super::{record, Event, Service};
use crate::authz::{Actor, Permission};
use crate::clock::ts;
use crate::demo::{self, dataset::Dataset};
use crate::error::{CoreError, CoreResult};
use crate::model::{BindingStatus, NoteType, Role};
use crate::store;
use crate::store::notes::Metrics;
use crate::{idcard, secrets::Secrets};

#[derive(Debug, Clone, Default, Deserialize, Type)]
pub struct LoadDemoArgs {
    /// `null`: the default seed; the same seed and day give the same data
    pub seed: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct DemoSummary {
    pub enterprise_id: i64,
    pub enterprise_name: String,
    pub enterprises: i64,
    pub stores: i64,
    pub staff: i64,
    pub accounts: i64,
    pub bindings: i64,
    pub notes: i64,
    pub snapshots: i64,
    pub users: i64,
}

fn metrics(s: &demo::dataset::DemoSnapshot) -> Metrics {
    let i = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
    Metrics {
        exposure: i(s.exposure),
        reads: i(s.reads),
        likes: Some(i(s.likes)),
        collects: Some(i(s.collects)),
        comments: Some(i(s.comments)),
        interactions_total: None,
        shares: i(s.shares),
        follows_gained: i(s.follows_gained),
        read_uv: Some(i(s.read_uv)),
    }
}

impl Service {
    /// Loads the demo brand into an empty database, in one transaction (all or nothing).
    pub async fn load_demo(&self, actor: &Actor, args: LoadDemoArgs) -> CoreResult<DemoSummary> {
        actor.require(Permission::LoadDemo)?;
        if store::enterprises::count(self.db.pool()).await? > 0 {
            return Err(CoreError::DemoAlreadyLoaded);
        }
        let seed = args.seed.map_or(demo::DEFAULT_SEED, u64::from);
        let data = demo::generate::generate(seed, self.clock.today());
        let mut tx = self.db.write().await?;
        // checked again inside the write lock: two racing loads cannot both insert
        if store::enterprises::count(&mut *tx).await? > 0 {
            return Err(CoreError::DemoAlreadyLoaded);
        }
        let summary =
            write_dataset(&mut tx, actor, &self.secrets, &data, (&self.now_ts(), self.clock.today()), seed).await?;
        tx.commit().await?;
        self.analytics.invalidate();
        Ok(summary)
    }
}

async fn write_dataset(
    tx: &mut crate::db::Tx,
    actor: &Actor,
    secrets: &Secrets,
    d: &Dataset,
    (now, today): (&str, chrono::NaiveDate),
    seed: u64,
) -> CoreResult<DemoSummary> {
    // U-1, U-2, U-3: the brands, their agency, stores and users come through the same checked functions
    // (and history rows) as 创建品牌, 报备代理, 新增门店 and 用户与角色 in the window
    let mut ent_ids = Vec::new();
    for e in &d.enterprises {
        let facts = super::setup_brand::BrandFacts {
            name: e.name.clone(),
            industry: e.industry.to_string(),
            city: e.city.to_string(),
            store_count: i64::from(e.store_count),
            professional_account: e.professional_account,
            staff_mgmt_permission: e.staff_mgmt_permission,
            last_serious_violation_on: e.last_serious_violation_at.map(|t| crate::clock::shanghai_date(t).to_string()),
        };
        let checked = super::setup_brand::check_facts(&facts, today)?;
        ent_ids.push(super::setup_brand::create_brand_in(tx, actor, &ts(e.created_at), &checked).await?);
    }
    let mut agency_id = None;
    for &e in &d.agency.reported_by {
        let (id, _) = super::setup_brand::report_agency_in(tx, actor, now, ent_ids[e], &d.agency.name).await?;
        agency_id = Some(id);
    }
    let mut store_ids = Vec::new();
    for s in &d.stores {
        let input = super::setup_stores::StoreInput {
            name: s.name.clone(),
            city: s.city.to_string(),
            district: s.district.to_string(),
            address: s.address.clone(),
            phone: None,
            keep_phone: false,
        };
        let (id, _) = super::setup_stores::create_store_in(
            tx,
            actor,
            secrets,
            now,
            ent_ids[s.enterprise],
            &input,
            &s.opened_on.to_string(),
        )
        .await?;
        store_ids.push(id);
    }
    // the staff come as each brand's HR roster (花名册) and the accounts as its register (登记小红书账号) would
    // bring them, through the same writes and history rows (U-2)
    let store_names: HashMap<i64, String> =
        d.stores.iter().zip(&store_ids).map(|(s, &id)| (id, s.name.clone())).collect();
    let mut staff_ids = vec![0; d.staff.len()];
    for (e, &eid) in ent_ids.iter().enumerate() {
        let members: Vec<usize> = (0..d.staff.len()).filter(|&i| d.staff[i].enterprise == e).collect();
        let rows: Vec<store::roster::RosterFields> = members
            .iter()
            .map(|&i| {
                let s = &d.staff[i];
                store::roster::RosterFields {
                    store_id: store_ids[s.store],
                    name: s.name.clone(),
                    employee_no: s.employee_no.clone(),
                    position: Some(s.position.to_string()),
                    phone_hmac: Some(super::setup_stores::phone_hmac(secrets, &s.phone)),
                    phone_masked: Some(crate::setup_sheet::mask_phone(&s.phone)),
                    hired_on: s.hired_on.to_string(),
                    left_on: None,
                }
            })
            .collect();
        let ids = super::roster::add_roster_in(tx, actor, eid, &rows, &store_names, now).await?;
        for (&i, id) in members.iter().zip(ids) {
            staff_ids[i] = id;
        }
    }
    let holders: Vec<(String, String)> = d
        .staff
        .iter()
        .map(|s| {
            let normalised =
                idcard::validate(&s.id_number, chrono::NaiveDate::MAX).unwrap_or_else(|_| s.id_number.clone());
            (s.name.clone(), normalised)
        })
        .collect();
    let mut account_ids = Vec::new();
    for a in &d.accounts {
        let facts = store::account_register::AccountFacts {
            xhs_id: a.xhs_id.clone(),
            nickname: a.nickname.clone(),
            followers: i64::from(a.followers),
            phone_bound: a.phone_bound,
            has_shop: a.has_shop,
            owner_staff_id: a.owner_staff.map(|s| staff_ids[s]),
        };
        // an account without a known owner (a new hire's, not yet invited) is the main brand's
        let eid = ent_ids[a.owner_staff.map_or(0, |s| d.staff[s].enterprise)];
        // registered when the account was made, with the followers it has today dated then (as the demo has
        // always dated them)
        let at = ts(a.created_at);
        let on = crate::clock::shanghai_date(a.created_at).to_string();
        let (id, _, _) =
            super::account_register::put_account_in(tx, actor, (&at, &on), eid, &facts, "register").await?;
        // what the platform says of the account beyond the register's form: its logins, and the real-name
        // record (B-22), kept only as an HMAC of the holder's name and ID (B-14)
        let real_name_hmac = match (a.real_name_verified, a.owner_staff) {
            (true, Some(s)) => Some(secrets.real_name_hmac(&holders[s].0, &holders[s].1)),
            _ => None,
        };
        let logins = serde_json::to_string(&a.third_party_logins).unwrap_or_else(|_| "[]".into());
        store::accounts::update_platform_facts(&mut **tx, id, real_name_hmac.as_deref(), &logins).await?;
        account_ids.push(id);
    }
    let mut user_ids: HashMap<(usize, &str), i64> = HashMap::new();
    let mut employee_users: HashMap<usize, i64> = HashMap::new();
    for u in &d.users {
        let args = super::setup_users::CreateUserArgs {
            name: u.name.clone(),
            role: u.role,
            enterprise_id: u.enterprise.map(|e| ent_ids[e]),
            agency_id: if u.agency { agency_id } else { None },
            store_ids: u.stores.iter().map(|&s| store_ids[s]).collect(),
            staff_id: u.staff.map(|s| staff_ids[s]),
            phone: None,
        };
        let id = super::setup_users::create_user_in(tx, actor, secrets, now, &args).await?;
        if let Some(e) = u.enterprise {
            user_ids.entry((e, u.role.as_str())).or_insert(id);
        }
        if let (Role::Employee, Some(s)) = (u.role, u.staff) {
            employee_users.insert(s, id);
        }
    }
    let mut id_attached = std::collections::HashSet::new();
    for b in &d.bindings {
        let marketing = user_ids.get(&(b.enterprise, "brand_marketing")).copied().unwrap_or(actor.user_id);
        let id = store::bindings::insert(
            &mut **tx,
            &store::bindings::NewBinding {
                enterprise_id: ent_ids[b.enterprise],
                account_id: account_ids[b.account],
                staff_id: staff_ids[b.staff],
                mode: b.mode,
                job_title: b.job_title,
                status: b.status,
                invited_by: marketing,
                invited_at: ts(b.invited_at),
                effective_at: b.effective_at.map(ts),
                ended_at: b.ended_at.map(ts),
                end_reason: b.end_reason.as_deref(),
                signed_at: Some(ts(b.invited_at)),
                previous_binding_id: None,
            },
        )
        .await?;
        let account = &d.accounts[b.account];
        let staff = &d.staff[b.staff];
        let e = Some(ent_ids[b.enterprise]);
        if id_attached.insert(b.staff) {
            // the first invitation brings the staff member's ID number to the roster row (B-10, U-2)
            let (name, number) = &holders[b.staff];
            let hmac = secrets.id_number_hmac(number);
            let sid = staff_ids[b.staff];
            super::roster::attach_id_in(
                tx,
                Some(marketing),
                ent_ids[b.enterprise],
                sid,
                name,
                &hmac,
                number,
                &ts(b.invited_at),
            )
            .await?;
        }
        let employee_user = employee_users.get(&b.staff).copied();
        let invited = Event {
            enterprise_id: e,
            entity_type: "binding",
            entity_id: id.to_string(),
            action: "invite",
            summary_zh: format!(
                "向 {}（小红书号 {}）发送{}绑定邀请，岗位 {}",
                staff.name,
                account.xhs_id,
                b.mode.label_zh(),
                b.job_title
            ),
            summary_en: format!("Invited {} ({}) as {:?}, title {}", staff.name, account.xhs_id, b.mode, b.job_title),
            reason: None,
            before: None,
            after: Some(json!({ "status": "invited", "mode": b.mode, "job_title": b.job_title })),
        };
        record(tx, Some(marketing), &ts(b.invited_at), invited).await?;
        if let Some(at) = b.effective_at {
            let accepted = Event {
                enterprise_id: e,
                entity_type: "binding",
                entity_id: id.to_string(),
                action: "accept",
                summary_zh: format!("{} 接受绑定邀请，身份信息核验通过", staff.name),
                summary_en: format!("{} accepted the invitation; identity verified", staff.name),
                reason: None,
                before: Some(json!({ "status": "invited" })),
                after: Some(json!({ "status": "active" })),
            };
            record(tx, employee_user, &ts(at), accepted).await?;
        }
        if let (Some(at), true) = (b.ended_at, b.status != BindingStatus::Active) {
            let ended = Event {
                enterprise_id: e,
                entity_type: "binding",
                entity_id: id.to_string(),
                action: b.status.as_str(),
                summary_zh: format!("绑定状态变为「{}」", b.status.label_zh()),
                summary_en: format!("Binding became {}", b.status.as_str()),
                reason: b.end_reason.as_deref(),
                before: Some(json!({ "status": "active" })),
                after: Some(json!({ "status": b.status })),
            };
            // expiry is the platform's doing; unbinding and freezing are the brand's
            let by = if b.status == BindingStatus::Expired { None } else { Some(marketing) };
            record(tx, by, &ts(at), ended).await?;
        }
    }
    let mut snapshots = Vec::new();
    for n in &d.notes {
        let Some(last) = n.snapshots.last() else { continue };
        let row = store::notes::insert(
            &mut **tx,
            &store::notes::NewNote {
                note_id: &n.note_id,
                account_id: account_ids[n.account],
                enterprise_id: n.enterprise.map(|e| ent_ids[e]),
                title: &n.title,
                note_type: match n.note_type {
                    NoteType::Video => "video",
                    NoteType::Image => "image",
                },
                direction: Some(n.direction),
                published_at: ts(n.published_at),
                metrics: metrics(last),
                avg_view_secs: Some(n.avg_view_secs),
                video_5s_rate: n.video_5s_rate,
                image_3s_rate: n.image_3s_rate,
                video_secs: n.video_secs.map(i64::from),
                metrics_date: last.date.to_string(),
            },
        )
        .await?;
        snapshots.extend(n.snapshots.iter().map(|s| (row, s.date.to_string(), metrics(s))));
    }
    store::notes::insert_snapshots(&mut *tx, &snapshots).await?;
    let main = &d.enterprises[0];
    record(
        tx,
        Some(actor.user_id),
        now,
        Event {
            enterprise_id: None,
            entity_type: "installation",
            entity_id: "demo".into(),
            action: "load_demo",
            summary_zh: format!("载入演示数据（种子 {seed}）：{} 等 {} 个品牌", main.name, d.enterprises.len()),
            summary_en: format!("Loaded demo data (seed {seed}): {} and {} more", main.name, d.enterprises.len() - 1),
            reason: None,
            before: None,
            after: Some(json!({ "seed": seed })),
        },
    )
    .await?;
    let n = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
    Ok(DemoSummary {
        enterprise_id: ent_ids[0],
        enterprise_name: main.name.clone(),
        enterprises: n(d.enterprises.len()),
        stores: n(d.stores.len()),
        staff: n(d.staff.len()),
        accounts: n(d.accounts.len()),
        bindings: n(d.bindings.len()),
        notes: n(d.notes.len()),
        snapshots: n(snapshots.len()),
        users: n(d.users.len()),
    })
}
