//! The issue collector every pass writes to: where in the body the walk is, the issues
//! and changes found there, and the trimming that keeps a report to `MAX_ISSUES`.

use std::borrow::Cow;

use crate::json::{Foreign, Value, MAX_DEPTH, MAX_HOST_ITEMS};
use crate::path::position;
use crate::report::{Change, Code, Issue, Params, Path, PathSegment, Severity};
use crate::{sort, MAX_ISSUES};

/// Collects issues and changes while walking, and knows where in the body it is.
pub(crate) struct Ctx<'a> {
    pub coerce: bool,
    /// The issues that may still be among the report's first `MAX_ISSUES`: trimmed to
    /// those whenever it grows to twice that, so a body with millions of issues holds
    /// a thousand at a time, not millions.
    issues: Vec<Issue<'a>>,
    /// Issues reported and dropped by the trimming.
    omitted: usize,
    has_error: bool,
    structural: usize,
    pub changes: Vec<Change<'a>>,
    path: Path<'a>,
    /// A plain vector: pushed and popped at every key, where an inline one's checks cost
    /// more than its one allocation per check saves. Issues and changes copy it inline.
    order: Vec<u32>,
}

/// The issues of a check: the first `MAX_ISSUES` in document order and what they say.
pub(crate) struct Issues<'a> {
    pub kept: Vec<Issue<'a>>,
    pub omitted: usize,
    pub valid: bool,
}

impl<'a> Ctx<'a> {
    pub fn new(coerce: bool) -> Self {
        Ctx {
            coerce,
            issues: Vec::new(),
            omitted: 0,
            has_error: false,
            structural: 0,
            changes: Vec::new(),
            path: Vec::with_capacity(8),
            order: Vec::with_capacity(8),
        }
    }

    pub fn push_key(&mut self, key: impl Into<Cow<'a, str>>, index: usize) {
        self.path.push(PathSegment::Key(key.into()));
        self.order.push(position(index));
    }

    pub fn push_index(&mut self, index: usize) {
        self.path.push(PathSegment::Index(index));
        self.order.push(position(index));
    }

    pub fn pop(&mut self) {
        self.path.pop();
        self.order.pop();
    }

    /// An issue at the current path, with the code's usual severity.
    pub fn report(&mut self, code: Code, params: Params<'a>) {
        let issue = Issue::pending(
            code,
            code.default_severity(),
            self.path.clone(),
            crate::path::Order::from(&self.order[..]),
            params,
        );
        self.push_issue(issue);
    }

    fn push_issue(&mut self, issue: Issue<'a>) {
        self.has_error |= issue.is_error();
        self.structural += usize::from(issue.code.is_structural());
        // Room for a few at the first: growing from one at a time moves them twice.
        #[cfg(feature = "speed")]
        if self.issues.capacity() == 0 {
            self.issues.reserve(8);
        }
        self.issues.push(issue);
        if self.issues.len() >= 2 * MAX_ISSUES {
            self.trim_issues();
        }
    }

    /// Keeps the first `MAX_ISSUES` issues in document order. The sort is stable, and
    /// the issues kept were reported before any that follow, so trimming early keeps
    /// exactly the issues a single sort at the end would.
    fn trim_issues(&mut self) {
        sort::sort_by(&mut self.issues, |a, b| a.order.cmp(&b.order));
        if self.issues.len() > MAX_ISSUES {
            self.omitted += self.issues.len() - MAX_ISSUES;
            self.issues.truncate(MAX_ISSUES);
        }
    }

    /// Structural issues reported so far (kept or not).
    pub fn structural_issues(&self) -> usize {
        self.structural
    }

    /// The report's issues, and whether the body is valid (no error among all reported).
    pub fn take_issues(&mut self) -> Issues<'a> {
        self.trim_issues();
        self.issues.iter_mut().for_each(Issue::render);
        Issues {
            kept: std::mem::take(&mut self.issues),
            omitted: self.omitted,
            valid: !self.has_error,
        }
    }

    /// An issue at an explicit path and document position.
    pub fn report_at(
        &mut self,
        code: Code,
        severity: Severity,
        path: Path<'a>,
        order: crate::path::Order,
        params: Params<'a>,
    ) {
        self.push_issue(Issue::pending(code, severity, path, order, params));
    }

    /// Records a coercion at the current path.
    pub fn change(&mut self, from: Value<'a>, to: Option<Value<'a>>) {
        let path = self.path.clone();
        self.changes.push(Change {
            pointer: crate::json::pointer(&path),
            path,
            from,
            to,
            order: crate::path::Order::from(&self.order[..]),
        });
    }

    pub fn order(&self) -> &[u32] {
        &self.order
    }
}

/// The params of Zod's inclusive `too_small` (`bound` "minimum") or `too_big` ("maximum").
/// `limit` is an `f64`, not `impl Into<Value>`: the generic version made the gzipped
/// browser module 770 B larger.
pub(crate) fn bound_params<'a>(bound: &'static str, limit: f64, kind: &'static str) -> Params<'a> {
    Params::new()
        .with(bound, limit)
        .with("inclusive", true)
        .with("exact", false)
        .with("type", kind)
}

