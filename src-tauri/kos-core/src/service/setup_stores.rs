//! 门店 (U-2, B-3): create, edit and close a brand's stores, and import them from a sheet (XLSX or CSV, UTF-8 or
//! GBK) with a row report like 批量绑定's: preview first (writes nothing), then apply the whole sheet in one
//! transaction, or nothing when a row is refused or the file changed since its preview. 店长手机号 is kept only
//! as a keyed HMAC and a masked form; it links the store to the brand's store-manager user with that phone.
//! More open stores than the brand declared (申报线下门店数, what B-1's store check reads) is said plainly.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::json;
use specta::Type;

use super::setup_brand::{required_reason, required_text};
use super::{record, Event, Service};
use crate::api::types::stores::StoreRow;
use crate::authz::{Actor, Permission};
use crate::db::Tx;
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::secrets::Secrets;
use crate::setup_sheet::mask_phone;
use crate::store;
use crate::store::stores::StoreRecord;
use crate::store_sheet::{self, COL_ADDRESS, COL_CITY, COL_DISTRICT, COL_NAME, COL_PHONE, HEADERS};

const MAX_NAME_CHARS: usize = 40;
const MAX_TEXT_CHARS: usize = 100;

#[derive(Debug, Clone, Deserialize, Type)]
pub struct CreateStoreArgs {
    pub enterprise_id: i64,
    pub name: String,
    pub city: String,
    /// 区
    pub district: String,
    pub address: String,
    /// 店长手机号, 11 digits; stored only masked (and as a keyed HMAC to find the store manager)
    pub manager_phone: Option<String>,
    /// 开业日期 `YYYY-MM-DD`; `null`: today
    pub opened_on: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct UpdateStoreArgs {
    pub store_id: i64,
    pub name: String,
    pub city: String,
    pub district: String,
    pub address: String,
    /// `null`: unchanged; `""`: removed; else the new 11-digit number
    pub manager_phone: Option<String>,
    /// why (optional for an edit; recorded in history)
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct CloseStoreArgs {
    pub store_id: i64,
    /// why the store closes (required)
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct StoreSheetArgs {
    pub enterprise_id: i64,
    /// the token of the stores sheet the user chose (.xlsx or .csv, UTF-8 or GBK, ≤ 5 MB)
    pub file: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ImportStoreSheetArgs {
    pub enterprise_id: i64,
    /// the same file token as the preview
    pub file: String,
    /// the preview's `fingerprint`: a file changed since is refused
    pub fingerprint: String,
}

/// What applying a row does.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum StoreSheetAction {
    /// 新增: a new store
    Create,
    /// 更新: a store of that name exists and its city, district, address or manager phone change
    Update,
    /// 无变化: the store exists as the row says
    Unchanged,
    /// 拒绝: the row has errors; the sheet cannot be applied until they are fixed
    Refused,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct StoreSheetRowError {
    /// "missing_value" | "invalid_phone" | "duplicate_in_sheet" | "store_closed" | "cell_too_long"
    pub code: String,
    pub message_zh: String,
    pub message_en: String,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct StoreSheetRow {
    /// 1-based sheet row
    pub row: u32,
    pub name: String,
    pub city: String,
    pub district: String,
    pub address: String,
    /// 店长手机号 masked (138****5678); `null` when the cell is empty or not a phone number (the row's error says so)
    pub manager_phone_masked: Option<String>,
    pub action: StoreSheetAction,
    /// the existing store this row updates
    pub store_id: Option<i64>,
    /// for an update: the columns that change (门店名称 … 店长手机号)
    pub changed: Vec<String>,
    pub errors: Vec<StoreSheetRowError>,
}

/// More open stores than the brand declared (B-1 reads the declared number; B-3's cap is a setting).
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct StoreCapWarning {
    pub declared: i64,
    pub open_stores: i64,
    pub message_zh: String,
    pub message_en: String,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct StoreSheetReport {
    pub enterprise_id: i64,
    /// pass to `import_store_sheet`
    pub fingerprint: String,
    /// "xlsx" | "csv"
    pub format: String,
    pub rows: Vec<StoreSheetRow>,
    pub create: u32,
    pub update: u32,
    pub unchanged: u32,
    pub refused: u32,
    /// the brand's open stores after applying
    pub open_after: i64,
    pub cap_warning: Option<StoreCapWarning>,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct StoreSheetResult {
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// store ↔ store-manager links made through 店长手机号
    pub managers_linked: u32,
    pub cap_warning: Option<StoreCapWarning>,
}

/// A store's fields, checked.
pub(crate) struct StoreInput {
    pub name: String,
    pub city: String,
    pub district: String,
    pub address: String,
    /// the 11 digits
    pub phone: Option<String>,
    /// an edit without a phone keeps the stored one (else removes it)
    pub keep_phone: bool,
}

/// `13800138000` (spaces, dashes and a +86 prefix allowed) → the 11 digits, or `None` when it is not a
/// mainland mobile number.
pub(crate) fn normalise_phone(raw: &str) -> Option<String> {
    let digits: String = raw.chars().filter(|c| !matches!(c, ' ' | '-' | '\u{3000}')).collect();
    let digits = digits.strip_prefix("+86").unwrap_or(&digits);
    let digits = if digits.len() == 13 { digits.strip_prefix("86").unwrap_or(digits) } else { digits };
    (digits.len() == 11 && digits.starts_with('1') && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| digits.to_string())
}

pub(crate) fn phone_hmac(secrets: &Secrets, p: &str) -> String {
    secrets.hmac("phone", p)
}

fn bad_phone(raw: &str) -> CoreError {
    CoreError::invalid(
        "manager_phone",
        format!("店长手机号「{raw}」不是 11 位手机号码"),
        format!("The store manager's phone \"{raw}\" is not an 11-digit mobile number"),
    )
}

fn check_store(name: &str, city: &str, district: &str, address: &str) -> CoreResult<(String, String, String, String)> {
    Ok((
        required_text("name", "门店名称", name, MAX_NAME_CHARS)?,
        required_text("city", "城市", city, MAX_TEXT_CHARS)?,
        required_text("district", "区", district, MAX_TEXT_CHARS)?,
        required_text("address", "地址", address, MAX_TEXT_CHARS)?,
    ))
}

fn store_json(s: &StoreRecord) -> serde_json::Value {
    json!({ "name": s.name, "city": s.city, "district": s.district, "address": s.address,
            "manager_phone": s.manager_phone_masked, "closed_on": s.closed_on })
}

/// Links the store to the brand's active store managers with this phone; returns the links made.
async fn link_managers(tx: &mut Tx, enterprise_id: i64, store_id: i64, hmac: &str) -> CoreResult<u32> {
    let mut n = 0;
    for user in store::users::find_store_managers_by_phone(&mut **tx, enterprise_id, hmac).await? {
        if store::users::insert_store_if_missing(&mut **tx, user, store_id).await? {
            n += 1;
        }
    }
    Ok(n)
}

/// Creates a store inside the caller's transaction and records it (U-2, B-20); returns its id and the
/// store-manager links made. The demo loader may call it.
pub(crate) async fn create_store_in(
    tx: &mut Tx,
    actor: &Actor,
    secrets: &Secrets,
    now: &str,
    enterprise_id: i64,
    s: &StoreInput,
    opened_on: &str,
) -> CoreResult<(i64, u32)> {
    let id = store::stores::insert(
        &mut **tx,
        &store::stores::NewStore {
            enterprise_id,
            name: &s.name,
            city: &s.city,
            district: &s.district,
            address: &s.address,
            opened_on: opened_on.to_string(),
        },
    )
    .await?;
    let hmac = s.phone.as_deref().map(|p| phone_hmac(secrets, p));
    let masked = s.phone.as_deref().map(mask_phone);
    let mut linked = 0;
    if let Some(h) = &hmac {
        store::stores::update_facts(
            &mut **tx,
            id,
            &store::stores::StoreFacts {
                name: &s.name,
                city: &s.city,
                district: &s.district,
                address: &s.address,
                manager_phone_hmac: Some(h),
                manager_phone_masked: masked.as_deref(),
            },
        )
        .await?;
        linked = link_managers(tx, enterprise_id, id, h).await?;
    }
    record(
        tx,
        Some(actor.user_id),
        now,
        Event {
            enterprise_id: Some(enterprise_id),
            entity_type: "store",
            entity_id: id.to_string(),
            action: "create",
            summary_zh: format!("新增门店「{}」（{} {}）", s.name, s.city, s.district),
            summary_en: format!("Added the store \"{}\" ({} {})", s.name, s.city, s.district),
            reason: None,
            before: None,
            after: Some(json!({ "name": s.name, "city": s.city, "district": s.district, "address": s.address,
                                "manager_phone": masked, "opened_on": opened_on })),
        },
    )
    .await?;
    Ok((id, linked))
}

/// Changes a store's fields inside the caller's transaction and records before and after. `phone`: `None`
/// keeps the stored one, `Some(None)` removes it.
async fn update_store_in(
    tx: &mut Tx,
    actor: &Actor,
    secrets: &Secrets,
    now: &str,
    before: &StoreRecord,
    s: &StoreInput,
    reason: Option<&str>,
) -> CoreResult<u32> {
    let (hmac, masked) = match (&s.phone, s.keep_phone) {
        (Some(p), _) => (Some(phone_hmac(secrets, p)), Some(mask_phone(p))),
        (None, true) => (before.manager_phone_hmac.clone(), before.manager_phone_masked.clone()),
        (None, false) => (None, None),
    };
    store::stores::update_facts(
        &mut **tx,
        before.id,
        &store::stores::StoreFacts {
            name: &s.name,
            city: &s.city,
            district: &s.district,
            address: &s.address,
            manager_phone_hmac: hmac.as_deref(),
            manager_phone_masked: masked.as_deref(),
        },
    )
    .await?;
    let linked = match &hmac {
        Some(h) if hmac != before.manager_phone_hmac => link_managers(tx, before.enterprise_id, before.id, h).await?,
        _ => 0,
    };
    let after = json!({ "name": s.name, "city": s.city, "district": s.district, "address": s.address,
                        "manager_phone": masked, "closed_on": before.closed_on });
    record(
        tx,
        Some(actor.user_id),
        now,
        Event {
            enterprise_id: Some(before.enterprise_id),
            entity_type: "store",
            entity_id: before.id.to_string(),
            action: "update",
            summary_zh: format!("修改门店「{}」", s.name),
            summary_en: format!("Changed the store \"{}\"", s.name),
            reason,
            before: Some(store_json(before)),
            after: Some(after),
        },
    )
    .await?;
    Ok(linked)
}

impl Service {
    /// The brand's declared store number against its open stores (`open` counted after a change).
    async fn cap_warning(&self, enterprise_id: i64, open: i64) -> CoreResult<Option<StoreCapWarning>> {
        let declared = store::enterprises::get(self.db.pool(), enterprise_id)
            .await?
            .ok_or_else(|| CoreError::not_found("enterprise", enterprise_id))?
            .store_count;
        Ok((open > declared).then(|| StoreCapWarning {
            declared,
            open_stores: open,
            message_zh: format!(
                "营业中的门店 {open} 家，多于申报的线下门店数 {declared} 家。B-1 的门店数检查按申报数计算：请核实后在「品牌设置」中更新申报线下门店数（需填写原因）"
            ),
            message_en: format!(
                "{open} open stores, more than the {declared} offline stores declared. B-1's store check reads the declared number: check it and update 申报线下门店数 in Brand settings (a reason is required)"
            ),
        }))
    }

    async fn store_row(&self, enterprise_id: i64, id: i64) -> CoreResult<StoreRow> {
        store::stores::list(self.db.pool(), enterprise_id, Some(&[id]))
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| CoreError::not_found("store", id))
    }

    /// A store the actor may manage (its brand in reach), or not found.
    async fn managed_store(&self, actor: &Actor, store_id: i64) -> CoreResult<StoreRecord> {
        actor.require(Permission::ManageStores)?;
        let s = store::stores::get(self.db.pool(), store_id)
            .await?
            .ok_or_else(|| CoreError::not_found("store", store_id))?;
        actor
            .require_in(Permission::ManageStores, s.enterprise_id)
            .map_err(|_| CoreError::not_found("store", store_id))?;
        Ok(s)
    }

    /// 新增门店 (U-2). The name is unique within the brand.
    pub async fn create_store(&self, actor: &Actor, args: CreateStoreArgs) -> CoreResult<StoreRow> {
        actor.require_in(Permission::ManageStores, args.enterprise_id)?;
        let eid = args.enterprise_id;
        let (name, city, district, address) = check_store(&args.name, &args.city, &args.district, &args.address)?;
        let phone = match args.manager_phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => Some(normalise_phone(p).ok_or_else(|| bad_phone(p))?),
            None => None,
        };
        let opened_on = match args.opened_on.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => super::when::parse_date("opened_on", d)?.to_string(),
            None => self.clock.today().to_string(),
        };
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        if store::enterprises::get(&mut *tx, eid).await?.is_none() {
            return Err(CoreError::not_found("enterprise", eid));
        }
        if store::stores::list_records(&mut *tx, eid).await?.iter().any(|s| s.name == name) {
            return Err(CoreError::invalid(
                "name",
                format!("本品牌已有名为「{name}」的门店"),
                format!("The brand has a store named \"{name}\" already"),
            ));
        }
        let input = StoreInput { name, city, district, address, phone, keep_phone: false };
        let (id, _) = create_store_in(&mut tx, actor, &self.secrets, &now, eid, &input, &opened_on).await?;
        tx.commit().await?;
        self.analytics.invalidate();
        self.store_row(eid, id).await
    }

    /// 编辑门店 (U-2): name, city, district, address, manager phone; history keeps before and after.
    pub async fn update_store(&self, actor: &Actor, args: UpdateStoreArgs) -> CoreResult<StoreRow> {
        let before = self.managed_store(actor, args.store_id).await?;
        let (name, city, district, address) = check_store(&args.name, &args.city, &args.district, &args.address)?;
        let (phone, keep) = match args.manager_phone.as_deref().map(str::trim) {
            None => (None, true),
            Some("") => (None, false),
            Some(p) => (Some(normalise_phone(p).ok_or_else(|| bad_phone(p))?), false),
        };
        let reason = match args.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
            Some(r) => Some(required_reason(r)?),
            None => None,
        };
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        let records = store::stores::list_records(&mut *tx, before.enterprise_id).await?;
        if records.iter().any(|s| s.name == name && s.id != before.id) {
            return Err(CoreError::invalid(
                "name",
                format!("本品牌已有名为「{name}」的门店"),
                format!("The brand has a store named \"{name}\" already"),
            ));
        }
        let input = StoreInput { name, city, district, address, phone, keep_phone: keep };
        update_store_in(&mut tx, actor, &self.secrets, &now, &before, &input, reason.as_deref()).await?;
        tx.commit().await?;
        self.analytics.invalidate();
        self.store_row(before.enterprise_id, before.id).await
    }

    /// 关闭门店 (U-2): from today the store is shown as 已关闭 and not offered for new staff or bindings; it
    /// keeps its history, its staff's records and their bindings.
    pub async fn close_store(&self, actor: &Actor, args: CloseStoreArgs) -> CoreResult<StoreRow> {
        let before = self.managed_store(actor, args.store_id).await?;
        let reason = required_reason(&args.reason)?;
        if let Some(on) = &before.closed_on {
            return Err(CoreError::refused(
                ErrorCode::StoreClosed,
                "U-2",
                format!("门店「{}」已于 {on} 关闭", before.name),
                format!("The store \"{}\" was closed on {on}", before.name),
                None,
            ));
        }
        let today = self.clock.today().to_string();
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        store::stores::update_closed_on(&mut *tx, before.id, Some(&today)).await?;
        let mut after = store_json(&before);
        after["closed_on"] = json!(today);
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(before.enterprise_id),
                entity_type: "store",
                entity_id: before.id.to_string(),
                action: "close",
                summary_zh: format!("关闭门店「{}」", before.name),
                summary_en: format!("Closed the store \"{}\"", before.name),
                reason: Some(&reason),
                before: Some(store_json(&before)),
                after: Some(after),
            },
        )
        .await?;
        tx.commit().await?;
        self.analytics.invalidate();
        self.store_row(before.enterprise_id, before.id).await
    }

    /// Reads and checks a stores sheet row by row; writes nothing (U-2).
    pub async fn preview_store_sheet(&self, actor: &Actor, args: StoreSheetArgs) -> CoreResult<StoreSheetReport> {
        Ok(self.check_store_sheet(actor, args).await?.0)
    }

    async fn check_store_sheet(
        &self,
        actor: &Actor,
        args: StoreSheetArgs,
    ) -> CoreResult<(StoreSheetReport, Vec<Option<String>>)> {
        actor.require_in(Permission::ManageStores, args.enterprise_id)?;
        let path = self.opened_file(&args.file)?;
        let sheet = tokio::task::spawn_blocking(move || store_sheet::read(&path)).await.map_err(|e| {
            CoreError::invalid("file", format!("表格处理中断：{e}"), format!("Spreadsheet work was interrupted: {e}"))
        })??;
        let existing = store::stores::list_records(self.db.pool(), args.enterprise_id).await?;
        let (rows, phones) = check_rows(&self.secrets, &sheet.rows, &existing);
        let count = |a: StoreSheetAction| u32::try_from(rows.iter().filter(|r| r.action == a).count()).unwrap_or(0);
        let open_now = existing.iter().filter(|s| s.closed_on.is_none()).count();
        let open_after = i64::try_from(open_now).unwrap_or(0) + i64::from(count(StoreSheetAction::Create));
        let report = StoreSheetReport {
            enterprise_id: args.enterprise_id,
            fingerprint: sheet.fingerprint,
            format: sheet.format.into(),
            create: count(StoreSheetAction::Create),
            update: count(StoreSheetAction::Update),
            unchanged: count(StoreSheetAction::Unchanged),
            refused: count(StoreSheetAction::Refused),
            cap_warning: self.cap_warning(args.enterprise_id, open_after).await?,
            open_after,
            rows,
        };
        Ok((report, phones))
    }

    /// Applies a previewed stores sheet in one transaction: every row, or none when a row is refused or the
    /// file changed since its preview (U-2).
    pub async fn import_store_sheet(&self, actor: &Actor, args: ImportStoreSheetArgs) -> CoreResult<StoreSheetResult> {
        let eid = args.enterprise_id;
        let (report, phones) =
            self.check_store_sheet(actor, StoreSheetArgs { enterprise_id: eid, file: args.file }).await?;
        if report.fingerprint != args.fingerprint {
            return Err(CoreError::refused(
                ErrorCode::SheetChanged,
                "U-2",
                "表格在预览之后被修改过：请重新预览后再导入，未导入任何内容",
                "The sheet changed since its preview: preview it again; nothing was imported",
                None,
            ));
        }
        if report.refused > 0 {
            return Err(CoreError::refused(
                ErrorCode::SheetHasErrors,
                "U-2",
                format!("表格中有 {} 行不能导入：请按预览中的原因改好后重新导入，未导入任何内容", report.refused),
                format!(
                    "{} rows of the sheet cannot be imported: fix them as the preview says; nothing was imported",
                    report.refused
                ),
                None,
            ));
        }
        let now = self.now_ts();
        let today = self.clock.today().to_string();
        let mut tx = self.db.write().await?;
        let existing: HashMap<i64, StoreRecord> =
            store::stores::list_records(&mut *tx, eid).await?.into_iter().map(|s| (s.id, s)).collect();
        let mut linked = 0;
        for (r, phone) in report.rows.iter().zip(phones) {
            let input = StoreInput {
                name: r.name.clone(),
                city: r.city.clone(),
                district: r.district.clone(),
                address: r.address.clone(),
                phone,
                // an empty 店长手机号 cell leaves the stored one as it is
                keep_phone: true,
            };
            match r.action {
                StoreSheetAction::Create => {
                    linked += create_store_in(&mut tx, actor, &self.secrets, &now, eid, &input, &today).await?.1;
                }
                StoreSheetAction::Update => {
                    let before = r.store_id.and_then(|id| existing.get(&id)).ok_or_else(|| {
                        CoreError::refused(
                            ErrorCode::SheetChanged,
                            "U-2",
                            "门店在预览之后被修改过，请重新预览",
                            "A store changed since the preview; preview again",
                            None,
                        )
                    })?;
                    let why = format!("门店表格导入（第 {} 行）", r.row);
                    linked += update_store_in(&mut tx, actor, &self.secrets, &now, before, &input, Some(&why)).await?;
                }
                StoreSheetAction::Unchanged | StoreSheetAction::Refused => {}
            }
        }
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(eid),
                entity_type: "store_import",
                entity_id: report.fingerprint[..16].to_string(),
                action: "import",
                summary_zh: format!(
                    "导入门店表格：新增 {} 家，更新 {} 家，无变化 {} 家",
                    report.create, report.update, report.unchanged
                ),
                summary_en: format!(
                    "Imported a stores sheet: {} added, {} updated, {} unchanged",
                    report.create, report.update, report.unchanged
                ),
                reason: None,
                before: None,
                after: Some(json!({ "fingerprint": report.fingerprint, "created": report.create,
                                    "updated": report.update, "unchanged": report.unchanged })),
            },
        )
        .await?;
        tx.commit().await?;
        self.analytics.invalidate();
        Ok(StoreSheetResult {
            created: report.create,
            updated: report.update,
            unchanged: report.unchanged,
            managers_linked: linked,
            cap_warning: report.cap_warning,
        })
    }
}

