//! 创建品牌 (U-1, B-1) and 报备代理 (B-21): a brand is created with its name, 行业, HQ city and the B-1 facts by the
//! administrator; its facts are edited later with a reason (history keeps before and after); the brand reports
//! its agency by name and may withdraw it. The inner functions take the caller's transaction so the demo loader
//! can build its brands through the same code.

use serde::{Deserialize, Serialize};
use serde_json::json;
use specta::Type;

use super::{record, when, EnterpriseDetail, Event, Service};
use crate::authz::{Actor, Permission};
use crate::clock::ts;
use crate::db::Tx;
use crate::error::{CoreError, CoreResult};
use crate::store;

/// 行业 as the enterprises table's CHECK lists them.
pub const INDUSTRIES: [&str; 4] = ["家政", "生活美容", "文旅", "其他"];
const MAX_NAME_CHARS: usize = 60;
const MAX_CITY_CHARS: usize = 20;
const MAX_REASON_CHARS: usize = 500;

/// A brand's name, 行业, HQ city and B-1 facts, as the form and `kos-desk call` give them.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct BrandFacts {
    pub name: String,
    /// 家政 / 生活美容 / 文旅 / 其他
    pub industry: String,
    /// 总部城市
    pub city: String,
    /// 申报线下门店数 (B-1: at least 10 unless 文旅)
    pub store_count: i64,
    /// 企业专业号 opened (B-1)
    pub professional_account: bool,
    /// 员工管理权限 opened (B-1)
    pub staff_mgmt_permission: bool,
    /// the last 严重违规封禁, `YYYY-MM-DD` (Beijing); `null`: none
    pub last_serious_violation_on: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct CreateBrandArgs {
    pub facts: BrandFacts,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct UpdateBrandArgs {
    pub enterprise_id: i64,
    pub facts: BrandFacts,
    /// why the facts change (required, recorded in history)
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ReportAgencyArgs {
    pub enterprise_id: i64,
    /// the agency's name; a new name creates the agency
    pub agency_name: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct UnreportAgencyArgs {
    pub enterprise_id: i64,
    pub agency_name: String,
    /// why the brand withdraws the report (required)
    pub reason: String,
}

/// The facts checked and normalised, ready to store.
pub(crate) struct CheckedFacts {
    pub name: String,
    pub industry: &'static str,
    pub city: String,
    pub store_count: i64,
    pub professional_account: bool,
    pub staff_mgmt_permission: bool,
    /// stored as the instant the day began in Beijing
    pub last_serious_violation_at: Option<String>,
}

impl CheckedFacts {
    fn json(&self) -> serde_json::Value {
        json!({
            "name": self.name, "industry": self.industry, "city": self.city, "store_count": self.store_count,
            "professional_account": self.professional_account, "staff_mgmt_permission": self.staff_mgmt_permission,
            "last_serious_violation_at": self.last_serious_violation_at,
        })
    }
}

fn record_json(e: &store::enterprises::EnterpriseRow) -> serde_json::Value {
    json!({
        "name": e.name, "industry": e.industry, "city": e.city, "store_count": e.store_count,
        "professional_account": e.professional_account, "staff_mgmt_permission": e.staff_mgmt_permission,
        "last_serious_violation_at": e.last_serious_violation_at,
    })
}

/// A required text: trimmed, not empty, at most `max` characters.
pub(crate) fn required_text(field: &str, label: &str, value: &str, max: usize) -> CoreResult<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(CoreError::invalid(field, format!("请填写{label}"), format!("{field} is required")));
    }
    if v.chars().count() > max {
        return Err(CoreError::invalid(
            field,
            format!("{label}最多 {max} 个字"),
            format!("{field} is at most {max} characters"),
        ));
    }
    Ok(v.to_string())
}

/// The reason an edit needs (B-20: who changed what and why).
pub(crate) fn required_reason(reason: &str) -> CoreResult<String> {
    let r = reason.trim();
    if r.is_empty() {
        return Err(CoreError::invalid(
            "reason",
            "请填写修改原因（会记入历史记录）",
            "A reason is required (it is recorded)",
        ));
    }
    if r.chars().count() > MAX_REASON_CHARS {
        return Err(CoreError::invalid(
            "reason",
            format!("原因最多 {MAX_REASON_CHARS} 个字"),
            format!("The reason is at most {MAX_REASON_CHARS} characters"),
        ));
    }
    Ok(r.to_string())
}

pub(crate) fn check_facts(f: &BrandFacts, today: chrono::NaiveDate) -> CoreResult<CheckedFacts> {
    let name = required_text("name", "品牌名称", &f.name, MAX_NAME_CHARS)?;
    let industry = INDUSTRIES.into_iter().find(|i| *i == f.industry.trim()).ok_or_else(|| {
        CoreError::invalid(
            "industry",
            format!("行业只能是 {} 之一", INDUSTRIES.join("、")),
            format!("The industry must be one of {}", INDUSTRIES.join(", ")),
        )
    })?;
    let city = required_text("city", "总部城市", &f.city, MAX_CITY_CHARS)?;
    if !(0..=100_000).contains(&f.store_count) {
        return Err(CoreError::invalid(
            "store_count",
            "申报线下门店数须在 0 到 100000 之间",
            "The declared number of stores must be between 0 and 100000",
        ));
    }
    let last = match f.last_serious_violation_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(d) => {
            let day = when::parse_date("last_serious_violation_on", d)?;
            if day > today {
                return Err(CoreError::invalid(
                    "last_serious_violation_on",
                    format!("最近一次严重违规封禁的日期 {day} 晚于今天"),
                    format!("The last serious-violation ban ({day}) is after today"),
                ));
            }
            Some(ts(when::day_start(day)))
        }
    };
    Ok(CheckedFacts {
        name,
        industry,
        city,
        store_count: f.store_count,
        professional_account: f.professional_account,
        staff_mgmt_permission: f.staff_mgmt_permission,
        last_serious_violation_at: last,
    })
}

