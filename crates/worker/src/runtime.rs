//! The worker's event loop: receives [`Request`]s, runs jobs, posts [`Response`]s.
//!
//! Jobs are async: between two file slices the worker yields to its event loop, so a
//! [`Request::Cancel`] that arrives while a big file is being read is seen before the next
//! slice. The last imported log stays in the worker (the page never holds events).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::ControlFlow;

use casemap_engine::discovery::cases::{CaseListQuery, CasePage, case_detail, case_stats, page_of, sort_cases};
use casemap_engine::discovery::dfg::Dfg;
use casemap_engine::discovery::draw::{MapAnchors, MapDrawing, Measure};
use casemap_engine::discovery::map::{MapOptions, kept_for, project_with, reference_activities, with_paths};
use casemap_engine::discovery::projection::Projector;
use casemap_engine::discovery::variants::{Variant, variants};
use casemap_engine::filter::{FilterChain, Filtered, apply};
use casemap_engine::format::Lang;
use casemap_engine::ingest::timestamp::to_iso;
use casemap_engine::ingest::{self, HEAD_BYTES, ImportOptions, Importer, Inspection, Mapping, SkipReport};
use casemap_engine::log::EventLog;
use casemap_engine::sample::{SampleOptions, generate_csv};
use casemap_engine::service::{
    CaseFacts, ServiceContext, Vocabulary, acknowledgement, bottlenecks, case_facts, channels, csat, default_outcome,
    drivers, escalations, fcr, handoffs, kpis, misclassification, priority, rework, sla, workload,
};
use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent};

use crate::protocol::{
    AnalysisKind, AnalysisReport, AnalysisSetup, CASE_PAGE_LIMIT, CHOICE_VALUES, ColumnChoice, FilterChoices,
    FilterState, ImportReport, JobError, JobId, MapView, Request, Response, SAMPLE_CASES, VARIANT_ROWS_LIMIT,
    ValueCount, VariantRow, VariantsView, envelope,
};

/// Bytes read per slice of a file: large enough to be fast, small enough for frequent
/// progress reports and quick cancellation.
pub const SLICE_BYTES: u64 = 4 * 1024 * 1024;

/// After an import or a filter change, how long idle preparation of the map waits: the
/// requests the page sends for the view it shows come first.
const PREPARE_DELAY_MS: i32 = 150;

/// The most edges kept in prepared graphs of activity slider positions (about 100 bytes each);
/// idle time prepares up to half of it.
const PREPARED_EDGES: usize = 200_000;

/// The log the worker holds, with what its import skipped, the filter chain in force and
/// what was computed from the filtered log.
struct Current {
    log: EventLog,
    skipped: SkipReport,
    /// What the chain in force keeps.
    filtered: Filtered,
    /// The variants of the filtered log, once asked for.
    variants: Option<Vec<Variant>>,
    /// The full graph of the filtered log, once a map was asked for.
    full_dfg: Option<Dfg>,
    /// The distinct activity sequences of the filtered log, from which the activity slider's
    /// graphs are made.
    projector: Option<Projector>,
    /// Graphs of activity slider positions: (activities kept, graph), the last one asked for
    /// first. Moving the path slider, or the activity slider back, reads no event.
    projected: Vec<(usize, Dfg)>,
    /// Activities kept in the last map asked for: idle time prepares the positions around it.
    last_kept: Option<usize>,
    /// Where the drawings of the reference maps (a rung of activities, every path) of the
    /// filtered log put their nodes, per rung and language: every slider position within a
    /// rung keeps them there.
    anchors: Vec<(usize, Lang, MapAnchors)>,
    /// The language of the last map, for the anchors prepared in idle time.
    last_lang: Option<Lang>,
    /// The service facts of the filtered cases, for the vocabulary they were made with.
    facts: Option<(Vocabulary, ServiceContext, Vec<CaseFacts>)>,
    /// The case list's order for a search and a sort: turning its pages sorts nothing.
    case_order: Option<(CaseListQuery, Vec<casemap_engine::log::CaseIndex>)>,
}

