//! `Value`, `Object` and `Foreign`: the JSON value every host hands to the core.
//!
//! Why not `serde_json::Value`: the server parses bodies with JavaScript's `JSON.parse`,
//! which turns `1e400` into `Infinity`, keeps the *last* of duplicate keys at the place of
//! the first, and accepts lone UTF-16 surrogates in `\u` escapes; a `Value` holds all
//! three, borrows every string that had no escape, and keeps key order.

use std::borrow::Cow;
use std::fmt;

use super::to_json_string;
#[cfg(doc)]
use super::MAX_DEPTH;

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

    /// The letter that stands for this value after a `!` in host text
    /// ([`parse_host`](super::parse_host)).
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

    pub(crate) fn from_tag(tag: u8) -> Option<Foreign> {
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
    pub(super) entries: Vec<(Cow<'a, str>, Value<'a>)>,
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
    pub(super) fn dedup_sorted(&mut self) {
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
