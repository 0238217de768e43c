//! N-1: the note data of staff accounts, as exported from the Xiaohongshu platform (CSV in UTF-8 or
//! GBK/GB18030, or XLSX), read as a file: recognising the columns, a preview, and streaming the rows as
//! checked records. Nothing here touches the database; the import service writes what this reads.
//!
//! The format is found by content, not by the file name. CSV is read through a streaming decoder (a million
//! rows never sit in memory at once); XLSX is checked against zip bombs before calamine opens it and is read
//! cell by cell on a helper thread. File-level faults (an over-long cell, too many rows, an unreadable
//! encoding, I/O) stop the whole file; a row that breaks a rule becomes a `RowError` and the rest go on.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;
use std::sync::mpsc;

use calamine::{DataRef, ExcelDateTime, Reader, SheetType, Xlsx};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use encoding_rs::{Decoder, DecoderResult, GB18030};
use serde::{Deserialize, Serialize};

use crate::clock;
use crate::error::{CoreError, CoreResult};
use crate::xlsx_reader::{self, broken_xlsx};

/// The longest cell accepted, in characters; a longer one stops the whole file.
pub const MAX_CELL_CHARS: usize = 2_000;
/// The most data rows in one file.
pub const MAX_ROWS: i64 = 2_000_000;
/// The longest line of a CSV file, in bytes (after decoding to UTF-8).
pub const MAX_LINE_BYTES: usize = 1024 * 1024;
/// An XLSX file may unpack to at most this many bytes in all.
pub const MAX_XLSX_UNPACKED: u64 = 512 * 1024 * 1024;
/// Rows shown in the preview.
pub const SAMPLE_ROWS: usize = 5;

/// XLSX columns past this one are ignored (their cells are still checked for length).
const MAX_COLUMNS: usize = 1024;
const CHUNK: usize = 64 * 1024;
/// Bytes looked at, from the first non-ASCII byte on, to tell UTF-8 from GB18030.
const DECIDE_BYTES: usize = 4096;

/// A column of the export that KOS Desk understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    NoteId,
    NoteLink,
    Title,
    NoteType,
    PublishedAt,
    XhsId,
    Exposure,
    Reads,
    Likes,
    Collects,
    Comments,
    /// 互动量 as the file gives it: stored as a total when the file lacks 点赞/收藏/评论 (I-1, I-2, I-3)
    Interactions,
    Shares,
    FollowsGained,
    ReadUv,
    AvgViewSecs,
    Video5sRate,
    Image3sRate,
    VideoSecs,
    /// 账号昵称: refreshes the account's nickname, dated by the import (U-2)
    Nickname,
    /// 粉丝数: refreshes the account's followers, dated by the import (U-2, S-2)
    Followers,
}

impl Field {
    pub const ALL: [Field; FIELDS] = [
        Field::NoteId,
        Field::NoteLink,
        Field::Title,
        Field::NoteType,
        Field::PublishedAt,
        Field::XhsId,
        Field::Exposure,
        Field::Reads,
        Field::Likes,
        Field::Collects,
        Field::Comments,
        Field::Interactions,
        Field::Shares,
        Field::FollowsGained,
        Field::ReadUv,
        Field::AvgViewSecs,
        Field::Video5sRate,
        Field::Image3sRate,
        Field::VideoSecs,
        Field::Nickname,
        Field::Followers,
    ];

    pub fn label_zh(self) -> &'static str {
        match self {
            Field::NoteId => "笔记ID",
            Field::NoteLink => "笔记链接",
            Field::Title => "笔记标题",
            Field::NoteType => "笔记类型",
            Field::PublishedAt => "发布时间",
            Field::XhsId => "小红书号",
            Field::Exposure => "曝光量",
            Field::Reads => "阅读量",
            Field::Likes => "点赞数",
            Field::Collects => "收藏数",
            Field::Comments => "评论数",
            Field::Interactions => "互动量",
            Field::Shares => "分享数",
            Field::FollowsGained => "涨粉数",
            Field::ReadUv => "阅读UV",
            Field::AvgViewSecs => "平均浏览时长",
            Field::Video5sRate => "视频5s播放率",
            Field::Image3sRate => "图文3s阅读率",
            Field::VideoSecs => "视频总时长",
            Field::Nickname => "账号昵称",
            Field::Followers => "粉丝数",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Field::NoteId => "Note ID",
            Field::NoteLink => "Note link",
            Field::Title => "Title",
            Field::NoteType => "Note type",
            Field::PublishedAt => "Published at",
            Field::XhsId => "Xiaohongshu ID",
            Field::Exposure => "Exposure",
            Field::Reads => "Reads",
            Field::Likes => "Likes",
            Field::Collects => "Collects",
            Field::Comments => "Comments",
            Field::Interactions => "Interactions",
            Field::Shares => "Shares",
            Field::FollowsGained => "Follows gained",
            Field::ReadUv => "Read UV",
            Field::AvgViewSecs => "Average view time (s)",
            Field::Video5sRate => "Video 5 s play rate",
            Field::Image3sRate => "Image 3 s read rate",
            Field::VideoSecs => "Video length (s)",
            Field::Nickname => "Account nickname",
            Field::Followers => "Followers",
        }
    }

    /// Header names, normalised as by `normalise_header` (the English forms are the snake/space forms of
    /// the variant name, with `_`, `-` and spaces dropped).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::NoteId => &["笔记id", "noteid"],
            Field::NoteLink => &["笔记链接", "链接", "笔记url", "notelink"],
            Field::Title => &["笔记标题", "标题", "笔记名称", "title"],
            Field::NoteType => &["笔记类型", "体裁", "类型", "笔记体裁", "notetype"],
            Field::PublishedAt => &["发布时间", "笔记发布时间", "发布日期", "笔记发布日期", "publishedat"],
            Field::XhsId => &["小红书号", "作者小红书号", "员工小红书号", "账号小红书号", "xhsid"],
            Field::Exposure => &["曝光量", "曝光", "曝光数", "exposure"],
            Field::Reads => &["阅读量", "阅读", "阅读数", "观看量", "reads"],
            Field::Likes => &["点赞", "点赞量", "点赞数", "likes"],
            Field::Collects => &["收藏", "收藏量", "收藏数", "collects"],
            Field::Comments => &["评论", "评论量", "评论数", "comments"],
            Field::Interactions => &["互动量", "互动数", "互动总数", "interactions"],
            Field::Shares => &["分享", "分享量", "分享数", "shares"],
            Field::FollowsGained => &["涨粉", "涨粉量", "涨粉数", "followsgained"],
            Field::ReadUv => &["阅读uv", "阅读人数", "readuv"],
            Field::AvgViewSecs => &["平均浏览时长", "平均阅读时长", "平均观看时长", "avgviewsecs"],
            // the deck's N-8 headers (视频笔记5s播放率, 图文笔记3s阅读率) are what 数据中心 writes
            Field::Video5sRate => &["视频5s播放率", "视频笔记5s播放率", "5s播放率", "5s完播率", "video5srate"],
            Field::Image3sRate => &["图文3s阅读率", "图文笔记3s阅读率", "3s阅读率", "image3srate"],
            Field::VideoSecs => &["视频总时长", "视频时长", "videosecs"],
            Field::Nickname => &["账号昵称", "昵称", "作者昵称", "nickname"],
            Field::Followers => &["粉丝数", "粉丝量", "账号粉丝数", "作者粉丝数", "followers"],
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// How many fields there are.
pub const FIELDS: usize = 21;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    CsvUtf8,
    CsvGb18030,
    Xlsx,
}

/// What the preview shows before anything is written.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct FilePreview {
    pub format: FileFormat,
    pub headers: Vec<String>,
    /// per column: the recognised field, or None (unknown column, ignored unless mapped by hand)
    pub mapping: Vec<Option<Field>>,
    /// first rows as text (at most 5), for the preview table
    pub sample: Vec<Vec<String>>,
    /// required fields not found by the mapping; import refuses while non-empty
    pub missing: Vec<Field>,
    /// data rows in the file (after the header, blank rows not counted)
    pub rows: i64,
    /// N-1: every column no field is mapped to, with a warning (its data would be dropped) and the field it
    /// most likely holds, for one-click mapping
    pub unmapped: Vec<UnmappedColumn>,
}

/// A column of the file that the mapping leaves out: the import ignores its data.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct UnmappedColumn {
    /// 0-based column index in the header row
    pub index: u32,
    /// the header as in the file ("第 N 列" when empty)
    pub header: String,
    /// a field not mapped yet whose name the header resembles
    pub suggestion: Option<Field>,
    pub warning: String,
    pub warning_en: String,
}

/// One parsed, valid row.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteRecord {
    /// 1-based row number as a spreadsheet shows it (header = 1)
    pub line: i64,
    /// 24 lowercase hex characters
    pub note_id: String,
    pub title: String,
    /// "video" or "image"
    pub note_type: &'static str,
    /// RFC 3339 UTC, seconds, 'Z'; the file's times are Asia/Shanghai local time
    pub published_at: String,
    /// 小红书号, trimmed
    pub xhs_id: String,
    /// Counters: `None` when the file has no such column (an empty cell or a dash in a column the file has
    /// is 0, as the platform leaves zeros empty — except 点赞/收藏/评论 beside a given 互动量, which are then
    /// unknown parts of that total).
    pub exposure: Option<i64>,
    pub reads: Option<i64>,
    pub likes: Option<i64>,
    pub collects: Option<i64>,
    pub comments: Option<i64>,
    /// 互动量 as the file gives it; with all three parts it must equal their sum (or their sum with shares)
    pub interactions: Option<i64>,
    pub shares: Option<i64>,
    pub follows_gained: Option<i64>,
    /// 阅读UV is derived by the platform: `None` when the column is missing or the cell is empty or a dash
    pub read_uv: Option<i64>,
    pub avg_view_secs: Option<f64>,
    /// fraction 0..=1
    pub video_5s_rate: Option<f64>,
    /// fraction 0..=1
    pub image_3s_rate: Option<f64>,
    pub video_secs: Option<i64>,
    /// the account's nickname and followers as the export shows them (U-2, S-2)
    pub nickname: Option<String>,
    pub followers: Option<i64>,
}

/// Why a row was rejected (shown in the row report).
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct RowError {
    pub line: i64,
    /// the column's header text as in the file
    pub column: Option<String>,
    pub reason: String,
    pub reason_en: String,
}

// ---------------------------------------------------------------------------------------------------------
// Headers

/// A header as compared: BOM, spaces (half- and full-width), `_`, `-` and `*` dropped, full-width ASCII made
/// half-width, English lower-cased, and a trailing unit in brackets (`平均浏览时长（秒）`) cut off.
fn normalise_header(h: &str) -> String {
    let mut s = String::with_capacity(h.len());
    for c in h.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_whitespace() || matches!(c, '\u{FEFF}' | '_' | '-' | '*') {
            continue;
        }
        s.push(c.to_ascii_lowercase());
    }
    if s.ends_with(')') {
        if let Some(i) = s.rfind('(') {
            if i > 0 {
                s.truncate(i);
            }
        }
    }
    s
}

