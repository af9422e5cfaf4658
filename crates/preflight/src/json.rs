//! The JSON value every host hands to the core, and the text parser for the fast path.
//!
//! Why not `serde_json::Value`: the server parses bodies with JavaScript's `JSON.parse`,
//! which turns `1e400` into `Infinity`, keeps the *last* of duplicate keys at the place of
//! the first, and accepts lone UTF-16 surrogates in `\u` escapes. serde_json rejects the
//! first and last outright, so a body would fail to parse here while the server reads it.
//! This parser follows `JSON.parse`, borrows every string that has no escape, keeps key
//! order, reports the line and column of a syntax error, and never recurses deeper than
//! [`MAX_DEPTH`]: anything nested deeper is skipped iteratively and left as a
//! [`Foreign::TooDeep`] marker, so the validator reports it at its path.

use std::borrow::Cow;
use std::fmt;

/// Deepest nesting the core builds. The deepest path the schema knows is six levels
/// (`custom_sync_schedule/interval/MONDAY/slots/0/start`), so 64 leaves room for any
/// honest body while keeping every recursive walk far from the stack limit.
pub const MAX_DEPTH: usize = 64;

/// Objects up to this size are de-duplicated by a linear scan on insert; larger ones by
/// sorting once when they close, so a million-key object stays `O(n log n)`.
const LINEAR_DEDUP_LIMIT: usize = 16;

/// A JSON value, borrowing from the input where it can.
#[derive(Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    /// Every number is an IEEE double, as in JavaScript: `12.0` and `12` are the same value.
    Number(f64),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    Object(Object<'a>),
    /// Something a host was given that JSON cannot carry; the validator reports it.
    Foreign(Foreign),
}

/// Values a host can meet that JSON text cannot express, named as Zod names their type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Foreign {
    Undefined,
    BigInt,
    Function,
    Symbol,
    Date,
    Map,
    Set,
    Bytes,
    /// Any other host object (a Python `Decimal`, a class instance…).
    Object,
    /// A string holding an unpaired UTF-16 surrogate, which has no UTF-8 form.
    LoneSurrogate,
    /// A value nested deeper than [`MAX_DEPTH`]; its content was not read.
    TooDeep,
    /// A host value past [`MAX_HOST_ITEMS`] (an array that long, or the items before it
    /// used the allowance up); its items were not read.
    TooLarge,
}

impl Foreign {
    /// The `received` type name of a Zod `invalid_type` issue.
    pub fn type_name(self) -> &'static str {
        match self {
            Foreign::Undefined => "undefined",
            Foreign::BigInt => "bigint",
            Foreign::Function => "function",
            Foreign::Symbol => "symbol",
            Foreign::Date => "date",
            Foreign::Map => "map",
            Foreign::Set => "set",
            Foreign::Bytes => "bytes",
            Foreign::Object => "object",
            Foreign::LoneSurrogate => "string",
            Foreign::TooDeep => "unknown",
            Foreign::TooLarge => "array",
        }
    }

    /// The letter that stands for this value after a `!` in host text ([`parse_host`]).
    pub fn tag(self) -> u8 {
        match self {
            Foreign::Undefined => b'u',
            Foreign::BigInt => b'b',
            Foreign::Function => b'f',
            Foreign::Symbol => b's',
            Foreign::Date => b'd',
            Foreign::Map => b'm',
            Foreign::Set => b't',
            Foreign::Bytes => b'y',
            Foreign::Object => b'o',
            Foreign::LoneSurrogate => b'l',
            Foreign::TooDeep => b'z',
            Foreign::TooLarge => b'g',
        }
    }

    fn from_tag(tag: u8) -> Option<Foreign> {
        Some(match tag {
            b'u' => Foreign::Undefined,
            b'b' => Foreign::BigInt,
            b'f' => Foreign::Function,
            b's' => Foreign::Symbol,
            b'd' => Foreign::Date,
            b'm' => Foreign::Map,
            b't' => Foreign::Set,
            b'y' => Foreign::Bytes,
            b'o' => Foreign::Object,
            b'l' => Foreign::LoneSurrogate,
            b'z' => Foreign::TooDeep,
            b'g' => Foreign::TooLarge,
            _ => return None,
        })
    }
}

