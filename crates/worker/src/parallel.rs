//! Parallel import in the browser: the engine worker cuts a big CSV file into parts (see
//! `casemap_engine::ingest::parallel`), parses the first part itself and has helper workers
//! parse the others, then joins their pieces into exactly the log one pass would build.
//!
//! # Helpers
//! Helpers are more instances of this same worker (named [`HELPER_NAME`]), started with the
//! engine worker, while the page loads: starting them later would fetch their script after
//! load, and casemap requests nothing after load. There are as many as the browser reports
//! cores, less one (the engine worker parses too), at most [`MAX_HELPERS`]. A helper only
//! answers [`Request::ScanRange`] and [`Request::ImportPart`]; it reads its byte range of the
//! `File` itself (a `File` passes between workers without a copy).
//!
//! # When
//! Only CSV text in an encoding whose line breaks and quotes are single bytes, and only with
//! parts of at least `MIN_PART_BYTES`: below that, one pass is as fast. When a helper fails
//! or a cut turns out wrong, the import falls back to one pass (the caller's).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use casemap_engine::ingest::fit;
use casemap_engine::ingest::parallel::{self, PartImport, Piece, RangeScanner};
use casemap_engine::ingest::{ImportOptions, Imported, Inspection, Mapping, SourceFormat};
use js_sys::{Function, Promise, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, MessageEvent, Worker, WorkerOptions};

use crate::protocol::{HelperAnswer, JobError, JobId, Request, Response, envelope};
use crate::runtime::{self, SLICE_BYTES, post, read_slices, scope};

/// The name helper workers are started with.
pub const HELPER_NAME: &str = "casemap-helper";
/// At most this many helpers: past four parts the joining and the memory cost more than the
/// parsing saves.
pub const MAX_HELPERS: usize = 3;
/// The worker's script, relative to this worker's own (both are in `dist/`).
const WORKER_SCRIPT: &str = "./worker_loader.js";

struct Helper {
    worker: Worker,
    ready: Rc<Cell<bool>>,
}

thread_local! {
    static HELPERS: RefCell<Vec<Helper>> = const { RefCell::new(Vec::new()) };
}

/// True in a helper worker.
pub fn is_helper() -> bool {
    scope().name() == HELPER_NAME
}

/// Starts the helpers (in the engine worker only).
pub fn spawn_helpers() {
    if is_helper() {
        return;
    }
    let cores = scope().navigator().hardware_concurrency() as usize;
    for _ in 0..cores.saturating_sub(1).min(MAX_HELPERS) {
        let options = WorkerOptions::new();
        options.set_name(HELPER_NAME);
        let Ok(worker) = Worker::new_with_options(WORKER_SCRIPT, &options) else { continue };
        let ready = Rc::new(Cell::new(false));
        let flag = ready.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Ok((HelperAnswer::Ready, _)) = envelope::unpack::<HelperAnswer>(&event.data()) {
                flag.set(true);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        HELPERS.with_borrow_mut(|helpers| helpers.push(Helper { worker, ready }));
    }
}

/// How a parallel import ended.
pub enum Outcome {
    /// Not used (no helper, a small file, not CSV) or given up (a helper failed, a cut was
    /// wrong): import in one pass.
    OnePass,
    /// The page cancelled the job.
    Cancelled,
    /// The import failed as one pass would have.
    Failed(JobError),
    /// The log, and the number of parts read at once.
    Done(Box<Imported>, u32),
}

/// Bytes done and rows read by each part, for the job's progress.
type Progress = Rc<RefCell<Vec<(u64, u64)>>>;

fn report(job: JobId, total: u64, progress: &Progress) {
    let (done, rows) = progress.borrow().iter().fold((0, 0), |(d, r), &(dk, rk)| (d + dk, r + rk));
    post(&Response::Progress { job, done, total, rows });
}

/// Sends `request` (for `job`) with `file` to `worker` and returns its final answer about
/// `job` (progress on the way goes to `progress[part]`). Answers about an earlier job (a
/// cancelled one still finishing its slice) are passed over.
fn ask(
    worker: &Worker,
    job: JobId,
    request: &Request,
    file: &Blob,
    progress: Option<(Progress, usize, u64)>,
) -> Result<JsFuture, JsValue> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let progress = progress.clone();
        let reject_on_error = reject.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            match envelope::unpack::<HelperAnswer>(&event.data()) {
                Ok((answer, _)) if answer.job().is_some_and(|about| about != job) => {}
                Ok((HelperAnswer::Progress { done, rows, .. }, _)) => {
                    if let Some((progress, part, total)) = &progress {
                        progress.borrow_mut()[*part] = (done, rows);
                        report(job, *total, progress);
                    }
                }
                Ok(_) => drop(resolve.call1(&JsValue::NULL, &event.data())),
                Err(error) => drop(reject.call1(&JsValue::NULL, &error)),
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // One small closure per request and helper, kept until the helper's next request.
        on_message.forget();
        let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
            event.prevent_default();
            drop(reject_on_error.call1(&JsValue::NULL, &event.message().into()));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
    });
    worker.post_message(&envelope::pack(request, Some(file))?)?;
    Ok(JsFuture::from(promise))
}

