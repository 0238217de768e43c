//! N-1: the note data of staff accounts, as exported from the Xiaohongshu platform (CSV in UTF-8 or
//! GBK/GB18030, or XLSX), read as a file: recognising the columns, a preview, and streaming the rows as
//! checked records. Nothing here touches the database; the import service writes what this reads.
//!
//! The format is found by content, not by the file name. CSV is read through a streaming decoder (a million
//! rows never sit in memory at once); XLSX is checked against zip bombs before calamine opens it and is read
//! cell by cell on a helper thread. File-level faults (an over-long cell, too many rows, an unreadable
//! encoding, I/O) stop the whole file; a row that breaks a rule becomes a `RowError` and the rest go on.
//!
//! Where things are:
//! - `mod.rs` (this file): the limits, the preview and the row stream's entry points (`preview`, `open`).
//! - `fields.rs`: the fields, their header names and aliases, the automatic mapping, what a mapping lacks.
//! - `table.rs`: either kind of file as rows of text cells (format by content, header row, blank rows, limits).
//! - `decode.rs`: CSV text encodings (UTF-8 with or without BOM, GBK/GB18030), decoded as it streams.
//! - `csv.rs`: CSV records (the record-length guard, spreadsheet row numbers).
//! - `xlsx.rs`: XLSX sheets, zip-bomb checked, read cell by cell on a helper thread.
//! - `rows.rs`: row assembly and the row-level checks (`NoteRows`, `NoteRecord`, `RowError`).
//! - `values.rs`: cell values (note IDs and links, counts, rates, durations, publish times).
//! - `errors.rs`: the file-level errors.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, CoreResult};

mod csv;
mod decode;
mod errors;
mod fields;
mod rows;
mod table;
#[cfg(test)]
mod test_support;
mod values;
mod xlsx;

pub use fields::{
    auto_mapping, missing_fields, missing_label, recognise_header, unmapped_columns, Field, UnmappedColumn, FIELDS,
};
pub use rows::{NoteRecord, NoteRows, RowError};
pub use values::{note_id_from_link, note_url};

use errors::header_only;
use table::Table;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note_file::test_support::*;

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
}
