//! Whether a difference between two segments is more than noise: two-sided tests with the
//! definitions of SciPy 1.17, which `tests/reference/stats.py` checks them against.
//!
//! - Durations: the Mann-Whitney U test, normal approximation with the tie correction and the
//!   continuity correction (`scipy.stats.mannwhitneyu(x, y, method="asymptotic")`).
//! - Rates: the two-proportion z test with the pooled proportion, which is the chi-squared test
//!   of the 2×2 table without Yates' correction
//!   (`scipy.stats.chi2_contingency(table, correction=False)`), or, when an expected count of
//!   the table is under 5, Fisher's exact test (`scipy.stats.fisher_exact(table)`).
//!
//! The normal tail is `erfc(|z| / √2)` and the hypergeometric probabilities come from
//! `lgamma`, both from `libm`, so the p-values are the same natively and in wasm.

use serde::{Deserialize, Serialize};

/// Which test a p-value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Test {
    /// Mann-Whitney U, normal approximation with tie and continuity corrections.
    MannWhitneyU,
    /// Two-proportion z test (pooled).
    TwoProportionZ,
    /// Fisher's exact test on the 2×2 table.
    FisherExact,
}

/// A test's outcome.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The test.
    pub test: Test,
    /// Its statistic: U of the first sample, z, or the odds ratio.
    pub statistic: f64,
    /// Two-sided p-value.
    pub p_value: f64,
}

/// Two-sided tail of the standard normal beyond `|z|`.
fn normal_two_sided(z: f64) -> f64 {
    libm::erfc(z.abs() / std::f64::consts::SQRT_2).min(1.0)
}

/// Mann-Whitney U of `x` against `y` as `scipy.stats.mannwhitneyu(x, y, method="asymptotic")`
/// (two-sided, with the continuity correction); `None` when a sample is empty or all values
/// are equal (no variance: SciPy gives NaN).
pub fn mann_whitney_u(x: &[f64], y: &[f64]) -> Option<Outcome> {
    let (n1, n2) = (x.len(), y.len());
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let mut all: Vec<(f64, bool)> = x.iter().map(|&v| (v, true)).chain(y.iter().map(|&v| (v, false))).collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Ranks from 1, ties sharing their mean rank; tie groups for the correction.
    let (mut r1, mut tie_term, mut i) = (0.0f64, 0.0f64, 0usize);
    while i < all.len() {
        let mut j = i + 1;
        while j < all.len() && all[j].0 == all[i].0 {
            j += 1;
        }
        let rank = (i + 1 + j) as f64 / 2.0;
        r1 += rank * all[i..j].iter().filter(|v| v.1).count() as f64;
        let t = (j - i) as f64;
        tie_term += t * t * t - t;
        i = j;
    }
    let (n1f, n2f) = (n1 as f64, n2 as f64);
    let n = n1f + n2f;
    let u1 = r1 - n1f * (n1f + 1.0) / 2.0;
    let u2 = n1f * n2f - u1;
    let u = u1.max(u2);
    let mu = n1f * n2f / 2.0;
    let s = (n1f * n2f / 12.0 * ((n + 1.0) - tie_term / (n * (n - 1.0)))).sqrt();
    if s.is_nan() || s == 0.0 {
        return None;
    }
    let z = (u - mu - 0.5) / s;
    Some(Outcome { test: Test::MannWhitneyU, statistic: u1, p_value: normal_two_sided(z).clamp(0.0, 1.0) })
}

/// Whether `successes` of `trials` differs between two segments: the pooled two-proportion z
/// test, or Fisher's exact test when an expected count of the 2×2 table is under 5. `None` when
/// a segment has no trials, or when neither has a success or neither a failure (nothing can
/// differ).
pub fn two_proportions(a: (u64, u64), b: (u64, u64)) -> Option<Outcome> {
    let ((xa, na), (xb, nb)) = (a, b);
    if na == 0 || nb == 0 || xa > na || xb > nb {
        return None;
    }
    let (x, n) = ((xa + xb) as f64, (na + nb) as f64);
    if x == 0.0 || x == n {
        return None;
    }
    let expected = [x * na as f64 / n, (n - x) * na as f64 / n, x * nb as f64 / n, (n - x) * nb as f64 / n];
    if expected.iter().any(|&e| e < 5.0) {
        return Some(fisher_exact([[xa, na - xa], [xb, nb - xb]]));
    }
    Some(two_proportion_z(a, b))
}