async fn answer(future: JsFuture) -> Result<(HelperAnswer, JsValue), JsValue> {
    let value = future.await?;
    Ok((envelope::unpack::<HelperAnswer>(&value)?.0, value))
}

/// Imports `blob` in parts when that pays; see the [module docs](self).
pub async fn import(
    job: JobId,
    blob: &Blob,
    inspection: &Inspection,
    mapping: &Mapping,
    options: &ImportOptions,
) -> Outcome {
    let helpers: Vec<Worker> =
        HELPERS.with_borrow(|helpers| helpers.iter().filter(|h| h.ready.get()).map(|h| h.worker.clone()).collect());
    let total = blob.size() as u64;
    let parts = if parallel::can_split(inspection) { parallel::part_count(total, helpers.len() + 1) } else { 1 };
    // Parts joined at the end need about a fifth more memory than one pass: a file that may
    // not fit (see `ingest::fit`) is read in one pass.
    let roomy = fit::estimate(total, inspection, mapping).is_none_or(|estimate| estimate.fit() == fit::Fit::Fits);
    if parts < 2 || !roomy {
        return Outcome::OnePass;
    }
    match import_parts(job, blob, inspection, mapping, options, &helpers[..parts - 1]).await {
        Ok(outcome) => outcome,
        Err(error) => {
            web_sys::console::warn_2(&"casemap: parallel import given up, reading in one pass".into(), &error);
            Outcome::OnePass
        }
    }
}

async fn import_parts(
    job: JobId,
    blob: &Blob,
    inspection: &Inspection,
    mapping: &Mapping,
    options: &ImportOptions,
    helpers: &[Worker],
) -> Result<Outcome, JsValue> {
    let total = blob.size() as u64;
    let starts = cuts(job, blob, inspection, helpers).await?;
    let Some(starts) = starts else { return Ok(Outcome::Cancelled) };
    let end = |k: usize| starts.get(k + 1).copied().unwrap_or(total);
    let progress: Progress = Rc::new(RefCell::new(vec![(0, 0); starts.len()]));
    let mut answers = Vec::new();
    for (k, worker) in helpers.iter().enumerate().take(starts.len() - 1) {
        let part = k + 1;
        let request = Request::ImportPart {
            job,
            start: starts[part],
            end: end(part),
            inspection: Box::new(inspection.clone()),
            mapping: mapping.clone(),
            options: options.clone(),
        };
        answers.push(ask(worker, job, &request, blob, Some((progress.clone(), part, total)))?);
    }
    let mut first = match PartImport::new(inspection, mapping, options, true) {
        Ok(first) => first,
        Err(error) => return Ok(Outcome::Failed(JobError::Import(error))),
    };
    // The first part takes in the others: room for all the rows at once, so that joining does
    // not grow (and copy) its columns.
    first.expect_bytes(total, inspection.row_bytes);
    let own = blob.slice_with_f64_and_f64(0.0, end(0) as f64)?;
    let read = read_slices(&own, SLICE_BYTES, |chunk, done, _| {
        first.feed(chunk);
        progress.borrow_mut()[0] = (done, first.rows());
        report(job, total, &progress);
        if runtime::is_cancelled(job) { std::ops::ControlFlow::Break(()) } else { std::ops::ControlFlow::Continue(()) }
    })
    .await?;
    if !read {
        for worker in helpers {
            worker.post_message(&envelope::pack(&Request::Cancel { job }, None)?)?;
        }
        return Ok(Outcome::Cancelled);
    }
    let mut whole = first.finish();
    for future in answers {
        let piece = match answer(future).await? {
            (HelperAnswer::Piece { .. }, value) => {
                let bytes =
                    envelope::bytes(&value).ok_or_else(|| JsValue::from_str("a helper's piece has no bytes"))?;
                Piece::from_bytes(&bytes.to_vec()).ok_or_else(|| JsValue::from_str("a helper's piece is damaged"))?
            }
            _ => return Err("a helper gave an unexpected answer".into()),
        };
        if !whole.append(piece) {
            return Err("a cut was not at a record boundary".into());
        }
    }
    Ok(match whole.finish() {
        Ok(imported) => Outcome::Done(Box::new(imported), starts.len() as u32),
        Err(error) => Outcome::Failed(JobError::Import(error)),
    })
}