impl Current {
    fn new(log: EventLog, skipped: SkipReport) -> Current {
        let filtered = Filtered::everything(&log);
        Current {
            log,
            skipped,
            filtered,
            variants: None,
            full_dfg: None,
            projector: None,
            projected: Vec::new(),
            last_kept: None,
            anchors: Vec::new(),
            last_lang: None,
            facts: None,
            case_order: None,
        }
    }

    /// Applies a chain; on an error the previous chain stays in force.
    fn set_filters(&mut self, chain: FilterChain) -> FilterState {
        let error = match apply(&self.log, &chain) {
            Ok(filtered) => {
                self.filtered = filtered;
                self.variants = None;
                self.full_dfg = None;
                self.projector = None;
                self.projected.clear();
                self.last_kept = None;
                self.anchors.clear();
                self.facts = None;
                self.case_order = None;
                None
            }
            Err(error) => Some(error),
        };
        FilterState {
            steps: self.filtered.steps.clone(),
            total_cases: self.log.case_count() as u64,
            total_events: self.log.event_count() as u64,
            error,
        }
    }

    fn variants(&mut self) -> &[Variant] {
        let log = self.filtered.log(&self.log);
        let selection = self.filtered.selection();
        self.variants.get_or_insert_with(|| variants(log, selection))
    }

    fn map(&mut self, options: MapOptions, measure: Measure, lang: Lang) -> MapView {
        let log = self.filtered.log(&self.log);
        let full = self.full_dfg.get_or_insert_with(|| Dfg::discover(log, self.filtered.selection(), None));
        let total = full.activities.len();
        let kept = kept_for(full, options);
        self.last_kept = Some(kept);
        self.last_lang = Some(lang);
        let rung = reference_activities(total, kept);
        let at = self.anchors_of(rung, lang);
        let dfg = self.projection(kept);
        let map = with_paths(dfg, total, options.paths);
        let log = self.filtered.log(&self.log);
        let drawing = MapDrawing::new_stable(log, &map, measure, lang, Some(&self.anchors[at].2));
        MapView { drawing, activities_total: map.activities_total, kept, paths: map.paths, dfg: map.dfg }
    }

    /// The index in `anchors` of the anchors of `rung` in `lang`, computed when missing; needs
    /// the full graph. Anchors of other languages are dropped (label widths differ).
    fn anchors_of(&mut self, rung: usize, lang: Lang) -> usize {
        self.anchors.retain(|(_, l, _)| *l == lang);
        if let Some(at) = self.anchors.iter().position(|(r, _, _)| *r == rung) {
            return at;
        }
        let reference = self.projection(rung);
        let log = self.filtered.log(&self.log);
        let total = self.full_dfg.as_ref().map_or(0, |full| full.activities.len());
        self.anchors.push((rung, lang, MapAnchors::of_reference(log, &reference, total, lang)));
        self.anchors.len() - 1
    }

    /// The graph of the `kept` most frequent activities, from the prepared ones when it is
    /// there; needs the full graph.
    fn projection(&mut self, kept: usize) -> Dfg {
        let full = self.full_dfg.as_ref().expect("the full graph comes first");
        if kept >= full.activities.len() {
            return full.clone();
        }
        if let Some(at) = self.projected.iter().position(|(k, _)| *k == kept) {
            let entry = self.projected.remove(at);
            let dfg = entry.1.clone();
            self.projected.insert(0, entry);
            return dfg;
        }
        let dfg = self.project(kept);
        self.projected.insert(0, (kept, dfg.clone()));
        // Prepared graphs are small, but a log of thousands of activities makes big ones.
        let mut edges = 0;
        self.projected.retain(|(_, g)| {
            edges += g.edges.len();
            edges <= PREPARED_EDGES
        });
        dfg
    }

    fn project(&mut self, kept: usize) -> Dfg {
        let log = self.filtered.log(&self.log);
        let selection = self.filtered.selection();
        let full = self.full_dfg.as_ref().expect("the full graph comes first");
        let projector = self.projector.get_or_insert_with(|| Projector::new(log, selection));
        project_with(projector, log, selection, full, kept)
    }

