//! The text parser for the fast path.
//!
//! It follows `JSON.parse`, reports the line and column of a syntax error, and never
//! recurses deeper than [`MAX_DEPTH`]: anything nested deeper is skipped iteratively and
//! left as a [`Foreign::TooDeep`] marker, so the validator reports it at its path.

use std::borrow::Cow;
use std::fmt;

use super::{Foreign, Object, Value};

/// Deepest nesting the core builds. The deepest path the schema knows is six levels
/// (`custom_sync_schedule/interval/MONDAY/slots/0/start`), so 64 leaves room for any
/// honest body while keeping every recursive walk far from the stack limit.
pub const MAX_DEPTH: usize = 64;

/// Objects up to this size are de-duplicated by a linear scan on insert; larger ones by
/// sorting once when they close, so a million-key object stays `O(n log n)`.
const LINEAR_DEDUP_LIMIT: usize = 16;

/// Why the text is not a JSON body, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub reason: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.reason, self.line, self.column
        )
    }
}

impl std::error::Error for ParseError {}

/// Parses JSON text (a leading byte-order mark is skipped).
pub fn parse(text: &str) -> Result<Value<'_>, ParseError> {
    parse_with(text, false)
}

/// Parses the text a host converter wrote from a value of its own language: JSON, where
/// a value JSON cannot hold is `!` and the [`Foreign::tag`] letter (`!n` is NaN). Never
/// for text a caller gave: `!` is not JSON.
pub fn parse_host(text: &str) -> Result<Value<'_>, ParseError> {
    parse_with(text, true)
}

fn parse_with(text: &str, host: bool) -> Result<Value<'_>, ParseError> {
    let mut parser = Parser::at_start(text, host);
    let value = parser.value(0).map_err(|e| parser.error(e))?;
    parser.skip_ws();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error(Failure::at(parser.pos, "unexpected text after the body")));
    }
    Ok(value)
}

/// Parses JSON bytes, which must be UTF-8.
pub fn parse_bytes(bytes: &[u8]) -> Result<Value<'_>, ParseError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(e) => {
            // The bytes before the error are UTF-8 by definition of `valid_up_to`.
            let valid = bytes.get(..e.valid_up_to()).unwrap_or(&[]);
            let text = std::str::from_utf8(valid).unwrap_or_default();
            let (line, column) = line_column(text, text.len());
            Err(ParseError {
                line,
                column,
                reason: "invalid UTF-8",
            })
        }
    }
}

/// Bytes that end the plain run of a string: the closing quote, a backslash, a control character.
#[allow(clippy::indexing_slicing)] // const evaluation: a bad index fails the build
static STRING_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

#[inline]
pub(super) fn stops_string(b: u8) -> bool {
    STRING_STOP.get(usize::from(b)).copied().unwrap_or(true)
}

/// Where the plain run at the start of `bytes` ends: the first byte that stops a string
/// (the bytes JSON escapes: the writer's `write_str` finds them with this too).
/// Eight bytes at a time (feature `speed`), since a body is mostly string bytes; the
/// browser module keeps the byte loop, which is smaller.
#[inline]
pub(super) fn plain_run(bytes: &[u8]) -> Option<usize> {
    #[cfg(feature = "speed")]
    {
        const ONES: u64 = u64::from_le_bytes([0x01; 8]);
        const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
        // The high bit of each byte of `x - ONES & !x` that is zero is set; a set bit
        // above one may be a borrow's, so only the lowest is read.
        let zero_bytes = |x: u64| x.wrapping_sub(ONES) & !x;
        let mut at = 0;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in chunks.by_ref() {
            let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
            let stops = (zero_bytes(word ^ (ONES * u64::from(b'"')))
                | zero_bytes(word ^ (ONES * u64::from(b'\\')))
                | (word.wrapping_sub(ONES * 0x20) & !word))
                & HIGHS;
            if stops != 0 {
                return Some(at + stops.trailing_zeros() as usize / 8);
            }
            at += 8;
        }
        chunks
            .remainder()
            .iter()
            .position(|&b| stops_string(b))
            .map(|n| at + n)
    }
    #[cfg(not(feature = "speed"))]
    {
        bytes.iter().position(|&b| stops_string(b))
    }
}

