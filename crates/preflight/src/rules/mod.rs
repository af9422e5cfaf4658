//! preflight's own rules (SPEC §5): what a structurally valid body can still get wrong.
//! They read the typed body, the stored integration (`current`) and the PMS rate limits.

use std::borrow::Cow;

use crate::body::Body;
use crate::in_force::use_custom_in_force;
use crate::issues::Ctx;
use crate::model::{Field, Operation};
use crate::options::Options;
use crate::report::{Code, Params, Path, PathSegment, Severity};

mod credentials;
mod mode;
mod rates;
mod slots;

use credentials::credentials;
use mode::schedule_mode_rules;
use rates::{fixed_schedule_rules, request_rate_rules};
use slots::slot_rules;

/// Fixed rates below one per minute are flagged; the request rate's floor is in it too.
const SECONDS_PER_MINUTE: f64 = 60.0;

pub(super) fn key(name: &'static str) -> PathSegment<'static> {
    PathSegment::Key(Cow::Borrowed(name))
}

pub(super) fn field_path<'a>(field: Field) -> Path<'a> {
    vec![key(field.name())]
}

pub(crate) fn apply<'a>(
    body: &mut Body<'a>,
    options: &Options,
    now: Option<i64>,
    ctx: &mut Ctx<'a>,
) {
    let operation = options.operation;
    let current = options.current.as_ref();

    deprecated_fields(body, ctx);
    credentials(body, options, ctx);

    if let (Operation::Update, Some(to), Some(from)) =
        (operation, body.vendor(), current.and_then(|c| c.vendor))
    {
        if to != from {
            ctx.report_at(
                Code::VendorChange,
                Severity::Warning,
                field_path(Field::IntegrationVendor),
                body.order_of(Field::IntegrationVendor),
                Params::new().with("from", from).with("to", to),
            );
        }
    }

    if let Some(schedule) = &body.schedule {
        slot_rules(schedule, now, ctx);
    }

    let use_custom = use_custom_in_force(body, options).map(|(v, _)| v);
    schedule_mode_rules(body, options, use_custom, ctx);
    fixed_schedule_rules(body, options, use_custom, ctx);
    request_rate_rules(body, options, ctx);

    if operation == Operation::Update && body.kept == 0 {
        ctx.report_at(
            Code::EmptyUpdate,
            Severity::Warning,
            Vec::new(),
            crate::path::Order::new(),
            Params::new(),
        );
    }
}

fn deprecated_fields<'a>(body: &Body<'a>, ctx: &mut Ctx<'a>) {
    for field in Field::ALL.into_iter().filter(|f| f.deprecated()) {
        if !body.sent(field) {
            continue;
        }
        let mut params = Params::new().with("field", field.name());
        if field == Field::AllowManualSyncs {
            if let Some(value) = body.boolean(field) {
                params = params.with("value", value);
            }
        }
        ctx.report_at(
            Code::DeprecatedField,
            Severity::Warning,
            field_path(field),
            body.order_of(field),
            params,
        );
    }
}
