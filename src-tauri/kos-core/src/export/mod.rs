//! Files written for people: CSV with formula-injection escaping (a cell starting with `= + - @`, tab or
//! carriage return is prefixed with `'` so a spreadsheet shows it as text instead of running it), and small
//! XLSX sheets whose texts are string cells (never formulas).

pub mod csv;
pub mod xlsx;