/// The field a header names, if any.
pub fn recognise_header(header: &str) -> Option<Field> {
    let n = normalise_header(header);
    Field::ALL.into_iter().find(|f| f.aliases().contains(&n.as_str()))
}

/// The automatic mapping of a header row: a field named by two columns goes to the first.
pub fn auto_mapping(headers: &[String]) -> Vec<Option<Field>> {
    let mut seen = [false; FIELDS];
    headers
        .iter()
        .map(|h| {
            let f = recognise_header(h)?;
            if seen[f.index()] {
                return None;
            }
            seen[f.index()] = true;
            Some(f)
        })
        .collect()
}

/// Required fields a mapping lacks: `NoteId` stands for "note ID or note link", then `Title`, `NoteType`,
/// `PublishedAt`, `XhsId`, and `Interactions` for "互动量, or 点赞 + 收藏 + 评论": interactions (I-1, I-2, I-3,
/// N-4) must come from the file, never be taken as 0.
pub fn missing_fields(mapping: &[Option<Field>]) -> Vec<Field> {
    let has = |f: Field| mapping.contains(&Some(f));
    let mut out = Vec::new();
    if !has(Field::NoteId) && !has(Field::NoteLink) {
        out.push(Field::NoteId);
    }
    for f in [Field::Title, Field::NoteType, Field::PublishedAt, Field::XhsId] {
        if !has(f) {
            out.push(f);
        }
    }
    let parts = has(Field::Likes) && has(Field::Collects) && has(Field::Comments);
    if !(has(Field::Interactions) || parts) {
        out.push(Field::Interactions);
    }
    out
}

/// How a missing required field is named to people.
pub fn missing_label(f: Field) -> (&'static str, &'static str) {
    match f {
        Field::NoteId => ("笔记ID（或笔记链接）", "Note ID (or note link)"),
        Field::Interactions => {
            ("互动量（或点赞、收藏、评论三列）", "Interactions (or the three columns likes, collects and comments)")
        }
        _ => (f.label_zh(), f.label_en()),
    }
}

/// The columns a mapping leaves out, each with its warning and a likely field (one not mapped yet whose name
/// the header contains, or that contains the header).
pub fn unmapped_columns(headers: &[String], mapping: &[Option<Field>]) -> Vec<UnmappedColumn> {
    let taken: Vec<Field> = mapping.iter().flatten().copied().collect();
    let mut offered: Vec<Field> = Vec::new();
    let mut out = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if mapping.get(i).copied().flatten().is_some() {
            continue;
        }
        let header = if h.trim().is_empty() { format!("第 {} 列", i + 1) } else { h.clone() };
        let n = normalise_header(h);
        let suggestion = (n.chars().count() >= 2)
            .then(|| {
                Field::ALL.into_iter().find(|f| {
                    !taken.contains(f)
                        && !offered.contains(f)
                        && f.aliases()
                            .iter()
                            .any(|a| a.chars().count() >= 2 && (n.contains(a) || a.contains(n.as_str())))
                })
            })
            .flatten();
        if let Some(f) = suggestion {
            offered.push(f);
        }
        out.push(UnmappedColumn {
            index: u32::try_from(i).unwrap_or(u32::MAX),
            warning: format!("「{header}」列未对应任何字段，导入时这一列的数据会被忽略"),
            warning_en: format!("Column \"{header}\" is not mapped to any field: its data will be ignored"),
            header,
            suggestion,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------------------
// File-level errors

fn file_err(path: &str, zh: impl Into<String>, en: impl Into<String>) -> CoreError {
    CoreError::File { path: path.to_string(), reason_zh: zh.into(), reason_en: en.into() }
}

const ENCODING_ZH: &str = "文件编码无法识别：请另存为 UTF-8 或 GBK 编码的 CSV，或 XLSX";
const ENCODING_EN: &str = "The file's text encoding is not recognised: save it as a UTF-8 or GBK CSV, or as XLSX";

fn encoding_err(path: &str, near_line: Option<i64>) -> CoreError {
    match near_line {
        Some(n) if n > 1 => {
            file_err(path, format!("{ENCODING_ZH}（第 {n} 行附近）"), format!("{ENCODING_EN} (near row {n})"))
        }
        _ => file_err(path, ENCODING_ZH, ENCODING_EN),
    }
}

fn too_long(path: &str, line: i64, column: &str, chars: usize) -> CoreError {
    file_err(
        path,
        format!("第 {line} 行「{column}」有 {chars} 个字符，超过 {MAX_CELL_CHARS} 字上限：文件可能已损坏，未导入任何内容"),
        format!(
            "Row {line}, column \"{column}\" has {chars} characters, over the limit of {MAX_CELL_CHARS}: the file may be damaged; nothing was imported"
        ),
    )
}

fn record_too_long(path: &str, row: i64) -> CoreError {
    file_err(
        path,
        format!("第 {row} 行超过 1 MB（可能是一个过长的单元格，或引号没有闭合）：文件可能已损坏，未导入任何内容"),
        format!(
            "Row {row} is over 1 MB (an over-long cell, or a quote left open): the file may be damaged; nothing was imported"
        ),
    )
}

fn read_err(path: &str, e: impl std::fmt::Display) -> CoreError {
    file_err(path, format!("无法读取文件：{path}（{e}）"), format!("Cannot read the file {path} ({e})"))
}

// ---------------------------------------------------------------------------------------------------------
// CSV text: UTF-8 (with or without BOM) or GB18030, decided by content, decoded as it streams

#[derive(Debug)]
enum TextFault {
    Encoding,
    LineTooLong,
    /// a record (a spreadsheet row, quoted line breaks included) over `MAX_LINE_BYTES`; its row number
    RecordTooLong(i64),
}

impl std::fmt::Display for TextFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextFault::Encoding => f.write_str("unrecognised text encoding"),
            TextFault::LineTooLong => f.write_str("line over 1 MB"),
            TextFault::RecordTooLong(row) => write!(f, "row {row} over 1 MB"),
        }
    }
}

impl std::error::Error for TextFault {}

fn fault(kind: TextFault) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, kind)
}

enum Mode {
    /// only ASCII so far (the same in both encodings)
    Undecided,
    Utf8,
    Gb18030(Box<Decoder>),
}

/// A `Read` that turns the file's bytes into UTF-8 text: it passes UTF-8 through (the csv reader checks it),
/// decodes GB18030 chunk by chunk, drops a UTF-8 BOM and refuses lines over `MAX_LINE_BYTES`.
struct TextReader<R> {
    inner: R,
    raw: Vec<u8>,
    raw_pos: usize,
    eof: bool,
    started: bool,
    finished: bool,
    mode: Mode,
    out: Vec<u8>,
    out_pos: usize,
    since_newline: usize,
}

impl<R: Read> TextReader<R> {
    fn new(inner: R) -> Self {
        TextReader {
            inner,
            raw: Vec::with_capacity(2 * CHUNK),
            raw_pos: 0,
            eof: false,
            started: false,
            finished: false,
            mode: Mode::Undecided,
            out: Vec::with_capacity(2 * CHUNK),
            out_pos: 0,
            since_newline: 0,
        }
    }

    fn format(&self) -> FileFormat {
        match self.mode {
            Mode::Gb18030(_) => FileFormat::CsvGb18030,
            _ => FileFormat::CsvUtf8,
        }
    }

    /// Appends the next chunk of the file to `raw`.
    fn read_raw(&mut self) -> io::Result<()> {
        if self.raw_pos > 0 {
            self.raw.drain(..self.raw_pos);
            self.raw_pos = 0;
        }
        let len = self.raw.len();
        self.raw.resize(len + CHUNK, 0);
        loop {
            match self.inner.read(&mut self.raw[len..]) {
                Ok(n) => {
                    self.raw.truncate(len + n);
                    self.eof = n == 0;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.raw.truncate(len);
                    return Err(e);
                }
            }
        }
    }

    fn emit_raw(&mut self, n: usize) -> io::Result<usize> {
        let start = self.out.len();
        self.out.extend_from_slice(&self.raw[self.raw_pos..self.raw_pos + n]);
        self.raw_pos += n;
        self.check_lines(start)?;
        Ok(n)
    }

    fn check_lines(&mut self, start: usize) -> io::Result<()> {
        let new = &self.out[start..];
        match new.iter().position(|&b| b == b'\n') {
            None => self.since_newline += new.len(),
            Some(first) => {
                if self.since_newline + first > MAX_LINE_BYTES {
                    return Err(fault(TextFault::LineTooLong));
                }
                let last = new.iter().rposition(|&b| b == b'\n').unwrap_or(first);
                self.since_newline = new.len() - last - 1;
            }
        }
        if self.since_newline > MAX_LINE_BYTES {
            return Err(fault(TextFault::LineTooLong));
        }
        Ok(())
    }

    /// Appends decoded text to `out`; returns how many bytes (0 only at the end of the file).
    fn produce(&mut self) -> io::Result<usize> {
        loop {
            if self.raw_pos == self.raw.len() && !self.eof {
                self.read_raw()?;
                continue;
            }
            let avail = self.raw.len() - self.raw_pos;
            match &mut self.mode {
                Mode::Undecided => {
                    if !self.started {
                        if avail < 3 && !self.eof {
                            self.read_raw()?;
                            continue;
                        }
                        self.started = true;
                        if self.raw[self.raw_pos..].starts_with(b"\xEF\xBB\xBF") {
                            self.raw_pos += 3;
                            self.mode = Mode::Utf8;
                            continue;
                        }
                    }
                    if avail == 0 {
                        return Ok(0);
                    }
                    let data = &self.raw[self.raw_pos..];
                    match data.iter().position(|b| !b.is_ascii()) {
                        None => return self.emit_raw(avail),
                        Some(0) => {
                            if avail < DECIDE_BYTES && !self.eof {
                                self.read_raw()?;
                                continue;
                            }
                            self.mode = decide(data);
                        }
                        Some(i) => return self.emit_raw(i),
                    }
                }
                Mode::Utf8 => {
                    if avail == 0 {
                        return Ok(0);
                    }
                    return self.emit_raw(avail);
                }
                Mode::Gb18030(decoder) => {
                    if self.finished {
                        return Ok(0);
                    }
                    let last = self.eof;
                    let start = self.out.len();
                    let need = decoder.max_utf8_buffer_length_without_replacement(avail).unwrap_or(4 * avail).max(16);
                    self.out.resize(start + need, 0);
                    let (result, read, written) = decoder.decode_to_utf8_without_replacement(
                        &self.raw[self.raw_pos..],
                        &mut self.out[start..],
                        last,
                    );
                    self.out.truncate(start + written);
                    self.raw_pos += read;
                    match result {
                        DecoderResult::Malformed(..) => return Err(fault(TextFault::Encoding)),
                        DecoderResult::InputEmpty if last => self.finished = true,
                        DecoderResult::InputEmpty | DecoderResult::OutputFull => {}
                    }
                    if written > 0 {
                        self.check_lines(start)?;
                        return Ok(written);
                    }
                    if self.finished {
                        return Ok(0);
                    }
                }
            }
        }
    }