    /// One piece of idle work for the map: the full graph of the filtered log, then the
    /// projector, then (once a map was shown) the graph of the not yet prepared activity slider
    /// position nearest the last one shown. `false` when nothing is left.
    fn prepare(&mut self) -> bool {
        let log = self.filtered.log(&self.log);
        let Some(full) = &self.full_dfg else {
            self.full_dfg = Some(Dfg::discover(log, self.filtered.selection(), None));
            return true;
        };
        if self.projector.is_none() {
            self.projector = Some(Projector::new(log, self.filtered.selection()));
            return true;
        }
        let Some(last) = self.last_kept else { return false };
        let total = full.activities.len();
        // The anchors of the rungs up to twice the one shown, the nearest first, so that a step
        // across a rung costs only the anchored layout. (Bigger ones are laid out when asked
        // for: one of them would hold up a slider step for the length of its layout.)
        if let Some(lang) = self.last_lang {
            let shown = reference_activities(total, last);
            let mut rungs: Vec<usize> = (1..=total).map(|k| reference_activities(total, k)).collect();
            rungs.dedup();
            rungs.retain(|&rung| rung <= 2 * shown);
            rungs.sort_by_key(|&rung| (rung.abs_diff(shown), rung));
            if let Some(&rung) =
                rungs.iter().find(|&&rung| !self.anchors.iter().any(|(r, l, _)| *r == rung && *l == lang))
            {
                self.anchors_of(rung, lang);
                return true;
            }
        }
        let prepared_edges: usize = self.projected.iter().map(|(_, g)| g.edges.len()).sum();
        if prepared_edges >= PREPARED_EDGES / 2 {
            return false;
        }
        // The positions the slider can reach (one activity a step), nearest the last one first.
        let mut positions: Vec<usize> = (1..=total).collect();
        positions.retain(|&k| k < total && !self.projected.iter().any(|(p, _)| *p == k));
        let Some(&next) = positions.iter().min_by_key(|&&k| (k.abs_diff(last), k)) else { return false };
        let dfg = self.project(next);
        // Behind the ones asked for: those are evicted last.
        self.projected.push((next, dfg));
        true
    }
    /// The service analysis `kind` of the filtered log.
    fn analysis(&mut self, kind: AnalysisKind, setup: &AnalysisSetup) -> AnalysisReport {
        let log = self.filtered.log(&self.log);
        if self.facts.as_ref().is_none_or(|(vocabulary, _, _)| *vocabulary != setup.vocabulary) {
            let ctx = ServiceContext::new(log, &setup.vocabulary).with_now(self.log.time.iter().copied().max());
            let facts = case_facts(log, &ctx, self.filtered.selection());
            self.facts = Some((setup.vocabulary.clone(), ctx, facts));
        }
        let (_, ctx, facts) = self.facts.as_ref().expect("just computed");
        let options = &setup.options;
        let evaluation = || sla::evaluate(log, ctx, facts, &options.sla_rules);
        match kind {
            AnalysisKind::Kpis => AnalysisReport::Kpis(kpis::kpis(log, ctx, facts, &evaluation())),
            AnalysisKind::Bottlenecks => AnalysisReport::Bottlenecks(bottlenecks::report(log, ctx, facts)),
            AnalysisKind::Sla => AnalysisReport::Sla(sla::report(log, ctx, facts, &evaluation())),
            AnalysisKind::Handoffs => AnalysisReport::Handoffs(handoffs::report(log, ctx, facts)),
            AnalysisKind::Rework => AnalysisReport::Rework(rework::report(log, ctx, facts)),
            AnalysisKind::Escalations => AnalysisReport::Escalations(escalations::report(log, ctx, facts)),
            AnalysisKind::Fcr => AnalysisReport::Fcr(fcr::report(log, ctx, facts, options.fcr)),
            AnalysisKind::Priority => AnalysisReport::Priority(priority::report(log, ctx, facts, &evaluation())),
            AnalysisKind::Channels => AnalysisReport::Channels(channels::report(log, ctx, facts, &evaluation())),
            AnalysisKind::Workload => AnalysisReport::Workload(workload::report(log, ctx, facts)),
            AnalysisKind::Acknowledgement => AnalysisReport::Acknowledgement(acknowledgement::report(log, ctx, facts)),
            AnalysisKind::Misclassification => {
                AnalysisReport::Misclassification(misclassification::report(log, ctx, facts))
            }
            AnalysisKind::Csat => AnalysisReport::Csat(csat::report(log, ctx, facts, &evaluation())),
            AnalysisKind::Drivers => {
                let evaluation = evaluation();
                let outcome = options.drivers.unwrap_or_else(|| default_outcome(facts, &evaluation));
                AnalysisReport::Drivers(drivers::report(log, ctx, facts, &evaluation, outcome, options.min_support))
            }
        }
    }

