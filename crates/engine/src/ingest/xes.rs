//! XES (IEEE 1849), plain or gzipped, read as it streams in.
//!
//! Chunks of the file are decompressed (for `.xes.gz`) and collected until they hold whole
//! `<trace>` elements; each run of complete traces is parsed with `quick-xml` and the rest
//! waits for the next chunk. So a file of any size is read with memory for its largest
//! trace, plus the log being built.
//!
//! # What becomes what
//! - A trace's `concept:name` is the case id; its other attributes become case attributes
//!   named `case:KEY` (as PM4Py names them when it turns a log into a table).
//! - An event's `concept:name` is the activity, `time:timestamp` the time, `org:resource` the
//!   resource; its other attributes (`lifecycle:transition`, ...) become event attributes.
//! - Nested attribute values (lists, containers, meta-attributes) are not imported.
//! - Events without an activity or a timestamp, and traces without a case id, are skipped and
//!   counted like CSV rows; their "row" is the event's position in the file (1 = first event).
//! - With [`XesOptions::merge_lifecycle`], a `start` event and the next `complete` event of the
//!   same activity in a trace become one event with a start and an end time; other transitions
//!   stay events of their own. Off by default, so that counts match a plain reading (PM4Py's).
//!
//! Timestamps with an offset become instants (UTC); see
//! [`timestamp`](super::timestamp) for the formats read.

use std::io::Write;

use quick_xml::events::{BytesStart, Event};
use serde::{Deserialize, Serialize};

use super::error::{ImportError, SkipReason, SkipReport};
use super::names::name_match;
use super::role::Role;
use super::timestamp::Parser;
use crate::log::builder::{LogBuilder, NewEvent};
use crate::log::{EventLog, ServiceField};
use crate::time::{DateOrder, Micros, TimeFormat};

/// Options of the XES reader.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct XesOptions {
    /// Merge lifecycle `start`/`complete` pairs into events with a start and an end time.
    pub merge_lifecycle: bool,
}

/// True when the first bytes of a (decompressed) file look like XES.
pub fn looks_like_xes(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]).to_ascii_lowercase();
    text.trim_start_matches('\u{feff}').trim_start().starts_with('<') && text.contains("<log")
}

/// Decompresses the start of a gzip stream (as much as `compressed` allows), for inspection.
pub fn gunzip_head(compressed: &[u8], limit: usize) -> Vec<u8> {
    let mut decoder = flate2::write::MultiGzDecoder::new(Vec::new());
    for chunk in compressed.chunks(64 * 1024) {
        if decoder.write_all(chunk).is_err() || decoder.get_ref().len() >= limit {
            break;
        }
    }
    let _ = decoder.flush();
    let mut out = std::mem::take(decoder.get_mut());
    out.truncate(limit);
    out
}

/// An attribute of a trace or an event, before it is placed.
#[derive(Debug, Clone)]
struct Attr {
    key: String,
    value: String,
}

#[derive(Debug, Default)]
struct PendingEvent {
    attrs: Vec<Attr>,
    ordinal: u64,
}

impl PendingEvent {
    fn get(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|attr| attr.key == key).map(|attr| attr.value.as_str())
    }
}

/// Reads XES chunk by chunk; see the [module docs](self).
pub struct XesImporter {
    gunzip: Option<flate2::write::MultiGzDecoder<Vec<u8>>>,
    pending: Vec<u8>,
    started: bool,
    options: XesOptions,
    builder: LogBuilder,
    skipped: SkipReport,
    events: u64,
    traces: u64,
    parser: Parser,
    error: Option<ImportError>,
    /// Attribute column of each key seen (for traces: `case:KEY`).
    columns: std::collections::HashMap<String, usize>,
}

