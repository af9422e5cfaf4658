//! The Python arguments: the body (a dict or JSON text), the options, and instants.
//!
//! Options are handed to the core's own reader (`Options::from_value`), so every host
//! accepts and rejects the same options with the same messages. This module only checks
//! Python types (`TypeError`) and turns the core's usage errors into `ValueError`.

use std::borrow::Cow;

use preflight::{Object, Options, UsageError, Value};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyMemoryView, PyString, PyType};

use crate::input::{Reader, Strings};

static DATETIME_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

pub(crate) fn usage_error(e: UsageError) -> PyErr {
    PyValueError::new_err(e.message)
}

/// A body as the caller gave it: JSON text (the fast path) or a Python value.
pub(crate) enum Body<'a> {
    Text(&'a str),
    Bytes(Cow<'a, [u8]>),
    Value(Value<'a>),
}

impl<'a> Body<'a> {
    /// Reads a body: `str`, `bytes`, `bytearray` and `memoryview` are JSON text, anything
    /// else a value.
    ///
    /// A `str` holding a lone surrogate has no UTF-8 form: it is read as the bytes Python
    /// writes for it with `surrogatepass`, so the core reports invalid UTF-8 at its place.
    pub(crate) fn read<'py>(
        obj: &'a Bound<'py, PyAny>,
        strings: &'a Strings<'py>,
    ) -> PyResult<Body<'a>> {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(match s.to_str() {
                Ok(text) => Body::Text(text),
                Err(_) => Body::Bytes(Cow::Owned(surrogatepass_bytes(s)?)),
            });
        }
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(Body::Bytes(Cow::Borrowed(b.as_bytes())));
        }
        if let Ok(b) = obj.cast::<PyByteArray>() {
            return Ok(Body::Bytes(Cow::Owned(b.to_vec())));
        }
        if let Ok(view) = obj.cast::<PyMemoryView>() {
            // The bytes the view shows, as `bytes(view)` gives them.
            let bytes = view.call_method0("tobytes")?;
            return Ok(Body::Bytes(Cow::Owned(
                bytes.cast::<PyBytes>()?.as_bytes().to_vec(),
            )));
        }
        Reader::new(obj.py(), strings)
            .read(obj)
            .map(Body::Value)
            .map_err(|e| e.into_py_err("body"))
    }

    pub(crate) fn check(&self, options: &Options) -> preflight::Report<'_> {
        match self {
            Body::Text(text) => preflight::check(text, options),
            Body::Bytes(bytes) => preflight::check_bytes(bytes, options),
            Body::Value(value) => preflight::check_value(value, options),
        }
    }

    pub(crate) fn verdict(&self, options: &Options) -> preflight::Verdict<'_> {
        match self {
            Body::Text(text) => preflight::verdict(text, options),
            Body::Bytes(bytes) => preflight::verdict_bytes(bytes, options),
            Body::Value(value) => preflight::verdict_value(value, options),
        }
    }

    /// Runs `f` on the body as a value, for the schedule tools: text that is not JSON
    /// is a usage error.
    pub(crate) fn with_value<R>(&self, f: impl FnOnce(&Value<'_>) -> R) -> PyResult<R> {
        let parsed = match self {
            Body::Text(text) => preflight::parse(text),
            Body::Bytes(bytes) => preflight::parse_bytes(bytes),
            Body::Value(value) => return Ok(f(value)),
        };
        parsed
            .map(|value| f(&value))
            .map_err(|e| PyValueError::new_err(format!("body is not valid JSON: {e}")))
    }
}

fn surrogatepass_bytes(s: &Bound<'_, PyString>) -> PyResult<Vec<u8>> {
    // `str.encode(s, …)`, not `s.encode(…)`: a subclass's override does not run.
    let encoded = s
        .py()
        .get_type::<PyString>()
        .call_method1("encode", (s, "utf-8", "surrogatepass"))?;
    Ok(encoded.cast::<PyBytes>()?.as_bytes().to_vec())
}

