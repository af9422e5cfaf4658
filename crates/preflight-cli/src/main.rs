//! The `preflight` command: check, normalize and describe Propexo integration bodies.
#![allow(clippy::print_stdout)]

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use preflight::{Object, Options, Report, Severity, Value};

mod schedule;

#[derive(Parser, Debug)]
#[command(
    name = "preflight",
    version,
    about = "Check and normalize Propexo admin-API integration bodies before you send them",
    long_about = "Check and normalize the bodies of Propexo's \"Create an integration\" (POST) and \
                  \"Update an integration\" (PUT) requests before any request is sent: the same \
                  rules, messages and normalization as the npm and Python packages.",
    after_help = "Exit status: 0 when every body is valid, 1 when any is invalid, 2 on usage or I/O errors."
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
    /// Files to check; "-" or nothing reads standard input.
    #[arg(value_name = "FILE|-")]
    inputs: Vec<String>,
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
    input: String,
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

pub(crate) fn read_input(name: &str) -> Result<Vec<u8>, UsageFailure> {
    let mut bytes = Vec::new();
    if name == "-" {
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| UsageFailure(format!("cannot read standard input: {e}")))?;
    } else {
        bytes =
            std::fs::read(name).map_err(|e| UsageFailure(format!("cannot read {name}: {e}")))?;
    }
    Ok(bytes)
}

fn read_json_file(path: &PathBuf, what: &str) -> Result<Value<'static>, UsageFailure> {
    let bytes = std::fs::read(path)
        .map_err(|e| UsageFailure(format!("cannot read {what} file {}: {e}", path.display())))?;
    preflight::parse_bytes(&bytes)
        .map(Value::into_owned)
        .map_err(|e| {
            UsageFailure(format!(
                "{what} file {} is not valid JSON: {e}",
                path.display()
            ))
        })
}

impl BodyOptions {
    /// Builds the core's options from the flags, through the same reader every host uses.
    pub(crate) fn to_options(&self) -> Result<Options, UsageFailure> {
        let mut object = Object::new();
        object.insert("operation", Value::str(self.operation.as_str()));
        object.insert("coerce", Value::Bool(self.coerce));
        if let Some(path) = &self.current {
            object.insert("current", read_json_file(path, "--current")?);
        }
        if let Some(path) = &self.rate_limits {
            object.insert("rate_limits", read_json_file(path, "--rate-limits")?);
        }
        if let Some(now) = &self.now {
            object.insert("now", Value::from(now.clone()));
        }
        Ok(Options::from_value(&Value::Object(object))?)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => run_check(&args),
        Command::Normalize(args) => run_normalize(&args),
        Command::Schema(args) => run_schema(&args),
        Command::Next(args) => schedule::run_next(&args),
        Command::Summary(args) => schedule::run_summary(&args),
    };
    match result {
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
    out: &mut impl Write,
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

fn write_json_report(out: &mut impl Write, source: &str, report: &Report<'_>) -> io::Result<()> {
    let json = report.to_json();
    let rest = json.strip_prefix('{').unwrap_or(&json);
    let quoted = preflight::json::to_json_string(source);
    writeln!(out, "{{\"source\":{quoted},{rest}")
}

fn run_check(args: &CheckArgs) -> Result<ExitCode, UsageFailure> {
    let options = args.options.to_options()?;
    let inputs = if args.inputs.is_empty() {
        vec![String::from("-")]
    } else {
        args.inputs.clone()
    };
    let palette = Palette::for_stdout();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut all_valid = true;
    let mut emit = |source: &str, report: &Report<'_>| -> Result<(), UsageFailure> {
        all_valid &= report.valid;
        let written = match args.format {
            Format::Json => write_json_report(&mut out, source, report),
            Format::Text => write_text_report(&mut out, source, report, &palette),
        };
        written.map_err(|e| UsageFailure(format!("cannot write output: {e}")))
    };
    for input in &inputs {
        if args.jsonl {
            let reader: Box<dyn BufRead> = if input == "-" {
                Box::new(io::BufReader::new(io::stdin()))
            } else {
                let file = std::fs::File::open(input)
                    .map_err(|e| UsageFailure(format!("cannot read {input}: {e}")))?;
                Box::new(io::BufReader::new(file))
            };
            for (number, line) in reader.split(b'\n').enumerate() {
                let line = line.map_err(|e| UsageFailure(format!("cannot read {input}: {e}")))?;
                let line = line.strip_suffix(b"\r").unwrap_or(&line);
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let report = preflight::check_bytes(line, &options);
                emit(&format!("{input}:{}", number + 1), &report)?;
            }
        } else {
            let bytes = read_input(input)?;
            let report = preflight::check_bytes(&bytes, &options);
            emit(input, &report)?;
        }
    }
    out.flush()
        .map_err(|e| UsageFailure(format!("cannot write output: {e}")))?;
    Ok(if all_valid {
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

fn run_normalize(args: &NormalizeArgs) -> Result<ExitCode, UsageFailure> {
    let options = args.options.to_options()?;
    let bytes = read_input(&args.input)?;
    let report = preflight::check_bytes(&bytes, &options);
    match &report.normalized {
        Some(body) => {
            println!("{}", to_json_text(body, args.pretty));
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let mut err = io::stderr().lock();
            let _ = write_text_report(&mut err, &args.input, &report, &Palette { on: false });
            Ok(ExitCode::from(1))
        }
    }
}

fn run_schema(args: &SchemaArgs) -> Result<ExitCode, UsageFailure> {
    let operation = match args.operation {
        OperationArg::Update => preflight::Operation::Update,
        OperationArg::Create => preflight::Operation::Create,
    };
    println!("{}", to_json_text(&preflight::json_schema(operation), true));
    Ok(ExitCode::SUCCESS)
}
