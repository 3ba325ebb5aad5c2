//! Round values for the axes of charts ("ticks"), so that an axis reads `0, 6 h, 12 h, 18 h,
//! 1 d` rather than `13 h 53 min, 1 d 3 h`.
//!
//! Durations step by amounts people count in: 1, 2, 5, 10, 15 and 30 seconds or minutes; 1, 2,
//! 3, 6 and 12 hours; 1 and 2 days; 1, 2 and 4 weeks; 1, 3 and 6 months of 30 days; then years
//! of 365 days (1, 2, 5, 10, 20, 50, ...). Counts step by 1, 2 or 5 times a power of ten, never
//! by less than 1; other numbers (ratios, means) by 1, 2 or 5 times any power of ten.
//! [`format::duration_tick`](crate::format::duration_tick) writes a duration tick in the unit of
//! its step (`2 wk`, `3 mo`), [`Ticks::decimals`] says how many decimals a number tick needs.
//!
//! ```
//! use casemap_engine::ticks::{count_ticks, duration_ticks};
//!
//! // From 0 to 50 h 7 min, at most 6 ticks: every 12 hours.
//! let ticks = duration_ticks(0.0, 50.0 * 3600.0 + 420.0, 6);
//! assert_eq!(ticks.step, 12.0 * 3600.0);
//! assert_eq!(ticks.values.len(), 6);
//! assert_eq!(count_ticks(0.0, 1_234.0, 6).values, [0.0, 500.0, 1000.0, 1500.0]);
//! ```

use serde::{Deserialize, Serialize};

const MINUTE: f64 = 60.0;
const HOUR: f64 = 3600.0;
/// A day in seconds.
pub const DAY: f64 = 86_400.0;
/// A week in seconds.
pub const WEEK: f64 = 7.0 * DAY;
/// A month on a duration axis: 30 days, in seconds.
pub const MONTH: f64 = 30.0 * DAY;
/// A year on a duration axis: 365 days, in seconds.
pub const YEAR: f64 = 365.0 * DAY;

/// The unit a tick's label is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TickUnit {
    /// A plain number (counts, ratios).
    Number,
    /// Days, hours, minutes and seconds (`1 d 6 h`).
    Clock,
    /// Weeks (`2 wk`).
    Weeks,
    /// Months of 30 days (`3 mo`).
    Months,
    /// Years of 365 days (`2 yr`).
    Years,
}

/// The steps of a duration axis up to a year, seconds, with the unit of their labels.
pub const DURATION_STEPS: [(f64, TickUnit); 25] = [
    (1.0, TickUnit::Clock),
    (2.0, TickUnit::Clock),
    (5.0, TickUnit::Clock),
    (10.0, TickUnit::Clock),
    (15.0, TickUnit::Clock),
    (30.0, TickUnit::Clock),
    (MINUTE, TickUnit::Clock),
    (2.0 * MINUTE, TickUnit::Clock),
    (5.0 * MINUTE, TickUnit::Clock),
    (10.0 * MINUTE, TickUnit::Clock),
    (15.0 * MINUTE, TickUnit::Clock),
    (30.0 * MINUTE, TickUnit::Clock),
    (HOUR, TickUnit::Clock),
    (2.0 * HOUR, TickUnit::Clock),
    (3.0 * HOUR, TickUnit::Clock),
    (6.0 * HOUR, TickUnit::Clock),
    (12.0 * HOUR, TickUnit::Clock),
    (DAY, TickUnit::Clock),
    (2.0 * DAY, TickUnit::Clock),
    (WEEK, TickUnit::Weeks),
    (2.0 * WEEK, TickUnit::Weeks),
    (4.0 * WEEK, TickUnit::Weeks),
    (MONTH, TickUnit::Months),
    (3.0 * MONTH, TickUnit::Months),
    (6.0 * MONTH, TickUnit::Months),
];

/// Tick values of an axis: multiples of `step`, from one at or below the axis' lowest value
/// to one at or above its highest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ticks {
    /// The distance between two ticks.
    pub step: f64,
    /// How labels are written.
    pub unit: TickUnit,
    /// The ticks, ascending (at least two).
    pub values: Vec<f64>,
}

impl Ticks {
    /// The lowest tick: where the axis starts.
    pub fn first(&self) -> f64 {
        self.values.first().copied().unwrap_or(0.0)
    }

    /// The highest tick: where the axis ends.
    pub fn last(&self) -> f64 {
        self.values.last().copied().unwrap_or(self.step)
    }

    /// Decimals a number tick needs to be written exactly (0 for steps of 1 or more, 1 for
    /// 0.5 or 0.2, 2 for 0.05, ...).
    pub fn decimals(&self) -> usize {
        if self.step >= 1.0 || self.step <= 0.0 {
            return 0;
        }
        (-self.step.log10() - 1e-9).ceil().max(0.0) as usize
    }
}

/// Tolerance for float division when a bound is already a multiple of the step.
const SLACK: f64 = 1e-9;