/// Checks every row against the sheet's other rows and the brand's stores. Returns the report's rows and, beside
/// them, each row's phone digits (in memory only: the report carries the masked form).
fn check_rows(
    secrets: &Secrets,
    lines: &[store_sheet::StoreSheetLine],
    existing: &[StoreRecord],
) -> (Vec<StoreSheetRow>, Vec<Option<String>>) {
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut out = Vec::new();
    let mut digits = Vec::new();
    for l in lines {
        let c = &l.cells;
        let mut errors = Vec::new();
        let err = |code: &str, zh: String, en: String| StoreSheetRowError {
            code: code.into(),
            message_zh: zh,
            message_en: en,
        };
        for i in [COL_NAME, COL_CITY, COL_DISTRICT, COL_ADDRESS] {
            if c[i].is_empty() {
                errors.push(err(
                    "missing_value",
                    format!("「{}」为空，必须填写", HEADERS[i]),
                    format!("{} is empty; it is required", HEADERS[i]),
                ));
            }
        }
        for &i in &l.too_long {
            errors.push(err(
                "cell_too_long",
                format!("「{}」超过 {} 个字", HEADERS[i], store_sheet::MAX_CELL_CHARS),
                format!("{} is longer than {} characters", HEADERS[i], store_sheet::MAX_CELL_CHARS),
            ));
        }
        if c[COL_NAME].chars().count() > MAX_NAME_CHARS && !l.too_long.contains(&COL_NAME) {
            errors.push(err(
                "cell_too_long",
                format!("门店名称超过 {MAX_NAME_CHARS} 个字"),
                format!("The store name is longer than {MAX_NAME_CHARS} characters"),
            ));
        }
        let phone = if c[COL_PHONE].is_empty() {
            None
        } else {
            match normalise_phone(&c[COL_PHONE]) {
                Some(p) => Some(p),
                None => {
                    errors.push(err(
                        "invalid_phone",
                        format!("店长手机号「{}」不是 11 位手机号码", c[COL_PHONE]),
                        format!("The store manager's phone \"{}\" is not an 11-digit mobile number", c[COL_PHONE]),
                    ));
                    None
                }
            }
        };
        if !c[COL_NAME].is_empty() {
            if let Some(first) = seen.get(&c[COL_NAME]) {
                errors.push(err(
                    "duplicate_in_sheet",
                    format!("门店名称「{}」与第 {first} 行重复：同一门店只能出现一次，本行不会导入", c[COL_NAME]),
                    format!(
                        "The store name \"{}\" repeats row {first}: a store appears once; this row is refused",
                        c[COL_NAME]
                    ),
                ));
            } else {
                seen.insert(c[COL_NAME].clone(), l.row);
            }
        }
        let found = existing.iter().find(|s| s.name == c[COL_NAME]);
        if let Some(s) = found.filter(|s| s.closed_on.is_some()) {
            errors.push(err(
                "store_closed",
                format!(
                    "门店「{}」已于 {} 关闭，不能通过表格修改；如是新开的同名门店，请换一个名称",
                    s.name,
                    s.closed_on.as_deref().unwrap_or_default()
                ),
                format!("The store \"{}\" is closed; a sheet cannot change it (name a new store differently)", s.name),
            ));
        }
        let hmac = phone.as_deref().map(|p| phone_hmac(secrets, p));
        let mut changed = Vec::new();
        if let Some(s) = found {
            for (i, old) in [(COL_CITY, &s.city), (COL_DISTRICT, &s.district), (COL_ADDRESS, &s.address)] {
                if !c[i].is_empty() && &c[i] != old {
                    changed.push(HEADERS[i].to_string());
                }
            }
            if hmac.is_some() && hmac != s.manager_phone_hmac {
                changed.push(HEADERS[COL_PHONE].to_string());
            }
        }
        let action = match (errors.is_empty(), found) {
            (false, _) => StoreSheetAction::Refused,
            (true, None) => StoreSheetAction::Create,
            (true, Some(_)) if changed.is_empty() => StoreSheetAction::Unchanged,
            (true, Some(_)) => StoreSheetAction::Update,
        };
        out.push(StoreSheetRow {
            row: l.row,
            name: c[COL_NAME].clone(),
            city: c[COL_CITY].clone(),
            district: c[COL_DISTRICT].clone(),
            address: c[COL_ADDRESS].clone(),
            manager_phone_masked: phone.as_deref().map(mask_phone),
            action,
            store_id: found.map(|s| s.id),
            changed,
            errors,
        });
        digits.push(phone);
    }
    (out, digits)
}
