//! Decimal text to the nearest `f64`, the way `JSON.parse` reads a number: rounded to
//! nearest with ties to even, ±Infinity beyond the double range, ±0 below it.
//!
//! Why not `str::parse::<f64>`: its table of 651 powers of five and the code around it
//! were about 12 KB of the gzipped browser module. This parser needs 23 exact powers of
//! ten. Almost every number in a body takes the exact fast path (at most 2^53 as an
//! integer, at most 22 powers of ten: one correctly rounded multiplication or division).
//! The rest (long digit strings, large or tiny exponents) start from an estimate a few
//! units in the last place off, then step to the right double by comparing the exact
//! value with the halfway points between doubles, in big integers built on demand.

use core::cmp::Ordering;

/// The powers of ten a double holds exactly.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];
const MAX_EXACT_POWER: i64 = 22;
/// Integers up to this are exact doubles.
const MAX_EXACT_INTEGER: u64 = 1 << 53;
/// Digits read into the estimate's integer (10^19 < 2^64).
const ESTIMATE_DIGITS: usize = 19;
/// Significant digits kept for the exact comparison. A halfway point between two doubles
/// has at most 767 significant digits, so the digits after the first 800 only tell
/// whether the value is above the digits kept: one sticky digit says that.
const MAX_DIGITS: usize = 800;
/// Bits of a positive double that are +Infinity; the step after the largest double.
const INFINITY_BITS: u64 = 0x7ff0_0000_0000_0000;

/// The number in `text`: `-? digit+ ( . digit* )? ( [eE] [+-]? digit+ )?`, which is
/// JSON's grammar with leading zeros and a bare trailing dot allowed, the same as
/// `str::parse::<f64>` accepts for text that starts with a digit (after the sign).
/// `None` when the text is not of that form.
pub(crate) fn parse_decimal(text: &[u8]) -> Option<f64> {
    let (negative, rest) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let integer_len = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if integer_len == 0 {
        return None;
    }
    let (integer, rest) = rest.split_at(integer_len);
    let (fraction, rest) = match rest.split_first() {
        Some((b'.', after_dot)) => {
            let fraction_len = after_dot.iter().take_while(|b| b.is_ascii_digit()).count();
            after_dot.split_at(fraction_len)
        }
        _ => (&[][..], rest),
    };
    let exponent = match rest.split_first() {
        None => 0,
        Some((b'e' | b'E', exponent)) => read_exponent(exponent)?,
        Some(_) => return None,
    };
    let magnitude = Decimal::new(integer, fraction, exponent).to_f64();
    Some(if negative { -magnitude } else { magnitude })
}

/// `[+-]? digit+`, saturating far beyond any exponent that still matters.
fn read_exponent(text: &[u8]) -> Option<i64> {
    let (negative, digits) = match text.split_first() {
        Some((b'-', digits)) => (true, digits),
        Some((b'+', digits)) => (false, digits),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let value = digits.iter().fold(0i64, |n, d| {
        n.saturating_mul(10).saturating_add(i64::from(d - b'0'))
    });
    Some(if negative { -value } else { value })
}

/// The digits of a number without its sign: value = `digits` × 10^`exponent`, where
/// `digits` are the integer and fraction digits read as one integer.
struct Decimal<'a> {
    integer: &'a [u8],
    fraction: &'a [u8],
    exponent: i64,
}

impl<'a> Decimal<'a> {
    fn new(integer: &'a [u8], fraction: &'a [u8], exponent: i64) -> Self {
        let fraction_len = i64::try_from(fraction.len()).unwrap_or(i64::MAX);
        Decimal {
            integer,
            fraction,
            exponent: exponent.saturating_sub(fraction_len),
        }
    }

