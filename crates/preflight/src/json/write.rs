//! JSON output with numbers printed as JavaScript prints them: the core's own compact
//! writer for its values and reports (`to_json`), and serde's writer for anything
//! serializable (`to_json_string`, `to_json_pretty`). Both write the same bytes for the
//! core's types (tests below and in `tests/report.rs`); the browser module links only the
//! first, which is a fraction of serde_json's serializer instantiated for every type.

use super::Value;
use crate::path::PathSegment;

/// Compact JSON text of a value, as [`to_json_string`] writes it.
pub(crate) fn write_value(out: &mut String, value: &Value<'_>) {
    match value {
        Value::Null | Value::Foreign(_) => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        // What serde writes: an integer through `i64`, any other number as JavaScript
        // prints it (the same digits, the integer's much quicker).
        Value::Number(n) => match integral(*n) {
            Some(i) => push_integer(out, i),
            None => write_number(out, *n),
        },
        Value::String(s) => write_str(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(object) => {
            out.push('{');
            for (i, (key, item)) in object.iter().enumerate() {
                write_key(out, i, key);
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

/// `,"key":` (no comma before the first member).
pub(crate) fn write_key(out: &mut String, index: usize, key: &str) {
    if index > 0 {
        out.push(',');
    }
    write_str(out, key);
    out.push(':');
}

/// A path as a JSON array of keys and indices.
pub(crate) fn write_path(out: &mut String, path: &[PathSegment<'_>]) {
    out.push('[');
    for (i, segment) in path.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match segment {
            PathSegment::Key(key) => write_str(out, key),
            PathSegment::Index(index) => push_decimal(out, *index as u64),
        }
    }
    out.push(']');
}

/// A JSON string, escaped as serde_json escapes: `"` and `\`, control characters as
/// `\b \t \n \f \r` or `\u00xx`; everything else as it is.
pub(crate) fn write_str(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    // Nearly every string has nothing to escape: one scan, one copy.
    #[cfg(feature = "speed")]
    if super::parse::plain_run(bytes).is_none() {
        out.reserve(bytes.len() + 2);
        out.push('"');
        out.push_str(text);
        out.push('"');
        return;
    }
    out.push('"');
    // The bytes JSON escapes are the bytes that end a plain run in the parser: found eight
    // at a time with `speed`, one at a time in the browser module (smaller).
    #[cfg(feature = "speed")]
    let escapes = {
        let mut from = 0;
        std::iter::from_fn(move || {
            let at = from + super::parse::plain_run(bytes.get(from..)?)?;
            from = at + 1;
            Some(at)
        })
    };
    #[cfg(not(feature = "speed"))]
    let escapes = (0..bytes.len()).filter(|&at| {
        bytes
            .get(at)
            .is_some_and(|&b| super::parse::stops_string(b))
    });
    let mut plain = 0;
    for at in escapes {
        // `at` is an ASCII byte, so both ranges end on character boundaries.
        out.push_str(text.get(plain..at).unwrap_or_default());
        plain = at + 1;
        let byte = bytes.get(at).copied().unwrap_or_default();
        match byte {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                for digit in [byte >> 4, byte & 15] {
                    out.push(char::from(
                        HEX.get(usize::from(digit)).copied().unwrap_or(b'0'),
                    ));
                }
            }
        }
    }
    out.push_str(text.get(plain..).unwrap_or_default());
    out.push('"');
}

impl serde::Serialize for Value<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Value::Null | Value::Foreign(_) => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => match integral(*n) {
                Some(i) => serializer.serialize_i64(i),
                None => serializer.serialize_f64(*n),
            },
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(object) => {
                let mut map = serializer.serialize_map(Some(object.len()))?;
                for (k, v) in object.iter() {
                    map.serialize_entry(k.as_ref(), v)?;
                }
                map.end()
            }
        }
    }
}

/// The integer a number is written as, when it is integral and well inside the exact
/// range: `12.0` goes out as `12`, and `-0` as `0`. Hosts whose numbers have two types
/// (Python's `int` and `float`) use it to pick the type, so they print what JSON prints.
pub fn integral(n: f64) -> Option<i64> {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Some(n as i64)
    } else {
        None
    }
}

/// Whether JSON output writes `n` as an integer (JavaScript's rule): integral and below
/// 10²¹ in magnitude. Above [`integral`]'s range the digits are [`number_text`]'s.
pub fn written_as_integer(n: f64) -> bool {
    n.fract() == 0.0 && n.abs() < 1e21
}

/// A number as JSON output writes it (JavaScript's `toString`); `null` when not finite.
pub fn number_text(n: f64) -> String {
    let mut out = String::new();
    write_number(&mut out, n);
    out
}

