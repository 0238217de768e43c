//! The bulk-binding spreadsheet (B-16) as a file: the template staff lists are filled into, reading a filled
//! sheet back (streamed cell by cell, bounded in size and rows), and the row report. Only file work lives
//! here; every rule is checked by `service::bulk` with the single invitation's own checks.

use std::io::Cursor;
use std::path::Path;

use calamine::{DataRef, Reader};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, Format, FormatAlign, FormatBorder, Formula, Note, Workbook,
    Worksheet, XlsxError,
};

use crate::error::{CoreError, CoreResult};
use crate::model::{BindingMode, JOB_TITLES};
use crate::xlsx_reader;

/// The data sheet's name in the template.
pub const SHEET: &str = "批量绑定";
pub const HELP_SHEET: &str = "填写说明";
pub const STORES_SHEET: &str = "门店列表";
pub const REPORT_SHEET: &str = "校验报告";

/// The columns, in the template's order; a filled sheet is read by these header names, in any order.
pub const HEADERS: [&str; 7] = ["小红书号", "姓名", "身份证号码", "门店", "岗位", "绑定方式", "证明文件"];
pub const COL_XHS_ID: usize = 0;
pub const COL_NAME: usize = 1;
pub const COL_ID_NUMBER: usize = 2;
pub const COL_STORE: usize = 3;
pub const COL_JOB_TITLE: usize = 4;
pub const COL_MODE: usize = 5;
pub const COL_PROOF: usize = 6;

/// A row whose 小红书号 starts with this is a filled-in example: the validator skips it. Real 小红书号 are
/// letters and digits, so no real row can start with it.
pub const EXAMPLE_MARK: &str = "示例";
/// The largest spreadsheet accepted.
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;
/// The most a filled sheet may unpack to (a full 2,000-row template unpacks to about 2 MB).
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;
/// The most data rows (examples and empty rows not counted).
pub const MAX_ROWS: usize = 2_000;
/// The longest cell value, in characters.
pub const MAX_CELL_CHARS: usize = 200;

const WIDTHS: [f64; 7] = [18.0, 12.0, 24.0, 26.0, 10.0, 18.0, 30.0];
const BRAND_RED: u32 = 0xFF2442;

/// One data row as read: 1-based sheet row, the seven cells (trimmed; an over-long cell cut to
/// `MAX_CELL_CHARS` characters), and which columns were over-long.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    pub row: u32,
    pub cells: [String; 7],
    pub too_long: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub rows: Vec<SheetRow>,
    pub examples_skipped: u32,
}

/// One line of the row report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportLine {
    pub row: u32,
    /// 小红书号, 姓名, 身份证号码 (masked), 门店, 岗位, 绑定方式, 证明文件
    pub cells: [String; 7],
    /// 有效 / 无效 / 已发送
    pub result: String,
    pub valid: bool,
    /// the reasons, one per line
    pub reasons: String,
}

