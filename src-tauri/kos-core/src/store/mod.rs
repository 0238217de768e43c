//! All SQL lives here, a file per table or aggregate, with `get_/list_/insert_/update_` functions.
//! Services call these and never write SQL. A query that answers with a type the UI reads (`api::types`)
//! reads its own row struct (`Db…`, named by the columns, private to its file) and converts it with `From`;
//! no store type derives serde or specta. Two stores sit behind them (U-4): the embedded SQLite file (solo)
//! and PostgreSQL (the team server). A function that takes an [`ex::Ex`] runs on either (see `ex.rs` for how
//! one SQL text serves both, and `tests/pg_store.rs` for the proof); the modules still taking a
//! `SqliteExecutor` move onto the seam one by one.

pub mod accounts;
pub mod analytics;
pub mod bindings;
pub mod campaigns;
pub mod dashboard;
pub mod enterprises;
pub mod ex;
pub mod history;
// U-4: the team server's sign-in
pub mod logins;
pub mod note_imports;
pub mod note_queue;
pub mod note_reviews;
pub mod notes;
pub mod paging;
pub mod proofs;
pub mod raw;
pub mod settings;
pub mod staff;
pub mod stores;
// issue 13 item 6 (U-4): whole tables for the move from solo to team (the team store's: kos-core's `pg` feature)
#[cfg(feature = "pg")]
pub mod tables;
pub mod users;
// U-2: staff roster and the 小红书账号 register (helper Q)
pub mod account_register;
pub mod roster;
