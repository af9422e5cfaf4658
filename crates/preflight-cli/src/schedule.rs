//! `preflight next` and `preflight summary`: the schedule engine on the command line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use preflight::{Value, DAYS};

use crate::streams::display_name;
use crate::{read_input, to_json_text, BodyOptions, Format, UsageFailure};

#[derive(Args, Debug)]
pub(crate) struct NextArgs {
    #[command(flatten)]
    options: BodyOptions,
    /// The first instant to consider (RFC 3339), from 1970-01-01T00:00:00Z to
    /// 2099-12-31T23:59:59Z (the supported range). Default: now.
    #[arg(long, value_name = "RFC3339")]
    from: Option<String>,
    /// How many sync instants to print (at most 10000). Fewer are printed only when no
    /// more exist before the supported range ends (or the schedule has no slot); then
    /// the text format says why on standard error.
    #[arg(long, default_value_t = 10)]
    count: usize,
    /// text: one "UTC  local" line per sync; json: {"syncs": [{"utc","local"}…],
    /// "complete", "end": null or {"reason","message"}}.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The body whose schedule to expand; "-" reads standard input.
    #[arg(value_name = "FILE|-", default_value = "-")]
    input: PathBuf,
}

#[derive(Args, Debug)]
pub(crate) struct SummaryArgs {
    #[command(flatten)]
    options: BodyOptions,
    /// text: a small table of the week; json: the summary object. A custom schedule is
    /// counted over a week without a clock change (the summary's note says so).
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The body whose schedule to summarize; "-" reads standard input.
    #[arg(value_name = "FILE|-", default_value = "-")]
    input: PathBuf,
}

fn read_body(input: &Path, options: &BodyOptions) -> Result<Value<'static>, UsageFailure> {
    let bytes = read_input(input, options.max_input_bytes)?;
    preflight::parse_bytes(&bytes)
        .map(Value::into_owned)
        .map_err(|e| UsageFailure(format!("{} is not valid JSON: {e}", display_name(input))))
}

fn now_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

pub(crate) fn run_next(args: &NextArgs, out: &mut dyn Write) -> Result<ExitCode, UsageFailure> {
    let options = args.options.to_options()?;
    let body = read_body(&args.input, &args.options)?;
    let from = match &args.from {
        Some(text) => preflight::parse_from(text)?,
        None => now_seconds(),
    };
    let next = preflight::next_syncs(&body, &options, from, args.count)?;
    match args.format {
        Format::Json => writeln!(out, "{}", to_json_text(&next.to_value(), false))?,
        Format::Text => {
            for sync in &next.syncs {
                writeln!(out, "{}  {}", sync.utc, sync.local)?;
            }
            // Standard output keeps one instant a line; the shortfall is a note beside it.
            if let Some(message) = next.message() {
                eprintln!("preflight: {message}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn trim_number(n: f64) -> String {
    Value::Number(n).to_json()
}

pub(crate) fn run_summary(
    args: &SummaryArgs,
    out: &mut dyn Write,
) -> Result<ExitCode, UsageFailure> {
    let options = args.options.to_options()?;
    let body = read_body(&args.input, &args.options)?;
    let summary = preflight::weekly_summary(&body, &options);
    match args.format {
        Format::Json => writeln!(out, "{}", to_json_text(&summary.to_value(), false))?,
        Format::Text => {
            writeln!(out, "{}", summary.schedule.summary())?;
            writeln!(out)?;
            writeln!(out, "{:<10} {:>8}  slots", "day", "syncs")?;
            for (weekday, day) in DAYS.iter().enumerate() {
                let slots: Vec<String> = summary
                    .coverage
                    .iter()
                    .filter(|c| c.weekday == weekday)
                    .map(|c| {
                        let end = if c.end >= 24 * 60 {
                            String::from("24:00")
                        } else {
                            format!("{:02}:{:02}", c.end / 60, c.end % 60)
                        };
                        format!("{:02}:{:02}–{end}", c.start / 60, c.start % 60)
                    })
                    .collect();
                let syncs = summary.per_day.get(weekday).copied().unwrap_or(0.0);
                writeln!(
                    out,
                    "{:<10} {:>8}  {}",
                    day,
                    trim_number(syncs),
                    slots.join(", ")
                )?;
            }
            writeln!(out, "{:<10} {:>8}", "week", trim_number(summary.per_week))?;
            if let Some(note) = summary.note() {
                writeln!(out)?;
                writeln!(out, "{note}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