    /// What filters can choose from, on the whole log.
    fn choices(&self) -> FilterChoices {
        let log = &self.log;
        let ranked = |counts: Vec<u64>, name: &dyn Fn(u32) -> String, limit: usize| -> Vec<ValueCount> {
            let mut list: Vec<ValueCount> = counts
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(i, n)| ValueCount { value: name(i as u32), count: *n })
                .collect();
            list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            list.truncate(limit);
            list
        };
        let count_ids = |ids: &[u32], n: usize| -> Vec<u64> {
            let mut counts = vec![0u64; n];
            for &id in ids {
                if let Some(c) = counts.get_mut(id as usize) {
                    *c += 1;
                }
            }
            counts
        };
        let columns = log
            .attributes
            .iter()
            .map(|a| {
                let counts = count_ids(&a.ids, a.values.len());
                ColumnChoice {
                    name: a.name.clone(),
                    level: a.level,
                    field: a.field,
                    distinct: counts.iter().filter(|&&n| n > 0).count() as u64,
                    values: ranked(counts, &|v| a.values.get(v).unwrap_or_default().to_owned(), CHOICE_VALUES),
                }
            })
            .collect();
        let span = log.time_span();
        FilterChoices {
            columns,
            activities: ranked(
                count_ids(&log.activity, log.activities.len()),
                &|a| log.activities.get(a).unwrap_or_default().to_owned(),
                usize::MAX,
            ),
            resources: ranked(
                count_ids(&log.resource, log.resources.len()),
                &|r| log.resources.get(r).unwrap_or_default().to_owned(),
                CHOICE_VALUES,
            ),
            first: span.map(|(first, _)| to_iso(first)),
            last: span.map(|(_, last)| to_iso(last)),
        }
    }

    /// A page of the case list; the order is kept for the next page of the same search and
    /// sort.
    fn case_page(&mut self, query: &CaseListQuery) -> CasePage {
        let log = self.filtered.log(&self.log);
        // The order in force, for the query without its page.
        let key = CaseListQuery {
            id_contains: query.id_contains.trim().to_lowercase(),
            offset: 0,
            limit: 0,
            ..query.clone()
        };
        if self.case_order.as_ref().is_none_or(|(known, _)| *known != key) {
            let order = sort_cases(
                log,
                self.filtered.selection(),
                &key.id_contains,
                key.sort,
                key.descending,
                key.within.as_ref(),
            );
            self.case_order = Some((key, order));
        }
        let order = &self.case_order.as_ref().expect("set above").1;
        page_of(log, order, query.offset, query.limit.min(CASE_PAGE_LIMIT))
    }

    fn variants_view(&mut self) -> VariantsView {
        let log = self.filtered.log(&self.log);
        let cases = self.filtered.selection().len(log) as u64;
        let activity_names: Vec<String> = log.activities.names().map(str::to_owned).collect();
        let list = self.variants();
        VariantsView {
            total: list.len() as u64,
            cases,
            rows: list
                .iter()
                .take(VARIANT_ROWS_LIMIT)
                .map(|v| VariantRow {
                    activities: v.activities.clone(),
                    cases: v.cases.len() as u64,
                    share: v.share,
                    coverage: v.coverage,
                    median_duration_s: v.median_duration_s,
                    mean_duration_s: v.mean_duration_s,
                })
                .collect(),
            activity_names,
        }
    }
}

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
    /// The last imported log.
    static CURRENT: RefCell<Option<Current>> = const { RefCell::new(None) };
    /// Whether a task that prepares slider positions is scheduled.
    static PREPARING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
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
    let missing_file = |job| Response::Failed { job, error: JobError::Read("no file came with the request".into()) };
    match request {
        Request::Cancel { job } => RUNNING.with_borrow_mut(|running| {
            if let Some(cancelled) = running.get_mut(&job) {
                *cancelled = true;
            }
        }),
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
        Request::Map { job, options, measure, lang } => {
            with_log(job, |current| Response::Map { job, map: Box::new(current.map(options, measure, lang)) });
            prepare_when_idle(0);
        }
        Request::Variants { job } => {
            with_log(job, |current| Response::Variants { job, variants: Box::new(current.variants_view()) })
        }
        Request::Overview { job } => with_log(job, |current| Response::Overview {
            job,
            stats: Box::new(case_stats(current.filtered.log(&current.log), current.filtered.selection())),
        }),
        Request::ListCases { job, query } => {
            with_log(job, |current| Response::CasePage { job, page: Box::new(current.case_page(&query)) })
        }
        Request::Case { job, id } => {
            // A case is shown whole, whatever the filters: its id names it in the original log.
            with_log(job, |current| Response::Case { job, case: case_detail(&current.log, &id).map(Box::new) })
        }
        Request::SetFilters { job, chain } => {
            with_log(job, |current| Response::Filtered { job, state: current.set_filters(chain) });
            prepare_when_idle(PREPARE_DELAY_MS);
        }
        Request::FilterChoices { job } => {
            with_log(job, |current| Response::Choices { job, choices: Box::new(current.choices()) })
        }
        Request::Analysis { job, kind, setup } => {
            with_log(job, |current| Response::Analysis { job, report: Box::new(current.analysis(kind, &setup)) })
        }
        Request::SkippedRows { job } => {
            let csv = CURRENT.with_borrow(|current| current.as_ref().map(|c| c.skipped.to_csv()).unwrap_or_default());
            post(&Response::SkippedRows { job, csv });
        }
    }
}

