//! The messages between the page and its Web Worker.
//!
//! The page sends [`Request`]s, the worker answers with [`Response`]s. Both are plain serde
//! enums carried through `postMessage` as JavaScript values (serde-wasm-bindgen); a `File`,
//! which cannot be serialised, travels beside the request in the same message (structured
//! clone), never through the serialised body. See [`Envelope`].
//!
//! Every job has a [`JobId`] chosen by the page; responses name the job they belong to, so
//! the page can ignore the late answers of a job it cancelled or replaced.
//!
//! Ordering: the worker's first message is always [`Response::Ready`]. Messages the page
//! posts before that could be lost (the worker's wasm may not be listening yet), so the page
//! queues them until `Ready` arrives.

use casemap_engine::scan::ScanSummary;
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
    /// Read the file sent along in the envelope, slice by slice, reporting progress.
    ReadFile {
        /// The job.
        job: JobId,
        /// The file's name, for messages.
        name: String,
    },
    /// Build the sample data inside the worker and read it like a dropped file.
    ReadSample {
        /// The job.
        job: JobId,
    },
    /// Stop a running job; the worker answers [`Response::Cancelled`].
    Cancel {
        /// The job to stop.
        job: JobId,
    },
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
        /// Lines seen so far.
        lines: u64,
    },
    /// A file (or the sample) was read to its end.
    FileRead {
        /// The job.
        job: JobId,
        /// What the file is.
        summary: ScanSummary,
        /// Time the worker spent, in seconds.
        seconds: f64,
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
        /// Why, in English (shown to the user inside a translated sentence).
        message: String,
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
            | Response::FileRead { job, .. }
            | Response::Cancelled { job }
            | Response::Failed { job, .. } => Some(*job),
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
    use casemap_engine::scan::scan_bytes;

    #[test]
    fn messages_are_tagged_objects() {
        let request = Request::ReadFile { job: 3, name: "cases.csv".into() };
        let json = serde_json::to_value(&request).unwrap();
        assert_eq!(json, serde_json::json!({"type": "read_file", "job": 3, "name": "cases.csv"}));
        let back: Request = serde_json::from_value(json).unwrap();
        assert_eq!(back, request);
    }

    #[test]
    fn responses_round_trip_and_name_their_job() {
        let responses = [
            Response::Ready { version: "0.1.0".into() },
            Response::Progress { job: 1, done: 10, total: 20, lines: 2 },
            Response::FileRead { job: 1, summary: scan_bytes(b"a,b\n1,2\n"), seconds: 0.5 },
            Response::Cancelled { job: 2 },
            Response::Failed { job: 3, message: "NotReadableError".into() },
            Response::Crashed { message: "index out of bounds".into() },
        ];
        let jobs: Vec<_> = responses.iter().map(Response::job).collect();
        assert_eq!(jobs, [None, Some(1), Some(1), Some(2), Some(3), None]);
        for response in responses {
            let json = serde_json::to_string(&response).unwrap();
            assert_eq!(serde_json::from_str::<Response>(&json).unwrap(), response);
        }
    }
}
