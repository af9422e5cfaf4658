//! Which schedule is in force (custom or fixed) and whether the body says enough to run it.

use super::{field_path, key};
use crate::body::Body;
use crate::issues::Ctx;
use crate::model::{Field, Operation};
use crate::options::{Options, StoredSchedule};
use crate::report::{Code, Params, Severity};

pub(super) fn schedule_mode_rules<'a>(
    body: &Body<'a>,
    options: &Options,
    use_custom: Option<bool>,
    ctx: &mut Ctx<'a>,
) {
    let current = options.current.as_ref();
    let body_schedule = body
        .schedule
        .as_ref()
        .filter(|_| body.sent(Field::CustomSyncSchedule));
    let stored = match options.operation {
        Operation::Update => current.map(|c| &c.schedule),
        Operation::Create => None,
    };
    let current_schedule = stored.and_then(StoredSchedule::schedule);

    if body.boolean(Field::UseCustomSyncSchedule) == Some(true)
        && !body.sent(Field::CustomSyncSchedule)
        && current_schedule.is_none()
    {
        // Only a create, or a stored integration that shows `null`, says no schedule
        // exists; without `current`, or with one that leaves the schedule out (the GET
        // response does), the server may hold one.
        let (severity, params) = match (options.operation, stored) {
            (Operation::Create, _) | (_, Some(StoredSchedule::None)) => {
                (Severity::Error, Params::new())
            }
            (_, Some(_)) => (
                Severity::Warning,
                Params::new().with("current_schedule", "not_shown"),
            ),
            (_, None) => (Severity::Warning, Params::new()),
        };
        ctx.report_at(
            Code::CustomScheduleMissing,
            severity,
            field_path(Field::UseCustomSyncSchedule),
            body.order_of(Field::UseCustomSyncSchedule),
            params,
        );
    }

    if body_schedule.is_some() && use_custom == Some(false) {
        ctx.report_at(
            Code::CustomScheduleIgnored,
            Severity::Warning,
            field_path(Field::CustomSyncSchedule),
            body.order_of(Field::CustomSyncSchedule),
            Params::new(),
        );
    }

    if use_custom == Some(true) {
        for field in [Field::SyncFrequency, Field::SyncCadence] {
            if body.sent(field) {
                ctx.report_at(
                    Code::FixedScheduleIgnored,
                    Severity::Warning,
                    field_path(field),
                    body.order_of(field),
                    Params::new().with("field", field.name()),
                );
            }
        }
        let touched =
            body.sent(Field::CustomSyncSchedule) || body.sent(Field::UseCustomSyncSchedule);
        let in_force = if body.sent(Field::CustomSyncSchedule) {
            body_schedule.filter(|s| s.valid)
        } else {
            current_schedule
        };
        if let Some(schedule) = in_force.filter(|s| touched && s.slot_count() == 0) {
            let (path, order) = match (
                &schedule.interval_order,
                body.sent(Field::CustomSyncSchedule),
            ) {
                (Some(order), true) => (
                    vec![key(Field::CustomSyncSchedule.name()), key("interval")],
                    crate::path::Order::from(&order[..]),
                ),
                _ => (
                    field_path(Field::UseCustomSyncSchedule),
                    body.order_of(Field::UseCustomSyncSchedule),
                ),
            };
            ctx.report_at(
                Code::ScheduleNeverSyncs,
                Severity::Warning,
                path,
                order,
                Params::new(),
            );
        }
    }
}
