//! Python objects to the core's [`Value`], read directly (no JSON text in between).
//!
//! The result is the value `JSON.parse` would give for the same body written as JSON, so
//! the dict path and the text path produce the same report:
//! - `bool` is a boolean (never a number), `int` and `float` are doubles (`int` beyond the
//!   double range becomes ±infinity, as `1e400` does in JSON text), NaN and infinity stay
//!   numbers and the core reports them;
//! - a `str` holding a lone surrogate is [`Foreign::LoneSurrogate`]; so is the key of a
//!   dict, which becomes `"\u{fffd}"` as in the text parser;
//! - what JSON cannot hold (a set, bytes, a date, a function, any other object) is the
//!   matching [`Foreign`] marker, reported by the core at its path;
//! - containers nested [`MAX_DEPTH`] deep, or containing themselves, are
//!   [`Foreign::TooDeep`]: the reader never descends further, so no input can exhaust the
//!   stack;
//! - a dict key that is not a `str` is a `TypeError` naming the path of the dict.
//!
//! The reader runs no Python code of the caller's (no `__float__`, `__eq__`, `__class__`
//! or ABC hooks), so nothing can mutate a dict while it is being read.

use std::borrow::Cow;

use preflight::{Foreign, Object, PathSegment, Value, MAX_DEPTH};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::iter::BoundDictIterator;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PyMemoryView, PySet,
    PyString, PyTuple, PyType,
};
use smallvec::SmallVec;
use typed_arena::Arena;

/// Most values one conversion reads. A body is a few hundred; shared references can make
/// a small Python object enormous (`x = [x, x]` 64 times is 2⁶⁴ values), and this bound
/// turns that into a `ValueError` instead of a hang.
pub(crate) const MAX_VALUES: usize = 10_000_000;

/// Why a Python object could not be read.
pub(crate) enum ReadError {
    /// A dict key that is not a `str`: its type, and the path of the dict, innermost
    /// segment first (segments are added while unwinding).
    KeyNotStr {
        type_name: String,
        reversed_path: Vec<PathSegment<'static>>,
    },
    TooLarge,
    Python(PyErr),
}

impl From<PyErr> for ReadError {
    fn from(e: PyErr) -> Self {
        ReadError::Python(e)
    }
}

impl ReadError {
    fn at(mut self, segment: impl FnOnce() -> PathSegment<'static>) -> Self {
        if let ReadError::KeyNotStr { reversed_path, .. } = &mut self {
            reversed_path.push(segment());
        }
        self
    }

    /// The Python exception, with `what` ("body", "current"…) naming the argument.
    pub(crate) fn into_py_err(self, what: &str) -> PyErr {
        match self {
            ReadError::KeyNotStr {
                type_name,
                mut reversed_path,
            } => {
                reversed_path.reverse();
                let place = if reversed_path.is_empty() {
                    String::from("the top level")
                } else {
                    preflight::json::pointer(&reversed_path)
                };
                PyTypeError::new_err(format!(
                    "{what}: dict keys must be str, found a key of type {type_name} at {place}"
                ))
            }
            ReadError::TooLarge => PyValueError::new_err(format!(
                "{what} holds more than {MAX_VALUES} values (shared references can make a \
                 small object enormous); it cannot be checked"
            )),
            ReadError::Python(e) => e,
        }
    }
}

static DATE_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Keeps the `str` objects of a body alive while the core borrows their UTF-8 text.
pub(crate) type Strings<'py> = Arena<Bound<'py, PyString>>;

/// Reads one Python object tree; strings are borrowed, not copied.
pub(crate) struct Reader<'a, 'py> {
    py: Python<'py>,
    strings: &'a Strings<'py>,
    /// Addresses of the containers being read, outermost first: a container met again
    /// inside itself is a cycle. Inline as deep as a body's schema goes (a `Vec` was an
    /// allocation per call).
    ancestors: SmallVec<[usize; 8]>,
    remaining: usize,
}

impl<'a, 'py> Reader<'a, 'py> {
    pub(crate) fn new(py: Python<'py>, strings: &'a Strings<'py>) -> Self {
        Reader {
            py,
            strings,
            ancestors: SmallVec::new(),
            remaining: MAX_VALUES,
        }
    }

