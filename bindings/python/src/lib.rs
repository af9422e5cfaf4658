//! `propexo_preflight._native`: the preflight core for Python.
//!
//! Each function converts its arguments, calls the core and converts the result. No rule
//! about a body, no issue message or code, and no option default lives here: an option
//! left out (or `None`) is left out of the options the core reads. The only messages of
//! this crate are about Python argument types. The pure-Python package around it adds
//! `normalize` and `PreflightError` (see `python/propexo_preflight/__init__.py`).

mod args;
mod input;
mod output;

use std::panic::{catch_unwind, AssertUnwindSafe};

use preflight::{NextSyncs, Operation};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyTuple, PyType};

use args::{usage_error, Body, CallOptions};
use input::Strings;

static DATETIME_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Runs `f`, turning a panic (a bug: none is known) into a `RuntimeError` so it never
/// reaches Python as a `PanicException`.
fn guarded<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(PyRuntimeError::new_err(
            "internal error in preflight (please report it)",
        ))
    })
}

/// Reads the options and the body of a call to `function`, then runs `f` on them.
fn with_body<'py, T>(
    function: &str,
    body: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
    f: impl FnOnce(&Body<'_>, &preflight::Options) -> PyResult<T>,
) -> PyResult<T> {
    guarded(|| {
        let options = CallOptions::extract(function, options)?.options()?;
        let strings = Strings::new();
        let body = Body::read(body, &strings)?;
        f(&body, &options)
    })
}

/// A function of a body and its options, `check` or `verdict`: the options are
/// keyword-only parameters, which PyO3 matches in place where `**options` built a dict
/// for every call (0.18 µs of a `verdict` of the create body: docs/benchmarks.md,
/// "Across the boundary"). An unknown keyword is the `TypeError` Python raises for it.
macro_rules! checked_body_function {
    ($(#[$doc:meta])* $name:ident, $with_normalized:expr, $typed:expr, $tree:expr) => {
        $(#[$doc])*
        #[pyfunction]
        #[pyo3(
            signature = (
                body, *, operation = None, coerce = None, current = None, rate_limits = None,
                now = None
            ),
            text_signature = "(body, *, operation='update', coerce=False, current=None, rate_limits=None, now=None)"
        )]
        fn $name<'py>(
            py: Python<'py>,
            body: &Bound<'py, PyAny>,
            operation: Option<Bound<'py, PyAny>>,
            coerce: Option<Bound<'py, PyAny>>,
            current: Option<Bound<'py, PyAny>>,
            rate_limits: Option<Bound<'py, PyAny>>,
            now: Option<Bound<'py, PyAny>>,
        ) -> PyResult<Bound<'py, PyDict>> {
            let options = CallOptions {
                operation,
                coerce,
                current,
                rate_limits,
                now,
            };
            with_checked_body(
                options,
                body,
                $with_normalized,
                |report| ($typed)(py, report),
                |body, options| ($tree)(py, body, options),
            )
        }
    };
}

checked_body_function!(
    /// Checks a body and returns the report as plain dicts and lists.
    check,
    true,
    |py, report: preflight::Report<'_>| output::report(py, &report),
    |py, body: &Body<'_>, options| output::report(py, &body.check(options))
);

checked_body_function!(
    /// `valid` and `issues` of a body, equal to those of `check`, without building the
    /// normalized body and its changes: for a caller that only asks whether a body passes.
    verdict,
    false,
    |py, report: preflight::Report<'_>| output::verdict(py, &report.into()),
    |py, body: &Body<'_>, options| output::verdict(py, &body.verdict(options))
);

