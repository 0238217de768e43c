//! Issue 15 item 4, start-up budget: how long the window takes to be usable. `main_entry` marks the launch;
//! the stages log one `startup:` line each on stderr (the database open, the window built) and the UI reports
//! its first usable screen (`first_screen_ready`: 概览 with its figures and chart painted), logged once per
//! process with the wall-clock time, so `.ci/startup` can also measure from the moment it launched the
//! process (exec and loading the libraries included).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

static LAUNCHED: OnceLock<Instant> = OnceLock::new();
static FIRST_SCREEN: AtomicBool = AtomicBool::new(false);

/// Called first thing in `main_entry`: the time every later stage is measured from.
pub fn mark_launch() {
    LAUNCHED.get_or_init(Instant::now);
}

/// Milliseconds since `mark_launch` (0 when it was never called).
pub fn since_launch_ms() -> f64 {
    LAUNCHED.get().map_or(0.0, |t| t.elapsed().as_secs_f64() * 1e3)
}

/// One stage of the start-up on stderr: `startup: <what> <N> ms after launch (unix_ms <wall clock>)`.
pub fn log_stage(what: &str) {
    let unix_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
    eprintln!("startup: {what} {:.0} ms after launch (unix_ms {unix_ms})", since_launch_ms());
}

/// The UI's first usable screen has been painted (`screen`: which one, e.g. `overview`). Logged once per
/// process: later screens and a reloaded page are not the start-up.
#[tauri::command]
#[specta::specta]
pub fn first_screen_ready(screen: String) {
    if !FIRST_SCREEN.swap(true, Ordering::Relaxed) {
        // a name from the UI, kept to a plain word in the log
        let screen: String = screen.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').take(32).collect();
        log_stage(&format!("first screen ({screen}) usable"));
    }
}
