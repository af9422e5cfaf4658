//! The structural pass over a body read member by member ([`Members`]: JSON or host text
//! through `json::Cursor`, a Python dict through the extension's reader), without the
//! general tree: the objects and arrays whose keys the schema fixes (the body, the custom
//! schedule, its interval, days and slots) are walked member by member; every other value
//! is read whole and checked by the same functions as the tree's pass, so each issue
//! comes from one place.
//!
//! It reads only what it can read exactly as `read_body` reads the tree, and gives up
//! (`None`) on the rest, where the caller reads the tree: anything the reader gives up on
//! (for text, a syntax error anywhere: the tree's parser says where), a key that is
//! unknown, repeated (`JSON.parse` keeps the last value at the place of the first) or
//! holds a lone surrogate in an object whose keys the schema fixes, and coercion. A
//! property test, the `check` fuzz target, the Python dict/text equivalence test and
//! every vector compare the two readings.

use crate::body::{Body, Day, Schedule};
use crate::issues::Ctx;
use crate::json::Members;
use crate::model::{Field, Kind, Operation, DAYS, SCHEDULE_FIELDS, SLOT_FIELDS};

use super::{
    finish_schedule, finish_slot, fixed_order, new_slot, read_day, read_field, read_interval,
    read_schedule_scalar, read_slot, read_slot_field, report_missing_fields, report_wrong_type,
    set_schedule, INTERVAL,
};

/// `read_body` of a body read member by member ([`Members`]) into `body` (an empty one:
/// filled in place, as returning a kilobyte-sized body copied it twice), or `None` where
/// only the tree can say.
pub(crate) fn read_members<'a>(
    cursor: &mut impl Members<'a>,
    operation: Operation,
    body: &mut Body<'a>,
    ctx: &mut Ctx<'a>,
) -> Option<()> {
    if ctx.coerce {
        return None;
    }
    if !cursor.open(b'{') {
        return None;
    }
    let mut index = 0;
    while cursor.more(b'}', index == 0)? {
        let key = cursor.key()?;
        let field = Field::lookup(&key, operation)?;
        if body.sent(field) {
            return None;
        }
        body.set_position(field, index);
        ctx.push_key(field.name(), index);
        if field.kind() == Kind::Schedule && cursor.open(b'{') {
            set_schedule(body, Some(schedule(cursor, ctx)?));
        } else {
            let value = cursor.value(1)?;
            if read_field(field, operation, &value, body, ctx) {
                body.set(field, Some(value));
            }
        }
        ctx.pop();
        index += 1;
    }
    if !cursor.at_end() {
        return None;
    }
    body.len = index;
    body.kept = index;
    report_missing_fields(body, operation, ctx);
    Some(())
}

/// The next key of an object whose keys are `names`, each at most once: its index and
/// name, or `None` for a key that is not one of them or comes again.
fn fixed_key<'a>(
    cursor: &mut impl Members<'a>,
    names: &[&'static str],
    seen: &mut [bool],
) -> Option<(usize, &'static str)> {
    let key = cursor.key()?;
    let index = names
        .iter()
        .position(|name| crate::model::same_name(&key, name))?;
    let seen = seen.get_mut(index)?;
    if *seen {
        return None;
    }
    *seen = true;
    Some((index, names.get(index).copied()?))
}

/// The custom schedule, its `{` read (depth 1).
fn schedule<'a>(cursor: &mut impl Members<'a>, ctx: &mut Ctx<'a>) -> Option<Schedule> {
    let structural_before = ctx.structural_issues();
    let mut schedule = Schedule::default();
    let mut seen = [false; 3];
    let mut index = 0;
    while cursor.more(b'}', index == 0)? {
        let (field, name) = fixed_key(cursor, &SCHEDULE_FIELDS, &mut seen)?;
        ctx.push_key(name, index);
        if field == INTERVAL {
            schedule.interval_order = Some(fixed_order(ctx.order()));
            if cursor.open(b'{') {
                interval(cursor, &mut schedule, ctx)?;
            } else {
                read_interval(&cursor.value(2)?, &mut schedule, ctx);
            }
        } else {
            read_schedule_scalar(field, &cursor.value(2)?, &mut schedule, ctx);
        }
        ctx.pop();
        index += 1;
    }
    finish_schedule(&mut schedule, seen, index, structural_before, ctx);
    Some(schedule)
}

/// The schedule's `interval`, its `{` read (depth 2).
fn interval<'a>(
    cursor: &mut impl Members<'a>,
    schedule: &mut Schedule,
    ctx: &mut Ctx<'a>,
) -> Option<()> {
    let mut seen = [false; 7];
    let mut index = 0;
    while cursor.more(b'}', index == 0)? {
        let (weekday, name) = fixed_key(cursor, &DAYS, &mut seen)?;
        ctx.push_key(name, index);
        let day = if cursor.open(b'{') {
            Some(day(cursor, ctx)?)
        } else {
            read_day(&cursor.value(3)?, ctx)
        };
        if let (Some(day), Some(slot)) = (day, schedule.days.get_mut(weekday)) {
            *slot = Some(day);
        }
        ctx.pop();
        index += 1;
    }
    Some(())
}

/// A day of the interval, its `{` read (depth 3).
fn day<'a>(cursor: &mut impl Members<'a>, ctx: &mut Ctx<'a>) -> Option<Day> {
    let mut day = Day {
        slots: Vec::new(),
        has_slots: false,
    };
    let mut index = 0;
    while cursor.more(b'}', index == 0)? {
        if index > 0 || cursor.key()? != "slots" {
            return None;
        }
        ctx.push_key("slots", index);
        if cursor.open(b'[') {
            day.has_slots = true;
            let mut item = 0;
            while cursor.more(b']', item == 0)? {
                ctx.push_index(item);
                let slot = if cursor.open(b'{') {
                    Some(slot(cursor, item, ctx)?)
                } else {
                    read_slot(&cursor.value(5)?, item, ctx)
                };
                day.slots.extend(slot);
                ctx.pop();
                item += 1;
            }
        } else {
            report_wrong_type(&cursor.value(4)?, "array", ctx);
        }
        ctx.pop();
        index += 1;
    }
    if index == 0 {
        ctx.report_missing("slots", 0, 0);
    }
    Some(day)
}

