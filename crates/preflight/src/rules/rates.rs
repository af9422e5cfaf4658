//! Rates against their floors and the PMS limits: the fixed sync interval and the
//! request rate.

use super::{field_path, SECONDS_PER_MINUTE};
use crate::body::Body;
use crate::in_force::{rate_in_force, Rate, Source};
use crate::issues::Ctx;
use crate::messages::describe_interval;
use crate::model::Field;
use crate::options::Options;
use crate::report::{Code, Params, Severity};

pub(super) fn fixed_schedule_rules<'a>(
    body: &Body<'a>,
    options: &Options,
    use_custom: Option<bool>,
    ctx: &mut Ctx<'a>,
) {
    if use_custom == Some(true) {
        return;
    }
    let (frequency, cadence) = rate_in_force(body, options, Rate::Sync);
    let (Some((frequency, fs)), Some((cadence, cs))) = (frequency, cadence) else {
        return;
    };
    if fs != Source::Body && cs != Source::Body {
        return;
    }
    let interval = frequency * cadence.seconds();
    if interval < SECONDS_PER_MINUTE {
        let field = if fs == Source::Body {
            Field::SyncFrequency
        } else {
            Field::SyncCadence
        };
        ctx.report_at(
            Code::SyncTooFrequent,
            Severity::Warning,
            field_path(field),
            body.order_of(field),
            Params::new()
                .with("interval", describe_interval(frequency, cadence))
                .with("interval_seconds", interval),
        );
    }
}

/// Rounds for display in params: six decimals are plenty for a rate.
fn rounded(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

pub(super) fn request_rate_rules<'a>(body: &Body<'a>, options: &Options, ctx: &mut Ctx<'a>) {
    let (frequency, cadence) = rate_in_force(body, options, Rate::Request);
    let (Some((frequency, fs)), Some((cadence, cs))) = (frequency, cadence) else {
        return;
    };
    let per_second = frequency / cadence.seconds();
    let subject = if body.sent(Field::MaxRequestFrequency) || !body.sent(Field::MaxRequestCadence) {
        Field::MaxRequestFrequency
    } else {
        Field::MaxRequestCadence
    };
    if (fs == Source::Body || cs == Source::Body) && per_second * SECONDS_PER_MINUTE < 1.0 {
        ctx.report_at(
            Code::RequestRateBelowFloor,
            Severity::Error,
            field_path(subject),
            body.order_of(subject),
            Params::new()
                .with("frequency", frequency)
                .with("cadence", cadence.as_str())
                .with("per_minute", rounded(per_second * SECONDS_PER_MINUTE)),
        );
    }
    let Some(limits) = &options.rate_limits else {
        return;
    };
    for (window, seconds, limit) in [
        ("minute", 60.0, &limits.minute),
        ("hour", 3_600.0, &limits.hour),
        ("day", 86_400.0, &limits.day),
    ] {
        let Some(limit) = limit else { continue };
        let configured = per_second * seconds;
        if configured > limit.requests {
            let mut params = Params::new()
                .with("window", window)
                .with("configured", rounded(configured))
                .with("limit", limit.requests);
            if let Some(api) = &limit.api {
                params = params.with("api", api.clone());
            }
            ctx.report_at(
                Code::ExceedsPmsRateLimit,
                Severity::Warning,
                field_path(subject),
                body.order_of(subject),
                params,
            );
        }
    }
}