fn name_taken(name: &str) -> CoreError {
    CoreError::invalid(
        "name",
        format!("已有名为「{name}」的品牌，请换一个名称"),
        format!("A brand named \"{name}\" exists already; choose another name"),
    )
}

/// Creates the brand inside the caller's transaction and records it (U-1, B-20). The demo loader may call it.
pub(crate) async fn create_brand_in(tx: &mut Tx, actor: &Actor, now: &str, f: &CheckedFacts) -> CoreResult<i64> {
    if store::enterprises::find_by_name(&mut **tx, &f.name).await?.is_some() {
        return Err(name_taken(&f.name));
    }
    let id = store::enterprises::insert(
        &mut **tx,
        &store::enterprises::NewEnterprise {
            name: &f.name,
            industry: f.industry,
            city: &f.city,
            store_count: f.store_count,
            professional_account: f.professional_account,
            staff_mgmt_permission: f.staff_mgmt_permission,
            last_serious_violation_at: f.last_serious_violation_at.clone(),
            created_at: now.to_string(),
        },
    )
    .await?;
    record(
        tx,
        Some(actor.user_id),
        now,
        Event {
            enterprise_id: Some(id),
            entity_type: "enterprise",
            entity_id: id.to_string(),
            action: "create",
            summary_zh: format!("创建品牌「{}」（{}，{}，申报门店 {} 家）", f.name, f.industry, f.city, f.store_count),
            summary_en: format!(
                "Created the brand \"{}\" ({}, {}, {} stores declared)",
                f.name, f.industry, f.city, f.store_count
            ),
            reason: None,
            before: None,
            after: Some(f.json()),
        },
    )
    .await?;
    Ok(id)
}

/// Reports (B-21) the agency named `agency_name` for the brand inside the caller's transaction; a new name
/// creates the agency. Returns the agency id and whether the link is new.
pub(crate) async fn report_agency_in(
    tx: &mut Tx,
    actor: &Actor,
    now: &str,
    enterprise_id: i64,
    agency_name: &str,
) -> CoreResult<(i64, bool)> {
    let name = required_text("agency_name", "代理商名称", agency_name, MAX_NAME_CHARS)?;
    let (agency_id, created) = match store::enterprises::find_agency_by_name(&mut **tx, &name).await? {
        Some(a) => (a.id, false),
        None => (store::enterprises::insert_agency(&mut **tx, &name, now).await?, true),
    };
    if store::enterprises::is_reported(&mut **tx, agency_id, enterprise_id).await? {
        return Ok((agency_id, false));
    }
    store::enterprises::insert_agency_brand(&mut **tx, agency_id, enterprise_id, now).await?;
    record(
        tx,
        Some(actor.user_id),
        now,
        Event {
            enterprise_id: Some(enterprise_id),
            entity_type: "agency",
            entity_id: agency_id.to_string(),
            action: "report",
            summary_zh: format!("报备代理商「{name}」{}", if created { "（新建代理商）" } else { "" }),
            summary_en: format!("Reported the agency \"{name}\"{}", if created { " (new agency)" } else { "" }),
            reason: None,
            before: None,
            after: Some(json!({ "agency": name, "enterprise_id": enterprise_id })),
        },
    )
    .await?;
    Ok((agency_id, true))
}

impl Service {
    /// 创建品牌 (U-1): the administrator only; the name is unique.
    pub async fn create_brand(&self, actor: &Actor, args: CreateBrandArgs) -> CoreResult<EnterpriseDetail> {
        actor.require(Permission::ManageBrand)?;
        let facts = check_facts(&args.facts, self.clock.today())?;
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        let id = create_brand_in(&mut tx, actor, &now, &facts).await?;
        tx.commit().await?;
        self.enterprise_detail(id).await
    }

