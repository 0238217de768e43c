//! 批量绑定 bulk binding (B-16): a template to fill in, validation of a filled sheet row by row with the single
//! invitation's own checks (B-1..B-3, B-7, B-8, B-10, B-11, B-15, B-19), sending the valid rows through the
//! same proof upload and `invite` path, and the row report. The plain ID numbers of a validated batch are kept
//! in memory only (`bulk_batches`), never in the database or a file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use specta::Type;

use super::bindings::{
    cap_reached, check_id_number, check_job_title, check_signed, check_staff_name, registered_staff,
};
use super::bulk_batches::{Batch, PendingInvite, BATCH_TTL_MINUTES};
use super::proofs::read_proof_file;
use super::{InviteArgs, Service, UploadProofArgs};
use crate::authz::{Actor, Permission};
use crate::bulk_sheet::{self, ReportLine, HEADERS};
use crate::clock::ts;
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::model::BindingMode;
use crate::{idcard, proof_file, store};

#[derive(Debug, Clone, Deserialize, Type)]
pub struct BulkTemplateArgs {
    /// the token of where to save (a door's grant; `.xlsx` is added when missing)
    pub file: String,
    /// the brand whose stores fill the template's 门店 list (store managers: their own); `null`: no list
    pub enterprise_id: Option<i64>,
}

/// A spreadsheet written for the user.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct BulkFile {
    pub path: String,
    /// data rows written (the template: its example rows)
    pub rows: u32,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct BulkValidateArgs {
    pub enterprise_id: i64,
    /// the token of the filled template the user chose (.xlsx, ≤ 5 MB, ≤ 2,000 rows)
    pub file: String,
    /// the token of the folder holding the files named in 证明文件 (a folder grant)
    pub proofs_folder: String,
}

/// Why a row cannot be sent.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct BulkRowError {
    /// the single wizard's error code (e.g. "account_bound_elsewhere", "personal_cooldown",
    /// "invalid_id_number") or a sheet one ("duplicate_xhs_id", "duplicate_id_number", "unknown_store",
    /// "invalid_mode", "cell_too_long", "missing_value", "proof_file")
    pub code: String,
    pub message_zh: String,
    pub message_en: String,
}