/// Writes numbers as JavaScript's `Number.prototype.toString` does (the server's
/// language), so every host and the CLI print the same bytes: `1e21`, `100000000000000000000`,
/// `1e-7`, `0.000001`. Everything else is serde_json's compact or pretty output.
struct JsNumbers<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for JsNumbers<F> {
    fn write_f64<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        value: f64,
    ) -> std::io::Result<()> {
        let mut out = String::new();
        write_number(&mut out, value);
        writer.write_all(out.as_bytes())
    }

    fn write_f32<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        value: f32,
    ) -> std::io::Result<()> {
        self.write_f64(writer, f64::from(value))
    }

    fn write_null<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.write_null(w)
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Compact JSON text of anything serializable, numbers written as JavaScript writes them.
pub fn to_json_string<T: serde::Serialize + ?Sized>(value: &T) -> String {
    write_with(value, JsNumbers(serde_json::ser::CompactFormatter))
}

/// Indented JSON text, numbers written as JavaScript writes them.
pub fn to_json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> String {
    write_with(value, JsNumbers(serde_json::ser::PrettyFormatter::new()))
}

fn write_with<T, F>(value: &T, formatter: F) -> String
where
    T: serde::Serialize + ?Sized,
    F: serde_json::ser::Formatter,
{
    let mut bytes = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, formatter);
    if value.serialize(&mut serializer).is_err() {
        return String::from("null");
    }
    String::from_utf8(bytes).unwrap_or_else(|_| String::from("null"))
}