impl XesImporter {
    /// A reader for a plain (`gzipped = false`) or gzipped XES file.
    pub fn new(gzipped: bool, options: XesOptions) -> Self {
        XesImporter {
            gunzip: gzipped.then(|| flate2::write::MultiGzDecoder::new(Vec::new())),
            pending: Vec::new(),
            started: false,
            options,
            builder: LogBuilder::new(Vec::new(), options.merge_lifecycle),
            skipped: SkipReport::default(),
            events: 0,
            traces: 0,
            parser: Parser::new(TimeFormat::Calendar { order: DateOrder::YearMonthDay }),
            error: None,
            columns: std::collections::HashMap::new(),
        }
    }

    /// Events read so far (skipped ones included).
    pub fn events(&self) -> u64 {
        self.events
    }

    /// Takes the next chunk of the file.
    pub fn feed(&mut self, chunk: &[u8]) {
        if self.error.is_some() {
            return;
        }
        match &mut self.gunzip {
            Some(decoder) => {
                if let Err(error) = decoder.write_all(chunk) {
                    self.error = Some(ImportError::Malformed { format: "gzip".into(), message: error.to_string() });
                    return;
                }
                self.pending.append(decoder.get_mut());
            }
            None => self.pending.extend_from_slice(chunk),
        }
        self.parse_complete_traces(false);
    }

    /// The events of the complete traces read so far as table rows (case, activity, time,
    /// resource, then the attributes), for a preview of the head of a file.
    pub fn preview(mut self, count: usize) -> (Vec<String>, Vec<Vec<String>>) {
        self.parse_complete_traces(false);
        let log = self.builder.finish();
        let mut header: Vec<String> =
            ["case:concept:name", "concept:name", "time:timestamp", "org:resource"].map(str::to_owned).to_vec();
        header.extend(log.attributes.iter().map(|attribute| attribute.name.clone()));
        let rows = crate::log::CaseIndex::all(log.case_count())
            .flat_map(|case| log.case_events(case).map(move |event| (case, event)))
            .take(count)
            .map(|(case, event)| {
                let mut row = vec![
                    log.case_ids[case.index()].to_string(),
                    log.activities.get(log.activity.get(event)).unwrap_or_default().to_owned(),
                    crate::time::to_iso(log.time[event]),
                    log.resources.get(log.resource.get(event)).unwrap_or_default().to_owned(),
                ];
                row.extend(log.attributes.iter().map(|a| a.value(case, event).unwrap_or_default().to_owned()));
                row
            })
            .collect();
        (header, rows)
    }

    /// Ends the input and returns the log.
    ///
    /// # Errors
    /// When the XML or the gzip stream is broken, or no event could be used.
    pub fn finish(mut self) -> Result<(EventLog, SkipReport, u64), ImportError> {
        if let Some(decoder) = &mut self.gunzip {
            if let Err(error) = decoder.try_finish() {
                self.error.get_or_insert(ImportError::Malformed { format: "gzip".into(), message: error.to_string() });
            }
            self.pending.append(decoder.get_mut());
        }
        self.parse_complete_traces(true);
        if let Some(error) = self.error {
            return Err(error);
        }
        if !self.started {
            return Err(ImportError::Malformed { format: "XES".into(), message: "no <log> element".into() });
        }
        let events = self.events;
        let log = self.builder.finish();
        if log.event_count() == 0 {
            return Err(if events == 0 { ImportError::NoRows } else { ImportError::AllRowsSkipped { rows: events } });
        }
        Ok((log, self.skipped, events))
    }

    /// Parses the traces that are complete in `pending`; at the end, whatever is left.
    fn parse_complete_traces(&mut self, last: bool) {
        if !self.started {
            if memchr::memmem::find(&self.pending, b"<log").is_none() {
                return;
            }
            self.started = true;
        }
        let Some(end) = memchr::memmem::rfind(&self.pending, b"</trace>").map(|at| at + b"</trace>".len()) else {
            if last && memchr::memmem::find(&self.pending, b"<trace").is_some() {
                self.error = Some(ImportError::Malformed {
                    format: "XES".into(),
                    message: "the file ends inside a trace: it may have been cut off".into(),
                });
            }
            return;
        };
        if last && memchr::memmem::find(&self.pending[end..], b"<trace").is_some() {
            self.error = Some(ImportError::Malformed {
                format: "XES".into(),
                message: "the file ends inside a trace: it may have been cut off".into(),
            });
            return;
        }
        // Start at the first trace not yet parsed (the log header is skipped the first time).
        let start = memchr::memmem::find(&self.pending[..end], b"<trace").unwrap_or(end);
        let block = self.pending[start..end].to_vec();
        self.pending.drain(..end);
        if let Err(message) = self.parse_block(&block) {
            self.error = Some(ImportError::Malformed { format: "XES".into(), message });
        }
    }