/// The members of the container that closes, from `base` on its stack. At the bottom of
/// the stack it takes the whole stack (`Vec::split_off(0)` would allocate the stack a new
/// buffer of the same size at once, which the next container may never need).
#[inline]
fn split_off<T>(stack: &mut Vec<T>, base: usize) -> Vec<T> {
    if base == 0 {
        std::mem::take(stack)
    } else {
        stack.split_off(base)
    }
}

struct Failure {
    offset: usize,
    reason: &'static str,
}

impl Failure {
    fn at(offset: usize, reason: &'static str) -> Self {
        Failure { offset, reason }
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Entries and items of the containers being read, shared by all of them so each
    /// container is allocated once, at its exact size, when it closes.
    entries: Vec<(Cow<'a, str>, Value<'a>)>,
    items: Vec<Value<'a>>,
    /// Set by `string` when the string it read holds an unpaired surrogate.
    lone_surrogate: bool,
    /// Host text: `!` and a letter is a value JSON cannot hold ([`parse_host`]).
    host: bool,
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    // Searching bytes, not chars, keeps the reverse string searcher out of the module.
    let line_start = before
        .bytes()
        .rposition(|b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

impl<'a> Parser<'a> {
    /// A parser at the first token of `text` (past a byte-order mark and blanks).
    fn at_start(text: &'a str, host: bool) -> Self {
        let mut parser = Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            entries: Vec::new(),
            items: Vec::new(),
            lone_surrogate: false,
            host,
        };
        if text.starts_with('\u{feff}') {
            parser.pos = '\u{feff}'.len_utf8();
        }
        parser.skip_ws();
        parser
    }

    fn error(&self, failure: Failure) -> ParseError {
        let mut offset = failure.offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let (line, column) = line_column(self.text, offset);
        ParseError {
            line,
            column,
            reason: failure.reason,
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline]
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect_literal(
        &mut self,
        literal: &'static [u8],
        value: Value<'a>,
    ) -> Result<Value<'a>, Failure> {
        if self.bytes.get(self.pos..self.pos + literal.len()) == Some(literal) {
            self.pos += literal.len();
            Ok(value)
        } else {
            Err(Failure::at(self.pos, "expected a JSON value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value<'a>, Failure> {
        match self.peek() {
            None => Err(Failure::at(self.pos, "unexpected end of input")),
            Some(b'{') if depth >= MAX_DEPTH => self.skip_nested(),
            Some(b'[') if depth >= MAX_DEPTH => self.skip_nested(),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let s = self.string()?;
                Ok(if self.lone_surrogate {
                    Value::Foreign(Foreign::LoneSurrogate)
                } else {
                    Value::String(s)
                })
            }
            Some(b't') => self.expect_literal(b"true", Value::Bool(true)),
            Some(b'f') => self.expect_literal(b"false", Value::Bool(false)),
            Some(b'n') => self.expect_literal(b"null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'!') if self.host => self.host_value(),
            Some(_) => Err(Failure::at(self.pos, "expected a JSON value")),
        }
    }

    fn host_value(&mut self) -> Result<Value<'a>, Failure> {
        let at = self.pos;
        let tag = self.bytes.get(at + 1).copied().unwrap_or(0);
        let value = match tag {
            b'n' => Value::Number(f64::NAN),
            _ => Value::Foreign(
                Foreign::from_tag(tag).ok_or_else(|| Failure::at(at, "expected a JSON value"))?,
            ),
        };
        self.pos += 2;
        Ok(value)
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>, Failure> {
        self.pos += 1; // '{'
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(Object::new()));
        }
        let base = self.entries.len();
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                let reason = if self.peek().is_none() {
                    "unexpected end of input"
                } else {
                    "expected a string key"
                };
                return Err(Failure::at(self.pos, reason));
            }
            let mut key = self.string()?;
            if self.lone_surrogate {
                // A key with a lone surrogate cannot be a key the schema knows; keep it readable.
                key = Cow::Borrowed("\u{fffd}");
            }
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(Failure::at(self.pos, "expected ':' after an object key"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value(depth + 1)?;
            let open = self.entries.get_mut(base..).unwrap_or(&mut []);
            let repeated = if open.len() < LINEAR_DEDUP_LIMIT {
                open.iter_mut().find(|(k, _)| *k == key)
            } else {
                None
            };
            match repeated {
                Some(entry) => entry.1 = value,
                None => self.entries.push((key, value)),
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                None => return Err(Failure::at(self.pos, "unexpected end of input")),
                Some(_) => return Err(Failure::at(self.pos, "expected ',' or '}' in an object")),
            }
        }
        let mut object = Object {
            entries: split_off(&mut self.entries, base),
        };
        if object.len() > LINEAR_DEDUP_LIMIT {
            object.dedup_sorted();
        }
        Ok(Value::Object(object))
    }

    fn array(&mut self, depth: usize) -> Result<Value<'a>, Failure> {
        self.pos += 1; // '['
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(Vec::new()));
        }
        let base = self.items.len();
        loop {
            self.skip_ws();
            let item = self.value(depth + 1)?;
            self.items.push(item);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(split_off(&mut self.items, base)));
                }
                None => return Err(Failure::at(self.pos, "unexpected end of input")),
                Some(_) => return Err(Failure::at(self.pos, "expected ',' or ']' in an array")),
            }
        }
    }

    /// Skips a too-deep object or array without recursion, still checking that it is
    /// well-formed JSON at the bracket and string level.
    fn skip_nested(&mut self) -> Result<Value<'a>, Failure> {
        let mut stack: Vec<u8> = Vec::new();
        loop {
            match self.peek() {
                None => return Err(Failure::at(self.pos, "unexpected end of input")),
                Some(open @ (b'{' | b'[')) => {
                    stack.push(if open == b'{' { b'}' } else { b']' });
                    self.pos += 1;
                }
                Some(close @ (b'}' | b']')) => {
                    if stack.pop() != Some(close) {
                        return Err(Failure::at(self.pos, "mismatched bracket"));
                    }
                    self.pos += 1;
                    if stack.is_empty() {
                        return Ok(Value::Foreign(Foreign::TooDeep));
                    }
                }
                Some(b'"') => {
                    self.string()?;
                    self.lone_surrogate = false;
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    /// Reads a string; sets `lone_surrogate` when it holds an unpaired surrogate.
    fn string(&mut self) -> Result<Cow<'a, str>, Failure> {
        self.lone_surrogate = false;
        let open = self.pos;
        self.pos += 1; // '"'
        let start = self.pos;
        // Fast path: no escapes, borrow the slice.
        let rest = self.bytes.get(start..).unwrap_or(&[]);
        match plain_run(rest) {
            None => return Err(Failure::at(open, "unterminated string")),
            Some(n) => {
                self.pos = start + n;
                match self.peek() {
                    Some(b'"') => {
                        let s = self.text.get(start..self.pos).unwrap_or("");
                        self.pos += 1;
                        return Ok(Cow::Borrowed(s));
                    }
                    Some(b'\\') => {}
                    _ => return Err(Failure::at(self.pos, "control character in a string")),
                }
            }
        }
        let mut owned = String::from(self.text.get(start..self.pos).unwrap_or(""));
        let mut lone_surrogate = false;
        loop {
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if stops_string(b) {
                    break;
                }
                self.pos += 1;
            }
            owned.push_str(self.text.get(run_start..self.pos).unwrap_or(""));
            match self.peek() {
                None => return Err(Failure::at(open, "unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    self.lone_surrogate = lone_surrogate;
                    return Ok(Cow::Owned(owned));
                }
                Some(b'\\') => {
                    let escape_at = self.pos;
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let unit = self.hex4(escape_at)?;
                            match unit {
                                0xD800..=0xDBFF => {
                                    // A high surrogate pairs with a directly following low one.
                                    let next_is_low = self.bytes.get(self.pos..self.pos + 2)
                                        == Some(b"\\u")
                                        && matches!(
                                            self.peek_hex4(self.pos + 2),
                                            Some(0xDC00..=0xDFFF)
                                        );
                                    if next_is_low {
                                        self.pos += 2;
                                        let low = self.hex4(escape_at)?;
                                        let code = 0x10000
                                            + ((u32::from(unit) - 0xD800) << 10)
                                            + (u32::from(low) - 0xDC00);
                                        owned.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                                    } else {
                                        lone_surrogate = true;
                                    }
                                }
                                0xDC00..=0xDFFF => lone_surrogate = true,
                                _ => owned
                                    .push(char::from_u32(u32::from(unit)).unwrap_or('\u{fffd}')),
                            }
                            continue;
                        }
                        None => return Err(Failure::at(open, "unterminated string")),
                        Some(_) => {
                            return Err(Failure::at(escape_at, "invalid escape in a string"))
                        }
                    };
                    owned.push(c);
                    self.pos += 1;
                }
                Some(_) => return Err(Failure::at(self.pos, "control character in a string")),
            }
        }
    }

    fn peek_hex4(&self, at: usize) -> Option<u16> {
        let digits = self.bytes.get(at..at + 4)?;
        let mut unit: u16 = 0;
        for &d in digits {
            let v = (d as char).to_digit(16)?;
            unit = unit * 16 + v as u16;
        }
        Some(unit)
    }

    fn hex4(&mut self, escape_at: usize) -> Result<u16, Failure> {
        match self.peek_hex4(self.pos) {
            Some(unit) => {
                self.pos += 4;
                Ok(unit)
            }
            None => Err(Failure::at(escape_at, "invalid \\u escape in a string")),
        }
    }

    fn number(&mut self) -> Result<Value<'a>, Failure> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(Failure::at(start, "invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(Failure::at(start, "invalid number"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(Failure::at(start, "invalid number"));
            }
            self.digits();
        }
        let literal = self.text.get(start..self.pos).unwrap_or("");
        // Most numbers in a body are small integers: read them without the float parser.
        let digits = literal.strip_prefix('-').unwrap_or(literal);
        if digits.len() <= 15 && digits.bytes().all(|b| b.is_ascii_digit()) {
            let magnitude = digits
                .bytes()
                .fold(0u64, |n, d| n * 10 + u64::from(d - b'0')) as f64;
            return Ok(Value::Number(if literal.starts_with('-') {
                -magnitude
            } else {
                magnitude
            }));
        }
        // Like JSON.parse, a literal beyond the double range becomes ±Infinity.
        super::parse_decimal(literal.as_bytes())
            .map(Value::Number)
            .ok_or_else(|| Failure::at(start, "invalid number"))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }
}

