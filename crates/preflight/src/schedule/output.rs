//! The schedule tools' answers as JSON values and one-line descriptions, the same in
//! every host.

use super::*;
use crate::json::{Object, Value};
use crate::messages::describe_interval;
use crate::model::{format_time, DAYS, DAY_ABBREVIATIONS};

impl EffectiveSchedule {
    /// A short description such as "Mon–Fri 09:00–17:00 every 20 minutes (America/New_York)".
    pub fn summary(&self) -> String {
        match self {
            EffectiveSchedule::Fixed {
                frequency, cadence, ..
            } => {
                format!(
                    "Every {} (fixed schedule)",
                    describe_interval(*frequency, *cadence)
                )
            }
            EffectiveSchedule::Custom { timezone, days, .. } => {
                let groups = day_groups(days);
                if groups.is_empty() {
                    return format!("Never syncs: no slot on any day ({})", timezone.name());
                }
                format!(
                    "{} ({})",
                    crate::messages::join(&mut groups.iter().map(String::as_str), "; "),
                    timezone.name()
                )
            }
            EffectiveSchedule::Unknown { reason } => format!("Unknown: {reason}"),
        }
    }

    pub fn to_value(&self) -> Value<'static> {
        let mut o = Object::new();
        match self {
            EffectiveSchedule::Fixed {
                frequency,
                cadence,
                source,
            } => {
                o.insert("kind", Value::str("fixed"));
                o.insert("source", Value::str(*source));
                o.insert("sync_frequency", Value::Number(*frequency));
                o.insert("sync_cadence", Value::str(cadence.as_str()));
            }
            EffectiveSchedule::Custom {
                timezone,
                days,
                source,
            } => {
                o.insert("kind", Value::str("custom"));
                o.insert("source", Value::str(*source));
                o.insert("timezone", Value::str(timezone.name()));
                let mut interval = Object::new();
                for (name, slots) in DAYS.iter().zip(days.iter()) {
                    if !slots.is_empty() {
                        interval
                            .insert(*name, Value::Array(slots.iter().map(slot_value).collect()));
                    }
                }
                o.insert("interval", Value::Object(interval));
            }
            EffectiveSchedule::Unknown { reason } => {
                o.insert("kind", Value::str("unknown"));
                o.insert("reason", Value::from(reason.clone()));
            }
        }
        o.insert("summary", Value::from(self.summary()));
        Value::Object(o)
    }
}

pub(super) fn slot_value(slot: &SlotSpec) -> Value<'static> {
    let mut o = Object::new();
    o.insert("start", Value::from(format_time(slot.start)));
    o.insert("end", Value::from(format_time(slot.end)));
    o.insert("sync_frequency", Value::Number(slot.frequency));
    o.insert("sync_cadence", Value::str(slot.cadence.as_str()));
    Value::Object(o)
}

pub(super) fn describe_slot(slot: &SlotSpec) -> String {
    format!(
        "{}–{} every {}",
        format_time(slot.start),
        format_time(slot.end),
        describe_interval(slot.frequency, slot.cadence)
    )
}

/// Runs of consecutive weekdays with the same slots: "Mon–Fri 09:00–17:00 every 20 minutes".
pub(super) fn day_groups(days: &[Vec<SlotSpec>; 7]) -> Vec<String> {
    let mut groups = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let Some(slots) = days.get(i) else { break };
        let mut j = i + 1;
        while days.get(j).is_some_and(|next| next == slots) {
            j += 1;
        }
        if !slots.is_empty() {
            let first = DAY_ABBREVIATIONS.get(i).copied().unwrap_or("");
            let label = if j - i == 1 {
                first.to_string()
            } else {
                format!(
                    "{first}–{}",
                    DAY_ABBREVIATIONS.get(j - 1).copied().unwrap_or("")
                )
            };
            let described: Vec<String> = slots.iter().map(describe_slot).collect();
            groups.push(format!(
                "{label} {}",
                crate::messages::join(&mut described.iter().map(String::as_str), ", ")
            ));
        }
        i = j;
    }
    groups
}

impl SyncInstant {
    pub fn to_value(&self) -> Value<'static> {
        let mut o = Object::new();
        o.insert("utc", Value::from(self.utc.clone()));
        o.insert("local", Value::from(self.local.clone()));
        Value::Object(o)
    }
}

impl NextSyncs {
    /// `{"syncs": [{"utc", "local"}…], "complete": bool, "end": null | {"reason", "message"}}`.
    pub fn to_value(&self) -> Value<'static> {
        let mut o = Object::new();
        o.insert(
            "syncs",
            Value::Array(self.syncs.iter().map(SyncInstant::to_value).collect()),
        );
        o.insert("complete", Value::Bool(self.complete()));
        let end = match (self.end, self.message()) {
            (Some(end), Some(message)) => {
                let mut e = Object::new();
                e.insert("reason", Value::str(end.as_str()));
                e.insert("message", Value::from(message));
                Value::Object(e)
            }
            _ => Value::Null,
        };
        o.insert("end", end);
        Value::Object(o)
    }
}

impl WeeklySummary {
    pub fn to_value(&self) -> Value<'static> {
        let mut o = Object::new();
        let (kind, timezone) = match &self.schedule {
            EffectiveSchedule::Fixed { .. } => ("fixed", Value::Null),
            EffectiveSchedule::Custom { timezone, .. } => ("custom", Value::str(timezone.name())),
            EffectiveSchedule::Unknown { .. } => ("unknown", Value::Null),
        };
        o.insert("kind", Value::str(kind));
        o.insert("timezone", timezone);
        let mut per_day = Object::new();
        for (name, count) in DAYS.iter().zip(self.per_day) {
            per_day.insert(*name, Value::Number(count));
        }
        o.insert("per_day", Value::Object(per_day));
        o.insert("per_week", Value::Number(self.per_week));
        o.insert("note", self.note().map_or(Value::Null, Value::str));
        let coverage = self
            .coverage
            .iter()
            .map(|c| {
                let mut e = Object::new();
                e.insert(
                    "day",
                    Value::str(DAYS.get(c.weekday).copied().unwrap_or("SUNDAY")),
                );
                e.insert("start", Value::from(format_time(c.start)));
                e.insert(
                    "end",
                    Value::from(if c.end >= 24 * 60 {
                        String::from("24:00")
                    } else {
                        format_time(c.end)
                    }),
                );
                e.insert("sync_frequency", Value::Number(c.frequency));
                e.insert("sync_cadence", Value::str(c.cadence.as_str()));
                e.insert("syncs", Value::Number(c.syncs));
                Value::Object(e)
            })
            .collect();
        o.insert("coverage", Value::Array(coverage));
        o.insert("summary", Value::from(self.schedule.summary()));
        Value::Object(o)
    }
}
