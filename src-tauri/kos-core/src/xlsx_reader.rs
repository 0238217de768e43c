//! The one way KOS Desk opens an XLSX file (N-1 note import, B-16 bulk binding, and any later import):
//! the zip is checked before calamine sees it, and only then is the workbook opened.
//!
//! calamine loads every shared string into memory when it opens a workbook, buffers each XML text node and
//! tag whole, and reserves room for as many strings as the file claims. A 1 MB file can therefore ask for
//! gigabytes. The check here is streaming and bounded: the sizes the zip declares (in total and per entry,
//! as a ratio to the packed size), the sizes it really unpacks to, and — in every XML part calamine parses —
//! the text of one cell or shared string, any other text node, any tag, and the string count `<sst>`
//! declares. Nothing is kept but a tag at a time (≤ 64 KiB).

use std::io::{self, Read, Seek, SeekFrom};

use calamine::{Reader, Xlsx};

use crate::error::{CoreError, CoreResult};

/// An entry larger than `ZIP_RATIO_FROM` bytes may be at most this many times its packed size.
pub const MAX_ZIP_RATIO: u64 = 100;
pub const ZIP_RATIO_FROM: u64 = 10 * 1024 * 1024;
/// The text of one cell or shared string, in bytes of XML (escapes included), at most; far above any cell
/// an import accepts (their limits are a few thousand characters and give row-level messages).
pub const MAX_CELL_XML_BYTES: u64 = 64 * 1024;
/// Any other text node, in bytes.
pub const MAX_TEXT_XML_BYTES: u64 = 1024 * 1024;
/// One tag (with its attributes), comment or processing instruction, in bytes.
pub const MAX_TAG_BYTES: usize = 64 * 1024;
/// The most entries a workbook may hold.
pub const MAX_ENTRIES: usize = 10_000;

fn file_err(path: &str, zh: impl Into<String>, en: impl Into<String>) -> CoreError {
    CoreError::File { path: path.to_string(), reason_zh: zh.into(), reason_en: en.into() }
}

pub fn broken_xlsx(path: &str, e: impl std::fmt::Display) -> CoreError {
    file_err(
        path,
        format!("XLSX 文件已损坏或不是有效的表格：{path}（{e}）。请用 Excel 或 WPS 打开确认后重新另存为 .xlsx"),
        format!("The XLSX file is damaged or not a valid spreadsheet: {path} ({e}). Open it in Excel or WPS and save it as .xlsx again"),
    )
}

pub fn zip_bomb(path: &str) -> CoreError {
    file_err(
        path,
        "文件解压后过大，疑似压缩炸弹，已拒绝",
        "The file unpacks to far more than it holds (a suspected zip bomb); refused",
    )
}

fn oversized_cell(path: &str, part: &str) -> CoreError {
    file_err(
        path,
        format!(
            "表格中有单元格的内容超过 {} KB（{part}），远超任何导入允许的长度：文件可能已损坏或被恶意构造，已拒绝，未导入任何内容",
            MAX_CELL_XML_BYTES / 1024
        ),
        format!(
            "A cell in the spreadsheet holds more than {} KB ({part}), far beyond what any import accepts: the file may be damaged or crafted; refused, nothing was imported",
            MAX_CELL_XML_BYTES / 1024
        ),
    )
}

/// How a caller words "this file is damaged" for its users (given what is wrong); `broken_xlsx` by default.
pub type Broken<'a> = &'a dyn Fn(String) -> CoreError;

/// Checks the zip behind `reader` (see the module comment), then opens it with calamine. `max_unpacked`
/// is the caller's limit on the whole workbook's unpacked size. A zip bomb and an oversized cell are
/// refused with `zip_bomb` and the oversized-cell error; any other fault with `broken`.
pub fn open<R: Read + Seek>(path: &str, mut reader: R, max_unpacked: u64, broken: Broken<'_>) -> CoreResult<Xlsx<R>> {
    check(path, &mut reader, max_unpacked, broken)?;
    reader.seek(SeekFrom::Start(0)).map_err(|e| broken(e.to_string()))?;
    Xlsx::new(reader).map_err(|e| broken(e.to_string()))
}

