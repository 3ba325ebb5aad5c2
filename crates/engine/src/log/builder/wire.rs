//! A builder's columns as bytes, to move a part of a parallel import from one worker to
//! another: little-endian numbers and length-prefixed strings, columns whole, id columns in
//! their own width (one byte per id for most).
//!
//! The bytes only travel between workers of the same build in one tab (never stored), so the
//! layout has no version beyond a magic number; reading checks every length and fails on bytes
//! that do not fit.

use super::values::{Flags, ValueColumn};
use super::{Interner, LogBuilder};
use crate::log::SourceRows;
use crate::log::codes::{Codes, MISSING};

const MAGIC: &[u8; 4] = b"CMB3";

/// Appends to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer {
    /// The bytes so far.
    pub bytes: Vec<u8>,
}

impl Writer {
    /// A number.
    pub fn u64(&mut self, value: u64) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    /// A string.
    pub fn str(&mut self, value: &str) {
        self.u64(value.len() as u64);
        self.bytes.extend_from_slice(value.as_bytes());
    }

    fn u32s(&mut self, values: impl ExactSizeIterator<Item = u32>) {
        self.u64(values.len() as u64);
        self.bytes.reserve(values.len() * 4);
        for value in values {
            self.bytes.extend_from_slice(&value.to_le_bytes());
        }
    }

    /// A column of ids in its own width: the width, the count, the ids.
    fn codes(&mut self, codes: &Codes) {
        self.u64(codes.width() as u64);
        self.u64(codes.len() as u64);
        self.bytes.reserve(codes.len() * codes.width());
        match codes {
            Codes::U8(v) => self.bytes.extend_from_slice(v),
            Codes::U16(v) => v.iter().for_each(|x| self.bytes.extend_from_slice(&x.to_le_bytes())),
            Codes::U32(v) => v.iter().for_each(|x| self.bytes.extend_from_slice(&x.to_le_bytes())),
        }
    }

    /// An attribute column: 0 and the ids per case and the flags, or 1 and the ids per event.
    fn values(&mut self, column: &ValueColumn) {
        match column {
            ValueColumn::PerCase { per_case, present } => {
                self.u64(0);
                self.codes(per_case);
                self.u64(present.len as u64);
                self.i64s_of(present.words.iter().map(|&w| w as i64));
            }
            ValueColumn::PerEvent(ids) => {
                self.u64(1);
                self.codes(ids);
            }
        }
    }

    fn i64s(&mut self, values: &[i64]) {
        self.i64s_of(values.iter().copied());
    }

    fn i64s_of(&mut self, values: impl ExactSizeIterator<Item = i64>) {
        self.u64(values.len() as u64);
        self.bytes.reserve(values.len() * 8);
        for value in values {
            self.bytes.extend_from_slice(&value.to_le_bytes());
        }
    }

    fn strings(&mut self, interner: &Interner) {
        self.u64(interner.names.len() as u64);
        for name in &interner.names {
            self.str(name);
        }
    }
}

/// Reads what a [`Writer`] wrote; every method returns `None` past the end.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes }
    }

    fn take(&mut self, count: usize) -> Option<&'a [u8]> {
        if count > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(count);
        self.bytes = rest;
        Some(head)
    }

    /// A number.
    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn len(&mut self, item: usize) -> Option<usize> {
        let count = usize::try_from(self.u64()?).ok()?;
        // A length that the rest cannot hold is damage, not a reason to allocate.
        (count.checked_mul(item)? <= self.bytes.len()).then_some(count)
    }

    /// A string.
    pub fn str(&mut self) -> Option<&'a str> {
        let count = self.len(1)?;
        std::str::from_utf8(self.take(count)?).ok()
    }

    fn u32s(&mut self) -> Option<Vec<u32>> {
        let count = self.len(4)?;
        let bytes = self.take(count * 4)?;
        Some(bytes.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
    }

    fn codes(&mut self) -> Option<Codes> {
        let width = self.u64()?;
        let count = self.len(usize::try_from(width).ok()?.max(1))?;
        Some(match width {
            1 => Codes::U8(self.take(count)?.to_vec()),
            2 => Codes::U16(self.take(count * 2)?.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect()),
            4 => Codes::U32(
                self.take(count * 4)?.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect(),
            ),
            _ => return None,
        })
    }

    fn values(&mut self) -> Option<ValueColumn> {
        Some(match self.u64()? {
            0 => {
                let per_case = self.codes()?;
                let len = usize::try_from(self.u64()?).ok()?;
                let words = self.i64s()?.into_iter().map(|w| w as u64).collect();
                let present = Flags { words, len };
                present.is_valid().then_some(ValueColumn::PerCase { per_case, present })?
            }
            1 => ValueColumn::PerEvent(self.codes()?),
            _ => return None,
        })
    }

    fn i64s(&mut self) -> Option<Vec<i64>> {
        let count = self.len(8)?;
        let bytes = self.take(count * 8)?;
        Some(bytes.chunks_exact(8).map(|b| i64::from_le_bytes(b.try_into().expect("8 bytes"))).collect())
    }

    fn strings(&mut self) -> Option<Interner> {
        let count = self.len(8)?;
        let mut interner = Interner::default();
        interner.names.reserve(count);
        for _ in 0..count {
            interner.names.push(self.str()?.into());
        }
        // Only [`Interner::absorb`] reads it: the names are enough, the table stays empty.
        Some(interner)
    }
}