/// `current` or `rate_limits`: a dict (or any value, which the core then judges), or the
/// JSON text of the response.
fn document(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Value<'static>> {
    let text = if let Ok(s) = obj.cast::<PyString>() {
        Some(s.to_cow()?.into_owned().into_bytes())
    } else if let Ok(b) = obj.cast::<PyBytes>() {
        Some(b.as_bytes().to_vec())
    } else if let Ok(b) = obj.cast::<PyByteArray>() {
        Some(b.to_vec())
    } else {
        None
    };
    match text {
        Some(bytes) => preflight::parse_bytes(&bytes)
            .map(Value::into_owned)
            .map_err(|e| PyValueError::new_err(format!("{what} is not valid JSON: {e}"))),
        // Any other value goes to the core as it is, which says what it expected.
        None => Reader::new(obj.py(), &Strings::new())
            .read(obj)
            .map(Value::into_owned)
            .map_err(|e| e.into_py_err(what)),
    }
}

/// RFC 3339 text of a `str` or a timezone-aware `datetime`.
pub(crate) fn instant_text(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    let datetime = DATETIME_TYPE.import(obj.py(), "datetime", "datetime")?;
    if !obj.is_instance(datetime)? {
        return Err(PyTypeError::new_err(format!(
            "{what} must be a timezone-aware datetime or an RFC 3339 str, got {}",
            python_type_name(obj)
        )));
    }
    if obj.call_method0("utcoffset")?.is_none() {
        return Err(PyValueError::new_err(format!(
            "{what} must be a timezone-aware datetime (it has no tzinfo)"
        )));
    }
    Ok(obj
        .call_method0("isoformat")?
        .cast::<PyString>()?
        .to_cow()?
        .into_owned())
}

pub(crate) fn python_type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| String::from("object"))
}

/// `operation`, which must be a `str` (the core judges its value).
pub(crate) fn operation_name(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    match obj.cast::<PyString>() {
        Ok(s) => Ok(s.to_cow()?.into_owned()),
        Err(_) => Err(PyTypeError::new_err(format!(
            "operation must be a str, \"update\" or \"create\", got {}",
            python_type_name(obj)
        ))),
    }
}

/// The last options [`CallOptions::options`] read, and the keyword values they were read
/// from.
static LAST_OPTIONS: std::sync::Mutex<Option<(OptionsKey, PlainOptions)>> =
    std::sync::Mutex::new(None);

/// Keyword values whose identity is their value: `str` and `bool` objects exactly (a
/// subclass could be anything), held so that their addresses stay theirs.
struct OptionsKey {
    operation: Option<Py<PyString>>,
    coerce: Option<bool>,
    now: Option<Py<PyString>>,
}

/// The addresses and value an [`OptionsKey`] would hold, taken without a reference: what
/// a call compares with the last call's key (holding references costs every call four
/// reference count calls under the stable ABI).
#[derive(PartialEq)]
struct OptionsProbe {
    operation: Option<usize>,
    coerce: Option<bool>,
    now: Option<usize>,
}

/// The options of a call without `current` and `rate_limits`: all a cached call needs.
#[derive(Clone, Copy)]
struct PlainOptions {
    operation: preflight::Operation,
    coerce: bool,
    now: Option<i64>,
}

impl OptionsProbe {
    fn of(options: &CallOptions<'_>) -> Option<Self> {
        if options.current.is_some() || options.rate_limits.is_some() {
            return None;
        }
        let address = |value| Some(exact_str(value)?.map(|s| s.as_ptr() as usize));
        let coerce = match &options.coerce {
            None => None,
            Some(value) => Some(value.cast_exact::<PyBool>().ok()?.is_true()),
        };
        Some(OptionsProbe {
            operation: address(&options.operation)?,
            coerce,
            now: address(&options.now)?,
        })
    }
}

impl OptionsKey {
    fn probe(&self) -> OptionsProbe {
        let address = |s: &Option<Py<PyString>>| s.as_ref().map(|s| s.as_ptr() as usize);
        OptionsProbe {
            operation: address(&self.operation),
            coerce: self.coerce,
            now: address(&self.now),
        }
    }

    /// The key of options whose probe is `probe`.
    fn of(options: &CallOptions<'_>, probe: &OptionsProbe) -> Option<Self> {
        let held = |value| Some(exact_str(value)?.map(|s| s.clone().unbind()));
        Some(OptionsKey {
            operation: held(&options.operation)?,
            coerce: probe.coerce,
            now: held(&options.now)?,
        })
    }
}