/// Most items (array items and object entries, all containers together) a host converter
/// reads from a value of its language. A JavaScript array can be sparse
/// (`new Array(2 ** 32 - 1)` holds nothing) and shared references can make a small value
/// enormous, so what a caller spent says nothing about what reading it item by item would
/// cost. Ten million is far beyond any honest body; the Python reader has the same bound.
pub const MAX_HOST_ITEMS: usize = 10_000_000;

/// An ordered JSON object. Keys are unique (the parser and the host converters keep the
/// last value of a repeated key, as `JSON.parse` does).
#[derive(Clone, Default, PartialEq)]
pub struct Object<'a> {
    entries: Vec<(Cow<'a, str>, Value<'a>)>,
}

impl<'a> Object<'a> {
    pub fn new() -> Self {
        Object {
            entries: Vec::new(),
        }
    }

    pub fn with_capacity(capacity: usize) -> Self {
        Object {
            entries: Vec::with_capacity(capacity),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.entries
            .iter()
            .find(|(k, _)| k.as_ref() == key)
            .map(|(_, v)| v)
    }

    /// Index of `key` in document order.
    pub fn position(&self, key: &str) -> Option<usize> {
        self.entries.iter().position(|(k, _)| k.as_ref() == key)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Cow<'a, str>, &Value<'a>)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// Entries in document order with their values mutable (keys stay as they are, so
    /// they stay unique).
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&Cow<'a, str>, &mut Value<'a>)> {
        self.entries.iter_mut().map(|(k, v)| (&*k, v))
    }

    /// Keeps the entries for which `keep`, given each entry's index, is true.
    pub fn retain_indexed(&mut self, mut keep: impl FnMut(usize) -> bool) {
        let mut index = 0;
        self.entries.retain(|_| {
            let kept = keep(index);
            index += 1;
            kept
        });
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| k.as_ref())
    }

    /// Sets `key`, keeping the position of an existing entry (the `JSON.parse` rule).
    pub fn insert(&mut self, key: impl Into<Cow<'a, str>>, value: Value<'a>) {
        let key = key.into();
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((key, value)),
        }
    }

    /// Appends without looking for an existing key. For hosts whose objects cannot repeat
    /// a key (a Python dict, a JS object): `insert` would search every entry each time.
    /// A repeated key here is kept twice, so callers must guarantee uniqueness.
    pub fn push_unique(&mut self, key: Cow<'a, str>, value: Value<'a>) {
        self.entries.push((key, value));
    }

    pub fn remove(&mut self, key: &str) -> Option<Value<'a>> {
        let index = self.position(key)?;
        Some(self.entries.remove(index).1)
    }

    pub fn into_owned(self) -> Object<'static> {
        Object {
            entries: self
                .entries
                .into_iter()
                .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                .collect(),
        }
    }

    /// Keeps the last value of each repeated key at the place of its first occurrence.
    fn dedup_sorted(&mut self) {
        let entries = &self.entries;
        let order = crate::sort::sorted_indices(entries.len(), &|a, b| {
            let ka = entries.get(a).map(|(k, _)| k.as_ref());
            let kb = entries.get(b).map(|(k, _)| k.as_ref());
            ka.cmp(&kb)
        });
        let mut keep = vec![true; self.entries.len()];
        let mut moves: Vec<(usize, usize)> = Vec::new();
        let mut run_start = 0;
        while run_start < order.len() {
            let mut run_end = run_start + 1;
            let first = order.get(run_start).copied().unwrap_or(0);
            let key_of = |i: usize| self.entries.get(i).map(|(k, _)| k.as_ref());
            while run_end < order.len()
                && key_of(order.get(run_end).copied().unwrap_or(0)) == key_of(first)
            {
                run_end += 1;
            }
            if run_end - run_start > 1 {
                let last = order.get(run_end - 1).copied().unwrap_or(first);
                moves.push((first, last));
                for &dropped in order.get(run_start + 1..run_end).unwrap_or(&[]) {
                    if let Some(flag) = keep.get_mut(dropped) {
                        *flag = false;
                    }
                }
            }
            run_start = run_end;
        }
        if moves.is_empty() {
            return;
        }
        for (first, last) in moves {
            let value = match self.entries.get_mut(last) {
                Some(entry) => std::mem::replace(&mut entry.1, Value::Null),
                None => continue,
            };
            if let Some(entry) = self.entries.get_mut(first) {
                entry.1 = value;
            }
        }
        let mut index = 0;
        self.entries.retain(|_| {
            let kept = keep.get(index).copied().unwrap_or(true);
            index += 1;
            kept
        });
    }
}