/// [`with_body`] for `check` and `verdict` (`with_normalized` false): a dict is first read
/// straight into the core's typed body, without the tree, and its report given to
/// `typed`; any other body, or a dict the tree must read, goes to `tree`.
fn with_checked_body<'py, T>(
    options: CallOptions<'py>,
    body: &Bound<'py, PyAny>,
    with_normalized: bool,
    typed: impl FnOnce(preflight::Report<'_>) -> PyResult<T>,
    tree: impl FnOnce(&Body<'_>, &preflight::Options) -> PyResult<T>,
) -> PyResult<T> {
    guarded(|| {
        let options = options.options()?;
        let strings = Strings::new();
        if body.cast::<PyDict>().is_ok() {
            let mut members = input::DictMembers::new(body, &strings);
            if let Some(report) = preflight::check_members(&mut members, &options, with_normalized)
            {
                return typed(report);
            }
        }
        tree(&Body::read(body, &strings)?, &options)
    })
}

/// A schedule tool over the body in force of the options: its answer as Python values.
fn schedule_tool<'py>(
    py: Python<'py>,
    function: &str,
    body: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
    answer: impl FnOnce(&preflight::Value<'_>, &preflight::Options) -> preflight::Value<'static>,
) -> PyResult<Bound<'py, PyAny>> {
    with_body(function, body, options, |body, options| {
        let value = body.with_value(|value| answer(value, options))?;
        output::value(py, &value)
    })
}

/// The schedule in force (fixed or custom, after `current` is merged).
#[pyfunction]
#[pyo3(
    signature = (body, **options),
    text_signature = "(body, *, operation='update', coerce=False, current=None, rate_limits=None, now=None)"
)]
fn effective_schedule<'py>(
    py: Python<'py>,
    body: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    schedule_tool(py, "effective_schedule", body, options, |value, options| {
        preflight::effective_schedule(value, options).to_value()
    })
}

/// Syncs per weekday and per week, and the week's coverage.
#[pyfunction]
#[pyo3(
    signature = (body, **options),
    text_signature = "(body, *, operation='update', coerce=False, current=None, rate_limits=None, now=None)"
)]
fn weekly_summary<'py>(
    py: Python<'py>,
    body: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    schedule_tool(py, "weekly_summary", body, options, |value, options| {
        preflight::weekly_summary(value, options).to_value()
    })
}

/// `count`: 10 when not given (as in the CLI); the core bounds it.
fn count_arg(count: Option<&Bound<'_, PyAny>>) -> PyResult<usize> {
    let Some(count) = count else { return Ok(10) };
    if count.cast::<PyBool>().is_ok() || count.cast::<PyInt>().is_err() {
        return Err(PyTypeError::new_err(format!(
            "count must be an int, got {}",
            args::python_type_name(count)
        )));
    }
    match count.extract::<i64>() {
        Ok(n) if n < 0 => Err(PyValueError::new_err("count must be a non-negative int")),
        // Beyond i64: the core reports the bound.
        Ok(n) => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
        Err(_) if count.gt(0)? => Ok(usize::MAX),
        Err(_) => Err(PyValueError::new_err("count must be a non-negative int")),
    }
}

fn instants(
    body: &Bound<'_, PyAny>,
    from: &Bound<'_, PyAny>,
    count: Option<&Bound<'_, PyAny>>,
    options: &CallOptions<'_>,
) -> PyResult<NextSyncs> {
    let options = options.options()?;
    let from = preflight::parse_from(&args::instant_text(from, "from_")?).map_err(usage_error)?;
    let count = count_arg(count)?;
    let strings = Strings::new();
    let body = Body::read(body, &strings)?;
    body.with_value(|value| preflight::next_syncs(value, &options, from, count))?
        .map_err(usage_error)
}

/// The next `count` sync instants at or after `from_`, as `{"utc", "local"}` RFC 3339
/// strings (UTC, and the schedule's local time with its offset), in the core's result:
/// `{"syncs", "complete", "end"}`.
#[pyfunction]
#[pyo3(
    signature = (body, *, from_, count = None, **options),
    text_signature = "(body, *, from_, count=10, operation='update', coerce=False, current=None, rate_limits=None, now=None)"
)]
fn next_sync_instants<'py>(
    py: Python<'py>,
    body: &Bound<'py, PyAny>,
    from_: &Bound<'py, PyAny>,
    count: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guarded(|| {
        let options = CallOptions::extract("next_sync_instants", options)?;
        output::value(py, &instants(body, from_, count, &options)?.to_value())
    })
}