/// A keyword given as a `str` exactly (`Some(Some)`), or not given (`Some(None)`); `None`
/// for any other type, whose options are read every time.
fn exact_str<'a, 'py>(
    value: &'a Option<Bound<'py, PyAny>>,
) -> Option<Option<&'a Bound<'py, PyString>>> {
    match value {
        None => Some(None),
        Some(value) => value.cast_exact::<PyString>().ok().map(Some),
    }
}

/// The options every body function takes as keyword arguments, read once from the
/// call's keywords; `None` is "not given", so the core's defaults apply.
#[derive(Default)]
pub(crate) struct CallOptions<'py> {
    pub(crate) operation: Option<Bound<'py, PyAny>>,
    pub(crate) coerce: Option<Bound<'py, PyAny>>,
    pub(crate) current: Option<Bound<'py, PyAny>>,
    pub(crate) rate_limits: Option<Bound<'py, PyAny>>,
    pub(crate) now: Option<Bound<'py, PyAny>>,
}

impl<'py> CallOptions<'py> {
    /// Sorts the call's keywords into the options; any other keyword is the `TypeError`
    /// Python raises for it.
    pub(crate) fn extract(function: &str, keywords: Option<&Bound<'py, PyDict>>) -> PyResult<Self> {
        let mut options = CallOptions::default();
        let Some(keywords) = keywords else {
            return Ok(options);
        };
        for (key, value) in keywords.iter() {
            let name = key.cast::<PyString>()?.to_cow()?;
            let slot = match name.as_ref() {
                "operation" => &mut options.operation,
                "coerce" => &mut options.coerce,
                "current" => &mut options.current,
                "rate_limits" => &mut options.rate_limits,
                "now" => &mut options.now,
                _ => {
                    return Err(PyTypeError::new_err(format!(
                        "{function}() got an unexpected keyword argument '{name}'"
                    )))
                }
            };
            *slot = (!value.is_none()).then_some(value);
        }
        Ok(options)
    }

    /// The core's options, read by the core from the same object every host builds.
    ///
    /// Options given as the same `str` and `bool` objects as the last call's (a caller's
    /// constants: `operation="create", now=NOW`) are that call's options, not read again:
    /// those objects cannot change, and the last ones are held, so their identity stands
    /// for their value. Options holding `current` or `rate_limits` (a dict can change), or
    /// any other type, are read every time.
    pub(crate) fn options(&self) -> PyResult<Options> {
        let Some(probe) = OptionsProbe::of(self) else {
            return self.read();
        };
        let mut last = LAST_OPTIONS
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let plain = match last.as_ref() {
            Some((last_key, plain)) if last_key.probe() == probe => *plain,
            _ => {
                let options = self.read()?;
                let plain = PlainOptions {
                    operation: options.operation,
                    coerce: options.coerce,
                    now: options.now,
                };
                *last = OptionsKey::of(self, &probe).map(|key| (key, plain));
                return Ok(options);
            }
        };
        Ok(Options {
            operation: plain.operation,
            coerce: plain.coerce,
            now: plain.now,
            current: None,
            rate_limits: None,
        })
    }

    fn read(&self) -> PyResult<Options> {
        let mut object = Object::with_capacity(5);
        if let Some(operation) = &self.operation {
            object.insert("operation", Value::from(operation_name(operation)?));
        }
        if let Some(coerce) = &self.coerce {
            let coerce = coerce.cast::<PyBool>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "coerce must be a bool, got {}",
                    python_type_name(coerce)
                ))
            })?;
            object.insert("coerce", Value::Bool(coerce.is_true()));
        }
        if let Some(current) = &self.current {
            object.insert("current", document(current, "current")?);
        }
        if let Some(limits) = &self.rate_limits {
            object.insert("rate_limits", document(limits, "rate_limits")?);
        }
        if let Some(now) = &self.now {
            object.insert("now", Value::from(instant_text(now, "now")?));
        }
        Options::from_value(&Value::Object(object)).map_err(usage_error)
    }
}
