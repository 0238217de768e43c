//! 导出 (N-3): the current filter and sort of a note list written to XLSX or CSV in the background, read in
//! keyset chunks and written as it goes, so 1,000,000 rows keep memory flat (XLSX in constant-memory
//! mode). CSV neutralises formula starters; XLSX writes every text as a string cell, never a formula.
//! The 聚光 list and 数据中心 export the same way, at once (they are small).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use specta::Type;

use super::jobs::{JobKind, JobProgress, JobState};
use super::note_queue::{lane, note_filter, sort_key, sort_value, DataSort, ListNotesArgs};
use super::{EnterpriseArgs, ExportResult, Service};
use crate::api::types::notes::QueueNote;
use crate::authz::{Actor, Permission};
use crate::error::{CoreError, CoreResult};
use crate::export::csv;
use crate::store;
use crate::store::note_queue::{PageQuery, SortValue};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ExportNotesArgs {
    /// the list, tab, filters and sort on screen (page fields are ignored)
    pub list: ListNotesArgs,
    pub format: ExportFormat,
    /// the token of where to write (a door's save grant)
    pub file: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ExportListArgs {
    pub enterprise_id: i64,
    pub format: ExportFormat,
    /// the token of where to write (a door's save grant)
    pub file: String,
}

/// 数据中心's export: the list in the order it is shown.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ExportDataCenterArgs {
    pub enterprise_id: i64,
    pub format: ExportFormat,
    /// the token of where to write (a door's save grant)
    pub file: String,
    pub sort: DataSort,
    pub desc: bool,
}

const CHUNK: u32 = 5_000;

/// One output file, XLSX or CSV, written row by row.
enum Sink {
    Csv(std::io::BufWriter<std::fs::File>),
    Xlsx(Box<rust_xlsxwriter::Workbook>, u32),
}

fn write_error(path: &Path, e: impl std::fmt::Display) -> CoreError {
    CoreError::File {
        path: path.display().to_string(),
        reason_zh: format!("无法写入导出文件：{e}"),
        reason_en: format!("Cannot write the export file: {e}"),
    }
}

impl Sink {
    fn create(path: &Path, format: ExportFormat) -> CoreResult<Sink> {
        Ok(match format {
            ExportFormat::Csv => {
                use std::io::Write;
                let f = std::fs::File::create(path).map_err(|e| write_error(path, e))?;
                let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
                w.write_all("\u{feff}".as_bytes()).map_err(|e| write_error(path, e))?;
                Sink::Csv(w)
            }
            ExportFormat::Xlsx => {
                let mut wb = rust_xlsxwriter::Workbook::new();
                wb.add_worksheet_with_constant_memory();
                Sink::Xlsx(Box::new(wb), 0)
            }
        })
    }

    fn row(&mut self, path: &Path, cells: &[Cell]) -> CoreResult<()> {
        match self {
            Sink::Csv(w) => {
                use std::io::Write;
                let line: Vec<String> = cells
                    .iter()
                    .map(|c| match c {
                        Cell::Text(t) => csv::cell(t),
                        Cell::Int(n) => n.to_string(),
                        Cell::Num(Some(x)) => format!("{x}"),
                        Cell::Num(None) | Cell::Rate(None) | Cell::Secs(None) => String::new(),
                        // issue 10: as people read them — a rate as a percentage with the deck's precision
                        // (22.14%), a duration in seconds as the platform writes it (12.5秒)
                        Cell::Rate(Some(x)) => percent_text(*x),
                        Cell::Secs(Some(x)) => format!("{}秒", float_text(*x)),
                    })
                    .collect();
                w.write_all(line.join(",").as_bytes()).map_err(|e| write_error(path, e))?;
                w.write_all(b"\r\n").map_err(|e| write_error(path, e))
            }
            Sink::Xlsx(wb, row) => {
                let ws = wb.worksheet_from_index(0).map_err(|e| write_error(path, e))?;
                // issue 10: rates stay numbers (fractions) shown as percentages with the deck's two decimals;
                // durations stay numbers of seconds shown with 秒
                let percent = rust_xlsxwriter::Format::new().set_num_format(RATE_FORMAT);
                let seconds = rust_xlsxwriter::Format::new().set_num_format(SECS_FORMAT);
                for (col, c) in cells.iter().enumerate() {
                    let col = u16::try_from(col).unwrap_or(u16::MAX);
                    match c {
                        Cell::Text(t) => ws.write_string(*row, col, t.as_str()).map(|_| ()),
                        Cell::Int(n) => ws.write_number(*row, col, *n as f64).map(|_| ()),
                        Cell::Num(Some(x)) => ws.write_number(*row, col, *x).map(|_| ()),
                        Cell::Rate(Some(x)) => ws.write_number_with_format(*row, col, *x, &percent).map(|_| ()),
                        Cell::Secs(Some(x)) => ws.write_number_with_format(*row, col, *x, &seconds).map(|_| ()),
                        Cell::Num(None) | Cell::Rate(None) | Cell::Secs(None) => Ok(()),
                    }
                    .map_err(|e| write_error(path, e))?;
                }
                *row += 1;
                Ok(())
            }
        }
    }

