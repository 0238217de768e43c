//! Demo data: one realistic housekeeping brand (plus a second brand and an agency), deterministic from a
//! seed. `generate` builds plain values; the service writes them through the store.

pub mod dataset;
pub mod generate;

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 20231101;
