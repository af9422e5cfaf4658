//! RFC 3339 text: read (`options.now`, the `from` of `next_syncs`) and written (the
//! instants a run of syncs produces), without a date library or formatting machinery.

use super::*;
use crate::model::push_time;
use crate::zone_rules::{civil_from_days, days_from_civil, month_days};

/// Unix seconds and the nanoseconds past them of an RFC 3339 date-time; `None` for text
/// that is not one. Accepts exactly the texts chrono's `DateTime::parse_from_rfc3339`
/// accepts (0.4.45; a test compares the two, chrono being a dev-dependency for it), and
/// gives the same instant:
/// `YYYY-MM-DD`, `T`, `t` or a space, `hh:mm:ss`, an optional fraction of 1 or more digits
/// (digits past the ninth ignored), then `Z`, `z` or `±hh:mm` (`−`, U+2212, also a
/// minus) of less than 24 hours; a real calendar date, hours to 23, minutes to 59, and
/// seconds to 60: a leap second reads as `:59` and a second of nanoseconds, as in chrono.
pub(crate) fn parse_rfc3339_nanos(text: &str) -> Option<(i64, u32)> {
    let bytes = text.as_bytes();
    let number = |at: usize, len: usize| -> Option<i64> {
        let mut value = 0;
        for &byte in bytes.get(at..at + len)? {
            if !byte.is_ascii_digit() {
                return None;
            }
            value = value * 10 + i64::from(byte - b'0');
        }
        Some(value)
    };
    let at = |index: usize, byte: u8| bytes.get(index) == Some(&byte);
    let year = number(0, 4)?;
    let month = number(5, 2)?;
    let day = number(8, 2)?;
    let hour = number(11, 2)?;
    let minute = number(14, 2)?;
    let second = number(17, 2)?;
    let separators = at(4, b'-')
        && at(7, b'-')
        && matches!(bytes.get(10), Some(b'T' | b't' | b' '))
        && at(13, b':')
        && at(16, b':');
    if !separators
        || !(1..=12).contains(&month)
        || !(1..=month_days(year, month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let (second, mut nanos) = if second == 60 {
        (59, 1_000_000_000)
    } else {
        (second, 0)
    };
    // Bytes 0 to 18 are ASCII: 19 is a character boundary.
    let mut rest = text.get(19..)?;
    if let Some(fraction) = rest.strip_prefix('.') {
        let count = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if count == 0 {
            return None;
        }
        let kept = count.min(9);
        let digits = u32::try_from(number(20, kept)?).ok()?;
        nanos += digits * 10u32.pow(9 - kept as u32);
        rest = fraction.get(count..)?;
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let (negative, hh_mm) = if let Some(hh_mm) = rest.strip_prefix('+') {
                (false, hh_mm)
            } else if let Some(hh_mm) = rest.strip_prefix(['-', '\u{2212}']) {
                (true, hh_mm)
            } else {
                return None;
            };
            let &[h1, h2, b':', m1, m2] = hh_mm.as_bytes() else {
                return None;
            };
            let well_formed = h1.is_ascii_digit()
                && h2.is_ascii_digit()
                && (b'0'..=b'5').contains(&m1)
                && m2.is_ascii_digit();
            if !well_formed {
                return None;
            }
            let hours = i64::from((h1 - b'0') * 10 + (h2 - b'0'));
            let minutes = i64::from((m1 - b'0') * 10 + (m2 - b'0'));
            let seconds = hours * 3600 + minutes * 60;
            if seconds >= 86_400 {
                return None;
            }
            if negative {
                -seconds
            } else {
                seconds
            }
        }
    };
    let local = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    Some((local - offset, nanos))
}

/// `YYYY-MM-DD` of a Unix day. Supported instants are in years 1969 (local time west of
/// UTC) to 2100: four digits.
pub(crate) fn push_date(out: &mut String, days: i64) {
    let (year, month, day) = civil_from_days(days);
    let digits = |n: i64| char::from(b'0' + n.rem_euclid(10) as u8);
    out.extend([year / 1000, year / 100, year / 10, year].map(digits));
    out.push('-');
    out.extend([i64::from(month) / 10, i64::from(month)].map(digits));
    out.push('-');
    out.extend([i64::from(day) / 10, i64::from(day)].map(digits));
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
            let mut text = String::with_capacity(10);
            push_date(&mut text, day);
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

#[cfg(test)]
mod tests {
    use super::parse_rfc3339_nanos;
    use proptest::prelude::*;

    /// What chrono reads: the instant `parse_rfc3339_nanos` must give, or none.
    fn chrono(text: &str) -> Option<(i64, u32)> {
        chrono::DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| (t.timestamp(), t.timestamp_subsec_nanos()))
    }

    fn same_as_chrono(text: &str) -> Result<(), TestCaseError> {
        prop_assert_eq!(parse_rfc3339_nanos(text), chrono(text), "{:?}", text);
        Ok(())
    }

    /// Characters each position of a date-time could hold: the right ones, their
    /// neighbours and the borders of every range.
    fn piece(choices: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
        proptest::sample::select(choices)
    }

    fn near_rfc3339() -> impl Strategy<Value = String> {
        let digits = &["0", "1", "2", "3", "4", "5", "6", "9", "00", "x"][..];
        (
            (
                piece(&[
                    "2026", "0000", "9999", "1900", "2000", "2100", "2024", "1969", "999", "20266",
                    "+2026", "202a",
                ]),
                piece(&["-", "/", ""]),
                piece(&[
                    "01", "02", "04", "06", "09", "11", "12", "00", "13", "1", "99", "1x",
                ]),
                piece(&["-"]),
                piece(&["01", "28", "29", "30", "31", "32", "00", "1", "15"]),
                piece(&["T", "t", " ", "_", "TT", ""]),
            ),
            (
                piece(&["00", "09", "23", "24", "99", "1"]),
                piece(&[":", ""]),
                piece(&["00", "59", "60", "5"]),
                piece(&[":"]),
                piece(&["00", "58", "59", "60", "61", "99", "5"]),
                piece(&[
                    "",
                    ".",
                    ".0",
                    ".5",
                    ".123456789",
                    ".1234567891234",
                    ".000000000",
                    ".999999999999",
                    ".x",
                    ",5",
                ]),
                piece(&[
                    "Z",
                    "z",
                    "",
                    "+00:00",
                    "-00:00",
                    "\u{2212}05:30",
                    "+23:59",
                    "-23:59",
                    "+24:00",
                    "+99:00",
                    "+05:60",
                    "+05:7",
                    "+0530",
                    "+05",
                    "+5:30",
                    "+05:30 ",
                    "ZZ",
                    "Z ",
                    " Z",
                    "UTC",
                    "+05:30:00",
                    "\u{2212}",
                ]),
            ),
            piece(digits),
        )
            .prop_map(
                |((y, s1, mo, s2, d, t), (h, c1, mi, c2, sec, frac, off), _)| {
                    format!("{y}{s1}{mo}{s2}{d}{t}{h}{c1}{mi}{c2}{sec}{frac}{off}")
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20_000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn reads_near_misses_as_chrono_does(text in near_rfc3339()) {
            same_as_chrono(&text)?;
        }

        #[test]
        fn reads_any_instant_as_chrono_does(
            seconds in -62_167_219_200i64..253_402_300_800,
            nanos in 0u32..1_000_000_000,
            digits in 0usize..12,
            offset_minutes in -1439i64..=1439,
        ) {
            // Every instant of years 0000 to 9999 at any offset, printed by chrono.
            let offset = chrono::FixedOffset::east_opt((offset_minutes * 60) as i32).unwrap();
            let at = chrono::DateTime::from_timestamp(seconds, nanos).unwrap().with_timezone(&offset);
            let text = at.format("%Y-%m-%dT%H:%M:%S").to_string()
                + &format!(".{nanos:09}000")[..digits.min(12) + usize::from(digits > 0)]
                + &at.format("%:z").to_string();
            same_as_chrono(&text)?;
        }

        #[test]
        fn reads_any_text_as_chrono_does(text in "[0-9T:.Zz+-]{0,30}|\\PC{0,30}") {
            same_as_chrono(&text)?;
        }
    }

    #[test]
    fn reads_the_borders_as_chrono_does() {
        for text in [
            "2026-03-08T09:00:00Z",
            "2026-03-08t09:00:00z",
            "2026-03-08 09:00:00+01:00",
            "2024-02-29T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2000-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "0000-02-29T00:00:00Z",
            "0000-01-01T00:00:00+23:59",
            "9999-12-31T23:59:60.999999999-23:59",
            "2026-06-30T23:59:60Z",
            "2026-06-30T12:34:60.5Z",
            "2026-03-08T09:00:00.Z",
            "2026-03-08T09:00:00.1234567890123456789Z",
            "2026-03-08T09:00:00\u{2212}05:00",
            "2026-03-08T09:00:00+24:00",
            "2026-03-08T09:00:00+23:60",
            "2026-03-08T09:00:00",
            "2026-03-08T09:00",
            "",
            "2026-03-08T09:00:00Zé",
            "2026-03-08T09:00:00+05:30é",
            "é026-03-08T09:00:00Z",
            // Each separator wrong on its own, and each field just past its range.
            "2026x03-08T09:00:00Z",
            "2026-03x08T09:00:00Z",
            "2026-03-08x09:00:00Z",
            "2026-03-08T09x00:00Z",
            "2026-03-08T09:00x00Z",
            "2026-13-08T09:00:00Z",
            "2026-00-08T09:00:00Z",
            "2026-04-31T09:00:00Z",
            "2026-04-00T09:00:00Z",
            "2026-03-08T24:00:00Z",
            "2026-03-08T09:60:00Z",
            "2026-03-08T09:00:61Z",
            // Each digit of an offset wrong on its own.
            "2026-03-08T09:00:00+a0:00",
            "2026-03-08T09:00:00+0a:00",
            "2026-03-08T09:00:00+00:a0",
            "2026-03-08T09:00:00+00:0a",
            "2026-03-08T09:00:00+00:60",
        ] {
            assert_eq!(parse_rfc3339_nanos(text), chrono(text), "{text:?}");
        }
        assert_eq!(
            parse_rfc3339_nanos("2026-06-30T23:59:60.25Z"),
            Some((1_782_863_999, 1_250_000_000))
        );
    }
}
