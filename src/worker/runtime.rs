//! The worker's event loop: receives [`Request`]s, runs jobs, posts [`Response`]s.
//!
//! Jobs are async: between two file slices the worker yields to its event loop, so a
//! [`Request::Cancel`] that arrives while a big file is being read is seen before the next
//! slice.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::ControlFlow;

use casemap_engine::scan::Scanner;
use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent};

use crate::protocol::{JobId, Request, Response, envelope};

/// Bytes read per slice of a file: large enough to be fast, small enough for frequent
/// progress reports and quick cancellation.
pub const SLICE_BYTES: u64 = 4 * 1024 * 1024;

thread_local! {
    /// Jobs that are running, and whether the page asked to cancel each.
    static RUNNING: RefCell<BTreeMap<JobId, bool>> = const { RefCell::new(BTreeMap::new()) };
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts a response to the page. A failure to post cannot be reported anywhere else, so it
/// goes to the console.
pub fn post(response: &Response) {
    let sent = envelope::pack(response, None).and_then(|message| scope().post_message(&message));
    if let Err(error) = sent {
        web_sys::console::error_2(&"casemap worker: cannot post a message".into(), &error);
    }
}

/// Starts the worker: installs the panic hook and the message handler, then says Ready.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        post(&Response::Crashed { message: info.to_string() });
    }));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        match envelope::unpack::<Request>(&event.data()) {
            Ok((request, file)) => handle(request, file),
            Err(error) => web_sys::console::error_2(&"casemap worker: unreadable request".into(), &error),
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&Response::Ready { version: env!("CARGO_PKG_VERSION").to_owned() });
}

fn handle(request: Request, file: Option<Blob>) {
    match request {
        Request::Cancel { job } => RUNNING.with_borrow_mut(|running| {
            if let Some(cancelled) = running.get_mut(&job) {
                *cancelled = true;
            }
        }),
        Request::ReadFile { job, name } => match file {
            Some(file) => wasm_bindgen_futures::spawn_local(run(job, file)),
            None => post(&Response::Failed { job, message: format!("no file came with the request for {name}") }),
        },
        Request::ReadSample { job } => {
            let bytes = casemap_engine::sample::generate_csv(&casemap_engine::sample::SampleOptions {
                cases: crate::protocol::SAMPLE_CASES,
                ..Default::default()
            });
            match blob_from_bytes(&bytes) {
                Ok(blob) => wasm_bindgen_futures::spawn_local(run(job, blob)),
                Err(error) => post(&Response::Failed { job, message: describe(&error) }),
            }
        }
    }
}

/// A Blob holding a copy of `bytes`.
///
/// # Errors
/// When the browser cannot allocate the Blob.
pub fn blob_from_bytes(bytes: &[u8]) -> Result<Blob, JsValue> {
    let parts = js_sys::Array::of1(&Uint8Array::from(bytes));
    Blob::new_with_u8_array_sequence(&parts)
}

fn is_cancelled(job: JobId) -> bool {
    RUNNING.with_borrow(|running| running.get(&job).copied().unwrap_or(false))
}

async fn run(job: JobId, blob: Blob) {
    let started = now();
    RUNNING.with_borrow_mut(|running| running.insert(job, false));
    let mut scanner = Scanner::new();
    let outcome = read_slices(&blob, SLICE_BYTES, |chunk, done, total| {
        scanner.feed(chunk);
        post(&Response::Progress { job, done, total, lines: scanner.lines_so_far() });
        if is_cancelled(job) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    })
    .await;
    RUNNING.with_borrow_mut(|running| running.remove(&job));
    let response = match outcome {
        Ok(true) => Response::FileRead { job, summary: scanner.finish(), seconds: (now() - started) / 1000.0 },
        Ok(false) => Response::Cancelled { job },
        Err(error) => Response::Failed { job, message: describe(&error) },
    };
    post(&response);
}

/// Reads `blob` in slices of `slice_bytes` and hands each slice to `on_slice` with the bytes
/// done so far (this slice included) and the total. Between slices the browser's event loop
/// runs (each slice is awaited), so messages such as a cancellation are seen. Returns
/// `Ok(true)` when the whole blob was read, `Ok(false)` when `on_slice` broke off.
///
/// # Errors
/// When the browser cannot read the file (it was deleted or changed after it was chosen).
pub async fn read_slices(
    blob: &Blob,
    slice_bytes: u64,
    mut on_slice: impl FnMut(&[u8], u64, u64) -> ControlFlow<()>,
) -> Result<bool, JsValue> {
    let total = blob.size() as u64;
    let mut buffer = Vec::new();
    let mut done = 0;
    while done < total {
        let end = (done + slice_bytes.max(1)).min(total);
        let slice = blob.slice_with_f64_and_f64(done as f64, end as f64)?;
        let array = Uint8Array::new(&JsFuture::from(slice.array_buffer()).await?);
        buffer.resize(array.length() as usize, 0);
        array.copy_to(&mut buffer);
        done = end;
        if on_slice(&buffer, done, total).is_break() {
            return Ok(false);
        }
    }
    Ok(true)
}

fn now() -> f64 {
    scope().performance().map_or(0.0, |performance| performance.now())
}

/// A readable message for a JavaScript error value.
fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
