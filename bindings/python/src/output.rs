//! The core's values and reports to plain Python dicts, lists, str, int, float, bool and
//! None, JSON-equal to the core's canonical JSON (`Report::to_json`).
//!
//! Numbers follow the core's JSON, which writes them as JavaScript does: an integral double
//! below 10²¹ in magnitude is written as an integer (so `12.0` is `12`, `-0.0` is `0` and
//! `1e20` is `100000000000000000000`) and becomes an `int`, any other finite double a
//! `float`, and NaN or infinity `None` (JSON has no such numbers). Keys keep the core's
//! order.

use preflight::{Change, Issue, PathSegment, Report, Value};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyInt, PyList, PyString};

/// Integral doubles below this magnitude have exactly these digits (2⁵³ > 9·10¹⁵).
const EXACT_INTEGER_LIMIT: f64 = 9.0e15;
/// Integral doubles below this magnitude are written as integers (JavaScript's rule).
const PLAIN_INTEGER_LIMIT: f64 = 1e21;

pub(crate) fn value<'py>(py: Python<'py>, v: &Value<'_>) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null | Value::Foreign(_) => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => number(py, *n)?,
        Value::String(s) => PyString::new(py, s).into_any(),
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
                dict.set_item(PyString::new(py, k), value(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

fn number(py: Python<'_>, n: f64) -> PyResult<Bound<'_, PyAny>> {
    if n.fract() == 0.0 && n.abs() < EXACT_INTEGER_LIMIT {
        Ok((n as i64).into_pyobject(py)?.into_any())
    } else if n.fract() == 0.0 && n.abs() < PLAIN_INTEGER_LIMIT {
        // The shortest digits that round-trip, padded with zeros, as JSON has them: the
        // double nearest 123456789012345678901 is written 123456789012345680000.
        py.get_type::<PyInt>().call1((format!("{n}"),))
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
            PathSegment::Key(k) => list.append(PyString::new(py, k))?,
            PathSegment::Index(i) => list.append(*i)?,
        }
    }
    Ok(list)
}

fn issue<'py>(py: Python<'py>, issue: &Issue<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "code"), issue.code.as_str())?;
    d.set_item(intern!(py, "severity"), issue.severity.as_str())?;
    d.set_item(intern!(py, "path"), path(py, &issue.path)?)?;
    d.set_item(intern!(py, "pointer"), &issue.pointer)?;
    d.set_item(intern!(py, "message"), &issue.message)?;
    let params = PyDict::new(py);
    for (k, v) in issue.params.iter() {
        params.set_item(k, value(py, v)?)?;
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

/// The report as `{"valid", "issues", "normalized", "changes"}`, in the core's key order.
pub(crate) fn report<'py>(py: Python<'py>, report: &Report<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "valid"), report.valid)?;
    let issues = PyList::empty(py);
    for i in &report.issues {
        issues.append(issue(py, i)?)?;
    }
    d.set_item(intern!(py, "issues"), issues)?;
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
