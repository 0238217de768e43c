//! Files that hold people's data are readable by their owner only: the database (and its WAL and shared
//! memory), the encrypted proofs and the folder that holds them (0600 / 0700 on Unix; on Windows and macOS
//! the per-user app-data folder already keeps them from other users).

use std::path::Path;

/// Makes `path` readable and writable by its owner only, if it exists.
pub fn owner_only_file(path: &Path) -> std::io::Result<()> {
    set_mode(path, 0o600)
}

/// Makes the folder `path` usable by its owner only, if it exists.
pub fn owner_only_dir(path: &Path) -> std::io::Result<()> {
    set_mode(path, 0o700)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    match std::fs::metadata(path) {
        Ok(meta) if meta.permissions().mode() & 0o777 != mode => {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        }
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

/// A run of digits that may be an ID number (15 or 18 characters, the last may be X) or a phone number (11
/// digits) is cut out of a name before it is stored or shown: file names are not evidence, and a name
/// typed as "张三_身份证110105…png" must not put the number in history (DESIGN, privacy). Shorter runs
/// (dates, counters) stay.
pub fn redact_numbers(name: &str) -> String {
    const MIN_RUN: usize = 11;
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let mut end = i;
            if end - start >= 14 && end < chars.len() && matches!(chars[end], 'X' | 'x') {
                end += 1;
            }
            if end - start >= MIN_RUN {
                out.push_str("***");
            } else {
                out.extend(&chars[start..end]);
            }
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b10_id_and_phone_numbers_are_cut_out_of_file_names() {
        assert_eq!(redact_numbers("张三_身份证11010519491231002X.png"), "张三_身份证***.png");
        assert_eq!(redact_numbers("张三_身份证11010519491231002x_劳动合同.pdf"), "张三_身份证***_劳动合同.pdf");
        assert_eq!(redact_numbers("李四 13812345678 在职证明.jpg"), "李四 *** 在职证明.jpg");
        assert_eq!(redact_numbers("王五110105491231002.pdf"), "王五***.pdf");
        // dates, counters and years stay
        assert_eq!(redact_numbers("在职证明_20261130_v2.pdf"), "在职证明_20261130_v2.pdf");
        assert_eq!(redact_numbers("scan-0001.png"), "scan-0001.png");
        assert_eq!(redact_numbers("2026Xmas.png"), "2026Xmas.png");
    }

    #[cfg(unix)]
    #[test]
    fn files_and_folders_become_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("kos.db");
        std::fs::write(&file, b"x").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        owner_only_file(&file).unwrap();
        owner_only_dir(dir.path()).unwrap();
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::metadata(dir.path()).unwrap().permissions().mode() & 0o777, 0o700);
        owner_only_file(&dir.path().join("missing")).unwrap();
    }
}
