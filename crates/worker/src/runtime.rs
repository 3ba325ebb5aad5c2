//! The worker's event loop: receives [`Request`]s, runs jobs, posts [`Response`]s.
//!
//! Jobs are async: between two file slices the worker yields to its event loop, so a
//! [`Request::Cancel`] that arrives while a big file is being read is seen before the next
//! slice. The last imported log stays in the worker (the page never holds events).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::ControlFlow;

use casemap_engine::conformance::net::PetriNet;
use casemap_engine::ingest::{self, HEAD_BYTES, ImportOptions, Importer, Inspection, Mapping};
use casemap_engine::sample::{SampleOptions, generate_csv};
use casemap_engine::session::{Session, WarehouseSession};
use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent};

use crate::parallel;
use crate::protocol::{
    AnalysisKind, AnalysisSetup, ImportReport, JobError, JobId, Request, Response, SAMPLE_CASES, envelope,
};

/// Bytes read per slice of a file: large enough to be fast, small enough for frequent
/// progress reports and quick cancellation.
pub const SLICE_BYTES: u64 = 4 * 1024 * 1024;

/// After an import or a filter change, how long idle preparation of the map waits: the
/// requests the page sends for the view it shows come first.
const PREPARE_DELAY_MS: i32 = 150;

/// A workbook sheet turned into CSV text, kept between inspecting and importing it.
struct SheetCache {
    /// The file's name, size and modification time, and the sheet.
    key: (String, u64, f64, String),
    csv: Vec<u8>,
}

