//! A report dict (as `check` returns it) back to the core's [`Report`], so
//! `to_error_response(report)` runs the core's own envelope.
//!
//! The core has no public constructor for [`Issue`]; every field the envelope reads is
//! public, though, so each issue is a clone of one the core made, with those fields set
//! from the dict. `Params` keys are `&'static str` in the core: the few distinct keys a
//! report has are kept once for the life of the process (bounded, see `MAX_PARAM_KEYS`).

use std::sync::{Mutex, OnceLock, PoisonError};

use preflight::{Code, Issue, Options, Params, PathSegment, Report, Severity};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyInt, PyList, PyString, PyTuple};

use crate::args::python_type_name;
use crate::input::{Reader, Strings};

/// Distinct `params` keys kept; the core writes about twenty.
const MAX_PARAM_KEYS: usize = 256;
const MAX_PARAM_KEY_LEN: usize = 64;

static PARAM_KEYS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
static TEMPLATE: OnceLock<Option<Issue<'static>>> = OnceLock::new();

fn static_key(key: &str) -> Option<&'static str> {
    let mut keys = PARAM_KEYS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(known) = keys.iter().find(|k| **k == key) {
        return Some(known);
    }
    if keys.len() >= MAX_PARAM_KEYS || key.len() > MAX_PARAM_KEY_LEN {
        return None;
    }
    let kept: &'static str = Box::leak(key.to_owned().into_boxed_str());
    keys.push(kept);
    Some(kept)
}

/// An issue made by the core, whose fields are then overwritten.
fn template() -> PyResult<Issue<'static>> {
    TEMPLATE
        .get_or_init(|| {
            preflight::check("", &Options::default())
                .issues
                .into_iter()
                .next()
        })
        .clone()
        .ok_or_else(|| PyRuntimeError::new_err("preflight made no issue to copy"))
}

fn field<'py>(d: &Bound<'py, PyDict>, key: &str, at: &str) -> PyResult<Bound<'py, PyAny>> {
    d.get_item(key)?
        .ok_or_else(|| PyValueError::new_err(format!("{at} has no '{key}'")))
}

fn string(obj: &Bound<'_, PyAny>, at: &str) -> PyResult<String> {
    match obj.cast::<PyString>() {
        Ok(s) => Ok(s.to_cow()?.into_owned()),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{at} must be a str, got {}",
            python_type_name(obj)
        ))),
    }
}

fn items<'py>(obj: &Bound<'py, PyAny>, at: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if let Ok(list) = obj.cast::<PyList>() {
        return Ok(list.iter().collect());
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return Ok(tuple.iter().collect());
    }
    Err(PyTypeError::new_err(format!(
        "{at} must be a list, got {}",
        python_type_name(obj)
    )))
}

fn read_issue(
    obj: &Bound<'_, PyAny>,
    at: &str,
    template: &Issue<'static>,
) -> PyResult<Issue<'static>> {
    let d = obj.cast::<PyDict>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{at} must be an issue dict, got {}",
            python_type_name(obj)
        ))
    })?;
    let code_name = string(&field(d, "code", at)?, &format!("{at}['code']"))?;
    let code = Code::from_name(&code_name).ok_or_else(|| {
        PyValueError::new_err(format!("{at}['code'] is not a preflight issue code"))
    })?;
    let severity_name = string(&field(d, "severity", at)?, &format!("{at}['severity']"))?;
    let severity = [Severity::Error, Severity::Warning]
        .into_iter()
        .find(|s| s.as_str() == severity_name)
        .ok_or_else(|| {
            PyValueError::new_err(format!("{at}['severity'] must be 'error' or 'warning'"))
        })?;
    let path_at = format!("{at}['path']");
    let mut path = Vec::new();
    for segment in items(&field(d, "path", at)?, &path_at)? {
        if let Ok(s) = segment.cast::<PyString>() {
            path.push(PathSegment::Key(s.to_cow()?.into_owned().into()));
        } else if segment.cast::<PyInt>().is_ok() {
            let index = segment.extract::<usize>().map_err(|_| {
                PyValueError::new_err(format!("{path_at} holds an index that is not >= 0"))
            })?;
            path.push(PathSegment::Index(index));
        } else {
            return Err(PyTypeError::new_err(format!(
                "{path_at} must hold str keys and int indexes, got {}",
                python_type_name(&segment)
            )));
        }
    }
    let pointer = match d.get_item("pointer")? {
        Some(p) => string(&p, &format!("{at}['pointer']"))?,
        None => preflight::json::pointer(&path),
    };
    let message = string(&field(d, "message", at)?, &format!("{at}['message']"))?;
    let params_at = format!("{at}['params']");
    let params_obj = field(d, "params", at)?;
    let params_dict = params_obj.cast::<PyDict>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{params_at} must be a dict, got {}",
            python_type_name(&params_obj)
        ))
    })?;
    let mut params = Params::new();
    for (k, v) in params_dict.iter() {
        let key = string(&k, &format!("a key of {params_at}"))?;
        let key = static_key(&key).ok_or_else(|| {
            PyValueError::new_err(format!("{params_at} has a key preflight does not write"))
        })?;
        let value = Reader::new(obj.py(), &Strings::new())
            .read(&v)
            .map(preflight::Value::into_owned)
            .map_err(|e| e.into_py_err(&params_at))?;
        params = params.with(key, value);
    }
    let mut issue = template.clone();
    issue.code = code;
    issue.severity = severity;
    issue.path = path;
    issue.pointer = pointer;
    issue.message = message;
    issue.params = params;
    Ok(issue)
}

/// Reads the `issues` of a report dict; the envelope needs nothing else.
pub(crate) fn read_report(obj: &Bound<'_, PyAny>) -> PyResult<Report<'static>> {
    let d = obj.cast::<PyDict>().map_err(|_| {
        PyTypeError::new_err(format!(
            "report must be the dict check() returns, got {}",
            python_type_name(obj)
        ))
    })?;
    let template = template()?;
    let mut issues = Vec::new();
    for (i, item) in items(&field(d, "issues", "report")?, "report['issues']")?
        .iter()
        .enumerate()
    {
        issues.push(read_issue(
            item,
            &format!("report['issues'][{i}]"),
            &template,
        )?);
    }
    Ok(Report {
        valid: !issues.iter().any(Issue::is_error),
        issues,
        normalized: None,
        changes: Vec::new(),
    })
}
