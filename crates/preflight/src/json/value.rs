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
            .find(|(k, _)| crate::model::same_name(k, key))
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
        let mut out = String::new();
        super::write_value(&mut out, self);
        out
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

#[cfg(test)]
mod tests {
    use super::*;

    const FOREIGN: [Foreign; 12] = [
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
    ];

    fn object(entries: &[(&'static str, f64)]) -> Object<'static> {
        let mut o = Object::new();
        for (k, v) in entries {
            o.push_unique(Cow::Borrowed(*k), Value::Number(*v));
        }
        o
    }

    #[test]
    fn every_foreign_value_has_its_own_tag_and_is_read_back_from_it() {
        let tags: Vec<u8> = FOREIGN.iter().map(|f| f.tag()).collect();
        assert_eq!(tags, b"ubfsdmtyolzg");
        for foreign in FOREIGN {
            assert_eq!(Foreign::from_tag(foreign.tag()), Some(foreign));
        }
        assert_eq!(Foreign::from_tag(b'n'), None);
        assert_eq!(Foreign::from_tag(b'x'), None);
        let names: Vec<&str> = FOREIGN
            .iter()
            .map(|f| Value::Foreign(*f).type_name())
            .collect();
        assert_eq!(
            names,
            [
                "undefined",
                "bigint",
                "function",
                "symbol",
                "date",
                "map",
                "set",
                "bytes",
                "object",
                "string",
                "unknown",
                "array"
            ]
        );
    }

    #[test]
    fn type_names_are_zods() {
        let names: Vec<&str> = [
            Value::Null,
            Value::Bool(true),
            Value::Number(f64::NAN),
            Value::Number(1.0),
            Value::str("s"),
            Value::Array(Vec::new()),
            Value::Object(Object::new()),
        ]
        .iter()
        .map(Value::type_name)
        .collect();
        assert_eq!(
            names,
            ["null", "boolean", "nan", "number", "string", "array", "object"]
        );
    }

    #[test]
    fn typed_views_answer_only_for_their_type() {
        let values = [
            Value::Null,
            Value::Bool(false),
            Value::Number(-2.5),
            Value::str("x"),
            Value::Object(object(&[("k", 1.0)])),
        ];
        let strs: Vec<Option<&str>> = values.iter().map(Value::as_str).collect();
        assert_eq!(strs, [None, None, None, Some("x"), None]);
        let numbers: Vec<Option<f64>> = values.iter().map(Value::as_f64).collect();
        assert_eq!(numbers, [None, None, Some(-2.5), None, None]);
        let bools: Vec<Option<bool>> = values.iter().map(Value::as_bool).collect();
        assert_eq!(bools, [None, Some(false), None, None, None]);
        let objects: Vec<bool> = values.iter().map(|v| v.as_object().is_some()).collect();
        assert_eq!(objects, [false, false, false, false, true]);
        assert_eq!(
            values.get(4).and_then(Value::as_object).map(Object::len),
            Some(1)
        );
    }

    #[test]
    fn conversions_keep_the_value() {
        assert_eq!(Value::from(true), Value::Bool(true));
        assert_eq!(Value::from(2.5), Value::Number(2.5));
        assert_eq!(Value::from(7usize), Value::Number(7.0));
        assert_eq!(Value::from(8u32), Value::Number(8.0));
        assert_eq!(Value::from(-9i64), Value::Number(-9.0));
        assert_eq!(Value::from("a"), Value::str("a"));
        assert_eq!(Value::from(String::from("b")), Value::str("b"));
        assert_eq!(Value::from(Cow::Borrowed("c")), Value::str("c"));
        assert_eq!(Value::from(Object::new()), Value::Object(Object::new()));
        assert_eq!(
            Value::from(vec![Value::Null]),
            Value::Array(vec![Value::Null])
        );
        let nested = Value::from(vec![
            Value::Bool(true),
            Value::Number(1.5),
            Value::str("s"),
            Value::Object(object(&[("k", 1.0)])),
            Value::Foreign(Foreign::Date),
            Value::Null,
        ]);
        assert_eq!(nested.clone().into_owned(), nested);
        assert_eq!(format!("{nested:?}"), r#"[true,1.5,"s",{"k":1},null,null]"#);
        assert_eq!(
            format!("{:?}", object(&[("a", 1.0), ("b", 2.0)])),
            r#"[["a",1],["b",2]]"#
        );
    }

    #[test]
    fn an_object_keeps_its_entries_in_order() {
        let mut o = object(&[("a", 1.0), ("b", 2.0), ("c", 3.0)]);
        assert_eq!(o.len(), 3);
        assert!(!o.is_empty());
        assert!(Object::new().is_empty());
        assert!(Object::with_capacity(16).entries.capacity() >= 16);
        assert_eq!(o.get("b"), Some(&Value::Number(2.0)));
        assert_eq!(o.get("z"), None);
        assert_eq!(o.position("a"), Some(0));
        assert_eq!(o.position("c"), Some(2));
        assert_eq!(o.position("z"), None);
        assert_eq!(o.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
        let seen: Vec<(String, f64)> = o
            .iter()
            .map(|(k, v)| (k.to_string(), v.as_f64().unwrap_or(0.0)))
            .collect();
        assert_eq!(
            seen,
            [("a".into(), 1.0), ("b".into(), 2.0), ("c".into(), 3.0)]
        );
        for (_, v) in o.iter_mut() {
            *v = Value::Number(v.as_f64().unwrap_or(0.0) * 10.0);
        }
        assert_eq!(o.to_owned_json(), r#"{"a":10,"b":20,"c":30}"#);
        o.insert("b", Value::Null);
        o.insert("d", Value::Bool(true));
        assert_eq!(o.to_owned_json(), r#"{"a":10,"b":null,"c":30,"d":true}"#);
        assert_eq!(o.remove("a"), Some(Value::Number(10.0)));
        assert_eq!(o.remove("a"), None);
        o.retain_indexed(|i| i != 1);
        assert_eq!(o.to_owned_json(), r#"{"b":null,"d":true}"#);
        let mut repeated = Object::new();
        repeated.push_unique(Cow::Borrowed("k"), Value::Null);
        repeated.push_unique(Cow::Borrowed("k"), Value::Null);
        assert_eq!(repeated.len(), 2, "push_unique does not look for the key");
        let collected: Object<'_> = [
            (Cow::Borrowed("x"), Value::Number(1.0)),
            (Cow::Borrowed("y"), Value::Number(2.0)),
            (Cow::Borrowed("x"), Value::Number(3.0)),
        ]
        .into_iter()
        .collect();
        assert_eq!(collected.to_owned_json(), r#"{"x":3,"y":2}"#);
        assert_eq!(collected.clone().into_owned(), collected);
    }

    impl Object<'_> {
        fn to_owned_json(&self) -> String {
            Value::Object(self.clone()).to_json()
        }
    }

    /// Keeps the last value of each key at the place of its first occurrence, one key at a time.
    fn dedup_by_hand(entries: &[(&'static str, f64)]) -> Vec<(&'static str, f64)> {
        let mut out: Vec<(&'static str, f64)> = Vec::new();
        for (k, v) in entries {
            match out.iter_mut().find(|(key, _)| key == k) {
                Some(entry) => entry.1 = *v,
                None => out.push((*k, *v)),
            }
        }
        out
    }

    #[test]
    fn dedup_keeps_the_last_value_at_the_first_place() {
        const KEYS: [&str; 3] = ["a", "b", "c"];
        // Every sequence of up to six keys from three: runs of each length, at each place.
        for len in 0..=6u32 {
            for mut code in 0..3usize.pow(len) {
                let mut entries = Vec::new();
                for i in 0..len {
                    entries.push((KEYS.get(code % 3).copied().unwrap_or("a"), f64::from(i)));
                    code /= 3;
                }
                let mut o = object(&entries);
                o.dedup_sorted();
                let got: Vec<(&str, f64)> = o
                    .iter()
                    .map(|(k, v)| (k.as_ref(), v.as_f64().unwrap_or(-1.0)))
                    .collect();
                let expected = dedup_by_hand(&entries);
                assert_eq!(got.len(), expected.len(), "{entries:?}");
                for (g, e) in got.iter().zip(&expected) {
                    assert_eq!((g.0, g.1), (e.0, e.1), "{entries:?}");
                }
            }
        }
    }
}
