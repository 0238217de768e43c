//! The set-up sheets a brand brings (U-2): the HR roster and the list of 小红书账号, as XLSX (through the
//! zip-checked `xlsx_reader`) or CSV in UTF-8 or GBK/GB18030. Only file work lives here: a header found by
//! name, each data row as trimmed text with its spreadsheet row number, the rows a merged cell spans, and the
//! value parsers the row checks share (dates as text or Excel serial numbers, phone numbers, yes/no).
//! The rules (stores, 工号, bindings) are the services' (`service::roster`, `service::account_register`).

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};
use chrono::NaiveDate;

use crate::error::{CoreError, CoreResult};
use crate::xlsx_reader;

/// The largest set-up sheet accepted (a 20,000-row roster is about 1 MB as XLSX, 1.5 MB as CSV).
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// The most an XLSX may unpack to.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
/// The most data rows.
pub const MAX_ROWS: usize = 50_000;
/// The longest cell value kept, in characters (longer values are refused by the row checks).
pub const MAX_CELL_CHARS: usize = 200;

/// Which kind of file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SheetFormat {
    Xlsx,
    CsvUtf8,
    CsvGbk,
}

/// One data row: its 1-based row number as a spreadsheet shows it, and one cell per wanted column (empty
/// when the column is absent or the cell blank).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: u32,
    pub cells: Vec<String>,
    /// the first row of a merged range this row lies in below its top (the cell's value sits in that row
    /// only), with the merged column's index among the wanted columns
    pub merged_with: Option<(u32, usize)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub format: SheetFormat,
    /// for each wanted column, whether the header had it
    pub present: Vec<bool>,
    pub rows: Vec<Row>,
}

