use std::io::Write;
use std::path::Path;

use crate::error::{CoreError, CoreResult};

/// One cell, safe for spreadsheets: formula starters neutralised, quoted when needed.
pub fn cell(value: &str) -> String {
    let neutralised = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    };
    if neutralised.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutralised.replace('"', "\"\""))
    } else {
        neutralised
    }
}

/// Writes rows as UTF-8 CSV with a BOM (so Excel on Windows reads the Chinese text) and CRLF line ends.
pub fn write(path: &Path, rows: &[Vec<String>]) -> CoreResult<()> {
    let fail = |e: std::io::Error| {
        CoreError::invalid(
            "path",
            format!("无法写入文件 {}：{e}", path.display()),
            format!("Cannot write {}: {e}", path.display()),
        )
    };
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).map_err(fail)?);
    out.write_all("\u{feff}".as_bytes()).map_err(fail)?;
    for row in rows {
        let line: Vec<String> = row.iter().map(|c| cell(c)).collect();
        out.write_all(line.join(",").as_bytes()).map_err(fail)?;
        out.write_all(b"\r\n").map_err(fail)?;
    }
    out.flush().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starters_are_neutralised() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+86 138"), "'+86 138");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("普通文本"), "普通文本");
        assert_eq!(cell("a,b"), "\"a,b\"");
    }

    #[test]
    fn writes_bom_and_crlf() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.csv");
        write(&p, &[vec!["时间".into(), "内容".into()], vec!["2026-11-26".into(), "=1+1".into()]]).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert_eq!(text, "\u{feff}时间,内容\r\n2026-11-26,'=1+1\r\n");
    }
}