/// Writes a number as JavaScript's `Number.prototype.toString` does.
pub(crate) fn write_number(out: &mut String, n: f64) {
    if !n.is_finite() {
        out.push_str("null");
        return;
    }
    if n == 0.0 {
        out.push('0');
        return;
    }
    // ryu (already linked by serde_json) gives the shortest round-trip digits, as
    // "1.5", "100.0", "1e20" or "1.2345e-7"; read them as digits and a decimal point.
    let mut buffer = ryu::Buffer::new();
    let shortest = buffer.format_finite(n.abs());
    let (mantissa, exponent) = shortest.split_once('e').unwrap_or((shortest, "0"));
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let mut digits = String::with_capacity(whole.len() + fraction.len());
    digits.push_str(whole);
    digits.push_str(fraction);
    let mut point = i32::try_from(whole.len()).unwrap_or(0) + exponent; // digits before the point
    let leading =
        (digits.len() - digits.trim_start_matches('0').len()).min(digits.len().saturating_sub(1));
    digits.drain(..leading);
    point -= i32::try_from(leading).unwrap_or(0);
    let trimmed = digits
        .bytes()
        .rposition(|b| b != b'0')
        .map_or(0, |i| i + 1)
        .max(1);
    digits.truncate(trimmed);
    let k = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    if n < 0.0 {
        out.push('-');
    }
    if k <= point && point <= 21 {
        out.push_str(&digits);
        for _ in k..point {
            out.push('0');
        }
    } else if 0 < point && point <= 21 {
        let split = usize::try_from(point).unwrap_or(0);
        out.push_str(digits.get(..split).unwrap_or(""));
        out.push('.');
        out.push_str(digits.get(split..).unwrap_or(""));
    } else if -6 < point && point <= 0 {
        out.push_str("0.");
        for _ in point..0 {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        out.push_str(digits.get(..1).unwrap_or(""));
        if digits.len() > 1 {
            out.push('.');
            out.push_str(digits.get(1..).unwrap_or(""));
        }
        let e = point - 1;
        out.push('e');
        out.push(if e < 0 { '-' } else { '+' });
        push_decimal(out, u64::from(e.unsigned_abs()));
    }
}

/// An integer's decimal digits, without `core::fmt`.
fn push_integer(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let mut rest = n.unsigned_abs();
    let mut digits = [b'0'; 20];
    let mut len = 0;
    for digit in digits.iter_mut().rev() {
        *digit = b'0' + (rest % 10) as u8;
        rest /= 10;
        len += 1;
        if rest == 0 {
            break;
        }
    }
    let digits = digits.get(digits.len() - len..).unwrap_or_default();
    out.extend(digits.iter().map(|&d| char::from(d)));
}

/// The decimal digits of `n`, without `core::fmt`.
pub(crate) fn push_decimal(out: &mut String, n: u64) {
    if n >= 10 {
        push_decimal(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Object;

    #[test]
    fn writes_numbers_like_javascript() {
        let cases = [
            (12.0, "12"),
            (-0.0, "0"),
            (1.5, "1.5"),
            (-2.25, "-2.25"),
            (1e20, "100000000000000000000"),
            (1e21, "1e+21"),
            (1.5e300, "1.5e+300"),
            (0.1, "0.1"),
            (0.000001, "0.000001"),
            (0.000694, "0.000694"),
            (0.016667, "0.016667"),
            (100.0, "100"),
            (1234.5, "1234.5"),
            (1e-7, "1e-7"),
            (1.2345e-7, "1.2345e-7"),
            (123456.789, "123456.789"),
            (9007199254740993.0, "9007199254740992"),
            (f64::MAX, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (-2.5e-100, "-2.5e-100"),
        ];
        for (n, expected) in cases {
            let mut s = String::new();
            write_number(&mut s, n);
            assert_eq!(s, expected, "{n:e}");
        }
        assert_eq!(
            Value::from(vec![Value::Number(1e20), Value::Number(2.5)]).to_json(),
            "[100000000000000000000,2.5]"
        );
        assert_eq!(Value::str("a\"\n\u{1}").to_json(), r#""a\"\n\u0001""#);
    }

    #[test]
    fn integers_end_where_the_hosts_expect() {
        assert_eq!(integral(12.0), Some(12));
        assert_eq!(integral(-0.0), Some(0));
        assert_eq!(integral(-3.0), Some(-3));
        assert_eq!(integral(1.5), None);
        assert_eq!(
            integral(8_999_999_999_999_998.0),
            Some(8_999_999_999_999_998)
        );
        assert_eq!(integral(9.0e15), None);
        assert_eq!(integral(-9.0e15), None);
        assert!(written_as_integer(1e20));
        assert!(written_as_integer(-1e20));
        assert!(!written_as_integer(1e21));
        assert!(!written_as_integer(-1e21));
        assert!(!written_as_integer(2.5));
        assert_eq!(number_text(f64::NAN), "null");
        assert_eq!(number_text(1e21), "1e+21");
    }

    fn any_value() -> impl proptest::strategy::Strategy<Value = Value<'static>> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            Just(Value::Foreign(crate::Foreign::Undefined)),
            any::<bool>().prop_map(Value::Bool),
            any::<f64>().prop_map(Value::Number),
            (-1e22..1e22f64).prop_map(|n| Value::Number(n.trunc())),
            any::<i32>().prop_map(|n| Value::Number(f64::from(n))),
            any::<String>().prop_map(Value::str),
            "[\\x00-\\x7f\"\\\\]{0,12}".prop_map(Value::str),
            // Long enough for runs of eight bytes at a time around the escapes.
            "([ -~]{0,9}[\\x00-\\x1f\"\\\\]){0,4}[ -~]{0,20}".prop_map(Value::str),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::vec(("[\\x00-\\x7f]{0,6}|\\PC{0,4}", inner), 0..6).prop_map(
                    |entries| {
                        let mut object = Object::new();
                        for (key, value) in entries {
                            object.insert(key, value);
                        }
                        Value::Object(object)
                    }
                ),
            ]
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2048, failure_persistence: None, ..Default::default() })]

        /// The core's writer against serde_json's with the JavaScript numbers: the same
        /// bytes for any value (escapes, control characters, any double, nesting).
        #[test]
        fn the_writer_writes_what_serde_json_writes(value in any_value()) {
            proptest::prop_assert_eq!(value.to_json(), to_json_string(&value));
        }
    }

    #[test]
    fn strings_are_escaped_like_serde_json() {
        let every_ascii: String = (0u8..0x80).map(char::from).collect();
        for text in [every_ascii.as_str(), "\u{7f}\u{80}\u{2028}é😀\\\"", ""] {
            let value = Value::str(text);
            assert_eq!(value.to_json(), to_json_string(&value));
        }
        assert_eq!(
            Value::str("\u{8}\u{c}\n\r\t\u{1f}\u{0}").to_json(),
            r#""\b\f\n\r\t\u001f\u0000""#
        );
    }

    #[test]
    fn every_formatter_step_writes_what_serde_json_writes() {
        let value =
            crate::json::parse(r#"{"a":[1,2.5,null],"b":{},"c":[],"d":{"e":true}}"#).unwrap();
        assert_eq!(
            to_json_string(&value),
            r#"{"a":[1,2.5,null],"b":{},"c":[],"d":{"e":true}}"#
        );
        assert_eq!(
            to_json_pretty(&value),
            "{\n  \"a\": [\n    1,\n    2.5,\n    null\n  ],\n  \"b\": {},\n  \"c\": [],\n  \"d\": {\n    \"e\": true\n  }\n}"
        );
        assert_eq!(
            to_json_string(&[0.5f32, 1e21f32]),
            "[0.5,1.0000000200408773e+21]"
        );
    }
}