impl<'a> FromIterator<(Cow<'a, str>, Value<'a>)> for Object<'a> {
    fn from_iter<I: IntoIterator<Item = (Cow<'a, str>, Value<'a>)>>(iter: I) -> Self {
        let mut object = Object::new();
        for (k, v) in iter {
            object.insert(k, v);
        }
        object
    }
}

impl<'a> Value<'a> {
    pub fn str(s: impl Into<Cow<'a, str>>) -> Self {
        Value::String(s.into())
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The type name Zod reports as `received`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_nan() => "nan",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
            Value::Foreign(f) => f.type_name(),
        }
    }

    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(b),
            Value::Number(n) => Value::Number(n),
            Value::String(s) => Value::String(Cow::Owned(s.into_owned())),
            Value::Array(items) => Value::Array(items.into_iter().map(Value::into_owned).collect()),
            Value::Object(o) => Value::Object(o.into_owned()),
            Value::Foreign(f) => Value::Foreign(f),
        }
    }

    /// Compact JSON text of this value.
    pub fn to_json(&self) -> String {
        to_json_string(self)
    }
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json())
    }
}

impl fmt::Debug for Object<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&to_json_string(
            &self
                .entries
                .iter()
                .map(|(k, v)| (k.as_ref(), v))
                .collect::<Vec<_>>(),
        ))
    }
}

impl From<bool> for Value<'_> {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<f64> for Value<'_> {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}

impl From<usize> for Value<'_> {
    fn from(n: usize) -> Self {
        Value::Number(n as f64)
    }
}

impl From<u32> for Value<'_> {
    fn from(n: u32) -> Self {
        Value::Number(f64::from(n))
    }
}

impl From<i64> for Value<'_> {
    fn from(n: i64) -> Self {
        Value::Number(n as f64)
    }
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::String(Cow::Borrowed(s))
    }
}

impl From<String> for Value<'_> {
    fn from(s: String) -> Self {
        Value::String(Cow::Owned(s))
    }
}

impl<'a> From<Cow<'a, str>> for Value<'a> {
    fn from(s: Cow<'a, str>) -> Self {
        Value::String(s)
    }
}

impl<'a> From<Object<'a>> for Value<'a> {
    fn from(o: Object<'a>) -> Self {
        Value::Object(o)
    }
}

impl<'a> From<Vec<Value<'a>>> for Value<'a> {
    fn from(items: Vec<Value<'a>>) -> Self {
        Value::Array(items)
    }
}

// ---------------------------------------------------------------------------------------
// Serialization

impl serde::Serialize for Value<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Value::Null | Value::Foreign(_) => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 9.0e15 {
                    // Integral: `12.0` goes out as `12`, and `-0` as `0`.
                    serializer.serialize_i64(*n as i64)
                } else {
                    serializer.serialize_f64(*n)
                }
            }
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(object) => {
                let mut map = serializer.serialize_map(Some(object.len()))?;
                for (k, v) in object.iter() {
                    map.serialize_entry(k.as_ref(), v)?;
                }
                map.end()
            }
        }
    }
}

/// Writes numbers as JavaScript's `Number.prototype.toString` does (the server's
/// language), so every host and the CLI print the same bytes: `1e21`, `100000000000000000000`,
/// `1e-7`, `0.000001`. Everything else is serde_json's compact or pretty output.
struct JsNumbers<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for JsNumbers<F> {
    fn write_f64<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        value: f64,
    ) -> std::io::Result<()> {
        let mut out = String::new();
        write_number(&mut out, value);
        writer.write_all(out.as_bytes())
    }

    fn write_f32<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        value: f32,
    ) -> std::io::Result<()> {
        self.write_f64(writer, f64::from(value))
    }

    fn write_null<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.write_null(w)
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Compact JSON text of anything serializable, numbers written as JavaScript writes them.
pub fn to_json_string<T: serde::Serialize + ?Sized>(value: &T) -> String {
    write_with(value, JsNumbers(serde_json::ser::CompactFormatter))
}

