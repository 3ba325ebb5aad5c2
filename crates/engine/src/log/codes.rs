//! A column of ids in the narrowest width that holds every id pushed so far.
//!
//! While a file is read, the builder keeps one id per event for the activity, the resource and
//! every attribute column, before it knows how many distinct values each has. Most have a few
//! dozen (priorities, channels, states, teams), so a `u32` per event wastes three bytes of
//! four: [`Codes`] starts with one byte per id and widens the whole column to two, then four,
//! the first time an id does not fit. The missing id ([`MISSING`], `u32::MAX`) is stored as
//! the width's largest value.

/// The id of a missing value, as [`Codes::get`] returns it.
pub const MISSING: u32 = u32::MAX;

/// Ids stored as `u8`, `u16` or `u32`; see the [module docs](self). Two columns are equal
/// when their ids are, whatever their widths.
#[derive(Debug, Clone)]
pub enum Codes {
    /// Ids below 255 (255 is missing).
    U8(Vec<u8>),
    /// Ids below 65,535 (65,535 is missing).
    U16(Vec<u16>),
    /// Any id (`u32::MAX` is missing).
    U32(Vec<u32>),
}

impl PartialEq for Codes {
    fn eq(&self, other: &Codes) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Codes {}

/// Serialised as the list of ids (`u32::MAX` for a missing one), as a `Vec<u32>` would be.
impl serde::Serialize for Codes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl FromIterator<u32> for Codes {
    fn from_iter<T: IntoIterator<Item = u32>>(iter: T) -> Codes {
        let iter = iter.into_iter();
        let mut codes = Codes::default();
        codes.reserve(iter.size_hint().0);
        for id in iter {
            codes.push(id);
        }
        codes
    }
}

impl Default for Codes {
    fn default() -> Self {
        Codes::U8(Vec::new())
    }
}

/// A width's value of `id` (`MISSING` becomes the width's largest value), or `None` when it
/// does not fit.
#[inline]
fn narrow<T: TryFrom<u32> + Bounded>(id: u32) -> Option<T> {
    if id == MISSING {
        return Some(T::MAX);
    }
    T::try_from(id).ok().filter(|v| *v != T::MAX)
}

/// The largest value of a width: its missing id.
pub(crate) trait Bounded: Copy + PartialEq {
    const MAX: Self;
}

impl Bounded for u8 {
    const MAX: u8 = u8::MAX;
}

impl Bounded for u16 {
    const MAX: u16 = u16::MAX;
}

/// The id a stored value stands for.
#[inline]
pub(crate) fn wide<T: Into<u32> + Bounded>(value: T) -> u32 {
    if value == T::MAX { MISSING } else { value.into() }
}

impl Codes {
    /// `count` missing ids.
    pub fn missing(count: usize) -> Codes {
        Codes::U8(vec![u8::MAX; count])
    }

    /// The number of ids.
    pub fn len(&self) -> usize {
        match self {
            Codes::U8(v) => v.len(),
            Codes::U16(v) => v.len(),
            Codes::U32(v) => v.len(),
        }
    }

    /// True when there is no id.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes per id: 1, 2 or 4.
    pub fn width(&self) -> usize {
        match self {
            Codes::U8(_) => 1,
            Codes::U16(_) => 2,
            Codes::U32(_) => 4,
        }
    }

    /// Makes room for `additional` more ids at the current width.
    pub fn reserve(&mut self, additional: usize) {
        match self {
            Codes::U8(v) => v.reserve(additional),
            Codes::U16(v) => v.reserve(additional),
            Codes::U32(v) => v.reserve(additional),
        }
    }

    /// Adds an id ([`MISSING`] for a missing value), widening the column when it does not fit.
    #[inline]
    pub fn push(&mut self, id: u32) {
        match self {
            Codes::U8(v) => match narrow(id) {
                Some(value) => v.push(value),
                None => self.widen_and_push(id),
            },
            Codes::U16(v) => match narrow(id) {
                Some(value) => v.push(value),
                None => self.widen_and_push(id),
            },
            Codes::U32(v) => v.push(id),
        }
    }

    #[inline(never)]
    fn widen_and_push(&mut self, id: u32) {
        self.widen_for(id);
        self.push(id);
    }

    /// Widens the column (keeping its capacity) until `id` fits.
    fn widen_for(&mut self, id: u32) {
        let fits16 = narrow::<u16>(id).is_some();
        *self = match std::mem::take(self) {
            Codes::U8(v) if fits16 => Codes::U16(with_capacity_of(&v, |x| narrow(wide(x)).unwrap_or(u16::MAX))),
            Codes::U8(v) => Codes::U32(with_capacity_of(&v, wide)),
            Codes::U16(v) if !fits16 => Codes::U32(with_capacity_of(&v, wide)),
            same => same,
        };
    }

    /// The id at `index` ([`MISSING`] for a missing value).
    #[inline]
    pub fn get(&self, index: usize) -> u32 {
        match self {
            Codes::U8(v) => wide(v[index]),
            Codes::U16(v) => wide(v[index]),
            Codes::U32(v) => v[index],
        }
    }

    /// Sets the id at `index`, widening the column when it does not fit.
    pub fn set(&mut self, index: usize, id: u32) {
        match self {
            Codes::U8(v) => match narrow(id) {
                Some(value) => v[index] = value,
                None => self.widen_and_set(index, id),
            },
            Codes::U16(v) => match narrow(id) {
                Some(value) => v[index] = value,
                None => self.widen_and_set(index, id),
            },
            Codes::U32(v) => v[index] = id,
        }
    }

