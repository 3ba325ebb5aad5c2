//! Summary statistics of durations, as PM4Py reports them.

use serde::{Deserialize, Serialize};

use crate::time::Micros;

/// Durations in seconds: count, mean, median, min, max, total and the sample standard
/// deviation (`None` for a single value), as pandas computes them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DurationStats {
    /// Number of values.
    pub count: u64,
    /// Arithmetic mean.
    pub mean: f64,
    /// Median (the mean of the two middle values for an even count).
    pub median: f64,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
    /// Sum.
    pub total: f64,
    /// Sample standard deviation (n - 1 in the denominator); `None` for fewer than two values.
    pub stdev: Option<f64>,
}

/// Seconds of a duration in microseconds, computed as pandas does (`86400 * days + seconds +
/// 1e-6 * microseconds`, whole seconds rounded down), so the last bit agrees with PM4Py.
pub fn seconds(micros: Micros) -> f64 {
    micros.div_euclid(1_000_000) as f64 + 1e-6 * micros.rem_euclid(1_000_000) as f64
}

impl DurationStats {
    /// The statistics of `values` (microseconds, in the order PM4Py meets them: sums depend
    /// on it in the last bit), which get reordered; `None` when empty.
    ///
    /// As pandas' grouped aggregations: the sum with Kahan compensation, the mean that sum
    /// divided by the count, the variance by Welford's algorithm.
    pub fn of(values: &mut [Micros]) -> Option<DurationStats> {
        let count = values.len();
        if count == 0 {
            return None;
        }
        let (mut sum, mut compensation) = (0.0f64, 0.0f64);
        let (mut mean, mut m2) = (0.0f64, 0.0f64);
        let (mut min, mut max) = (Micros::MAX, Micros::MIN);
        for (i, &v) in values.iter().enumerate() {
            min = min.min(v);
            max = max.max(v);
            let x = seconds(v);
            let y = x - compensation;
            let t = sum + y;
            compensation = t - sum - y;
            sum = t;
            let delta = x - mean;
            mean += delta / (i + 1) as f64;
            m2 += delta * (x - mean);
        }
        let stdev = (count > 1).then(|| (m2 / (count - 1) as f64).sqrt());
        Some(DurationStats {
            count: count as u64,
            mean: sum / count as f64,
            median: median(values),
            min: seconds(min),
            max: seconds(max),
            total: sum,
            stdev,
        })
    }
}

/// The median in seconds of a non-empty slice of microseconds (reordered in place): the
/// middle value, or the mean of the two middle values.
pub fn median(values: &mut [Micros]) -> f64 {
    let middle = values.len() / 2;
    let (_, &mut upper, _) = values.select_nth_unstable(middle);
    if values.len() % 2 == 1 {
        seconds(upper)
    } else {
        let lower = *values[..middle].iter().max().expect("an even, non-empty slice has a lower half");
        (seconds(lower) + seconds(upper)) / 2.0
    }
}

/// The `p`-th percentile (0 to 100) in seconds with linear interpolation between the closest
/// ranks (numpy's default), of non-empty values (reordered), found by selection rather than a
/// full sort; `None` when empty.
pub fn percentile(values: &mut [Micros], p: f64) -> Option<f64> {
    let last = values.len().checked_sub(1)?;
    let rank = p.clamp(0.0, 100.0) / 100.0 * last as f64;
    let below = rank.floor() as usize;
    let (_, &mut low, above) = values.select_nth_unstable(below);
    let high = if rank > below as f64 { above.iter().copied().min().unwrap_or(low) } else { low };
    Some(seconds(low) + (seconds(high) - seconds(low)) * (rank - below as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statistics_match_pandas() {
        // pandas: Series([1, 2, 3, 10]).describe() -> mean 4, median 2.5, std 4.0825
        let mut values = vec![10_000_000, 1_000_000, 3_000_000, 2_000_000];
        let stats = DurationStats::of(&mut values).unwrap();
        assert_eq!(stats.count, 4);
        assert_eq!(stats.mean, 4.0);
        assert_eq!(stats.median, 2.5);
        assert_eq!((stats.min, stats.max, stats.total), (1.0, 10.0, 16.0));
        assert!((stats.stdev.unwrap() - 4.082_482_904_638_63).abs() < 1e-12);
    }

    #[test]
    fn a_single_value_has_no_deviation_and_no_values_no_statistics() {
        let stats = DurationStats::of(&mut [-5_000_000]).unwrap();
        assert_eq!((stats.median, stats.stdev), (-5.0, None));
        assert_eq!(DurationStats::of(&mut []), None);
    }

    #[test]
    fn percentiles_interpolate_like_numpy() {
        let mut sorted = [0, 10_000_000, 20_000_000, 30_000_000, 40_000_000];
        assert_eq!(percentile(&mut sorted, 90.0), Some(36.0));
        assert_eq!(percentile(&mut sorted, 50.0), Some(20.0));
        // From any order: the same figures.
        let mut shuffled = [30_000_000, 0, 40_000_000, 10_000_000, 20_000_000];
        assert_eq!(percentile(&mut shuffled, 90.0), Some(36.0));
        assert_eq!(percentile(&mut shuffled, 50.0), Some(20.0));
        assert_eq!(percentile(&mut shuffled, 100.0), Some(40.0));
        assert_eq!(percentile(&mut [], 50.0), None);
    }
}