    fn finish(self, path: &Path) -> CoreResult<()> {
        match self {
            Sink::Csv(mut w) => {
                use std::io::Write;
                w.flush().map_err(|e| write_error(path, e))
            }
            Sink::Xlsx(mut wb, _) => wb.save(path).map_err(|e| write_error(path, e)),
        }
    }
}

enum Cell {
    Text(String),
    Int(i64),
    /// a number; empty when unknown
    Num(Option<f64>),
    /// a rate as a fraction 0..=1; empty when unknown
    Rate(Option<f64>),
    /// a duration in seconds; empty when unknown
    Secs(Option<f64>),
}

/// The deck's precision for rates: two decimals of a percent (22.14 %).
pub const RATE_FORMAT: &str = "0.00%";
/// Seconds as the platform writes them.
pub const SECS_FORMAT: &str = "General\"秒\"";

/// A rate (fraction) as CSV text: a percentage with two decimals, `22.14%`.
pub fn percent_text(x: f64) -> String {
    format!("{:.2}%", x * 100.0)
}

fn float_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

fn count_cell(v: Option<i64>) -> Cell {
    v.map_or(Cell::Num(None), Cell::Int)
}

const NOTE_HEADER: [&str; 17] = [
    "笔记ID",
    "笔记链接",
    "笔记标题",
    "笔记类型",
    "发布时间",
    "员工名称",
    "小红书号",
    "曝光量",
    "阅读量",
    "点赞",
    "收藏",
    "评论",
    "分享",
    "互动量",
    "审核状态",
    "发起审核时间",
    "审核意见",
];

fn local_time(t: &str) -> String {
    crate::clock::parse_ts(t)
        .map(|t| t.with_timezone(&crate::clock::shanghai()).format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|| t.to_string())
}

fn note_type_zh(t: &str) -> &'static str {
    if t == "video" {
        "视频笔记"
    } else {
        "图文笔记"
    }
}

fn state_zh(s: &str) -> &'static str {
    match s {
        "in_review" => "审核中",
        "rejected" => "审核不通过",
        "approved" => "审核通过",
        _ => "未发起",
    }
}

fn note_cells(n: &QueueNote) -> Vec<Cell> {
    vec![
        Cell::Text(n.note_id.clone()),
        Cell::Text(crate::note_file::note_url(&n.note_id)),
        Cell::Text(n.title.clone()),
        Cell::Text(note_type_zh(&n.note_type).into()),
        Cell::Text(local_time(&n.published_at)),
        Cell::Text(n.staff_name.clone().unwrap_or_default()),
        Cell::Text(n.xhs_id.clone()),
        Cell::Int(n.exposure),
        Cell::Int(n.reads),
        // issue 10: an unknown part is left empty (互动量 then stands as a total)
        count_cell(n.likes),
        count_cell(n.collects),
        count_cell(n.comments),
        Cell::Int(n.shares),
        Cell::Int(n.interactions),
        Cell::Text(state_zh(&n.review_state).into()),
        Cell::Text(n.review_requested_at.as_deref().map(local_time).unwrap_or_default()),
        Cell::Text(n.review_reason.clone().unwrap_or_default()),
    ]
}