    /// Edits a brand's facts with a reason; history keeps before and after (U-1, B-20). The B-1 checklist
    /// reads the stored facts, so it reflects the edit at once.
    pub async fn update_brand(&self, actor: &Actor, args: UpdateBrandArgs) -> CoreResult<EnterpriseDetail> {
        actor.require_in(Permission::ManageBrand, args.enterprise_id)?;
        let facts = check_facts(&args.facts, self.clock.today())?;
        let reason = required_reason(&args.reason)?;
        let id = args.enterprise_id;
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        let before =
            store::enterprises::get(&mut *tx, id).await?.ok_or_else(|| CoreError::not_found("enterprise", id))?;
        if let Some(other) = store::enterprises::find_by_name(&mut *tx, &facts.name).await? {
            if other != id {
                return Err(name_taken(&facts.name));
            }
        }
        let before_json = record_json(&before);
        let after_json = facts.json();
        if before_json == after_json {
            return Err(CoreError::invalid("facts", "没有任何改动", "Nothing changed"));
        }
        let changed: Vec<&str> = [
            "name",
            "industry",
            "city",
            "store_count",
            "professional_account",
            "staff_mgmt_permission",
            "last_serious_violation_at",
        ]
        .into_iter()
        .filter(|k| before_json[k] != after_json[k])
        .collect();
        store::enterprises::update_facts(
            &mut *tx,
            id,
            &store::enterprises::EnterpriseFacts {
                name: &facts.name,
                industry: facts.industry,
                city: &facts.city,
                store_count: facts.store_count,
                professional_account: facts.professional_account,
                staff_mgmt_permission: facts.staff_mgmt_permission,
                last_serious_violation_at: facts.last_serious_violation_at.as_deref(),
            },
        )
        .await?;
        let labels_zh: Vec<&str> = changed.iter().map(|k| fact_label_zh(k)).collect();
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(id),
                entity_type: "enterprise",
                entity_id: id.to_string(),
                action: "update",
                summary_zh: format!("修改品牌「{}」的{}", facts.name, labels_zh.join("、")),
                summary_en: format!("Changed the brand \"{}\": {}", facts.name, changed.join(", ")),
                reason: Some(&reason),
                before: Some(before_json),
                after: Some(after_json),
            },
        )
        .await?;
        tx.commit().await?;
        self.analytics.invalidate();
        self.enterprise_detail(id).await
    }

    /// 报备代理 (B-21): the agency named reaches this brand from now on; a new name creates the agency.
    pub async fn report_agency(&self, actor: &Actor, args: ReportAgencyArgs) -> CoreResult<EnterpriseDetail> {
        actor.require_in(Permission::ManageBrand, args.enterprise_id)?;
        let id = args.enterprise_id;
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        if store::enterprises::get(&mut *tx, id).await?.is_none() {
            return Err(CoreError::not_found("enterprise", id));
        }
        let (_, added) = report_agency_in(&mut tx, actor, &now, id, &args.agency_name).await?;
        if !added {
            return Err(CoreError::invalid(
                "agency_name",
                format!("本品牌已报备代理商「{}」", args.agency_name.trim()),
                format!("The brand already reported \"{}\"", args.agency_name.trim()),
            ));
        }
        tx.commit().await?;
        self.enterprise_detail(id).await
    }

    /// 取消报备 (B-21): the agency no longer reaches this brand; its users keep their other brands.
    pub async fn unreport_agency(&self, actor: &Actor, args: UnreportAgencyArgs) -> CoreResult<EnterpriseDetail> {
        actor.require_in(Permission::ManageBrand, args.enterprise_id)?;
        let reason = required_reason(&args.reason)?;
        let id = args.enterprise_id;
        let name = args.agency_name.trim();
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        let agency = match store::enterprises::find_agency_by_name(&mut *tx, name).await? {
            Some(a) if store::enterprises::is_reported(&mut *tx, a.id, id).await? => a,
            _ => return Err(CoreError::not_found("agency", name)),
        };
        store::enterprises::delete_agency_brand(&mut *tx, agency.id, id).await?;
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(id),
                entity_type: "agency",
                entity_id: agency.id.to_string(),
                action: "unreport",
                summary_zh: format!("取消报备代理商「{}」", agency.name),
                summary_en: format!("Withdrew the report of the agency \"{}\"", agency.name),
                reason: Some(&reason),
                before: Some(json!({ "agency": agency.name, "enterprise_id": id })),
                after: None,
            },
        )
        .await?;
        tx.commit().await?;
        self.enterprise_detail(id).await
    }
}

fn fact_label_zh(key: &str) -> &'static str {
    match key {
        "name" => "名称",
        "industry" => "行业",
        "city" => "总部城市",
        "store_count" => "申报线下门店数",
        "professional_account" => "企业专业号",
        "staff_mgmt_permission" => "员工管理权限",
        "last_serious_violation_at" => "最近严重违规封禁日期",
        _ => "信息",
    }
}