/// Indented JSON text, numbers written as JavaScript writes them.
pub fn to_json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> String {
    write_with(value, JsNumbers(serde_json::ser::PrettyFormatter::new()))
}

fn write_with<T, F>(value: &T, formatter: F) -> String
where
    T: serde::Serialize + ?Sized,
    F: serde_json::ser::Formatter,
{
    let mut bytes = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, formatter);
    if value.serialize(&mut serializer).is_err() {
        return String::from("null");
    }
    String::from_utf8(bytes).unwrap_or_else(|_| String::from("null"))
}

/// Writes a number as JavaScript's `Number.prototype.toString` does.
pub(crate) fn write_number(out: &mut String, n: f64) {
    use std::fmt::Write;
    if !n.is_finite() {
        out.push_str("null");
        return;
    }
    if n == 0.0 {
        out.push('0');
        return;
    }
    // ryu (already linked by serde_json) gives the shortest round-trip digits, as
    // "1.5", "100.0", "1e20" or "1.2345e-7"; read them as digits and a decimal point.
    let mut buffer = ryu::Buffer::new();
    let shortest = buffer.format_finite(n.abs());
    let (mantissa, exponent) = shortest.split_once('e').unwrap_or((shortest, "0"));
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let mut digits = String::with_capacity(whole.len() + fraction.len());
    digits.push_str(whole);
    digits.push_str(fraction);
    let mut point = i32::try_from(whole.len()).unwrap_or(0) + exponent; // digits before the point
    let leading =
        (digits.len() - digits.trim_start_matches('0').len()).min(digits.len().saturating_sub(1));
    digits.drain(..leading);
    point -= i32::try_from(leading).unwrap_or(0);
    let trimmed = digits.trim_end_matches('0').len().max(1);
    digits.truncate(trimmed);
    let k = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    if n < 0.0 {
        out.push('-');
    }
    if k <= point && point <= 21 {
        out.push_str(&digits);
        for _ in k..point {
            out.push('0');
        }
    } else if 0 < point && point <= 21 {
        let split = usize::try_from(point).unwrap_or(0);
        out.push_str(digits.get(..split).unwrap_or(""));
        out.push('.');
        out.push_str(digits.get(split..).unwrap_or(""));
    } else if -6 < point && point <= 0 {
        out.push_str("0.");
        for _ in point..0 {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        out.push_str(digits.get(..1).unwrap_or(""));
        if digits.len() > 1 {
            out.push('.');
            out.push_str(digits.get(1..).unwrap_or(""));
        }
        let e = point - 1;
        let _ = write!(out, "e{}{}", if e < 0 { '-' } else { '+' }, e.abs());
    }
}

// ---------------------------------------------------------------------------------------
// Parsing

/// Why the text is not a JSON body, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub reason: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.reason, self.line, self.column
        )
    }
}

impl std::error::Error for ParseError {}

/// Parses JSON text (a leading byte-order mark is skipped).
pub fn parse(text: &str) -> Result<Value<'_>, ParseError> {
    parse_with(text, false)
}

/// Parses the text a host converter wrote from a value of its own language: JSON, where
/// a value JSON cannot hold is `!` and the [`Foreign::tag`] letter (`!n` is NaN). Never
/// for text a caller gave: `!` is not JSON.
pub fn parse_host(text: &str) -> Result<Value<'_>, ParseError> {
    parse_with(text, true)
}

fn parse_with(text: &str, host: bool) -> Result<Value<'_>, ParseError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        entries: Vec::new(),
        items: Vec::new(),
        lone_surrogate: false,
        host,
    };
    if text.starts_with('\u{feff}') {
        parser.pos = '\u{feff}'.len_utf8();
    }
    parser.skip_ws();
    let value = parser.value(0).map_err(|e| parser.error(e))?;
    parser.skip_ws();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error(Failure::at(parser.pos, "unexpected text after the body")));
    }
    Ok(value)
}

/// Parses JSON bytes, which must be UTF-8.
pub fn parse_bytes(bytes: &[u8]) -> Result<Value<'_>, ParseError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or(&[]);
            let text = String::from_utf8_lossy(valid);
            let (line, column) = line_column(&text, text.len());
            Err(ParseError {
                line,
                column,
                reason: "invalid UTF-8",
            })
        }
    }
}

