//! B-20: an account's history as an evidence file a brand can hand to the platform or a lawyer.

use serde::{Deserialize, Serialize};
use serde_json::json;
use specta::Type;

use super::{record, AccountHistoryArgs, Event, Service};
use crate::authz::{Actor, Permission};
use crate::error::{CoreError, CoreResult};
use crate::export;
use crate::model::Role;

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ExportAccountHistoryArgs {
    pub enterprise_id: i64,
    pub account_id: i64,
    /// the token of where to write the CSV (a door's save grant)
    pub file: String,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct ExportResult {
    pub path: String,
    /// history rows written
    pub rows: u32,
}

impl Service {
    /// Writes the account's whole history (every binding, newest first) to a CSV file and records the
    /// export itself in history.
    pub async fn export_account_history(
        &self,
        actor: &Actor,
        args: ExportAccountHistoryArgs,
    ) -> CoreResult<ExportResult> {
        let history = self
            .account_history(
                actor,
                AccountHistoryArgs { enterprise_id: args.enterprise_id, account_id: args.account_id },
            )
            .await?;
        let now = self.now_ts();
        // the whole history's newest row when the file is written: `verify_history` with this head later
        // shows whether any row up to it was changed, removed or slipped in since (B-20)
        let (head_id, head_hash) = match crate::store::history::head(self.db.pool()).await? {
            Some((id, hash)) => (id.to_string(), hash.unwrap_or_default()),
            None => (String::new(), String::new()),
        };
        let mut rows = vec![
            vec!["KOS 工作台 · 账号操作记录（证据文件）".to_string()],
            vec!["导出时间".into(), now.clone(), "导出人".into(), actor.name.clone()],
            vec!["记录链头 (chain head)".into(), head_id.clone(), head_hash.clone()],
            vec![
                "校验方法".into(),
                format!(
                    "kos-desk call verify_history '{{\"head_id\":{head_id},\"head_hash\":\"{head_hash}\"}}'  \
                     （或在「操作记录」页点「校验记录链」并填入链头）；每条记录哈希 = SHA-256(JSON[上一条哈希, 编号, 时间, …])"
                ),
            ],
            vec![],
            vec![
                "记录编号".into(),
                "时间 (UTC)".into(),
                "操作人".into(),
                "角色".into(),
                "对象".into(),
                "动作".into(),
                "内容".into(),
                "原因".into(),
                "记录哈希".into(),
            ],
        ];
        for h in &history {
            let role = h.actor_role.as_deref().and_then(Role::parse).map_or("", Role::label_zh);
            rows.push(vec![
                h.id.to_string(),
                h.at.clone(),
                h.actor_name.clone().unwrap_or_else(|| "—".into()),
                role.to_string(),
                format!("{} {}", h.entity_type, h.entity_id),
                h.action.clone(),
                h.summary_zh.clone(),
                h.reason.clone().unwrap_or_default(),
                h.hash.clone().unwrap_or_default(),
            ]);
        }
        let path = self.save_target(&args.file)?;
        export::csv::write(&path, &rows)?;
        let mut tx = self.db.write().await?;
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(args.enterprise_id),
                entity_type: "account",
                entity_id: args.account_id.to_string(),
                action: "export_history",
                summary_zh: format!("导出账号操作记录（{} 条）", history.len()),
                summary_en: format!("Exported the account's history ({} rows)", history.len()),
                reason: None,
                before: None,
                after: Some(json!({ "rows": history.len() })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(ExportResult { path: path.display().to_string(), rows: u32::try_from(history.len()).unwrap_or(u32::MAX) })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SaveChartImageArgs {
    /// the brand whose dashboard drew the chart: the actor must be able to see that dashboard (D-1)
    pub enterprise_id: i64,
    /// the token of where to write (.png), a door's save grant
    pub file: String,
    /// the chart as PNG, base64 (the webview has no file access of its own)
    pub png_base64: String,
}

/// Charts are a few hundred KB; anything much larger is not a chart.
const MAX_CHART_PNG: usize = 8 * 1024 * 1024;

impl Service {
    /// 导出图片 (D-1): writes a chart the window rendered to a PNG file the user chose.
    pub async fn save_chart_image(&self, actor: &Actor, args: SaveChartImageArgs) -> CoreResult<ExportResult> {
        use base64::Engine;
        actor.require_in(Permission::ViewOverview, args.enterprise_id)?;
        let bad = || CoreError::invalid("png_base64", "图片数据无效", "The image data is not a PNG");
        let bytes = base64::engine::general_purpose::STANDARD.decode(args.png_base64.trim()).map_err(|_| bad())?;
        if bytes.len() > MAX_CHART_PNG || !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Err(bad());
        }
        let path = self.save_target(&args.file)?;
        std::fs::write(&path, &bytes).map_err(|e| CoreError::File {
            path: path.display().to_string(),
            reason_zh: format!("无法写入图片：{e}"),
            reason_en: format!("Cannot write the image: {e}"),
        })?;
        Ok(ExportResult { path: path.display().to_string(), rows: 1 })
    }
}