/// How many steps of `step` cover `[lo, hi]` from multiples of it.
fn intervals(lo: f64, hi: f64, step: f64) -> f64 {
    (hi / step - SLACK).ceil() - (lo / step + SLACK).floor()
}

fn covering(lo: f64, hi: f64, step: f64, unit: TickUnit) -> Ticks {
    let first = (lo / step + SLACK).floor();
    let last = ((hi / step - SLACK).ceil()).max(first + 1.0);
    let values = (first as i64..=last as i64).map(|k| k as f64 * step).collect();
    Ticks { step, unit, values }
}

/// `(lo, hi)` made usable: finite, ordered, not empty.
fn bounds(lo: f64, hi: f64) -> (f64, f64) {
    let lo = if lo.is_finite() { lo } else { 0.0 };
    let hi = if hi.is_finite() { hi } else { lo };
    if hi > lo { (lo, hi) } else { (lo, lo) }
}

/// The smallest round duration step (seconds) that covers `[lo, hi]` in at most `max_intervals`
/// steps, and the unit its labels are written in.
pub fn duration_step(lo: f64, hi: f64, max_intervals: usize) -> (f64, TickUnit) {
    let (lo, hi) = bounds(lo, hi);
    let max = max_intervals.max(1) as f64;
    if let Some(&found) = DURATION_STEPS.iter().find(|(step, _)| intervals(lo, hi, *step) <= max) {
        return found;
    }
    // Years: 1, 2, 5 times a power of ten.
    let mut scale = 1.0;
    loop {
        for factor in [1.0, 2.0, 5.0] {
            let step = factor * scale * YEAR;
            if intervals(lo, hi, step) <= max || !step.is_finite() {
                return (step, TickUnit::Years);
            }
        }
        scale *= 10.0;
    }
}

/// Round ticks for a duration axis from `lo` to `hi` seconds: at most `max_ticks` (at least
/// two), the first at or below `lo`, the last at or above `hi`.
pub fn duration_ticks(lo: f64, hi: f64, max_ticks: usize) -> Ticks {
    let (lo, hi) = bounds(lo, hi);
    let (step, unit) = duration_step(lo, hi, max_ticks.max(2) - 1);
    covering(lo, hi, step, unit)
}

/// 1, 2 or 5 times a power of ten: the smallest such step of at least `least` that covers
/// `[lo, hi]` in at most `max_intervals` steps.
fn decimal_step(lo: f64, hi: f64, max_intervals: usize, least: f64) -> f64 {
    let max = max_intervals.max(1) as f64;
    let rough = ((hi - lo) / max).max(least).max(f64::MIN_POSITIVE);
    let mut exponent = rough.log10().floor() as i32 - 1;
    loop {
        for factor in [1.0, 2.0, 5.0] {
            // Divided rather than multiplied by a fraction: 0.2 is 2 / 10, not 2 × 0.1000…02.
            let step = if exponent >= 0 { factor * 10f64.powi(exponent) } else { factor / 10f64.powi(-exponent) };
            if step >= least && intervals(lo, hi, step) <= max || !step.is_finite() {
                return step;
            }
        }
        exponent += 1;
    }
}

/// Round ticks for a count axis (steps of 1, 2 or 5 times a power of ten, at least 1).
pub fn count_ticks(lo: f64, hi: f64, max_ticks: usize) -> Ticks {
    let (lo, hi) = bounds(lo, hi);
    let step = decimal_step(lo, hi, max_ticks.max(2) - 1, 1.0);
    covering(lo, hi, step, TickUnit::Number)
}

