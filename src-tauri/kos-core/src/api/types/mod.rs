//! Every type that crosses from the core to the UI and the other doors (the CLI's JSON, the team server's
//! HTTP), one file per subject. The store keeps its own row structs (what a query reads, named by its
//! columns) and converts them into these explicitly, so a table's columns and the UI's field names can change
//! apart; `ui/src/api/commands.gen.ts` is generated from these.

pub mod accounts;
pub mod bindings;
pub mod enterprises;
pub mod history;
pub mod imports;
pub mod notes;
pub mod paging;
pub mod reviews;
pub mod staff;
pub mod stores;
