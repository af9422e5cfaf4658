//! JSON output: serde's writer with numbers printed as JavaScript prints them.

use super::Value;

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
    let trimmed = digits.trim_end_matches('0').len().max(1);
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
        push_decimal(out, e.unsigned_abs());
    }
}

/// The decimal digits of `n`, without `core::fmt` (an exponent has at most three).
fn push_decimal(out: &mut String, n: u32) {
    if n >= 10 {
        push_decimal(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

#[cfg(test)]
mod tests {
    use super::*;

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