/// Where the parts start: guessed from a window after each nominal start when every window
/// tells, else scanned exactly (the engine worker scans the first range while the helpers scan
/// the others). `None` when the job was cancelled.
async fn cuts(
    job: JobId,
    blob: &Blob,
    inspection: &Inspection,
    helpers: &[Worker],
) -> Result<Option<Vec<u64>>, JsValue> {
    let total = blob.size() as u64;
    let quote = parallel::quote(inspection);
    let nominal = parallel::nominal_starts(total, helpers.len() + 1);
    if let Some(starts) = guessed_cuts(blob, inspection, &nominal).await? {
        return Ok(Some(starts));
    }
    let end = |k: usize| nominal.get(k + 1).copied().unwrap_or(total);
    let mut scans = Vec::new();
    for (k, worker) in helpers.iter().enumerate() {
        let request = Request::ScanRange { job, start: nominal[k + 1], end: end(k + 1), quote };
        scans.push(ask(worker, job, &request, blob, None)?);
    }
    let mut scanner = RangeScanner::new(quote);
    let own = blob.slice_with_f64_and_f64(0.0, end(0) as f64)?;
    read_slices(&own, SLICE_BYTES, |chunk, _, _| {
        scanner.feed(chunk);
        std::ops::ControlFlow::Continue(())
    })
    .await?;
    let mut ranges = vec![(0, scanner.finish())];
    for (k, future) in scans.into_iter().enumerate() {
        match answer(future).await? {
            (HelperAnswer::Scanned { scan, .. }, _) => ranges.push((nominal[k + 1], scan)),
            (HelperAnswer::Cancelled { .. }, _) => return Ok(None),
            _ => return Err("a helper gave an unexpected answer".into()),
        }
    }
    if runtime::is_cancelled(job) {
        return Ok(None);
    }
    Ok(Some(parallel::plan(&ranges)))
}

/// The cuts guessed from a small window after each nominal start (see
/// `ingest::parallel::guess_cut`); `None` when one window does not tell.
async fn guessed_cuts(blob: &Blob, inspection: &Inspection, nominal: &[u64]) -> Result<Option<Vec<u64>>, JsValue> {
    let SourceFormat::Csv { dialect, .. } = &inspection.format else { return Ok(None) };
    let total = blob.size() as u64;
    let mut starts = vec![0];
    for &start in &nominal[1..] {
        let end = (start + parallel::GUESS_WINDOW as u64).min(total);
        let window = blob.slice_with_f64_and_f64(start as f64, end as f64)?;
        let bytes = Uint8Array::new(&JsFuture::from(window.array_buffer()).await?).to_vec();
        match parallel::guess_cut(&bytes, *dialect, inspection.header.len()) {
            Some(cut) => starts.push(start + cut),
            None => return Ok(None),
        }
    }
    Ok(Some(starts))
}

/// In a helper: scans the bytes `start..end` of `blob`.
pub async fn scan_range(job: JobId, blob: Blob, start: u64, end: u64, quote: u8) {
    let mut scanner = RangeScanner::new(quote);
    let read = async {
        let range = blob.slice_with_f64_and_f64(start as f64, end as f64)?;
        read_slices(&range, SLICE_BYTES, |chunk, _, _| {
            scanner.feed(chunk);
            std::ops::ControlFlow::Continue(())
        })
        .await
    };
    match read.await {
        Ok(_) => post(&Response::Scanned { job, scan: scanner.finish() }),
        Err(error) => post(&Response::Failed { job, error: JobError::Read(runtime::describe(&error)) }),
    }
}

/// In a helper: imports the part `start..end` of `blob` and sends it back as a piece.
pub async fn import_part(
    job: JobId,
    blob: Blob,
    (start, end): (u64, u64),
    inspection: Inspection,
    mapping: Mapping,
    options: ImportOptions,
) {
    let mut part = match PartImport::new(&inspection, &mapping, &options, false) {
        Ok(part) => part,
        Err(error) => return post(&Response::Failed { job, error: JobError::Import(error) }),
    };
    part.expect_bytes(end - start, inspection.row_bytes);
    runtime::start_job(job);
    let read = async {
        let range = blob.slice_with_f64_and_f64(start as f64, end as f64)?;
        read_slices(&range, SLICE_BYTES, |chunk, done, total| {
            part.feed(chunk);
            post(&Response::Progress { job, done, total, rows: part.rows() });
            if runtime::is_cancelled(job) {
                std::ops::ControlFlow::Break(())
            } else {
                std::ops::ControlFlow::Continue(())
            }
        })
        .await
    };
    let response = match read.await {
        Ok(false) => Response::Cancelled { job },
        Err(error) => Response::Failed { job, error: JobError::Read(runtime::describe(&error)) },
        Ok(true) => {
            let piece = part.finish().into_piece();
            let bytes = Uint8Array::from(&piece.to_bytes()[..]);
            let sent = envelope::pack_bytes(&Response::Piece { job, rows: piece.rows() }, &bytes)
                .and_then(|message| scope().post_message_with_transfer(&message, &js_sys::Array::of1(&bytes.buffer())));
            match sent {
                Ok(()) => {
                    runtime::end_job(job);
                    return;
                }
                Err(error) => Response::Failed { job, error: JobError::Read(runtime::describe(&error)) },
            }
        }
    };
    runtime::end_job(job);
    post(&response);
}
