//! # casemap-worker
//!
//! The Web Worker of casemap's page: everything heavy runs here, off the page's main thread.
//! [`runtime`] is the worker's event loop (entry point `src/bin/worker.rs`, built by Trunk);
//! the messages it exchanges with the page are the `casemap-protocol` crate's.
//!
//! A crate of its own so that the worker is optimised for speed (`opt-level = 3`, it runs the
//! engine's loops) while the page is optimised for size.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod parallel;
pub mod runtime;

pub use casemap_protocol as protocol;
