//! The `preflight` command: check, normalize and describe Propexo integration bodies.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use preflight::{Object, Options, Report, Severity, Value};

mod schedule;
mod streams;

use streams::{display_name, json_name, ReadFailure};

#[derive(Parser, Debug)]
#[command(
    name = "preflight",
    version,
    about = "Check and normalize Propexo admin-API integration bodies before you send them",
    long_about = "Check and normalize the bodies of Propexo's \"Create an integration\" (POST) and \
                  \"Update an integration\" (PUT) requests before any request is sent: the same \
                  rules, messages and normalization as the npm and Python packages.",
    after_help = "Exit status: 0 when every body is valid, 1 when any is invalid, 2 on usage or I/O errors.\n\
                  Output to a closed pipe ends quietly, with the same exit status."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check bodies and print a report for each.
    #[command(after_help = "Examples:\n  \
        preflight check examples/update-valid.json\n  \
        preflight check --operation create --format json examples/create-valid.json\n  \
        cat export.jsonl | preflight check --jsonl --format json -\n  \
        preflight check --current stored.json --rate-limits limits.json change.json")]
    Check(CheckArgs),
    /// Print the normalized body, ready to send (exit 1 and the issues on stderr when invalid).
    #[command(after_help = "Example:\n  preflight normalize --coerce form.json > body.json")]
    Normalize(NormalizeArgs),
    /// Print the strict JSON Schema (draft 2020-12) of a body.
    #[command(after_help = "Example:\n  preflight schema --operation create > create.schema.json")]
    Schema(SchemaArgs),
    /// Print the next sync instants of the schedule in force.
    #[command(
        after_help = "Example:\n  preflight next --from 2026-03-07T00:00:00Z --count 5 examples/update-valid.json"
    )]
    Next(schedule::NextArgs),
    /// Print syncs per weekday and per week, and the week's coverage.
    #[command(after_help = "Example:\n  preflight summary examples/update-valid.json")]
    Summary(schedule::SummaryArgs),
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OperationArg {
    Update,
    Create,
}

impl OperationArg {
    fn as_str(self) -> &'static str {
        match self {
            OperationArg::Update => "update",
            OperationArg::Create => "create",
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// For people: one line per issue, coloured on a terminal.
    Text,
    /// For programs: one JSON object per body and line.
    Json,
}

/// Options shared by every command that reads a body.
#[derive(Args, Debug, Clone)]
pub(crate) struct BodyOptions {
    /// Which request the body is for: update (PUT, every field optional) or create (POST).
    #[arg(long, value_enum, default_value = "update")]
    operation: OperationArg,
    /// Accept what HTML forms send ("15", "true", "hour", "9:00", " padded ", "US/Eastern")
    /// and report each coercion as a change.
    #[arg(long)]
    coerce: bool,
    /// The stored integration as Propexo returns it (the whole GET, PUT or POST response,
    /// or the integration object), so a partial update is judged against what is stored.
    #[arg(long, value_name = "FILE")]
    current: Option<PathBuf>,
    /// The output of GET /v1/admin/integrations/{id}/rate-limits/ (with or without its
    /// "results" wrapper), to warn when the configured request rate exceeds the PMS's limits.
    #[arg(long = "rate-limits", value_name = "FILE")]
    rate_limits: Option<PathBuf>,
    /// The instant to treat as now (RFC 3339), which decides the next clock change named by
    /// dst_transition warnings. Default: the system clock.
    #[arg(long, value_name = "RFC3339")]
    now: Option<String>,
    /// Read at most this many bytes from each file or standard input (from each line with
    /// --jsonl); more is an error (exit 2). The default is 128 MiB.
    #[arg(long, value_name = "BYTES", default_value_t = streams::DEFAULT_MAX_INPUT_BYTES)]
    max_input_bytes: u64,
}

#[derive(Args, Debug)]
struct CheckArgs {
    #[command(flatten)]
    options: BodyOptions,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Read each line of each input as one body (JSON Lines); blank lines are skipped.
    #[arg(long)]
    jsonl: bool,
    /// Print credential values in the normalized body. Without it they are written as
    /// "[redacted]", so the output is safe to paste into a CI log.
    #[arg(long)]
    show_credentials: bool,
    /// Files to check; "-" (at most once) or nothing reads standard input.
    #[arg(value_name = "FILE|-")]
    inputs: Vec<PathBuf>,
}

#[derive(Args, Debug)]
struct NormalizeArgs {
    #[command(flatten)]
    options: BodyOptions,
    /// Indent the output.
    #[arg(long)]
    pretty: bool,
    /// The body to normalize; "-" reads standard input.
    #[arg(value_name = "FILE|-", default_value = "-")]
    input: PathBuf,
}

#[derive(Args, Debug)]
struct SchemaArgs {
    /// Which request body to describe.
    #[arg(long, value_enum, default_value = "update")]
    operation: OperationArg,
}

/// A failure that is not about a body: exit status 2.
#[derive(Debug)]
pub(crate) struct UsageFailure(pub String);

impl From<preflight::UsageError> for UsageFailure {
    fn from(e: preflight::UsageError) -> Self {
        UsageFailure(e.message)
    }
}

/// Only writes to the output fail with an `io::Error` that reaches `?`: every read maps its
/// error to a message naming the input.
impl From<io::Error> for UsageFailure {
    fn from(e: io::Error) -> Self {
        UsageFailure(format!("cannot write output: {e}"))
    }
}

/// A whole input, within the size limit.
pub(crate) fn read_input(path: &Path, limit: u64) -> Result<Vec<u8>, UsageFailure> {
    streams::read_all(path, limit)
        .map_err(|e| UsageFailure(format!("{}: {}", display_name(path), e.reason())))
}

fn read_json_file(path: &Path, what: &str, limit: u64) -> Result<Value<'static>, UsageFailure> {
    let name = display_name(path);
    let bytes = streams::read_all(path, limit)
        .map_err(|e| UsageFailure(format!("{what} file {name}: {}", e.reason())))?;
    preflight::parse_bytes(&bytes)
        .map(Value::into_owned)
        .map_err(|e| UsageFailure(format!("{what} file {name} is not valid JSON: {e}")))
}