/// A wanted column: its name and the other names a sheet may give it.
pub struct Column {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

fn file_err(path: &Path, zh: String, en: String) -> CoreError {
    CoreError::File { path: path.display().to_string(), reason_zh: zh, reason_en: en }
}

fn normalise(h: &str) -> String {
    h.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{FEFF}' | '*' | '_' | '-'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Reads the sheet at `path` (the sheet named `sheet_name` in an XLSX, else its first) with `columns`.
/// Refuses, each with what to do: a missing file, one over 20 MB, a legacy .xls, a file that is neither XLSX
/// nor CSV text, a header lacking a required column, an empty sheet, more than 50,000 rows.
pub fn read(path: &Path, sheet_name: &str, columns: &[Column]) -> CoreResult<Table> {
    let meta = std::fs::metadata(path).map_err(|e| {
        file_err(
            path,
            format!("找不到或无法读取文件：{}（{e}）", path.display()),
            format!("Cannot read the file {} ({e})", path.display()),
        )
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(file_err(
            path,
            format!("文件超过 {} MB，请拆分后分批导入", MAX_FILE_BYTES / 1024 / 1024),
            format!("The file is over {} MB; split it and import the parts", MAX_FILE_BYTES / 1024 / 1024),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| file_err(path, format!("无法读取文件（{e}）"), format!("Cannot read the file ({e})")))?;
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(file_err(
            path,
            "这是旧版 Excel 97-2003（.xls）文件，无法直接导入：请用 Excel 或 WPS 打开，选择「另存为」→「Excel 工作簿（.xlsx）」或「CSV」，再导入另存的文件".into(),
            "This is a legacy Excel 97-2003 (.xls) file: open it in Excel or WPS, choose Save As → Excel Workbook (.xlsx) or CSV, and import that file".into(),
        ));
    }
    let (format, grid, merged) = if bytes.starts_with(b"PK\x03\x04") {
        let (g, m) = read_xlsx(path, bytes, sheet_name)?;
        (SheetFormat::Xlsx, g, m)
    } else {
        let (f, g) = read_csv(path, &bytes)?;
        (f, g, Vec::new())
    };
    table(path, format, grid, &merged, columns)
}

/// (row, col) → text, rows in order, with absolute 0-based positions.
type Grid = Vec<(u32, Vec<(u32, String)>)>;
/// Merged ranges: (first row, last row, first col, last col), 0-based.
type Merged = Vec<(u32, u32, u32, u32)>;

fn broken(path: &Path, e: impl std::fmt::Display) -> CoreError {
    xlsx_reader::broken_xlsx(&path.display().to_string(), e)
}

fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was: from day 61 on, day 0 is
    // 1899-12-30; before it, 1899-12-31
    let days = serial.floor() as i64;
    let base = if days >= 61 { NaiveDate::from_ymd_opt(1899, 12, 30)? } else { NaiveDate::from_ymd_opt(1899, 12, 31)? };
    base.checked_add_signed(chrono::Duration::days(days))
}

fn xlsx_text(v: &Data) -> String {
    match v {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        // a date cell: its day (a date column's value); the serial otherwise
        Data::DateTime(d) => match excel_serial_date(d.as_f64()) {
            Some(day) => day.to_string(),
            None => d.as_f64().to_string(),
        },
        Data::Error(e) => format!("#{e}"),
        Data::Empty => String::new(),
    }
}

fn read_xlsx(path: &Path, bytes: Vec<u8>, sheet_name: &str) -> CoreResult<(Grid, Merged)> {
    let shown = path.display().to_string();
    let mut wb = xlsx_reader::open(&shown, Cursor::new(bytes), MAX_UNPACKED_BYTES, &|e| broken(path, e))?;
    let names = wb.sheet_names();
    let name = names
        .iter()
        .find(|n| n.as_str() == sheet_name)
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| file_err(path, "表格里没有工作表".into(), "The workbook has no worksheet".into()))?;
    let range = wb.worksheet_range(&name).map_err(|e| broken(path, e))?;
    let merged: Merged = match wb.worksheet_merge_cells(&name) {
        Some(Ok(dims)) => dims.iter().map(|d| (d.start.0, d.end.0, d.start.1, d.end.1)).collect(),
        Some(Err(e)) => return Err(broken(path, e)),
        None => Vec::new(),
    };
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut grid = Grid::new();
    for (i, row) in range.rows().enumerate() {
        let cells: Vec<(u32, String)> = row
            .iter()
            .enumerate()
            .filter_map(|(j, v)| {
                let t = xlsx_text(v);
                (!t.is_empty()).then(|| (c0 + j as u32, t))
            })
            .collect();
        if !cells.is_empty() {
            grid.push((r0 + i as u32, cells));
        }
        if grid.len() > MAX_ROWS + 1 {
            return Err(too_many(path));
        }
    }
    Ok((grid, merged))
}

fn too_many(path: &Path) -> CoreError {
    file_err(
        path,
        format!("表格超过 {MAX_ROWS} 行数据，请拆分后分批导入"),
        format!("The sheet has more than {MAX_ROWS} data rows; split it and import the parts"),
    )
}

fn read_csv(path: &Path, bytes: &[u8]) -> CoreResult<(SheetFormat, Grid)> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (format, text) = match std::str::from_utf8(body) {
        Ok(t) => (SheetFormat::CsvUtf8, t.to_string()),
        Err(_) => {
            let (t, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(body);
            if had_errors {
                return Err(file_err(
                    path,
                    "文件既不是 Excel 表格（.xlsx），也不是 UTF-8 或 GBK 编码的 CSV：请另存为 .xlsx 或 CSV 后再导入".into(),
                    "The file is neither an Excel workbook (.xlsx) nor a UTF-8 or GBK CSV: save it as .xlsx or CSV and import that".into(),
                ));
            }
            (SheetFormat::CsvGbk, t.into_owned())
        }
    };
    if text.contains('\0') {
        return Err(file_err(
            path,
            "这不是表格文件：请选择 .xlsx 或 .csv 文件".into(),
            "This is not a spreadsheet: choose an .xlsx or .csv file".into(),
        ));
    }
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains('\t') && !first.contains(',') { b'\t' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut grid = Grid::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            file_err(
                path,
                format!("CSV 第 {line} 行无法读取（{e}），请检查引号是否成对"),
                format!("CSV line {line} cannot be read ({e}); check the quotes"),
            )
        })?;
        let line = rec.position().map_or(0, |p| p.line().saturating_sub(1)) as u32;
        let cells: Vec<(u32, String)> = rec
            .iter()
            .enumerate()
            .filter_map(|(j, v)| {
                let t = v.trim();
                (!t.is_empty()).then(|| (j as u32, t.to_string()))
            })
            .collect();
        if !cells.is_empty() {
            grid.push((line, cells));
        }
        if grid.len() > MAX_ROWS + 1 {
            return Err(too_many(path));
        }
    }
    Ok((format, grid))
}

fn table(path: &Path, format: SheetFormat, grid: Grid, merged: &Merged, columns: &[Column]) -> CoreResult<Table> {
    let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
    let mut it = grid.into_iter();
    let Some((header_row, header)) = it.next() else {
        return Err(file_err(
            path,
            format!("表格是空的：第一行应为表头（{}），其下每行一条记录", names.join("、")),
            format!(
                "The sheet is empty: the first row should be the header ({}), one record per row below",
                names.join(", ")
            ),
        ));
    };
    let mut cols: Vec<Option<u32>> = Vec::with_capacity(columns.len());
    for c in columns {
        let found = header.iter().find(|(_, h)| {
            let n = normalise(h);
            n == normalise(c.name) || c.aliases.iter().any(|a| normalise(a) == n)
        });
        cols.push(found.map(|(i, _)| *i));
    }
    let missing: Vec<&str> =
        columns.iter().zip(&cols).filter(|(c, found)| c.required && found.is_none()).map(|(c, _)| c.name).collect();
    if !missing.is_empty() {
        return Err(file_err(
            path,
            format!("第 {} 行（表头）缺少列：{}。表头应为：{}", header_row + 1, missing.join("、"), names.join("、")),
            format!(
                "Row {} (the header) lacks the columns {}; expected: {}",
                header_row + 1,
                missing.join(", "),
                names.join(", ")
            ),
        ));
    }
    let mut rows = Vec::new();
    for (r, cells) in it {
        let mut out = vec![String::new(); columns.len()];
        for (i, col) in cols.iter().enumerate() {
            if let Some(col) = col {
                if let Some((_, v)) = cells.iter().find(|(c, _)| c == col) {
                    out[i] = v.chars().take(MAX_CELL_CHARS + 1).collect();
                }
            }
        }
        let merged_with = merged.iter().find_map(|&(top, bottom, left, right)| {
            if r <= top || r > bottom {
                return None;
            }
            cols.iter().position(|c| c.is_some_and(|c| (left..=right).contains(&c))).map(|i| (top + 1, i))
        });
        if out.iter().all(String::is_empty) && merged_with.is_none() {
            continue;
        }
        rows.push(Row { line: r + 1, cells: out, merged_with });
    }
    if rows.is_empty() {
        return Err(file_err(
            path,
            "表格只有表头，没有数据行：请在表头下每行填写一条记录".into(),
            "The sheet has a header but no data rows: fill in one record per row below it".into(),
        ));
    }
    Ok(Table { format, present: cols.iter().map(Option::is_some).collect(), rows })
}