thread_local! {
    /// The last workbook sheet converted.
    static SHEET: RefCell<Option<SheetCache>> = const { RefCell::new(None) };
    /// Jobs that are running, and whether the page asked to cancel each.
    static RUNNING: RefCell<BTreeMap<JobId, bool>> = const { RefCell::new(BTreeMap::new()) };
    /// The last imported log, with what was computed from it.
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
    /// The last warehouse result opened, when it came after the last log: the map and the
    /// variants are then its.
    static WAREHOUSE: RefCell<Option<WarehouseSession>> = const { RefCell::new(None) };
    /// The conformance check running, if any: a newer one replaces it.
    static CONFORMANCE: std::cell::Cell<Option<JobId>> = const { std::cell::Cell::new(None) };
    /// Whether a task that prepares slider positions is scheduled.
    static PREPARING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

pub(crate) fn scope() -> DedicatedWorkerGlobalScope {
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
    parallel::spawn_helpers();
    post(&Response::Ready { version: env!("CARGO_PKG_VERSION").to_owned() });
}

fn handle(request: Request, file: Option<Blob>) {
    let missing_file = |job| Response::Failed { job, error: JobError::Read("no file came with the request".into()) };
    match request {
        Request::Cancel { job } => cancel(job),
        Request::Inspect { job, sheet } => match file {
            Some(file) => wasm_bindgen_futures::spawn_local(inspect_file(job, file, sheet)),
            None => post(&missing_file(job)),
        },
        Request::Import { job, inspection, mapping, options } => match file {
            // A workbook's sheet was turned into CSV text when it was inspected: import that.
            Some(file) if matches!(inspection.format, ingest::SourceFormat::Xlsx { .. }) => {
                let ingest::SourceFormat::Xlsx { sheet, .. } = &inspection.format else { unreachable!() };
                let key = sheet_key(&file, sheet);
                let csv =
                    SHEET.with_borrow(|cache| cache.as_ref().filter(|c| c.key == key).map(|c| blob_from_bytes(&c.csv)));
                match csv {
                    Some(Ok(blob)) => {
                        wasm_bindgen_futures::spawn_local(import(job, blob, *inspection, mapping, options))
                    }
                    Some(Err(error)) => post(&Response::Failed { job, error: JobError::Read(describe(&error)) }),
                    None => post(&Response::Failed {
                        job,
                        error: JobError::Read("the workbook changed since it was inspected".into()),
                    }),
                }
            }
            Some(file) => wasm_bindgen_futures::spawn_local(import(job, file, *inspection, mapping, options)),
            None => post(&missing_file(job)),
        },
        Request::ScanRange { job, start, end, quote } => match file {
            Some(file) => wasm_bindgen_futures::spawn_local(parallel::scan_range(job, file, start, end, quote)),
            None => post(&missing_file(job)),
        },
        Request::ImportPart { job, start, end, inspection, mapping, options } => match file {
            Some(file) => wasm_bindgen_futures::spawn_local(parallel::import_part(
                job,
                file,
                (start, end),
                *inspection,
                mapping,
                options,
            )),
            None => post(&missing_file(job)),
        },
        Request::LoadSample { job } => {
            let bytes = generate_csv(&SampleOptions { cases: SAMPLE_CASES, ..SampleOptions::default() });
            let options = ImportOptions::default();
            match ingest::inspect(&bytes[..bytes.len().min(HEAD_BYTES)], &options) {
                Ok(inspection) => match blob_from_bytes(&bytes) {
                    Ok(blob) => {
                        let mapping = inspection.mapping.clone();
                        wasm_bindgen_futures::spawn_local(import(job, blob, inspection, mapping, options));
                    }
                    Err(error) => post(&Response::Failed { job, error: JobError::Read(describe(&error)) }),
                },
                Err(error) => post(&Response::Failed { job, error: JobError::Import(error) }),
            }
        }
        Request::OpenWarehouse { job } => match file {
            Some(file) => wasm_bindgen_futures::spawn_local(open_warehouse(job, file)),
            None => post(&missing_file(job)),
        },
        Request::Map { job, options, measure, lang } => {
            with_map_source(
                job,
                |w| Response::Map { job, map: Box::new(w.map(options, measure, lang)) },
                |session| Response::Map { job, map: Box::new(session.map(options, measure, lang)) },
            );
            prepare_when_idle(0);
        }
        Request::Variants { job } => with_map_source(
            job,
            |w| Response::Variants { job, variants: Box::new(w.variants_view()) },
            |session| Response::Variants { job, variants: Box::new(session.variants_view()) },
        ),
        Request::Overview { job } => {
            with_session(job, |session| Response::Overview { job, stats: Box::new(session.overview()) })
        }
        Request::ListCases { job, query } => {
            with_session(job, |session| Response::CasePage { job, page: Box::new(session.case_page(&query)) })
        }
        Request::Case { job, id } => {
            with_session(job, |session| Response::Case { job, case: session.case(&id).map(Box::new) })
        }
        Request::SetFilters { job, chain } => {
            with_session(job, |session| Response::Filtered { job, state: session.set_filters(&chain) });
            prepare_when_idle(PREPARE_DELAY_MS);
        }
        Request::FilterChoices { job } => {
            with_session(job, |session| Response::Choices { job, choices: Box::new(session.choices().clone()) })
        }
        Request::Analysis { job, kind: AnalysisKind::Conformance, setup } => {
            wasm_bindgen_futures::spawn_local(conformance(job, *setup));
        }
        Request::Analysis { job, kind, setup } => {
            with_session(job, |session| Response::Analysis { job, report: Box::new(session.analysis(kind, &setup)) })
        }
        Request::Compare { job, a, b, setup } => with_session(job, |session| Response::Compared {
            job,
            comparison: session.compare(&a, &b, &setup).map(Box::new),
        }),
        Request::DiffMap { job, a, b, options, measure, lang } => with_session(job, |session| Response::DiffMap {
            job,
            map: session.diff_map(&a, &b, options, measure, lang).map(Box::new),
        }),
        Request::SuggestChange { job, setup } => {
            with_session(job, |session| Response::ChangePoint { job, point: session.change_point(&setup) })
        }
        Request::SkippedRows { job } => {
            let csv = SESSION.with_borrow(|session| session.as_ref().map(|s| s.skipped().to_csv()).unwrap_or_default());
            post(&Response::SkippedRows { job, csv });
        }
    }
}

/// Conformance: the alignments it needs are found in slices of about [`ALIGN_SLICE_MS`], each
/// followed by a progress report and a turn of the event loop (so the page's Cancel, and any
/// other request, is seen between them); then the report is made from them. A cancelled
/// check keeps what it aligned: asking again goes on from there.
async fn conformance(job: JobId, setup: AnalysisSetup) {
    if let Some(old) = CONFORMANCE.replace(Some(job)) {
        cancel(old);
    }
    RUNNING.with_borrow_mut(|running| running.insert(job, false));
    let pending = SESSION.with_borrow_mut(|session| session.as_mut().and_then(|s| s.pending_alignments(&setup)));
    let stopped = match pending {
        None => false,
        Some((net, traces)) => align_in_slices(job, &net, &traces).await,
    };
    RUNNING.with_borrow_mut(|running| running.remove(&job));
    if CONFORMANCE.get() == Some(job) {
        CONFORMANCE.set(None);
    }
    if stopped {
        post(&Response::Cancelled { job });
    } else {
        with_session(job, |session| Response::Analysis {
            job,
            report: Box::new(session.analysis(AnalysisKind::Conformance, &setup)),
        });
    }
}

/// Time given to aligning before the worker reports and looks at its messages again.
const ALIGN_SLICE_MS: f64 = 50.0;

/// Aligns `traces` against `net` into the session, slice by slice; `true` when cancelled.
/// An alignment error ends the slicing: the report says what it is.
async fn align_in_slices(job: JobId, net: &PetriNet, traces: &[Vec<String>]) -> bool {
    let total = traces.len() as u64;
    loop {
        let started = now();
        let done = SESSION
            .with_borrow(|session| session.as_ref().map(|s| s.align(net, traces, || now() - started < ALIGN_SLICE_MS)));
        let Some(Ok(done)) = done else { return false };
        post(&Response::Aligning { job, done: done as u64, total });
        if done as u64 >= total {
            return false;
        }
        yield_to_events().await;
        if is_cancelled(job) {
            return true;
        }
    }
}

/// Lets the event loop run once (a zero timeout): messages that came meanwhile are handled.
async fn yield_to_events() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if scope().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).is_err() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Prepares the map in idle time (see [`Session::prepare`]), one piece per task, the first
/// after `delay_ms`: a request that arrives meanwhile waits for one piece at most.
fn prepare_when_idle(delay_ms: i32) {
    if PREPARING.replace(true) {
        return;
    }
    let step = Closure::once_into_js(|| {
        PREPARING.set(false);
        let more = match WAREHOUSE.with_borrow_mut(|w| w.as_mut().map(WarehouseSession::prepare)) {
            Some(more) => more,
            None => SESSION.with_borrow_mut(|session| session.as_mut().is_some_and(Session::prepare)),
        };
        if more {
            prepare_when_idle(0);
        }
    });
    if scope().set_timeout_with_callback_and_timeout_and_arguments_0(step.unchecked_ref(), delay_ms).is_err() {
        PREPARING.set(false);
    }
}

