//! The Web Worker side: everything heavy runs here, off the page's main thread.
//!
//! [`runtime`] is the code that runs inside the worker (entry point `src/bin/worker.rs`);
//! [`client`] is the page's handle on it. They speak [`crate::protocol`].

pub mod client;
pub mod runtime;