/// A slot, its `{` read (depth 5).
fn slot<'a>(
    cursor: &mut impl Members<'a>,
    item: usize,
    ctx: &mut Ctx<'a>,
) -> Option<crate::body::Slot> {
    let mut slot = new_slot(item, ctx);
    let mut index = 0;
    while cursor.more(b'}', index == 0)? {
        let key = cursor.key()?;
        let field = SLOT_FIELDS.iter().position(|f| *f == key.as_ref())?;
        if slot.field_order.get(field) != Some(&u32::MAX) {
            return None;
        }
        read_slot_field(&mut slot, field, index, &cursor.value(6)?, ctx);
        index += 1;
    }
    finish_slot(&mut slot, index, ctx);
    Some(slot)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Cursor;

    fn reads(text: &str, host: bool, coerce: bool) -> bool {
        let mut ctx = Ctx::new(coerce);
        let mut body = Body::empty(0);
        read_members(
            &mut Cursor::new(text, host),
            Operation::Update,
            &mut body,
            &mut ctx,
        )
        .is_some()
    }

    /// A host's entry to the typed reading answers what the typed reader reads (a
    /// `None` would send every host's body through the tree: same reports, slower).
    #[test]
    fn hosts_get_the_typed_report_of_what_the_reader_reads() {
        let seed = include_str!("../../../../bench/bodies/seed-update.json");
        let options = crate::Options::default();
        for with_normalized in [false, true] {
            let report =
                crate::check_members(&mut Cursor::new(seed, false), &options, with_normalized);
            assert_eq!(
                report.map(|r| r.normalized.is_some()),
                Some(with_normalized)
            );
        }
        let unknown_key = r#"{"nmae":"x"}"#;
        assert!(
            crate::check_members(&mut Cursor::new(unknown_key, false), &options, false).is_none()
        );
    }

    /// What the typed reader reads itself (its reports equal the tree's: the property
    /// test), and what it hands back to the tree.
    #[test]
    fn reads_ordinary_bodies_and_gives_the_unusual_back() {
        let seed = include_str!("../../../../bench/bodies/seed-update.json");
        let slot = r#"{"start":"09:00","end":"17:00","sync_frequency":15,"sync_cadence":"MINUTE"}"#;
        let schedule = |interval: &str| {
            format!(
                r#"{{"custom_sync_schedule":{{"type":"WEEK_BASED","timezone":"UTC","interval":{interval}}}}}"#
            )
        };
        let typed = [
            seed.to_string(),
            String::from("{}"),
            String::from("\u{feff} {\"name\" : \"x\" } \n"),
            String::from(r#"{"na\u006De":"escaped key"}"#),
            String::from(r#"{"sync_frequency":0,"active":"yes","name":{"a":[1,2]}}"#),
            String::from(r#"{"credentials":{"a":{"b":[1]},"a":2},"custom_sync_schedule":5}"#),
            schedule(r#"{"MONDAY":{"slots":[]},"TUESDAY":[],"FRIDAY":{}}"#),
            schedule(&format!(r#"{{"MONDAY":{{"slots":[{slot},{slot},7]}}}}"#)),
            schedule(r#"{"MONDAY":{"slots":{}}}"#),
            schedule(r#"{"MONDAY":{"slots":[{"start":"9:00","sync_frequency":0}]}}"#),
            String::from(r#"{"custom_sync_schedule":{"interval":3,"timezone":"Mars"}}"#),
        ];
        for text in &typed {
            assert!(reads(text, false, false), "{text}");
            assert!(
                !reads(text, false, true),
                "coerce goes through the tree: {text}"
            );
        }
        let tree = [
            String::from("[]"),
            String::from("1"),
            String::from(""),
            String::from("{} x"),
            String::from(r#"{"name":"x""#),
            String::from(r#"{"name":"x",}"#),
            String::from(r#"{"name":1,"name":2}"#),
            String::from(r#"{"name":1,"na\u006De":2}"#),
            String::from(r#"{"nmae":"x"}"#),
            String::from(r#"{"\udc00":1}"#),
            String::from(r#"{"name":!u}"#),
            schedule(r#"{"MONDAY":{"slots":[]},"MONDAY":{"slots":[]}}"#),
            schedule(r#"{"MONDAY":{"slots":[],"slots":[]}}"#),
            schedule(r#"{"MONDAY":{"other":1}}"#),
            schedule(r#"{"MUNDAY":{}}"#),
            schedule(r#"{"MONDAY":{"slots":[{"start":"09:00","start":"10:00"}]}}"#),
            schedule(r#"{"MONDAY":{"slots":[{"begin":"09:00"}]}}"#),
            String::from(r#"{"custom_sync_schedule":{"type":"WEEK_BASED","type":"WEEK_BASED"}}"#),
            String::from(r#"{"custom_sync_schedule":{"kind":1}}"#),
        ];
        for text in &tree {
            assert!(!reads(text, false, false), "{text}");
        }
        // Host text: `!` and a letter is a value the tree would read, so the typed reader
        // reads it too.
        assert!(reads(r#"{"name":!u,"credentials":{"a":!f}}"#, true, false));
        assert!(!reads(r#"{"name":!x}"#, true, false));
    }
}