    /// The significant digits: from the first non-zero one.
    fn significant(&self) -> impl Iterator<Item = u8> + 'a {
        self.integer
            .iter()
            .chain(self.fraction)
            .map(|d| d - b'0')
            .skip_while(|&d| d == 0)
    }

    fn to_f64(&self) -> f64 {
        // The first 19 significant digits, how many there are, and whether a non-zero
        // digit comes after them.
        let mut leading = 0u64;
        let mut taken = 0usize;
        let mut count = 0usize;
        let mut inexact = false;
        for d in self.significant() {
            if taken < ESTIMATE_DIGITS {
                leading = leading * 10 + u64::from(d);
                taken += 1;
            } else if d != 0 {
                inexact = true;
            }
            count += 1;
        }
        if leading == 0 {
            return 0.0;
        }
        let count = i64::try_from(count).unwrap_or(i64::MAX);
        let taken_i64 = i64::try_from(taken).unwrap_or(0);
        // value ≈ leading × 10^leading_exponent, exactly so unless `inexact`.
        let leading_exponent = self
            .exponent
            .saturating_add(count)
            .saturating_sub(taken_i64);
        if !inexact {
            if let Some(exact) = exact_fast_path(leading, leading_exponent) {
                return exact;
            }
        }
        // The value lies in [10^(count - 1 + exponent), 10^(count + exponent)).
        if count.saturating_sub(1).saturating_add(self.exponent) >= 309 {
            // ≥ 1e309, beyond the halfway point between the largest double and 2^1024.
            return f64::INFINITY;
        }
        if count.saturating_add(self.exponent) <= -324 {
            // < 1e-324, below half the smallest subnormal (2^-1075 ≈ 2.47e-324).
            return 0.0;
        }
        let estimate = estimate(leading, leading_exponent);
        self.round_exactly(estimate)
    }

    /// From `estimate` (a few units in the last place off at most), the double nearest
    /// to the exact value, ties to even.
    fn round_exactly(&self, estimate: f64) -> f64 {
        let exact = ExactValue::new(self);
        let mut bits = estimate.to_bits().min(INFINITY_BITS);
        loop {
            let odd = bits & 1 == 1;
            if bits < INFINITY_BITS {
                let above = exact.cmp_halfway_above(bits);
                if above == Ordering::Greater || (above == Ordering::Equal && odd) {
                    bits += 1;
                    continue;
                }
            }
            if bits > 0 {
                let below = exact.cmp_halfway_above(bits - 1);
                if below == Ordering::Less || (below == Ordering::Equal && odd) {
                    bits -= 1;
                    continue;
                }
            }
            return f64::from_bits(bits);
        }
    }
}

/// Clinger's fast path: an integer a double holds exactly, times or divided by a power
/// of ten a double holds exactly, is one correctly rounded operation.
fn exact_fast_path(mut leading: u64, mut exponent: i64) -> Option<f64> {
    if leading > MAX_EXACT_INTEGER {
        // `1.500000000000000000`: trailing zeros made the integer long.
        while leading % 10 == 0 {
            leading /= 10;
            exponent = exponent.saturating_add(1);
        }
        if leading > MAX_EXACT_INTEGER {
            return None;
        }
    }
    // `12e30`: move powers of ten into the integer while it stays exact.
    while exponent > MAX_EXACT_POWER {
        leading = leading
            .checked_mul(10)
            .filter(|&n| n <= MAX_EXACT_INTEGER)?;
        exponent -= 1;
    }
    let value = leading as f64;
    let power = |e: i64| {
        usize::try_from(e)
            .ok()
            .and_then(|e| EXACT_POWERS_OF_TEN.get(e).copied())
    };
    if exponent >= 0 {
        Some(value * power(exponent)?)
    } else {
        Some(value / power(exponent.saturating_neg())?)
    }
}

/// `leading` × 10^`exponent` in doubles: each step rounds once, so the result is within a
/// few units in the last place (exponent within -343..=309 here: at most 17 steps).
fn estimate(leading: u64, mut exponent: i64) -> f64 {
    let mut value = leading as f64;
    let largest = 1e22;
    while exponent > MAX_EXACT_POWER && value.is_finite() {
        value *= largest;
        exponent -= MAX_EXACT_POWER;
    }
    while exponent < -MAX_EXACT_POWER && value != 0.0 {
        value /= largest;
        exponent += MAX_EXACT_POWER;
    }
    let power = usize::try_from(exponent.unsigned_abs())
        .ok()
        .and_then(|e| EXACT_POWERS_OF_TEN.get(e).copied())
        .unwrap_or(1.0);
    if exponent >= 0 {
        value * power
    } else {
        value / power
    }
}