/// Bytes that end the plain run of a string: the closing quote, a backslash, a control character.
#[allow(clippy::indexing_slicing)] // const evaluation: a bad index fails the build
static STRING_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

#[inline]
fn stops_string(b: u8) -> bool {
    STRING_STOP.get(usize::from(b)).copied().unwrap_or(true)
}

struct Failure {
    offset: usize,
    reason: &'static str,
}

impl Failure {
    fn at(offset: usize, reason: &'static str) -> Self {
        Failure { offset, reason }
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Entries and items of the containers being read, shared by all of them so each
    /// container is allocated once, at its exact size, when it closes.
    entries: Vec<(Cow<'a, str>, Value<'a>)>,
    items: Vec<Value<'a>>,
    /// Set by `string` when the string it read holds an unpaired surrogate.
    lone_surrogate: bool,
    /// Host text: `!` and a letter is a value JSON cannot hold ([`parse_host`]).
    host: bool,
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

impl<'a> Parser<'a> {
    fn error(&self, failure: Failure) -> ParseError {
        let mut offset = failure.offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let (line, column) = line_column(self.text, offset);
        ParseError {
            line,
            column,
            reason: failure.reason,
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline]
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect_literal(
        &mut self,
        literal: &'static [u8],
        value: Value<'a>,
    ) -> Result<Value<'a>, Failure> {
        if self.bytes.get(self.pos..self.pos + literal.len()) == Some(literal) {
            self.pos += literal.len();
            Ok(value)
        } else {
            Err(Failure::at(self.pos, "expected a JSON value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value<'a>, Failure> {
        match self.peek() {
            None => Err(Failure::at(self.pos, "unexpected end of input")),
            Some(b'{') if depth >= MAX_DEPTH => self.skip_nested(),
            Some(b'[') if depth >= MAX_DEPTH => self.skip_nested(),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let s = self.string()?;
                Ok(if self.lone_surrogate {
                    Value::Foreign(Foreign::LoneSurrogate)
                } else {
                    Value::String(s)
                })
            }
            Some(b't') => self.expect_literal(b"true", Value::Bool(true)),
            Some(b'f') => self.expect_literal(b"false", Value::Bool(false)),
            Some(b'n') => self.expect_literal(b"null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'!') if self.host => self.host_value(),
            Some(_) => Err(Failure::at(self.pos, "expected a JSON value")),
        }
    }

    fn host_value(&mut self) -> Result<Value<'a>, Failure> {
        let at = self.pos;
        let tag = self.bytes.get(at + 1).copied().unwrap_or(0);
        let value = match tag {
            b'n' => Value::Number(f64::NAN),
            _ => Value::Foreign(
                Foreign::from_tag(tag).ok_or_else(|| Failure::at(at, "expected a JSON value"))?,
            ),
        };
        self.pos += 2;
        Ok(value)
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>, Failure> {
        self.pos += 1; // '{'
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(Object::new()));
        }
        let base = self.entries.len();
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                let reason = if self.peek().is_none() {
                    "unexpected end of input"
                } else {
                    "expected a string key"
                };
                return Err(Failure::at(self.pos, reason));
            }
            let mut key = self.string()?;
            if self.lone_surrogate {
                // A key with a lone surrogate cannot be a key the schema knows; keep it readable.
                key = Cow::Borrowed("\u{fffd}");
            }
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(Failure::at(self.pos, "expected ':' after an object key"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value(depth + 1)?;
            let open = self.entries.get_mut(base..).unwrap_or(&mut []);
            let repeated = if open.len() < LINEAR_DEDUP_LIMIT {
                open.iter_mut().find(|(k, _)| *k == key)
            } else {
                None
            };
            match repeated {
                Some(entry) => entry.1 = value,
                None => self.entries.push((key, value)),
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                None => return Err(Failure::at(self.pos, "unexpected end of input")),
                Some(_) => return Err(Failure::at(self.pos, "expected ',' or '}' in an object")),
            }
        }
        let mut object = Object {
            entries: self.entries.split_off(base),
        };
        if object.len() > LINEAR_DEDUP_LIMIT {
            object.dedup_sorted();
        }
        Ok(Value::Object(object))
    }

    fn array(&mut self, depth: usize) -> Result<Value<'a>, Failure> {
        self.pos += 1; // '['
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(Vec::new()));
        }
        let base = self.items.len();
        loop {
            self.skip_ws();
            let item = self.value(depth + 1)?;
            self.items.push(item);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(self.items.split_off(base)));
                }
                None => return Err(Failure::at(self.pos, "unexpected end of input")),
                Some(_) => return Err(Failure::at(self.pos, "expected ',' or ']' in an array")),
            }
        }
    }

    /// Skips a too-deep object or array without recursion, still checking that it is
    /// well-formed JSON at the bracket and string level.
    fn skip_nested(&mut self) -> Result<Value<'a>, Failure> {
        let mut stack: Vec<u8> = Vec::new();
        loop {
            match self.peek() {
                None => return Err(Failure::at(self.pos, "unexpected end of input")),
                Some(open @ (b'{' | b'[')) => {
                    stack.push(if open == b'{' { b'}' } else { b']' });
                    self.pos += 1;
                }
                Some(close @ (b'}' | b']')) => {
                    if stack.pop() != Some(close) {
                        return Err(Failure::at(self.pos, "mismatched bracket"));
                    }
                    self.pos += 1;
                    if stack.is_empty() {
                        return Ok(Value::Foreign(Foreign::TooDeep));
                    }
                }
                Some(b'"') => {
                    self.string()?;
                    self.lone_surrogate = false;
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    /// Reads a string; sets `lone_surrogate` when it holds an unpaired surrogate.
    fn string(&mut self) -> Result<Cow<'a, str>, Failure> {
        self.lone_surrogate = false;
        let open = self.pos;
        self.pos += 1; // '"'
        let start = self.pos;
        // Fast path: no escapes, borrow the slice.
        let rest = self.bytes.get(start..).unwrap_or(&[]);
        match rest.iter().position(|&b| stops_string(b)) {
            None => return Err(Failure::at(open, "unterminated string")),
            Some(n) => {
                self.pos = start + n;
                match self.peek() {
                    Some(b'"') => {
                        let s = self.text.get(start..self.pos).unwrap_or("");
                        self.pos += 1;
                        return Ok(Cow::Borrowed(s));
                    }
                    Some(b'\\') => {}
                    _ => return Err(Failure::at(self.pos, "control character in a string")),
                }
            }
        }
        let mut owned = String::from(self.text.get(start..self.pos).unwrap_or(""));
        let mut lone_surrogate = false;
        loop {
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if stops_string(b) {
                    break;
                }
                self.pos += 1;
            }
            owned.push_str(self.text.get(run_start..self.pos).unwrap_or(""));
            match self.peek() {
                None => return Err(Failure::at(open, "unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    self.lone_surrogate = lone_surrogate;
                    return Ok(Cow::Owned(owned));
                }
                Some(b'\\') => {
                    let escape_at = self.pos;
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let unit = self.hex4(escape_at)?;
                            match unit {
                                0xD800..=0xDBFF => {
                                    // A high surrogate pairs with a directly following low one.
                                    let next_is_low = self.bytes.get(self.pos..self.pos + 2)
                                        == Some(b"\\u")
                                        && matches!(
                                            self.peek_hex4(self.pos + 2),
                                            Some(0xDC00..=0xDFFF)
                                        );
                                    if next_is_low {
                                        self.pos += 2;
                                        let low = self.hex4(escape_at)?;
                                        let code = 0x10000
                                            + ((u32::from(unit) - 0xD800) << 10)
                                            + (u32::from(low) - 0xDC00);
                                        owned.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                                    } else {
                                        lone_surrogate = true;
                                    }
                                }
                                0xDC00..=0xDFFF => lone_surrogate = true,
                                _ => owned
                                    .push(char::from_u32(u32::from(unit)).unwrap_or('\u{fffd}')),
                            }
                            continue;
                        }
                        None => return Err(Failure::at(open, "unterminated string")),
                        Some(_) => {
                            return Err(Failure::at(escape_at, "invalid escape in a string"))
                        }
                    };
                    owned.push(c);
                    self.pos += 1;
                }
                Some(_) => return Err(Failure::at(self.pos, "control character in a string")),
            }
        }
    }

    fn peek_hex4(&self, at: usize) -> Option<u16> {
        let digits = self.bytes.get(at..at + 4)?;
        let mut unit: u16 = 0;
        for &d in digits {
            let v = (d as char).to_digit(16)?;
            unit = unit * 16 + v as u16;
        }
        Some(unit)
    }

    fn hex4(&mut self, escape_at: usize) -> Result<u16, Failure> {
        match self.peek_hex4(self.pos) {
            Some(unit) => {
                self.pos += 4;
                Ok(unit)
            }
            None => Err(Failure::at(escape_at, "invalid \\u escape in a string")),
        }
    }

    fn number(&mut self) -> Result<Value<'a>, Failure> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(Failure::at(start, "invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(Failure::at(start, "invalid number"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(Failure::at(start, "invalid number"));
            }
            self.digits();
        }
        let literal = self.text.get(start..self.pos).unwrap_or("");
        // Most numbers in a body are small integers: read them without the float parser.
        let digits = literal.strip_prefix('-').unwrap_or(literal);
        if digits.len() <= 15 && digits.bytes().all(|b| b.is_ascii_digit()) {
            let magnitude = digits
                .bytes()
                .fold(0u64, |n, d| n * 10 + u64::from(d - b'0')) as f64;
            return Ok(Value::Number(if literal.starts_with('-') {
                -magnitude
            } else {
                magnitude
            }));
        }
        // Like JSON.parse, a literal beyond the double range becomes ±Infinity.
        literal
            .parse::<f64>()
            .map(Value::Number)
            .map_err(|_| Failure::at(start, "invalid number"))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }
}