fn texts(header: &[&str]) -> Vec<Cell> {
    header.iter().map(|h| Cell::Text((*h).to_string())).collect()
}

impl Service {
    /// 导出: writes the list as filtered and sorted to XLSX or CSV in the background; poll `job_status`.
    pub async fn start_note_export(&self, actor: &Actor, args: ExportNotesArgs) -> CoreResult<JobProgress> {
        let l = &args.list;
        actor.require_in(Permission::ViewNotes, l.enterprise_id)?;
        self.refuse_while_indexing()?;
        let filter = note_filter(l.enterprise_id, &l.query)?;
        let key = sort_key(l.list, l.sort)?;
        let lane = lane(l.list, l.tab);
        let path = self.save_target(&args.file)?;
        // its own connection with a small page cache, closed afterwards: the rows stream through once
        let mut conn = self.db.pool().acquire().await?.detach();
        if let Some(lite) = conn.lite() {
            sqlx::query("PRAGMA cache_size = -4000").execute(lite).await?;
        }
        let total = store::note_queue::count(&mut conn, lane, &filter).await?;
        let job = self.jobs.start(actor, l.enterprise_id, JobKind::NoteExport, total, ("正在导出", "Exporting"));
        let shown = path.display().to_string();
        job.update(|p| p.path = Some(shown));
        let running = job.clone();
        let (format, desc) = (args.format, l.desc);
        tokio::spawn(async move {
            let outcome: CoreResult<bool> = async {
                let mut sink = Sink::create(&path, format)?;
                sink.row(&path, &texts(&NOTE_HEADER))?;
                let mut after: Option<(SortValue, i64)> = None;
                let mut done = 0i64;
                loop {
                    if running.cancelled() {
                        return Ok(false);
                    }
                    let q = PageQuery {
                        lane,
                        filter: &filter,
                        sort: key,
                        desc,
                        after: after.clone(),
                        limit: CHUNK,
                        offset: 0,
                    };
                    let rows = store::note_queue::list_page(&mut conn, &q).await?;
                    for n in &rows {
                        sink.row(&path, &note_cells(n))?;
                    }
                    done += i64::try_from(rows.len()).unwrap_or(0);
                    running.update(|p| p.done = done);
                    match rows.last() {
                        Some(last) if rows.len() == CHUNK as usize => {
                            after = Some((sort_value(key, last), last.id));
                        }
                        _ => break,
                    }
                }
                drop(conn);
                running.update(|p| {
                    p.phase = "正在保存文件".into();
                    p.phase_en = "Saving the file".into();
                });
                let save_path = path.clone();
                tokio::task::spawn_blocking(move || sink.finish(&save_path))
                    .await
                    .map_err(|e| write_error(&path, e))??;
                Ok(true)
            }
            .await;
            if !matches!(outcome, Ok(true)) {
                let _ = std::fs::remove_file(&path);
            }
            running.update(|p| match outcome {
                Ok(true) => {
                    p.state = JobState::Done;
                    p.phase = "导出完成".into();
                    p.phase_en = "Export finished".into();
                }
                Ok(false) => {
                    p.state = JobState::Cancelled;
                    p.phase = "已取消，未保存文件".into();
                    p.phase_en = "Cancelled; no file written".into();
                }
                Err(e) => {
                    let e = e.to_api();
                    p.state = JobState::Failed;
                    p.phase = "导出失败".into();
                    p.phase_en = "Export failed".into();
                    p.error = Some(e.message);
                    p.error_en = Some(e.message_en);
                }
            });
        });
        Ok(job.snapshot())
    }