impl LogBuilder {
    /// Writes the events pushed so far (not the attribute names: the reader has them).
    pub fn write(&self, out: &mut Writer) {
        out.bytes.extend_from_slice(MAGIC);
        out.u64(u64::from(self.start.is_some()));
        out.strings(&self.cases);
        out.strings(&self.activities);
        out.strings(&self.resources);
        out.u64(self.attribute_values.len() as u64);
        for values in &self.attribute_values {
            out.strings(values);
        }
        out.u32s(self.case.iter().copied());
        out.codes(&self.activity);
        out.i64s(&self.time);
        if let Some(start) = &self.start {
            out.i64s(start);
        }
        out.codes(&self.resource);
        // The rows as their jumps: a file position and a row each.
        let jumps: Vec<u32> = self.row.jumps().iter().flat_map(|&(position, row)| [position, row]).collect();
        out.u32s(jumps.into_iter());
        for column in &self.attribute_ids {
            out.values(column);
        }
    }

    /// Reads what [`LogBuilder::write`] wrote, for [`LogBuilder::append`]; `None` when the
    /// bytes are not such a builder.
    pub fn read(input: &mut Reader<'_>) -> Option<LogBuilder> {
        if input.take(4)? != MAGIC {
            return None;
        }
        let has_start = input.u64()? == 1;
        let cases = input.strings()?;
        let activities = input.strings()?;
        let resources = input.strings()?;
        let attributes = input.len(8)?;
        let attribute_values = (0..attributes).map(|_| input.strings()).collect::<Option<Vec<_>>>()?;
        let case = input.u32s()?;
        let activity = input.codes()?;
        let time = input.i64s()?;
        let start = if has_start { Some(input.i64s()?) } else { None };
        let resource = input.codes()?;
        let jumps = input.u32s()?;
        let attribute_ids: Vec<ValueColumn> = (0..attributes).map(|_| input.values()).collect::<Option<_>>()?;
        let events = activity.len();
        let row = SourceRows::from_jumps(jumps.chunks_exact(2).map(|j| (j[0], j[1])).collect(), events)?;
        let columns_agree = [case.len(), time.len(), resource.len()].iter().all(|&n| n == events)
            && start.as_ref().is_none_or(|start| start.len() == events)
            && attribute_ids.iter().all(|column| column.len() == events);
        // Every id names a string of its table (or is the missing id).
        fn fits(mut ids: impl Iterator<Item = u32>, table: &Interner) -> bool {
            ids.all(|id| (id as usize) < table.names.len())
        }
        let ids_fit = fits(case.iter().copied(), &cases)
            && fits(activity.iter(), &activities)
            && fits(resource.iter().filter(|&r| r != MISSING), &resources)
            && attribute_ids
                .iter()
                .zip(&attribute_values)
                .all(|(column, values)| fits(column.ids().iter().filter(|&v| v != MISSING), values));
        (columns_agree && ids_fit).then_some(LogBuilder {
            cases,
            activities,
            resources,
            case,
            activity,
            time,
            start,
            resource,
            row,
            attribute_names: Vec::new(),
            attribute_values,
            attribute_ids,
            newest_first: false,
        })
    }
}