impl BodyOptions {
    /// Builds the core's options from the flags, through the same reader every host uses.
    pub(crate) fn to_options(&self) -> Result<Options, UsageFailure> {
        let mut object = Object::new();
        object.insert("operation", Value::str(self.operation.as_str()));
        object.insert("coerce", Value::Bool(self.coerce));
        if let Some(path) = &self.current {
            object.insert(
                "current",
                read_json_file(path, "--current", self.max_input_bytes)?,
            );
        }
        if let Some(path) = &self.rate_limits {
            object.insert(
                "rate_limits",
                read_json_file(path, "--rate-limits", self.max_input_bytes)?,
            );
        }
        if let Some(now) = &self.now {
            object.insert("now", Value::from(now.clone()));
        }
        Ok(Options::from_value(&Value::Object(object))?)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Every command writes through this one writer: a closed pipe silences it, any other
    // write error comes back through `?` as exit status 2.
    let mut out = io::BufWriter::new(streams::Stdout::new());
    let result = match cli.command {
        Command::Check(args) => run_check(&args, &mut out),
        Command::Normalize(args) => run_normalize(&args, &mut out),
        Command::Schema(args) => run_schema(&args, &mut out),
        Command::Next(args) => schedule::run_next(&args, &mut out),
        Command::Summary(args) => schedule::run_summary(&args, &mut out),
    };
    let flushed = out.flush().map_err(UsageFailure::from);
    match result.and_then(|code| flushed.map(|()| code)) {
        Ok(code) => code,
        Err(UsageFailure(message)) => {
            let _ = writeln!(io::stderr(), "preflight: {message}");
            ExitCode::from(2)
        }
    }
}

struct Palette {
    on: bool,
}

impl Palette {
    fn for_stdout() -> Self {
        Palette {
            on: io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

fn write_text_report(
    out: &mut dyn Write,
    source: &str,
    report: &Report<'_>,
    palette: &Palette,
) -> io::Result<()> {
    let errors = report.errors().count();
    let warnings = report.warnings().count();
    let verdict = if report.valid {
        palette.paint("32", "valid")
    } else {
        palette.paint("31", "invalid")
    };
    writeln!(
        out,
        "{source}: {verdict} ({errors} error(s), {warnings} warning(s))"
    )?;
    for issue in &report.issues {
        let severity = match issue.severity {
            Severity::Error => palette.paint("31", "error  "),
            Severity::Warning => palette.paint("33", "warning"),
        };
        let pointer = if issue.pointer.is_empty() {
            "(body)"
        } else {
            &issue.pointer
        };
        writeln!(
            out,
            "  {pointer}  {severity}  {}  {}",
            issue.code.as_str(),
            issue.message
        )?;
    }
    for change in &report.changes {
        let to = change
            .to
            .as_ref()
            .map_or_else(|| String::from("(removed)"), Value::to_json);
        writeln!(
            out,
            "  {}  changed  {} -> {}",
            change.pointer,
            change.from.to_json(),
            to
        )?;
    }
    Ok(())
}

fn write_json_report(out: &mut dyn Write, source: &str, report: &Report<'_>) -> io::Result<()> {
    let json = report.to_json();
    let rest = json.strip_prefix('{').unwrap_or(&json);
    let quoted = preflight::json::to_json_string(source);
    writeln!(out, "{{\"source\":{quoted},{rest}")
}

/// Where a body came from: a file or "-", and its line with --jsonl.
struct Source<'a> {
    path: &'a Path,
    line: Option<usize>,
}

impl Source<'_> {
    fn label(&self, name: String) -> String {
        match self.line {
            Some(line) => format!("{name}:{line}"),
            None => name,
        }
    }

    fn for_text(&self) -> String {
        self.label(display_name(self.path))
    }

    fn for_json(&self) -> String {
        self.label(json_name(self.path))
    }
}

/// Checks every input, reporting each, including those that cannot be read.
struct Checker<'a> {
    args: &'a CheckArgs,
    options: Options,
    palette: Palette,
    all_valid: bool,
    unreadable: usize,
}

impl Checker<'_> {
    fn report(
        &mut self,
        out: &mut dyn Write,
        source: &Source<'_>,
        report: Report<'_>,
    ) -> io::Result<()> {
        self.all_valid &= report.valid;
        let report = if self.args.show_credentials {
            report
        } else {
            report.with_credentials_redacted()
        };
        match self.args.format {
            Format::Json => write_json_report(out, &source.for_json(), &report),
            Format::Text => write_text_report(out, &source.for_text(), &report, &self.palette),
        }
    }

