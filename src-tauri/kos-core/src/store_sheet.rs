//! The 门店 sheet (U-2) as a file: XLSX (through `xlsx_reader`, the zip-checked opener) or CSV in UTF-8 (with or
//! without BOM) or GBK/GB18030, read whole within small limits into rows of the five columns, found by header
//! name in any order. Only file work lives here; `service::setup_stores` checks each row.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};
use sha2::{Digest, Sha256};

use crate::error::{CoreError, CoreResult};
use crate::xlsx_reader;

/// The columns: 门店名称, 城市, 区, 地址 are required; 店长手机号 may be left out.
pub const HEADERS: [&str; 5] = ["门店名称", "城市", "区", "地址", "店长手机号"];
pub const REQUIRED: usize = 4;
pub const COL_NAME: usize = 0;
pub const COL_CITY: usize = 1;
pub const COL_DISTRICT: usize = 2;
pub const COL_ADDRESS: usize = 3;
pub const COL_PHONE: usize = 4;
/// The sheet read from an XLSX with several: this name, else the first.
pub const SHEET: &str = "门店";
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;
const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;
/// The most store rows one sheet may hold.
pub const MAX_ROWS: usize = 5_000;
/// The longest cell, in characters.
pub const MAX_CELL_CHARS: usize = 100;

/// One data row: its 1-based row number as the spreadsheet shows it, the five cells (trimmed) and which were
/// over-long (cut to `MAX_CELL_CHARS`).
#[derive(Debug, Clone, PartialEq)]
pub struct StoreSheetLine {
    pub row: u32,
    pub cells: [String; 5],
    pub too_long: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoreSheet {
    pub rows: Vec<StoreSheetLine>,
    /// `xlsx` or `csv`
    pub format: &'static str,
    /// SHA-256 of the file's bytes: the apply step refuses a file that changed since its preview
    pub fingerprint: String,
}

fn file_err(path: &Path, zh: String, en: String) -> CoreError {
    CoreError::File { path: path.display().to_string(), reason_zh: zh, reason_en: en }
}

fn broken(path: &Path, e: impl std::fmt::Display) -> CoreError {
    file_err(
        path,
        format!("表格文件已损坏或无法读取：{}（{e}）。请用 Excel 或 WPS 打开确认后另存为 .xlsx 或 .csv 再导入", path.display()),
        format!("The spreadsheet is damaged or unreadable: {} ({e}). Open it in Excel or WPS and save it as .xlsx or .csv again", path.display()),
    )
}

fn cell_text(v: &Data) -> String {
    match v {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        // a phone typed as a number
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(e) => format!("#{e}"),
        Data::Empty => String::new(),
    }
}

/// Reads the stores sheet. File-level faults (too big, legacy .xls, not a sheet, unknown encoding, no header,
/// a required column missing, no store rows, too many rows) refuse the whole file with what to do.
pub fn read(path: &Path) -> CoreResult<StoreSheet> {
    let meta = std::fs::metadata(path).map_err(|e| {
        file_err(
            path,
            format!("找不到或无法读取表格文件：{}（{e}）", path.display()),
            format!("Cannot read the spreadsheet {} ({e})", path.display()),
        )
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(file_err(
            path,
            "门店表格超过 5 MB 上限，请删除多余内容（如图片）后再导入".into(),
            "The stores sheet is over 5 MB; remove extra content (such as pictures) and import it again".into(),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| broken(path, e))?;
    let fingerprint = hex::encode(Sha256::digest(&bytes));
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(file_err(
            path,
            "这是旧版 Excel 97-2003（.xls）文件，不能直接导入：请在 Excel 或 WPS 中打开，「另存为」Excel 工作簿（.xlsx）或 CSV 后再导入".into(),
            "This is a legacy Excel 97-2003 (.xls) file: open it in Excel or WPS and save it as an Excel workbook (.xlsx) or CSV, then import that".into(),
        ));
    }
    let (grid, format) = if bytes.starts_with(b"PK\x03\x04") {
        (read_xlsx(path, bytes)?, "xlsx")
    } else {
        (read_csv(path, &bytes)?, "csv")
    };
    let rows = parse(path, grid)?;
    Ok(StoreSheet { rows, format, fingerprint })
}

fn read_xlsx(path: &Path, bytes: Vec<u8>) -> CoreResult<Vec<(u32, Vec<String>)>> {
    let shown = path.display().to_string();
    let mut wb = xlsx_reader::open(&shown, Cursor::new(bytes), MAX_UNPACKED_BYTES, &|e| broken(path, e))?;
    let names = wb.sheet_names();
    let name = names
        .iter()
        .find(|n| n.as_str() == SHEET)
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| broken(path, "no worksheet"))?;
    let range = wb.worksheet_range(&name).map_err(|e| broken(path, e))?;
    let (top, _) = range.start().unwrap_or((0, 0));
    let mut out = Vec::new();
    for (i, r) in range.rows().enumerate() {
        let cells: Vec<String> = r.iter().map(cell_text).collect();
        out.push((top + u32::try_from(i).unwrap_or(u32::MAX) + 1, cells));
        if out.len() > MAX_ROWS + 50 {
            break;
        }
    }
    Ok(out)
}

fn read_csv(path: &Path, bytes: &[u8]) -> CoreResult<Vec<(u32, Vec<String>)>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(body) {
        Ok(t) => t.to_string(),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(body)
            .map(|c| c.into_owned())
            .ok_or_else(|| {
                file_err(
                    path,
                    "文件编码无法识别：请另存为 UTF-8 或 GBK 编码的 CSV，或 XLSX".into(),
                    "The file's text encoding is not recognised: save it as a UTF-8 or GBK CSV, or as XLSX".into(),
                )
            })?,
    };
    if text.contains('\0') {
        return Err(broken(path, "binary content"));
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut out = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| broken(path, e))?;
        let line = rec.position().map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
        out.push((line, rec.iter().map(|c| c.trim().to_string()).collect()));
        if out.len() > MAX_ROWS + 50 {
            break;
        }
    }
    Ok(out)
}