    fn parse_block(&mut self, block: &[u8]) -> Result<(), String> {
        let mut reader = quick_xml::Reader::from_reader(block);
        reader.config_mut().trim_text(true);
        let mut trace: Option<Vec<Attr>> = None;
        let mut events: Vec<PendingEvent> = Vec::new();
        let mut event: Option<PendingEvent> = None;
        // Depth inside an attribute element with children (list, container, meta-attributes).
        let mut nested = 0usize;
        loop {
            let position = reader.buffer_position();
            let xml = reader.read_event().map_err(|e| format!("{e} (at byte {position} of a block of traces)"))?;
            match xml {
                Event::Start(element) => {
                    match element.local_name().into_inner() {
                        _ if nested > 0 => nested += 1,
                        "trace" => {
                            trace = Some(Vec::new());
                            events.clear();
                        }
                        "event" => {
                            self.events += 1;
                            event = Some(PendingEvent { attrs: Vec::new(), ordinal: self.events });
                        }
                        _ => {
                            // An attribute with children: keep its own value, skip the children.
                            if let Some(attr) = attribute(&element) {
                                place(attr, &mut trace, &mut event);
                            }
                            nested = 1;
                        }
                    }
                }
                Event::Empty(element) if nested == 0 => {
                    if element.local_name().into_inner() == "event" {
                        self.events += 1;
                        events.push(PendingEvent { attrs: Vec::new(), ordinal: self.events });
                    } else if let Some(attr) = attribute(&element) {
                        place(attr, &mut trace, &mut event);
                    }
                }
                Event::End(element) => {
                    if nested > 0 {
                        nested -= 1;
                        continue;
                    }
                    match element.local_name().into_inner() {
                        "event" => {
                            if let Some(done) = event.take() {
                                events.push(done);
                            }
                        }
                        "trace" => {
                            let attrs = trace.take().unwrap_or_default();
                            self.emit_trace(&attrs, std::mem::take(&mut events));
                        }
                        _ => {}
                    }
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    fn emit_trace(&mut self, trace: &[Attr], events: Vec<PendingEvent>) {
        self.traces += 1;
        let Some(case) = trace.iter().find(|attr| attr.key == "concept:name").map(|attr| attr.value.clone()) else {
            for event in &events {
                self.skipped.skip(event.ordinal, Some("case:concept:name"), "", SkipReason::MissingCaseId);
            }
            return;
        };
        let case_attrs: Vec<(usize, String)> = trace
            .iter()
            .filter(|attr| attr.key != "concept:name")
            .map(|attr| (self.column(&format!("case:{}", attr.key)), attr.value.clone()))
            .collect();
        let mut parsed: Vec<(PendingEvent, Micros)> = Vec::with_capacity(events.len());
        for event in events {
            if event.get("concept:name").is_none() {
                self.skipped.skip(event.ordinal, Some("concept:name"), "", SkipReason::MissingActivity);
                continue;
            }
            let time = match event.get("time:timestamp") {
                None => {
                    self.skipped.skip(event.ordinal, Some("time:timestamp"), "", SkipReason::MissingTimestamp);
                    continue;
                }
                Some(value) => match self.parser.parse(value) {
                    Some(time) => time,
                    None => {
                        self.skipped.skip(event.ordinal, Some("time:timestamp"), value, SkipReason::BadTimestamp);
                        continue;
                    }
                },
            };
            parsed.push((event, time));
        }
        // Pair lifecycle start/complete events when asked.
        let mut start_of: Vec<Option<Micros>> = vec![None; parsed.len()];
        let mut keep = vec![true; parsed.len()];
        if self.options.merge_lifecycle {
            for i in 0..parsed.len() {
                if !keep[i] || transition(&parsed[i].0) != Some("start") {
                    continue;
                }
                let activity = parsed[i].0.get("concept:name");
                if let Some(j) = (i + 1..parsed.len()).find(|&j| {
                    keep[j]
                        && start_of[j].is_none()
                        && transition(&parsed[j].0) == Some("complete")
                        && parsed[j].0.get("concept:name") == activity
                }) {
                    start_of[j] = Some(parsed[i].1);
                    keep[i] = false;
                }
            }
        }
        let mut values: Vec<(usize, String)> = Vec::new();
        for (index, (event, time)) in parsed.iter().enumerate() {
            if !keep[index] {
                continue;
            }
            values.clear();
            values.extend(case_attrs.iter().cloned());
            for attr in &event.attrs {
                if matches!(attr.key.as_str(), "concept:name" | "time:timestamp" | "org:resource") {
                    continue;
                }
                values.push((self.column(&attr.key), attr.value.clone()));
            }
            let borrowed: Vec<(usize, &str)> = values.iter().map(|(i, v)| (*i, v.as_str())).collect();
            self.builder.push_sparse(
                NewEvent {
                    case: &case,
                    activity: event.get("concept:name").unwrap_or_default(),
                    time: *time,
                    start: start_of[index],
                    resource: event.get("org:resource"),
                    row: u32::try_from(event.ordinal).unwrap_or(u32::MAX),
                },
                &borrowed,
            );
        }
    }
}

impl XesImporter {
    /// The attribute column of a key, created (with its service meaning) on first sight.
    fn column(&mut self, key: &str) -> usize {
        if let Some(&index) = self.columns.get(key) {
            return index;
        }
        let index = self.builder.attribute(key, service_field(key));
        self.columns.insert(key.to_owned(), index);
        index
    }
}

/// The lifecycle transition of an event: `start`, `complete` or `other`.
fn transition(event: &PendingEvent) -> Option<&'static str> {
    event.get("lifecycle:transition").map(|value| {
        if value.eq_ignore_ascii_case("start") {
            "start"
        } else if value.eq_ignore_ascii_case("complete") {
            "complete"
        } else {
            "other"
        }
    })
}

/// The service meaning of an attribute, from its key (`case:` prefix ignored).
fn service_field(key: &str) -> Option<ServiceField> {
    let key = key.strip_prefix("case:").unwrap_or(key);
    [Role::Team, Role::Priority, Role::Channel, Role::CaseType, Role::Status, Role::SlaDue, Role::Csat, Role::Escalated]
        .into_iter()
        .find(|role| name_match(key, *role) == Some(super::names::NameMatch::Exact))
        .and_then(Role::service_field)
}

/// The key and value of an attribute element (`<string key=".." value=".."/>`, ...).
fn attribute(element: &BytesStart<'_>) -> Option<Attr> {
    if !matches!(element.local_name().into_inner(), "string" | "date" | "int" | "float" | "boolean" | "id") {
        return None;
    }
    let mut key = None;
    let mut value = None;
    for attr in element.attributes().flatten() {
        // Entities resolved, white space normalised as XML 1.0 says; a value with a broken
        // entity is kept as written.
        let text = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|value| value.into_owned())
            .unwrap_or_else(|_| attr.value.to_string());
        match attr.key.local_name().into_inner() {
            "key" => key = Some(text),
            "value" => value = Some(text),
            _ => {}
        }
    }
    Some(Attr { key: key?, value: value? })
}

fn place(attr: Attr, trace: &mut Option<Vec<Attr>>, event: &mut Option<PendingEvent>) {
    if let Some(event) = event {
        event.attrs.push(attr);
    } else if let Some(trace) = trace {
        trace.push(attr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"<?xml version="1.0" encoding="UTF-8" ?>
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <global scope="event"><string key="concept:name" value="__INVALID__"/></global>
  <string key="concept:name" value="the log"/>
  <trace>
    <string key="concept:name" value="case-2"/>
    <string key="channel" value="Email &amp; Web"/>
    <event>
      <string key="concept:name" value="Created"/>
      <date key="time:timestamp" value="2024-01-05T10:22:00.000+01:00"/>
      <string key="org:resource" value="Anna"/>
      <string key="lifecycle:transition" value="start"/>
    </event>
    <event>
      <string key="concept:name" value="Created"/>
      <date key="time:timestamp" value="2024-01-05T10:30:00.000+01:00"/>
      <string key="lifecycle:transition" value="complete"/>
      <list key="tags"><values><string key="tag" value="x"/></values></list>
    </event>
    <event><string key="concept:name" value="No time"/></event>
  </trace>
  <trace>
    <string key="concept:name" value="case-1"/>
    <event>
      <string key="concept:name" value="Closed"/>
      <date key="time:timestamp" value="2024-01-06T08:00:00Z"/>
    </event>
  </trace>
</log>"#;

    fn read(bytes: &[u8], gzipped: bool, chunk: usize, options: XesOptions) -> (EventLog, SkipReport, u64) {
        let mut importer = XesImporter::new(gzipped, options);
        for piece in bytes.chunks(chunk.max(1)) {
            importer.feed(piece);
        }
        importer.finish().unwrap()
    }

    #[test]
    fn traces_events_and_attributes_whatever_the_chunks() {
        for chunk in [1, 7, 64, 100_000] {
            let (log, skipped, events) = read(SMALL.as_bytes(), false, chunk, XesOptions::default());
            assert_eq!(events, 4, "chunk {chunk}");
            assert_eq!(log.event_count(), 3);
            assert_eq!(log.case_ids, vec!["case-1".into(), "case-2".into()] as Vec<Box<str>>);
            assert_eq!(skipped.total, 1);
            assert_eq!(skipped.examples[0].reason, SkipReason::MissingTimestamp);
            assert_eq!(skipped.examples[0].row, 3);
            let channel = log.attributes.iter().find(|a| a.name == "case:channel").unwrap();
            assert_eq!(channel.field, Some(ServiceField::Channel));
            assert_eq!(channel.value(crate::log::CaseIndex(1), 1), Some("Email & Web"));
            // 10:22+01:00 is 09:22 UTC.
            assert_eq!(crate::time::to_iso(log.time[1]), "2024-01-05T09:22:00Z");
            assert_eq!(log.resources.len(), 1);
        }
    }

    #[test]
    fn lifecycle_pairs_merge_when_asked() {
        let (log, _, _) = read(SMALL.as_bytes(), false, 50, XesOptions { merge_lifecycle: true });
        assert_eq!(log.event_count(), 2);
        let start = log.start.as_ref().unwrap();
        let created = log.case_events(crate::log::CaseIndex(1)).start;
        assert_eq!(crate::time::to_iso(start[created]), "2024-01-05T09:22:00Z");
        assert_eq!(crate::time::to_iso(log.time[created]), "2024-01-05T09:30:00Z");
    }

    #[test]
    fn gzipped_files_read_the_same() {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(SMALL.as_bytes()).unwrap();
        let gz = encoder.finish().unwrap();
        let (log, _, _) = read(&gz, true, 13, XesOptions::default());
        assert_eq!(log.event_count(), 3);
        assert!(looks_like_xes(&gunzip_head(&gz, 1000)));
    }

    #[test]
    fn broken_xml_is_a_clear_error() {
        let mut importer = XesImporter::new(false, XesOptions::default());
        importer.feed(b"<log><trace><string key=\"concept:name\" value=\"1\"/><event></trace></log>");
        assert!(matches!(importer.finish(), Err(ImportError::Malformed { .. })));
        let mut importer = XesImporter::new(true, XesOptions::default());
        importer.feed(b"\x1f\x8b\x08\x00not gzip at all");
        assert!(matches!(importer.finish(), Err(ImportError::Malformed { .. })));
    }
}
