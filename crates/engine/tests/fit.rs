//! The estimate a page shows before an import (`ingest::fit`) against what the import takes:
//! the events it counts, and the memory it needs at its peak, measured here by an allocator
//! that records the most bytes ever live at once (this test binary's global allocator).

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use casemap_engine::ingest::fit::{self, Fit};
use casemap_engine::ingest::{HEAD_BYTES, ImportOptions, Importer, inspect};
use casemap_engine::sample::{SampleOptions, generate_csv};

/// Counts live heap bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call goes to the system allocator unchanged; the counters only add up sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A reallocation may hold both blocks at once: count the new one before the old goes.
        let live = LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size;
        PEAK.fetch_max(live, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The estimate for `bytes`, then the import's events and its peak heap (the file's bytes,
/// which the page never holds, left out), fed in 1 MiB chunks as the worker feeds slices.
fn estimate_and_import(bytes: &[u8]) -> (fit::Estimate, usize, usize) {
    let options = ImportOptions::default();
    let inspection = inspect(&bytes[..bytes.len().min(HEAD_BYTES)], &options).unwrap();
    let estimate = fit::estimate(bytes.len() as u64, &inspection, &inspection.mapping).expect("a CSV file's estimate");
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let mut importer = Importer::new(&inspection, &inspection.mapping, &options).unwrap();
    importer.expect_bytes(bytes.len() as u64, inspection.row_bytes);
    for chunk in bytes.chunks(1 << 20) {
        importer.feed(chunk);
    }
    let imported = importer.finish().unwrap();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    (estimate, imported.log.event_count(), peak)
}

/// Held by each test: no other test allocates while a peak is measured.
static ALONE: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn the_estimate_counts_the_events_and_does_not_understate_the_memory() {
    let _alone = ALONE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut files: Vec<(String, Vec<u8>)> = ["helpdesk", "sepsis", "bpic2012", "traffic_fines_10k_cases", "receipt"]
        .iter()
        .map(|name| (name.to_string(), std::fs::read(common::shared_data().join(format!("{name}.csv"))).unwrap()))
        .collect();
    files.push((
        "generated 20,000 cases".into(),
        generate_csv(&SampleOptions { cases: 20_000, ..SampleOptions::default() }),
    ));
    for (name, bytes) in &files {
        let (estimate, events, peak) = estimate_and_import(bytes);
        eprintln!(
            "{name}: {events} events, {} estimated; peak {peak} bytes, {} estimated",
            estimate.events, estimate.bytes
        );
        let error = estimate.events.abs_diff(events as u64) as f64 / events as f64;
        assert!(error < 0.05, "{name}: {} events estimated, {events} imported", estimate.events);
        assert!(
            estimate.bytes >= peak as u64 && estimate.bytes < 3 * peak as u64 + fit::BASE_BYTES,
            "{name}: {} bytes estimated, the import's peak was {peak}",
            estimate.bytes
        );
        assert_eq!(estimate.fit(), Fit::Fits, "{name}");
    }
}

#[test]
fn a_file_too_big_for_a_tab_is_said_to_be_before_its_import() {
    let _alone = ALONE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let options = ImportOptions::default();
    let head = generate_csv(&SampleOptions { cases: 300, ..SampleOptions::default() });
    let inspection = inspect(&head[..head.len().min(HEAD_BYTES)], &options).unwrap();
    let of = |size: u64| fit::estimate(size, &inspection, &inspection.mapping).unwrap();
    let per_byte = of(1 << 30).bytes as f64 / (1u64 << 30) as f64;
    assert_eq!(of(100 << 20).fit(), Fit::Fits);
    // Between half and 90 % of the 4 GiB a wasm memory can address: it may fit.
    let tight = (2.5 * (1u64 << 30) as f64 / per_byte) as u64;
    assert_eq!(of(tight).fit(), Fit::Tight, "{tight} bytes");
    // A 7 GB export (about 50 million events of this shape) may: the aim for a tab.
    let history = of(7_000_000_000);
    assert_eq!(history.fit(), Fit::Tight, "{} bytes estimated", history.bytes);
    assert!(history.events > 40_000_000, "{} events", history.events);
    // A 12 GB one cannot.
    assert_eq!(of(12_000_000_000).fit(), Fit::TooBig);
}
