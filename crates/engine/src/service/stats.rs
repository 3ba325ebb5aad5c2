//! Figures over case facts: rates, duration distributions, medians and means, in the forms
//! every service analysis reports them.

use serde::{Deserialize, Serialize};

use super::facts::CaseFacts;
use crate::discovery::cases::Distribution;
use crate::time::Micros;

/// A rate: how many of how many.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rate {
    /// Cases with the property.
    pub count: u64,
    /// Cases looked at.
    pub of: u64,
    /// `count / of` (0 when `of` is 0).
    pub rate: f64,
}

impl Rate {
    /// `count` of `of`.
    pub fn new(count: u64, of: u64) -> Rate {
        Rate { count, of, rate: if of == 0 { 0.0 } else { count as f64 / of as f64 } }
    }

    /// The rate of `property` among `facts`.
    pub fn of<'a>(facts: impl IntoIterator<Item = &'a CaseFacts>, property: impl Fn(&CaseFacts) -> bool) -> Rate {
        let (mut count, mut of) = (0, 0);
        for f in facts {
            of += 1;
            count += u64::from(property(f));
        }
        Rate::new(count, of)
    }
}

/// The distribution (count, min, median, mean, 90th percentile, max; seconds) of the
/// durations `value` gives for `facts` (where it gives one); `None` when it gives none.
pub fn distribution<'a>(
    facts: impl IntoIterator<Item = &'a CaseFacts>,
    value: impl Fn(&CaseFacts) -> Option<Micros>,
) -> Option<Distribution> {
    let mut values: Vec<Micros> = facts.into_iter().filter_map(value).collect();
    Distribution::of_micros(&mut values)
}

/// The median of some numbers (reordered): the middle one, or the mean of the two middle
/// ones; `None` when empty.
pub fn median_of(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

/// The mean of some numbers; `None` when empty.
pub fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (mut sum, mut n) = (0.0, 0u64);
    for v in values {
        sum += v;
        n += 1;
    }
    (n > 0).then(|| sum / n as f64)
}