    /// The first line with content, without consuming it (to choose the delimiter).
    fn first_line(&mut self) -> io::Result<Vec<u8>> {
        loop {
            let pending = &self.out[self.out_pos..];
            let mut from = 0;
            while let Some(i) = pending[from..].iter().position(|&b| b == b'\n') {
                let line = &pending[from..from + i];
                if line.iter().any(|b| !b.is_ascii_whitespace()) {
                    return Ok(line.to_vec());
                }
                from += i + 1;
            }
            if pending.len() > 4 * MAX_LINE_BYTES || self.produce()? == 0 {
                return Ok(self.out[self.out_pos..].to_vec());
            }
        }
    }
}

fn decide(data: &[u8]) -> Mode {
    match std::str::from_utf8(data) {
        Ok(_) => Mode::Utf8,
        // cut in the middle of a character at the end of what was read
        Err(e) if e.error_len().is_none() => Mode::Utf8,
        Err(_) => Mode::Gb18030(Box::new(GB18030.new_decoder_without_bom_handling())),
    }
}

impl<R: Read> Read for TextReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out_pos == self.out.len() {
            self.out.clear();
            self.out_pos = 0;
            if self.produce()? == 0 {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.out.len() - self.out_pos);
        buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
        self.out_pos += n;
        Ok(n)
    }
}

/// A CSV file's input as one stream of bytes, whatever it is read from.
type CsvInput = Box<dyn Read + Send>;

/// A `Read` between the decoded text and the csv reader that follows records as the csv reader splits them
/// (quotes with doubled quotes inside, a quote opening a field only at its start, CR, LF or CRLF ending a
/// record outside quotes) and fails as soon as one record passes `MAX_LINE_BYTES`. The csv reader buffers a
/// whole record before it hands it over, so without this a 400 MB quoted cell (line breaks inside keep the
/// line check quiet) sat in memory before its length was checked; now at most 1 MB does.
struct RecordGuard<R> {
    inner: R,
    delimiter: u8,
    /// bytes of the current record so far (terminators not counted)
    record: usize,
    /// records ended so far, empty ones included (as a spreadsheet numbers its rows)
    rows: i64,
    field_start: bool,
    in_quotes: bool,
    /// a quote seen inside a quoted field: either an escaped quote (another follows) or the field's end
    quote_pending: bool,
    after_cr: bool,
}

impl<R: Read> RecordGuard<R> {
    fn new(inner: R, delimiter: u8) -> Self {
        RecordGuard {
            inner,
            delimiter,
            record: 0,
            rows: 0,
            field_start: true,
            in_quotes: false,
            quote_pending: false,
            after_cr: false,
        }
    }

    fn scan(&mut self, bytes: &[u8]) -> io::Result<()> {
        for &b in bytes {
            if self.in_quotes {
                self.after_cr = false;
                if self.quote_pending {
                    self.quote_pending = false;
                    if b == b'"' {
                        self.count()?;
                        continue;
                    }
                    self.in_quotes = false;
                } else {
                    if b == b'"' {
                        self.quote_pending = true;
                    }
                    self.count()?;
                    continue;
                }
            }
            match b {
                b'\n' if self.after_cr => self.after_cr = false,
                b'\n' | b'\r' => {
                    self.rows += 1;
                    self.record = 0;
                    self.field_start = true;
                    self.after_cr = b == b'\r';
                }
                _ => {
                    self.after_cr = false;
                    if b == self.delimiter {
                        self.field_start = true;
                    } else {
                        if b == b'"' && self.field_start {
                            self.in_quotes = true;
                        }
                        self.field_start = false;
                    }
                    self.count()?;
                }
            }
        }
        Ok(())
    }

    fn count(&mut self) -> io::Result<()> {
        self.record += 1;
        if self.record > MAX_LINE_BYTES {
            return Err(fault(TextFault::RecordTooLong(self.rows + 1)));
        }
        Ok(())
    }
}

impl<R: Read> Read for RecordGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.scan(&buf[..n])?;
        Ok(n)
    }
}

struct CsvSource {
    reader: csv::Reader<RecordGuard<TextReader<CsvInput>>>,
    record: csv::StringRecord,
    /// spreadsheet row of the current record
    row: i64,
    /// the csv reader's line count after the previous record
    next_line: u64,
}

impl CsvSource {
    fn advance(&mut self, path: &str) -> CoreResult<Option<i64>> {
        match self.reader.read_record(&mut self.record) {
            Ok(true) => {
                // the csv reader skips empty lines, which a spreadsheet shows as empty rows: the lines it
                // consumed beyond the record's own are those
                let after = self.reader.position().line();
                let span = after.saturating_sub(self.next_line);
                let skipped = if span > 1 {
                    let inside = self.record.as_slice().bytes().filter(|&b| b == b'\n').count() as u64;
                    span - 1 - inside.min(span - 1)
                } else {
                    0
                };
                self.row += 1 + i64::try_from(skipped).unwrap_or(0);
                self.next_line = after;
                Ok(Some(self.row))
            }
            Ok(false) => Ok(None),
            Err(e) => Err(self.csv_err(path, e)),
        }
    }

