//! The comparison's significance tests give SciPy's p-values (`tests/reference/significance.py`
//! with the pinned SciPy; see `casemap_engine::compare::significance`). U statistics are sums
//! of half-integer ranks and equal SciPy's exactly; p-values agree within a relative 1e-9 (the
//! normal tail and the log-gamma come from libm, SciPy's from its own special functions).
#![cfg(not(target_arch = "wasm32"))]

use casemap_engine::compare::significance::{Test, fisher_exact, mann_whitney_u, two_proportion_z, two_proportions};
use serde_json::Value;

fn scipy() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/reference/expected/significance/scipy.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn close(ours: f64, theirs: f64, what: &str) {
    let scale = theirs.abs().max(1e-300);
    assert!((ours - theirs).abs() / scale < 1e-9, "{what}: casemap {ours:e}, SciPy {theirs:e}");
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

#[test]
fn mann_whitney_u_equals_scipys_asymptotic_test() {
    let cases = scipy()["mann_whitney"].as_array().unwrap().clone();
    assert!(cases.len() >= 10);
    for (n, case) in cases.iter().enumerate() {
        let (x, y) = (floats(&case["x"]), floats(&case["y"]));
        let ours = mann_whitney_u(&x, &y).unwrap();
        assert_eq!(ours.test, Test::MannWhitneyU);
        assert_eq!(ours.statistic, case["statistic"].as_f64().unwrap(), "case {n}: U");
        close(ours.p_value, case["p_value"].as_f64().unwrap(), &format!("case {n} ({} vs {})", x.len(), y.len()));
    }
}

#[test]
fn proportions_equal_scipys_chi_squared_and_fisher_tests() {
    let cases = scipy()["proportions"].as_array().unwrap().clone();
    let mut fisher_chosen = 0;
    for case in &cases {
        let t: Vec<Vec<u64>> = serde_json::from_value(case["table"].clone()).unwrap();
        let (a, b) = ((t[0][0], t[0][0] + t[0][1]), (t[1][0], t[1][0] + t[1][1]));
        let what = format!("{t:?}");
        close(two_proportion_z(a, b).p_value, case["z_p_value"].as_f64().unwrap(), &format!("{what} z"));
        let fisher = fisher_exact([[t[0][0], t[0][1]], [t[1][0], t[1][1]]]);
        close(fisher.p_value, case["fisher_p_value"].as_f64().unwrap(), &format!("{what} Fisher"));
        close(fisher.statistic, case["fisher_odds_ratio"].as_f64().unwrap(), &format!("{what} odds ratio"));
        // The choice: Fisher where an expected count is under 5.
        let chosen = two_proportions(a, b).unwrap();
        fisher_chosen += usize::from(chosen.test == Test::FisherExact);
        let key = if chosen.test == Test::FisherExact { "fisher_p_value" } else { "z_p_value" };
        let p = case[key].as_f64();
        close(chosen.p_value, p.unwrap(), &format!("{what} chosen"));
    }
    assert!(fisher_chosen >= 2 && fisher_chosen < cases.len(), "both tests chosen: {fisher_chosen}");
}
