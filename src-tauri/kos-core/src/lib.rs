//! KOS Desk's domain core: rules, services and storage, with no Tauri dependency. Every door (the desktop
//! window, the `kos-desk` CLI, later a team server) reaches the same services through `api`.

pub mod analytics;
pub mod api;
pub mod authz;
pub mod backup;
pub mod bulk_sheet;
pub mod clock;
pub mod db;
pub mod db_lock;
pub mod demo;
pub mod error;
pub mod export;
pub mod idcard;
pub mod incentives;
pub mod model;
pub mod note_file;
pub mod private_files;
pub mod proof_file;
pub mod rules;
pub mod secrets;
pub mod service;
// U-2: the roster and account sheets of the set-up (helper Q)
pub mod setup_sheet;
pub mod store;
// issue 12 set-up (U-2): the stores sheet as a file
pub mod store_sheet;
// issue 13 item 6 (U-4): one command moves a solo database into the team store
#[cfg(feature = "pg")]
pub mod team_move;
pub mod vault;
pub mod xlsx_reader;

pub use authz::Actor;
pub use clock::Clock;
pub use error::{ApiError, CoreError, CoreResult, ErrorCode};
pub use service::Service;
