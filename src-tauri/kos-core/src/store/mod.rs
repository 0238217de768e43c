//! All SQL lives here, a file per table or aggregate, with `get_/list_/insert_/update_` functions.
//! Services call these and never write SQL, so a PostgreSQL store later replaces this module alone.

pub mod accounts;
pub mod analytics;
pub mod bindings;
pub mod campaigns;
pub mod dashboard;
pub mod enterprises;
pub mod history;
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
pub mod users;
// U-2: staff roster and the 小红书账号 register (helper Q)
pub mod account_register;
pub mod roster;