/// A cell value that a spreadsheet program would take for a formula gets a leading apostrophe (exports
/// escape formula injection, DESIGN "Privacy and security"); every report cell is also written as a string.
pub fn escape_formula(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn write_error(path: &Path, e: impl std::fmt::Display) -> CoreError {
    CoreError::File {
        path: path.display().to_string(),
        reason_zh: format!("无法保存表格：{}（{e}）", path.display()),
        reason_en: format!("Cannot save the spreadsheet {} ({e})", path.display()),
    }
}

fn xlsx(e: XlsxError) -> CoreError {
    CoreError::invalid("xlsx", format!("生成表格失败：{e}"), format!("Cannot build the spreadsheet: {e}"))
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_font_color(Color::White)
        .set_background_color(Color::RGB(BRAND_RED))
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
}

/// Writes the template: the data sheet with styled headers, text-formatted columns (ID numbers keep all 18
/// characters), drop-down lists for 岗位 (B-11), 绑定方式 and — when `stores` is given — 门店, two example rows,
/// and the 填写说明 sheet.
pub fn write_template(path: &Path, stores: &[String]) -> CoreResult<()> {
    let mut wb = Workbook::new();
    let head = header_format();
    let text = Format::new().set_num_format("@");
    let example = Format::new().set_num_format("@").set_italic().set_font_color(Color::RGB(0x8C8C8C));
    let last_row = u32::try_from(MAX_ROWS).unwrap_or(u32::MAX) + 20;

    let ws = wb.add_worksheet().set_name(SHEET).map_err(xlsx)?;
    for (c, (h, w)) in HEADERS.iter().zip(WIDTHS).enumerate() {
        let c = c as u16;
        ws.set_column_width(c, w).map_err(xlsx)?;
        ws.set_column_format(c, &text).map_err(xlsx)?;
        ws.write_string_with_format(0, c, *h, &head).map_err(xlsx)?;
    }
    ws.set_row_height(0, 22).map_err(xlsx)?;
    ws.set_freeze_panes(1, 0).map_err(xlsx)?;
    let examples = [
        [
            "示例-95012345678",
            "张三",
            "11010519491231002X",
            "示例门店（填写本企业门店名称）",
            "导购",
            "企业员工号",
            "张三-在职证明.pdf",
        ],
        [
            "示例-95087654321",
            "李四",
            "11010519491231002X",
            "示例门店（填写本企业门店名称）",
            "店长",
            "员工个人号授权",
            "李四-劳动合同.jpg",
        ],
    ];
    for (r, cells) in examples.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            ws.write_string_with_format(r as u32 + 1, c as u16, *v, &example).map_err(xlsx)?;
        }
    }
    ws.insert_note(
        1,
        0,
        &Note::new("以「示例」开头的行是填写示例，校验时会自动跳过；可以直接覆盖或删除。")
            .set_author("KOS 工作台")
            .set_width(260),
    )
    .map_err(xlsx)?;
    let titles = DataValidation::new()
        .allow_list_strings(&JOB_TITLES)
        .map_err(xlsx)?
        .set_error_title("岗位不在列表中")
        .map_err(xlsx)?
        .set_error_message(format!("岗位只能从 {} 中选择（B-11）", JOB_TITLES.join("、")))
        .map_err(xlsx)?;
    ws.add_data_validation(1, COL_JOB_TITLE as u16, last_row, COL_JOB_TITLE as u16, &titles).map_err(xlsx)?;
    let modes = DataValidation::new()
        .allow_list_strings(&[BindingMode::Enterprise.label_zh(), BindingMode::Personal.label_zh()])
        .map_err(xlsx)?
        .set_error_title("绑定方式不正确")
        .map_err(xlsx)?
        .set_error_message("绑定方式只能是「企业员工号」或「员工个人号授权」")
        .map_err(xlsx)?;
    ws.add_data_validation(1, COL_MODE as u16, last_row, COL_MODE as u16, &modes).map_err(xlsx)?;
    if !stores.is_empty() {
        // a warning, not a stop: the example rows' placeholder store is not in the list
        let list = DataValidation::new()
            .allow_list_formula(Formula::new(format!("='{STORES_SHEET}'!$A$2:$A${}", stores.len() + 1)))
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title("门店不在列表中")
            .map_err(xlsx)?
            .set_error_message("请从「门店列表」中选择本企业的门店")
            .map_err(xlsx)?;
        ws.add_data_validation(1, COL_STORE as u16, last_row, COL_STORE as u16, &list).map_err(xlsx)?;
    }

    write_help(wb.add_worksheet(), &head)?;
    if !stores.is_empty() {
        let ws = wb.add_worksheet().set_name(STORES_SHEET).map_err(xlsx)?;
        ws.set_column_width(0, 36).map_err(xlsx)?;
        ws.write_string_with_format(0, 0, "门店", &head).map_err(xlsx)?;
        for (i, s) in stores.iter().enumerate() {
            ws.write_string(i as u32 + 1, 0, s).map_err(xlsx)?;
        }
    }
    wb.save(path).map_err(|e| write_error(path, e))
}

