//! JSON as the server reads it, split by job: `value` holds the [`Value`] every host
//! hands to the core, `parse` reads text the way `JSON.parse` does ([`parse()`]), with
//! `number` reading its numbers, and `write` prints it back with numbers as JavaScript
//! prints them.

mod number;
mod parse;
mod value;
mod write;

pub(crate) use number::parse_decimal;
#[cfg(feature = "speed")]
pub(crate) use parse::Cursor;
#[cfg(feature = "speed")]
pub use parse::Members;
pub use parse::{parse, parse_bytes, parse_host, ParseError, MAX_DEPTH};
pub use value::{Foreign, Object, Value, MAX_HOST_ITEMS};
pub use write::{integral, number_text, to_json_pretty, to_json_string, written_as_integer};
pub(crate) use write::{push_decimal, write_key, write_number, write_path, write_str, write_value};

/// The JSON Pointer of a path; it lives with the report's paths (kept here for callers of
/// `json::pointer`).
pub use crate::path::pointer;
