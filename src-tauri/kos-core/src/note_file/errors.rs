//! N-1: the file-level errors of a note file: each stops the whole file (nothing of it is imported), in
//! Chinese and English.

use super::MAX_CELL_CHARS;
use crate::error::CoreError;

pub(super) fn file_err(path: &str, zh: impl Into<String>, en: impl Into<String>) -> CoreError {
    CoreError::File { path: path.to_string(), reason_zh: zh.into(), reason_en: en.into() }
}

const ENCODING_ZH: &str = "文件编码无法识别：请另存为 UTF-8 或 GBK 编码的 CSV，或 XLSX";
const ENCODING_EN: &str = "The file's text encoding is not recognised: save it as a UTF-8 or GBK CSV, or as XLSX";

pub(super) fn encoding_err(path: &str, near_line: Option<i64>) -> CoreError {
    match near_line {
        Some(n) if n > 1 => {
            file_err(path, format!("{ENCODING_ZH}（第 {n} 行附近）"), format!("{ENCODING_EN} (near row {n})"))
        }
        _ => file_err(path, ENCODING_ZH, ENCODING_EN),
    }
}

pub(super) fn too_long(path: &str, line: i64, column: &str, chars: usize) -> CoreError {
    file_err(
        path,
        format!("第 {line} 行「{column}」有 {chars} 个字符，超过 {MAX_CELL_CHARS} 字上限：文件可能已损坏，未导入任何内容"),
        format!(
            "Row {line}, column \"{column}\" has {chars} characters, over the limit of {MAX_CELL_CHARS}: the file may be damaged; nothing was imported"
        ),
    )
}

pub(super) fn record_too_long(path: &str, row: i64) -> CoreError {
    file_err(
        path,
        format!("第 {row} 行超过 1 MB（可能是一个过长的单元格，或引号没有闭合）：文件可能已损坏，未导入任何内容"),
        format!(
            "Row {row} is over 1 MB (an over-long cell, or a quote left open): the file may be damaged; nothing was imported"
        ),
    )
}

pub(super) fn read_err(path: &str, e: impl std::fmt::Display) -> CoreError {
    file_err(path, format!("无法读取文件：{path}（{e}）"), format!("Cannot read the file {path} ({e})"))
}

pub(super) fn empty_file(path: &str) -> CoreError {
    file_err(path, "文件是空的：没有表头，也没有数据行", "The file is empty: no header and no data rows")
}

pub(super) fn header_only(path: &str) -> CoreError {
    file_err(path, "文件只有表头，没有数据行", "The file has a header row but no data rows")
}
