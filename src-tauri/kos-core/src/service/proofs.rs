//! Employment proofs (B-10, B-15, PIPL): upload from a local path, encrypted content-addressed storage,
//! logged reads, the platform's review, deletion after the retention period.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use specta::Type;

use super::when::{self, date, days};
use super::{record, Event, NoArgs, Service};
use crate::api::types::bindings::PendingProof;
use crate::authz::{Actor, Permission};
use crate::clock::ts;
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::model::{BindingStatus, Role};
use crate::proof_file::{self, MAX_PROOF_BYTES};
use crate::rules;
use crate::store;
use crate::store::bindings::StatusChange;
use crate::store::proofs::{NewProof, Review};

#[derive(Debug, Clone, Deserialize, Type)]
pub struct UploadProofArgs {
    pub enterprise_id: i64,
    /// the token of the file the user chose to open (a `FileRef` a door granted); read by the core, never
    /// sent over IPC
    pub file: String,
}

/// An uploaded proof, to pass to `invite` as `proof_id`.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct ProofRef {
    /// SHA-256 (hex) of the file's content
    pub proof_id: String,
    /// "application/pdf" | "image/jpeg" | "image/png"
    pub mime: String,
    pub size: i64,
    /// the file's name as chosen
    pub name: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ReviewProofArgs {
    pub binding_id: i64,
    /// `false`: 不合规 — the binding is dissolved and the brand may not invite for `invite_ban_days` (B-15)
    pub compliant: bool,
    /// required when not compliant
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct ProofReview {
    pub binding_id: i64,
    pub binding_status: BindingStatus,
    /// "compliant" | "non_compliant"
    pub review_status: String,
    /// the brand's invitation ban, when the proof was non-compliant (B-15)
    pub invite_ban_until: Option<String>,
}

fn too_big(size: u64) -> CoreError {
    #[allow(clippy::cast_precision_loss)]
    let mb = size as f64 / 1024.0 / 1024.0;
    CoreError::invalid(
        "path",
        format!("文件大小 {mb:.1} MB，超过 10 MB 上限，请压缩或拆分后再上传 (B-10)"),
        format!("The file is {mb:.1} MB; the limit is 10 MB (B-10)"),
    )
}

fn file_error(path: &Path, e: &std::io::Error) -> CoreError {
    let (zh, en) = match e.kind() {
        std::io::ErrorKind::NotFound => ("找不到该文件", "File not found"),
        std::io::ErrorKind::PermissionDenied => ("没有读取该文件的权限", "Permission denied"),
        _ => ("无法读取该文件", "Cannot read the file"),
    };
    CoreError::File {
        path: path.display().to_string(),
        reason_zh: format!("{zh}：{}（{e}）", path.display()),
        reason_en: format!("{en}: {} ({e})", path.display()),
    }
}

/// Reads an employment proof from a local path and checks it: a file, not empty, ≤ 10 MB, a whole valid PDF,
/// JPEG or PNG (B-10, `proof_file::validate`). Returns the content and its MIME type.
pub(super) async fn read_proof_file(path: &Path) -> CoreResult<(Vec<u8>, &'static str)> {
    let meta = tokio::fs::metadata(path).await.map_err(|e| file_error(path, &e))?;
    if !meta.is_file() {
        return Err(CoreError::invalid(
            "path",
            format!("请选择一个文件：{}", path.display()),
            format!("Choose a file: {}", path.display()),
        ));
    }
    if meta.len() > MAX_PROOF_BYTES {
        return Err(too_big(meta.len()));
    }
    let bytes = tokio::fs::read(path).await.map_err(|e| file_error(path, &e))?;
    if bytes.len() as u64 > MAX_PROOF_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    if bytes.is_empty() {
        return Err(CoreError::invalid("path", "文件是空的，请重新选择 (B-10)", "The file is empty (B-10)"));
    }
    // the whole file, not only its first bytes: images decode, a PDF parses and has a page (B-10)
    // (decoding takes a moment for a large image: off the async threads)
    tokio::task::spawn_blocking(move || proof_file::validate(&bytes).map(|mime| (bytes, mime))).await.map_err(|e| {
        CoreError::File {
            path: path.display().to_string(),
            reason_zh: format!("无法检查该文件：{e}"),
            reason_en: format!("Cannot check the file: {e}"),
        }
    })?
}

impl Service {
    fn proof_path(&self, sha256: &str) -> PathBuf {
        self.proofs_dir.join(format!("{sha256}.{}", proof_file::EXTENSION))
    }

    /// Reads a proof from a local path, checks kind (magic bytes) and size, stores it encrypted and records it.
    pub async fn upload_proof(&self, actor: &Actor, args: UploadProofArgs) -> CoreResult<ProofRef> {
        actor.require_in(Permission::ManageBindings, args.enterprise_id)?;
        self.enterprise_detail(args.enterprise_id).await?;
        let path = self.opened_file(&args.file)?;
        let (bytes, mime) = read_proof_file(&path).await?;
        let sha = proof_file::sha256_hex(&bytes);
        // file names are not evidence: an ID or phone number typed into one is cut out before it is stored
        let name: String = crate::private_files::redact_numbers(
            &path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| format!("{sha}.bin")),
        )
        .chars()
        .take(200)
        .collect();
        let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);

        let target = self.proof_path(&sha);
        let created = if tokio::fs::try_exists(&target).await.unwrap_or(false) {
            false
        } else {
            let sealed = proof_file::seal(&self.secrets, &sha, &bytes)?;
            self.write_atomically(&target, &sealed).await?;
            true
        };
        let now = self.now_ts();
        let result = async {
            let mut tx = self.db.write().await?;
            store::proofs::insert(
                &mut *tx,
                &NewProof {
                    enterprise_id: args.enterprise_id,
                    sha256: &sha,
                    mime,
                    size,
                    name: &name,
                    uploaded_by: actor.user_id,
                    uploaded_at: &now,
                },
            )
            .await?;
            record(
                &mut tx,
                Some(actor.user_id),
                &now,
                Event {
                    enterprise_id: Some(args.enterprise_id),
                    entity_type: "proof",
                    entity_id: sha.clone(),
                    action: "upload",
                    summary_zh: format!("上传在职证明/劳动合同「{name}」（{mime}，{size} 字节，已加密保存）"),
                    summary_en: format!("Uploaded employment proof \"{name}\" ({mime}, {size} bytes, encrypted)"),
                    reason: None,
                    before: None,
                    after: Some(json!({ "mime": mime, "size": size })),
                },
            )
            .await?;
            tx.commit().await?;
            Ok::<_, CoreError>(())
        }
        .await;
        if let Err(e) = result {
            if created {
                let _ = tokio::fs::remove_file(&target).await;
            }
            return Err(e);
        }
        Ok(ProofRef { proof_id: sha, mime: mime.into(), size, name })
    }

    async fn write_atomically(&self, target: &Path, data: &[u8]) -> CoreResult<()> {
        let fail = |e: std::io::Error| CoreError::File {
            path: target.display().to_string(),
            reason_zh: format!("无法保存在职证明：{e}"),
            reason_en: format!("Cannot store the employment proof: {e}"),
        };
        tokio::fs::create_dir_all(&self.proofs_dir).await.map_err(fail)?;
        crate::private_files::owner_only_dir(&self.proofs_dir).map_err(fail)?;
        let mut tag = [0u8; 8];
        let _ = getrandom::fill(&mut tag);
        let tmp = target.with_extension(format!("tmp-{}", hex::encode(tag)));
        tokio::fs::write(&tmp, data).await.map_err(fail)?;
        crate::private_files::owner_only_file(&tmp).map_err(fail)?;
        if let Err(e) = tokio::fs::rename(&tmp, target).await {
            let _ = tokio::fs::remove_file(&tmp).await;
            return Err(fail(e));
        }
        Ok(())
    }

    /// Opens a proof: the brand's marketing staff, store managers (proofs of their stores' staff or their own
    /// uploads), reporting agencies (B-21) and the platform reviewer. Every read is recorded in history.
    pub async fn read_proof(&self, actor: &Actor, proof_id: &str) -> CoreResult<(String, Vec<u8>)> {
        actor.require(Permission::ReadProof)?;
        let proof_id = proof_id.trim().to_ascii_lowercase();
        if !proof_file::is_proof_id(&proof_id) {
            return Err(CoreError::not_found("proof", proof_id));
        }
        let pool = self.db.pool();
        let scope = actor.enterprise_scope();
        let mut found = None;
        for p in store::proofs::list_by_sha(pool, &proof_id).await? {
            if p.deleted_at.is_some() || !scope.contains(p.enterprise_id) {
                continue;
            }
            if actor.role == Role::StoreManager && p.uploaded_by != actor.user_id {
                let stores = store::proofs::list_link_stores(pool, p.id).await?;
                if !stores.iter().any(|s| actor.store_ids.contains(s)) {
                    continue;
                }
            }
            found = Some(p);
            break;
        }
        let p = found.ok_or_else(|| CoreError::not_found("proof", &proof_id))?;
        let path = self.proof_path(&proof_id);
        let sealed = tokio::fs::read(&path).await.map_err(|e| file_error(&path, &e))?;
        let plain = proof_file::open(&self.secrets, &proof_id, &sealed)?;
        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(p.enterprise_id),
                entity_type: "proof",
                entity_id: proof_id.clone(),
                action: "view",
                summary_zh: format!("{}（{}）查看了在职证明「{}」", actor.name, actor.role.label_zh(), p.name),
                summary_en: format!(
                    "{} ({}) viewed employment proof \"{}\"",
                    actor.name,
                    actor.role.label_en(),
                    p.name
                ),
                reason: None,
                before: None,
                after: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok((p.mime, plain))
    }

    /// Deletes proofs whose every binding ended `proof_retention_days` ago (or that were never used for as
    /// long), keeping the row with `deleted_at` and recording it; the file goes when no brand keeps it.
    pub async fn purge_proofs(&self, now: DateTime<Utc>) -> CoreResult<u32> {
        let pool = self.db.pool();
        let candidates = store::proofs::list_retention_candidates(pool).await?;
        if candidates.is_empty() {
            return Ok(0);
        }
        let mut retention: HashMap<i64, i64> = HashMap::new();
        let mut due = Vec::new();
        for c in candidates {
            let days_kept = match retention.get(&c.enterprise_id) {
                Some(d) => *d,
                None => {
                    let d = self.rule_value(Some(c.enterprise_id), rules::PROOF_RETENTION_DAYS).await?;
                    retention.insert(c.enterprise_id, d);
                    d
                }
            };
            if when::parse("last_end", &c.last_end)? + days(days_kept) <= now {
                due.push((c, days_kept));
            }
        }
        if due.is_empty() {
            return Ok(0);
        }
        let at = ts(now);
        let mut tx = self.db.write().await?;
        for (c, d) in &due {
            store::proofs::update_deleted(&mut *tx, c.id, &at).await?;
            let reason = format!("绑定结束满 {d} 天，按个人信息保护要求删除");
            record(
                &mut tx,
                None,
                &at,
                Event {
                    enterprise_id: Some(c.enterprise_id),
                    entity_type: "proof",
                    entity_id: c.sha256.clone(),
                    action: "purge",
                    summary_zh: format!(
                        "在职证明已删除（相关绑定于 {} 结束，保留期 {d} 天）",
                        date(when::parse("last_end", &c.last_end)?)
                    ),
                    summary_en: format!("Employment proof deleted ({d}-day retention after its bindings ended)"),
                    reason: Some(&reason),
                    before: None,
                    after: Some(json!({ "deleted_at": at })),
                },
            )
            .await?;
        }
        tx.commit().await?;
        for (c, _) in &due {
            if store::proofs::count_kept_with_sha(pool, &c.sha256).await? == 0 {
                match tokio::fs::remove_file(self.proof_path(&c.sha256)).await {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => {
                        let path = self.proof_path(&c.sha256);
                        return Err(file_error(&path, &e));
                    }
                }
            }
        }
        Ok(u32::try_from(due.len()).unwrap_or(u32::MAX))
    }

    /// Proofs waiting for the platform's judgement, across brands (platform reviewer only).
    pub async fn pending_proofs(&self, actor: &Actor, _args: NoArgs) -> CoreResult<Vec<PendingProof>> {
        actor.require(Permission::ReviewProof)?;
        self.sweep(self.clock.now()).await?;
        store::bindings::list_pending_proofs(self.db.pool()).await
    }

    /// Judges a binding's proof. Non-compliant dissolves the binding and bans the brand's new invitations
    /// for `invite_ban_days` (B-15).
    pub async fn review_proof(&self, actor: &Actor, args: ReviewProofArgs) -> CoreResult<ProofReview> {
        actor.require(Permission::ReviewProof)?;
        let now_t = self.clock.now();
        self.sweep(now_t).await?;
        let pool = self.db.pool();
        let b = store::bindings::get(pool, args.binding_id)
            .await?
            .ok_or_else(|| CoreError::not_found("binding", args.binding_id))?;
        actor.require_in(Permission::ReviewProof, b.enterprise_id)?;
        let link = store::proofs::get_link(pool, b.id).await?.ok_or_else(|| {
            CoreError::refused(
                ErrorCode::NoProof,
                "B-15",
                "该绑定没有随邀请提交的在职证明",
                "This binding has no employment proof to review",
                None,
            )
        })?;
        if link.review_status != "pending" {
            return Err(CoreError::refused(
                ErrorCode::AlreadyReviewed,
                "B-15",
                "该在职证明已审核过",
                "This employment proof has already been reviewed",
                None,
            ));
        }
        let reason = args.reason.trim();
        if !args.compliant && reason.is_empty() {
            return Err(CoreError::invalid("reason", "请填写不合规的原因", "Say why the proof is not compliant"));
        }
        let reason_opt = (!reason.is_empty()).then_some(reason);
        let now = ts(now_t);
        let review_status = if args.compliant { "compliant" } else { "non_compliant" };
        let mut tx = self.db.write().await?;
        let ok = store::proofs::update_review(
            &mut *tx,
            &Review {
                binding_id: b.id,
                status: review_status,
                reviewed_by: actor.user_id,
                reviewed_at: &now,
                reason: reason_opt,
            },
        )
        .await?;
        if !ok {
            return Err(CoreError::refused(
                ErrorCode::AlreadyReviewed,
                "B-15",
                "该在职证明已审核过",
                "This employment proof has already been reviewed",
                None,
            ));
        }
        let mut status = b.status;
        let mut ban_until = None;
        if args.compliant {
            record(
                &mut tx,
                Some(actor.user_id),
                &now,
                Event {
                    enterprise_id: Some(b.enterprise_id),
                    entity_type: "binding",
                    entity_id: b.id.to_string(),
                    action: "proof_compliant",
                    summary_zh: "平台审核：在职证明合规".into(),
                    summary_en: "Platform review: the employment proof is compliant".into(),
                    reason: reason_opt,
                    before: Some(json!({ "proof_review": "pending" })),
                    after: Some(json!({ "proof_review": "compliant" })),
                },
            )
            .await?;
        } else {
            if b.status.is_live() {
                store::bindings::update_status(
                    &mut *tx,
                    &StatusChange {
                        id: b.id,
                        from: b.status,
                        to: BindingStatus::Dissolved,
                        effective_at: None,
                        ended_at: Some(&now),
                        end_reason: Some(reason),
                    },
                )
                .await?;
                status = BindingStatus::Dissolved;
            }
            let ban_days = self.rule_value(Some(b.enterprise_id), rules::INVITE_BAN_DAYS).await?;
            let e = store::enterprises::get(&mut *tx, b.enterprise_id)
                .await?
                .ok_or_else(|| CoreError::not_found("enterprise", b.enterprise_id))?;
            let mut until = now_t + days(ban_days);
            if let Some(existing) = e.invite_ban_until.as_deref().and_then(crate::clock::parse_ts) {
                until = until.max(existing);
            }
            let until_ts = ts(until);
            store::enterprises::update_invite_ban(&mut *tx, b.enterprise_id, &until_ts).await?;
            record(
                &mut tx,
                Some(actor.user_id),
                &now,
                Event {
                    enterprise_id: Some(b.enterprise_id),
                    entity_type: "binding",
                    entity_id: b.id.to_string(),
                    action: "dissolve",
                    summary_zh: format!(
                        "平台审核：在职证明不合规，绑定已解除（原状态「{}」，B-15）",
                        b.status.label_zh()
                    ),
                    summary_en: format!(
                        "Platform review: employment proof non-compliant; binding dissolved (was {}, B-15)",
                        b.status.label_en()
                    ),
                    reason: Some(reason),
                    before: Some(json!({ "status": b.status, "proof_review": "pending" })),
                    after: Some(json!({ "status": status, "proof_review": "non_compliant" })),
                },
            )
            .await?;
            record(
                &mut tx,
                Some(actor.user_id),
                &now,
                Event {
                    enterprise_id: Some(b.enterprise_id),
                    entity_type: "enterprise",
                    entity_id: b.enterprise_id.to_string(),
                    action: "invite_ban",
                    summary_zh: format!(
                        "因在职证明不合规，{} 前不能发送新的绑定邀请（{ban_days} 天，B-15）",
                        date(until)
                    ),
                    summary_en: format!("No new invitations until {} ({ban_days} days, B-15)", date(until)),
                    reason: Some(reason),
                    before: Some(json!({ "invite_ban_until": e.invite_ban_until })),
                    after: Some(json!({ "invite_ban_until": until_ts })),
                },
            )
            .await?;
            ban_until = Some(until_ts);
        }
        tx.commit().await?;
        Ok(ProofReview {
            binding_id: b.id,
            binding_status: status,
            review_status: review_status.into(),
            invite_ban_until: ban_until,
        })
    }
}