/// RFC 6901 JSON Pointer of a path.
pub fn pointer<'p, I>(segments: I) -> String
where
    I: IntoIterator<Item = &'p crate::report::PathSegment<'p>>,
{
    use crate::report::PathSegment;
    let mut out = String::new();
    for segment in segments {
        out.push('/');
        match segment {
            PathSegment::Key(k) => {
                for c in k.chars() {
                    match c {
                        '~' => out.push_str("~0"),
                        '/' => out.push_str("~1"),
                        c => out.push(c),
                    }
                }
            }
            PathSegment::Index(i) => out.push_str(&i.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_text_carries_what_json_cannot() {
        let v = parse_host(r#"{"a":!u,"b":[1,!n,!z],"c":!g,"d":"!u"}"#).unwrap();
        let o = v.as_object().unwrap();
        assert_eq!(o.get("a"), Some(&Value::Foreign(Foreign::Undefined)));
        match o.get("b") {
            Some(Value::Array(items)) => {
                assert!(items.get(1).and_then(Value::as_f64).unwrap().is_nan());
                assert_eq!(items.get(2), Some(&Value::Foreign(Foreign::TooDeep)));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(o.get("c"), Some(&Value::Foreign(Foreign::TooLarge)));
        assert_eq!(o.get("d"), Some(&Value::str("!u")));
        for foreign in [
            Foreign::Undefined,
            Foreign::BigInt,
            Foreign::Function,
            Foreign::Symbol,
            Foreign::Date,
            Foreign::Map,
            Foreign::Set,
            Foreign::Bytes,
            Foreign::Object,
            Foreign::LoneSurrogate,
            Foreign::TooDeep,
            Foreign::TooLarge,
        ] {
            let text = format!("[!{}]", char::from(foreign.tag()));
            assert_eq!(
                parse_host(&text).unwrap(),
                Value::Array(vec![Value::Foreign(foreign)])
            );
        }
        // Not JSON: a caller's text never reads `!` as a value.
        assert_eq!(parse("[!u]").unwrap_err().reason, "expected a JSON value");
        assert_eq!(
            parse_host("[!x]").unwrap_err().reason,
            "expected a JSON value"
        );
        assert_eq!(parse_host("!").unwrap_err().reason, "expected a JSON value");
    }

    #[test]
    fn borrows_strings_without_escapes() {
        let v = parse(r#"{"a":"plain","b":"esc\"aped"}"#).unwrap();
        let o = v.as_object().unwrap();
        assert!(matches!(
            o.get("a"),
            Some(Value::String(Cow::Borrowed("plain")))
        ));
        assert!(matches!(o.get("b"), Some(Value::String(Cow::Owned(s))) if s == "esc\"aped"));
    }

    #[test]
    fn follows_json_parse_on_overflow_duplicates_and_surrogates() {
        assert_eq!(parse("1e400").unwrap(), Value::Number(f64::INFINITY));
        assert_eq!(parse("-1e400").unwrap(), Value::Number(f64::NEG_INFINITY));
        let v = parse(r#"{"a":1,"b":2,"a":3}"#).unwrap();
        assert_eq!(v.to_json(), r#"{"a":3,"b":2}"#);
        assert_eq!(parse(r#""\ud83d\ude00""#).unwrap(), Value::str("😀"));
        assert_eq!(
            parse(r#""\ud800""#).unwrap(),
            Value::Foreign(Foreign::LoneSurrogate)
        );
        assert_eq!(
            parse(r#""\udc00x""#).unwrap(),
            Value::Foreign(Foreign::LoneSurrogate)
        );
    }

    #[test]
    fn dedups_large_objects_keeping_first_position_and_last_value() {
        let mut text = String::from("{");
        for i in 0..40 {
            text.push_str(&format!("\"k{i}\":{i},"));
        }
        text.push_str("\"k3\":\"last\",\"k39\":true}");
        let v = parse(&text).unwrap();
        let o = v.as_object().unwrap();
        assert_eq!(o.len(), 40);
        assert_eq!(o.position("k3"), Some(3));
        assert_eq!(o.get("k3"), Some(&Value::str("last")));
        assert_eq!(o.get("k39"), Some(&Value::Bool(true)));
    }

    #[test]
    fn reports_line_and_column() {
        let e = parse("{\n  \"a\": tru\n}").unwrap_err();
        assert_eq!(
            (e.line, e.column, e.reason),
            (2, 8, "expected a JSON value")
        );
        let e = parse("").unwrap_err();
        assert_eq!((e.line, e.column), (1, 1));
        let e = parse("{} x").unwrap_err();
        assert_eq!(e.reason, "unexpected text after the body");
        let e = parse("[01]").unwrap_err();
        assert_eq!(e.reason, "expected ',' or ']' in an array");
        let e = parse_bytes(b"{\"a\":\"\xff\"}").unwrap_err();
        assert_eq!((e.reason, e.column), ("invalid UTF-8", 7));
    }

    #[test]
    fn deep_nesting_is_skipped_not_recursed() {
        let depth = 100_000;
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let v = parse(&text).unwrap();
        let mut level = 0;
        let mut cur = &v;
        while let Value::Array(items) = cur {
            level += 1;
            cur = &items[0];
        }
        assert_eq!(level, MAX_DEPTH);
        assert_eq!(cur, &Value::Foreign(Foreign::TooDeep));
        assert!(parse(&format!("{}{}", "[".repeat(depth), "}".repeat(depth))).is_err());
    }

    #[test]
    fn writes_numbers_like_javascript() {
        let cases = [
            (12.0, "12"),
            (-0.0, "0"),
            (1.5, "1.5"),
            (-2.25, "-2.25"),
            (1e20, "100000000000000000000"),
            (1e21, "1e+21"),
            (1.5e300, "1.5e+300"),
            (0.1, "0.1"),
            (0.000001, "0.000001"),
            (0.000694, "0.000694"),
            (0.016667, "0.016667"),
            (100.0, "100"),
            (1234.5, "1234.5"),
            (1e-7, "1e-7"),
            (1.2345e-7, "1.2345e-7"),
            (123456.789, "123456.789"),
            (9007199254740993.0, "9007199254740992"),
            (f64::MAX, "1.7976931348623157e+308"),
        ];
        for (n, expected) in cases {
            let mut s = String::new();
            write_number(&mut s, n);
            assert_eq!(s, expected, "{n:e}");
        }
        assert_eq!(
            Value::from(vec![Value::Number(1e20), Value::Number(2.5)]).to_json(),
            "[100000000000000000000,2.5]"
        );
        assert_eq!(Value::str("a\"\n\u{1}").to_json(), r#""a\"\n\u0001""#);
    }
}