/// The exact value `digits` × 10^`exponent` as the ratio `numerator` / `denominator`
/// × 2^`exponent`, with the powers of five in big integers.
struct ExactValue {
    /// digits × 5^exponent when the exponent is positive, else the digits.
    numerator: Big,
    /// 5^-exponent when the exponent is negative, else 1.
    denominator: Big,
    exponent: i64,
}

impl ExactValue {
    fn new(decimal: &Decimal) -> Self {
        let mut digits = Big::from_u32(0);
        let mut kept = 0usize;
        let mut dropped = 0i64;
        let mut sticky = false;
        let mut chunk = 0u32;
        let mut chunk_len = 0u32;
        for d in decimal.significant() {
            if kept < MAX_DIGITS {
                chunk = chunk * 10 + u32::from(d);
                chunk_len += 1;
                kept += 1;
                if chunk_len == 9 {
                    digits.mul_add_small(1_000_000_000, chunk);
                    (chunk, chunk_len) = (0, 0);
                }
            } else {
                sticky |= d != 0;
                dropped += 1;
            }
        }
        digits.mul_add_small(10u32.pow(chunk_len), chunk);
        let mut exponent = decimal.exponent.saturating_add(dropped);
        if sticky {
            // Stands for the non-zero digits dropped: above every halfway point the kept
            // digits are at or below.
            digits.mul_add_small(10, 1);
            exponent -= 1;
        }
        let mut numerator = digits;
        let mut denominator = Big::from_u32(1);
        if exponent >= 0 {
            numerator.mul_pow5(exponent);
        } else {
            denominator.mul_pow5(-exponent);
        }
        ExactValue {
            numerator,
            denominator,
            exponent,
        }
    }

    /// The exact value against the halfway point between the positive double with `bits`
    /// and the next one up: (2m + 1) × 2^(e - 1) for the double m × 2^e.
    fn cmp_halfway_above(&self, bits: u64) -> Ordering {
        let biased = i64::try_from(bits >> 52).unwrap_or(0);
        let fraction = bits & ((1 << 52) - 1);
        let (mantissa, binary_exponent) = if biased == 0 {
            (fraction, -1074)
        } else {
            (fraction | (1 << 52), biased - 1075)
        };
        let mut halfway = self.denominator.clone();
        halfway.mul_u64(2 * mantissa + 1);
        let mut value = self.numerator.clone();
        // value × 2^exponent against halfway × 2^(binary_exponent - 1).
        let shift = self.exponent - (binary_exponent - 1);
        if shift >= 0 {
            value.shl(shift.unsigned_abs());
        } else {
            halfway.shl(shift.unsigned_abs());
        }
        value.cmp(&halfway)
    }
}