/// The next `count` sync instants at or after `from_`, as timezone-aware datetimes in
/// the schedule's local offset (UTC for a fixed schedule), in the core's result with
/// `syncs` holding the datetimes.
#[pyfunction]
#[pyo3(
    signature = (body, *, from_, count = None, **options),
    text_signature = "(body, *, from_, count=10, operation='update', coerce=False, current=None, rate_limits=None, now=None)"
)]
fn next_syncs<'py>(
    py: Python<'py>,
    body: &Bound<'py, PyAny>,
    from_: &Bound<'py, PyAny>,
    count: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    guarded(|| {
        let options = CallOptions::extract("next_syncs", options)?;
        let next = instants(body, from_, count, &options)?;
        let datetime = DATETIME_TYPE.import(py, "datetime", "datetime")?;
        let syncs = PyList::empty(py);
        // Every instant is in the supported range (years 1969 to 2100 in local time), which
        // `datetime` holds.
        for instant in &next.syncs {
            syncs.append(datetime.call_method1("fromisoformat", (instant.local.as_str(),))?)?;
        }
        let result = output::value(py, &next.to_value())?;
        result.set_item("syncs", syncs)?;
        Ok(result)
    })
}

/// The strict JSON Schema (draft 2020-12) of a body.
#[pyfunction]
#[pyo3(signature = (operation = None), text_signature = "(operation='update')")]
fn json_schema<'py>(
    py: Python<'py>,
    operation: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guarded(|| {
        let operation = match operation {
            None => Operation::default(),
            Some(name) => args::operation_name(name).and_then(|name| {
                Operation::from_name(&name).ok_or_else(|| {
                    PyValueError::new_err("operation must be \"update\" or \"create\"")
                })
            })?,
        };
        output::value(py, &preflight::json_schema(operation))
    })
}

/// The server's 400 body for a report's errors.
#[pyfunction]
fn to_error_response<'py>(
    py: Python<'py>,
    report: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guarded(|| {
        let strings = Strings::new();
        let report = input::Reader::new(py, &strings)
            .read(report)
            .map_err(|e| e.into_py_err("report"))?;
        let envelope = preflight::to_error_response_from_value(&report).map_err(usage_error)?;
        output::value(py, &envelope)
    })
}

/// The credential keys each vendor's shapes hold, from the core's table (what a form
/// needs to ask for a vendor's credentials).
#[pyfunction]
fn credential_shapes(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    guarded(|| output::value(py, &preflight::credential_shapes()))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(verdict, m)?)?;
    m.add_function(wrap_pyfunction!(effective_schedule, m)?)?;
    m.add_function(wrap_pyfunction!(weekly_summary, m)?)?;
    m.add_function(wrap_pyfunction!(next_syncs, m)?)?;
    m.add_function(wrap_pyfunction!(next_sync_instants, m)?)?;
    m.add_function(wrap_pyfunction!(json_schema, m)?)?;
    m.add_function(wrap_pyfunction!(to_error_response, m)?)?;
    m.add_function(wrap_pyfunction!(credential_shapes, m)?)?;
    m.add("MAX_DEPTH", preflight::MAX_DEPTH)?;
    m.add("MAX_SYNC_COUNT", preflight::MAX_SYNC_COUNT)?;
    m.add("MAX_ISSUES", preflight::MAX_ISSUES)?;
    let codes: Vec<&str> = preflight::Code::ALL.iter().map(|c| c.as_str()).collect();
    m.add("ISSUE_CODES", PyTuple::new(m.py(), codes)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