/// The zip check alone (what `open` runs first).
pub fn check<R: Read + Seek>(path: &str, reader: R, max_unpacked: u64, broken: Broken<'_>) -> CoreResult<()> {
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| broken(e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(broken(format!("{} entries", zip.len())));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| broken(e.to_string()))?;
        let size = entry.size();
        total = total.saturating_add(size);
        if total > max_unpacked
            || (size > ZIP_RATIO_FROM && size > entry.compressed_size().saturating_mul(MAX_ZIP_RATIO))
        {
            return Err(zip_bomb(path));
        }
    }
    let parsed = parsed_parts(&mut zip, broken)?;
    // the sizes above are what the file says; unpack each entry to make sure none holds more, and scan the
    // XML calamine will parse
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| broken(e.to_string()))?;
        let declared = entry.size();
        let name = entry.name().to_ascii_lowercase();
        let mut scan = parsed.contains(&name).then(|| XmlScan::new(name.ends_with("sharedstrings.xml")));
        let mut limited = (&mut entry).take(declared.saturating_add(1));
        let mut unpacked: u64 = 0;
        loop {
            let n = match limited.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(broken(e.to_string())),
            };
            unpacked += n as u64;
            if unpacked > declared {
                return Err(zip_bomb(path));
            }
            if let Some(s) = scan.as_mut() {
                s.feed(&buf[..n]).map_err(|f| f.error(path, &name, broken))?;
            }
        }
        if let Some(s) = scan {
            s.finish().map_err(|f| f.error(path, &name, broken))?;
        }
    }
    Ok(())
}

/// The parts calamine may parse as XML: every `.xml` and `.rels` entry, and whatever the workbook's
/// relationships point at (calamine reads a worksheet from any path they name). Lower case: calamine
/// finds entries regardless of case.
fn parsed_parts<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, broken: Broken<'_>) -> CoreResult<Vec<String>> {
    let mut parts: Vec<String> =
        zip.file_names().map(str::to_ascii_lowercase).filter(|n| n.ends_with(".xml") || n.ends_with(".rels")).collect();
    let rels_name = zip.file_names().find(|n| n.eq_ignore_ascii_case("xl/_rels/workbook.xml.rels")).map(String::from);
    if let Some(rels_name) = rels_name {
        let entry = zip.by_name(&rels_name).map_err(|e| broken(e.to_string()))?;
        // a relationships part is small; one far over a megabyte is not a workbook's
        let mut text = Vec::new();
        entry.take(4 * 1024 * 1024).read_to_end(&mut text).map_err(|e| broken(e.to_string()))?;
        let mut rest = &text[..];
        while let Some(i) = find(rest, b"Target=") {
            rest = &rest[i + 7..];
            let Some(&quote) = rest.first().filter(|q| matches!(q, b'"' | b'\'')) else { continue };
            let Some(end) = rest[1..].iter().position(|&b| b == quote) else { break };
            let target = String::from_utf8_lossy(&rest[1..=end]).to_ascii_lowercase();
            rest = &rest[end + 1..];
            let target = if let Some(t) = target.strip_prefix('/') { t.to_string() } else { target };
            parts.push(if target.starts_with("xl/") { target } else { format!("xl/{target}") });
        }
    }
    Ok(parts)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

// ---------------------------------------------------------------------------------------------------------
// The XML scan

#[derive(Debug, PartialEq)]
enum Fault {
    Cell,
    Text,
    Tag,
    /// `<sst uniqueCount>` claims more strings than the part holds
    Count(u64, u64),
}