    fn widen_and_set(&mut self, index: usize, id: u32) {
        self.widen_for(id);
        self.set(index, id);
    }

    /// The ids in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = u32> + '_ {
        (0..self.len()).map(|index| self.get(index))
    }

    /// The ids at `indices`, in a column of the same width.
    pub fn pick(&self, indices: impl IntoIterator<Item = usize>) -> Codes {
        let indices = indices.into_iter();
        match self {
            Codes::U8(v) => Codes::U8(indices.map(|i| v[i]).collect()),
            Codes::U16(v) => Codes::U16(indices.map(|i| v[i]).collect()),
            Codes::U32(v) => Codes::U32(indices.map(|i| v[i]).collect()),
        }
    }

    /// Keeps the ids whose `keep` is true.
    pub fn retain(&mut self, keep: &[bool]) {
        match self {
            Codes::U8(v) => retain_kept(v, keep),
            Codes::U16(v) => retain_kept(v, keep),
            Codes::U32(v) => retain_kept(v, keep),
        }
    }

    /// Adds `other`'s ids, each passed through `map` (which keeps [`MISSING`] missing).
    pub fn extend(&mut self, other: &Codes, map: impl Fn(u32) -> u32) {
        self.reserve(other.len());
        for id in other.iter() {
            self.push(if id == MISSING { MISSING } else { map(id) });
        }
    }
}

impl Codes {
    /// Reorders the ids so that the id at `i` is the one that was at `order[i]`, in place.
    pub fn permute(&mut self, order: &[u32]) {
        match self {
            Codes::U8(v) => permute(v, order),
            Codes::U16(v) => permute(v, order),
            Codes::U32(v) => permute(v, order),
        }
    }
}

/// Reorders `column` so that the item at `i` is the one that was at `order[i]` (`order` a
/// permutation of the positions), in place: one cycle of the permutation at a time, with one
/// bit per item to mark the positions done. Building the reordered column beside the old one
/// would hold both at the peak of an import.
pub fn permute<T: Copy>(column: &mut [T], order: &[u32]) {
    assert_eq!(column.len(), order.len(), "one position per item");
    let mut done = vec![0u64; column.len().div_ceil(64)];
    for start in 0..column.len() {
        if done[start / 64] >> (start % 64) & 1 == 1 {
            continue;
        }
        let first = column[start];
        let mut at = start;
        loop {
            done[at / 64] |= 1 << (at % 64);
            let from = order[at] as usize;
            if from == start {
                column[at] = first;
                break;
            }
            column[at] = column[from];
            at = from;
        }
    }
}

/// Keeps the items of a column whose `keep` (one flag per item) is true.
pub(crate) fn retain_kept<T>(column: &mut Vec<T>, keep: &[bool]) {
    let mut index = 0;
    column.retain(|_| {
        index += 1;
        keep[index - 1]
    });
}

/// `v`'s values through `map`, in a vector with `v`'s capacity.
fn with_capacity_of<S: Copy, T>(v: &Vec<S>, map: impl Fn(S) -> T) -> Vec<T> {
    let mut out = Vec::with_capacity(v.capacity());
    out.extend(v.iter().map(|&x| map(x)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_their_values_across_every_widening() {
        let mut codes = Codes::default();
        let ids: Vec<u32> = [0, MISSING, 254, 3].into_iter().chain([255, 70_000, MISSING, 65_534, 65_535, 1]).collect();
        for (n, &id) in ids.iter().enumerate() {
            codes.push(id);
            assert_eq!(codes.iter().collect::<Vec<_>>(), ids[..=n], "after pushing {id}");
        }
        assert_eq!(codes.width(), 4);
        assert_eq!(codes.pick([1, 0, 5]).iter().collect::<Vec<_>>(), vec![MISSING, 0, 70_000]);
    }

    #[test]
    fn a_column_stays_as_narrow_as_its_largest_id() {
        let mut codes = Codes::missing(3);
        codes.push(254);
        assert_eq!(codes.width(), 1, "254 fits a byte (255 is missing)");
        codes.push(255);
        assert_eq!(codes.width(), 2);
        codes.set(0, 65_534);
        assert_eq!(codes.width(), 2);
        codes.set(1, 65_535);
        assert_eq!(codes.width(), 4);
        assert_eq!(codes.iter().collect::<Vec<_>>(), [65_534, 65_535, MISSING, 254, 255]);
    }

    #[test]
    fn permuting_in_place_equals_picking() {
        let orders: [&[u32]; 4] = [&[], &[0, 1, 2], &[2, 0, 1, 4, 3], &[5, 4, 3, 2, 1, 0, 6]];
        for order in orders {
            let column: Vec<u32> = (0..order.len() as u32).map(|i| i * 10 + 300).collect();
            let mut permuted = column.clone();
            permute(&mut permuted, order);
            assert_eq!(permuted, order.iter().map(|&i| column[i as usize]).collect::<Vec<_>>());
            let mut codes: Codes = column.iter().copied().collect();
            codes.permute(order);
            assert_eq!(codes.iter().collect::<Vec<_>>(), permuted);
        }
    }

    #[test]
    fn extending_maps_ids_and_keeps_missing_ones() {
        let mut a = Codes::default();
        a.push(1);
        let mut b = Codes::default();
        b.push(0);
        b.push(MISSING);
        a.extend(&b, |id| id + 300);
        assert_eq!(a.iter().collect::<Vec<_>>(), [1, 300, MISSING]);
    }
}
