//! # casemap-protocol
//!
//! The messages between the page and its Web Worker.
//!
//! The page sends [`Request`]s, the worker answers with [`Response`]s. Both are plain serde
//! enums carried through `postMessage` as JavaScript values (serde-wasm-bindgen); a `File`,
//! which cannot be serialised, travels beside the request in the same message (structured
//! clone), never through the serialised body. See [`envelope`].
//!
//! Every job has a [`JobId`] chosen by the page; responses name the job they belong to, so
//! the page can ignore the late answers of a job it cancelled or replaced.
//!
//! Ordering: the worker's first message is always [`Response::Ready`]. Messages the page
//! posts before that could be lost (the worker's wasm may not be listening yet), so the page
//! queues them until `Ready` arrives.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub use casemap_engine::compare::Comparison;
pub use casemap_engine::compare::change_point::ChangePoint;
pub use casemap_engine::compare::diff_map::{DiffMap, DiffMeasure};
use casemap_engine::discovery::cases::{CaseDetail, CaseListQuery, CasePage, CaseStats};
use casemap_engine::discovery::draw::Measure;
use casemap_engine::discovery::map::MapOptions;
use casemap_engine::filter::{FilterChain, FilterError};
use casemap_engine::format::Lang;
use casemap_engine::ingest::parallel::RangeScan;
use casemap_engine::ingest::{ImportError, ImportOptions, Inspection, Mapping, SkipReport, SourceFormat, Warning};
use casemap_engine::log::Summary;
/// The answers are the engine's own types: the protocol only carries them.
pub use casemap_engine::service::{AnalysisKind, AnalysisReport, AnalysisSetup};
pub use casemap_engine::session::{
    CASE_PAGE_LIMIT, CHOICE_VALUES, ColumnChoice, FilterChoices, FilterState, MapView, VARIANT_ROWS_LIMIT, ValueCount,
    VariantRow, VariantsView, WarehouseSummary,
};
pub use casemap_engine::warehouse::result::ReadError;
use serde::{Deserialize, Serialize};

/// Identifies one job, chosen by the page (increasing numbers).
pub type JobId = u32;

/// Number of cases in the built-in sample data (made by `casemap_engine::sample` in the
/// worker, with its default seed: every visitor sees the same log).
pub const SAMPLE_CASES: u32 = 2_000;

