//! B-20: an account's history as an evidence file a brand can hand to the platform or a lawyer.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::json;
use specta::Type;

use super::{record, AccountHistoryArgs, Event, Service};
use crate::authz::Actor;
use crate::error::CoreResult;
use crate::export;
use crate::model::Role;

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ExportAccountHistoryArgs {
    pub enterprise_id: i64,
    pub account_id: i64,
    /// where to write the CSV (the path chosen in the save dialog)
    pub path: String,
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
        let mut rows = vec![
            vec!["KOS 工作台 · 账号操作记录（证据文件）".to_string()],
            vec!["导出时间".into(), now.clone(), "导出人".into(), actor.name.clone()],
            vec![],
            vec![
                "时间 (UTC)".into(),
                "操作人".into(),
                "角色".into(),
                "对象".into(),
                "动作".into(),
                "内容".into(),
                "原因".into(),
            ],
        ];
        for h in &history {
            let role = h.actor_role.as_deref().and_then(Role::parse).map_or("", Role::label_zh);
            rows.push(vec![
                h.at.clone(),
                h.actor_name.clone().unwrap_or_else(|| "—".into()),
                role.to_string(),
                format!("{} {}", h.entity_type, h.entity_id),
                h.action.clone(),
                h.summary_zh.clone(),
                h.reason.clone().unwrap_or_default(),
            ]);
        }
        let path = PathBuf::from(&args.path);
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
        Ok(ExportResult { path: args.path, rows: u32::try_from(history.len()).unwrap_or(u32::MAX) })
    }
}
