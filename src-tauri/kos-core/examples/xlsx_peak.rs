//! Peak memory of reading a hostile XLSX (issue 11 item 4), to run under `/usr/bin/time -v`:
//!
//! `cargo run -p kos-core --example xlsx_peak -- bulk|note|calamine FILE`
//!
//! `bulk` reads it as a bulk-binding sheet (B-16) and `note` previews it as a note import (N-1), both through
//! `xlsx_reader`; `calamine` opens it the way the bulk sheet did before (no check: calamine loads every
//! shared string), for the figure to compare with.

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mode), Some(file)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: xlsx_peak bulk|note|calamine FILE");
        std::process::exit(2);
    };
    let started = std::time::Instant::now();
    let outcome = match mode.as_str() {
        "bulk" => kos_core::bulk_sheet::read_rows(Path::new(file)).map(|s| format!("{} rows", s.rows.len())),
        "note" => kos_core::note_file::preview(Path::new(file)).map(|p| format!("{} rows", p.rows)),
        "calamine" => {
            let opened: Result<calamine::Xlsx<_>, _> = calamine::open_workbook(file);
            println!("calamine: {:?}", opened.map(|_| "opened").map_err(|e| e.to_string()));
            println!("{:.2} s", started.elapsed().as_secs_f64());
            return;
        }
        _ => {
            eprintln!("unknown mode {mode}");
            std::process::exit(2);
        }
    };
    match outcome {
        Ok(ok) => println!("read: {ok}"),
        Err(e) => println!("refused: {}", e.to_api().message),
    }
    println!("{:.2} s", started.elapsed().as_secs_f64());
}