/// What the page asks the worker to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Look at the head of the file sent along: format, columns, preview, guessed mapping.
    Inspect {
        /// The job.
        job: JobId,
        /// Excel workbooks: the sheet to read (the first one with a log when none).
        sheet: Option<String>,
    },
    /// Import the whole file sent along with this mapping, slice by slice, with progress.
    Import {
        /// The job.
        job: JobId,
        /// What [`Request::Inspect`] found (the worker keeps no state between the two).
        inspection: Box<Inspection>,
        /// The mapping the user confirmed.
        mapping: Mapping,
        /// Missing values and other choices.
        options: ImportOptions,
    },
    /// For a helper worker: scan the bytes `start..end` of the file sent along for where a
    /// part can start (see `ingest::parallel`).
    ScanRange {
        /// The job.
        job: JobId,
        /// The first byte.
        start: u64,
        /// The byte after the last.
        end: u64,
        /// The file's quote character.
        quote: u8,
    },
    /// For a helper worker: import the bytes `start..end` of the file sent along (a part that
    /// starts at a record boundary after the header) and send the part back as a piece.
    ImportPart {
        /// The job.
        job: JobId,
        /// The first byte.
        start: u64,
        /// The byte after the last.
        end: u64,
        /// What [`Request::Inspect`] found.
        inspection: Box<Inspection>,
        /// The mapping the user confirmed.
        mapping: Mapping,
        /// Missing values and other choices.
        options: ImportOptions,
    },
    /// Generate the sample data in the worker and import it with the guessed mapping.
    LoadSample {
        /// The job.
        job: JobId,
    },
    /// Read the file sent along as the result of `casemap sql` (CSV or JSON) and make it the
    /// current map: the map and the variants then come from it.
    OpenWarehouse {
        /// The job.
        job: JobId,
    },
    /// Every skipped row of the loaded log, as CSV text.
    SkippedRows {
        /// The job.
        job: JobId,
    },
    /// The process map of the filtered log at these slider positions.
    Map {
        /// The job.
        job: JobId,
        /// Slider positions.
        options: MapOptions,
        /// What labels and shading show.
        measure: Measure,
        /// Language of numbers and units.
        lang: Lang,
    },
    /// The variants of the filtered log.
    Variants {
        /// The job.
        job: JobId,
    },
    /// Case statistics of the filtered log (durations, arrivals, work in progress).
    Overview {
        /// The job.
        job: JobId,
    },
    /// A page of the case list of the filtered log: every case (or those whose id contains
    /// a text), sorted by a column; at most [`CASE_PAGE_LIMIT`] rows.
    ListCases {
        /// The job.
        job: JobId,
        /// Search, order and page.
        query: CaseListQuery,
    },
    /// One case with its events.
    Case {
        /// The job.
        job: JobId,
        /// The case id.
        id: String,
    },
    /// Filter the current log with this chain; every later answer reflects it. The worker
    /// answers [`Response::Filtered`].
    SetFilters {
        /// The job.
        job: JobId,
        /// The chain (empty: the whole log).
        chain: FilterChain,
    },
    /// What filters can choose from: columns and their values, activities, resources, the
    /// time span (of the whole log, not the filtered one).
    FilterChoices {
        /// The job.
        job: JobId,
    },
    /// One service analysis of the filtered log.
    Analysis {
        /// The job.
        job: JobId,
        /// Which.
        kind: AnalysisKind,
        /// The vocabulary, SLA rules and other choices.
        setup: Box<AnalysisSetup>,
    },
    /// Compare the cases chain `a` keeps with those chain `b` keeps (each applied to the whole
    /// log); the worker answers [`Response::Compared`].
    Compare {
        /// The job.
        job: JobId,
        /// Segment A.
        a: FilterChain,
        /// Segment B.
        b: FilterChain,
        /// The vocabulary and SLA rules the KPIs use.
        setup: Box<AnalysisSetup>,
    },
    /// The difference map of the cases chain `a` keeps against those chain `b` keeps; the
    /// worker answers [`Response::DiffMap`].
    DiffMap {
        /// The job.
        job: JobId,
        /// Segment A.
        a: FilterChain,
        /// Segment B.
        b: FilterChain,
        /// Slider positions.
        options: MapOptions,
        /// What it compares.
        measure: DiffMeasure,
        /// The language of its numbers.
        lang: Lang,
    },
    /// The week the whole log's weekly KPIs most likely shifted; the worker answers
    /// [`Response::ChangePoint`].
    SuggestChange {
        /// The job.
        job: JobId,
        /// The vocabulary and SLA rules the KPIs use.
        setup: Box<AnalysisSetup>,
    },
    /// Stop a running job; the worker answers [`Response::Cancelled`].
    Cancel {
        /// The job to stop.
        job: JobId,
    },
}

/// What an import produced, for the page to show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    /// The log's figures.
    pub summary: Summary,
    /// Data rows (XES: events) read, skipped ones included.
    pub rows: u64,
    /// Skipped rows: counts by reason and the first rows of each.
    pub skipped: SkipReport,
    /// Snapshot rows merged into the row before (the same state).
    pub collapsed: u64,
    /// What the user should know about the mapping.
    pub warnings: Vec<Warning>,
    /// The source format.
    pub format: SourceFormat,
    /// Bytes read.
    pub bytes: u64,
    /// Seconds the worker spent.
    pub seconds: f64,
    /// Workers that read parts of the file at once (1: one pass).
    #[serde(default)]
    pub parts: u32,
    /// The engine worker's memory after the import, in bytes: its peak, since a wasm memory
    /// only grows (0 when unknown).
    #[serde(default)]
    pub memory: u64,
}

/// Why a job failed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum JobError {
    /// The file cannot be imported.
    Import(ImportError),
    /// The browser could not read the file (it was moved or changed after it was chosen).
    Read(String),
    /// The file is not a result of the warehouse query.
    Warehouse(ReadError),
}

