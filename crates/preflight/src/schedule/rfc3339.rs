//! RFC 3339 text of the instants a run of syncs produces, written without a
//! formatting library.

use super::*;
use crate::model::time_text;

/// Year, month, day of a count of days since 1970-01-01 (proleptic Gregorian), after
/// Howard Hinnant's `civil_from_days`: plain arithmetic, no calendar tables.
pub(super) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = u32::try_from(day_of_year - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

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
        out.push_str(time_text(u16::try_from(seconds / 60).unwrap_or(0)));
        out.push(':');
        let second = u8::try_from(seconds % 60).unwrap_or(0);
        out.push(char::from(b'0' + second / 10));
        out.push(char::from(b'0' + second % 10));
        match offset {
            None => out.push('Z'),
            Some(offset) => {
                out.push(if offset < 0 { '-' } else { '+' });
                out.push_str(time_text(
                    u16::try_from(offset.unsigned_abs() / 60).unwrap_or(0),
                ));
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