/// A date as a roster gives it: `2024-03-01`, `2024/3/1`, `2024.3.1`, `2024年3月1日`, `20240301`, or an
/// Excel serial number (`45352`, what a date cell shows when its format is lost).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(n) = t.parse::<f64>() {
        if t.len() == 8 && !t.contains('.') {
            if let Ok(d) = NaiveDate::parse_from_str(t, "%Y%m%d") {
                return Some(d);
            }
        }
        if n < 100_000.0 {
            return excel_serial_date(n);
        }
        return None;
    }
    // a date-time: its day
    let day = t.split([' ', 'T']).next().unwrap_or(t);
    let unified: String = day
        .chars()
        .map(|c| if matches!(c, '/' | '.' | '年' | '月') { '-' } else { c })
        .filter(|c| *c != '日')
        .collect();
    NaiveDate::parse_from_str(&unified, "%Y-%m-%d").ok()
}

/// A mainland mobile number: 11 digits starting with 1, written with spaces, dashes or a +86 prefix or not.
pub fn parse_phone(s: &str) -> Option<String> {
    let digits: String = s.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')')).collect();
    let digits = digits.strip_prefix("+86").or_else(|| digits.strip_prefix("0086")).unwrap_or(&digits);
    (digits.len() == 11 && digits.starts_with('1') && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| digits.to_string())
}

/// `138****5678`.
pub fn mask_phone(p: &str) -> String {
    if p.len() == 11 {
        format!("{}****{}", &p[..3], &p[7..])
    } else {
        "*".repeat(p.chars().count())
    }
}

/// 是/否 in the forms sheets use.
pub fn parse_yes_no(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "是" | "有" | "已绑定" | "已开店" | "已开通" | "y" | "yes" | "true" | "1" | "√" => Some(true),
        "否" | "无" | "没有" | "未绑定" | "未开店" | "未开通" | "n" | "no" | "false" | "0" | "×" => {
            Some(false)
        }
        _ => None,
    }
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The name among `names` closest to `wanted` (ties: the first), when it shares at least one character.
pub fn closest<'a>(wanted: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    names.into_iter().filter(|n| n.chars().any(|c| wanted.contains(c))).min_by_key(|n| edit_distance(wanted, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn u2_dates_as_text_or_excel_serials() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(parse_date("2024-03-01"), d(2024, 3, 1));
        assert_eq!(parse_date("2024/3/1"), d(2024, 3, 1));
        assert_eq!(parse_date("2024.3.1"), d(2024, 3, 1));
        assert_eq!(parse_date("2024年3月1日"), d(2024, 3, 1));
        assert_eq!(parse_date("20240301"), d(2024, 3, 1));
        assert_eq!(parse_date("2024-03-01 00:00:00"), d(2024, 3, 1));
        // Excel's serials: 45352 is 2024-03-01, 1 is 1900-01-01, 60 the phantom 1900-02-29's neighbour
        assert_eq!(parse_date("45352"), d(2024, 3, 1));
        assert_eq!(parse_date("1"), d(1900, 1, 1));
        assert_eq!(parse_date("59"), d(1900, 2, 28));
        assert_eq!(parse_date("61"), d(1900, 3, 1));
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(parse_date("下周一"), None);
    }

    #[test]
    fn u2_phone_numbers_are_eleven_digits() {
        assert_eq!(parse_phone("13800138000").as_deref(), Some("13800138000"));
        assert_eq!(parse_phone("138-0013-8000").as_deref(), Some("13800138000"));
        assert_eq!(parse_phone("+86 138 0013 8000").as_deref(), Some("13800138000"));
        assert_eq!(parse_phone("1380013800"), None);
        assert_eq!(parse_phone("23800138000"), None);
        assert_eq!(mask_phone("13800138000"), "138****8000");
    }

    #[test]
    fn u2_closest_store_name() {
        let names = ["静安寺店", "徐家汇店", "陆家嘴店"];
        assert_eq!(closest("静安店", names), Some("静安寺店"));
        assert_eq!(closest("徐汇店", names), Some("徐家汇店"));
        assert_eq!(edit_distance("陆家嘴", "陆家嘴店"), 1);
    }
}