/// The pooled two-proportion z test of `successes` of `trials` in two segments (both with
/// trials, and some successes and failures in all; see [`two_proportions`]).
pub fn two_proportion_z((xa, na): (u64, u64), (xb, nb): (u64, u64)) -> Outcome {
    let pooled = (xa + xb) as f64 / (na + nb) as f64;
    let se = (pooled * (1.0 - pooled) * (1.0 / na as f64 + 1.0 / nb as f64)).sqrt();
    let z = (xa as f64 / na as f64 - xb as f64 / nb as f64) / se;
    Outcome { test: Test::TwoProportionZ, statistic: z, p_value: normal_two_sided(z) }
}

/// log of n choose k.
fn ln_choose(n: u64, k: u64) -> f64 {
    let f = |v: u64| libm::lgamma(v as f64 + 1.0);
    f(n) - f(k) - f(n - k)
}

/// Fisher's exact test of the 2×2 table `[[a, b], [c, d]]`, two-sided as
/// `scipy.stats.fisher_exact`: the probability of every table with the same margins that is
/// no more likely than this one (within a relative 1e-14, SciPy's tolerance for ties).
pub fn fisher_exact(table: [[u64; 2]; 2]) -> Outcome {
    let [[a, b], [c, d]] = table;
    let odds =
        if b * c == 0 { if a * d == 0 { f64::NAN } else { f64::INFINITY } } else { (a * d) as f64 / (b * c) as f64 };
    // The first cell given the margins is hypergeometric: row 1 has a + b, column 1 a + c.
    let (row, col, n) = (a + b, a + c, a + b + c + d);
    let low = col.saturating_sub(n - row);
    let high = row.min(col);
    let ln_total = ln_choose(n, col);
    let pmf = |k: u64| (ln_choose(row, k) + ln_choose(n - row, col - k) - ln_total).exp();
    let observed = pmf(a);
    let limit = observed * (1.0 + 1e-14);
    let p: f64 = (low..=high).map(pmf).filter(|&p| p <= limit).sum();
    Outcome { test: Test::FisherExact, statistic: odds, p_value: p.min(1.0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mann_whitney_by_hand() {
        // x = 1, 2; y = 3, 4, 5: every x below every y, U1 = 0, U = 6, mu = 3,
        // s = sqrt(6/12 * 6) = sqrt(3), z = (6 - 3 - 0.5) / sqrt(3).
        let r = mann_whitney_u(&[1.0, 2.0], &[3.0, 4.0, 5.0]).unwrap();
        assert_eq!(r.statistic, 0.0);
        let z: f64 = 2.5 / 3f64.sqrt();
        assert!((r.p_value - libm::erfc(z / std::f64::consts::SQRT_2)).abs() < 1e-15);
        assert_eq!(mann_whitney_u(&[1.0], &[1.0, 1.0]), None, "no variance");
        assert_eq!(mann_whitney_u(&[], &[1.0]), None);
    }

    #[test]
    fn fisher_by_hand() {
        // The tables with the margins of [[1, 9], [11, 3]] (row 10, column 12, n 24) that are no
        // more likely than it: the first cell 0, 1, 9 or 10 (the distribution is symmetric).
        // SciPy: 0.0027594561852200836.
        let r = fisher_exact([[1, 9], [11, 3]]);
        let ln = |n: u64, k: u64| ln_choose(n, k);
        let pmf = |k: u64| (ln(10, k) + ln(14, 12 - k) - ln(24, 12)).exp();
        let p = pmf(0) + pmf(1) + pmf(9) + pmf(10);
        assert!((r.p_value - p).abs() < 1e-15, "{} {p}", r.p_value);
        assert_eq!(r.statistic, 3.0 / 99.0);
    }

    #[test]
    fn small_tables_use_fisher_and_large_ones_z() {
        assert_eq!(two_proportions((1, 10), (8, 10)).unwrap().test, Test::FisherExact);
        assert_eq!(two_proportions((40, 100), (60, 100)).unwrap().test, Test::TwoProportionZ);
        assert_eq!(two_proportions((0, 10), (0, 12)), None, "no success anywhere");
        assert_eq!(two_proportions((3, 0), (1, 2)), None);
    }
}
