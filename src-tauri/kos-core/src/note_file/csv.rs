//! N-1: CSV records over the decoded text: a guard that refuses a record over `MAX_LINE_BYTES` while it
//! streams, and the csv reader numbering rows as a spreadsheet does.

use std::io::{self, Read};

use super::decode::{fault, TextFault, TextReader};
use super::errors::{encoding_err, file_err, read_err, record_too_long};
use super::MAX_LINE_BYTES;
use crate::error::{CoreError, CoreResult};

/// A CSV file's input as one stream of bytes, whatever it is read from.
pub(super) type CsvInput = Box<dyn Read + Send>;

/// A `Read` between the decoded text and the csv reader that follows records as the csv reader splits them
/// (quotes with doubled quotes inside, a quote opening a field only at its start, CR, LF or CRLF ending a
/// record outside quotes) and fails as soon as one record passes `MAX_LINE_BYTES`. The csv reader buffers a
/// whole record before it hands it over, so without this a 400 MB quoted cell (line breaks inside keep the
/// line check quiet) sat in memory before its length was checked; now at most 1 MB does.
pub(super) struct RecordGuard<R> {
    pub(super) inner: R,
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
    pub(super) fn new(inner: R, delimiter: u8) -> Self {
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

pub(super) struct CsvSource {
    pub(super) reader: csv::Reader<RecordGuard<TextReader<CsvInput>>>,
    pub(super) record: csv::StringRecord,
    /// spreadsheet row of the current record
    pub(super) row: i64,
    /// the csv reader's line count after the previous record
    pub(super) next_line: u64,
}

impl CsvSource {
    pub(super) fn advance(&mut self, path: &str) -> CoreResult<Option<i64>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note_file::table::Table;
    use crate::note_file::test_support::*;
    use crate::note_file::{preview, Field, FileFormat};

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