/// One staff row of the sheet as checked. The ID number is only ever shown masked.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct BulkRow {
    /// 1-based sheet row, as Excel shows it
    pub row: u32,
    pub xhs_id: String,
    pub name: String,
    /// `110105********002X`; never the plain number
    pub id_masked: String,
    pub store: String,
    pub job_title: String,
    /// 企业员工号 / 员工个人号授权, as written
    pub mode_label: String,
    pub proof_file: String,
    pub valid: bool,
    /// the invitation was sent (after `bulk_send`)
    pub sent: bool,
    pub errors: Vec<BulkRowError>,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct BulkReport {
    /// pass to `bulk_send` and `bulk_export_report` within `expires_at`
    pub batch_id: String,
    pub enterprise_id: i64,
    pub rows: Vec<BulkRow>,
    pub valid: u32,
    pub invalid: u32,
    /// rows marked 示例 that were skipped
    pub examples_skipped: u32,
    /// the batch is kept (in memory only) until then
    pub expires_at: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct BulkSendArgs {
    pub enterprise_id: i64,
    pub batch_id: String,
    /// 承诺书 and 服务协议 signed for every row sent (B-12)
    pub signed: bool,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct BulkSendResult {
    /// invitations sent
    pub sent: u32,
    /// valid rows that could not be sent, with why (e.g. the account was bound meanwhile)
    pub failed: Vec<BulkRow>,
    /// rows not sent because they were invalid at validation
    pub skipped_invalid: u32,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct BulkExportArgs {
    pub batch_id: String,
    /// the token of where to save (a door's grant; `.xlsx` is added when missing)
    pub file: String,
}

fn xlsx_path(p: PathBuf) -> PathBuf {
    let is_xlsx = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if is_xlsx {
        p
    } else {
        let mut s = p.into_os_string();
        s.push(".xlsx");
        PathBuf::from(s)
    }
}

fn batch_gone() -> CoreError {
    CoreError::refused(
        ErrorCode::BulkBatchExpired,
        "B-16",
        format!("校验结果已过期（保留 {BATCH_TTL_MINUTES} 分钟）或不存在，请重新上传表格校验 (B-16)"),
        format!("The validation has expired (kept {BATCH_TTL_MINUTES} minutes) or does not exist; validate the sheet again (B-16)"),
        None,
    )
}

fn sheet_error(code: &str, zh: String, en: String) -> BulkRowError {
    BulkRowError { code: code.into(), message_zh: zh, message_en: en }
}

/// A check's refusal as a row error; failures of the database itself stop the whole run.
fn row_error(e: CoreError) -> CoreResult<BulkRowError> {
    if matches!(e, CoreError::Db(_) | CoreError::Migrate(_) | CoreError::DbOpen { .. } | CoreError::KeyFile { .. }) {
        return Err(e);
    }
    let api = e.to_api();
    let code = match &e {
        CoreError::InvalidInput { field, .. } => format!("invalid_{field}"),
        _ => api.code.name(),
    };
    Ok(BulkRowError { code, message_zh: api.message, message_en: api.message_en })
}

fn proof_error(file: &str, e: CoreError) -> CoreResult<BulkRowError> {
    let mut err = row_error(e)?;
    err.code = "proof_file".into();
    err.message_zh = format!("证明文件「{file}」：{}", err.message_zh);
    err.message_en = format!("Proof file \"{file}\": {}", err.message_en);
    Ok(err)
}

fn new_batch_id() -> String {
    let mut b = [0u8; 16];
    let _ = getrandom::fill(&mut b);
    hex::encode(b)
}

/// Blocking file work (calamine, rust_xlsxwriter) off the async threads.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> CoreResult<T> + Send + 'static) -> CoreResult<T> {
    tokio::task::spawn_blocking(f).await.map_err(|e| {
        CoreError::invalid("xlsx", format!("表格处理中断：{e}"), format!("Spreadsheet work was interrupted: {e}"))
    })?
}

impl Service {
    /// Writes the bulk-binding template (B-16).
    pub async fn bulk_template(&self, actor: &Actor, args: BulkTemplateArgs) -> CoreResult<BulkFile> {
        actor.require(Permission::ManageBindings)?;
        let stores: Vec<String> = match args.enterprise_id {
            Some(eid) => {
                actor.require_in(Permission::ManageBindings, eid)?;
                store::stores::list(self.db.pool(), eid, actor.store_filter())
                    .await?
                    .into_iter()
                    // U-2: a closed store is not offered for new bindings
                    .filter(|s| s.closed_on.is_none())
                    .map(|s| s.name)
                    .collect()
            }
            None => Vec::new(),
        };
        let path = xlsx_path(self.save_target(&args.file)?);
        let target = path.clone();
        blocking(move || bulk_sheet::write_template(&target, &stores)).await?;
        Ok(BulkFile { path: path.display().to_string(), rows: 2 })
    }

    /// Reads a filled template and checks every row as the invitation wizard would (B-16); keeps the batch
    /// for sending.
    pub async fn bulk_validate(&self, actor: &Actor, args: BulkValidateArgs) -> CoreResult<BulkReport> {
        let eid = args.enterprise_id;
        actor.require_in(Permission::ManageBindings, eid)?;
        self.enterprise_detail(eid).await?;
        let proofs_dir = self.opened_folder(&args.proofs_folder)?;
        if !tokio::fs::metadata(&proofs_dir).await.is_ok_and(|m| m.is_dir()) {
            return Err(CoreError::invalid(
                "proofs_dir",
                format!("找不到证明文件夹：{}，请重新选择 (B-16)", proofs_dir.display()),
                format!("The proofs folder does not exist: {} (B-16)", proofs_dir.display()),
            ));
        }
        let path = self.opened_file(&args.file)?;
        let sheet = blocking(move || bulk_sheet::read_rows(&path)).await?;

        let now = self.clock.now();
        self.sweep(now).await?;
        let pool = self.db.pool();
        let all_stores = store::stores::list(pool, eid, None).await?;
        let own = actor.store_filter();

        // B-1, B-15 stop every row; B-3 leaves room for `room` more
        let (blocked, room) = match self.require_eligible(eid, now).await {
            Ok(el) => (None, el.staff_account_cap - el.staff_accounts_used),
            Err(CoreError::Refused { code: ErrorCode::StaffAccountCapReached, .. }) => (None, 0),
            Err(e @ CoreError::Refused { .. }) => (Some(row_error(e)?), 0),
            Err(e) => return Err(e),
        };
        let cap = self.eligibility_at(eid, now).await?.staff_account_cap;

        let today = self.clock.today();
        let mut conn = pool.acquire().await?;
        let mut seen_xhs: HashMap<String, u32> = HashMap::new();
        let mut seen_id: HashMap<String, u32> = HashMap::new();
        let mut proofs: HashMap<String, Result<String, BulkRowError>> = HashMap::new();
        let mut rows = Vec::with_capacity(sheet.rows.len());
        let mut pending = Vec::new();
        let mut valid_count: i64 = 0;

        for sr in sheet.rows {
            let [xhs_id, name_raw, id_raw, store_name, title_raw, mode_raw, proof_name] = sr.cells.clone();
            let mut errors = Vec::new();
            for &c in &sr.too_long {
                errors.push(sheet_error(
                    "cell_too_long",
                    format!("「{}」超过 {} 个字符", HEADERS[c], bulk_sheet::MAX_CELL_CHARS),
                    format!("{} is longer than {} characters", HEADERS[c], bulk_sheet::MAX_CELL_CHARS),
                ));
            }
            let usable = |c: usize| !sr.too_long.contains(&c);
            let missing = |c: usize, errors: &mut Vec<BulkRowError>| {
                errors.push(sheet_error(
                    "missing_value",
                    format!("请填写「{}」", HEADERS[c]),
                    format!("{} is required", HEADERS[c]),
                ));
            };
            for (c, v) in sr.cells.iter().enumerate() {
                if v.is_empty() {
                    missing(c, &mut errors);
                }
            }

            // 绑定方式
            let mode = [BindingMode::Enterprise, BindingMode::Personal].into_iter().find(|m| m.label_zh() == mode_raw);
            if mode.is_none() && !mode_raw.is_empty() && usable(bulk_sheet::COL_MODE) {
                errors.push(sheet_error(
                    "invalid_mode",
                    format!("绑定方式「{mode_raw}」不正确，只能是「企业员工号」或「员工个人号授权」"),
                    format!("Binding mode \"{mode_raw}\" must be 企业员工号 or 员工个人号授权"),
                ));
            }
            // 姓名 (B-10)
            let name = if name_raw.is_empty() || !usable(bulk_sheet::COL_NAME) {
                None
            } else {
                match check_staff_name(&name_raw) {
                    Ok(n) => Some(n.to_string()),
                    Err(e) => {
                        errors.push(row_error(e)?);
                        None
                    }
                }
            };
            // 身份证号码 (B-10); a repeat of an earlier row is flagged on the later one
            let id_number = if id_raw.is_empty() || !usable(bulk_sheet::COL_ID_NUMBER) {
                None
            } else {
                match check_id_number(&id_raw, today) {
                    Ok(id) => match seen_id.get(&id) {
                        Some(first) => {
                            errors.push(sheet_error(
                                "duplicate_id_number",
                                format!("身份证号码与第 {first} 行重复"),
                                format!("The ID number repeats row {first}"),
                            ));
                            None
                        }
                        None => {
                            seen_id.insert(id.clone(), sr.row);
                            Some(id)
                        }
                    },
                    Err(e) => {
                        errors.push(row_error(e)?);
                        None
                    }
                }
            };
            let id_masked = match &id_number {
                Some(id) => idcard::mask(id),
                None => idcard::mask(&id_raw.to_ascii_uppercase()),
            };
            // 门店: one of the brand's stores by name; store managers only their own
            let store_id = if store_name.is_empty() || !usable(bulk_sheet::COL_STORE) {
                None
            } else {
                let named: Vec<_> = all_stores.iter().filter(|s| s.name == store_name).collect();
                match named.as_slice() {
                    [] => {
                        errors.push(sheet_error(
                            "unknown_store",
                            format!("门店「{store_name}」不是本企业的门店，请与「门店列表」中的名称一致"),
                            format!("\"{store_name}\" is not one of the brand's stores"),
                        ));
                        None
                    }
                    [s] if own.is_some_and(|o| !o.contains(&s.id)) => {
                        errors.push(sheet_error(
                            "unknown_store",
                            format!("门店「{store_name}」不是您管理的门店，店长只能为自己门店的员工发送邀请"),
                            format!("\"{store_name}\" is not a store you manage"),
                        ));
                        None
                    }
                    [s] if s.closed_on.is_some() => {
                        errors.push(sheet_error(
                            "store_closed",
                            format!(
                                "门店「{store_name}」已于 {} 关闭，不能再为该门店发送绑定邀请 (U-2)",
                                s.closed_on.as_deref().unwrap_or_default()
                            ),
                            format!("The store \"{store_name}\" is closed; it takes no new invitations (U-2)"),
                        ));
                        None
                    }
                    [s] => Some(s.id),
                    _ => {
                        errors.push(sheet_error(
                            "unknown_store",
                            format!("本企业有多家名为「{store_name}」的门店，无法确定是哪一家，请改用单个邀请"),
                            format!("Several stores are named \"{store_name}\"; invite this employee one by one"),
                        ));
                        None
                    }
                }
            };
            // 岗位 (B-11)
            let job_title = if title_raw.is_empty() || !usable(bulk_sheet::COL_JOB_TITLE) {
                None
            } else {
                match check_job_title(&title_raw) {
                    Ok(t) => Some(t),
                    Err(e) => {
                        errors.push(row_error(e)?);
                        None
                    }
                }
            };
            // 小红书号: exists, B-2, B-7, B-8, B-19 for the mode; a repeat is flagged on the later row
            let mut account_ok = false;
            if !xhs_id.is_empty() && usable(bulk_sheet::COL_XHS_ID) {
                if let Some(first) = seen_xhs.get(&xhs_id) {
                    errors.push(sheet_error(
                        "duplicate_xhs_id",
                        format!("小红书号与第 {first} 行重复"),
                        format!("The Xiaohongshu ID repeats row {first}"),
                    ));
                } else {
                    seen_xhs.insert(xhs_id.clone(), sr.row);
                    match store::accounts::get_by_xhs_id(&mut conn, &xhs_id).await? {
                        None => errors.push(row_error(CoreError::not_found("account", &xhs_id))?),
                        Some(a) => match mode {
                            Some(m) => match self.account_refusal(&mut conn, eid, &a, m, now).await? {
                                Some(refusal) => errors.push(row_error(refusal)?),
                                None => account_ok = true,
                            },
                            None => account_ok = true,
                        },
                    }
                }
            }
            // a staff member already registered with this ID number keeps their name and store (B-10)
            if let (Some(id), Some(n), Some(s)) = (&id_number, &name, store_id) {
                let hmac = self.secrets.id_number_hmac(id);
                if let Err(e) = registered_staff(&mut conn, actor, eid, &hmac, n, s).await {
                    errors.push(row_error(e)?);
                }
            }
            // 证明文件: a plain file name in the chosen folder, PDF/JPEG/PNG ≤ 10 MB (B-10)
            let mut proof = None;
            if !proof_name.is_empty() && usable(bulk_sheet::COL_PROOF) {
                let plain = Path::new(&proof_name).file_name().is_some_and(|f| f == proof_name.as_str())
                    && !proof_name.contains(['/', '\\']);
                if !plain {
                    errors.push(sheet_error(
                        "proof_file",
                        format!("证明文件「{proof_name}」请只写文件名（不含路径）"),
                        format!("Proof file \"{proof_name}\": give the file name only, no folder"),
                    ));
                } else {
                    let path = proofs_dir.join(&proof_name);
                    let checked = match proofs.get(&proof_name) {
                        Some(c) => c.clone(),
                        None => {
                            let c = match read_proof_file(&path).await {
                                Ok((bytes, _)) => Ok(proof_file::sha256_hex(&bytes)),
                                Err(e) => Err(proof_error(&proof_name, e)?),
                            };
                            proofs.insert(proof_name.clone(), c.clone());
                            c
                        }
                    };
                    match checked {
                        Ok(sha) => proof = Some((path, sha)),
                        Err(e) => errors.push(e),
                    }
                }
            }
            if let Some(b) = &blocked {
                errors.push(b.clone());
            }
            // B-3: the cap counts the valid rows before this one too
            if errors.is_empty() && valid_count >= room {
                errors.push(row_error(cap_reached(cap))?);
            }
            let mut valid = false;
            if let (true, true, Some(m), Some(n), Some(id), Some(s), Some(t), Some((path, sha))) =
                (errors.is_empty(), account_ok, mode, &name, &id_number, store_id, job_title, &proof)
            {
                valid = true;
                valid_count += 1;
                pending.push(PendingInvite {
                    index: rows.len(),
                    mode: m,
                    xhs_id: xhs_id.clone(),
                    store_id: s,
                    name: n.clone(),
                    id_number: id.clone(),
                    job_title: t.to_string(),
                    proof_path: path.clone(),
                    proof_sha: sha.clone(),
                });
            }
            rows.push(BulkRow {
                row: sr.row,
                xhs_id,
                name: name_raw,
                id_masked,
                store: store_name,
                job_title: title_raw,
                mode_label: mode_raw,
                proof_file: proof_name,
                valid,
                sent: false,
                errors,
            });
        }
        drop(conn);

        let valid = u32::try_from(pending.len()).unwrap_or(u32::MAX);
        let invalid = u32::try_from(rows.len()).unwrap_or(u32::MAX) - valid;
        let batch_id = new_batch_id();
        let report = BulkReport {
            batch_id: batch_id.clone(),
            enterprise_id: eid,
            rows: rows.clone(),
            valid,
            invalid,
            examples_skipped: sheet.examples_skipped,
            expires_at: ts(now + chrono::Duration::minutes(BATCH_TTL_MINUTES)),
        };
        self.bulk.insert(
            now,
            batch_id,
            Batch { enterprise_id: eid, user_id: actor.user_id, created: now, rows, pending, sent: false },
        );
        Ok(report)
    }

    /// Sends the batch's valid rows, each through `upload_proof` and `invite` on its own, so one failure does
    /// not stop the others; history is written by `invite` (B-16, B-20).
    pub async fn bulk_send(&self, actor: &Actor, args: BulkSendArgs) -> CoreResult<BulkSendResult> {
        actor.require_in(Permission::ManageBindings, args.enterprise_id)?;
        check_signed(args.signed)?;
        let now = self.clock.now();
        let batch = self
            .bulk
            .get(now, &args.batch_id, actor.user_id)
            .filter(|b| b.enterprise_id == args.enterprise_id)
            .ok_or_else(batch_gone)?;
        if batch.sent {
            return Err(CoreError::refused(
                ErrorCode::BulkBatchSent,
                "B-16",
                "这批邀请已经发送过，请勿重复发送；如需再发，请重新上传表格校验 (B-16)",
                "This batch was sent already; validate the sheet again to send more (B-16)",
                None,
            ));
        }
        let batch = self.bulk.take_for_send(now, &args.batch_id, actor.user_id).ok_or_else(batch_gone)?;
        let mut rows = batch.rows;
        let mut sent = 0u32;
        let mut failed = Vec::new();
        for p in batch.pending {
            match self.send_one(actor, batch.enterprise_id, &p).await {
                Ok(()) => {
                    sent += 1;
                    rows[p.index].sent = true;
                }
                Err(e) => {
                    let row = &mut rows[p.index];
                    row.valid = false;
                    row.errors.push(row_error(e).unwrap_or_else(|e| {
                        let api = e.to_api();
                        BulkRowError { code: api.code.name(), message_zh: api.message, message_en: api.message_en }
                    }));
                    failed.push(row.clone());
                }
            }
        }
        let skipped_invalid = u32::try_from(rows.iter().filter(|r| !r.sent).count() - failed.len()).unwrap_or(u32::MAX);
        self.bulk.update_rows(now, &args.batch_id, rows);
        Ok(BulkSendResult { sent, failed, skipped_invalid })
    }

    async fn send_one(&self, actor: &Actor, enterprise_id: i64, p: &PendingInvite) -> CoreResult<()> {
        // the file sits in the folder the user granted at validation; the core grants itself its read
        let file = self.grant_open(&p.proof_path)?.token;
        let proof = self.upload_proof(actor, UploadProofArgs { enterprise_id, file }).await?;
        if proof.proof_id != p.proof_sha {
            return Err(CoreError::invalid(
                "proof_changed",
                "证明文件在校验后被修改，未发送；请重新校验 (B-16)",
                "The proof file changed after validation and was not sent; validate again (B-16)",
            ));
        }
        self.invite(
            actor,
            InviteArgs {
                enterprise_id,
                mode: p.mode,
                xhs_id: p.xhs_id.clone(),
                store_id: p.store_id,
                staff_name: p.name.clone(),
                id_number: p.id_number.clone(),
                proof_id: proof.proof_id,
                job_title: p.job_title.clone(),
                signed: true,
                employee_no: None,
            },
        )
        .await?;
        Ok(())
    }

    /// Writes the batch's row report (ID numbers masked, formulas escaped).
    pub async fn bulk_export_report(&self, actor: &Actor, args: BulkExportArgs) -> CoreResult<BulkFile> {
        actor.require(Permission::ManageBindings)?;
        let target = xlsx_path(self.save_target(&args.file)?);
        let batch = self.bulk.get(self.clock.now(), &args.batch_id, actor.user_id).ok_or_else(batch_gone)?;
        actor.require_in(Permission::ManageBindings, batch.enterprise_id)?;
        let lines: Vec<ReportLine> = batch
            .rows
            .iter()
            .map(|r| ReportLine {
                row: r.row,
                cells: [
                    r.xhs_id.clone(),
                    r.name.clone(),
                    r.id_masked.clone(),
                    r.store.clone(),
                    r.job_title.clone(),
                    r.mode_label.clone(),
                    r.proof_file.clone(),
                ],
                result: if r.sent {
                    "已发送"
                } else if r.valid {
                    "有效"
                } else {
                    "无效"
                }
                .into(),
                valid: r.valid || r.sent,
                reasons: r.errors.iter().map(|e| e.message_zh.as_str()).collect::<Vec<_>>().join("\n"),
            })
            .collect();
        let rows = u32::try_from(lines.len()).unwrap_or(u32::MAX);
        let path = target.clone();
        blocking(move || bulk_sheet::write_report(&target, &lines)).await?;
        Ok(BulkFile { path: path.display().to_string(), rows })
    }
}
