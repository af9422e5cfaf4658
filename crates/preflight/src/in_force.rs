//! What is "in force" once the request is applied: the body's value, else the stored
//! one (`current`) on update, else the documented default on create. The rules and the
//! schedule engine both judge the integration as it will be through these.

use crate::body::Body;
use crate::model::{Cadence, Field, Operation};
use crate::options::Options;

/// Where a value came from when the rules judge the integration as it will be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    Body,
    Current,
    Default,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Body => "body",
            Source::Current => "current",
            Source::Default => "default",
        }
    }
}

/// The value in force: the body's if it sent a valid one, else the stored one on
/// update, else the documented default on create. A field the body sent but got wrong
/// is unknown. The default is asked for only when it is the answer.
pub(crate) fn in_force<T>(
    body: &Body<'_>,
    field: Field,
    from_body: Option<T>,
    from_current: Option<T>,
    default: impl FnOnce() -> Option<T>,
    operation: Operation,
) -> Option<(T, Source)> {
    if body.sent(field) {
        return from_body.map(|v| (v, Source::Body));
    }
    match operation {
        Operation::Update => from_current.map(|v| (v, Source::Current)),
        Operation::Create => default().map(|v| (v, Source::Default)),
    }
}

/// Whether the custom schedule is in force, and where that comes from.
pub(crate) fn use_custom_in_force(body: &Body<'_>, options: &Options) -> Option<(bool, Source)> {
    in_force(
        body,
        Field::UseCustomSyncSchedule,
        body.boolean(Field::UseCustomSyncSchedule),
        options
            .current
            .as_ref()
            .and_then(|c| c.use_custom_sync_schedule),
        || Field::UseCustomSyncSchedule.create_default_bool(),
        options.operation,
    )
}

/// Which pair of fields make a rate: the fixed sync interval or the request rate.
#[derive(Clone, Copy)]
pub(crate) enum Rate {
    Sync,
    Request,
}

/// A rate's frequency and cadence in force, each with where it comes from.
pub(crate) type RateInForce = (Option<(f64, Source)>, Option<(Cadence, Source)>);

/// Reads a rate's frequency and cadence in force.
pub(crate) fn rate_in_force(body: &Body<'_>, options: &Options, rate: Rate) -> RateInForce {
    let current = options.current.as_ref();
    let (frequency_field, cadence_field, stored_frequency, stored_cadence) = match rate {
        Rate::Sync => (
            Field::SyncFrequency,
            Field::SyncCadence,
            current.and_then(|c| c.sync_frequency),
            current.and_then(|c| c.sync_cadence),
        ),
        Rate::Request => (
            Field::MaxRequestFrequency,
            Field::MaxRequestCadence,
            current.and_then(|c| c.max_request_frequency),
            current.and_then(|c| c.max_request_cadence),
        ),
    };
    let frequency = in_force(
        body,
        frequency_field,
        body.number(frequency_field),
        stored_frequency,
        || frequency_field.create_default_number(),
        options.operation,
    );
    let cadence = in_force(
        body,
        cadence_field,
        body.cadence(cadence_field),
        stored_cadence,
        || cadence_field.create_default_cadence(),
        options.operation,
    );
    (frequency, cadence)
}
