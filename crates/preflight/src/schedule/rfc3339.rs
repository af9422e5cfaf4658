//! RFC 3339 text of the instants a run of syncs produces, written without a
//! formatting library.

use super::*;
use crate::model::push_time;
use crate::zone_rules::civil_from_days;

/// Writes RFC 3339 instants. Instants come in order, many per day, so it keeps the
/// `YYYY-MM-DD` of the last day it wrote; the time and the offset come from the static
/// `HH:MM` table, so writing an instant costs one allocation and no formatting machinery.
#[derive(Default)]
pub(super) struct InstantWriter {
    day: Option<(i64, String)>,
}

impl InstantWriter {
    pub(super) fn date(&mut self, day: i64) -> &str {
        if self.day.as_ref().is_none_or(|(cached, _)| *cached != day) {
            let (year, month, day_of_month) = civil_from_days(day);
            // Supported instants are in years 1969 (local time west of UTC) to 2100: four digits.
            let text = format!("{year:04}-{month:02}-{day_of_month:02}");
            self.day = Some((day, text));
        }
        self.day.as_ref().map_or("", |(_, text)| text.as_str())
    }

    /// In UTC with `Z` when `offset` is None, else in local time at that offset. Offsets of
    /// the supported range are whole minutes (a test checks every zone), as RFC 3339 needs.
    pub(super) fn write(&mut self, unix: i64, offset: Option<i64>) -> String {
        let shifted = unix + offset.unwrap_or(0);
        let seconds = shifted.rem_euclid(86_400);
        let mut out = String::with_capacity(25);
        out.push_str(self.date(shifted.div_euclid(86_400)));
        out.push('T');
        push_time(&mut out, u16::try_from(seconds / 60).unwrap_or(0));
        out.push(':');
        let second = u8::try_from(seconds % 60).unwrap_or(0);
        out.push(char::from(b'0' + second / 10));
        out.push(char::from(b'0' + second % 10));
        match offset {
            None => out.push('Z'),
            Some(offset) => {
                out.push(if offset < 0 { '-' } else { '+' });
                push_time(
                    &mut out,
                    u16::try_from(offset.unsigned_abs() / 60).unwrap_or(0),
                );
            }
        }
        out
    }
}

/// The UTC and local writers of one run of instants.
#[derive(Default)]
pub(super) struct Writers {
    utc: InstantWriter,
    local: InstantWriter,
}

impl Writers {
    pub(super) fn instant(&mut self, unix: i64, offset_seconds: i64) -> SyncInstant {
        SyncInstant {
            unix,
            utc: self.utc.write(unix, None),
            local: self.local.write(unix, Some(offset_seconds)),
        }
    }
}
