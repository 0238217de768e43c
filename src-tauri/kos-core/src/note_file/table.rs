//! N-1: either kind of note file as rows of text cells: the format found by content (XLSX, an old .xls,
//! else CSV), the header row, blank rows skipped, the cell and row limits.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use super::csv::{CsvInput, CsvSource, RecordGuard};
use super::decode::{TextFault, TextReader, CHUNK};
use super::errors::{empty_file, encoding_err, file_err, read_err, record_too_long, too_long};
use super::xlsx::{open_xlsx, XlsxSource};
use super::{FileFormat, MAX_CELL_CHARS, MAX_ROWS};
use crate::error::CoreResult;

pub(super) enum Source {
    Csv(Box<CsvSource>),
    Xlsx(XlsxSource),
}

impl Source {
    /// Moves to the next row (blank ones included); returns its spreadsheet row number.
    fn advance(&mut self, path: &str) -> CoreResult<Option<i64>> {
        match self {
            Source::Csv(c) => c.advance(path),
            Source::Xlsx(x) => match x.rows.recv() {
                Ok(Ok((line, cells))) => {
                    x.cells = cells;
                    Ok(Some(line))
                }
                Ok(Err(e)) => Err(e),
                Err(_) => Ok(None),
            },
        }
    }

    fn len(&self) -> usize {
        match self {
            Source::Csv(c) => c.record.len(),
            Source::Xlsx(x) => x.cells.len(),
        }
    }

    pub(super) fn cell(&self, i: usize) -> &str {
        match self {
            Source::Csv(c) => c.record.get(i).unwrap_or(""),
            Source::Xlsx(x) => x.cells.get(i).map_or("", String::as_str),
        }
    }

    pub(super) fn format(&self) -> FileFormat {
        match self {
            Source::Csv(c) => c.reader.get_ref().inner.format(),
            Source::Xlsx(_) => FileFormat::Xlsx,
        }
    }
}

pub(super) struct Table {
    pub(super) path: String,
    pub(super) source: Source,
    pub(super) headers: Vec<String>,
    pub(super) data_rows: i64,
}

fn open_file(path: &Path) -> CoreResult<(String, File)> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        file_err(&shown, format!("找不到或无法读取文件：{shown}（{e}）"), format!("Cannot read the file {shown} ({e})"))
    })?;
    if !meta.is_file() {
        return Err(file_err(&shown, format!("请选择一个文件：{shown}"), format!("Choose a file: {shown}")));
    }
    let file = File::open(path).map_err(|e| read_err(&shown, e))?;
    Ok((shown, file))
}

impl Table {
    pub(super) fn open(path: &Path) -> CoreResult<Table> {
        let (shown, mut file) = open_file(path)?;
        let mut magic = [0u8; 8];
        let mut got = 0;
        while got < magic.len() {
            match file.read(&mut magic[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(read_err(&shown, e)),
            }
        }
        let magic = &magic[..got];
        if magic.is_empty() {
            return Err(empty_file(&shown));
        }
        if magic.starts_with(b"PK\x03\x04") {
            let source = Source::Xlsx(open_xlsx(&shown, file)?);
            return Table::start(shown, source);
        }
        if magic.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(file_err(
                &shown,
                "这是旧版 Excel 97-2003（.xls）文件或带密码的表格，无法直接导入：请在 Excel 或 WPS 中（取消密码后）另存为 .xlsx（Excel 工作簿）再导入",
                "This is an old Excel 97-2003 (.xls) file or a password-protected workbook: save it (without a password) as .xlsx (Excel workbook) in Excel or WPS, then import that",
            ));
        }
        let input: CsvInput = Box::new(io::Cursor::new(magic.to_vec()).chain(file));
        Table::csv(shown, input)
    }

    /// A CSV file from any stream (a file, or a generated one in tests).
    pub(super) fn csv(shown: String, input: CsvInput) -> CoreResult<Table> {
        let mut text = TextReader::new(input);
        let first = text.first_line().map_err(|e| match e.get_ref().and_then(|x| x.downcast_ref::<TextFault>()) {
            Some(TextFault::Encoding) => encoding_err(&shown, None),
            Some(TextFault::LineTooLong) => file_err(
                &shown,
                "文件第一行超过 1 MB：文件可能已损坏，未导入任何内容",
                "The first line is over 1 MB: the file may be damaged; nothing was imported",
            ),
            Some(TextFault::RecordTooLong(row)) => record_too_long(&shown, *row),
            None => read_err(&shown, e),
        })?;
        let delimiter = if first.contains(&b'\t') && !first.contains(&b',') { b'\t' } else { b',' };
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .buffer_capacity(CHUNK)
            .from_reader(RecordGuard::new(text, delimiter));
        let source =
            Source::Csv(Box::new(CsvSource { reader, record: csv::StringRecord::new(), row: 0, next_line: 1 }));
        Table::start(shown, source)
    }

