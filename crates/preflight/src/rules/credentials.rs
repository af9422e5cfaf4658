//! Credentials per vendor: the shapes a vendor accepts, each key's type and pattern,
//! unknown keys, and the trimming `coerce` applies.

use std::borrow::Cow;

use super::field_path;
use crate::body::Body;
use crate::credentials::{for_vendor, KeyKind, Shape, VENDOR_CREDENTIALS};
use crate::issues::{foreign_issue, Ctx};
use crate::json::{Object, Value};
use crate::model::{is_absolute_uri, is_ascii_word, Field, Operation};
use crate::options::Options;
use crate::report::{Code, Params, Path, PathSegment, Severity, REDACTED};

pub(super) fn credentials<'a>(body: &mut Body<'a>, options: &Options, ctx: &mut Ctx<'a>) {
    let vendor = if body.sent(Field::IntegrationVendor) {
        body.vendor()
    } else if options.operation == Operation::Update {
        options.current.as_ref().and_then(|c| c.vendor)
    } else {
        None
    };
    let base_order = body.order_of(Field::Credentials);
    let coerce = ctx.coerce;
    let Some(Value::Object(object)) = body.value_mut(Field::Credentials) else {
        return;
    };
    let spec = vendor.and_then(for_vendor);
    let walk = CredentialWalk {
        vendor: vendor.unwrap_or(""),
        path: field_path(Field::Credentials),
        order: base_order,
    };
    if coerce {
        let shapes = spec.map(|s| s.shapes).unwrap_or(&[]);
        walk.coerce(object, shapes, ctx);
    }
    walk.foreign_values(object, ctx);
    match spec {
        Some(spec) if spec.is_published() => {
            let shape = closest_shape(object, spec.shapes);
            walk.check_shape(object, shape, ctx);
            // The vendor's key names (for a suggestion) are listed only for an unknown key:
            // 4 % of a create body's instructions, 43 B of browser module.
            #[cfg(feature = "speed")]
            let any_unknown = !object.keys().all(|name| spec.knows_key(name));
            #[cfg(not(feature = "speed"))]
            let any_unknown = true;
            if any_unknown {
                walk.unknown_keys(object, |name| spec.knows_key(name), &spec.key_names(), ctx);
            }
        }
        Some(spec) => ctx.report_at(
            Code::CredentialsUnverified,
            Severity::Warning,
            walk.path.clone(),
            walk.order.clone(),
            Params::new().with("vendor", spec.vendor),
        ),
        None => {
            let matches_any = VENDOR_CREDENTIALS
                .iter()
                .flat_map(|v| v.shapes.iter())
                .any(|shape| satisfies(object, shape));
            if !matches_any && !object.is_empty() {
                ctx.report_at(
                    Code::CredentialsMatchNoVendor,
                    Severity::Warning,
                    walk.path.clone(),
                    walk.order.clone(),
                    Params::new(),
                );
            }
        }
    }
}

fn holds(value: &Value<'_>, kind: KeyKind) -> bool {
    match kind {
        KeyKind::String | KeyKind::Word | KeyKind::NonEmpty | KeyKind::Uri => {
            matches!(value, Value::String(_))
        }
        KeyKind::Number => matches!(value, Value::Number(n) if n.is_finite()),
        KeyKind::Object(_) | KeyKind::ObjectOf(..) => matches!(value, Value::Object(_)),
    }
}

/// Whether a value of the right JSON type still has something to check (a pattern, a
/// nested shape); plain strings do not.
fn needs_check(value: &Value<'_>, kind: KeyKind) -> bool {
    match (kind, value) {
        (KeyKind::Word, Value::String(s)) => !is_ascii_word(s),
        (KeyKind::NonEmpty, Value::String(s)) => s.is_empty(),
        (KeyKind::Uri, Value::String(s)) => !is_absolute_uri(s),
        (KeyKind::Object(_) | KeyKind::ObjectOf(..), _) => true,
        _ => false,
    }
}

/// Every required key is there with the right type.
fn satisfies(object: &Object<'_>, shape: &Shape) -> bool {
    shape
        .required
        .iter()
        .all(|k| object.get(k.name).is_some_and(|v| holds(v, k.kind)))
}

