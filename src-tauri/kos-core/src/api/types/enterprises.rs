//! The brands an actor reaches, as the brand picker lists them.

use serde::Serialize;
use specta::Type;

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct EnterpriseSummary {
    pub id: i64,
    pub name: String,
    pub industry: String,
    pub city: String,
    pub store_count: i64,
}
