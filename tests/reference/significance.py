#!/usr/bin/env python3
"""SciPy's p-values for the comparison's significance tests, stored as JSON for the Rust tests
(crates/engine/tests/significance_reference.rs).

Run with the pinned environment: `target/reference-venv/bin/python tests/reference/significance.py`
(tests/reference/regenerate.sh makes the venv). Writes tests/reference/expected/significance/scipy.json.

- "mann_whitney": samples x, y (seconds, rounded so that ties occur, as durations in whole
  minutes do) and scipy.stats.mannwhitneyu(x, y, method="asymptotic") (two-sided, continuity
  correction): statistic (U of x) and p-value.
- "proportions": 2x2 tables [[a, n1 - a], [b, n2 - b]] and, for each, the p-value of
  scipy.stats.chi2_contingency(table, correction=False) (the pooled two-proportion z test) and
  of scipy.stats.fisher_exact(table).
The samples come from a seeded generator, so the file is the same on every run.
"""

import json
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

OUT = Path(__file__).resolve().parent / "expected" / "significance" / "scipy.json"


def num(v):
    return float(v)


def main():
    rng = np.random.default_rng(14)
    mw = []
    for n1, n2, scale_b, step in [
        (5, 7, 1.0, 60), (20, 25, 1.3, 60), (50, 40, 0.8, 3600), (200, 180, 1.1, 60),
        (1000, 1200, 0.9, 600), (3, 3, 1.0, 86400), (30, 30, 1.0, 1), (400, 10, 2.0, 60),
        (2000, 2000, 1.05, 60), (12, 900, 0.5, 3600),
    ]:
        x = np.round(rng.lognormal(10, 1.2, n1) / step) * step
        y = np.round(rng.lognormal(10, 1.2, n2) * scale_b / step) * step
        r = stats.mannwhitneyu(x, y, method="asymptotic")
        mw.append({"x": [num(v) for v in x], "y": [num(v) for v in y],
                   "statistic": num(r.statistic), "p_value": num(r.pvalue)})
    props = []
    for a, n1, b, n2 in [
        (40, 100, 60, 100), (1, 10, 8, 10), (0, 15, 5, 15), (300, 1000, 250, 1000),
        (12, 40, 3, 45), (5, 500, 9, 480), (2, 3, 1, 4), (700, 2000, 820, 2100), (50, 60, 59, 60),
        (10, 20, 10, 20),
    ]:
        table = [[a, n1 - a], [b, n2 - b]]
        chi2 = stats.chi2_contingency(table, correction=False)
        fisher = stats.fisher_exact(table)
        props.append({"table": table, "z_p_value": num(chi2.pvalue), "fisher_p_value": num(fisher.pvalue),
                      "fisher_odds_ratio": num(fisher.statistic)})
    out = {"scipy_version": scipy.__version__, "mann_whitney": mw, "proportions": props}
    OUT.write_text(json.dumps(out, sort_keys=True) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