impl Fault {
    fn error(&self, path: &str, part: &str, broken: Broken<'_>) -> CoreError {
        match self {
            Fault::Cell => oversized_cell(path, part),
            Fault::Text => broken(format!("{part}: a text node over 1 MB")),
            Fault::Tag => broken(format!("{part}: a tag over 64 KB")),
            Fault::Count(claimed, found) => broken(format!("{part}: uniqueCount {claimed} but {found} strings")),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    Text,
    /// inside `<…>`; the quote character when inside an attribute value
    Tag(Option<u8>),
    Comment,
    Pi,
    CData,
}

/// A streaming look at XML as quick-xml (calamine's parser) splits it: text, tags (quotes respected),
/// comments, processing instructions and CDATA. A shared string `<si>` or a cell `<c>` is one item: all
/// text inside it (runs of rich text, CDATA) counts together.
struct XmlScan {
    state: State,
    tag: Vec<u8>,
    /// the last bytes seen in a comment, PI or CDATA section (for its end marker)
    tail: [u8; 2],
    in_item: bool,
    item: u64,
    text: u64,
    shared_strings: bool,
    strings: u64,
    claimed: Option<u64>,
}

impl XmlScan {
    fn new(shared_strings: bool) -> Self {
        XmlScan {
            state: State::Text,
            tag: Vec::with_capacity(256),
            tail: [0; 2],
            in_item: false,
            item: 0,
            text: 0,
            shared_strings,
            strings: 0,
            claimed: None,
        }
    }

    fn add_text(&mut self, n: u64) -> Result<(), Fault> {
        if self.in_item {
            self.item += n;
            if self.item > MAX_CELL_XML_BYTES {
                return Err(Fault::Cell);
            }
        } else {
            self.text += n;
            if self.text > MAX_TEXT_XML_BYTES {
                return Err(Fault::Text);
            }
        }
        Ok(())
    }

    fn feed(&mut self, bytes: &[u8]) -> Result<(), Fault> {
        let mut i = 0;
        while i < bytes.len() {
            match self.state {
                State::Text => {
                    // runs of text: count them in one step
                    let run = bytes[i..].iter().position(|&b| b == b'<').unwrap_or(bytes.len() - i);
                    self.add_text(run as u64)?;
                    i += run;
                    if i < bytes.len() {
                        self.tag.clear();
                        self.tag.push(b'<');
                        self.state = State::Tag(None);
                        i += 1;
                    }
                    continue;
                }
                State::Tag(quote) => {
                    let b = bytes[i];
                    i += 1;
                    if self.tag.len() >= MAX_TAG_BYTES {
                        return Err(Fault::Tag);
                    }
                    self.tag.push(b);
                    match quote {
                        Some(q) if b == q => self.state = State::Tag(None),
                        Some(_) => {}
                        None => {
                            if self.tag == b"<!--" {
                                self.state = State::Comment;
                                self.tail = [0; 2];
                            } else if self.tag == b"<![CDATA[" {
                                self.state = State::CData;
                                self.tail = [0; 2];
                            } else if self.tag == b"<?" {
                                self.state = State::Pi;
                                self.tail = [0; 2];
                            } else if b == b'"' || b == b'\'' {
                                // quick-xml honours quotes in attribute values only, not in DOCTYPEs
                                if !self.tag.starts_with(b"<!") {
                                    self.state = State::Tag(Some(b));
                                }
                            } else if b == b'>' {
                                self.state = State::Text;
                                self.end_tag()?;
                            }
                        }
                    }
                }
                State::Comment | State::Pi => {
                    let b = bytes[i];
                    i += 1;
                    self.tag.push(b);
                    if self.tag.len() > MAX_TAG_BYTES {
                        return Err(Fault::Tag);
                    }
                    let done = match self.state {
                        State::Comment => self.tail == *b"--" && b == b'>',
                        _ => self.tail[1] == b'?' && b == b'>',
                    };
                    self.tail = [self.tail[1], b];
                    if done {
                        self.state = State::Text;
                    }
                }
                State::CData => {
                    let b = bytes[i];
                    i += 1;
                    self.add_text(1)?;
                    let done = self.tail == *b"]]" && b == b'>';
                    self.tail = [self.tail[1], b];
                    if done {
                        self.state = State::Text;
                    }
                }
            }
        }
        Ok(())
    }

    /// A complete tag is in `self.tag`.
    fn end_tag(&mut self) -> Result<(), Fault> {
        let t = &self.tag[1..self.tag.len() - 1];
        let (closing, t) = match t.strip_prefix(b"/") {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let self_closing = !closing && t.ends_with(b"/");
        let name_end = t.iter().position(|b| b.is_ascii_whitespace() || *b == b'/').unwrap_or(t.len());
        let name = &t[..name_end];
        let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
        let item = local == b"si" || local == b"c";
        if item {
            self.in_item = !closing && !self_closing;
            self.item = 0;
            if self.shared_strings && local == b"si" && !closing {
                self.strings += 1;
            }
        } else if !self.in_item {
            self.text = 0;
        }
        if self.shared_strings && local == b"sst" && !closing {
            self.claimed = Some(unique_count(t).unwrap_or(0));
        }
        Ok(())
    }

    fn finish(self) -> Result<(), Fault> {
        match self.claimed {
            Some(claimed) if claimed > self.strings => Err(Fault::Count(claimed, self.strings)),
            _ => Ok(()),
        }
    }
}

/// The `uniqueCount` attribute of an `<sst …>` tag (calamine reserves room for that many strings); a value
/// that is not a number counts as absent, as calamine ignores it then.
fn unique_count(tag: &[u8]) -> Option<u64> {
    let mut rest = tag;
    while let Some(i) = find(rest, b"uniqueCount") {
        let before = i.checked_sub(1).map(|j| rest[j]);
        rest = &rest[i + 11..];
        if before.is_some_and(|b| !b.is_ascii_whitespace()) {
            continue;
        }
        let after = rest.iter().position(|b| !b.is_ascii_whitespace())?;
        rest = &rest[after..];
        let value = rest.strip_prefix(b"=")?;
        let value = &value[value.iter().position(|b| !b.is_ascii_whitespace())?..];
        let quote = *value.first()?;
        let end = value[1..].iter().position(|&b| b == quote)?;
        return std::str::from_utf8(&value[1..=end]).ok()?.trim().parse().ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use super::*;

    fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            zip.start_file(*name, opts).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    fn scan(xml: &[u8], shared: bool) -> Result<(), Fault> {
        let mut s = XmlScan::new(shared);
        // fed in small pieces, as unpacking hands them over
        for chunk in xml.chunks(7) {
            s.feed(chunk)?;
        }
        s.finish()
    }

    #[test]
    fn b16_n1_a_cell_is_all_the_text_of_its_item() {
        let big = "x".repeat(40_000);
        // two runs of rich text in one shared string add up
        let rich = format!("<sst><si><r><t>{big}</t></r><r><rPr/><t>{big}</t></r></si></sst>");
        assert_eq!(scan(rich.as_bytes(), true), Err(Fault::Cell));
        // two shared strings of the same size do not
        let two = format!("<sst><si><t>{big}</t></si><si><t>{big}</t></si></sst>");
        assert_eq!(scan(two.as_bytes(), true), Ok(()));
        // CDATA is text; a '>' or "</si>" inside an attribute value is not a tag's end
        let cdata = format!("<sst><si><t><![CDATA[{big}]]></t><t a=\"></si><si>\">{big}</t></si></sst>");
        assert_eq!(scan(cdata.as_bytes(), true), Err(Fault::Cell));
        // an inline string in a worksheet cell, with a namespace prefix
        let cell = format!("<x:worksheet><x:c t=\"inlineStr\"><x:is><x:t>{big}{big}</x:t></x:is></x:c></x:worksheet>");
        assert_eq!(scan(cell.as_bytes(), false), Err(Fault::Cell));
        // comments and processing instructions are tags (bounded), not text
        let comment = format!("<?xml version=\"1.0\"?><!-- {big} --><a>{big}</a><b>{big}</b>");
        assert_eq!(scan(comment.as_bytes(), false), Ok(()));
        let long_tag = format!("<a b=\"{}\"/>", "y".repeat(MAX_TAG_BYTES));
        assert_eq!(scan(long_tag.as_bytes(), false), Err(Fault::Tag));
        let long_text = format!("<a>{}</a>", "z".repeat(MAX_TEXT_XML_BYTES as usize + 1));
        assert_eq!(scan(long_text.as_bytes(), false), Err(Fault::Text));
    }

    #[test]
    fn b16_n1_shared_string_count_must_not_exceed_the_strings_held() {
        let lie = br#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1000000000000"><si><t>a</t></si></sst>"#;
        assert_eq!(scan(lie, true), Err(Fault::Count(1_000_000_000_000, 1)));
        let honest = br#"<sst count="2" uniqueCount = '2'><si><t>a</t></si><si/></sst>"#;
        assert_eq!(scan(honest, true), Ok(()));
        assert_eq!(unique_count(b"sst xUniqueCount=\"9\" uniqueCount=\"3\""), Some(3));
    }

    #[test]
    fn b16_n1_a_worksheet_under_any_name_the_workbook_points_at_is_scanned() {
        let big = "x".repeat(MAX_CELL_XML_BYTES as usize + 10);
        let sheet = format!(
            "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>{big}</t></is></c></row></sheetData></worksheet>"
        );
        let rels = br#"<Relationships><Relationship Id="rId1" Target="media/sheet.png"/></Relationships>"#;
        let bytes = zip_with(&[("xl/_rels/workbook.xml.rels", rels), ("xl/media/sheet.png", sheet.as_bytes())]);
        let e = check("t.xlsx", Cursor::new(bytes), u64::MAX, &|e| broken_xlsx("t.xlsx", e)).unwrap_err().to_api();
        assert!(e.message.contains("单元格的内容超过 64 KB"), "{}", e.message);
        // a real image under xl/media is not parsed and not scanned
        let image: Vec<u8> = (0..200_000u32).map(|i| if i % 3 == 0 { 0 } else { 0xFF }).collect();
        let bytes = zip_with(&[("xl/media/image1.png", &image)]);
        check("t.xlsx", Cursor::new(bytes), u64::MAX, &|e| broken_xlsx("t.xlsx", e)).unwrap();
    }

    #[test]
    fn b16_n1_every_xlsx_read_goes_through_this_module() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        walk(&src, &mut files);
        assert!(files.len() > 20, "{files:?}");
        let this = src.join("xlsx_reader.rs");
        // a backup archive is a zip but no workbook: backup.rs reads it member by member against its
        // manifest's sizes and SHA-256 sums (B-20), so it opens the zip itself and nothing else may
        let backup = src.join("backup.rs");
        for f in files.iter().filter(|f| **f != this) {
            let text = std::fs::read_to_string(f).unwrap();
            for opener in ["Xlsx::new(", "open_workbook", "ZipArchive::new(", "Xlsx<_> ="] {
                if *f == backup && opener == "ZipArchive::new(" {
                    continue;
                }
                assert!(
                    !text.contains(opener),
                    "{} opens an XLSX itself ({opener}): use xlsx_reader::open",
                    f.display()
                );
            }
        }
    }
}
