// No console window on Windows release builds; the CLI subcommands attach to the parent console.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    std::process::exit(kos_desk::main_entry());
}
