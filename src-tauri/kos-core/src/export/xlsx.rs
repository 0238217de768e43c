//! Small XLSX files written for people (颁奖名单, 数据看板 exports): every text is a string cell, never a
//! formula, numbers are numbers; bold rows for titles, headers and totals; columns sized to their text.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};

use crate::error::{CoreError, CoreResult};

#[derive(Debug, Clone, PartialEq)]
pub enum XCell {
    Text(String),
    Int(i64),
    Empty,
}

impl From<&str> for XCell {
    fn from(s: &str) -> Self {
        XCell::Text(s.to_string())
    }
}

impl From<String> for XCell {
    fn from(s: String) -> Self {
        XCell::Text(s)
    }
}

impl From<i64> for XCell {
    fn from(n: i64) -> Self {
        XCell::Int(n)
    }
}

fn write_error(path: &Path, e: impl std::fmt::Display) -> CoreError {
    CoreError::File {
        path: path.display().to_string(),
        reason_zh: format!("无法写入导出文件：{e}"),
        reason_en: format!("Cannot write the export file: {e}"),
    }
}

/// Writes one sheet named `name`; the rows listed in `bold` are set in bold.
pub fn write_sheet(path: &Path, name: &str, rows: &[Vec<XCell>], bold: &[usize]) -> CoreResult<()> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(|e| write_error(path, e))?;
    let strong = Format::new().set_bold();
    let mut widths: Vec<usize> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let r32 = u32::try_from(r).map_err(|e| write_error(path, e))?;
        for (c, cell) in row.iter().enumerate() {
            let c16 = u16::try_from(c).map_err(|e| write_error(path, e))?;
            let shown = match cell {
                XCell::Text(t) => t.chars().map(|ch| if ch.is_ascii() { 1 } else { 2 }).sum(),
                XCell::Int(n) => n.to_string().len(),
                XCell::Empty => 0,
            };
            // a title row spans the sheet: it does not size the first column
            if row.len() > 1 {
                if widths.len() <= c {
                    widths.resize(c + 1, 0);
                }
                widths[c] = widths[c].max(shown);
            }
            let fmt = bold.contains(&r).then_some(&strong);
            match (cell, fmt) {
                (XCell::Text(t), Some(f)) => ws.write_string_with_format(r32, c16, t, f).map(|_| ()),
                (XCell::Text(t), None) => ws.write_string(r32, c16, t).map(|_| ()),
                (XCell::Int(n), Some(f)) => ws.write_number_with_format(r32, c16, *n as f64, f).map(|_| ()),
                (XCell::Int(n), None) => ws.write_number(r32, c16, *n as f64).map(|_| ()),
                (XCell::Empty, _) => Ok(()),
            }
            .map_err(|e| write_error(path, e))?;
        }
    }
    for (c, w) in widths.iter().enumerate() {
        let c16 = u16::try_from(c).map_err(|e| write_error(path, e))?;
        ws.set_column_width(c16, (*w as f64 + 2.0).clamp(6.0, 60.0)).map_err(|e| write_error(path, e))?;
    }
    wb.save(path).map_err(|e| write_error(path, e))
}