/// A body read member by member, for the structural pass's typed reading
/// (`validate::read_members`, feature `speed`): JSON or host text through `Cursor`, a
/// host's own values (a Python dict) through the host's reader. It walks the objects and
/// arrays whose shape the schema fixes without building them, and reads every other
/// value whole, exactly as the tree would hold it. Any method may give up (`false` or
/// `None`) on what it cannot read exactly as the tree does; the caller then reads the
/// body as a tree, which says what is wrong.
#[cfg(feature = "speed")]
pub trait Members<'a> {
    /// Enters the value that comes next when it is an object (`open` is `b'{'`) or an
    /// array (`b'['`); `false`, and nothing read, when it is not (or cannot be entered).
    fn open(&mut self, open: u8) -> bool;
    /// Whether another member follows in the container entered last (`first`: none
    /// read yet), leaving the container at its end (`close` is `b'}'` or `b']'`).
    fn more(&mut self, close: u8, first: bool) -> Option<bool>;
    /// The key of the member that follows, in an object. The typed reading only looks a
    /// key up (a key it does not know goes to the tree), so the key is borrowed from the
    /// reader for as long as that: a Python dict's key needs no keeping alive.
    fn key(&mut self) -> Option<Cow<'_, str>>;
    /// The value that comes next, read whole; `depth` as in [`parse`] (the root is 0).
    fn value(&mut self, depth: usize) -> Option<Value<'a>>;
    /// Whether nothing follows the body.
    fn at_end(&mut self) -> bool;
}

