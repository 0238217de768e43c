//! The lists and rows that cross from the core to the UI and the other doors (the CLI's JSON, the team server's HTTP),
//! one file per subject. The store keeps its own row structs (`Db…`: what a query reads, named by its columns, private
//! to its file) and converts them into these with `From`, so a table's columns and the UI's field names change apart.
//! `ui/src/api/commands.gen.ts` is generated from these and from the commands' own arguments and results, which stay
//! beside the service methods that take or build them (`service::*Args`, `Overview`, …) and hold no store type.

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
