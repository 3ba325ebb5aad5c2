//! # casemap-engine
//!
//! Everything casemap computes, in pure Rust with no web dependency: it builds and is tested
//! natively (the CLI, benchmarks, fast tests) and compiles to `wasm32-unknown-unknown`, where
//! the browser app runs it inside a Web Worker.
//!
//! The engine does no I/O of its own: callers feed it bytes in chunks (the worker reads
//! `File` slices, the CLI reads files) and get plain, serialisable results back.
//!
//! - [`time`]: instants in microseconds, calendar days and ISO dates, shared by the log and
//!   everything that reads or shows its times.
//! - [`scan`]: a first, streaming look at a file: its kind, encoding, size and lines.
//! - [`template`]: the data template offered to users (recommended columns, example rows).
//! - [`sample`]: a seeded simulation of a service desk: the app's sample data and the
//!   benchmark logs of any size.
//! - [`conformance`]: models of the ideal process (Petri nets, PNML) and how far the cases
//!   are from them (optimal alignments with PM4Py's costs and fitness).
//! - [`filter`]: chains of filters that narrow the log to the cases a question is about.
//! - [`service`]: the service analyses (KPIs, SLA, handoffs, rework, ...), and the
//!   vocabulary that recognises service steps in activity names.
//! - [`session`]: a loaded log with the filter chain in force and what was computed from
//!   it, kept between questions (the worker holds one).
//! - [`format`]: numbers, durations, sizes and percentages as people read them, in the four
//!   UI languages.
//! - [`ticks`]: round values for chart axes (durations in steps people count in, counts by
//!   1, 2, 5 × 10^k).
//!
//! ```
//! use casemap_engine::{format, scan};
//!
//! let summary = scan::scan_bytes(casemap_engine::template::csv().as_bytes());
//! assert_eq!(summary.lines, 21);
//! assert_eq!(format::count(summary.lines, format::Lang::En), "21");
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod compare;
pub mod conformance;
pub mod discovery;
pub mod filter;
pub mod format;
pub mod ingest;
pub mod layout;
pub mod log;
pub mod sample;
pub mod scan;
pub mod service;
pub mod session;
pub mod template;
pub mod ticks;
pub mod time;
pub mod warehouse;