    fn csv_err(&self, path: &str, e: csv::Error) -> CoreError {
        let near = self.row + 1;
        match e.kind() {
            csv::ErrorKind::Utf8 { .. } => encoding_err(path, Some(near)),
            csv::ErrorKind::Io(io) => match io.get_ref().and_then(|x| x.downcast_ref::<TextFault>()) {
                Some(TextFault::Encoding) => encoding_err(path, Some(near)),
                Some(TextFault::LineTooLong) => file_err(
                    path,
                    format!("第 {near} 行附近有一行超过 1 MB：文件可能已损坏，未导入任何内容"),
                    format!("A line near row {near} is over 1 MB: the file may be damaged; nothing was imported"),
                ),
                Some(TextFault::RecordTooLong(row)) => record_too_long(path, *row),
                None => read_err(path, io),
            },
            _ => read_err(path, e),
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// XLSX: checked against zip bombs, then read cell by cell on a helper thread

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

struct XlsxSource {
    rows: mpsc::Receiver<XlsxRow>,
    cells: Vec<String>,
}

fn open_xlsx(path: &str, file: File) -> CoreResult<XlsxSource> {
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

// ---------------------------------------------------------------------------------------------------------
// Either kind of file as rows of text cells

enum Source {
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

    fn cell(&self, i: usize) -> &str {
        match self {
            Source::Csv(c) => c.record.get(i).unwrap_or(""),
            Source::Xlsx(x) => x.cells.get(i).map_or("", String::as_str),
        }
    }

    fn format(&self) -> FileFormat {
        match self {
            Source::Csv(c) => c.reader.get_ref().inner.format(),
            Source::Xlsx(_) => FileFormat::Xlsx,
        }
    }
}

struct Table {
    path: String,
    source: Source,
    headers: Vec<String>,
    data_rows: i64,
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

fn empty_file(path: &str) -> CoreError {
    file_err(path, "文件是空的：没有表头，也没有数据行", "The file is empty: no header and no data rows")
}

fn header_only(path: &str) -> CoreError {
    file_err(path, "文件只有表头，没有数据行", "The file has a header row but no data rows")
}

impl Table {
    fn open(path: &Path) -> CoreResult<Table> {
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
    fn csv(shown: String, input: CsvInput) -> CoreResult<Table> {
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

    fn column_name(&self, i: usize) -> String {
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
    fn next_row(&mut self) -> CoreResult<Option<i64>> {
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

// ---------------------------------------------------------------------------------------------------------
// Preview and rows

/// Reads the whole file (streaming): its format, header row, the automatic mapping, the first rows, the
/// required fields the mapping lacks and the number of data rows. File-level faults (encoding, an over-long
/// cell, too many rows, a damaged or oversized XLSX, an empty file or one with only a header) are errors.
pub fn preview(path: &Path) -> CoreResult<FilePreview> {
    let mut table = Table::open(path)?;
    let width = table.headers.len();
    let mut sample = Vec::new();
    while table.next_row()?.is_some() {
        if sample.len() < SAMPLE_ROWS {
            sample.push((0..width).map(|i| table.source.cell(i).trim().to_string()).collect());
        }
    }
    if table.data_rows == 0 {
        return Err(header_only(&table.path));
    }
    let mapping = auto_mapping(&table.headers);
    let missing = missing_fields(&mapping);
    let unmapped = unmapped_columns(&table.headers, &mapping);
    Ok(FilePreview {
        format: table.source.format(),
        headers: table.headers,
        mapping,
        sample,
        missing,
        rows: table.data_rows,
        unmapped,
    })
}

/// Streams the rows with the given mapping (one entry per column, as in FilePreview::mapping, possibly edited
/// by hand; a field mapped twice goes to the first column). Refuses a mapping whose length differs from the
/// file's header row (the file changed since the preview) or that lacks a required field.
pub fn open(path: &Path, mapping: &[Option<Field>]) -> CoreResult<NoteRows> {
    let table = Table::open(path)?;
    if mapping.len() != table.headers.len() {
        return Err(CoreError::invalid(
            "mapping",
            format!(
                "列对应关系有 {} 列，文件表头有 {} 列：文件可能已被修改，请重新预览",
                mapping.len(),
                table.headers.len()
            ),
            format!(
                "The column mapping has {} columns but the file's header has {}: the file may have changed; preview it again",
                mapping.len(),
                table.headers.len()
            ),
        ));
    }
    let missing = missing_fields(mapping);
    if !missing.is_empty() {
        let zh: Vec<&str> = missing.iter().map(|f| missing_label(*f).0).collect();
        let en: Vec<&str> = missing.iter().map(|f| missing_label(*f).1).collect();
        return Err(CoreError::invalid(
            "mapping",
            format!("缺少必需的列：{}。请在列对应中指定", zh.join("、")),
            format!("Required columns are missing: {}. Map them by hand", en.join(", ")),
        ));
    }
    let mut columns = [None; FIELDS];
    for (i, f) in mapping.iter().enumerate() {
        if let Some(f) = f {
            if columns[f.index()].is_none() {
                columns[f.index()] = Some(i);
            }
        }
    }
    Ok(NoteRows { table, columns, done: false, published_until: None })
}

/// The rows of a note file: `Err` (outer) is a file-level failure that ends the file — nothing of it should
/// be kept — `Ok(Err(RowError))` a rejected row, `Ok(Ok(NoteRecord))` a valid one. Blank rows are skipped.
pub struct NoteRows {
    table: Table,
    columns: [Option<usize>; FIELDS],
    done: bool,
    /// a publish time after this (the end of the file's data date, or now) is refused
    published_until: Option<(DateTime<Utc>, String, String)>,
}

impl std::fmt::Debug for NoteRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NoteRows")
            .field("path", &self.table.path)
            .field("headers", &self.table.headers)
            .field("rows_read", &self.table.data_rows)
            .finish()
    }
}

impl Iterator for NoteRows {
    type Item = CoreResult<Result<NoteRecord, RowError>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.table.next_row() {
            Ok(Some(line)) => Some(Ok(self.parse(line))),
            Ok(None) => {
                self.done = true;
                (self.table.data_rows == 0).then(|| Err(header_only(&self.table.path)))
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

struct Bad(String, String);

impl NoteRecord {
    /// 点赞 + 收藏 + 评论 when the file gives all three.
    pub fn parts_sum(&self) -> Option<i64> {
        Some(self.likes? + self.collects? + self.comments?)
    }

    /// Interactions: the parts' sum when all are given, else 互动量 as given.
    pub fn interactions_known(&self) -> Option<i64> {
        self.parts_sum().or(self.interactions)
    }
}

/// A cell a spreadsheet export protected against formula injection (`'=…`, `'+…`, `'-…`, `'@…`), as
/// KOS Desk's own CSV exports write it, read back as the text it stands for.
fn unescape_formula(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => s,
    }
}

/// A stored UTC timestamp as Asia/Shanghai local time, for messages.
fn local_text(ts: &str) -> String {
    clock::parse_ts(ts)
        .map(|t| t.with_timezone(&clock::shanghai()).format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|| ts.to_string())
}

impl NoteRows {
    /// Refuses rows published after `until` (the end of the file's data date, or now if earlier); `what` names
    /// that instant in Chinese and English for the row report ("数据日期 2026-11-26 结束时").
    pub fn refuse_published_after(mut self, until: DateTime<Utc>, what_zh: String, what_en: String) -> Self {
        self.published_until = Some((until, what_zh, what_en));
        self
    }

    pub fn format(&self) -> FileFormat {
        self.table.source.format()
    }

    pub fn headers(&self) -> &[String] {
        &self.table.headers
    }

    /// Data rows read so far (blank rows not counted), for progress against `FilePreview::rows`.
    pub fn rows_read(&self) -> i64 {
        self.table.data_rows
    }

    fn col(&self, f: Field) -> Option<usize> {
        self.columns[f.index()]
    }

    fn text(&self, f: Field) -> Option<(usize, &str)> {
        self.col(f).map(|c| (c, self.table.source.cell(c).trim()))
    }

    fn row_err(&self, line: i64, col: usize, bad: Bad) -> RowError {
        RowError { line, column: Some(self.table.column_name(col)), reason: bad.0, reason_en: bad.1 }
    }

    fn parse(&self, line: i64) -> Result<NoteRecord, RowError> {
        let err = |col: usize, bad: Bad| self.row_err(line, col, bad);
        let note_id = self.note_id(line)?;

        let (c, title) = self.text(Field::Title).unwrap_or((0, ""));
        let title = unescape_formula(title);
        if title.is_empty() {
            return Err(err(c, Bad("笔记标题不能为空".into(), "The title is empty".into())));
        }
        let (c, kind) = self.text(Field::NoteType).unwrap_or((0, ""));
        let note_type = parse_note_type(kind).map_err(|b| err(c, b))?;
        let (c, time) = self.text(Field::PublishedAt).unwrap_or((0, ""));
        let published_at = parse_published_at(time).map_err(|b| err(c, b))?;
        if let Some((until, zh, en)) = &self.published_until {
            if published_at.as_str() > crate::clock::ts(*until).as_str() {
                let shown = local_text(&published_at);
                return Err(err(
                    c,
                    Bad(
                        format!("发布时间 {shown} 晚于{zh}：笔记不可能在那之后才发布，请检查发布时间列或数据日期"),
                        format!("Published at {shown}, after {en}: a note cannot be published later than its data; check the publish time column or the data date"),
                    ),
                ));
            }
        }
        let (c, xhs_id) = self.text(Field::XhsId).unwrap_or((0, ""));
        let xhs_id = unescape_formula(xhs_id);
        if xhs_id.is_empty() {
            return Err(err(c, Bad("小红书号不能为空".into(), "The Xiaohongshu ID is empty".into())));
        }

        let count = |f: Field| -> Result<Option<i64>, RowError> {
            match self.text(f) {
                Some((c, s)) => parse_count(s).map(Some).map_err(|b| err(c, b)),
                None => Ok(None),
            }
        };
        // derived by the platform: an empty cell or a dash is unknown, not 0
        let derived = |f: Field| -> Result<Option<i64>, RowError> {
            match self.text(f) {
                Some((_, s)) if s.is_empty() || is_placeholder(s) => Ok(None),
                Some((c, s)) => parse_count(s).map(Some).map_err(|b| err(c, b)),
                None => Ok(None),
            }
        };
        let rate = |f: Field| -> Result<Option<f64>, RowError> {
            match self.text(f) {
                Some((c, s)) => parse_rate(s).map_err(|b| err(c, b)),
                None => Ok(None),
            }
        };
        let secs = |f: Field| -> Result<Option<f64>, RowError> {
            match self.text(f) {
                Some((c, s)) => parse_duration(s).map_err(|b| err(c, b)),
                None => Ok(None),
            }
        };
        let rec = NoteRecord {
            line,
            note_id,
            title: title.to_string(),
            note_type,
            published_at,
            xhs_id: xhs_id.to_string(),
            exposure: count(Field::Exposure)?,
            reads: count(Field::Reads)?,
            likes: derived(Field::Likes)?,
            collects: derived(Field::Collects)?,
            comments: derived(Field::Comments)?,
            interactions: derived(Field::Interactions)?,
            shares: count(Field::Shares)?,
            follows_gained: count(Field::FollowsGained)?,
            read_uv: derived(Field::ReadUv)?,
            avg_view_secs: secs(Field::AvgViewSecs)?,
            video_5s_rate: rate(Field::Video5sRate)?,
            image_3s_rate: rate(Field::Image3sRate)?,
            video_secs: secs(Field::VideoSecs)?.map(|s| s.round() as i64),
            nickname: self
                .text(Field::Nickname)
                .map(|(_, s)| unescape_formula(s).trim())
                .filter(|s| !s.is_empty() && s.chars().count() <= 40)
                .map(str::to_string),
            followers: derived(Field::Followers)?,
        };
        let mut rec = rec;
        // an empty part beside a given 互动量 is a total not split (unknown); without 互动量 it is 0, as the
        // platform leaves zeros empty
        if rec.interactions.is_none() {
            for (f, v) in [
                (Field::Likes, &mut rec.likes),
                (Field::Collects, &mut rec.collects),
                (Field::Comments, &mut rec.comments),
            ] {
                if v.is_none() && self.col(f).is_some() {
                    *v = Some(0);
                }
            }
        }
        self.check_counts(&rec).map_err(|(f, b)| err(self.col(f).unwrap_or(0), b))?;
        Ok(rec)
    }

    /// Counts that cannot be, as the platform reports them: 阅读量 above 曝光量 (a read is an opened
    /// impression), 阅读UV above 阅读量 (a reader reads at least once), 互动量 that is neither the parts' sum
    /// nor the sum with shares, and interactions the row does not give at all.
    fn check_counts(&self, r: &NoteRecord) -> Result<(), (Field, Bad)> {
        if let (Some(e), Some(reads)) = (r.exposure, r.reads) {
            if reads > e {
                return Err((
                    Field::Reads,
                    Bad(
                        format!("阅读量 {reads} 大于曝光量 {e}：平台不会报告这样的数据，请检查这两列是否对应正确"),
                        format!("Reads ({reads}) above exposure ({e}): the platform never reports that; check these two columns' mapping"),
                    ),
                ));
            }
        }
        if let (Some(uv), Some(reads)) = (r.read_uv, r.reads) {
            if uv > reads {
                return Err((
                    Field::ReadUv,
                    Bad(
                        format!("阅读UV {uv} 大于阅读量 {reads}：每位读者至少阅读一次，平台不会报告这样的数据"),
                        format!("Read UV ({uv}) above reads ({reads}): every reader reads at least once; the platform never reports that"),
                    ),
                ));
            }
        }
        match (r.parts_sum(), r.interactions) {
            (Some(sum), Some(total)) if total != sum && Some(total) != r.shares.map(|s| sum + s) => Err((
                Field::Interactions,
                Bad(
                    format!("互动量 {total} 与点赞、收藏、评论之和 {sum} 不一致"),
                    format!("Interactions ({total}) differ from likes + collects + comments ({sum})"),
                ),
            )),
            (None, None) => Err((
                if self.col(Field::Interactions).is_some() { Field::Interactions } else { Field::Likes },
                Bad(
                    "互动量为空，且没有完整的点赞、收藏、评论：互动数未知，不能按 0 导入".into(),
                    "Interactions are empty and likes, collects and comments are not all given: the interactions are unknown and are not imported as 0".into(),
                ),
            )),
            _ => Ok(()),
        }
    }

    /// The note ID from the ID column, else from the link column; both given and different is an error.
    fn note_id(&self, line: i64) -> Result<String, RowError> {
        let err = |col: usize, zh: &str, en: &str| self.row_err(line, col, Bad(zh.into(), en.into()));
        let short = (
            "短链接无法离线解析，请使用完整笔记链接",
            "Short links cannot be resolved offline: use the full note link",
        );
        let id = self.text(Field::NoteId).filter(|(_, s)| !s.is_empty());
        let link = self.text(Field::NoteLink).filter(|(_, s)| !s.is_empty());
        let from_id = match id {
            Some((c, s)) => match note_id_from_link(s) {
                Some(v) => Some(v),
                None if is_short_link(s) => return Err(err(c, short.0, short.1)),
                None => {
                    return Err(err(
                        c,
                        "笔记ID应为 24 位十六进制字符（0-9、a-f）",
                        "The note ID must be 24 hexadecimal characters (0-9, a-f)",
                    ))
                }
            },
            None => None,
        };
        let from_link = match link {
            Some((c, s)) => match note_id_from_link(s) {
                Some(v) => Some((c, v)),
                // the ID column already says which note it is
                None if from_id.is_some() && is_short_link(s) => None,
                None if is_short_link(s) => return Err(err(c, short.0, short.1)),
                None => {
                    return Err(err(
                        c,
                        "无法从笔记链接中识别笔记ID（应为 https://www.xiaohongshu.com/explore/笔记ID 这样的完整链接）",
                        "No note ID found in the link (expected a full link like https://www.xiaohongshu.com/explore/<note ID>)",
                    ))
                }
            },
            None => None,
        };
        match (from_id, from_link) {
            (Some(a), Some((c, b))) if a != b => Err(err(
                c,
                "笔记链接中的笔记ID与「笔记ID」列不一致",
                "The note ID in the link differs from the note ID column",
            )),
            (Some(a), _) => Ok(a),
            (None, Some((_, b))) => Ok(b),
            (None, None) => {
                let c = self.col(Field::NoteId).or(self.col(Field::NoteLink)).unwrap_or(0);
                Err(err(
                    c,
                    "缺少笔记ID（笔记ID和笔记链接都为空）",
                    "The note ID is missing (both note ID and link are empty)",
                ))
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Cell values

fn is_hex24(s: &str) -> bool {
    s.len() == 24 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn is_short_link(s: &str) -> bool {
    s.to_ascii_lowercase().contains("xhslink.com")
}

/// The canonical web link of a note (what exports and boards print).
pub fn note_url(note_id: &str) -> String {
    format!("https://www.xiaohongshu.com/explore/{note_id}")
}

/// The note ID in a note link: `https://www.xiaohongshu.com/explore/<id>`, `/discovery/item/<id>`,
/// `/user/profile/<uid>/<id>`, with or without scheme or `www.`, with query string or fragment; or a bare
/// 24-hex ID. Short links (xhslink.com) and anything else give `None`. The ID comes back lower-cased.
pub fn note_id_from_link(link: &str) -> Option<String> {
    let s = link.trim();
    if is_hex24(s) {
        return Some(s.to_ascii_lowercase());
    }
    let rest = ["https://", "http://", "//"].iter().find_map(|p| strip_prefix_ci(s, p)).unwrap_or(s);
    let (host, path) = rest.split_once('/')?;
    let host = host.split(':').next().unwrap_or(host);
    if !["xiaohongshu.com", "www.xiaohongshu.com", "m.xiaohongshu.com"].iter().any(|h| host.eq_ignore_ascii_case(h)) {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let mut segments = ["", "", "", "", ""];
    let mut n = 0;
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if n == segments.len() {
            return None;
        }
        segments[n] = seg;
        n += 1;
    }
    let is = |i: usize, word: &str| segments[i].eq_ignore_ascii_case(word);
    let id = match n {
        2 if is(0, "explore") => segments[1],
        3 if is(0, "discovery") && is(1, "item") => segments[2],
        4 if is(0, "user") && is(1, "profile") => segments[3],
        _ => return None,
    };
    is_hex24(id).then(|| id.to_ascii_lowercase())
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

fn shown(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

/// Metric cells that mean "no data" in platform exports.
fn is_placeholder(s: &str) -> bool {
    matches!(s, "-" | "--" | "—" | "——" | "/" | "N/A" | "n/a" | "NA")
}

fn parse_note_type(s: &str) -> Result<&'static str, Bad> {
    match s.to_ascii_lowercase().as_str() {
        "视频" | "视频笔记" | "video" => Ok("video"),
        "图文" | "图文笔记" | "image" | "normal" | "普通" => Ok("image"),
        "" => Err(Bad(
            "笔记类型不能为空（应为「视频」或「图文」）".into(),
            "The note type is empty (video or image)".into(),
        )),
        _ => Err(Bad(
            format!("笔记类型「{}」无法识别，应为「视频」或「图文」", shown(s)),
            format!("Unknown note type \"{}\": expected video or image", shown(s)),
        )),
    }
}

/// Counts: `1234`, `1,234`, `1.2万` (12000), `12w`, `3.5k`; empty or a dash is 0.
fn parse_count(s: &str) -> Result<i64, Bad> {
    if s.is_empty() || is_placeholder(s) {
        return Ok(0);
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(v) = s.parse::<i64>() {
            return Ok(v);
        }
    }
    let bad = || {
        Bad(
            format!("应为非负整数，如 1234、1,234 或 1.2万（实际为「{}」）", shown(s)),
            format!("Expected a whole number such as 1234, 1,234 or 1.2万 (got \"{}\")", shown(s)),
        )
    };
    let (num, mult) = if let Some(n) = s.strip_suffix('万') {
        (n, 10_000.0)
    } else if let Some(n) = s.strip_suffix(['w', 'W']) {
        (n, 10_000.0)
    } else if let Some(n) = s.strip_suffix(['k', 'K']) {
        (n, 1_000.0)
    } else {
        (s, 1.0)
    };
    let num: String = num.trim().chars().filter(|c| !matches!(c, ',' | '，')).collect();
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(bad());
    }
    let v: f64 = num.parse().map_err(|_| bad())?;
    if mult == 1.0 && v.fract() != 0.0 {
        return Err(bad());
    }
    let v = (v * mult).round();
    if !(0.0..9.0e15).contains(&v) {
        return Err(bad());
    }
    Ok(v as i64)
}

/// Rates as a fraction 0..=1: `14%`, `14.5%`, `0.145` (a number up to 1 is a fraction, above 1 a percentage).
fn parse_rate(s: &str) -> Result<Option<f64>, Bad> {
    if s.is_empty() || is_placeholder(s) {
        return Ok(None);
    }
    let bad = || {
        Bad(
            format!("应为 0%–100% 之间的比例，如 14.5% 或 0.145（实际为「{}」）", shown(s)),
            format!("Expected a rate between 0% and 100%, such as 14.5% or 0.145 (got \"{}\")", shown(s)),
        )
    };
    let (num, percent) = match s.strip_suffix(['%', '％']) {
        Some(n) => (n.trim(), true),
        None => (s, false),
    };
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(bad());
    }
    let v: f64 = num.parse().map_err(|_| bad())?;
    let v = if percent || v > 1.0 { v / 100.0 } else { v };
    if !(0.0..=1.0).contains(&v) {
        return Err(bad());
    }
    Ok(Some(v))
}

/// Durations in seconds: `12.5`, `12秒`, `12s`, `1:05`, `00:01:05`, `1分5秒`, `1分钟5秒`, `1m5s`.
fn parse_duration(s: &str) -> Result<Option<f64>, Bad> {
    if s.is_empty() || is_placeholder(s) {
        return Ok(None);
    }
    let bad = || {
        Bad(
            format!("时长无法识别，应为秒数或 1:05、1分5秒 这样的形式（实际为「{}」）", shown(s)),
            format!("Unrecognised duration: expected seconds or a form like 1:05 or 1分5秒 (got \"{}\")", shown(s)),
        )
    };
    let number = |t: &str| -> Option<f64> {
        let t = t.trim();
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return None;
        }
        t.parse::<f64>().ok()
    };
    if s.contains(':') {
        let mut total = 0.0;
        let mut parts = 0;
        for p in s.split(':') {
            total = total * 60.0 + number(p).ok_or_else(bad)?;
            parts += 1;
        }
        if parts > 3 {
            return Err(bad());
        }
        return Ok(Some(total));
    }
    let mut total = 0.0;
    let mut rest = s;
    let mut any = false;
    while !rest.is_empty() {
        let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        if end == 0 {
            return Err(bad());
        }
        let v = number(&rest[..end]).ok_or_else(bad)?;
        rest = &rest[end..];
        let unit_end = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len());
        let unit = rest[..unit_end].trim().to_ascii_lowercase();
        rest = &rest[unit_end..];
        let mult = match unit.as_str() {
            "" | "秒" | "秒钟" | "s" | "sec" | "secs" => 1.0,
            "分" | "分钟" | "m" | "min" | "mins" => 60.0,
            "时" | "小时" | "h" => 3600.0,
            _ => return Err(bad()),
        };
        total += v * mult;
        any = true;
    }
    if !any || !total.is_finite() {
        return Err(bad());
    }
    Ok(Some(total))
}

/// Publish times, Asia/Shanghai local unless the text carries an offset: `2026-11-20 10:00:00`,
/// `2026-11-20 10:00`, `2026/11/20 10:00:00`, `2026-11-20` (midnight), `2026年11月20日 10:00`,
/// `2026-11-20T10:00:00+08:00`, or an Excel date serial (`46346.4166`).
fn parse_published_at(s: &str) -> Result<String, Bad> {
    if s.is_empty() {
        return Err(Bad("发布时间不能为空".into(), "The publish time is empty".into()));
    }
    let t = parse_time(s).filter(|t| (2000..2100).contains(&clock::shanghai_date(*t).year())).ok_or_else(|| {
        Bad(
            format!("发布时间「{}」无法识别，应为 2026-11-20 10:00:00 这样的日期时间", shown(s)),
            format!("Unrecognised publish time \"{}\": expected a date and time like 2026-11-20 10:00:00", shown(s)),
        )
    })?;
    Ok(clock::ts(t))
}

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        let serial: f64 = s.parse().ok()?;
        if !(1.0..2_958_466.0).contains(&serial) {
            return None;
        }
        let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
        let local = epoch + Duration::seconds((serial * 86_400.0).round() as i64);
        return Some(from_shanghai(local));
    }
    parse_local_time(s).or_else(|| DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&Utc)))
}

/// `2026-11-20 10:00:00`, `2026/11/20 10:00`, `2026-11-20`, `2026年11月20日 10:00` as Asia/Shanghai time.
fn parse_local_time(s: &str) -> Option<DateTime<Utc>> {
    let replaced;
    let s = if s.is_ascii() {
        s
    } else {
        replaced = s.replace(['年', '月'], "-").replace('日', " ");
        replaced.trim()
    };
    let (date, time) = match s.find([' ', 'T']) {
        Some(i) => (&s[..i], s[i + 1..].trim()),
        None => (s, ""),
    };
    let mut d = date.split(['-', '/', '.']);
    let (y, m, day) = (d.next()?.parse().ok()?, d.next()?.parse().ok()?, d.next()?.parse().ok()?);
    if d.next().is_some() {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y, m, day)?;
    let time = if time.is_empty() {
        NaiveTime::MIN
    } else {
        let mut p = time.split(':');
        let h: u32 = p.next()?.trim().parse().ok()?;
        let mi: u32 = p.next()?.trim().parse().ok()?;
        let sec: f64 = match p.next() {
            Some(x) => {
                let x = x.trim();
                if x.is_empty() || !x.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                    return None;
                }
                x.parse().ok()?
            }
            None => 0.0,
        };
        if p.next().is_some() || !(0.0..60.0).contains(&sec) {
            return None;
        }
        NaiveTime::from_hms_opt(h, mi, sec.floor() as u32)?
    };
    Some(from_shanghai(NaiveDateTime::new(date, time)))
}

fn from_shanghai(local: NaiveDateTime) -> DateTime<Utc> {
    (local - Duration::hours(8)).and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::path::PathBuf;

    const ID: &str = "64b1f0a2c3d4e5f60718293a";
    const ID2: &str = "65c2a1b2c3d4e5f60718293b";
    const HEADER: &str = "笔记ID,笔记标题,笔记类型,发布时间,小红书号,曝光量,阅读量,点赞,收藏,评论,分享,涨粉,阅读UV,\
                          平均浏览时长,视频5s播放率,图文3s阅读率,视频总时长";

    fn row(id: &str, title: &str, kind: &str, time: &str) -> String {
        format!("{id},{title},{kind},{time},95012345678,1.2万,\"1,234\",12w,30,5,0,,88,12.5,14.5%,-,1:05")
    }

    fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn read_all(path: &Path) -> Vec<Result<NoteRecord, RowError>> {
        let p = preview(path).unwrap();
        open(path, &p.mapping).unwrap().map(|r| r.unwrap()).collect()
    }

    fn file_error(e: CoreError) -> String {
        assert_eq!(e.code(), crate::ErrorCode::File, "{e:?}");
        e.to_api().message
    }

    fn check_first(rec: &NoteRecord) {
        assert_eq!(rec.note_id, ID);
        assert_eq!(rec.title, "春季新品");
        assert_eq!(rec.note_type, "video");
        assert_eq!(rec.published_at, "2026-11-20T02:00:00Z");
        assert_eq!(rec.xhs_id, "95012345678");
        assert_eq!(
            (rec.exposure, rec.reads, rec.likes, rec.collects),
            (Some(12_000), Some(1_234), Some(120_000), Some(30))
        );
        assert_eq!((rec.comments, rec.shares, rec.follows_gained, rec.read_uv), (Some(5), Some(0), Some(0), Some(88)));
        assert_eq!((rec.interactions, rec.interactions_known()), (None, Some(120_035)));
        assert_eq!(rec.avg_view_secs, Some(12.5));
        assert_eq!(rec.video_5s_rate, Some(0.145));
        assert_eq!(rec.image_3s_rate, None);
        assert_eq!(rec.video_secs, Some(65));
    }

    fn sample_csv() -> String {
        format!(
            "{HEADER}\n{}\n{}\n",
            row(ID, "春季新品", "视频", "2026-11-20 10:00:00"),
            row(ID2, "门店日常", "图文笔记", "2026/11/20 10:00")
        )
    }

    #[test]
    fn n1_reads_a_utf8_csv() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "notes.txt", sample_csv().as_bytes());
        let p = preview(&path).unwrap();
        assert_eq!(p.format, FileFormat::CsvUtf8);
        assert_eq!(p.rows, 2);
        assert_eq!(p.headers.len(), 17);
        assert!(p.missing.is_empty());
        assert_eq!(p.mapping[0], Some(Field::NoteId));
        assert_eq!(p.mapping[16], Some(Field::VideoSecs));
        assert_eq!(p.sample.len(), 2);
        assert_eq!(p.sample[0][1], "春季新品");
        assert_eq!(p.sample[0][6], "1,234");
        let rows = read_all(&path);
        assert_eq!(rows.len(), 2);
        let first = rows[0].as_ref().unwrap();
        assert_eq!(first.line, 2);
        check_first(first);
        let second = rows[1].as_ref().unwrap();
        assert_eq!((second.line, second.note_type, second.published_at.as_str()), (3, "image", "2026-11-20T02:00:00Z"));
    }

    #[test]
    fn n1_reads_a_utf8_csv_with_bom_and_crlf() {
        let dir = tempfile::tempdir().unwrap();
        let text = sample_csv().replace('\n', "\r\n");
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        let path = write(&dir, "bom.csv", &bytes);
        let p = preview(&path).unwrap();
        assert_eq!(p.format, FileFormat::CsvUtf8);
        assert_eq!(p.headers[0], "笔记ID");
        assert_eq!(p.mapping[0], Some(Field::NoteId));
        let rows = read_all(&path);
        check_first(rows[0].as_ref().unwrap());
        assert_eq!(rows[1].as_ref().unwrap().line, 3);
    }

    #[test]
    fn n1_reads_a_gbk_csv_across_many_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let mut text = format!("{HEADER}\n");
        for i in 0..3000 {
            text.push_str(&row(&format!("{i:024x}"), &format!("春季新品第{i}篇"), "视频", "2026-11-20 10:00:00"));
            text.push('\n');
        }
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err());
        let path = write(&dir, "gbk.csv", &bytes);
        let p = preview(&path).unwrap();
        assert_eq!(p.format, FileFormat::CsvGb18030);
        assert_eq!(p.rows, 3000);
        assert_eq!(p.headers[1], "笔记标题");
        let rows = read_all(&path);
        assert_eq!(rows.len(), 3000);
        let last = rows[2999].as_ref().unwrap();
        assert_eq!(last.title, "春季新品第2999篇");
        assert_eq!(last.line, 3001);
        assert_eq!(last.note_id, format!("{:024x}", 2999));
    }

    #[test]
    fn n1_gbk_found_after_a_long_ascii_start() {
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::from("note_id,title,note_type,published_at,xhs_id,interactions\n");
        for i in 0..5000 {
            text.push_str(&format!("{i:024x},Spring {i},video,2026-11-20,x{i},1\n"));
        }
        text.push_str(&format!("{ID},门店日常,图文,2026-11-20,x,1\n"));
        let (bytes, _, _) = encoding_rs::GBK.encode(&text);
        let path = write(&dir, "late.csv", &bytes);
        let p = preview(&path).unwrap();
        assert_eq!(p.format, FileFormat::CsvGb18030);
        let rows = read_all(&path);
        assert_eq!(rows.last().unwrap().as_ref().unwrap().title, "门店日常");
    }

    #[test]
    fn n1_reads_tab_separated() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "{}\n{ID}\t春季新品\t视频\t2026-11-20 10:00:00\t95012345678\t1,234\t9\n",
            "笔记ID\t笔记标题\t笔记类型\t发布时间\t小红书号\t阅读量\t互动量"
        );
        let path = write(&dir, "tabs.tsv", text.as_bytes());
        let p = preview(&path).unwrap();
        assert_eq!(p.headers.len(), 7);
        assert!(p.missing.is_empty());
        let rows = read_all(&path);
        let r = rows[0].as_ref().unwrap();
        // a column the file lacks is not a 0 (issue 10)
        assert_eq!((r.reads, r.exposure, r.avg_view_secs, r.interactions), (Some(1234), None, None, Some(9)));
    }

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
    fn n1_recognises_header_variants() {
        let cases = [
            (" 笔记 ID ", Field::NoteId),
            ("\u{FEFF}笔记id", Field::NoteId),
            ("Note ID", Field::NoteId),
            ("NOTE_ID", Field::NoteId),
            ("note-link", Field::NoteLink),
            ("链接", Field::NoteLink),
            ("\u{3000}标题\u{3000}", Field::Title),
            ("体裁", Field::NoteType),
            ("Published At", Field::PublishedAt),
            ("作者小红书号", Field::XhsId),
            ("观看量", Field::Reads),
            ("点赞量", Field::Likes),
            ("收藏数", Field::Collects),
            ("评论量", Field::Comments),
            ("分享", Field::Shares),
            ("涨粉数", Field::FollowsGained),
            ("阅读UV", Field::ReadUv),
            ("阅读ｕｖ", Field::ReadUv),
            ("平均浏览时长（秒）", Field::AvgViewSecs),
            ("avg_view_secs", Field::AvgViewSecs),
            ("5s播放率", Field::Video5sRate),
            ("video_5s_rate", Field::Video5sRate),
            ("3s阅读率", Field::Image3sRate),
            ("视频时长", Field::VideoSecs),
            ("笔记标题*", Field::Title),
        ];
        for (h, f) in cases {
            assert_eq!(recognise_header(h), Some(f), "{h}");
        }
        assert_eq!(recognise_header("互动量"), Some(Field::Interactions));
        assert_eq!(recognise_header("备注"), None);
        let headers: Vec<String> = ["标题", "笔记标题", "备注", "阅读"].iter().map(|s| s.to_string()).collect();
        assert_eq!(auto_mapping(&headers), vec![Some(Field::Title), None, None, Some(Field::Reads)]);
        for f in Field::ALL {
            assert_eq!(recognise_header(f.label_zh()), Some(f), "{}", f.label_zh());
            assert!(!f.label_en().is_empty());
        }
    }

    #[test]
    fn n1_missing_required_columns_are_listed_and_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "m.csv", "标题,阅读量,备注\n春季新品,12,x\n".as_bytes());
        let p = preview(&path).unwrap();
        assert_eq!(
            p.missing,
            vec![Field::NoteId, Field::NoteType, Field::PublishedAt, Field::XhsId, Field::Interactions]
        );
        assert_eq!(p.mapping, vec![Some(Field::Title), Some(Field::Reads), None]);
        let e = open(&path, &p.mapping).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::InvalidInput);
        assert!(e.to_api().message.contains("笔记ID（或笔记链接）"), "{}", e.to_api().message);
        // a link column stands in for the ID column
        assert_eq!(missing_fields(&[Some(Field::NoteLink), Some(Field::Title)]).first(), Some(&Field::NoteType));
        // a mapping of another length means the file changed since the preview
        assert_eq!(open(&path, &[Some(Field::Title)]).unwrap_err().code(), crate::ErrorCode::InvalidInput);
    }

    #[test]
    fn n1_mapping_edited_by_hand() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!("编号,名字,形式,时间,作者,互动\n{ID},春季新品,视频,2026-11-20,abc,9\n");
        let path = write(&dir, "hand.csv", text.as_bytes());
        let p = preview(&path).unwrap();
        assert!(p.mapping.iter().all(Option::is_none));
        let mapping = [
            Some(Field::NoteId),
            Some(Field::Title),
            Some(Field::NoteType),
            Some(Field::PublishedAt),
            Some(Field::XhsId),
            Some(Field::Interactions),
        ];
        let rows: Vec<_> = open(&path, &mapping).unwrap().map(|r| r.unwrap().unwrap()).collect();
        assert_eq!((rows[0].interactions, rows[0].published_at.as_str()), (Some(9), "2026-11-19T16:00:00Z"));
        assert_eq!((rows[0].likes, rows[0].parts_sum()), (None, None));
    }

    #[test]
    fn n1_every_row_error_names_its_column() {
        let dir = tempfile::tempdir().unwrap();
        let header = "笔记ID,笔记链接,笔记标题,笔记类型,发布时间,小红书号,点赞,视频5s播放率,平均浏览时长,互动量";
        let link = format!("https://www.xiaohongshu.com/explore/{ID}");
        let ok = |id: &str, link: &str| format!("{id},{link},春季新品,视频,2026-11-20 10:00,abc,1,14%,12,1");
        let lines = [
            (ok("12345", ""), "笔记ID", "24 位十六进制"),
            (ok("", "https://xhslink.com/a/AbCd"), "笔记链接", "短链接无法离线解析，请使用完整笔记链接"),
            (ok("xhslink.com/a/AbCd", ""), "笔记ID", "短链接"),
            (ok(ID2, &link), "笔记链接", "不一致"),
            (ok("", ""), "笔记ID", "缺少笔记ID"),
            (ok("", "https://example.com/explore/x"), "笔记链接", "无法从笔记链接中识别"),
            (format!("{ID},,  ,视频,2026-11-20 10:00,abc,1,14%,12,1"), "笔记标题", "笔记标题不能为空"),
            (format!("{ID},,春季新品,直播,2026-11-20 10:00,abc,1,14%,12,1"), "笔记类型", "无法识别"),
            (format!("{ID},,春季新品,,2026-11-20 10:00,abc,1,14%,12,1"), "笔记类型", "不能为空"),
            (format!("{ID},,春季新品,视频,昨天,abc,1,14%,12,1"), "发布时间", "无法识别"),
            (format!("{ID},,春季新品,视频,2026-13-40,abc,1,14%,12,1"), "发布时间", "无法识别"),
            (format!("{ID},,春季新品,视频,,abc,1,14%,12,1"), "发布时间", "不能为空"),
            (format!("{ID},,春季新品,视频,2026-11-20,  ,1,14%,12,1"), "小红书号", "不能为空"),
            (format!("{ID},,春季新品,视频,2026-11-20,abc,-3,14%,12,1"), "点赞", "非负整数"),
            (format!("{ID},,春季新品,视频,2026-11-20,abc,很多,14%,12,1"), "点赞", "非负整数"),
            (format!("{ID},,春季新品,视频,2026-11-20,abc,1.5,14%,12,1"), "点赞", "非负整数"),
            (format!("{ID},,春季新品,视频,2026-11-20,abc,1,120%,12,1"), "视频5s播放率", "0%–100%"),
            (format!("{ID},,春季新品,视频,2026-11-20,abc,1,-5%,12,1"), "视频5s播放率", "0%–100%"),
            (format!("{ID},,春季新品,视频,2026-11-20,abc,1,14%,很久,1"), "平均浏览时长", "时长无法识别"),
            (format!("{ID},,春季新品,视频,2026-11-20,abc,1,14%,-12,1"), "平均浏览时长", "时长无法识别"),
        ];
        let mut text = format!("{header}\n");
        for (l, _, _) in &lines {
            text.push_str(l);
            text.push('\n');
        }
        text.push_str(&ok(ID, &link));
        text.push('\n');
        let path = write(&dir, "bad.csv", text.as_bytes());
        let rows = read_all(&path);
        assert_eq!(rows.len(), lines.len() + 1);
        for (i, (l, column, reason)) in lines.iter().enumerate() {
            let e = rows[i].as_ref().expect_err(l);
            assert_eq!(e.line, i as i64 + 2, "{l}");
            assert_eq!(e.column.as_deref(), Some(*column), "{l}: {e:?}");
            assert!(e.reason.contains(reason), "{l}: {}", e.reason);
            assert!(!e.reason_en.is_empty());
        }
        let last = rows.last().unwrap().as_ref().unwrap();
        assert_eq!(last.note_id, ID);
    }

    #[test]
    fn n1_note_id_from_link_forms() {
        let upper = ID.to_ascii_uppercase();
        let ok = [
            format!("https://www.xiaohongshu.com/explore/{ID}"),
            format!("http://www.xiaohongshu.com/explore/{ID}?xsec_token=AB&xsec_source=pc_feed#comments"),
            format!("www.xiaohongshu.com/explore/{ID}/"),
            format!("xiaohongshu.com/discovery/item/{ID}?app_platform=ios"),
            format!("https://www.xiaohongshu.com/discovery/item/{ID}"),
            format!("https://www.xiaohongshu.com/user/profile/5f1e2d3c4b5a697887766554/{ID}?tab=note"),
            format!("  https://www.xiaohongshu.com/explore/{upper}  "),
            ID.to_string(),
            upper.clone(),
        ];
        for l in &ok {
            assert_eq!(note_id_from_link(l).as_deref(), Some(ID), "{l}");
        }
        let bad = [
            "https://xhslink.com/a/AbCdEf".to_string(),
            "http://xhslink.com/AbCdEf".to_string(),
            format!("https://example.com/explore/{ID}"),
            format!("https://www.xiaohongshu.com/user/profile/{ID}"),
            "https://www.xiaohongshu.com/explore/123".to_string(),
            format!("{ID}0"),
            String::new(),
        ];
        for l in &bad {
            assert_eq!(note_id_from_link(l), None, "{l}");
        }
        assert!(is_short_link("https://XHSLINK.com/a/x"));
    }

    #[test]
    fn n1_value_forms() {
        for (s, v) in [("", 0), ("-", 0), ("1234", 1234), ("1,234", 1234), ("1.2万", 12_000), ("12w", 120_000)] {
            assert_eq!(parse_count(s).ok(), Some(v), "{s}");
        }
        assert_eq!(parse_count("3.5k").ok(), Some(3500));
        for s in ["-1", "abc", "1.5", "1e400", "99999999999999999999"] {
            assert!(parse_count(s).is_err(), "{s}");
        }
        for (s, v) in [("14%", 0.14), ("14.5%", 0.145), ("0.145", 0.145), ("14.5", 0.145), ("100%", 1.0), ("1", 1.0)] {
            let got = parse_rate(s).ok().flatten().unwrap();
            assert!((got - v).abs() < 1e-12, "{s}: {got}");
        }
        assert_eq!(parse_rate("").ok(), Some(None));
        for s in ["101%", "150", "-1%", "x%"] {
            assert!(parse_rate(s).is_err(), "{s}");
        }
        for (s, v) in [
            ("12.5", 12.5),
            ("12秒", 12.0),
            ("12s", 12.0),
            ("1:05", 65.0),
            ("00:01:05", 65.0),
            ("1分5秒", 65.0),
            ("1分钟5秒", 65.0),
            ("1m5s", 65.0),
        ] {
            assert_eq!(parse_duration(s).ok().flatten(), Some(v), "{s}");
        }
        for s in ["abc", "1:2:3:4", "-5", "5天"] {
            assert!(parse_duration(s).is_err(), "{s}");
        }
        let utc = "2026-11-20T02:00:00Z";
        for s in [
            "2026-11-20 10:00:00",
            "2026-11-20 10:00",
            "2026/11/20 10:00:00",
            "2026/11/20 10:00",
            "2026-11-20T10:00:00+08:00",
            "2026-11-20T02:00:00Z",
            "2026年11月20日 10:00",
            "46346.416666666664",
        ] {
            assert_eq!(parse_published_at(s).ok().as_deref(), Some(utc), "{s}");
        }
        assert_eq!(parse_published_at("2026-11-20").ok().as_deref(), Some("2026-11-19T16:00:00Z"));
        assert_eq!(parse_published_at("2026/1/5 9:30").ok().as_deref(), Some("2026-01-05T01:30:00Z"));
        for s in ["2026-11-31", "12", "2026-11-20 25:00", "1890-01-01", "昨天 10:00"] {
            assert!(parse_published_at(s).is_err(), "{s}");
        }
    }

    #[test]
    fn n1_blank_rows_are_skipped_and_rows_numbered_as_a_spreadsheet() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "\n{HEADER}\n{}\n\n,,,,\n\"{ID2}\",\"门店\n日常\",图文,2026-11-20,abc\n{}\n",
            row(ID, "春季新品", "视频", "2026-11-20 10:00:00"),
            row(ID, "第三篇", "视频", "2026-11-20 10:00:00"),
        );
        let path = write(&dir, "blank.csv", text.as_bytes());
        let p = preview(&path).unwrap();
        assert_eq!(p.rows, 3);
        let lines: Vec<i64> = read_all(&path).iter().map(|r| r.as_ref().unwrap().line).collect();
        assert_eq!(lines, vec![3, 6, 7]);
    }

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
    fn n1_a_line_over_1_mb_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!("{HEADER}\n{}\n{}\n", row(ID, "a", "视频", "2026-11-20"), "x".repeat(1_200_000));
        let path = write(&dir, "line.csv", text.as_bytes());
        assert!(file_error(preview(&path).unwrap_err()).contains("超过 1 MB"));
        let first = write(&dir, "first.csv", "x".repeat(1_200_000).as_bytes());
        assert!(file_error(preview(&first).unwrap_err()).contains("超过 1 MB"));
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

    #[test]
    fn n1_invalid_utf8_after_utf8_text_is_a_file_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = format!("{HEADER}\n{}\n", row(ID, "春季新品", "视频", "2026-11-20")).into_bytes();
        bytes.extend_from_slice(b"\xFF\xFE,x\n");
        let path = write(&dir, "mixed.csv", &bytes);
        assert!(file_error(preview(&path).unwrap_err()).contains("文件编码无法识别"));
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

    fn ids(rows: &[Result<NoteRecord, RowError>]) -> Vec<Result<&NoteRecord, (&str, &str)>> {
        rows.iter()
            .map(|r| match r {
                Ok(rec) => Ok(rec),
                Err(e) => Err((e.column.as_deref().unwrap_or(""), e.reason.as_str())),
            })
            .collect()
    }

    #[test]
    fn n1_n8_reads_the_decks_headers_and_this_apps_own_exports() {
        // 数据中心's export (the deck's N-8 headers), the queue export and the 聚光 export
        let cases = [
            ("视频笔记5s播放率", Field::Video5sRate),
            ("图文笔记3s阅读率", Field::Image3sRate),
            ("平均浏览时长(秒)", Field::AvgViewSecs),
            ("视频总时长（秒）", Field::VideoSecs),
            ("互动量", Field::Interactions),
            ("互动数", Field::Interactions),
            ("笔记发布时间", Field::PublishedAt),
            ("阅读UV", Field::ReadUv),
        ];
        for (h, f) in cases {
            assert_eq!(recognise_header(h), Some(f), "{h}");
        }
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "笔记ID,笔记标题,笔记类型,发布时间,员工名称,小红书号,订单来源,曝光量,阅读量,互动量,视频笔记5s播放率,\
             图文笔记3s阅读率,平均浏览时长,阅读UV,视频总时长\n\
             {ID},春季新品,视频笔记,2026-11-20 10:00:00,王一,95012345678,用户授权,1000,500,37,22.14%,,12.5秒,300,65秒\n"
        );
        let path = write(&dir, "dc.csv", text.as_bytes());
        let p = preview(&path).unwrap();
        assert!(p.missing.is_empty(), "{:?}", p.missing);
        let unmapped: Vec<&str> = p.unmapped.iter().map(|u| u.header.as_str()).collect();
        assert_eq!(unmapped, ["员工名称", "订单来源"]);
        let rows = read_all(&path);
        let r = rows[0].as_ref().unwrap();
        assert_eq!((r.video_5s_rate, r.image_3s_rate), (Some(0.2214), None));
        assert_eq!((r.avg_view_secs, r.video_secs, r.read_uv), (Some(12.5), Some(65), Some(300)));
        assert_eq!((r.interactions, r.likes, r.parts_sum()), (Some(37), None, None));
    }

    #[test]
    fn n1_every_unmapped_column_warns_with_a_one_click_field() {
        let headers: Vec<String> =
            ["笔记ID", "总互动量", "备注", "", "笔记标题"].iter().map(|s| s.to_string()).collect();
        let mapping = auto_mapping(&headers);
        let u = unmapped_columns(&headers, &mapping);
        let got: Vec<(u32, &str, Option<Field>)> =
            u.iter().map(|c| (c.index, c.header.as_str(), c.suggestion)).collect();
        assert_eq!(got, [(1, "总互动量", Some(Field::Interactions)), (2, "备注", None), (3, "第 4 列", None)]);
        assert!(u[0].warning.contains("「总互动量」列未对应任何字段"), "{}", u[0].warning);
        assert!(u[0].warning_en.contains("not mapped"), "{}", u[0].warning_en);
        // mapped by hand: no warning; a field already mapped is not offered again
        let mut by_hand = mapping.clone();
        by_hand[1] = Some(Field::Interactions);
        assert_eq!(unmapped_columns(&headers, &by_hand).len(), 2);
        let headers2: Vec<String> = ["互动量", "互动量汇总"].iter().map(|s| s.to_string()).collect();
        let m2 = auto_mapping(&headers2);
        assert_eq!(unmapped_columns(&headers2, &m2)[0].suggestion, None);
    }

    #[test]
    fn n1_i1_i2_i3_totals_without_parts_are_kept_as_totals_never_0() {
        let dir = tempfile::tempdir().unwrap();
        let head = "笔记ID,笔记标题,笔记类型,发布时间,小红书号,点赞,收藏,评论,分享,互动量";
        let line = |i: u32, parts: &str, total: &str| format!("{:024x},t,视频,2026-11-20,x,{parts},{total}", i);
        let text = [
            head.to_string(),
            line(1, ",,,1", "123"),    // total only: parts unknown
            line(2, "10,5,2,1", "17"), // consistent
            line(3, "10,5,2,1", "18"), // the platform's total with shares
            line(4, "10,5,2,1", "30"), // cannot be
            line(5, "10,,,0", "40"),   // likes known, the rest of the total unsplit
            line(6, ",,,0", ""),       // all empty, no total: the platform's empty zeros
            line(7, "3,,,0", "-"),     // no total: empty parts are zeros
        ]
        .join("\n");
        let path = write(&dir, "totals.csv", text.as_bytes());
        let rows = read_all(&path);
        let got = ids(&rows);
        let r = got[0].as_ref().unwrap();
        assert_eq!((r.likes, r.collects, r.comments, r.interactions_known()), (None, None, None, Some(123)));
        assert_eq!(got[1].as_ref().unwrap().interactions_known(), Some(17));
        assert_eq!(got[2].as_ref().unwrap().interactions_known(), Some(17));
        let e = got[3].as_ref().unwrap_err();
        assert_eq!(e.0, "互动量");
        assert!(e.1.contains("互动量 30 与点赞、收藏、评论之和 17 不一致"), "{}", e.1);
        let r = got[4].as_ref().unwrap();
        assert_eq!((r.likes, r.collects, r.interactions_known()), (Some(10), None, Some(40)));
        assert_eq!(got[5].as_ref().unwrap().interactions_known(), Some(0));
        let r = got[6].as_ref().unwrap();
        assert_eq!((r.likes, r.collects, r.comments, r.interactions_known()), (Some(3), Some(0), Some(0), Some(3)));
        // 点赞 alone beside an empty 互动量: the interactions are unknown, and the row is refused
        let text = format!("笔记ID,笔记标题,笔记类型,发布时间,小红书号,点赞,互动量\n{ID},t,视频,2026-11-20,x,5,\n");
        let path = write(&dir, "unknown.csv", text.as_bytes());
        let rows = read_all(&path);
        let e = rows[0].as_ref().unwrap_err();
        assert_eq!(e.column.as_deref(), Some("互动量"));
        assert!(e.reason.contains("不能按 0 导入"), "{}", e.reason);
        // a mapping that gives neither 互动量 nor all three parts is refused before reading
        let part: Vec<String> =
            ["笔记ID", "标题", "类型", "发布时间", "小红书号", "点赞"].iter().map(|s| s.to_string()).collect();
        assert_eq!(missing_fields(&auto_mapping(&part)), vec![Field::Interactions]);
    }

    #[test]
    fn n1_a_derived_metric_missing_is_unknown_never_0() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "笔记ID,笔记标题,笔记类型,发布时间,小红书号,阅读量,互动量,阅读UV\n\
             {ID},t,视频,2026-11-20,x,10,1,-\n{ID2},t,视频,2026-11-20,x,10,1,\n"
        );
        let path = write(&dir, "uv.csv", text.as_bytes());
        for r in read_all(&path) {
            let r = r.unwrap();
            assert_eq!((r.read_uv, r.exposure, r.video_5s_rate), (None, None, None));
        }
    }

    #[test]
    fn n1_row_checks_against_reality() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "笔记ID,笔记标题,笔记类型,发布时间,小红书号,曝光量,阅读量,阅读UV,互动量\n\
             {ID},t,视频,2026-11-20 10:00,x,100,101,1,1\n\
             {ID2},t,视频,2026-11-20 10:00,x,100,50,51,1\n\
             {:024x},t,视频,2026-11-26 23:59:59,x,100,50,5,1\n\
             {:024x},t,视频,2026-11-27 00:00:00,x,100,50,5,1\n\
             {:024x},t,视频,2027-03-01,x,100,50,5,1\n\
             {:024x},t,视频,2026-11-20,x,-1,0,0,1\n\
             {:024x},t,视频,2026-11-20,x,100,100,100,1\n",
            3, 4, 5, 6, 7
        );
        let path = write(&dir, "reality.csv", text.as_bytes());
        let p = preview(&path).unwrap();
        // the end of 2026-11-26 in Asia/Shanghai
        let until = DateTime::parse_from_rfc3339("2026-11-26T15:59:59Z").unwrap().with_timezone(&Utc);
        let rows: Vec<_> = open(&path, &p.mapping)
            .unwrap()
            .refuse_published_after(until, "数据日期 2026-11-26 当天结束".into(), "the end of the data date".into())
            .map(|r| r.unwrap())
            .collect();
        let got = ids(&rows);
        assert_eq!(got[0].unwrap_err().0, "阅读量");
        assert!(got[0].unwrap_err().1.contains("阅读量 101 大于曝光量 100"), "{:?}", got[0]);
        assert_eq!(got[1].unwrap_err().0, "阅读UV");
        assert!(got[1].unwrap_err().1.contains("阅读UV 51 大于阅读量 50"), "{:?}", got[1]);
        assert!(got[2].is_ok(), "the last second of the data date is fine");
        for i in [3, 4] {
            let (col, why) = got[i].unwrap_err();
            assert_eq!(col, "发布时间");
            assert!(why.contains("晚于数据日期 2026-11-26 当天结束"), "{why}");
        }
        assert!(got[3].unwrap_err().1.contains("2026-11-27 00:00:00"), "{:?}", got[3]);
        assert_eq!(got[5].unwrap_err().0, "曝光量", "negative counts are refused");
        assert!(got[6].is_ok(), "equal counts can be");
        assert!(rows.iter().all(|r| r.as_ref().err().is_none_or(|e| !e.reason_en.is_empty())));
    }

    #[test]
    fn n1_cells_escaped_against_formulas_read_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "笔记ID,笔记标题,笔记类型,发布时间,小红书号,互动量\n\
             {ID},\"'=HYPERLINK(\"\"x\"\")\",视频,2026-11-20,'+8613800000000,1\n{ID2},'普通,视频,2026-11-20,x,1\n"
        );
        let path = write(&dir, "esc.csv", text.as_bytes());
        let rows = read_all(&path);
        let a = rows[0].as_ref().unwrap();
        assert_eq!((a.title.as_str(), a.xhs_id.as_str()), ("=HYPERLINK(\"x\")", "+8613800000000"));
        assert_eq!(rows[1].as_ref().unwrap().title, "'普通", "only a protected formula starter is unescaped");
    }

    #[test]
    fn n1_rows_can_move_to_a_worker_thread() {
        fn send<T: Send>() {}
        send::<NoteRows>();
        send::<FilePreview>();
    }

    /// A CSV stream made up as it is read: a header, one good row, then row 3 whose title is a quoted cell of
    /// `cell_bytes` bytes with a line break every 100 (so no physical line is long), then a last row.
    struct QuotedBomb {
        head: Vec<u8>,
        cell_bytes: u64,
        served: std::sync::Arc<std::sync::atomic::AtomicU64>,
        pos: u64,
        tail: Vec<u8>,
    }

    impl Read for QuotedBomb {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let head = self.head.len() as u64;
            let body_end = head + self.cell_bytes;
            let total = body_end + self.tail.len() as u64;
            let n = (buf.len() as u64).min(total - self.pos) as usize;
            for (i, b) in buf[..n].iter_mut().enumerate() {
                let at = self.pos + i as u64;
                *b = if at < head {
                    self.head[at as usize]
                } else if at < body_end {
                    if (at - head) % 100 == 99 {
                        b'\n'
                    } else {
                        b'x'
                    }
                } else {
                    self.tail[(at - body_end) as usize]
                };
            }
            self.pos += n as u64;
            self.served.fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
            Ok(n)
        }
    }

    #[test]
    fn n1_a_huge_quoted_cell_is_refused_while_streaming_with_its_row() {
        let served = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let head = format!("{HEADER}\n{}\n{ID2},\"", row(ID, "春季新品", "视频", "2026-11-20")).into_bytes();
        let bomb = QuotedBomb {
            head,
            cell_bytes: 400 * 1024 * 1024,
            served: served.clone(),
            pos: 0,
            tail: b"\",\xe8\xa7\x86\xe9\xa2\x91,2026-11-20,x,1\n".to_vec(),
        };
        let started = std::time::Instant::now();
        let err = (|| {
            let mut table = Table::csv("bomb.csv".into(), Box::new(bomb))?;
            while table.next_row()?.is_some() {}
            Ok::<_, CoreError>(())
        })()
        .unwrap_err();
        let msg = file_error(err);
        assert!(msg.contains("第 3 行超过 1 MB"), "{msg}");
        // refused after about a megabyte of the 400 MB cell, not after buffering it
        let read = served.load(std::sync::atomic::Ordering::Relaxed);
        assert!(read < 4 * 1024 * 1024, "read {read} bytes before refusing");
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());

        // the same guard keeps a sound file's quoted line breaks, doubled quotes and CRLF rows intact
        let text = format!(
            "{HEADER}\r\n{ID},\"a \"\"quoted\"\"\r\nline\",视频,2026-11-20,x,1\r\n\r\n{ID2},b\"c,视频,2026-11-20,x,1\r\n"
        );
        let mut table = Table::csv("ok.csv".into(), Box::new(io::Cursor::new(text.into_bytes()))).unwrap();
        assert_eq!(table.next_row().unwrap(), Some(2));
        assert_eq!(table.source.cell(1), "a \"quoted\"\r\nline");
        assert_eq!(table.next_row().unwrap(), Some(4));
        assert_eq!(table.source.cell(1), "b\"c");
        assert_eq!(table.next_row().unwrap(), None);
    }
}
