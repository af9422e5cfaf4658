//! Reading inputs within a size limit, writing output that survives a closed pipe, and
//! showing file names safely.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufRead, Read, Write};
use std::path::Path;

/// The default of `--max-input-bytes`: 128 MiB, above the largest body the resource-limit
/// runs check (76 MB, docs/limits.md), and a few times that in memory at worst.
pub(crate) const DEFAULT_MAX_INPUT_BYTES: u64 = 128 * 1024 * 1024;

/// Why an input could not be read.
#[derive(Debug)]
pub(crate) enum ReadFailure {
    Io(io::Error),
    TooLarge(u64),
}

impl ReadFailure {
    /// What went wrong, without the input's name (the caller shows it).
    pub(crate) fn reason(&self) -> String {
        match self {
            ReadFailure::Io(e) => format!("cannot read: {e}"),
            ReadFailure::TooLarge(limit) => format!(
                "larger than the input limit of {limit} bytes (raise it with --max-input-bytes)"
            ),
        }
    }
}

pub(crate) fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Opens a file, or standard input for "-".
pub(crate) fn open(path: &Path) -> Result<Box<dyn BufRead>, ReadFailure> {
    if is_stdin(path) {
        Ok(Box::new(io::stdin().lock()))
    } else {
        let file = File::open(path).map_err(ReadFailure::Io)?;
        Ok(Box::new(io::BufReader::new(file)))
    }
}

/// The whole input, if it holds at most `limit` bytes: `/dev/zero` ends with an error
/// after `limit` bytes instead of filling the memory.
pub(crate) fn read_all(path: &Path, limit: u64) -> Result<Vec<u8>, ReadFailure> {
    let mut bytes = Vec::new();
    open(path)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadFailure::Io)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit {
        return Err(ReadFailure::TooLarge(limit));
    }
    Ok(bytes)
}

/// The next line into `line` (without its "\n"), if it holds at most `limit` bytes;
/// `Ok(false)` at the end of the input.
pub(crate) fn read_line(
    reader: &mut dyn BufRead,
    limit: u64,
    line: &mut Vec<u8>,
) -> Result<bool, ReadFailure> {
    line.clear();
    let read = reader
        .take(limit.saturating_add(1))
        .read_until(b'\n', line)
        .map_err(ReadFailure::Io)?;
    if read == 0 {
        return Ok(false);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
    } else if u64::try_from(line.len()).unwrap_or(u64::MAX) > limit {
        return Err(ReadFailure::TooLarge(limit));
    }
    Ok(true)
}

/// Standard output that goes quiet when its reader has gone. A closed pipe
/// (`preflight schema | head -1`) is not a failure: the rest of the output is dropped and
/// the command still exits with the status its data deserves. Any other write error (a
/// full disk) is returned, and `main` turns it into exit status 2.
#[derive(Debug)]
pub(crate) struct Stdout {
    inner: io::StdoutLock<'static>,
    closed: bool,
}

impl Stdout {
    pub(crate) fn new() -> Stdout {
        Stdout {
            inner: io::stdout().lock(),
            closed: false,
        }
    }

    fn quiet_if_closed<T>(&mut self, result: io::Result<T>, dropped: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(dropped)
            }
            other => other,
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.quiet_if_closed(result, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.quiet_if_closed(result, ())
    }
}

/// A file name as text that is safe on a terminal: control characters (newlines, ANSI
/// escapes) and bidirectional overrides are written as escapes (`\n`, `\u{1b}`), bytes
/// that are not UTF-8 as `\xNN`.
pub(crate) fn display_name(path: &Path) -> String {
    let mut text = String::new();
    for chunk in name_bytes(path).utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_control() || is_bidi_control(c) {
                text.extend(c.escape_default());
            } else {
                text.push(c);
            }
        }
        for byte in chunk.invalid() {
            let _ = write!(text, "\\x{byte:02x}");
        }
    }
    text
}

/// A file name for JSON output: exact when it is Unicode (the JSON writer escapes what
/// needs it), else written as [`display_name`] writes it.
pub(crate) fn json_name(path: &Path) -> String {
    match path.to_str() {
        Some(name) => name.to_string(),
        None => display_name(path),
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(unix)]
fn name_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(path.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn name_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    match path.to_string_lossy() {
        std::borrow::Cow::Borrowed(s) => std::borrow::Cow::Borrowed(s.as_bytes()),
        std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(s.into_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_for_a_terminal() {
        assert_eq!(display_name(Path::new("a.json")), "a.json");
        assert_eq!(
            display_name(Path::new("a\nb\x1b[31mc\u{202e}d\\e é")),
            "a\\nb\\u{1b}[31mc\\u{202e}d\\e é"
        );
        assert_eq!(json_name(Path::new("a\nb")), "a\nb");
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_unicode_show_their_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(std::ffi::OsStr::from_bytes(b"x\xff\xfe.json"));
        assert_eq!(display_name(path), "x\\xff\\xfe.json");
        assert_eq!(json_name(path), "x\\xff\\xfe.json");
    }

    #[test]
    fn a_line_longer_than_the_limit_is_refused() {
        let mut input: &[u8] = b"abc\nabcd\nab";
        let mut line = Vec::new();
        assert!(matches!(read_line(&mut input, 3, &mut line), Ok(true)));
        assert_eq!(line, b"abc");
        assert!(matches!(
            read_line(&mut input, 3, &mut line),
            Err(ReadFailure::TooLarge(3))
        ));
        let mut input: &[u8] = b"ab";
        assert!(matches!(read_line(&mut input, 3, &mut line), Ok(true)));
        assert_eq!(line, b"ab");
        assert!(matches!(read_line(&mut input, 3, &mut line), Ok(false)));
    }
}
