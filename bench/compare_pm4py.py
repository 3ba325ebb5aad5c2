#!/usr/bin/env python3
"""PM4Py side of bench/compare.js: read a CSV event log and mine it the way
`casemap analyze FILE --json` does, timing each step.

    target/reference-venv/bin/python bench/compare_pm4py.py FILE --case C --activity A --timestamp T

Steps (all with the pinned PM4Py of tests/reference/requirements.txt):
  read_csv          pandas.read_csv, case and activity as str, only an empty field is missing
                    (the same call as tests/reference/generate.py)
  format_dataframe  pm4py.format_dataframe (parses the timestamps, sorts by case and time)
  dfg               pm4py.discover_dfg (frequency DFG, start and end activities)
  performance_dfg   pm4py.discover_performance_dfg (mean, median, min, max, sum, stdev per edge)
  variants          pm4py.get_variants
  case_durations    pm4py.get_all_case_durations

Prints one JSON object on stdout: pm4py/pandas/numpy versions, seconds per step, "total"
(time.perf_counter from before read_csv to after the last call), and what was found
(events, cases, edges, variants) so the caller can check that every tool mined the same log.
Importing pm4py is not in "total" (the caller also times the whole process).
"""

import argparse
import json
import sys
import time
import warnings

sys._pm4py_welcome_shown = True  # skip the banner PM4Py prints on import

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pm4py  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file")
    parser.add_argument("--case", required=True)
    parser.add_argument("--activity", required=True)
    parser.add_argument("--timestamp", required=True)
    parser.add_argument("--sep", default=",")
    args = parser.parse_args()

    seconds = {}
    t0 = time.perf_counter()
    last = t0

    def lap(name: str) -> None:
        nonlocal last
        now = time.perf_counter()
        seconds[name] = now - last
        last = now

    raw = pd.read_csv(
        args.file,
        sep=args.sep,
        dtype={args.case: str, args.activity: str},
        keep_default_na=False,
        na_values=[""],
        encoding="utf-8",
    )
    lap("read_csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = pm4py.format_dataframe(
            raw, case_id=args.case, activity_key=args.activity, timestamp_key=args.timestamp
        )
    lap("format_dataframe")
    dfg, start_activities, end_activities = pm4py.discover_dfg(df)
    lap("dfg")
    perf_dfg, _, _ = pm4py.discover_performance_dfg(df)
    lap("performance_dfg")
    variants = pm4py.get_variants(df)
    lap("variants")
    durations = pm4py.get_all_case_durations(df)
    lap("case_durations")
    seconds["total"] = last - t0

    print(
        json.dumps(
            {
                "pm4py": pm4py.__version__,
                "pandas": pd.__version__,
                "numpy": np.__version__,
                "python": sys.version.split()[0],
                "seconds": seconds,
                "events": int(len(df)),
                "cases": int(df["case:concept:name"].nunique()),
                "edges": len(dfg),
                "performance_edges": len(perf_dfg),
                "variants": len(variants),
                "case_durations": len(durations),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
