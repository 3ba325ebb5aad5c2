//! The browser side of the app, in headless Chromium (wasm-bindgen-test): the page-worker
//! message envelope with a real `File`, and reading a real Blob in slices as the worker does.
#![cfg(target_arch = "wasm32")]

use std::ops::ControlFlow;

use casemap_engine::ingest::{ImportOptions, Importer, import_bytes, inspect};
use casemap_engine::scan::{LineEndings, Scanner, scan_bytes};
use casemap_protocol::{Request, Response, envelope};
use casemap_worker::runtime::{blob_from_bytes, read_slices};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn file(bytes: &[u8], name: &str) -> web_sys::File {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap()
}

fn structured_clone(value: &wasm_bindgen::JsValue) -> wasm_bindgen::JsValue {
    let clone = js_sys::Reflect::get(&js_sys::global(), &"structuredClone".into()).unwrap();
    clone.unchecked_into::<js_sys::Function>().call1(&wasm_bindgen::JsValue::NULL, value).unwrap()
}

#[wasm_bindgen_test]
fn a_request_travels_with_its_file() {
    let dropped = file(b"case,activity\n1,Created\n", "cases.csv");
    let request = Request::Inspect { job: 7, sheet: None };
    let packed = envelope::pack(&request, Some(&dropped)).unwrap();
    // postMessage delivers a structured clone of the message.
    let (back, file): (Request, _) = envelope::unpack(&structured_clone(&packed)).unwrap();
    assert_eq!(back, request);
    let file = file.expect("the file travels along").dyn_into::<web_sys::File>().unwrap();
    assert_eq!(file.name(), "cases.csv");
    assert_eq!(file.size(), 24.0);
}

#[wasm_bindgen_test]
fn responses_survive_the_envelope() {
    let inspection =
        inspect("Numero caso;Attività;Data\r\nC-1;Apertura;05.01.2024 10:22\r\n".as_bytes(), &ImportOptions::default())
            .unwrap();
    let response = Response::Inspected { job: 3, inspection: Box::new(inspection) };
    let packed = envelope::pack(&response, None).unwrap();
    let (back, file): (Response, _) = envelope::unpack(&structured_clone(&packed)).unwrap();
    assert_eq!(back, response);
    assert!(file.is_none());
}

#[wasm_bindgen_test]
fn a_process_map_survives_the_envelope_and_draws_the_same_svg() {
    use casemap_engine::discovery::draw::{MapDrawing, Measure};
    use casemap_engine::discovery::map::{MapOptions, process_map};
    use casemap_engine::format::Lang;
    use casemap_engine::log::Selection;
    use casemap_protocol::MapView;

    let csv = "case,activity,time\n1,Open,2024-01-01 09:00\n1,Work,2024-01-01 10:30\n1,Close,2024-01-02 09:00\n\
               2,Open,2024-01-01 11:00\n2,Close,2024-01-01 12:00\n";
    let log = import_bytes(csv.as_bytes(), &ImportOptions::default()).unwrap().log;
    let map = process_map(&log, Selection::All, MapOptions::EVERYTHING);
    let drawing = MapDrawing::new(&log, &map, Measure::Median, Lang::It);
    let view = MapView { drawing: drawing.clone(), dfg: map.dfg, activities_total: 3, kept: 3, paths: 100.0 };
    let response = Response::Map { job: 9, map: Box::new(view) };
    let packed = envelope::pack(&response, None).unwrap();
    let (back, _): (Response, _) = envelope::unpack(&structured_clone(&packed)).unwrap();
    assert_eq!(back, response);
    let Response::Map { map, .. } = back else { unreachable!() };
    // Italian units on the performance labels, and the same SVG after the trip.
    assert!(map.drawing.edges.iter().any(|e| e.label == "1 h 30 min"), "{:?}", map.drawing.edges);
    assert_eq!(map.drawing.to_svg(), drawing.to_svg());
}

#[wasm_bindgen_test]
fn garbage_is_not_a_message() {
    assert!(envelope::unpack::<Request>(&wasm_bindgen::JsValue::from_str("hello")).is_err());
    let wrong = js_sys::JSON::parse(r#"{"body": {"type": "format_disk"}}"#).unwrap();
    assert!(envelope::unpack::<Request>(&wrong).is_err());
}

#[wasm_bindgen_test]
async fn slices_of_a_real_blob_give_the_same_summary_as_the_whole() {
    // CR LF pairs and a UTF-8 character cut by slice boundaries of 7 bytes.
    let text = "case_id;activity\r\nCS-1;Attività creata\r\nCS-1;Chiusa\r\nCS-2;工单已创建\r\n".repeat(40);
    let blob = blob_from_bytes(text.as_bytes()).unwrap();
    let mut scanner = Scanner::new();
    let mut reports = Vec::new();
    let complete = read_slices(&blob, 7, |chunk, done, total| {
        scanner.feed(chunk);
        reports.push((done, total));
        ControlFlow::Continue(())
    })
    .await
    .unwrap();
    assert!(complete);
    let summary = scanner.finish();
    assert_eq!(summary, scan_bytes(text.as_bytes()));
    assert_eq!(summary.lines, 160);
    assert_eq!(summary.line_endings, LineEndings::CrLf);
    let total = text.len() as u64;
    assert_eq!(reports.len() as u64, total.div_ceil(7));
    assert!(reports.windows(2).all(|pair| pair[0].0 < pair[1].0), "progress goes forward");
    assert_eq!(reports.last(), Some(&(total, total)));
}

#[wasm_bindgen_test]
async fn a_file_imported_in_slices_in_the_browser_equals_one_imported_at_once() {
    let csv = casemap_engine::sample::generate_csv(&casemap_engine::sample::SampleOptions {
        cases: 300,
        ..Default::default()
    });
    let options = ImportOptions::default();
    let inspection = inspect(&csv, &options).unwrap();
    let mut importer = Importer::new(&inspection, &inspection.mapping, &options).unwrap();
    let blob = blob_from_bytes(&csv).unwrap();
    read_slices(&blob, 65_537, |chunk, _, _| {
        importer.feed(chunk);
        ControlFlow::Continue(())
    })
    .await
    .unwrap();
    let sliced = importer.finish().unwrap();
    let whole = import_bytes(&csv, &options).unwrap();
    assert_eq!(sliced.log, whole.log);
    assert_eq!(sliced.log.case_count(), 300);
}

#[wasm_bindgen_test]
async fn reading_stops_when_asked() {
    let blob = blob_from_bytes(&vec![b'x'; 1000]).unwrap();
    let mut slices = 0;
    let complete = read_slices(&blob, 100, |_, _, _| {
        slices += 1;
        if slices == 3 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    })
    .await
    .unwrap();
    assert!(!complete);
    assert_eq!(slices, 3);
}

#[wasm_bindgen_test]
async fn an_empty_file_is_read_at_once() {
    let blob = blob_from_bytes(b"").unwrap();
    let mut slices = 0;
    assert!(
        read_slices(&blob, 100, |_, _, _| {
            slices += 1;
            ControlFlow::Continue(())
        })
        .await
        .unwrap()
    );
    assert_eq!(slices, 0);
}