    /// Writes the 聚光 导购笔记 list for the ads side (N-7).
    pub async fn export_juguang(&self, actor: &Actor, args: ExportListArgs) -> CoreResult<ExportResult> {
        let rows = self.list_juguang(actor, EnterpriseArgs { enterprise_id: args.enterprise_id }).await?;
        let header = [
            "笔记ID",
            "笔记链接",
            "笔记标题",
            "笔记类型",
            "发布时间",
            "员工名称",
            "小红书号",
            "曝光量",
            "阅读量",
            "互动量",
            "加入时间",
            "操作人",
        ];
        write_list(
            self.save_target(&args.file)?,
            args.format,
            &header,
            rows.iter().map(|r| {
                vec![
                    Cell::Text(r.note_id.clone()),
                    Cell::Text(crate::note_file::note_url(&r.note_id)),
                    Cell::Text(r.title.clone()),
                    Cell::Text(note_type_zh(&r.note_type).into()),
                    Cell::Text(local_time(&r.published_at)),
                    Cell::Text(r.staff_name.clone().unwrap_or_default()),
                    Cell::Text(r.xhs_id.clone()),
                    Cell::Int(r.exposure),
                    Cell::Int(r.reads),
                    Cell::Int(r.interactions),
                    Cell::Text(local_time(&r.sent_at)),
                    Cell::Text(r.sent_by_name.clone()),
                ]
            }),
        )
    }

    /// Writes 数据中心 › 按笔记查看: every approved note with the N-8 metrics, in the order on screen.
    pub async fn export_data_center(&self, actor: &Actor, args: ExportDataCenterArgs) -> CoreResult<ExportResult> {
        actor.require_in(Permission::ViewNotes, args.enterprise_id)?;
        let rows = store::note_queue::list_approved(
            self.db.pool(),
            args.enterprise_id,
            super::note_queue::data_sort_column(args.sort),
            args.desc,
            u32::MAX,
            0,
        )
        .await?;
        // N-8: the deck's headers; 小红书号 so the file imports back (issue 10)
        let header = [
            "笔记ID",
            "笔记标题",
            "笔记类型",
            "发布时间",
            "员工名称",
            "小红书号",
            "订单来源",
            "曝光量",
            "阅读量",
            "互动量",
            "视频笔记5s播放率",
            "图文笔记3s阅读率",
            "平均浏览时长",
            "阅读UV",
            "视频总时长",
        ];
        write_list(
            self.save_target(&args.file)?,
            args.format,
            &header,
            rows.iter().map(|r| {
                vec![
                    Cell::Text(r.note_id.clone()),
                    Cell::Text(r.title.clone()),
                    Cell::Text(note_type_zh(&r.note_type).into()),
                    Cell::Text(local_time(&r.published_at)),
                    Cell::Text(r.staff_name.clone().unwrap_or_default()),
                    Cell::Text(r.xhs_id.clone()),
                    Cell::Text(r.order_source.clone()),
                    Cell::Int(r.exposure),
                    Cell::Int(r.reads),
                    Cell::Int(r.interactions),
                    Cell::Rate(r.video_5s_rate),
                    Cell::Rate(r.image_3s_rate),
                    Cell::Secs(r.avg_view_secs),
                    count_cell(r.read_uv),
                    Cell::Secs(r.video_secs.map(|s| s as f64)),
                ]
            }),
        )
    }
}

/// Writes a short list (held in memory) with its header row to XLSX or CSV.
fn write_list(
    file: PathBuf,
    format: ExportFormat,
    header: &[&str],
    rows: impl Iterator<Item = Vec<Cell>>,
) -> CoreResult<ExportResult> {
    let mut sink = Sink::create(&file, format)?;
    sink.row(&file, &texts(header))?;
    let mut n = 0u32;
    for cells in rows {
        sink.row(&file, &cells)?;
        n = n.saturating_add(1);
    }
    sink.finish(&file)?;
    Ok(ExportResult { path: file.display().to_string(), rows: n })
}
