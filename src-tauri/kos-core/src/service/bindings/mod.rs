//! The binding workflow: look an account up (B-2, B-7, B-8, B-19), invite (B-9..B-12), the employee's
//! answer (B-13, B-14), and changes to a binding (B-17..B-20). Every change is one transaction with history.
//!
//! Where things are:
//! - `lookup.rs`: an account by 小红书号 and, per mode, whether it can be invited now (B-2, B-7, B-8, B-19).
//! - `invite.rs`: sending an invitation (B-9, B-10, B-11, B-12).
//! - `answer.rs`: the employee's invitations, accepting and declining (B-13, B-14).
//! - `changes.rs`: 解绑, 冻结, 解冻 and 移交 (B-4, B-17, B-18, B-20).
//! - `checks.rs`: the input checks the workflow and the 批量绑定 sheet share (B-3, B-10, B-11, B-12, B-20).

mod answer;
mod changes;
mod checks;
mod invite;
mod lookup;

pub use answer::{AcceptInvitationArgs, BindingArgs, MyInvitation};
pub use changes::{BindingChangeArgs, HandOverArgs};
pub use invite::InviteArgs;
pub use lookup::{AccountLookup, LookupAccountArgs, ModeOption};

pub(super) use checks::{
    cap_reached, check_id_number, check_job_title, check_signed, check_staff_name, registered_staff,
};