/// The shape the credentials are closest to: a satisfied one, else the one with the most
/// required keys present (the first on a tie).
fn closest_shape(object: &Object<'_>, shapes: &'static [&'static Shape]) -> &'static Shape {
    // One pass: a shape is satisfied when every required key is present with its type.
    let score = |shape: &Shape| {
        let present = shape
            .required
            .iter()
            .filter(|k| object.get(k.name).is_some_and(|v| holds(v, k.kind)))
            .count();
        (present == shape.required.len(), present)
    };
    let mut best: Option<(&'static Shape, (bool, usize))> = None;
    for shape in shapes {
        let s = score(shape);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((shape, s));
        }
    }
    best.map(|(shape, _)| shape)
        .or_else(|| shapes.first().copied())
        .unwrap_or(&EMPTY_SHAPE)
}

static EMPTY_SHAPE: Shape = Shape {
    title: "",
    required: &[],
    optional: &[],
};

/// Walks a credentials object (or a nested one) keeping its path and document position.
struct CredentialWalk<'a> {
    vendor: &'static str,
    path: Path<'a>,
    order: crate::path::Order,
}

impl<'a> CredentialWalk<'a> {
    fn child(&self, key: Cow<'a, str>, index: usize) -> CredentialWalk<'a> {
        self.step(PathSegment::Key(key), index)
    }

    /// One level down: `segment` is at document position `index` of this object or array.
    fn step(&self, segment: PathSegment<'a>, index: usize) -> CredentialWalk<'a> {
        let mut path = self.path.clone();
        path.push(segment);
        let mut order = self.order.clone();
        order.push(u32::try_from(index).unwrap_or(u32::MAX));
        CredentialWalk {
            vendor: self.vendor,
            path,
            order,
        }
    }

    fn report(&self, code: Code, params: Params<'a>, ctx: &mut Ctx<'a>) {
        ctx.report_at(
            code,
            code.default_severity(),
            self.path.clone(),
            self.order.clone(),
            params,
        );
    }

    /// Trims every string and drops empty optional keys, reporting each change redacted.
    fn coerce(&self, object: &mut Object<'a>, shapes: &[&'static Shape], ctx: &mut Ctx<'a>) {
        let required = |name: &str| {
            shapes
                .iter()
                .any(|s| s.required.iter().any(|k| k.name == name))
        };
        // One pass over the entries and one `retain`: a million keys stay linear.
        let mut dropped: Vec<usize> = Vec::new();
        for (index, (name, value)) in object.iter_mut().enumerate() {
            let Value::String(s) = value else {
                continue;
            };
            let trimmed = s.trim();
            let drop = trimmed.is_empty() && !required(name);
            if trimmed.len() == s.len() && !drop {
                continue;
            }
            let trimmed = trimmed.to_string();
            let walk = self.child(name.clone(), index);
            let to = if drop {
                dropped.push(index);
                None
            } else {
                Some(Value::str(REDACTED))
            };
            ctx.changes.push(crate::report::Change {
                pointer: crate::json::pointer(&walk.path),
                path: walk.path,
                from: Value::str(REDACTED),
                to,
                order: walk.order,
            });
            *value = Value::str(trimmed);
        }
        if !dropped.is_empty() {
            let mut next = dropped.into_iter().peekable();
            object.retain_indexed(|index| next.next_if_eq(&index).is_none());
        }
    }

    /// Values no JSON text can hold, anywhere inside.
    fn foreign_values(&self, object: &Object<'a>, ctx: &mut Ctx<'a>) {
        for (index, (name, value)) in object.iter().enumerate() {
            if matches!(
                value,
                Value::Foreign(_) | Value::Object(_) | Value::Array(_)
            ) {
                self.child(name.clone(), index).foreign_value(value, ctx);
            }
        }
    }

    /// Reports `value` (at this walk's path) if no JSON text can hold it, or what inside it cannot.
    fn foreign_value(&self, value: &Value<'a>, ctx: &mut Ctx<'a>) {
        match value {
            Value::Foreign(_) => {
                if let Some((code, params)) = foreign_issue(value, "json") {
                    self.report(code, params, ctx);
                }
            }
            Value::Object(inner) => self.foreign_values(inner, ctx),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if matches!(item, Value::Foreign(_) | Value::Object(_) | Value::Array(_)) {
                        self.step(PathSegment::Index(i), i).foreign_value(item, ctx);
                    }
                }
            }
            _ => {}
        }
    }

    /// A required key that is absent (sorted after the object's keys) or of the wrong type.
    fn missing(&self, key: &'static str, kind: KeyKind, position: usize, ctx: &mut Ctx<'a>) {
        let walk = self.child(Cow::Borrowed(key), position);
        walk.report(
            Code::MissingCredentialField,
            Params::new()
                .with("vendor", self.vendor)
                .with("key", key)
                .with("expected", kind.expected()),
            ctx,
        );
    }

    fn check_shape(&self, object: &Object<'a>, shape: &'static Shape, ctx: &mut Ctx<'a>) {
        for (schema_index, k) in shape.required.iter().enumerate() {
            let found = object
                .iter()
                .enumerate()
                .find(|(_, (name, _))| name.as_ref() == k.name);
            match found {
                Some((index, (_, value))) if holds(value, k.kind) => {
                    if needs_check(value, k.kind) {
                        self.child(Cow::Borrowed(k.name), index)
                            .check_value(value, k.kind, k.name, ctx);
                    }
                }
                Some((_, (_, Value::Foreign(_)))) => {} // reported as foreign
                Some((index, _)) => self.missing(k.name, k.kind, index, ctx),
                None => self.missing(k.name, k.kind, object.len() + schema_index, ctx),
            }
        }
        for k in shape.optional {
            let Some((index, (_, value))) = object
                .iter()
                .enumerate()
                .find(|(_, (name, _))| name.as_ref() == k.name)
            else {
                continue;
            };
            if let Value::Foreign(_) = value {
                continue;
            }
            if holds(value, k.kind) {
                if needs_check(value, k.kind) {
                    self.child(Cow::Borrowed(k.name), index)
                        .check_value(value, k.kind, k.name, ctx);
                }
            } else {
                self.child(Cow::Borrowed(k.name), index).report(
                    Code::InvalidCredentialField,
                    Params::new()
                        .with("vendor", self.vendor)
                        .with("key", k.name)
                        .with("expected", k.kind.expected())
                        .with("received", value.type_name()),
                    ctx,
                );
            }
        }
    }

    /// Checks a value already known to have the right JSON type.
    fn check_value(&self, value: &Value<'a>, kind: KeyKind, name: &'static str, ctx: &mut Ctx<'a>) {
        let invalid = |expected: &'static str, ctx: &mut Ctx<'a>| {
            self.report(
                Code::InvalidCredentialField,
                Params::new()
                    .with("vendor", self.vendor)
                    .with("key", name)
                    .with("expected", expected),
                ctx,
            );
        };
        match (kind, value) {
            (KeyKind::Word, Value::String(s)) if !is_ascii_word(s) => invalid("word", ctx),
            (KeyKind::NonEmpty, Value::String(s)) if s.is_empty() => invalid("non_empty", ctx),
            (KeyKind::Uri, Value::String(s)) if s.is_empty() => invalid("non_empty", ctx),
            (KeyKind::Uri, Value::String(s)) if !is_absolute_uri(s) => invalid("uri", ctx),
            (KeyKind::Object(shape), Value::Object(inner)) => {
                self.check_shape(inner, shape, ctx);
                self.unknown_keys(
                    inner,
                    |k| shape.key(k).is_some(),
                    &shape.keys().map(|k| k.name).collect::<Vec<_>>(),
                    ctx,
                );
            }
            (KeyKind::ObjectOf(names, shape), Value::Object(inner)) => {
                for (index, (method, entry)) in inner.iter().enumerate() {
                    if !names.contains(&method.as_ref()) {
                        continue;
                    }
                    let walk = self.child(method.clone(), index);
                    match entry {
                        Value::Object(fields) => {
                            walk.check_shape(fields, shape, ctx);
                            walk.unknown_keys(
                                fields,
                                |k| shape.key(k).is_some(),
                                &shape.keys().map(|k| k.name).collect::<Vec<_>>(),
                                ctx,
                            );
                        }
                        Value::Foreign(_) => {}
                        other => walk.report(
                            Code::InvalidCredentialField,
                            Params::new()
                                .with("vendor", self.vendor)
                                .with("key", method.clone())
                                .with("expected", "object")
                                .with("received", other.type_name()),
                            ctx,
                        ),
                    }
                }
                let method_names: Vec<&'static str> = names.to_vec();
                self.unknown_keys(inner, |k| names.contains(&k), &method_names, ctx);
            }
            _ => {}
        }
    }

    fn unknown_keys(
        &self,
        object: &Object<'a>,
        known: impl Fn(&str) -> bool,
        all: &[&'static str],
        ctx: &mut Ctx<'a>,
    ) {
        for (index, name) in object.keys().enumerate() {
            if known(name) {
                continue;
            }
            let walk = self.child(Cow::Owned(name.to_string()), index);
            let mut params = Params::new()
                .with("vendor", self.vendor)
                .with("key", name.to_string());
            if let Some(suggestion) = all.iter().find(|k| {
                k.eq_ignore_ascii_case(name)
                    || k.replace('_', "")
                        .eq_ignore_ascii_case(&name.replace(['_', '-'], ""))
            }) {
                params = params.with("suggestion", *suggestion);
            }
            walk.report(Code::UnknownCredentialField, params, ctx);
        }
    }
}
