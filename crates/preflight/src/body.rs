//! The body as the rules and the normalizer read it: every valid value (after
//! coercion), where each field stood, and the typed custom schedule.

use crate::json::Value;
use crate::model::{canonical_vendor, Cadence, Field, Zone, FIELD_COUNT};
use crate::path::position;

#[derive(Clone, Debug)]
pub(crate) struct Slot {
    /// Index in the day's `slots` array as sent.
    pub index: usize,
    /// Document position of the slot object.
    pub order: [u32; 5],
    /// Position of each of [`SLOT_FIELDS`] in the slot object (missing ones sort last).
    pub field_order: [u32; 4],
    pub start: Option<u16>,
    pub end: Option<u16>,
    pub frequency: Option<f64>,
    pub cadence: Option<Cadence>,
}

impl Slot {
    pub fn times(&self) -> Option<(u16, u16)> {
        Some((self.start?, self.end?))
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Day {
    pub slots: Vec<Slot>,
    /// The `slots` key was present and an array.
    pub has_slots: bool,
}

/// The typed custom schedule: weekdays indexed Sunday = 0.
#[derive(Clone, Debug, Default)]
pub(crate) struct Schedule {
    pub timezone: Option<Zone>,
    pub days: [Option<Day>; 7],
    /// Document position of `interval`, when present.
    pub interval_order: Option<[u32; 2]>,
    /// No structural issue anywhere inside.
    pub valid: bool,
}

impl Schedule {
    pub fn slot_count(&self) -> usize {
        self.days.iter().flatten().map(|d| d.slots.len()).sum()
    }
}

/// The body as typed, valid values (after coercion), plus where each field stood.
pub(crate) struct Body<'a> {
    values: [Option<Value<'a>>; FIELD_COUNT],
    positions: [Option<u32>; FIELD_COUNT],
    pub schedule: Option<Schedule>,
    /// Keys the body object had.
    pub len: usize,
    /// Keys left after coercion dropped empty optional fields.
    pub kept: usize,
}

impl<'a> Body<'a> {
    pub(crate) fn empty(len: usize) -> Self {
        Body {
            values: Default::default(),
            positions: [None; FIELD_COUNT],
            schedule: None,
            len,
            kept: len,
        }
    }

    pub fn value(&self, field: Field) -> Option<&Value<'a>> {
        self.values.get(field.index()).and_then(Option::as_ref)
    }

    /// The field's value, leaving none.
    #[cfg(feature = "speed")]
    pub fn take(&mut self, field: Field) -> Option<Value<'a>> {
        self.values.get_mut(field.index()).and_then(Option::take)
    }

    pub fn value_mut(&mut self, field: Field) -> Option<&mut Value<'a>> {
        self.values.get_mut(field.index()).and_then(Option::as_mut)
    }

    /// Where the field stood in the body, if it was sent (valid or not).
    pub fn position(&self, field: Field) -> Option<u32> {
        self.positions.get(field.index()).copied().flatten()
    }

    pub fn sent(&self, field: Field) -> bool {
        self.position(field).is_some()
    }

    pub fn str(&self, field: Field) -> Option<&str> {
        self.value(field).and_then(Value::as_str)
    }

    pub fn number(&self, field: Field) -> Option<f64> {
        self.value(field).and_then(Value::as_f64)
    }

    pub fn boolean(&self, field: Field) -> Option<bool> {
        self.value(field).and_then(Value::as_bool)
    }

    pub fn cadence(&self, field: Field) -> Option<Cadence> {
        self.str(field).and_then(Cadence::from_name)
    }

    pub fn vendor(&self) -> Option<&'static str> {
        self.str(Field::IntegrationVendor)
            .and_then(canonical_vendor)
    }

    /// Document position of a field: where it stood, or after every key if it was not sent.
    pub fn order_of(&self, field: Field) -> crate::path::Order {
        crate::path::Order::from(
            &[self
                .position(field)
                .unwrap_or_else(|| position(self.len + field.index()))][..],
        )
    }

    pub(crate) fn set(&mut self, field: Field, value: Option<Value<'a>>) {
        if let Some(slot) = self.values.get_mut(field.index()) {
            *slot = value;
        }
    }

    pub(crate) fn set_position(&mut self, field: Field, index: usize) {
        if let Some(slot) = self.positions.get_mut(field.index()) {
            *slot = Some(position(index));
        }
    }

    /// Coercion dropped the field: for the rules it was never sent.
    pub(crate) fn drop_field(&mut self, field: Field) {
        if let Some(slot) = self.positions.get_mut(field.index()) {
            *slot = None;
        }
        self.kept -= 1;
    }
}
