//! N-1: a CSV file's text: UTF-8 (with or without BOM) or GB18030 (which GBK is part of), decided by
//! content and decoded as it streams, with lines over `MAX_LINE_BYTES` refused.

use std::io::{self, Read};

use encoding_rs::{Decoder, DecoderResult, GB18030};

use super::{FileFormat, MAX_LINE_BYTES};

pub(super) const CHUNK: usize = 64 * 1024;
/// Bytes looked at, from the first non-ASCII byte on, to tell UTF-8 from GB18030.
const DECIDE_BYTES: usize = 4096;

#[derive(Debug)]
pub(super) enum TextFault {
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

pub(super) fn fault(kind: TextFault) -> io::Error {
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
pub(super) struct TextReader<R> {
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
    pub(super) fn new(inner: R) -> Self {
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

    pub(super) fn format(&self) -> FileFormat {
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
    pub(super) fn first_line(&mut self) -> io::Result<Vec<u8>> {
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

#[cfg(test)]
mod tests {
    use crate::note_file::test_support::*;
    use crate::note_file::{preview, Field, FileFormat};

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
    fn n1_a_line_over_1_mb_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!("{HEADER}\n{}\n{}\n", row(ID, "a", "视频", "2026-11-20"), "x".repeat(1_200_000));
        let path = write(&dir, "line.csv", text.as_bytes());
        assert!(file_error(preview(&path).unwrap_err()).contains("超过 1 MB"));
        let first = write(&dir, "first.csv", "x".repeat(1_200_000).as_bytes());
        assert!(file_error(preview(&first).unwrap_err()).contains("超过 1 MB"));
    }

    #[test]
    fn n1_invalid_utf8_after_utf8_text_is_a_file_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = format!("{HEADER}\n{}\n", row(ID, "春季新品", "视频", "2026-11-20")).into_bytes();
        bytes.extend_from_slice(b"\xFF\xFE,x\n");
        let path = write(&dir, "mixed.csv", &bytes);
        assert!(file_error(preview(&path).unwrap_err()).contains("文件编码无法识别"));
    }
}
