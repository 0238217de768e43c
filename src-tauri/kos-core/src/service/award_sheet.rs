//! 颁奖名单 (I-1..I-3): a campaign's awards as an XLSX sheet to pay out from — who, which store, which
//! 小红书号, which award, how much, which note — with the total cost. A confirmed campaign's sheet is its
//! frozen board; before that the sheet says it is a preview. Every export is recorded in history.

use serde::Deserialize;
use serde_json::json;
use specta::Type;

use super::campaigns::CampaignStatus;
use super::{record, Event, ExportResult, Service};
use crate::authz::{Actor, Permission};
use crate::error::CoreResult;
use crate::export::xlsx::{self, XCell};
use crate::incentives::engine::{AwardFlag, Board};

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ExportAwardSheetArgs {
    pub campaign_id: i64,
    /// the token of where to write the XLSX (a door's save grant)
    pub file: String,
}

const HEADER: [&str; 10] =
    ["奖项", "名次", "员工姓名", "门店", "小红书号", "奖品", "金额（¥）", "笔记链接", "笔记标题", "提醒"];

fn flags_text(flags: &[AwardFlag]) -> String {
    flags.iter().map(|f| f.zh.as_str()).collect::<Vec<_>>().join("；")
}

/// The sheet's award rows and totals: (rows, cash total, vouchers, merchandise pieces).
fn award_rows(board: &Board) -> (Vec<Vec<XCell>>, i64, i64, i64) {
    let mut rows = Vec::new();
    let (mut cash, mut vouchers, mut pieces) = (0, 0, 0);
    for a in &board.viral {
        cash += a.amount_yuan;
        vouchers += 1;
        rows.push(vec![
            "单篇爆文奖".into(),
            a.rank.into(),
            a.staff_name.clone().into(),
            a.store_name.clone().into(),
            a.xhs_id.clone().into(),
            "现金券".into(),
            a.amount_yuan.into(),
            a.note_url.clone().into(),
            a.title.clone().into(),
            flags_text(&a.flags).into(),
        ]);
    }
    for (award, prize, list) in [("累计排名奖", "现金券", &board.ranking), ("荣誉奖", "品牌周边", &board.honour)]
    {
        for a in list {
            if award == "荣誉奖" {
                pieces += 1;
            } else {
                vouchers += 1;
            }
            cash += a.amount_yuan;
            rows.push(vec![
                award.into(),
                a.rank.into(),
                a.staff_name.clone().into(),
                a.store_name.clone().into(),
                a.xhs_id.clone().into(),
                prize.into(),
                a.amount_yuan.into(),
                XCell::Empty,
                XCell::Empty,
                flags_text(&a.flags).into(),
            ]);
        }
    }
    (rows, cash, vouchers, pieces)
}

impl Service {
    /// Writes the campaign's 颁奖名单 to XLSX and records the export (I-1..I-3).
    pub async fn export_award_sheet(&self, actor: &Actor, args: ExportAwardSheetArgs) -> CoreResult<ExportResult> {
        let rec = self.campaign_for(actor, Permission::ExportAwardSheet, args.campaign_id).await?;
        let b = self.board_view(&rec).await?;
        let c = &b.campaign;
        let state = match c.status {
            CampaignStatus::Confirmed => "已确认（获奖名单已冻结）",
            CampaignStatus::Ended => "已结束，未确认（预览）",
            CampaignStatus::Running => "进行中（预览，名次仍会变化）",
            CampaignStatus::Draft => "未开始（预览）",
        };
        let as_of = if b.metrics_as_of == "latest" { "最新数据".to_string() } else { b.metrics_as_of.clone() };
        let (awards, cash, vouchers, pieces) = award_rows(&b.board);
        let count = awards.len();
        let mut rows: Vec<Vec<XCell>> = vec![
            vec![format!("「{}」颁奖名单", c.name).into()],
            vec![format!(
                "活动时间 {} 至 {} · 数据截至 {as_of} · {state} · 导出人 {} · 导出时间 {}",
                c.start_date,
                c.end_date,
                actor.name,
                self.now_ts()
            )
            .into()],
            vec![],
            HEADER.iter().map(|h| XCell::from(*h)).collect(),
        ];
        rows.extend(awards);
        let total_row = rows.len();
        rows.push(vec![
            "合计".into(),
            XCell::Empty,
            XCell::Empty,
            XCell::Empty,
            XCell::Empty,
            format!("现金券 {vouchers} 张，品牌周边 {pieces} 份").into(),
            cash.into(),
        ]);
        let path = self.save_target(&args.file)?;
        xlsx::write_sheet(&path, "颁奖名单", &rows, &[0, 3, total_row])?;

        let now = self.now_ts();
        let mut tx = self.db.write().await?;
        record(
            &mut tx,
            Some(actor.user_id),
            &now,
            Event {
                enterprise_id: Some(rec.enterprise_id),
                entity_type: "campaign",
                entity_id: rec.id.to_string(),
                action: "award_sheet_exported",
                summary_zh: format!("导出「{}」颁奖名单（{count} 项，现金合计 ¥{cash}）", rec.name),
                summary_en: format!("Exported the award sheet of “{}” ({count} awards, ¥{cash} in cash)", rec.name),
                reason: None,
                before: None,
                after: Some(json!({ "frozen": b.frozen, "version": b.version, "awards": count, "cash_yuan": cash })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(ExportResult { path: path.display().to_string(), rows: u32::try_from(count).unwrap_or(u32::MAX) })
    }
}
