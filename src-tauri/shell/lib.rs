//! The Tauri shell of KOS Desk: window setup, managed state, thin commands, the CLI entry and the
//! bindings export. Domain logic lives in `kos-core`.

pub mod app;
pub mod cli;
pub mod commands;
pub mod file_dialogs;
pub mod paths;
pub mod proof_protocol;
pub mod startup;
pub mod team;
#[cfg(feature = "export-ts")]
pub mod ts_export;
// issue 15 item 3: the Tauri updater, the staged download, the install at the next start
pub mod updates;

/// Process entry: the CLI subcommands, or the window. Returns the exit code.
pub fn main_entry() -> i32 {
    startup::mark_launch();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match cli::parse(&args) {
        Ok(cli::Invocation::Window { db }) => app::run(db),
        Ok(inv) => cli::run(inv),
        Err(usage) => {
            eprintln!("{usage}");
            2
        }
    }
}
