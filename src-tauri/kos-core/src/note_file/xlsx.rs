//! N-1: an XLSX note file: checked against zip bombs (through `xlsx_reader`), then read cell by cell on a
//! helper thread, each cell as the text a spreadsheet shows.

use std::fs::File;
use std::io::BufReader;
use std::sync::mpsc;

use calamine::{DataRef, ExcelDateTime, Reader, SheetType, Xlsx};
use chrono::{Duration, NaiveDate};

use super::errors::{read_err, too_long};
use super::{MAX_CELL_CHARS, MAX_XLSX_UNPACKED};
use crate::error::CoreResult;
use crate::xlsx_reader::{self, broken_xlsx};

/// XLSX columns past this one are ignored (their cells are still checked for length).
const MAX_COLUMNS: usize = 1024;

type XlsxRow = CoreResult<(i64, Vec<String>)>;

fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

/// A date/time cell as text: a duration or a time of day (value below one day) as `H:MM:SS`, a date as
/// `YYYY-MM-DD HH:MM:SS` (rounded to the second).
fn excel_datetime_text(d: &ExcelDateTime) -> String {
    let v = d.as_f64();
    if d.is_duration() || (0.0..1.0).contains(&v) {
        let secs = (v * 86_400.0).round() as i64;
        return format!("{}:{:02}:{:02}", secs / 3600, secs % 3600 / 60, secs % 60);
    }
    let (y, mo, da, h, mi, s, ms) = d.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(y.into(), mo.into(), da.into())
        .and_then(|date| date.and_hms_milli_opt(h.into(), mi.into(), s.into(), ms.into()))
        .map_or_else(|| float_text(v), |t| (t + Duration::milliseconds(500)).format("%Y-%m-%d %H:%M:%S").to_string())
}