/// What the worker tells the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Response {
    /// The worker listens; requests can be sent.
    Ready {
        /// The engine version the worker runs.
        version: String,
    },
    /// A job advanced.
    Progress {
        /// The job.
        job: JobId,
        /// Bytes read so far.
        done: u64,
        /// Bytes in all.
        total: u64,
        /// Rows read so far.
        rows: u64,
    },
    /// The head of a file was inspected.
    Inspected {
        /// The job.
        job: JobId,
        /// What was found.
        inspection: Box<Inspection>,
    },
    /// A log was imported and is now the worker's current log.
    Imported {
        /// The job.
        job: JobId,
        /// What came out.
        report: Box<ImportReport>,
    },
    /// A warehouse result was read and is now the worker's current map.
    Warehouse {
        /// The job.
        job: JobId,
        /// Its figures besides the map and the variants.
        summary: Box<WarehouseSummary>,
    },
    /// The skipped rows of the current log.
    SkippedRows {
        /// The job.
        job: JobId,
        /// CSV text: `row,reason,column,value`.
        csv: String,
    },
    /// A process map.
    Map {
        /// The job.
        job: JobId,
        /// The map.
        map: Box<MapView>,
    },
    /// The variants.
    Variants {
        /// The job.
        job: JobId,
        /// The list.
        variants: Box<VariantsView>,
    },
    /// Case statistics.
    Overview {
        /// The job.
        job: JobId,
        /// The figures.
        stats: Box<CaseStats>,
    },
    /// A page of the case list.
    CasePage {
        /// The job.
        job: JobId,
        /// The rows.
        page: Box<CasePage>,
    },
    /// One case (`None` when the log has no case with that id).
    Case {
        /// The job.
        job: JobId,
        /// The case.
        case: Option<Box<CaseDetail>>,
    },
    /// The filter chain was applied (or could not be).
    Filtered {
        /// The job.
        job: JobId,
        /// What the filtered log holds.
        state: FilterState,
    },
    /// What filters can choose from.
    Choices {
        /// The job.
        job: JobId,
        /// The choices.
        choices: Box<FilterChoices>,
    },
    /// A service analysis.
    Analysis {
        /// The job.
        job: JobId,
        /// The report.
        report: Box<AnalysisReport>,
    },
    /// A helper's answer to [`Request::ScanRange`].
    Scanned {
        /// The job.
        job: JobId,
        /// What the range holds.
        scan: RangeScan,
    },
    /// A helper's answer to [`Request::ImportPart`]: the piece's bytes
    /// (`ingest::parallel::Piece::to_bytes`) travel beside it ([`envelope::pack_bytes`]).
    Piece {
        /// The job.
        job: JobId,
        /// Data rows in the piece.
        rows: u64,
    },
    /// The job stopped because the page asked.
    Cancelled {
        /// The job.
        job: JobId,
    },
    /// The job could not be done.
    Failed {
        /// The job.
        job: JobId,
        /// Why.
        error: JobError,
    },
    /// Two segments compared, or why a chain could not be applied.
    Compared {
        /// The job.
        job: JobId,
        /// The comparison.
        comparison: Result<Box<Comparison>, FilterError>,
    },
    /// A difference map, or why a chain could not be applied.
    DiffMap {
        /// The job.
        job: JobId,
        /// The map.
        map: Result<Box<DiffMap>, FilterError>,
    },
    /// The suggested change point (`None`: no clear change).
    ChangePoint {
        /// The job.
        job: JobId,
        /// The change point.
        point: Option<ChangePoint>,
    },
    /// A conformance check aligned `done` of its `total` variants; it goes on unless the page
    /// sends [`Request::Cancel`] (then [`Response::Cancelled`] comes instead of its report).
    Aligning {
        /// The job (the conformance analysis asked for).
        job: JobId,
        /// Variants aligned so far.
        done: u64,
        /// Variants in all.
        total: u64,
    },
    /// The worker hit a bug and cannot go on (a Rust panic). The page tells the user to
    /// reload.
    Crashed {
        /// The panic message, for the console and bug reports.
        message: String,
    },
}