fn write_help(ws: &mut Worksheet, head: &Format) -> CoreResult<()> {
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    ws.set_name(HELP_SHEET).map_err(xlsx)?;
    ws.set_column_width(0, 14).map_err(xlsx)?;
    ws.set_column_width(1, 10).map_err(xlsx)?;
    ws.set_column_width(2, 90).map_err(xlsx)?;
    for (c, h) in ["列名", "是否必填", "说明"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, head).map_err(xlsx)?;
    }
    let lines: [(&str, &str, String); 7] = [
        ("小红书号", "必填", "员工的小红书号（在小红书「我」页面头像下方）。账号须未开店、已绑定手机号，且未绑定其他企业（B-2、B-7）。".into()),
        ("姓名", "必填", "员工身份证上的姓名，1–24 个字符（B-10）。员工接受邀请时会核对姓名和身份证号（B-14）。".into()),
        ("身份证号码", "必填", "18 位居民身份证号码，最后一位可为 X（B-10）。本列已设为文本格式，请勿改为数字格式，否则后几位会丢失。身份证号只用于发送邀请，不会以明文保存。".into()),
        ("门店", "必填", "员工所在门店的名称，须与系统中本企业的门店名称一致（见「门店列表」）；店长只能填写自己管理的门店。".into()),
        ("岗位", "必填", format!("只能从下拉列表中选择：{}（B-11）。", JOB_TITLES.join("、"))),
        ("绑定方式", "必填", "企业员工号：账号归企业所有，员工离职后可移交（B-4）；员工个人号授权：账号归员工本人（B-5）。两种方式不能直接转换（B-8）。".into()),
        ("证明文件", "必填", "员工在职证明或劳动合同的文件名（例如 张三-在职证明.pdf）。上传表格时会选择一个「证明文件夹」，这里只写该文件夹里的文件名，不写路径。只接受 PDF、JPEG、PNG 文件（按文件内容识别），每个不超过 10 MB（B-10）。".into()),
    ];
    let mut r = 1u32;
    for (name, req, text) in &lines {
        ws.write_string(r, 0, *name).map_err(xlsx)?;
        ws.write_string(r, 1, *req).map_err(xlsx)?;
        ws.write_string_with_format(r, 2, text, &wrap).map_err(xlsx)?;
        r += 1;
    }
    r += 1;
    let notes = [
        "以「示例」开头的行是填写示例，校验时自动跳过，可直接覆盖或删除。".to_string(),
        format!("每个表格最多 {MAX_ROWS} 行员工数据，文件不超过 5 MB，每个单元格不超过 {MAX_CELL_CHARS} 个字符。"),
        "同一小红书号或同一身份证号在表格中出现多次时，后出现的行会被标为无效。".to_string(),
        "校验通过的行在「发送邀请」后逐行发出邀请；某一行失败不影响其他行。员工须在 48 小时内接受（B-13）。"
            .to_string(),
        "发送邀请即代表企业已阅读并签署《承诺书》和《服务协议》（B-12）。".to_string(),
    ];
    ws.write_string_with_format(r, 0, "注意事项", head).map_err(xlsx)?;
    for n in notes {
        r += 1;
        ws.write_string_with_format(r, 2, n, &wrap).map_err(xlsx)?;
    }
    Ok(())
}

fn not_xlsx(path: &Path, zh: &str, en: &str) -> CoreError {
    CoreError::invalid(
        "xlsx_path",
        format!("{zh}：{}。请使用下载的模板填写，并保存为 Excel 工作簿（.xlsx）后再上传", path.display()),
        format!("{en}: {}. Fill in the downloaded template and save it as an Excel workbook (.xlsx)", path.display()),
    )
}