fn xlsx_text(v: &DataRef<'_>) -> String {
    match v {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => float_text(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) => excel_datetime_text(d),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

/// Walks the first worksheet row by row; `emit` returns false to stop.
fn walk_xlsx(path: &str, workbook: &mut Xlsx<BufReader<File>>, sheet: &str, mut emit: impl FnMut(XlsxRow) -> bool) {
    let mut cells = match workbook.worksheet_cells_reader(sheet) {
        Ok(c) => c,
        Err(e) => {
            emit(Err(broken_xlsx(path, e)));
            return;
        }
    };
    let mut current: Option<u32> = None;
    let mut row: Vec<String> = Vec::new();
    loop {
        match cells.next_cell() {
            Ok(Some(cell)) => {
                let (r, c) = cell.get_position();
                if current != Some(r) {
                    if let Some(prev) = current {
                        if !emit(Ok((i64::from(prev) + 1, std::mem::take(&mut row)))) {
                            return;
                        }
                    }
                    current = Some(r);
                }
                let text = xlsx_text(cell.get_value());
                if text.is_empty() {
                    continue;
                }
                let c = c as usize;
                if c < MAX_COLUMNS {
                    if row.len() <= c {
                        row.resize(c + 1, String::new());
                    }
                    row[c] = text;
                } else if text.len() > MAX_CELL_CHARS && text.chars().count() > MAX_CELL_CHARS {
                    let column = format!("第 {} 列", c + 1);
                    emit(Err(too_long(path, i64::from(r) + 1, &column, text.chars().count())));
                    return;
                }
            }
            Ok(None) => {
                if let Some(prev) = current {
                    emit(Ok((i64::from(prev) + 1, row)));
                }
                return;
            }
            Err(e) => {
                emit(Err(broken_xlsx(path, e)));
                return;
            }
        }
    }
}

pub(super) struct XlsxSource {
    pub(super) rows: mpsc::Receiver<XlsxRow>,
    pub(super) cells: Vec<String>,
}

pub(super) fn open_xlsx(path: &str, file: File) -> CoreResult<XlsxSource> {
    let mut workbook = xlsx_reader::open(path, BufReader::new(file), MAX_XLSX_UNPACKED, &|e| broken_xlsx(path, e))?;
    let sheet = workbook
        .sheets_metadata()
        .iter()
        .find(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .ok_or_else(|| broken_xlsx(path, "no worksheet"))?;
    let (tx, rx) = mpsc::sync_channel::<XlsxRow>(256);
    let owned_path = path.to_string();
    std::thread::Builder::new()
        .name("note-file-xlsx".into())
        .spawn(move || walk_xlsx(&owned_path, &mut workbook, &sheet, |row| tx.send(row).is_ok()))
        .map_err(|e| read_err(path, e))?;
    Ok(XlsxSource { rows: rx, cells: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note_file::test_support::*;
    use crate::note_file::{open, preview, Field, FileFormat};
    use std::io::Write;

    #[test]
    fn n1_reads_xlsx_with_excel_dates_and_numbers() {
        use rust_xlsxwriter::{ExcelDateTime as XDate, Format, Workbook};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.dat");
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let headers = [
            "笔记链接",
            "标题",
            "体裁",
            "笔记发布时间",
            "作者小红书号",
            "曝光",
            "阅读UV",
            "5s播放率",
            "视频时长",
            "互动量",
        ];
        for (c, h) in headers.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        let date_fmt = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
        let time_fmt = Format::new().set_num_format("hh:mm:ss");
        ws.write_string(1, 0, format!("https://www.xiaohongshu.com/explore/{ID}?xsec_token=abc")).unwrap();
        ws.write_string(1, 1, "春季新品").unwrap();
        ws.write_string(1, 2, "视频").unwrap();
        let when = XDate::from_ymd(2026, 11, 20).unwrap().and_hms(10, 0, 0).unwrap();
        ws.write_datetime_with_format(1, 3, &when, &date_fmt).unwrap();
        ws.write_number(1, 4, 95012345678.0).unwrap();
        ws.write_number(1, 5, 12000.0).unwrap();
        ws.write_number(1, 6, 88.0).unwrap();
        ws.write_number(1, 7, 0.145).unwrap();
        ws.write_datetime_with_format(1, 8, XDate::from_hms(0, 1, 5).unwrap(), &time_fmt).unwrap();
        // row 3 left empty: skipped, not counted; row 4 with a plain serial number as the time
        ws.write_string(3, 0, ID2).unwrap();
        ws.write_string(3, 1, "门店日常").unwrap();
        ws.write_string(3, 2, "normal").unwrap();
        ws.write_number(3, 3, 46346.0).unwrap();
        ws.write_string(3, 4, "abc").unwrap();
        ws.write_number(1, 9, 7.0).unwrap();
        ws.write_number(3, 9, 0.0).unwrap();
        wb.save(&path).unwrap();

        let p = preview(&path).unwrap();
        assert_eq!(p.format, FileFormat::Xlsx);
        assert_eq!(p.rows, 2);
        assert!(p.missing.is_empty(), "{:?}", p.missing);
        assert_eq!(p.mapping[0], Some(Field::NoteLink));
        assert_eq!(p.sample[0][4], "95012345678");
        let rows = read_all(&path);
        let a = rows[0].as_ref().unwrap();
        assert_eq!((a.line, a.note_id.as_str(), a.published_at.as_str()), (2, ID, "2026-11-20T02:00:00Z"));
        assert_eq!((a.xhs_id.as_str(), a.exposure, a.read_uv), ("95012345678", Some(12_000), Some(88)));
        assert_eq!((a.video_5s_rate, a.video_secs), (Some(0.145), Some(65)));
        let b = rows[1].as_ref().unwrap();
        assert_eq!((b.line, b.note_type, b.published_at.as_str()), (4, "image", "2026-11-19T16:00:00Z"));
    }

    #[test]
    fn n1_refuses_a_zip_bomb_by_ratio() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bomb.xlsx");
        let mut zip = zip::ZipWriter::new(File::create(&path).unwrap());
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..20 {
            zip.write_all(&zeros).unwrap();
        }
        zip.finish().unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() < 200 * 1024);
        let msg = file_error(preview(&path).unwrap_err());
        assert!(msg.contains("压缩炸弹"), "{msg}");
        assert!(open(&path, &[]).is_err());
    }

    #[test]
    fn n1_refuses_an_entry_holding_more_than_it_declares() {
        // 20 MiB of zeros whose headers claim 1,000 bytes: the ratio check cannot see it, unpacking does
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("liar.xlsx");
        let mut zip = zip::ZipWriter::new(File::create(&path).unwrap());
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/sharedStrings.xml", opts).unwrap();
        zip.write_all(&vec![0u8; 20 * 1024 * 1024]).unwrap();
        zip.finish().unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        let local = bytes.windows(4).position(|w| w == b"PK\x03\x04").unwrap();
        bytes[local + 22..local + 26].copy_from_slice(&1000u32.to_le_bytes());
        let central = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        bytes[central + 24..central + 28].copy_from_slice(&1000u32.to_le_bytes());
        std::fs::write(&path, &bytes).unwrap();
        let msg = file_error(preview(&path).unwrap_err());
        assert!(msg.contains("压缩炸弹"), "{msg}");

        // a sound workbook passes both checks
        let ok = dir.path().join("ok.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["笔记ID", "标题", "类型", "发布时间", "小红书号"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (c, v) in [ID, "t", "视频", "2026-11-20", "x"].iter().enumerate() {
            ws.write_string(1, c as u16, *v).unwrap();
        }
        wb.save(&ok).unwrap();
        assert!(xlsx_reader::check("ok.xlsx", File::open(&ok).unwrap(), MAX_XLSX_UNPACKED, &|e| broken_xlsx(
            "ok.xlsx", e
        ))
        .is_ok());
        assert_eq!(preview(&ok).unwrap().rows, 1);
    }

    #[test]
    fn n1_an_over_long_xlsx_cell_stops_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["笔记ID", "标题", "类型", "发布时间", "小红书号", "互动量"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (c, v) in [ID, "t", "视频", "2026-11-20", "x", "9"].iter().enumerate() {
            ws.write_string(1, c as u16, *v).unwrap();
        }
        for (c, v) in [ID2, "t", "视频", "2026-11-20", "x", "9"].iter().enumerate() {
            ws.write_string(2, c as u16, *v).unwrap();
        }
        ws.write_string(2, 1, "长".repeat(3000)).unwrap();
        wb.save(&path).unwrap();
        let msg = file_error(preview(&path).unwrap_err());
        assert!(msg.contains("第 3 行「标题」有 3000 个字符"), "{msg}");
        let mapping = [
            Some(Field::NoteId),
            Some(Field::Title),
            Some(Field::NoteType),
            Some(Field::PublishedAt),
            Some(Field::XhsId),
            Some(Field::Interactions),
        ];
        let mut rows = open(&path, &mapping).unwrap();
        assert_eq!(rows.format(), FileFormat::Xlsx);
        assert!(rows.next().unwrap().unwrap().is_ok());
        assert_eq!(rows.rows_read(), 1);
        assert!(file_error(rows.next().unwrap().unwrap_err()).contains("3000 个字符"));
        assert!(rows.next().is_none());
    }
}