/// [`Members`] of JSON text, or of host text ([`parse_host`]), over the text parser: it
/// gives up on anything but well-formed text with keys free of lone surrogates.
#[cfg(feature = "speed")]
pub(crate) struct Cursor<'a> {
    parser: Parser<'a>,
}

#[cfg(feature = "speed")]
impl<'a> Cursor<'a> {
    /// A cursor on JSON text or, with `host`, host text ([`parse_host`]).
    pub fn new(text: &'a str, host: bool) -> Self {
        Cursor {
            parser: Parser::at_start(text, host),
        }
    }
}

#[cfg(feature = "speed")]
impl<'a> Members<'a> for Cursor<'a> {
    fn open(&mut self, open: u8) -> bool {
        let parser = &mut self.parser;
        parser.skip_ws();
        if parser.peek() == Some(open) {
            parser.pos += 1;
            parser.skip_ws();
            true
        } else {
            false
        }
    }

    fn more(&mut self, close: u8, first: bool) -> Option<bool> {
        let parser = &mut self.parser;
        parser.skip_ws();
        match parser.peek()? {
            b if b == close => {
                parser.pos += 1;
                Some(false)
            }
            _ if first => Some(true),
            b',' => {
                parser.pos += 1;
                parser.skip_ws();
                Some(true)
            }
            _ => None,
        }
    }

    fn key(&mut self) -> Option<Cow<'_, str>> {
        let parser = &mut self.parser;
        if parser.peek() != Some(b'"') {
            return None;
        }
        let key = parser.string().ok()?;
        parser.skip_ws();
        if parser.lone_surrogate || parser.peek() != Some(b':') {
            return None;
        }
        parser.pos += 1;
        parser.skip_ws();
        Some(key)
    }

    fn value(&mut self, depth: usize) -> Option<Value<'a>> {
        self.parser.value(depth).ok()
    }

    fn at_end(&mut self) -> bool {
        self.parser.skip_ws();
        self.parser.pos == self.parser.bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_run_ends_at_the_first_byte_that_stops_a_string() {
        let reference = |bytes: &[u8]| bytes.iter().position(|&b| stops_string(b));
        let fillers = [b'a', 0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x80, 0xdf, 0xff];
        for len in 0..20 {
            for filler in fillers {
                let plain = vec![filler; len];
                assert_eq!(plain_run(&plain), reference(&plain), "{plain:?}");
                for at in 0..len {
                    for byte in 0..=255u8 {
                        let mut bytes = plain.clone();
                        bytes[at] = byte;
                        assert_eq!(plain_run(&bytes), reference(&bytes), "{bytes:?}");
                        // A second stop later must not move the first.
                        if at + 3 < len {
                            bytes[at + 3] = b'"';
                            assert_eq!(plain_run(&bytes), reference(&bytes), "{bytes:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn host_text_carries_what_json_cannot() {
        let v = parse_host(r#"{"a":!u,"b":[1,!n,!z],"c":!g,"d":"!u"}"#).unwrap();
        let o = v.as_object().unwrap();
        assert_eq!(o.get("a"), Some(&Value::Foreign(Foreign::Undefined)));
        match o.get("b") {
            Some(Value::Array(items)) => {
                assert!(items.get(1).and_then(Value::as_f64).unwrap().is_nan());
                assert_eq!(items.get(2), Some(&Value::Foreign(Foreign::TooDeep)));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(o.get("c"), Some(&Value::Foreign(Foreign::TooLarge)));
        assert_eq!(o.get("d"), Some(&Value::str("!u")));
        for foreign in [
            Foreign::Undefined,
            Foreign::BigInt,
            Foreign::Function,
            Foreign::Symbol,
            Foreign::Date,
            Foreign::Map,
            Foreign::Set,
            Foreign::Bytes,
            Foreign::Object,
            Foreign::LoneSurrogate,
            Foreign::TooDeep,
            Foreign::TooLarge,
        ] {
            let text = format!("[!{}]", char::from(foreign.tag()));
            assert_eq!(
                parse_host(&text).unwrap(),
                Value::Array(vec![Value::Foreign(foreign)])
            );
        }
        // Not JSON: a caller's text never reads `!` as a value.
        assert_eq!(parse("[!u]").unwrap_err().reason, "expected a JSON value");
        assert_eq!(
            parse_host("[!x]").unwrap_err().reason,
            "expected a JSON value"
        );
        assert_eq!(parse_host("!").unwrap_err().reason, "expected a JSON value");
    }

    #[test]
    fn borrows_strings_without_escapes() {
        let v = parse(r#"{"a":"plain","b":"esc\"aped"}"#).unwrap();
        let o = v.as_object().unwrap();
        assert!(matches!(
            o.get("a"),
            Some(Value::String(Cow::Borrowed("plain")))
        ));
        assert!(matches!(o.get("b"), Some(Value::String(Cow::Owned(s))) if s == "esc\"aped"));
    }

    #[test]
    fn follows_json_parse_on_overflow_duplicates_and_surrogates() {
        assert_eq!(parse("1e400").unwrap(), Value::Number(f64::INFINITY));
        assert_eq!(parse("-1e400").unwrap(), Value::Number(f64::NEG_INFINITY));
        let v = parse(r#"{"a":1,"b":2,"a":3}"#).unwrap();
        assert_eq!(v.to_json(), r#"{"a":3,"b":2}"#);
        assert_eq!(parse(r#""\ud83d\ude00""#).unwrap(), Value::str("😀"));
        assert_eq!(
            parse(r#""\ud800""#).unwrap(),
            Value::Foreign(Foreign::LoneSurrogate)
        );
        assert_eq!(
            parse(r#""\udc00x""#).unwrap(),
            Value::Foreign(Foreign::LoneSurrogate)
        );
    }

    #[test]
    fn dedups_large_objects_keeping_first_position_and_last_value() {
        let mut text = String::from("{");
        for i in 0..40 {
            text.push_str(&format!("\"k{i}\":{i},"));
        }
        text.push_str("\"k3\":\"last\",\"k39\":true}");
        let v = parse(&text).unwrap();
        let o = v.as_object().unwrap();
        assert_eq!(o.len(), 40);
        assert_eq!(o.position("k3"), Some(3));
        assert_eq!(o.get("k3"), Some(&Value::str("last")));
        assert_eq!(o.get("k39"), Some(&Value::Bool(true)));
    }

    #[test]
    fn reports_line_and_column() {
        let e = parse("{\n  \"a\": tru\n}").unwrap_err();
        assert_eq!(
            (e.line, e.column, e.reason),
            (2, 8, "expected a JSON value")
        );
        assert_eq!(e.to_string(), "expected a JSON value at line 2 column 8");
        let e = parse("").unwrap_err();
        assert_eq!((e.line, e.column), (1, 1));
        let e = parse("{} x").unwrap_err();
        assert_eq!(e.reason, "unexpected text after the body");
        let e = parse("[01]").unwrap_err();
        assert_eq!(e.reason, "expected ',' or ']' in an array");
        let e = parse_bytes(b"{\"a\":\"\xff\"}").unwrap_err();
        assert_eq!((e.reason, e.column), ("invalid UTF-8", 7));
    }

    #[test]
    fn an_offset_inside_a_character_reports_that_characters_column() {
        // The parser records failures at ASCII bytes or the end, so only a direct call
        // reaches this: 'é' is two bytes, and its second byte is still column 3.
        let parser = Parser::at_start("[\"é\"]", false);
        let e = parser.error(Failure::at(3, "test"));
        assert_eq!((e.line, e.column), (1, 3));
    }

    #[test]
    fn deep_nesting_is_skipped_not_recursed() {
        let depth = 100_000;
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let v = parse(&text).unwrap();
        let mut level = 0;
        let mut cur = &v;
        while let Value::Array(items) = cur {
            level += 1;
            cur = &items[0];
        }
        assert_eq!(level, MAX_DEPTH);
        assert_eq!(cur, &Value::Foreign(Foreign::TooDeep));
        assert!(parse(&format!("{}{}", "[".repeat(depth), "}".repeat(depth))).is_err());
    }

    #[test]
    fn a_high_surrogate_pairs_only_with_an_escaped_low_one() {
        let pair = parse(r#""\uD83D\uDE00""#).unwrap();
        assert_eq!(pair, Value::String(Cow::Borrowed("\u{1F600}")));
        // The next escape is not a low surrogate: the high one stays alone, 'A' is kept.
        let not_low = parse(r#"["\uD83D\u0041"]"#).unwrap();
        assert_eq!(
            not_low,
            Value::Array(vec![Value::Foreign(Foreign::LoneSurrogate)])
        );
        let text = parse(r#"["\uD83Dab\uDE00"]"#).unwrap();
        assert_eq!(
            text,
            Value::Array(vec![Value::Foreign(Foreign::LoneSurrogate)])
        );
    }
}