/// Answers a request that a warehouse result answers too (the map, the variants): from the
/// result when one is open (it replaced the log), else from the current log.
fn with_map_source(
    job: JobId,
    warehouse: impl FnOnce(&mut WarehouseSession) -> Response,
    log: impl FnOnce(&mut Session) -> Response,
) {
    match WAREHOUSE.with_borrow_mut(|w| w.as_mut().map(warehouse)) {
        Some(response) => post(&response),
        None => with_session(job, log),
    }
}

/// Answers a request about the current log; without one, the request fails.
fn with_session(job: JobId, answer: impl FnOnce(&mut Session) -> Response) {
    let response = SESSION.with_borrow_mut(|session| match session {
        Some(session) => answer(session),
        None => Response::Failed { job, error: JobError::Read("no log is loaded".into()) },
    });
    post(&response);
}

/// A Blob holding a copy of `bytes`.
///
/// # Errors
/// When the browser cannot allocate the Blob.
pub fn blob_from_bytes(bytes: &[u8]) -> Result<Blob, JsValue> {
    let parts = js_sys::Array::of1(&Uint8Array::from(bytes));
    Blob::new_with_u8_array_sequence(&parts)
}

/// Marks a running job as cancelled: it stops at its next look (between two slices).
fn cancel(job: JobId) {
    RUNNING.with_borrow_mut(|running| {
        if let Some(cancelled) = running.get_mut(&job) {
            *cancelled = true;
        }
    });
}

/// Registers a running job (it can be cancelled).
pub(crate) fn start_job(job: JobId) {
    RUNNING.with_borrow_mut(|running| running.insert(job, false));
}

/// Forgets a job that ended.
pub(crate) fn end_job(job: JobId) {
    RUNNING.with_borrow_mut(|running| running.remove(&job));
}

/// Whether the page asked to cancel `job`.
pub(crate) fn is_cancelled(job: JobId) -> bool {
    RUNNING.with_borrow(|running| running.get(&job).copied().unwrap_or(false))
}

async fn read_head(blob: &Blob) -> Result<Vec<u8>, JsValue> {
    let end = (blob.size() as u64).min(HEAD_BYTES as u64);
    let slice = blob.slice_with_f64_and_f64(0.0, end as f64)?;
    Ok(Uint8Array::new(&JsFuture::from(slice.array_buffer()).await?).to_vec())
}

fn sheet_key(blob: &Blob, sheet: &str) -> (String, u64, f64, String) {
    let file = blob.dyn_ref::<web_sys::File>();
    (
        file.map(|f| f.name()).unwrap_or_default(),
        blob.size() as u64,
        file.map_or(0.0, |f| f.last_modified()),
        sheet.to_owned(),
    )
}

async fn read_all(blob: &Blob) -> Result<Vec<u8>, JsValue> {
    Ok(Uint8Array::new(&JsFuture::from(blob.array_buffer()).await?).to_vec())
}

/// Reads a warehouse result and makes it the current map (the loaded log, if any, is
/// dropped: the page shows one or the other).
async fn open_warehouse(job: JobId, blob: Blob) {
    let response = match read_all(&blob).await {
        Err(error) => Response::Failed { job, error: JobError::Read(describe(&error)) },
        Ok(bytes) => match casemap_engine::warehouse::result::read(&bytes) {
            Err(error) => Response::Failed { job, error: JobError::Warehouse(error) },
            Ok(aggregate) => {
                let session = WarehouseSession::new(aggregate);
                let summary = Box::new(session.summary());
                SESSION.set(None);
                WAREHOUSE.set(Some(session));
                Response::Warehouse { job, summary }
            }
        },
    };
    let opened = matches!(response, Response::Warehouse { .. });
    post(&response);
    if opened {
        prepare_when_idle(PREPARE_DELAY_MS);
    }
}