    /// Reads `obj` as the root of a body (depth 0).
    pub(crate) fn read(&mut self, obj: &Bound<'py, PyAny>) -> Result<Value<'a>, ReadError> {
        self.value(obj.clone(), 0)
    }

    /// Reads a value it is given a reference to: a `str` moves it into the arena (no new
    /// reference count call, which the stable ABI makes a call into the interpreter).
    fn value(&mut self, obj: Bound<'py, PyAny>, depth: usize) -> Result<Value<'a>, ReadError> {
        self.remaining = self.remaining.checked_sub(1).ok_or(ReadError::TooLarge)?;
        let obj = match obj.cast_into::<PyString>() {
            Ok(s) => {
                return Ok(match self.text(s) {
                    Some(text) => Value::String(Cow::Borrowed(text)),
                    None => Value::Foreign(Foreign::LoneSurrogate),
                })
            }
            Err(e) => e.into_inner(),
        };
        let obj = &obj;
        if let Ok(b) = obj.cast::<PyBool>() {
            return Ok(Value::Bool(b.is_true()));
        }
        if let Ok(i) = obj.cast::<PyInt>() {
            return Ok(Value::Number(int_to_f64(i)?));
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            return self.dict(d, depth);
        }
        if let Ok(l) = obj.cast::<PyList>() {
            return self.sequence(obj, l.len(), depth, |i| l.get_item(i));
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return Ok(Value::Number(f.value()));
        }
        if obj.is_none() {
            return Ok(Value::Null);
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            return self.sequence(obj, t.len(), depth, |i| t.get_item(i));
        }
        Ok(Value::Foreign(self.foreign(obj)?))
    }

    /// Enters a container the typed reading walks itself ([`DictMembers`]), counting it
    /// as `value` counts every value; `false`, with nothing counted, where `value` would
    /// not read it as a container (too deep, a cycle) or would run out of values.
    fn enter_walked(&mut self, obj: &Bound<'py, PyAny>, depth: usize) -> bool {
        if !self.enter(obj, depth) {
            return false;
        }
        match self.remaining.checked_sub(1) {
            Some(remaining) => {
                self.remaining = remaining;
                true
            }
            None => {
                self.ancestors.pop();
                false
            }
        }
    }

    /// Containers at the depth limit, and containers met again inside themselves, are
    /// not read.
    fn enter(&mut self, obj: &Bound<'py, PyAny>, depth: usize) -> bool {
        let address = obj.as_ptr() as usize;
        if depth >= MAX_DEPTH || self.ancestors.contains(&address) {
            return false;
        }
        self.ancestors.push(address);
        true
    }

    fn dict(&mut self, d: &Bound<'py, PyDict>, depth: usize) -> Result<Value<'a>, ReadError> {
        if !self.enter(d.as_any(), depth) {
            return Ok(Value::Foreign(Foreign::TooDeep));
        }
        let mut object = Object::with_capacity(d.len());
        for (k, v) in d.iter() {
            let key: &'a str = match k.cast_into::<PyString>() {
                // As in the text parser: a key with a lone surrogate cannot be one the
                // schema knows; keep it readable.
                Ok(s) => self.text(s).unwrap_or("\u{fffd}"),
                Err(e) => {
                    let k = e.into_inner();
                    return Err(ReadError::KeyNotStr {
                        type_name: type_name(&k),
                        reversed_path: Vec::new(),
                    });
                }
            };
            let value = match self.value(v, depth + 1) {
                Ok(value) => value,
                Err(e) => return Err(e.at(|| PathSegment::Key(Cow::Owned(key.to_owned())))),
            };
            if key == "\u{fffd}" {
                // Replacement keys may repeat; any other dict key cannot.
                object.insert(key, value);
            } else {
                object.push_unique(Cow::Borrowed(key), value);
            }
        }
        self.ancestors.pop();
        Ok(Value::Object(object))
    }

    fn sequence(
        &mut self,
        obj: &Bound<'py, PyAny>,
        len: usize,
        depth: usize,
        item: impl Fn(usize) -> PyResult<Bound<'py, PyAny>>,
    ) -> Result<Value<'a>, ReadError> {
        if !self.enter(obj, depth) {
            return Ok(Value::Foreign(Foreign::TooDeep));
        }
        let mut items = Vec::with_capacity(len);
        for i in 0..len {
            let element = item(i)?;
            match self.value(element, depth + 1) {
                Ok(value) => items.push(value),
                Err(e) => return Err(e.at(|| PathSegment::Index(i))),
            }
        }
        self.ancestors.pop();
        Ok(Value::Array(items))
    }

    /// The UTF-8 text of a `str`, borrowed for as long as the reader's arena lives;
    /// `None` when it holds a lone surrogate.
    fn text(&self, s: Bound<'py, PyString>) -> Option<&'a str> {
        let kept: &'a Bound<'py, PyString> = self.strings.alloc(s);
        kept.to_str().ok()
    }

    /// What JSON cannot hold, named as the core names it.
    fn foreign(&self, obj: &Bound<'py, PyAny>) -> PyResult<Foreign> {
        if obj.cast::<PyBytes>().is_ok()
            || obj.cast::<PyByteArray>().is_ok()
            || obj.cast::<PyMemoryView>().is_ok()
        {
            return Ok(Foreign::Bytes);
        }
        if obj.cast::<PySet>().is_ok() || obj.cast::<PyFrozenSet>().is_ok() {
            return Ok(Foreign::Set);
        }
        let date = DATE_TYPE.import(self.py, "datetime", "date")?;
        // `issubclass(type(obj), date)`: unlike `isinstance`, never reads `obj.__class__`.
        if obj.get_type().is_subclass(date)? {
            return Ok(Foreign::Date);
        }
        if obj.is_callable() && obj.cast::<PyType>().is_err() {
            return Ok(Foreign::Function);
        }
        Ok(Foreign::Object)
    }
}

/// A body dict read member by member ([`preflight::json::Members`]): the core walks the
/// dicts and lists whose keys the schema fixes itself, and every other value is read whole
/// by the [`Reader`], so what it reads is what the tree would hold. It gives up wherever
/// the tree reading would raise or read differently (a key that is not a `str` or holds
/// a lone surrogate, a container too deep or met inside itself, too many values); the
/// caller then reads the tree, which raises or reports as before.
pub(crate) struct DictMembers<'a, 'py> {
    reader: Reader<'a, 'py>,
    /// The containers being walked, innermost last (inline as deep as the schema goes).
    walked: SmallVec<[Walked<'py>; 6]>,
    /// The value that comes next, and its key inside a dict.
    next: Option<Bound<'py, PyAny>>,
    next_key: Option<Bound<'py, PyAny>>,
}

enum Walked<'py> {
    Dict(BoundDictIterator<'py>),
    List(Bound<'py, PyList>, usize),
    Tuple(Bound<'py, PyTuple>, usize),
}

impl<'a, 'py> DictMembers<'a, 'py> {
    pub(crate) fn new(body: &Bound<'py, PyAny>, strings: &'a Strings<'py>) -> Self {
        DictMembers {
            reader: Reader::new(body.py(), strings),
            walked: SmallVec::new(),
            next: Some(body.clone()),
            next_key: None,
        }
    }
}

impl<'a, 'py> preflight::json::Members<'a> for DictMembers<'a, 'py> {
    fn open(&mut self, open: u8) -> bool {
        let Some(next) = self.next.as_ref() else {
            return false;
        };
        let depth = self.walked.len();
        let walked = match open {
            b'{' => match next.cast::<PyDict>() {
                Ok(dict) => Walked::Dict(dict.iter()),
                Err(_) => return false,
            },
            _ => match (next.cast::<PyList>(), next.cast::<PyTuple>()) {
                (Ok(list), _) => Walked::List(list.clone(), 0),
                (_, Ok(tuple)) => Walked::Tuple(tuple.clone(), 0),
                _ => return false,
            },
        };
        if !self.reader.enter_walked(next, depth) {
            return false;
        }
        self.next = None;
        self.walked.push(walked);
        true
    }

    fn more(&mut self, close: u8, _first: bool) -> Option<bool> {
        let next = match (self.walked.last_mut()?, close) {
            (Walked::Dict(items), b'}') => items.next().map(|(key, value)| {
                self.next_key = Some(key);
                value
            }),
            (Walked::List(list, at), b']') => {
                let item = (*at < list.len()).then(|| list.get_item(*at));
                *at += 1;
                item.transpose().ok()?
            }
            (Walked::Tuple(tuple, at), b']') => {
                let item = (*at < tuple.len()).then(|| tuple.get_item(*at));
                *at += 1;
                item.transpose().ok()?
            }
            _ => return None,
        };
        if next.is_none() {
            self.walked.pop();
            self.reader.ancestors.pop();
        }
        self.next = next;
        Some(self.next.is_some())
    }

    fn key(&mut self) -> Option<Cow<'_, str>> {
        // Held in `next_key` until the next member: no `str` of the caller's is kept.
        let key = self.next_key.as_ref()?.cast::<PyString>().ok()?;
        key.to_str().ok().map(Cow::Borrowed)
    }

    fn value(&mut self, depth: usize) -> Option<Value<'a>> {
        let next = self.next.take()?;
        self.reader.value(next, depth).ok()
    }

    fn at_end(&mut self) -> bool {
        self.walked.is_empty() && self.next.is_none()
    }
}

/// An `int` as the nearest double; beyond the double range, ±infinity (as `1e400` reads
/// in JSON text). Uses `int`'s own methods, never a subclass's overrides.
fn int_to_f64(i: &Bound<'_, PyInt>) -> PyResult<f64> {
    if let Ok(n) = i.extract::<i64>() {
        return Ok(n as f64);
    }
    let int_type = i.py().get_type::<PyInt>();
    match int_type.call_method1("__float__", (i,)) {
        Ok(f) => Ok(f.cast::<PyFloat>().map(|f| f.value()).unwrap_or(f64::NAN)),
        Err(_) => {
            let negative = int_type.call_method1("__lt__", (i, 0))?.is_truthy()?;
            Ok(if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            })
        }
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| String::from("unknown"))
}