/// A non-negative big integer: 32-bit limbs, least significant first, no high zero limbs.
#[derive(Clone, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn from_u32(n: u32) -> Self {
        let mut big = Big(vec![n]);
        big.trim();
        big
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    /// self = self × factor + addend.
    fn mul_add_small(&mut self, factor: u32, addend: u32) {
        let mut carry = u64::from(addend);
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
        self.trim();
    }

    fn mul_u64(&mut self, factor: u64) {
        let low = factor as u32;
        let high = (factor >> 32) as u32;
        let mut upper = self.clone();
        self.mul_add_small(low, 0);
        if high != 0 {
            upper.mul_add_small(high, 0);
            upper.shl(32);
            self.add(&upper);
        }
    }

    fn mul_pow5(&mut self, mut exponent: i64) {
        const FIVE_TO_THE_13: u32 = 1_220_703_125;
        while exponent >= 13 {
            self.mul_add_small(FIVE_TO_THE_13, 0);
            exponent -= 13;
        }
        let rest = u32::try_from(exponent).unwrap_or(0);
        self.mul_add_small(5u32.pow(rest), 0);
    }

    fn add(&mut self, other: &Big) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        let mut carry = 0u64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let sum = u64::from(*limb) + u64::from(other.0.get(i).copied().unwrap_or(0)) + carry;
            *limb = sum as u32;
            carry = sum >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    fn shl(&mut self, bits: u64) {
        if self.0.is_empty() {
            return;
        }
        let limbs = usize::try_from(bits / 32).unwrap_or(0);
        let bits = (bits % 32) as u32;
        if bits != 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let shifted = (u64::from(*limb) << bits) | u64::from(carry);
                *limb = shifted as u32;
                carry = (shifted >> 32) as u32;
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        if limbs > 0 {
            // A new vector rather than `splice`, whose drain-and-fill code is larger.
            let mut shifted = vec![0; limbs];
            shifted.extend_from_slice(&self.0);
            self.0 = shifted;
        }
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The standard library's parser is the reference: correctly rounded, ties to even.
    /// It also reads `+1`, `.5` and `inf`, which start without a digit: those are not
    /// numbers here.
    fn agrees(text: &str) {
        let ours = parse_decimal(text.as_bytes()).map(f64::to_bits);
        let unsigned = text.strip_prefix('-').unwrap_or(text);
        let reference = match unsigned.bytes().next() {
            Some(b'0'..=b'9') => text.parse::<f64>().ok().map(f64::to_bits),
            _ => None,
        };
        assert_eq!(ours, reference, "{text}");
    }

    /// Exact decimal digits of `mantissa` × 2^`exponent` (base-10 digit arithmetic,
    /// independent of the parser's base-2^32 big integers), as `digits` and the power of
    /// ten of the last one.
    fn exact_decimal(mantissa: u64, exponent: i64) -> (String, i64) {
        let mut digits: Vec<u8> = mantissa.to_string().bytes().map(|b| b - b'0').collect();
        let times = |digits: &mut Vec<u8>, factor: u8| {
            let mut carry = 0u32;
            for d in digits.iter_mut().rev() {
                let n = u32::from(*d) * u32::from(factor) + carry;
                *d = (n % 10) as u8;
                carry = n / 10;
            }
            while carry > 0 {
                digits.insert(0, (carry % 10) as u8);
                carry /= 10;
            }
        };
        // m × 2^e = m × 2^e, or m × 5^-e / 10^-e.
        let (factor, steps) = if exponent >= 0 {
            (2, exponent)
        } else {
            (5, -exponent)
        };
        for _ in 0..steps {
            times(&mut digits, factor);
        }
        let text = digits.iter().map(|d| char::from(b'0' + d)).collect();
        (text, exponent.min(0))
    }

    /// The halfway point between the positive double with `bits` and the next one up.
    fn halfway_above(bits: u64) -> (String, i64) {
        let biased = (bits >> 52) as i64;
        let fraction = bits & ((1 << 52) - 1);
        let (m, e) = if biased == 0 {
            (fraction, -1074)
        } else {
            (fraction | (1 << 52), biased - 1075)
        };
        exact_decimal(2 * m + 1, e - 1)
    }

    /// Texts around the halfway point above `bits`: on it, just below, just above, and
    /// the same with a long tail of zeros and with a far-away non-zero digit.
    fn around_halfway(bits: u64) -> Vec<String> {
        let (digits, exponent) = halfway_above(bits);
        let mut below = digits.clone().into_bytes();
        // The halfway point's last digit is 5 (or it is an even integer): lower it.
        let last = below.len() - 1;
        if below[last] > b'0' {
            below[last] -= 1;
        }
        let below = String::from_utf8(below).unwrap();
        vec![
            format!("{digits}e{exponent}"),
            format!("{below}9999e{}", exponent - 4),
            format!("{digits}0001e{}", exponent - 4),
            format!("{digits}{}e{}", "0".repeat(900), exponent - 900),
            format!("{digits}{}1e{}", "0".repeat(900), exponent - 901),
            format!("{below}{}e{}", "9".repeat(900), exponent - 900),
            format!(
                "0.{digits}e{}",
                exponent + i64::try_from(digits.len()).unwrap()
            ),
        ]
    }

    #[test]
    fn big_integers_keep_no_high_zero_limbs() {
        // Ord compares lengths first: a high zero limb would make zero look larger than one.
        assert!(Big::from_u32(0).0.is_empty());
        let mut product = Big(vec![5, 7]);
        product.mul_add_small(0, 0);
        assert!(product.0.is_empty());
        assert!(product < Big::from_u32(1));
    }

    #[test]
    fn edges_agree_with_the_standard_parser() {
        for text in [
            "0", "-0", "0.0", "-0.0", "0e0", "0e999999999999999999999", "-0e-5", "1", "-1",
            "1.", "1.e5", "00012", "1e22", "1e23", "9007199254740993", "9007199254740992",
            "9007199254740991.5", "123456789012345678901234567890", "0.1", "0.2", "0.3",
            "1.5000000000000000000000000", "2.2250738585072011e-308",
            "2.2250738585072014e-308", "2.225073858507201136057409796709131975934819546351645",
            "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
            "2.47032822920623272088284396434110686182529901307162382212792841250337753635104375932649918180817996189898282347722858865463328355177969898199387398005390939063150356595155702263922908583924491051844359318028499365361525003193704576782492193656236698636584807570015857692699037063119282795585513329278343384093519780155312465972635795746227664652728272200563740064854999770965994704540208281662262378573934507363390079677619305775067401763246736009689513405355374585166611342237666786041621596804619144672918403005300575308490487653917113865916462395249126236538818796362393732804238910186723484976682350898633885879256283027559956575244555072551893136908362547791869486679949683240497058210285131854513962138377228261454376934125320985913276672363281255", "1e-324", "3e-324", "1e-400",
            "1e400", "-1e400", "1.7976931348623157e308", "1.7976931348623158e308",
            "1.7976931348623159e308", "179769313486231580793728971405301e276",
            "1e308", "1e309", "12e306", "1e-307", "1e-323", "8.98846567431158e307",
            "1e99999999999999999999", "1e-99999999999999999999", "1e+5", "1E5", "1e-5",
            "123.456e-2", "0.000000000000000000000000000000000000001",
            "100000000000000000000000000000000000000e-38", "1e", "1e+", "1.2.3", "-", "",
            ".5", "1-2", "1e5e5", "1ee5", "+1", "--1", "1x", "1e5.0", "0x10",
            "18446744073709551615", "18446744073709551616", "1844674407370955161500",
            "7.2057594037927933e16", "3.0000000000000004", "9.999999999999999e22",
            "1e-22", "1e-23", "4503599627370496.5", "4503599627370497.5",
        ] {
            agrees(text);
        }
    }

    #[test]
    fn digits_after_the_nineteenth_decide_a_tie() {
        // 2000000000000001 × 10 is halfway between two doubles: the tie goes to even,
        // a digit far behind it goes up.
        agrees("20000000000000010");
        agrees("20000000000000010.0001");
        agrees("20000000000000010.001");
        agrees("20000000000000010.00000000000000000000000000001");
        agrees("20000000000000009.9999");
        for above in ["20000000000000010.0001", "20000000000000010.001"] {
            assert_ne!(
                parse_decimal(b"20000000000000010"),
                parse_decimal(above.as_bytes())
            );
        }
    }

    #[test]
    fn the_fast_path_takes_what_a_double_holds_exactly() {
        assert_eq!(exact_fast_path(1 << 53, 0), Some(9_007_199_254_740_992.0));
        assert_eq!(exact_fast_path((1 << 53) + 1, 0), None);
        assert_eq!(exact_fast_path(15_000_000_000_000_000, -16), Some(1.5));
        assert_eq!(
            exact_fast_path(90_071_992_547_409_920, 0),
            Some(90_071_992_547_409_920.0)
        );
        assert_eq!(exact_fast_path(90_071_992_547_409_930, 0), None);
        assert_eq!(exact_fast_path(3, 22), Some(3e22));
        assert_eq!(exact_fast_path(3, -22), Some(3e-22));
        assert_eq!(exact_fast_path(3, 37), Some(3e37));
        assert_eq!(exact_fast_path(3, -23), None);
        assert_eq!(exact_fast_path(1 << 52, 23), None);
    }

    #[test]
    fn the_estimate_is_close() {
        for (leading, exponent, exact) in [
            (
                17_976_931_348_623_157u64,
                292,
                1.797_693_134_862_315_7e308f64,
            ),
            (49_406_564_584_124_654, -341, 5e-324),
            (1, 0, 1.0),
            (123, -300, 123e-300),
            (7, 100, 7e100),
        ] {
            let ulps = estimate(leading, exponent)
                .to_bits()
                .abs_diff(exact.to_bits());
            assert!(ulps <= 16, "{leading}e{exponent}: {ulps} units off");
        }
    }

    #[test]
    fn long_digit_strings_agree() {
        for (digits, exponent) in [(1, 0), (5, -3), (1000, -1000), (1200, -1500), (3000, 0)] {
            let long = "7".repeat(digits);
            agrees(&format!("{long}e{exponent}"));
            agrees(&format!("0.{}{long}", "0".repeat(digits)));
            agrees(&format!("{long}.{long}"));
        }
        agrees(&format!("1{}e-1000", "0".repeat(1000)));
        agrees(&format!("1{}1e-1001", "0".repeat(1000)));
    }

    #[test]
    fn halfway_points_of_chosen_doubles_agree() {
        for bits in [
            0,
            1,
            2,
            (1 << 52) - 1,
            1 << 52,
            (1 << 52) + 1,
            0x3ff0_0000_0000_0000,
            0x3fef_ffff_ffff_ffff,
            0x4340_0000_0000_0000,
            0x7fef_ffff_ffff_fffe,
            0x7fef_ffff_ffff_ffff,
        ] {
            for text in around_halfway(bits) {
                agrees(&text);
            }
        }
    }

    #[test]
    fn the_json_parser_reads_numbers_with_it() {
        let text = "[0.1, 1e400, -2.4703282292062328e-324, 1.7976931348623159e308]";
        let value = crate::json::parse(text).unwrap();
        let Value::Array(items) = value else {
            panic!("not an array")
        };
        let bits: Vec<u64> = items
            .iter()
            .map(|v| v.as_f64().unwrap().to_bits())
            .collect();
        assert_eq!(
            bits,
            [0.1f64, f64::INFINITY, -5e-324, f64::INFINITY].map(f64::to_bits)
        );
    }
    use crate::json::Value;

    /// 2,000 cases each, unless PROPTEST_CASES asks for another number (mutation runs
    /// ask for fewer).
    fn config() -> ProptestConfig {
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|cases| cases.parse().ok())
            .unwrap_or(2000);
        ProptestConfig::with_cases(cases)
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn random_decimals_agree(
            text in "-?[0-9]{1,25}(\\.[0-9]{0,25})?([eE][+-]?[0-9]{1,3})?"
        ) {
            agrees(&text);
        }

        #[test]
        fn random_texts_of_number_characters_agree(text in "-?[0-9][0-9.eE+-]{0,12}") {
            agrees(&text);
        }

        #[test]
        fn every_double_printed_reads_back(bits in 0u64..INFINITY_BITS, digits in 0usize..30) {
            let x = f64::from_bits(bits);
            agrees(&format!("{x:e}"));
            agrees(&format!("{x:.digits$e}"));
            agrees(&format!("-{x:.digits$e}"));
            agrees(&format!("{x}"));
        }

        #[test]
        fn halfway_points_of_random_doubles_agree(bits in 0u64..INFINITY_BITS) {
            for text in around_halfway(bits) {
                agrees(&text);
            }
        }

        #[test]
        fn subnormal_and_overflow_borders_agree(
            bits in prop_oneof![0u64..(1 << 53), (INFINITY_BITS - (1 << 52))..INFINITY_BITS]
        ) {
            for text in around_halfway(bits) {
                agrees(&text);
            }
        }
    }
}