    fn unreadable(
        &mut self,
        out: &mut dyn Write,
        source: &Source<'_>,
        failure: &ReadFailure,
    ) -> io::Result<()> {
        self.unreadable += 1;
        match self.args.format {
            Format::Json => writeln!(
                out,
                "{{\"source\":{},\"error\":{}}}",
                preflight::json::to_json_string(&source.for_json()),
                preflight::json::to_json_string(&failure.reason())
            ),
            Format::Text => writeln!(out, "{}: {}", source.for_text(), failure.reason()),
        }
    }

    fn check_file(&mut self, out: &mut dyn Write, path: &Path) -> io::Result<()> {
        let source = Source { path, line: None };
        match streams::read_all(path, self.args.options.max_input_bytes) {
            Ok(bytes) => {
                let report = preflight::check_bytes(&bytes, &self.options);
                self.report(out, &source, report)
            }
            Err(failure) => self.unreadable(out, &source, &failure),
        }
    }

    fn check_lines(&mut self, out: &mut dyn Write, path: &Path) -> io::Result<()> {
        let mut reader = match streams::open(path) {
            Ok(reader) => reader,
            Err(failure) => return self.unreadable(out, &Source { path, line: None }, &failure),
        };
        let mut line = Vec::new();
        for number in 1.. {
            let source = Source {
                path,
                line: Some(number),
            };
            match streams::read_line(&mut reader, self.args.options.max_input_bytes, &mut line) {
                Ok(true) => {}
                Ok(false) => break,
                // The rest of this input cannot be split into lines reliably: go to the next.
                Err(failure) => return self.unreadable(out, &source, &failure),
            }
            let body = line.strip_suffix(b"\r").unwrap_or(&line);
            if body.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let report = preflight::check_bytes(body, &self.options);
            self.report(out, &source, report)?;
        }
        Ok(())
    }
}

fn run_check(args: &CheckArgs, out: &mut dyn Write) -> Result<ExitCode, UsageFailure> {
    let stdin = [PathBuf::from("-")];
    let inputs = if args.inputs.is_empty() {
        &stdin[..]
    } else {
        &args.inputs[..]
    };
    if inputs.iter().filter(|p| streams::is_stdin(p)).count() > 1 {
        return Err(UsageFailure(String::from(
            "standard input can be read only once: give \"-\" at most once",
        )));
    }
    let mut checker = Checker {
        args,
        options: args.options.to_options()?,
        palette: Palette::for_stdout(),
        all_valid: true,
        unreadable: 0,
    };
    for path in inputs {
        if args.jsonl {
            checker.check_lines(out, path)?;
        } else {
            checker.check_file(out, path)?;
        }
    }
    if checker.unreadable > 0 {
        return Err(UsageFailure(format!(
            "{} of {} input(s) could not be read",
            checker.unreadable,
            inputs.len()
        )));
    }
    Ok(if checker.all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub(crate) fn to_json_text(value: &Value<'_>, pretty: bool) -> String {
    if pretty {
        preflight::json::to_json_pretty(value)
    } else {
        value.to_json()
    }
}

fn run_normalize(args: &NormalizeArgs, out: &mut dyn Write) -> Result<ExitCode, UsageFailure> {
    let options = args.options.to_options()?;
    let bytes = read_input(&args.input, args.options.max_input_bytes)?;
    let report = preflight::check_bytes(&bytes, &options);
    match &report.normalized {
        // The body to send: its credentials are the point, so they are not redacted.
        Some(body) => {
            writeln!(out, "{}", to_json_text(body, args.pretty))?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let mut err = io::stderr().lock();
            let _ = write_text_report(
                &mut err,
                &display_name(&args.input),
                &report,
                &Palette { on: false },
            );
            Ok(ExitCode::from(1))
        }
    }
}

fn run_schema(args: &SchemaArgs, out: &mut dyn Write) -> Result<ExitCode, UsageFailure> {
    let operation = match args.operation {
        OperationArg::Update => preflight::Operation::Update,
        OperationArg::Create => preflight::Operation::Create,
    };
    let schema = preflight::json_schema(operation);
    writeln!(out, "{}", to_json_text(&schema, true))?;
    Ok(ExitCode::SUCCESS)
}