/// Prepares the map in idle time (see [`Current::prepare`]), one piece per task, the first
/// after `delay_ms`: a request that arrives meanwhile waits for one piece at most.
fn prepare_when_idle(delay_ms: i32) {
    if PREPARING.replace(true) {
        return;
    }
    let step = Closure::once_into_js(|| {
        PREPARING.set(false);
        if CURRENT.with_borrow_mut(|current| current.as_mut().is_some_and(Current::prepare)) {
            prepare_when_idle(0);
        }
    });
    if scope().set_timeout_with_callback_and_timeout_and_arguments_0(step.unchecked_ref(), delay_ms).is_err() {
        PREPARING.set(false);
    }
}

/// Answers a request about the current log; without one, the request fails.
fn with_log(job: JobId, answer: impl FnOnce(&mut Current) -> Response) {
    let response = CURRENT.with_borrow_mut(|current| match current {
        Some(current) => answer(current),
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

fn is_cancelled(job: JobId) -> bool {
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
    RUNNING.with_borrow_mut(|running| running.insert(job, false));
    let response = match Importer::new(&inspection, &mapping, &options) {
        Err(error) => Response::Failed { job, error: JobError::Import(error) },
        Ok(mut importer) => {
            importer.expect_bytes(blob.size() as u64, inspection.row_bytes);
            let outcome = read_slices(&blob, SLICE_BYTES, |chunk, done, total| {
                importer.feed(chunk);
                post(&Response::Progress { job, done, total, rows: importer.rows() });
                if is_cancelled(job) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
            })
            .await;
            match outcome {
                Ok(false) => Response::Cancelled { job },
                Err(error) => Response::Failed { job, error: JobError::Read(describe(&error)) },
                Ok(true) => {
                    let bytes = importer.bytes();
                    match importer.finish() {
                        Err(error) => Response::Failed { job, error: JobError::Import(error) },
                        Ok(imported) => {
                            let report = ImportReport {
                                summary: imported.log.summary(),
                                rows: imported.rows,
                                skipped: imported.skipped.clone(),
                                collapsed: imported.collapsed,
                                warnings: inspection.warnings(&mapping),
                                format: inspection.format.clone(),
                                bytes,
                                seconds: (now() - started) / 1000.0,
                            };
                            CURRENT.with_borrow_mut(|current| {
                                *current = Some(Current::new(imported.log, imported.skipped));
                            });
                            Response::Imported { job, report: Box::new(report) }
                        }
                    }
                }
            }
        }
    };
    RUNNING.with_borrow_mut(|running| running.remove(&job));
    let imported = matches!(response, Response::Imported { .. });
    post(&response);
    if imported {
        prepare_when_idle(PREPARE_DELAY_MS);
    }
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
