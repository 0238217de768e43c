//! Demo data: one realistic housekeeping brand (plus a second brand and an agency), deterministic from a
//! seed. `generate` builds plain values; the service writes them through the store.

pub mod dataset;
pub mod generate;

// the generator's parts, by what they make (see generate.rs)
mod accounts;
mod names;
mod notes;
mod places;
mod rng;
mod staff;
mod stores;
mod times;
mod users;
mod vocab;

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 20231101;