async fn inspect_file(job: JobId, blob: Blob, sheet: Option<String>) {
    let options = ImportOptions::default();
    let result = async {
        let head = read_head(&blob).await.map_err(|e| JobError::Read(describe(&e)))?;
        if !casemap_xlsx::looks_like_xlsx(&head) {
            return ingest::inspect(&head, &options).map_err(JobError::Import);
        }
        // A workbook is a zip archive: it can only be read whole.
        let bytes = read_all(&blob).await.map_err(|e| JobError::Read(describe(&e)))?;
        let (csv, inspection) =
            casemap_xlsx::inspect_workbook(&bytes, sheet.as_deref(), &options).map_err(JobError::Import)?;
        if let ingest::SourceFormat::Xlsx { sheet, .. } = &inspection.format {
            let key = sheet_key(&blob, sheet);
            SHEET.with_borrow_mut(|cache| *cache = Some(SheetCache { key, csv }));
        }
        Ok(inspection)
    };
    let response = match result.await {
        Ok(inspection) => Response::Inspected { job, inspection: Box::new(inspection) },
        Err(error) => Response::Failed { job, error },
    };
    post(&response);
}

async fn import(job: JobId, blob: Blob, inspection: Inspection, mapping: Mapping, options: ImportOptions) {
    let started = now();
    start_job(job);
    let (outcome, parts) = match parallel::import(job, &blob, &inspection, &mapping, &options).await {
        parallel::Outcome::Done(imported, parts) => (Ok(Some(*imported)), parts),
        parallel::Outcome::Cancelled => (Ok(None), 0),
        parallel::Outcome::Failed(error) => (Err(error), 0),
        parallel::Outcome::OnePass => (one_pass(job, &blob, &inspection, &mapping, &options).await, 1),
    };
    let response = match outcome {
        Ok(None) => Response::Cancelled { job },
        Err(error) => Response::Failed { job, error },
        Ok(Some(imported)) => {
            let report = ImportReport {
                summary: imported.log.summary(),
                rows: imported.rows,
                skipped: imported.skipped.clone(),
                collapsed: imported.collapsed,
                warnings: inspection.warnings(&mapping),
                format: inspection.format.clone(),
                bytes: blob.size() as u64,
                seconds: (now() - started) / 1000.0,
                parts,
                memory: wasm_memory(),
            };
            SESSION.with_borrow_mut(|session| {
                *session = Some(Session::new(imported.log, imported.skipped));
            });
            WAREHOUSE.set(None);
            Response::Imported { job, report: Box::new(report) }
        }
    };
    end_job(job);
    let imported = matches!(response, Response::Imported { .. });
    post(&response);
    if imported {
        prepare_when_idle(PREPARE_DELAY_MS);
    }
}

/// The bytes of this worker's wasm memory: its peak so far (a wasm memory never shrinks).
fn wasm_memory() -> u64 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length()
        .into()
}

/// The import in one pass: `None` when cancelled.
async fn one_pass(
    job: JobId,
    blob: &Blob,
    inspection: &Inspection,
    mapping: &Mapping,
    options: &ImportOptions,
) -> Result<Option<ingest::Imported>, JobError> {
    let mut importer = Importer::new(inspection, mapping, options).map_err(JobError::Import)?;
    importer.expect_bytes(blob.size() as u64, inspection.row_bytes);
    let read = read_slices(blob, SLICE_BYTES, |chunk, done, total| {
        importer.feed(chunk);
        post(&Response::Progress { job, done, total, rows: importer.rows() });
        if is_cancelled(job) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    })
    .await
    .map_err(|error| JobError::Read(describe(&error)))?;
    if !read {
        return Ok(None);
    }
    importer.finish().map(Some).map_err(JobError::Import)
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
    let step = slice_bytes.max(1);
    // The browser reads the next slice while this one is parsed: reading a File takes about a
    // third of the time of parsing it, and overlapped it costs nothing.
    let read = |start: u64| -> Result<JsFuture, JsValue> {
        let end = (start + step).min(total);
        Ok(JsFuture::from(blob.slice_with_f64_and_f64(start as f64, end as f64)?.array_buffer()))
    };
    let mut buffer = Vec::new();
    let mut done = 0;
    let mut next = (total > 0).then(|| read(0)).transpose()?;
    while let Some(pending) = next.take() {
        let array = Uint8Array::new(&pending.await?);
        let end = (done + step).min(total);
        next = (end < total).then(|| read(end)).transpose()?;
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
pub(crate) fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
