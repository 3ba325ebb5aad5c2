//! The native driver of a parallel import: one thread per part.

use super::{PartImport, RangeScanner, join, nominal_starts, part_count, plan, ranges};
use crate::ingest::{ImportError, ImportOptions, Imported, Importer, Inspection, Mapping};

/// Why a parallel import failed.
#[derive(Debug)]
pub enum ParallelError<E> {
    /// The source could not be read.
    Read(E),
    /// The import failed (as in one pass).
    Import(ImportError),
}

/// Imports a CSV file of `bytes` bytes with up to `threads` threads (parts of at least
/// [`super::MIN_PART_BYTES`]); `read(start, end, on_chunk)` hands the file's bytes
/// `start..end` to `on_chunk`, in chunks of any size, and may be called from several threads
/// at once. Falls back to one pass when the file cannot be cut (see [`super::can_split`]) or
/// a cut turns out wrong. The result is the one pass's, exactly.
///
/// # Errors
/// When `read` fails, or as [`crate::ingest::Importer::finish`].
pub fn import_parallel<E: Send>(
    bytes: u64,
    threads: usize,
    inspection: &Inspection,
    mapping: &Mapping,
    options: &ImportOptions,
    read: impl Fn(u64, u64, &mut dyn FnMut(&[u8])) -> Result<(), E> + Sync,
) -> Result<Imported, ParallelError<E>> {
    let parts = if super::can_split(inspection) { part_count(bytes, threads) } else { 1 };
    if parts == 1 {
        return one_pass(bytes, inspection, mapping, options, &read);
    }
    let starts = cuts(bytes, parts, inspection, &read)?;
    let parsed = std::thread::scope(|scope| {
        let handles: Vec<_> = ranges(&starts, bytes)
            .into_iter()
            .enumerate()
            .map(|(k, (start, end))| {
                let read = &read;
                scope.spawn(move || {
                    let mut part = PartImport::new(inspection, mapping, options, k == 0)?;
                    // The first part takes in the others: room for all the rows at once, so
                    // that joining does not grow (and copy) its columns.
                    part.expect_bytes(if k == 0 { bytes } else { end - start }, inspection.row_bytes);
                    read(start, end, &mut |chunk| part.feed(chunk)).map_err(ParallelError::Read)?;
                    Ok(part.finish())
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("an import thread panicked"))
            .collect::<Result<Vec<_>, ParallelError<E>>>()
    });
    match join(parsed?) {
        Some(whole) => whole.finish().map_err(ParallelError::Import),
        // A quote inside an unquoted field fooled the cut: one pass.
        None => one_pass(bytes, inspection, mapping, options, &read),
    }
}

/// The import in one pass (any format).
fn one_pass<E>(
    bytes: u64,
    inspection: &Inspection,
    mapping: &Mapping,
    options: &ImportOptions,
    read: &impl Fn(u64, u64, &mut dyn FnMut(&[u8])) -> Result<(), E>,
) -> Result<Imported, ParallelError<E>> {
    let mut importer = Importer::new(inspection, mapping, options)?;
    importer.expect_bytes(bytes, inspection.row_bytes);
    read(0, bytes, &mut |chunk| importer.feed(chunk)).map_err(ParallelError::Read)?;
    Ok(importer.finish()?)
}

impl<E> From<ImportError> for ParallelError<E> {
    fn from(error: ImportError) -> Self {
        ParallelError::Import(error)
    }
}

/// The parts' starts: each nominal range scanned by its own thread.
fn cuts<E: Send>(
    bytes: u64,
    parts: usize,
    inspection: &Inspection,
    read: &(impl Fn(u64, u64, &mut dyn FnMut(&[u8])) -> Result<(), E> + Sync),
) -> Result<Vec<u64>, ParallelError<E>> {
    let quote = super::quote(inspection);
    let scans = std::thread::scope(|scope| {
        let handles: Vec<_> = ranges(&nominal_starts(bytes, parts), bytes)
            .into_iter()
            .map(|(start, end)| {
                scope.spawn(move || {
                    let mut scanner = RangeScanner::new(quote);
                    read(start, end, &mut |chunk| scanner.feed(chunk)).map(|()| (start, scanner.finish()))
                })
            })
            .collect();
        handles.into_iter().map(|handle| handle.join().expect("a scan thread panicked")).collect::<Result<Vec<_>, E>>()
    });
    Ok(plan(&scans.map_err(ParallelError::Read)?))
}