    /// Reads up to the header row.
    fn start(shown: String, source: Source) -> CoreResult<Table> {
        let mut table = Table { path: shown, source, headers: Vec::new(), data_rows: 0 };
        loop {
            let Some(line) = table.source.advance(&table.path)? else {
                return Err(empty_file(&table.path));
            };
            if table.is_blank() {
                continue;
            }
            table.check_lengths(line)?;
            let mut headers: Vec<String> = (0..table.source.len())
                .map(|i| table.source.cell(i).trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}').to_string())
                .collect();
            while headers.last().is_some_and(String::is_empty) {
                headers.pop();
            }
            table.headers = headers;
            return Ok(table);
        }
    }

    fn is_blank(&self) -> bool {
        (0..self.source.len()).all(|i| self.source.cell(i).trim().is_empty())
    }

    pub(super) fn column_name(&self, i: usize) -> String {
        match self.headers.get(i) {
            Some(h) if !h.is_empty() => h.clone(),
            _ => format!("第 {} 列", i + 1),
        }
    }

    fn check_lengths(&self, line: i64) -> CoreResult<()> {
        for i in 0..self.source.len() {
            let c = self.source.cell(i);
            if c.len() > MAX_CELL_CHARS {
                let chars = c.chars().count();
                if chars > MAX_CELL_CHARS {
                    return Err(too_long(&self.path, line, &self.column_name(i), chars));
                }
            }
        }
        Ok(())
    }

    /// The next non-blank data row; returns its spreadsheet row number.
    pub(super) fn next_row(&mut self) -> CoreResult<Option<i64>> {
        loop {
            let Some(line) = self.source.advance(&self.path)? else {
                return Ok(None);
            };
            self.check_lengths(line)?;
            if self.is_blank() {
                continue;
            }
            self.data_rows += 1;
            if self.data_rows > MAX_ROWS {
                return Err(file_err(
                    &self.path,
                    "文件超过 200 万行数据：请拆分成多个文件分别导入",
                    "The file has more than 2,000,000 data rows: split it into several files",
                ));
            }
            return Ok(Some(line));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::note_file::test_support::*;
    use crate::note_file::{auto_mapping, open, preview};

    #[test]
    fn n1_an_over_long_cell_stops_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let long = "长".repeat(40_000);
        let text = format!(
            "{HEADER}\n{}\n{}\n{}\n",
            row(ID, "春季新品", "视频", "2026-11-20"),
            row(ID2, &long, "视频", "2026-11-20"),
            row(ID, "后面的行", "视频", "2026-11-20"),
        );
        let path = write(&dir, "long.csv", text.as_bytes());
        let msg = file_error(preview(&path).unwrap_err());
        assert!(msg.contains("第 3 行「笔记标题」有 40000 个字符，超过 2000 字上限"), "{msg}");
        assert!(msg.contains("未导入任何内容"));
        let mapping = auto_mapping(&HEADER.split(',').map(str::to_string).collect::<Vec<_>>());
        let mut rows = open(&path, &mapping).unwrap();
        assert!(rows.next().unwrap().unwrap().is_ok());
        let e = rows.next().unwrap().unwrap_err();
        assert!(file_error(e).contains("40000 个字符"));
        assert!(rows.next().is_none());
    }

    #[test]
    fn n1_refuses_broken_xlsx_random_bytes_xls_and_empty_files() {
        let dir = tempfile::tempdir().unwrap();
        // a real workbook cut in half
        let full = dir.path().join("full.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet().write_string(0, 0, "笔记ID").unwrap();
        wb.save(&full).unwrap();
        let bytes = std::fs::read(&full).unwrap();
        let cut = write(&dir, "cut.xlsx", &bytes[..bytes.len() / 2]);
        assert!(file_error(preview(&cut).unwrap_err()).contains("XLSX 文件已损坏或不是有效的表格"));
        let garbage = write(&dir, "g.xlsx", b"PK\x03\x04garbage");
        assert!(file_error(preview(&garbage).unwrap_err()).contains("已损坏"));

        // random bytes (a fixed generator, so the test is repeatable)
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let random: Vec<u8> = (0..65_536)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        let path = write(&dir, "random.csv", &random);
        assert!(file_error(preview(&path).unwrap_err()).contains("文件编码无法识别"));
        assert!(open(&path, &[]).is_err());

        let mut xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        xls.extend_from_slice(&[0; 512]);
        let path = write(&dir, "old.xls", &xls);
        assert!(file_error(preview(&path).unwrap_err()).contains(".xls"));

        for (name, bytes) in [("empty.csv", &b""[..]), ("blank.csv", b"\n\r\n  \n,,\n"), ("bom.csv", b"\xEF\xBB\xBF")] {
            let path = write(&dir, name, bytes);
            assert!(file_error(preview(&path).unwrap_err()).contains("文件是空的"), "{name}");
        }
        let path = write(&dir, "head.csv", format!("{HEADER}\n\n").as_bytes());
        assert!(file_error(preview(&path).unwrap_err()).contains("只有表头"));
        let mapping = auto_mapping(&HEADER.split(',').map(str::to_string).collect::<Vec<_>>());
        let mut rows = open(&path, &mapping).unwrap();
        assert!(file_error(rows.next().unwrap().unwrap_err()).contains("只有表头"));
        assert!(rows.next().is_none());

        assert_eq!(preview(&dir.path().join("missing.csv")).unwrap_err().code(), crate::ErrorCode::File);
        assert_eq!(preview(dir.path()).unwrap_err().code(), crate::ErrorCode::File);
    }
}
