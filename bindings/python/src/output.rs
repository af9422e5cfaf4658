//! The core's values and reports to plain Python dicts, lists, str, int, float, bool and
//! None, JSON-equal to the core's canonical JSON (`Report::to_json`).
//!
//! Numbers follow the core's JSON, which writes them as JavaScript does: an integral double
//! below 10²¹ in magnitude is written as an integer (so `12.0` is `12`, `-0.0` is `0` and
//! `1e20` is `100000000000000000000`) and becomes an `int`, any other finite double a
//! `float`, and NaN or infinity `None` (JSON has no such numbers). Keys keep the core's
//! order.

use std::collections::HashMap;

use preflight::json;
use preflight::model::{
    Field, CADENCES, DAYS, SCHEDULE_FIELDS, SCHEDULE_TYPES, SLOT_FIELDS, SYSTEMS, TIMEZONES,
    VENDORS,
};
use preflight::{Change, Code, Issue, PathSegment, Report, Severity, Value, Verdict};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyFloat, PyInt, PyList, PyString};
use rustc_hash::FxBuildHasher;

/// Interned Python strings for the words every report repeats: field names, enum values,
/// issue codes, and the 1440 `HH:MM` times. Reusing them saves creating a `str` (and
/// hashing it again as a dict key) for most strings of a report; the rest are created.
/// Only the core's own vocabulary is kept, never a caller's string.
struct Vocabulary {
    words: HashMap<&'static str, Py<PyString>, FxBuildHasher>,
    /// `times[h * 60 + m]` is `"HH:MM"`.
    times: Vec<Py<PyString>>,
}

static VOCABULARY: PyOnceLock<Vocabulary> = PyOnceLock::new();

impl Vocabulary {
    fn new(py: Python<'_>) -> Self {
        let mut words: HashMap<&'static str, Py<PyString>, FxBuildHasher> = HashMap::default();
        let fields = Field::ALL.iter().map(|f| f.name());
        let codes = Code::ALL.iter().map(|c| c.as_str());
        let severities = [Severity::Error, Severity::Warning].map(Severity::as_str);
        let lists: [&[&'static str]; 8] = [
            &SCHEDULE_FIELDS,
            &SLOT_FIELDS,
            &DAYS,
            &CADENCES,
            &SYSTEMS,
            &SCHEDULE_TYPES,
            &TIMEZONES,
            &VENDORS,
        ];
        let words_iter = fields
            .chain(codes)
            .chain(severities)
            .chain(lists.into_iter().flatten().copied())
            .chain(["slots"]);
        for word in words_iter {
            words.insert(word, PyString::intern(py, word).unbind());
        }
        let times = (0..24 * 60)
            .map(|m| PyString::intern(py, &format!("{:02}:{:02}", m / 60, m % 60)).unbind())
            .collect();
        Vocabulary { words, times }
    }

    fn get<'py>(&self, py: Python<'py>, s: &str) -> Option<Bound<'py, PyString>> {
        if let Some(minute) = time_index(s) {
            return self.times.get(minute).map(|t| t.bind(py).clone());
        }
        self.words.get(s).map(|w| w.bind(py).clone())
    }
}

/// Minutes since midnight of an `HH:MM` time from 00:00 to 23:59.
fn time_index(s: &str) -> Option<usize> {
    let &[h1, h2, b':', m1, m2] = s.as_bytes() else {
        return None;
    };
    let digit = |b: u8| b.is_ascii_digit().then(|| usize::from(b - b'0'));
    let hours = digit(h1)? * 10 + digit(h2)?;
    let minutes = digit(m1)? * 10 + digit(m2)?;
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

/// A Python `str`: the interned one for the core's vocabulary, else a new one.
fn string<'py>(py: Python<'py>, s: &str) -> Bound<'py, PyString> {
    VOCABULARY
        .get_or_init(py, || Vocabulary::new(py))
        .get(py, s)
        .unwrap_or_else(|| PyString::new(py, s))
}

pub(crate) fn value<'py>(py: Python<'py>, v: &Value<'_>) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null | Value::Foreign(_) => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => number(py, *n)?,
        Value::String(s) => string(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(object) => {
            let dict = PyDict::new(py);
            for (k, v) in object.iter() {
                dict.set_item(string(py, k), value(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

fn number(py: Python<'_>, n: f64) -> PyResult<Bound<'_, PyAny>> {
    if let Some(i) = json::integral(n) {
        Ok(i.into_pyobject(py)?.into_any())
    } else if json::written_as_integer(n) {
        // The digits JSON has, padded with zeros: the double nearest
        // 123456789012345678901 is written 123456789012345680000.
        py.get_type::<PyInt>().call1((json::number_text(n),))
    } else if n.is_finite() {
        Ok(PyFloat::new(py, n).into_any())
    } else {
        Ok(py.None().into_bound(py))
    }
}

fn path<'py>(py: Python<'py>, segments: &[PathSegment<'_>]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for segment in segments {
        match segment {
            PathSegment::Key(k) => list.append(string(py, k))?,
            PathSegment::Index(i) => list.append(*i)?,
        }
    }
    Ok(list)
}

fn issue<'py>(py: Python<'py>, issue: &Issue<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "code"), string(py, issue.code.as_str()))?;
    d.set_item(intern!(py, "severity"), string(py, issue.severity.as_str()))?;
    d.set_item(intern!(py, "path"), path(py, &issue.path)?)?;
    d.set_item(intern!(py, "pointer"), &issue.pointer)?;
    d.set_item(intern!(py, "message"), &issue.message)?;
    let params = PyDict::new(py);
    for (k, v) in issue.params.iter() {
        params.set_item(string(py, k), value(py, v)?)?;
    }
    d.set_item(intern!(py, "params"), params)?;
    Ok(d)
}

fn change<'py>(py: Python<'py>, change: &Change<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "path"), path(py, &change.path)?)?;
    d.set_item(intern!(py, "pointer"), &change.pointer)?;
    d.set_item(intern!(py, "from"), value(py, &change.from)?)?;
    if let Some(to) = &change.to {
        d.set_item(intern!(py, "to"), value(py, to)?)?;
    }
    Ok(d)
}

/// `{"valid", "issues"}`: the first two keys of every report.
fn verdict_dict<'py>(
    py: Python<'py>,
    valid: bool,
    found: &[Issue<'_>],
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "valid"), valid)?;
    let issues = PyList::empty(py);
    for i in found {
        issues.append(issue(py, i)?)?;
    }
    d.set_item(intern!(py, "issues"), issues)?;
    Ok(d)
}

/// The verdict as `{"valid", "issues"}`, equal to those keys of the full report.
pub(crate) fn verdict<'py>(py: Python<'py>, verdict: &Verdict<'_>) -> PyResult<Bound<'py, PyDict>> {
    verdict_dict(py, verdict.valid, &verdict.issues)
}

/// The report as `{"valid", "issues", "normalized", "changes"}`, in the core's key order.
pub(crate) fn report<'py>(py: Python<'py>, report: &Report<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = verdict_dict(py, report.valid, &report.issues)?;
    let normalized = match &report.normalized {
        Some(body) => value(py, body)?,
        None => py.None().into_bound(py),
    };
    d.set_item(intern!(py, "normalized"), normalized)?;
    let changes = PyList::empty(py);
    for c in &report.changes {
        changes.append(change(py, c)?)?;
    }
    d.set_item(intern!(py, "changes"), changes)?;
    Ok(d)
}