/// Round ticks for any number (ratios, means): steps of 1, 2 or 5 times a power of ten.
pub fn number_ticks(lo: f64, hi: f64, max_ticks: usize) -> Ticks {
    let (lo, hi) = bounds(lo, hi);
    let least = if hi > lo { (hi - lo) * 1e-6 } else { hi.abs().max(1.0) * 0.1 };
    let step = decimal_step(lo, hi, max_ticks.max(2) - 1, least);
    covering(lo, hi, step, TickUnit::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ticks are multiples of a step of the ladder, evenly spaced, cover the range and are
    /// no more than asked.
    fn check(ticks: &Ticks, lo: f64, hi: f64, max: usize) {
        assert!(ticks.values.len() >= 2 && ticks.values.len() <= max, "{ticks:?}");
        assert!(ticks.first() <= lo && ticks.last() >= hi, "{ticks:?} for {lo}..{hi}");
        for pair in ticks.values.windows(2) {
            assert!(((pair[1] - pair[0]) - ticks.step).abs() < ticks.step * 1e-9, "{ticks:?}");
        }
        for v in &ticks.values {
            let k = v / ticks.step;
            assert!((k - k.round()).abs() < 1e-6, "{v} is no multiple of {}", ticks.step);
        }
    }

    #[test]
    fn durations_step_in_units_people_count() {
        let cases = [
            // (lo, hi, max ticks, step, unit)
            (0.0, 50.0, 6, 10.0, TickUnit::Clock),
            (0.0, 13.0 * HOUR + 53.0 * MINUTE, 6, 3.0 * HOUR, TickUnit::Clock),
            (0.0, 27.0 * HOUR, 6, 6.0 * HOUR, TickUnit::Clock),
            (0.0, 50.0 * HOUR, 6, 12.0 * HOUR, TickUnit::Clock),
            (0.0, 9.0 * DAY, 6, 2.0 * DAY, TickUnit::Clock),
            (0.0, 30.0 * DAY, 6, WEEK, TickUnit::Weeks),
            (0.0, 60.0 * DAY, 6, 2.0 * WEEK, TickUnit::Weeks),
            (0.0, 150.0 * DAY, 6, MONTH, TickUnit::Months),
            (0.0, 130.0 * DAY, 6, 4.0 * WEEK, TickUnit::Weeks),
            (0.0, 300.0 * DAY, 6, 3.0 * MONTH, TickUnit::Months),
            (0.0, 1_157.0 * DAY + 9.0 * HOUR, 6, YEAR, TickUnit::Years),
            (0.0, 327_300.0 * DAY, 6, 200.0 * YEAR, TickUnit::Years),
            (5.0 * MINUTE, 95.0 * MINUTE, 8, 15.0 * MINUTE, TickUnit::Clock),
        ];
        for (lo, hi, max, step, unit) in cases {
            let ticks = duration_ticks(lo, hi, max);
            assert_eq!((ticks.step, ticks.unit), (step, unit), "{lo}..{hi}");
            check(&ticks, lo, hi, max);
        }
    }

    #[test]
    fn every_duration_range_gets_round_ticks() {
        let mut hi = 0.5;
        while hi < 1e12 {
            for max in [3, 5, 8, 12] {
                let ticks = duration_ticks(0.0, hi, max);
                check(&ticks, 0.0, hi, max);
                let ladder = DURATION_STEPS.iter().any(|(s, _)| *s == ticks.step);
                let years = ticks.step / YEAR;
                let decade = 10f64.powf(years.log10().floor());
                assert!(
                    ladder || [1.0, 2.0, 5.0].iter().any(|f| (years / decade - f).abs() < 1e-9),
                    "{hi}: step {}",
                    ticks.step
                );
            }
            hi *= 1.37;
        }
    }

    #[test]
    fn empty_or_broken_ranges_still_have_two_ticks() {
        assert_eq!(duration_ticks(0.0, 0.0, 6).values, [0.0, 1.0]);
        assert_eq!(duration_ticks(f64::NAN, f64::INFINITY, 6).values, [0.0, 1.0]);
        assert_eq!(count_ticks(0.0, 0.0, 6).values, [0.0, 1.0]);
        assert_eq!(count_ticks(7.0, 3.0, 6).values, [7.0, 8.0]);
        let flat = number_ticks(0.5, 0.5, 6);
        assert!(flat.first() <= 0.5 && flat.last() > 0.5, "{flat:?}");
    }

    #[test]
    fn counts_step_by_one_two_five() {
        assert_eq!(count_ticks(0.0, 3.0, 6).values, [0.0, 1.0, 2.0, 3.0]);
        assert_eq!(count_ticks(0.0, 7.0, 5).step, 2.0);
        assert_eq!(count_ticks(0.0, 1.2, 6).values, [0.0, 1.0, 2.0]);
        assert_eq!(count_ticks(0.0, 460.0, 6).step, 100.0);
        assert_eq!(count_ticks(0.0, 1_990.0, 5).step, 500.0);
        assert_eq!(count_ticks(0.0, 2_000.0, 5).values, [0.0, 500.0, 1000.0, 1500.0, 2000.0]);
        for hi in [1.0, 9.0, 11.0, 99.0, 101.0, 4_567.0, 1e9] {
            for max in [2, 4, 6, 10] {
                let ticks = count_ticks(0.0, hi, max);
                check(&ticks, 0.0, hi, max);
                let decade = 10f64.powf(ticks.step.log10().floor());
                assert!([1.0, 2.0, 5.0].contains(&(ticks.step / decade).round()), "{ticks:?}");
            }
        }
    }

    #[test]
    fn numbers_and_ratios_get_decimal_steps() {
        let ratios = number_ticks(0.0, 0.87, 6);
        assert_eq!(ratios.step, 0.2);
        assert_eq!(ratios.decimals(), 1);
        check(&ratios, 0.0, 0.87, 6);
        let small = number_ticks(0.0, 0.12, 6);
        assert_eq!((small.step, small.decimals()), (0.05, 2));
        let csat = number_ticks(0.0, 4.4, 6);
        assert_eq!((csat.step, csat.decimals()), (1.0, 0));
        assert_eq!(number_ticks(0.0, 2.6, 8).step, 0.5);
    }
}