impl Response {
    /// The job this response belongs to, if any.
    pub fn job(&self) -> Option<JobId> {
        match self {
            Response::Ready { .. } | Response::Crashed { .. } => None,
            Response::Progress { job, .. }
            | Response::Inspected { job, .. }
            | Response::Imported { job, .. }
            | Response::SkippedRows { job, .. }
            | Response::Warehouse { job, .. }
            | Response::Map { job, .. }
            | Response::Variants { job, .. }
            | Response::Overview { job, .. }
            | Response::CasePage { job, .. }
            | Response::Case { job, .. }
            | Response::Filtered { job, .. }
            | Response::Choices { job, .. }
            | Response::Analysis { job, .. }
            | Response::Aligning { job, .. }
            | Response::Compared { job, .. }
            | Response::DiffMap { job, .. }
            | Response::ChangePoint { job, .. }
            | Response::Scanned { job, .. }
            | Response::Piece { job, .. }
            | Response::Cancelled { job }
            | Response::Failed { job, .. } => Some(*job),
        }
    }
}

/// The few [`Response`]s the engine worker reads from its helper workers, read as such (the
/// same tags and fields): deserialising the whole [`Response`] would put the code that reads
/// every view's data into the worker's wasm for nothing.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum HelperAnswer {
    /// [`Response::Ready`].
    Ready,
    /// [`Response::Progress`].
    Progress {
        /// The job.
        job: JobId,
        /// Bytes read so far.
        done: u64,
        /// Rows read so far.
        rows: u64,
    },
    /// [`Response::Scanned`].
    Scanned {
        /// The job.
        job: JobId,
        /// What the range holds.
        scan: RangeScan,
    },
    /// [`Response::Piece`].
    Piece {
        /// The job.
        job: JobId,
    },
    /// [`Response::Cancelled`].
    Cancelled {
        /// The job.
        job: JobId,
    },
    /// [`Response::Failed`].
    Failed {
        /// The job.
        job: JobId,
    },
    /// Any other response.
    #[serde(other)]
    Other,
}

impl HelperAnswer {
    /// The job the answer is about (none for [`HelperAnswer::Ready`] and
    /// [`HelperAnswer::Other`]).
    pub fn job(&self) -> Option<JobId> {
        match self {
            HelperAnswer::Progress { job, .. }
            | HelperAnswer::Scanned { job, .. }
            | HelperAnswer::Piece { job }
            | HelperAnswer::Cancelled { job }
            | HelperAnswer::Failed { job } => Some(*job),
            HelperAnswer::Ready | HelperAnswer::Other => None,
        }
    }
}

/// How a [`Request`] or [`Response`] travels through `postMessage`: a JavaScript object
/// `{ body, file }` whose `body` is the serialised message and `file` an optional `File`.
pub mod envelope {
    use serde::Serialize;
    use serde::de::DeserializeOwned;
    use wasm_bindgen::{JsCast, JsValue};

    const BODY: &str = "body";
    const FILE: &str = "file";
    const BYTES: &str = "bytes";

    /// Packs a message (and a file) into one JavaScript object.
    ///
    /// # Errors
    /// When the message cannot be serialised (a number too large for JavaScript).
    pub fn pack<T: Serialize>(body: &T, file: Option<&web_sys::Blob>) -> Result<JsValue, JsValue> {
        let object = js_sys::Object::new();
        let body = serde_wasm_bindgen::to_value(body).map_err(JsValue::from)?;
        js_sys::Reflect::set(&object, &BODY.into(), &body)?;
        if let Some(file) = file {
            js_sys::Reflect::set(&object, &FILE.into(), file)?;
        }
        Ok(object.into())
    }

    /// Packs a message with bytes (a helper's piece); post it with the bytes' buffer in the
    /// transfer list, so that it moves instead of being copied.
    ///
    /// # Errors
    /// As [`pack`].
    pub fn pack_bytes<T: Serialize>(body: &T, bytes: &js_sys::Uint8Array) -> Result<JsValue, JsValue> {
        let object = pack(body, None)?;
        js_sys::Reflect::set(&object, &BYTES.into(), bytes)?;
        Ok(object)
    }

    /// The bytes [`pack_bytes`] put in a message, if any.
    pub fn bytes(value: &JsValue) -> Option<js_sys::Uint8Array> {
        js_sys::Reflect::get(value, &BYTES.into()).ok()?.dyn_into::<js_sys::Uint8Array>().ok()
    }

