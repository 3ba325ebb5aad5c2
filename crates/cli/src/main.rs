//! `casemap`: the command line over casemap's engine, the same code the browser app runs.
//!
//! Every command that prints results takes `--json`; that output is a documented contract
//! (see `docs/cli.md`): keys are only ever added, never renamed or removed.

#![forbid(unsafe_code)]

mod commands;

use std::path::PathBuf;

use anyhow::Result;
use casemap_engine::conformance::Method;
use casemap_engine::discovery::draw::Measure;
use casemap_engine::format::Lang;
use casemap_engine::sample::SampleOptions;
use casemap_engine::service::drivers::DriverOutcome;
use clap::{Parser, Subcommand};

use crate::commands::import::ImportFlags;

/// Process mining for customer-service cases: the casemap engine on the command line.
///
/// casemap reads case exports (CSV event logs) and shows where cases get stuck and why. The
/// browser app at the same version gives the same figures: both run the same engine.
#[derive(Debug, Parser)]
#[command(name = "casemap", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import a case export (CSV) and show what casemap made of it: the role of each column
    /// and its timestamp format, the log's figures, and the rows it had to skip, with why.
    ///
    /// Column roles are guessed from header names (in English, Italian, German, French,
    /// Spanish, Russian and Chinese, and XES keys such as case:concept:name) and from contents;
    /// a flag naming a column replaces the guess for that role. With --json, prints one object
    /// (schema in docs/cli.md).
    Import {
        /// The file to import.
        file: PathBuf,
        #[command(flatten)]
        flags: ImportFlags,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Mine a case export: its directly-follows graph (frequencies and waiting times per
    /// path), start and end activities, variants and case durations.
    ///
    /// Takes the flags of `casemap import`. The figures equal PM4Py's on the same log (see
    /// tests/reference). With --json, prints one object (schema in docs/cli.md).
    Analyze {
        /// The file to analyse.
        file: PathBuf,
        #[command(flatten)]
        flags: ImportFlags,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// How many variants to list, most frequent first.
        #[arg(long, default_value_t = 25, value_name = "N")]
        top: usize,
        /// Analyse only the cases a filter chain keeps (JSON, see docs/cli.md).
        #[arg(long, value_name = "CHAIN.json")]
        filter: Option<PathBuf>,
        /// SLA rules (JSON list), used when the file has no SLA due-date column.
        #[arg(long, value_name = "RULES.json")]
        sla_rules: Option<PathBuf>,
        /// The vocabulary that recognises service steps in activity names (JSON), instead of
        /// the built-in one (`casemap vocabulary` prints it).
        #[arg(long, value_name = "VOCABULARY.json")]
        vocabulary: Option<PathBuf>,
        /// The outcome whose drivers are sought: sla_breach, reopen, escalation, or
        /// longer:SECONDS (default: sla_breach when the log has SLAs, else longer than the
        /// 90th percentile of resolution times).
        #[arg(long, value_name = "OUTCOME", value_parser = outcome)]
        drivers: Option<DriverOutcome>,
        /// Only the process discovery (graph, variants, durations), no service analyses:
        /// the work PM4Py's discovery does, for comparisons.
        #[arg(long)]
        discovery_only: bool,
    },
    /// Check the cases of a file against a model of the ideal process: optimal alignments
    /// with PM4Py's costs, fitness per case and for the log, deviations ranked by cases.
    ///
    /// Takes the flags of `casemap import`. The model is a PNML Petri net with initial and
    /// final markings, or a BPMN 2.0 diagram (Camunda, Signavio, bpmn.io); service rules
    /// (--rules) are checked with or without one. The figures equal PM4Py's `fitness_alignments` and every variant's
    /// optimal cost equals PM4Py's (see tests/reference). With --json, prints one object
    /// (schema in docs/cli.md).
    Conformance {
        /// The file to check.
        file: PathBuf,
        #[command(flatten)]
        flags: ImportFlags,
        /// The model: a .pnml or .bpmn file.
        #[arg(long, value_name = "MODEL.pnml|MODEL.bpmn")]
        model: Option<PathBuf>,
        /// Service rules to check (JSON list, see docs/cli.md), with or without a model.
        #[arg(long, value_name = "RULES.json")]
        rules: Option<PathBuf>,
        /// The vocabulary that recognises the service steps rules name (JSON), instead of
        /// the built-in one.
        #[arg(long, value_name = "VOCABULARY.json")]
        vocabulary: Option<PathBuf>,
        /// alignments (exact, the default) or token-replay (fast, for very large logs).
        #[arg(long, default_value = "alignments", value_parser = method)]
        method: Method,
        /// Check only the cases a filter chain keeps (JSON, see docs/cli.md).
        #[arg(long, value_name = "CHAIN.json")]
        filter: Option<PathBuf>,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Compare two segments of the cases: before and after a change, one channel against
    /// another. Each segment is a filter chain (JSON, see docs/cli.md); --before DATE compares
    /// the cases started before the date with those started from it.
    ///
    /// Takes the flags of `casemap import`. Prints every overview KPI of both segments with
    /// its change and a significance test (SciPy's definitions), where the time per case went
    /// (split over the paths), the variants whose share changed most, the change point the
    /// weekly KPIs suggest and a summary. --suggest prints only the change point. With
    /// --json, prints one object (schema in docs/cli.md).
    Compare {
        /// The file to compare within.
        file: PathBuf,
        #[command(flatten)]
        flags: ImportFlags,
        /// Segment A: a filter chain (JSON).
        #[arg(long, value_name = "A.json", requires = "b")]
        a: Option<PathBuf>,
        /// Segment B: a filter chain (JSON).
        #[arg(long, value_name = "B.json", requires = "a")]
        b: Option<PathBuf>,
        /// Cases started before DATE (A) against those started from it (B).
        #[arg(long, value_name = "DATE", conflicts_with_all = ["a", "b"])]
        before: Option<String>,
        /// Print only the suggested change point.
        #[arg(long)]
        suggest: bool,
        /// SLA rules (JSON list), used when the file has no SLA due-date column.
        #[arg(long, value_name = "RULES.json")]
        sla_rules: Option<PathBuf>,
        /// The vocabulary that recognises service steps in activity names (JSON).
        #[arg(long, value_name = "VOCABULARY.json")]
        vocabulary: Option<PathBuf>,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Discover a model of the process with the Inductive Miner and write it as PNML or as
    /// BPMN 2.0 with a laid-out diagram.
    ///
    /// Takes the flags of `casemap import`. --noise 0 is IM (every behaviour of the log), above
    /// 0 IMf, which leaves out behaviour below that share (PM4Py's definitions: the tree equals
    /// PM4Py's on the same log). The model can be given back to `casemap conformance --model`.
    Discover {
        /// The file to mine.
        file: PathBuf,
        #[command(flatten)]
        flags: ImportFlags,
        /// IMf's noise threshold, from 0 (IM) to 1.
        #[arg(long, default_value_t = 0.2, value_parser = noise)]
        noise: f64,
        /// Mine only the cases a filter chain keeps (JSON, see docs/cli.md).
        #[arg(long, value_name = "CHAIN.json")]
        filter: Option<PathBuf>,
        /// Write the model to this file: .pnml or .bpmn.
        #[arg(short, long, value_name = "MODEL.pnml|MODEL.bpmn")]
        output: PathBuf,
    },
    /// Print the built-in vocabulary (JSON): the activity names recognised as service steps
    /// (assigned, reassigned, escalated, resolved, reopened, closed, ...), automation
    /// resources, priority ranks and "yes" values. Edit it and pass it to `analyze
    /// --vocabulary`.
    Vocabulary,
    /// Draw the process map of a case export as SVG: the same map the app draws.
    ///
    /// Each activity is a `<g data-activity="NAME">` holding its box as a `<rect>`, each path
    /// a `<g data-from="A" data-to="B">` (Start and End are `__start__` and `__end__`).
    Map {
        /// The file to draw.
        file: PathBuf,
        #[command(flatten)]
        flags: ImportFlags,
        /// Write the SVG to this file.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Percent of activities shown, the most frequent first (100 = all). Without this flag
        /// and --keep-activities: the app's first map.
        #[arg(long, value_name = "P", value_parser = percent, conflicts_with = "keep_activities")]
        activities: Option<f64>,
        /// Number of activities shown, the most frequent first (as the app's slider counts).
        #[arg(long, value_name = "N")]
        keep_activities: Option<usize>,
        /// Percent of paths shown beyond those that keep every activity connected (100 = all).
        /// Without this flag: the app's first map.
        #[arg(long, value_name = "P", value_parser = percent)]
        paths: Option<f64>,
        /// What labels and shading show: cases, events (frequency), or the median, mean, max or
        /// total time (performance).
        #[arg(long, default_value = "cases", value_parser = measure)]
        measure: Measure,
        /// Language of the numbers and units: en, it, ru or zh.
        #[arg(long, default_value = "en", value_parser = lang)]
        lang: Lang,
    },
    /// Take a first look at a file: its kind, encoding, size, lines and line endings.
    ///
    /// The file is read in chunks, as the browser app reads a dropped file, so a file of any
    /// size works in constant memory. With --json, prints one object (schema in docs/cli.md).
    Scan {
        /// The file to look at.
        file: PathBuf,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// Read the file in chunks of this many bytes.
        #[arg(long, default_value_t = 8 * 1024 * 1024, value_name = "BYTES")]
        chunk_size: usize,
    },
    /// Generate a realistic customer-service case log (the app's sample data, or a benchmark
    /// log of any size).
    ///
    /// Cases arrive by Email, Phone, Web, Chat and Social with priorities, SLA due dates,
    /// acknowledgements, assignments, reassignments and ping-pong, tiered escalation that
    /// swarming replaces from --change-week on, waits for the customer, reopens, closures and
    /// CSAT scores, in working hours. The same options and seed give the same file. The app's
    /// "Try the sample data" is `--cases 2000 --seed 42`.
    Generate {
        /// Number of cases.
        #[arg(long, default_value_t = 2_000)]
        cases: u32,
        /// Seed of the random generator.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// First day of the log (YYYY-MM-DD).
        #[arg(long, default_value = "2025-01-06")]
        start: jiff::civil::Date,
        /// Weeks over which cases arrive.
        #[arg(long, default_value_t = 26)]
        weeks: u32,
        /// Week (0-based, from --start) in which swarming replaces tiered escalation; 0 or
        /// more than --weeks for no change.
        #[arg(long, default_value_t = 14)]
        change_week: u32,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write the SQL that computes the process map inside a warehouse (DuckDB, PostgreSQL,
    /// Spark/Databricks, BigQuery, Snowflake), for histories too large to export.
    ///
    /// One query over the event table (no procedural code) returns a small aggregate: paths with
    /// frequency, cases and waits, start and end activities, activity counts, the most frequent
    /// variants, case durations (columns and row kinds in docs/cli.md). Save its result as CSV
    /// or JSON and open it with `casemap warehouse` or the app's "Map from a warehouse".
    Sql {
        /// The SQL dialect: duckdb, postgres, spark, bigquery or snowflake.
        #[arg(long, value_parser = dialect)]
        dialect: casemap_engine::warehouse::Dialect,
        /// The event table, as written after FROM (schema.table).
        #[arg(long)]
        table: String,
        /// The case id column.
        #[arg(long, value_name = "COL")]
        case: String,
        /// The activity column.
        #[arg(long, value_name = "COL")]
        activity: String,
        /// The timestamp column.
        #[arg(long, value_name = "COL")]
        timestamp: String,
        /// The resource (agent) column.
        #[arg(long, value_name = "COL")]
        resource: Option<String>,
        /// A column that orders events with the same time in a case (a row or event id);
        /// without it such events are ordered by activity name.
        #[arg(long, value_name = "COL")]
        order: Option<String>,
        /// Map only the cases a filter chain keeps (JSON, see docs/cli.md).
        #[arg(long, value_name = "CHAIN.json")]
        filter: Option<PathBuf>,
        /// How many of the most frequent variants the result lists.
        #[arg(long, default_value_t = 1000, value_name = "N")]
        top: usize,
        /// Write the query to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Read the result of the `casemap sql` query (CSV or JSON, as the warehouse saved it) and
    /// print its figures as `casemap analyze` prints them.
    Warehouse {
        /// The saved result.
        file: PathBuf,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write the data template: a CSV with the columns casemap recommends and example rows.
    ///
    /// Columns: case_id, activity, start_time, end_time, agent, team, priority, channel,
    /// case_type, status, sla_due, csat, escalated. Only case_id, activity and one of the two
    /// times are required. See the README for a guide to each column.
    Template {
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

fn percent(value: &str) -> Result<f64, String> {
    match value.trim_end_matches('%').parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(format!("{value:?} is no percentage from 0 to 100")),
    }
}

fn measure(value: &str) -> Result<Measure, String> {
    Measure::from_code(value)
        .ok_or_else(|| format!("{value:?} is no measure: cases, events, median, mean, max or total"))
}

fn lang(value: &str) -> Result<Lang, String> {
    Lang::from_code(value).ok_or_else(|| format!("{value:?} is no language: en, it, ru or zh"))
}

fn noise(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(n) if (0.0..=1.0).contains(&n) => Ok(n),
        _ => Err(format!("{value:?} is no noise threshold from 0 to 1")),
    }
}

fn dialect(value: &str) -> Result<casemap_engine::warehouse::Dialect, String> {
    value.parse()
}

fn method(value: &str) -> Result<Method, String> {
    match value {
        "alignments" => Ok(Method::Alignments),
        "token-replay" => Ok(Method::TokenReplay),
        other => Err(format!("{other:?} is no method: alignments or token-replay")),
    }
}

fn outcome(value: &str) -> Result<DriverOutcome, String> {
    match value {
        "sla_breach" => Ok(DriverOutcome::SlaBreach),
        "reopen" => Ok(DriverOutcome::Reopen),
        "escalation" => Ok(DriverOutcome::Escalation),
        other => other
            .strip_prefix("longer:")
            .and_then(|s| s.parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map(|seconds| DriverOutcome::LongerThan { seconds })
            .ok_or_else(|| format!("{value:?} is no outcome: sla_breach, reopen, escalation or longer:SECONDS")),
    }
}

fn main() -> Result<()> {
    match run() {
        // Output piped into `head` and closed early: nothing went wrong.
        Err(error)
            if error.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            Ok(())
        }
        other => other,
    }
}

fn run() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Import { file, flags, json } => commands::import::run(&file, &flags, json),
        Command::Analyze { file, flags, json, top, filter, sla_rules, vocabulary, drivers, discovery_only } => {
            use commands::analyze::{AnalyzeSetup, read_json};
            let mut setup = AnalyzeSetup::default();
            if let Some(path) = filter {
                setup.filter = Some(read_json(&path, "filter chain")?);
            }
            if let Some(path) = sla_rules {
                setup.options.sla_rules = read_json(&path, "list of SLA rules")?;
            }
            if let Some(path) = vocabulary {
                setup.vocabulary = read_json(&path, "vocabulary")?;
            }
            setup.options.drivers = drivers;
            setup.discovery_only = discovery_only;
            commands::analyze::run(&file, &flags, json, top, &setup)
        }
        Command::Conformance { file, flags, model, method, rules, vocabulary, filter, json } => {
            use commands::analyze::read_json;
            let setup = commands::conformance::Setup {
                model,
                method,
                rules: rules.map(|path| read_json(&path, "list of service rules")).transpose()?,
                filter: filter.map(|path| read_json(&path, "filter chain")).transpose()?,
                vocabulary: vocabulary.map(|path| read_json(&path, "vocabulary")).transpose()?.unwrap_or_default(),
            };
            commands::conformance::run(&file, &flags, &setup, json)
        }
        Command::Compare { file, flags, a, b, before, suggest, sla_rules, vocabulary, json } => {
            use commands::analyze::read_json;
            let segments = match (a, b, before) {
                (Some(a), Some(b), _) => Some((read_json(&a, "filter chain")?, read_json(&b, "filter chain")?)),
                (_, _, Some(date)) => Some(casemap_engine::compare::before_after(&date)),
                _ => None,
            };
            let options = casemap_engine::compare::CompareOptions {
                vocabulary: vocabulary.map(|path| read_json(&path, "vocabulary")).transpose()?.unwrap_or_default(),
                sla_rules: sla_rules.map(|path| read_json(&path, "list of SLA rules")).transpose()?.unwrap_or_default(),
            };
            commands::compare::run(&file, &flags, segments, &options, suggest, json)
        }
        Command::Discover { file, flags, noise, filter, output } => {
            let chain = filter.map(|path| commands::analyze::read_json(&path, "filter chain")).transpose()?;
            commands::discover::run(&file, &flags, noise, chain.as_ref(), &output)
        }
        Command::Vocabulary => {
            commands::print_json(&mut std::io::stdout().lock(), &casemap_engine::service::Vocabulary::default())
        }
        Command::Map { file, flags, output, activities, keep_activities, paths, measure, lang } => {
            let choice = commands::map::ActivityChoice { percent: activities, count: keep_activities };
            commands::map::run(&file, &flags, &output, choice, paths, measure, lang)
        }
        Command::Scan { file, json, chunk_size } => commands::scan::run(&file, json, chunk_size),
        Command::Sql { dialect, table, case, activity, timestamp, resource, order, filter, top, output } => {
            let filter = filter.map(|path| commands::analyze::read_json(&path, "filter chain")).transpose()?;
            let request = casemap_engine::warehouse::SqlRequest {
                dialect,
                table,
                case,
                activity,
                timestamp,
                resource,
                order,
                filter: filter.unwrap_or_default(),
                top,
            };
            commands::warehouse::run_sql(&request, output.as_deref())
        }
        Command::Warehouse { file, json } => commands::warehouse::run_read(&file, json),
        Command::Template { output } => commands::template::run(output.as_deref()),
        Command::Generate { cases, seed, start, weeks, change_week, output } => {
            let change_week = (1..weeks).contains(&change_week).then_some(change_week);
            commands::generate::run(&SampleOptions { cases, seed, start, weeks, change_week }, output.as_deref())
        }
    }
}