/// The first non-empty row is the header; the data rows follow (empty ones skipped).
fn parse(path: &Path, grid: Vec<(u32, Vec<String>)>) -> CoreResult<Vec<StoreSheetLine>> {
    let mut header: Option<[Option<usize>; 5]> = None;
    let mut rows = Vec::new();
    for (row, cells) in grid {
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let Some(cols) = header else {
            let mut cols = [None; 5];
            for (i, h) in HEADERS.iter().enumerate() {
                cols[i] = cells.iter().position(|c| c.trim_end_matches('*').trim() == *h);
            }
            let missing: Vec<&str> = HEADERS
                .iter()
                .take(REQUIRED)
                .enumerate()
                .filter(|(i, _)| cols[*i].is_none())
                .map(|(_, h)| *h)
                .collect();
            if !missing.is_empty() {
                return Err(file_err(
                    path,
                    format!(
                        "第 {row} 行（表头）缺少列：{}。门店表格的表头应为：{}（店长手机号可不填）",
                        missing.join("、"),
                        HEADERS.join("、")
                    ),
                    format!(
                        "Row {row} (the header) lacks the columns {}; the stores sheet's header is {}",
                        missing.join(", "),
                        HEADERS.join(", ")
                    ),
                ));
            }
            header = Some(cols);
            continue;
        };
        let mut out: [String; 5] = Default::default();
        let mut too_long = Vec::new();
        for (i, col) in cols.iter().enumerate() {
            if let Some(v) = col.and_then(|c| cells.get(c)) {
                if v.chars().count() > MAX_CELL_CHARS {
                    too_long.push(i);
                    out[i] = v.chars().take(MAX_CELL_CHARS).collect();
                } else {
                    out[i].clone_from(v);
                }
            }
        }
        if out.iter().all(String::is_empty) {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(file_err(
                path,
                format!("门店表格超过 {MAX_ROWS} 行，请拆分成多个表格分批导入"),
                format!("The stores sheet has more than {MAX_ROWS} rows; split it into several files"),
            ));
        }
        rows.push(StoreSheetLine { row, cells: out, too_long });
    }
    if header.is_none() || rows.is_empty() {
        return Err(file_err(
            path,
            format!("表格中没有门店数据：第一行应为表头（{}），从第二行起每行一家门店", HEADERS.join("、")),
            format!(
                "The sheet holds no stores: the first row is the header ({}), then one store per row",
                HEADERS.join(", ")
            ),
        ));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn u2_reads_utf8_bom_and_gbk_csv_alike() {
        let dir = tempfile::tempdir().unwrap();
        let text = "门店名称,城市,区,地址,店长手机号\n静安寺店,上海,静安区,南京西路 1 号,13800138000\n";
        let utf8 = dir.path().join("u.csv");
        std::fs::write(&utf8, [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()).unwrap();
        let gbk = dir.path().join("g.csv");
        let (bytes, _, bad) = encoding_rs::GBK.encode(text);
        assert!(!bad);
        std::fs::write(&gbk, &bytes).unwrap();
        let a = read(&utf8).unwrap();
        let b = read(&gbk).unwrap();
        assert_eq!(a.rows, b.rows);
        assert_eq!(a.rows[0].cells[0], "静安寺店");
        assert_eq!(a.rows[0].row, 2);
        assert_ne!(a.fingerprint, b.fingerprint);
    }

    #[test]
    fn u2_file_level_faults_say_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let xls = dir.path().join("old.xls");
        std::fs::write(&xls, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).unwrap();
        assert!(read(&xls).unwrap_err().to_api().message.contains("另存为"));
        let empty = dir.path().join("empty.csv");
        std::fs::write(&empty, "门店名称,城市,区,地址,店长手机号\n,,,,\n").unwrap();
        assert!(read(&empty).unwrap_err().to_api().message.contains("没有门店数据"));
        let nohead = dir.path().join("nohead.csv");
        std::fs::write(&nohead, "名称,城市\n").unwrap();
        assert!(read(&nohead).unwrap_err().to_api().message.contains("缺少列：门店名称、区、地址"));
    }
}