fn broken(path: &Path, e: impl std::fmt::Display) -> CoreError {
    CoreError::invalid(
        "xlsx_path",
        format!("表格文件已损坏或无法读取：{}（{e}）。请用 Excel 或 WPS 打开确认后另存为 .xlsx 再上传", path.display()),
        format!(
            "The spreadsheet is damaged or unreadable: {} ({e}). Open it in Excel or WPS and save it as .xlsx again",
            path.display()
        ),
    )
}

fn cell_text(v: &DataRef<'_>) -> String {
    match v {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.trim().to_string(),
        DataRef::SharedString(s) => s.trim().to_string(),
        DataRef::Int(i) => i.to_string(),
        // a number typed into a cell: 小红书号 are often all digits
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) => d.to_string(),
        DataRef::Error(e) => format!("#{e}"),
        DataRef::Empty => String::new(),
    }
}

/// Reads the filled data sheet (the sheet named `批量绑定`, else the first): the first non-empty row is the
/// header, found by name; examples and empty rows are skipped. Refuses files over 5 MB, more than 2,000 data
/// rows, files that are not XLSX and damaged ones, each with a message saying what to do.
pub fn read_rows(path: &Path) -> CoreResult<Sheet> {
    let meta = std::fs::metadata(path).map_err(|e| CoreError::File {
        path: path.display().to_string(),
        reason_zh: format!("找不到或无法读取表格文件：{}（{e}）", path.display()),
        reason_en: format!("Cannot read the spreadsheet {} ({e})", path.display()),
    })?;
    if !meta.is_file() {
        return Err(not_xlsx(path, "请选择一个表格文件", "Choose a spreadsheet file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        #[allow(clippy::cast_precision_loss)]
        let mb = meta.len() as f64 / 1024.0 / 1024.0;
        return Err(CoreError::invalid(
            "xlsx_path",
            format!("表格文件 {mb:.1} MB，超过 5 MB 上限；请删除多余内容（如图片）或拆分成多个表格 (B-16)"),
            format!("The spreadsheet is {mb:.1} MB; the limit is 5 MB. Remove extra content or split it (B-16)"),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| broken(path, e))?;
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(not_xlsx(
            path,
            "这是旧版 Excel 97-2003（.xls）文件，暂不支持",
            "This is an old Excel 97-2003 (.xls) file",
        ));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(not_xlsx(path, "这不是 Excel 表格（.xlsx）文件", "This is not an Excel (.xlsx) file"));
    }
    // the zip check (sizes, ratio, one cell's length) before calamine loads the shared strings
    let shown = path.display().to_string();
    let mut wb = xlsx_reader::open(&shown, Cursor::new(bytes), MAX_UNPACKED_BYTES, &|e| broken(path, e))?;
    let names = wb.sheet_names();
    let name = names
        .iter()
        .find(|n| n.as_str() == SHEET)
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| broken(path, "no worksheet"))?;
    let mut cells = wb.worksheet_cells_reader(&name).map_err(|e| broken(path, e))?;
    let mut parser = RowParser::default();
    let mut current: Option<u32> = None;
    let mut row_cells: Vec<(u32, String)> = Vec::new();
    while let Some(cell) = cells.next_cell().map_err(|e| broken(path, e))? {
        let (r, c) = cell.get_position();
        if current != Some(r) {
            if let Some(prev) = current {
                parser.finish(prev, std::mem::take(&mut row_cells))?;
            }
            current = Some(r);
        }
        let text = cell_text(cell.get_value());
        if !text.is_empty() && c < 256 {
            row_cells.push((c, text));
        }
    }
    if let Some(prev) = current {
        parser.finish(prev, row_cells)?;
    }
    if parser.header.is_none() {
        return Err(CoreError::invalid(
            "xlsx_path",
            "表格是空的：请在下载的模板中填写员工信息后再上传 (B-16)",
            "The spreadsheet is empty: fill in the downloaded template first (B-16)",
        ));
    }
    Ok(Sheet { rows: parser.rows, examples_skipped: parser.examples })
}

#[derive(Default)]
struct RowParser {
    /// sheet column of each of `HEADERS`
    header: Option<[u32; 7]>,
    rows: Vec<SheetRow>,
    examples: u32,
}

impl RowParser {
    /// `r` is the 0-based sheet row; `cells` its non-empty cells.
    fn finish(&mut self, r: u32, cells: Vec<(u32, String)>) -> CoreResult<()> {
        if cells.is_empty() {
            return Ok(());
        }
        let Some(header) = self.header else {
            let mut cols = [0u32; 7];
            let mut missing = Vec::new();
            for (i, h) in HEADERS.iter().enumerate() {
                match cells.iter().find(|(_, v)| v.trim_end_matches('*') == *h) {
                    Some((c, _)) => cols[i] = *c,
                    None => missing.push(*h),
                }
            }
            if !missing.is_empty() {
                return Err(CoreError::invalid(
                    "xlsx_path",
                    format!(
                        "第 {} 行表头缺少列：{}。请使用下载的模板（表头为 {}）(B-16)",
                        r + 1,
                        missing.join("、"),
                        HEADERS.join("、")
                    ),
                    format!(
                        "Row {} (the header) lacks the columns {}; use the downloaded template (B-16)",
                        r + 1,
                        missing.join(", ")
                    ),
                ));
            }
            self.header = Some(cols);
            return Ok(());
        };
        let mut out: [String; 7] = Default::default();
        let mut too_long = Vec::new();
        for (i, col) in header.iter().enumerate() {
            if let Some((_, v)) = cells.iter().find(|(c, _)| c == col) {
                if v.chars().count() > MAX_CELL_CHARS {
                    too_long.push(i);
                    out[i] = v.chars().take(MAX_CELL_CHARS).collect();
                } else {
                    out[i].clone_from(v);
                }
            }
        }
        if out.iter().all(String::is_empty) {
            return Ok(());
        }
        if out[COL_XHS_ID].starts_with(EXAMPLE_MARK) {
            self.examples += 1;
            return Ok(());
        }
        if self.rows.len() >= MAX_ROWS {
            return Err(CoreError::invalid(
                "xlsx_path",
                format!("表格超过 {MAX_ROWS} 行员工数据，请拆分成多个表格分批上传 (B-16)"),
                format!("The spreadsheet has more than {MAX_ROWS} staff rows; split it into several files (B-16)"),
            ));
        }
        self.rows.push(SheetRow { row: r + 1, cells: out, too_long });
        Ok(())
    }
}

/// Writes the row report: 行号, the fields (ID number masked), 结果, 原因; every text cell escaped against
/// formula injection and written as a string.
pub fn write_report(path: &Path, lines: &[ReportLine]) -> CoreResult<()> {
    let mut wb = Workbook::new();
    let head = header_format();
    let bad = Format::new().set_font_color(Color::RGB(0xCF1322)).set_background_color(Color::RGB(0xFFF1F0));
    let good = Format::new().set_font_color(Color::RGB(0x389E0D)).set_background_color(Color::RGB(0xF6FFED));
    let wrap = Format::new().set_text_wrap();
    let ws = wb.add_worksheet().set_name(REPORT_SHEET).map_err(xlsx)?;
    let headers = ["行号", "小红书号", "姓名", "身份证号码", "门店", "岗位", "绑定方式", "证明文件", "结果", "原因"];
    let widths = [8.0, 18.0, 12.0, 22.0, 24.0, 10.0, 16.0, 28.0, 10.0, 70.0];
    for (c, (h, w)) in headers.iter().zip(widths).enumerate() {
        ws.set_column_width(c as u16, w).map_err(xlsx)?;
        ws.write_string_with_format(0, c as u16, *h, &head).map_err(xlsx)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx)?;
    for (i, l) in lines.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_number(r, 0, f64::from(l.row)).map_err(xlsx)?;
        for (c, v) in l.cells.iter().enumerate() {
            ws.write_string(r, c as u16 + 1, escape_formula(v)).map_err(xlsx)?;
        }
        ws.write_string_with_format(r, 8, escape_formula(&l.result), if l.valid { &good } else { &bad })
            .map_err(xlsx)?;
        ws.write_string_with_format(r, 9, escape_formula(&l.reasons), &wrap).map_err(xlsx)?;
    }
    ws.autofilter(0, 0, lines.len() as u32, 9).map_err(xlsx)?;
    wb.save(path).map_err(|e| write_error(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b16_formula_like_cells_get_an_apostrophe() {
        assert_eq!(escape_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(escape_formula("+86 138"), "'+86 138");
        assert_eq!(escape_formula("-1"), "'-1");
        assert_eq!(escape_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(escape_formula("张三"), "张三");
        assert_eq!(escape_formula(""), "");
    }

    #[test]
    fn b16_template_reads_back_with_examples_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.xlsx");
        write_template(&path, &["旗舰店".into()]).unwrap();
        let sheet = read_rows(&path).unwrap();
        assert!(sheet.rows.is_empty());
        assert_eq!(sheet.examples_skipped, 2);
    }

    #[test]
    fn b16_refuses_non_xlsx_and_damaged_files() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("a.xlsx");
        std::fs::write(&text, "小红书号,姓名\n1,2\n").unwrap();
        let e = read_rows(&text).unwrap_err().to_api();
        assert!(e.message.contains("不是 Excel"), "{}", e.message);
        let broken = dir.path().join("b.xlsx");
        std::fs::write(&broken, b"PK\x03\x04garbage").unwrap();
        let e = read_rows(&broken).unwrap_err().to_api();
        assert!(e.message.contains("已损坏"), "{}", e.message);
    }

    /// A minimal workbook whose one shared string is `text` (the header row refers to it).
    fn workbook_with_shared_string(text: &str) -> Vec<u8> {
        use std::io::Write;
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let parts: [(&str, String); 5] = [
            ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#.into()),
            ("xl/workbook.xml", r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="批量绑定" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into()),
            ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.into()),
            ("xl/worksheets/sheet1.xml", r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#.into()),
            ("xl/sharedStrings.xml", format!(r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>{text}</t></si></sst>"#)),
        ];
        for (name, body) in parts {
            zip.start_file(name, opts).unwrap();
            zip.write_all(body.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn b16_the_zip_check_guards_the_bulk_sheet_too() {
        let dir = tempfile::tempdir().unwrap();
        // the control: a small workbook of this shape is read (its one cell is not a header, so: no header)
        let ok = dir.path().join("ok.xlsx");
        std::fs::write(&ok, workbook_with_shared_string("小红书号")).unwrap();
        let e = read_rows(&ok).unwrap_err().to_api();
        assert!(e.message.contains("表头缺少列"), "{}", e.message);

        // one shared string of 100 MB in a file of well under 1 MB: refused by the ratio check, before
        // calamine would load it (it took 2-3 GB)
        let bomb = dir.path().join("bomb.xlsx");
        std::fs::write(&bomb, workbook_with_shared_string(&"A".repeat(100 * 1024 * 1024))).unwrap();
        assert!(std::fs::metadata(&bomb).unwrap().len() < 1024 * 1024);
        let e = read_rows(&bomb).unwrap_err().to_api();
        assert!(e.message.contains("压缩炸弹"), "{}", e.message);

        // a shared string too long for any cell, under the ratio limit: refused by the cell check
        let long = dir.path().join("long.xlsx");
        std::fs::write(&long, workbook_with_shared_string(&"长".repeat(30_000))).unwrap();
        let e = read_rows(&long).unwrap_err().to_api();
        assert!(e.message.contains("单元格的内容超过 64 KB"), "{}", e.message);
        assert!(e.message_en.contains("more than 64 KB"), "{}", e.message_en);
    }
}
