//! Where the database lives: `--db PATH`, else `KOS_DESK_DB`, else the OS app-data folder
//! (Linux `$XDG_DATA_HOME/com.kosdesk.desk/kos-desk.db`, macOS `~/Library/Application Support/...`,
//! Windows `%APPDATA%\...`), the same folder Tauri uses for this app's identifier.

use std::path::PathBuf;

pub const IDENTIFIER: &str = "com.kosdesk.desk";
pub const DB_FILE: &str = "kos-desk.db";

pub fn resolve_db(flag: Option<PathBuf>) -> PathBuf {
    if let Some(p) = flag {
        return p;
    }
    if let Some(p) = std::env::var_os("KOS_DESK_DB").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    let base = directories::BaseDirs::new().map(|b| b.data_dir().to_path_buf()).unwrap_or_else(|| PathBuf::from("."));
    base.join(IDENTIFIER).join(DB_FILE)
}