    /// Unpacks a message (and its file, if any) from what `postMessage` delivered.
    ///
    /// # Errors
    /// When the value is not an envelope or its body is not a valid message.
    pub fn unpack<T: DeserializeOwned>(value: &JsValue) -> Result<(T, Option<web_sys::Blob>), JsValue> {
        let body = js_sys::Reflect::get(value, &BODY.into())?;
        let message = serde_wasm_bindgen::from_value(body).map_err(JsValue::from)?;
        let file = js_sys::Reflect::get(value, &FILE.into())?.dyn_into::<web_sys::Blob>().ok();
        Ok((message, file))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use casemap_engine::ingest::{ImportOptions, inspect};

    #[test]
    fn helper_answers_read_the_responses_helpers_send() {
        let read =
            |response: &Response| serde_json::from_value::<HelperAnswer>(serde_json::to_value(response).unwrap());
        let scan = RangeScan { quotes: 3, cuts: [Some(10), None] };
        assert_eq!(read(&Response::Scanned { job: 2, scan }).unwrap(), HelperAnswer::Scanned { job: 2, scan });
        assert_eq!(
            read(&Response::Progress { job: 2, done: 5, total: 9, rows: 1 }).unwrap(),
            HelperAnswer::Progress { job: 2, done: 5, rows: 1 }
        );
        assert_eq!(read(&Response::Piece { job: 2, rows: 7 }).unwrap(), HelperAnswer::Piece { job: 2 });
        assert_eq!(read(&Response::Ready { version: "1".into() }).unwrap(), HelperAnswer::Ready);
        assert_eq!(read(&Response::Cancelled { job: 2 }).unwrap(), HelperAnswer::Cancelled { job: 2 });
        let failed = Response::Failed { job: 2, error: JobError::Read("gone".into()) };
        assert_eq!(read(&failed).unwrap(), HelperAnswer::Failed { job: 2 });
        assert_eq!(read(&Response::Crashed { message: "out of memory".into() }).unwrap(), HelperAnswer::Other);
    }

    #[test]
    fn messages_are_tagged_objects() {
        let request = Request::LoadSample { job: 3 };
        let inspect = Request::Inspect { job: 4, sheet: Some("Cases".into()) };
        let json = serde_json::to_value(&inspect).unwrap();
        assert_eq!(json, serde_json::json!({"type": "inspect", "job": 4, "sheet": "Cases"}));
        let json = serde_json::to_value(&request).unwrap();
        assert_eq!(json, serde_json::json!({"type": "load_sample", "job": 3}));
        let back: Request = serde_json::from_value(json).unwrap();
        assert_eq!(back, request);
    }

    #[test]
    fn a_case_list_request_names_its_sort_by_column() {
        use casemap_engine::discovery::cases::CaseSort;
        let query = CaseListQuery { sort: CaseSort::LastActivity, descending: true, limit: 50, ..Default::default() };
        let json = serde_json::to_value(Request::ListCases { job: 9, query }).unwrap();
        assert_eq!(json["type"], "list_cases");
        assert_eq!(json["query"]["sort"], "last_activity");
        let page = CasePage { total: 0, offset: 0, rows: Vec::new(), has_status: false };
        let response = Response::CasePage { job: 9, page: Box::new(page) };
        assert_eq!(response.job(), Some(9));
        let back: Response = serde_json::from_str(&serde_json::to_string(&response).unwrap()).unwrap();
        assert_eq!(back, response);
    }

    #[test]
    fn responses_round_trip_and_name_their_job() {
        let inspection = inspect(b"case;activity;time\n1;a;2024-01-05 10:00\n", &ImportOptions::default()).unwrap();
        let responses = [
            Response::Ready { version: "0.1.0".into() },
            Response::Progress { job: 1, done: 10, total: 20, rows: 2 },
            Response::Inspected { job: 1, inspection: Box::new(inspection) },
            Response::Cancelled { job: 2 },
            Response::Failed { job: 3, error: JobError::Import(ImportError::Empty) },
            Response::Failed { job: 3, error: JobError::Read("NotReadableError".into()) },
            Response::Crashed { message: "index out of bounds".into() },
        ];
        let jobs: Vec<_> = responses.iter().map(Response::job).collect();
        assert_eq!(jobs, [None, Some(1), Some(1), Some(2), Some(3), Some(3), None]);
        for response in responses {
            let json = serde_json::to_string(&response).unwrap();
            assert_eq!(serde_json::from_str::<Response>(&json).unwrap(), response);
        }
    }
}