/// The issue of a value no JSON text can hold, if `value` is one.
pub(crate) fn foreign_issue<'a>(value: &Value<'a>, expected: &str) -> Option<(Code, Params<'a>)> {
    match value {
        Value::Foreign(Foreign::LoneSurrogate) => Some((Code::LoneSurrogate, Params::new())),
        Value::Foreign(Foreign::TooDeep) => {
            Some((Code::NestingTooDeep, Params::new().with("limit", MAX_DEPTH)))
        }
        Value::Foreign(Foreign::TooLarge) => Some((
            Code::TooBig,
            bound_params("maximum", MAX_HOST_ITEMS as f64, "array"),
        )),
        Value::Foreign(foreign) => Some((
            Code::InvalidType,
            Params::new()
                .with("expected", expected.to_string())
                .with("received", foreign.type_name()),
        )),
        _ => None,
    }
}

/// Reports a value no JSON text can hold at the current path; true when it did.
pub(crate) fn report_foreign<'a>(value: &Value<'a>, expected: &str, ctx: &mut Ctx<'a>) -> bool {
    match foreign_issue(value, expected) {
        Some((code, params)) => {
            ctx.report(code, params);
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report_at_index(ctx: &mut Ctx<'_>, index: usize) {
        ctx.push_index(index);
        ctx.report(Code::InvalidType, Params::new());
        ctx.pop();
    }

    #[test]
    fn issues_are_trimmed_to_the_first_ones_when_they_reach_twice_the_limit() {
        let mut ctx = Ctx::new(false);
        // Reported in reverse document order, so the trimming must sort to keep the right ones.
        for index in (1..2 * MAX_ISSUES).rev() {
            report_at_index(&mut ctx, index);
        }
        assert_eq!(ctx.issues.len(), 2 * MAX_ISSUES - 1);
        assert_eq!(ctx.omitted, 0);
        report_at_index(&mut ctx, 0);
        assert_eq!(ctx.issues.len(), MAX_ISSUES);
        assert_eq!(ctx.omitted, MAX_ISSUES);
        assert_eq!(ctx.structural_issues(), 2 * MAX_ISSUES);
        let issues = ctx.take_issues();
        let kept: Vec<usize> = issues
            .kept
            .iter()
            .map(|issue| match issue.path.as_slice() {
                [PathSegment::Index(i)] => *i,
                _ => usize::MAX,
            })
            .collect();
        assert_eq!(kept, (0..MAX_ISSUES).collect::<Vec<_>>());
        assert_eq!(issues.omitted, MAX_ISSUES);
        assert!(!issues.valid);
        assert_eq!(issues.kept.first().map(|i| i.pointer.as_str()), Some("/0"));
    }

    #[test]
    fn values_no_json_text_can_hold_get_their_own_issues() {
        let issue = |foreign| foreign_issue(&Value::Foreign(foreign), "string");
        let (code, params) = issue(Foreign::TooLarge).unwrap_or((Code::InvalidJson, Params::new()));
        assert_eq!(code, Code::TooBig);
        assert_eq!(
            params.get("maximum"),
            Some(&Value::from(MAX_HOST_ITEMS as f64))
        );
        assert_eq!(params.get("type"), Some(&Value::str("array")));
        let (code, params) = issue(Foreign::Function).unwrap_or((Code::InvalidJson, Params::new()));
        assert_eq!(code, Code::InvalidType);
        assert_eq!(params.get("expected"), Some(&Value::str("string")));
        assert_eq!(params.get("received"), Some(&Value::str("function")));
        let (code, params) = issue(Foreign::TooDeep).unwrap_or((Code::InvalidJson, Params::new()));
        assert_eq!(code, Code::NestingTooDeep);
        assert_eq!(params.get("limit"), Some(&Value::from(MAX_DEPTH)));
        assert_eq!(
            issue(Foreign::LoneSurrogate).map(|(code, _)| code),
            Some(Code::LoneSurrogate)
        );
        assert!(foreign_issue(&Value::Null, "string").is_none());
        let mut ctx = Ctx::new(false);
        assert!(report_foreign(
            &Value::Foreign(Foreign::Date),
            "string",
            &mut ctx
        ));
        assert!(!report_foreign(&Value::str("x"), "string", &mut ctx));
        assert_eq!(ctx.take_issues().kept.len(), 1);
    }

    #[test]
    fn only_errors_make_a_body_invalid_and_only_shape_issues_count_as_structural() {
        let mut ctx = Ctx::new(false);
        ctx.report(Code::DeprecatedField, Params::new());
        assert_eq!(ctx.structural_issues(), 0);
        let issues = ctx.take_issues();
        assert!(issues.valid);
        assert_eq!(issues.kept.len(), 1);
        assert_eq!(issues.omitted, 0);
    }
}
