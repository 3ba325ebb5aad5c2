#!/usr/bin/env python3
"""Compute PM4Py reference results for real event logs and store them as JSON.

Run through tests/reference/regenerate.sh, which sets up the pinned environment
(requirements.txt). Writes tests/reference/expected/<name>.json, one file per log.

Environment:
  CASEMAP_DATA  folder with the real logs (default: ../shared/data from the repo root)
  CASEMAP_CLI   command that runs the casemap CLI, used for the generated log
                (default: target/release/casemap if it exists, else
                `cargo run --release -q -p casemap-cli --`)

Arguments: optional names of the logs to regenerate (e.g. `helpdesk sepsis`);
all of them by default.

See README.md beside this file for the PM4Py semantics these numbers follow.
"""

import gzip
import hashlib
import json
import math
import os
import shlex
import subprocess
import sys
import tempfile
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

sys._pm4py_welcome_shown = True  # skip the banner PM4Py prints on import
import pm4py  # noqa: E402
from pm4py.algo.discovery.dfg.adapters.pandas import df_statistics  # noqa: E402
from pm4py.statistics.traces.generic.pandas import case_statistics  # noqa: E402
from pm4py.util import constants  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
OUT_DIR = REPO / "tests" / "reference" / "expected"

CASE = "case:concept:name"  # columns that pm4py.format_dataframe creates
ACT = "concept:name"
TS = "time:timestamp"
START = "start_timestamp"

XES = dict(case="case:concept:name", activity="concept:name", timestamp="time:timestamp", resource="org:resource")

# Values casemap reads as missing by default (ImportOptions::missing_values), besides empty
# fields: the handoff figures treat them as missing resources on both sides.
MISSING = {"NULL", "null", "N/A", "?", "-"}

# name -> how to read the log. "counts" are the events/cases in shared/data/README.md.
LOGS = {
    "helpdesk": dict(file="helpdesk.csv", sep=",", **XES, counts=(21348, 4580)),
    "bpic2013_closed_problems": dict(
        file="bpic2013_closed_problems.csv", sep=",", **XES, counts=(6660, 1487)
    ),
    "receipt": dict(file="receipt.csv", sep=",", **XES, counts=(8577, 1434)),
    "academic_credentials": dict(
        file="academic_credentials.csv", sep=",", **XES, counts=(13740, 954)
    ),
    "sepsis": dict(
        file="sepsis.csv",
        sep=";",
        case="Case ID",
        activity="Activity",
        timestamp="Complete Timestamp",
        resource="org:group",
        counts=(15214, 1050),
    ),
    "traffic_fines_10k_cases": dict(
        file="traffic_fines_10k_cases.csv",
        sep=",",
        case="case_id",
        activity="activity",
        timestamp="timestamp",
        resource="resource",
        counts=(34724, 10000),
    ),
    "bpic2012": dict(file="bpic2012.csv", sep=",", **XES, counts=(262200, 13087)),
    "generated_1000_seed7": dict(
        generate=["generate", "--cases", "1000", "--seed", "7"],
        sep=",",
        case="case_id",
        activity="activity",
        timestamp="end_time",
        start="start_time",
        resource="agent",
        counts=None,
    ),
}


def data_dir() -> Path:
    env = os.environ.get("CASEMAP_DATA")
    return Path(env) if env else (REPO / ".." / "shared" / "data").resolve()


def cli_command() -> list:
    env = os.environ.get("CASEMAP_CLI")
    if env:
        return shlex.split(env)
    binary = REPO / "target" / "release" / "casemap"
    if binary.exists():
        return [str(binary)]
    return ["cargo", "run", "--release", "-q", "-p", "casemap-cli", "--"]


def read_log(path: Path, spec: dict) -> pd.DataFrame:
    # Case and activity as str so ids like "007" survive. keep_default_na=False with
    # na_values=[""]: only an empty field is missing. pandas' default NA list would
    # turn the sepsis case id "NA" into NaN, and format_dataframe would drop that case.
    return pd.read_csv(
        path,
        sep=spec["sep"],
        dtype={spec["case"]: str, spec["activity"]: str, spec["resource"]: str},
        keep_default_na=False,
        na_values=[""],
        encoding="utf-8",
    )


def fmt(raw: pd.DataFrame, spec: dict) -> pd.DataFrame:
    kwargs = dict(case_id=spec["case"], activity_key=spec["activity"], timestamp_key=spec["timestamp"])
    if spec.get("start"):
        kwargs["start_timestamp_key"] = spec["start"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pm4py.format_dataframe(raw.copy(), **kwargs)


def num(x):
    """A float for JSON: NaN becomes None."""
    x = float(x)
    return None if math.isnan(x) else x


def dfg_rows(freq: dict, perf: dict) -> list:
    assert set(freq) == set(perf), "frequency and performance DFG have different edges"
    rows = []
    for (a, b) in sorted(freq):
        p = perf[(a, b)]
        rows.append(
            {
                "from": str(a),
                "to": str(b),
                "frequency": int(freq[(a, b)]),
                "mean": num(p["mean"]),
                "median": num(p["median"]),
                "min": num(p["min"]),
                "max": num(p["max"]),
                "sum": num(p["sum"]),
                "stdev": num(p["stdev"]),
            }
        )
    return rows


def same_perf(p: dict, q: dict) -> bool:
    if set(p) != set(q):
        return False
    for k in p:
        for m in ("mean", "median", "min", "max", "sum", "stdev"):
            a, b = num(p[k][m]), num(q[k][m])
            if a != b:
                return False
    return True


def compute(name: str, spec: dict, path: Path) -> dict:
    raw = read_log(path, spec)
    df = fmt(raw, spec)
    start_key = START if spec.get("start") else None
    if start_key:
        assert df.attrs.get(constants.PARAMETER_CONSTANT_START_TIMESTAMP_KEY) == START

    # format_dataframe tries to parse *every* string column as a date (including the
    # case and activity columns); make sure ids and names came through untouched.
    keep = raw[spec["case"]].notna() & raw[spec["activity"]].notna() & raw[spec["timestamp"]].notna()
    assert set(df[CASE]) == set(raw.loc[keep, spec["case"]]), "case ids changed"
    assert set(df[ACT]) == set(raw.loc[keep, spec["activity"]]), "activity names changed"
    dropped = len(raw) - len(df)

    # DFG: one call gives frequency and all performance aggregates. With a start
    # timestamp it is passed explicitly, as PM4Py does when a start_timestamp_key is
    # given (sort by case, start, end; waiting time max(next start, end) - end).
    freq, perf = df_statistics.get_dfg_graph(
        df.copy(),
        measure="both",
        activity_key=ACT,
        case_id_glue=CASE,
        timestamp_key=TS,
        start_timestamp_key=start_key,
        perf_aggregation_key="all",
    )
    # The public API must agree (it has no start_timestamp_key parameter).
    api_freq, _, _ = pm4py.discover_dfg(df.copy())
    assert {k: int(v) for k, v in api_freq.items()} == {k: int(v) for k, v in freq.items()}
    api_perf, _, _ = pm4py.discover_performance_dfg(df.copy())
    if start_key is None:
        assert same_perf(api_perf, perf), "discover_performance_dfg differs"
    else:
        differing = sum(
            1 for k in perf if any(num(perf[k][m]) != num(api_perf[k][m]) for m in perf[k])
        )
        print(
            f"  note: pm4py.discover_performance_dfg (start column picked up implicitly, "
            f"no clamp at 0) differs on {differing} of {len(perf)} edges; stored: explicit start key"
        )

    start_acts = pm4py.get_start_activities(df.copy())
    end_acts = pm4py.get_end_activities(df.copy())
    variants = pm4py.get_variants(df.copy())
    rework = pm4py.get_rework_cases_per_activity(df.copy())

    # Case durations: pm4py.get_all_case_durations returns a sorted list without ids, so
    # call the function it wraps. With a start timestamp in df.attrs it raises
    # KeyError('start_timestamp') (it keeps only the case and timestamp columns before
    # reading the start column), so the start key is left out: duration = timestamp of
    # the last row minus that of the first row, in format_dataframe's order.
    df_cd = df.copy()
    df_cd.attrs.pop(constants.PARAMETER_CONSTANT_START_TIMESTAMP_KEY, None)
    if start_key:
        try:
            pm4py.get_all_case_durations(df.copy())
            print("  note: get_all_case_durations accepted the start timestamp (fixed in PM4Py?)")
        except KeyError:
            pass
    cd = case_statistics.get_cases_description(df_cd, parameters=pm4py.utils.get_properties(df_cd))
    durations = {str(c): num(v["caseDuration"]) for c, v in cd.items()}
    assert sorted(durations.values()) == [num(x) for x in pm4py.get_all_case_durations(df_cd)]

    columns = {
        "case": spec["case"],
        "activity": spec["activity"],
        "timestamp": spec["timestamp"],
        "start_timestamp": spec.get("start"),
        "sep": spec["sep"],
    }
    result = {
        "pm4py_version": pm4py.__version__,
        "log": spec.get("file") or ("casemap " + " ".join(spec["generate"])),
        "columns": columns,
        "events": int(len(df)),
        "cases": int(df[CASE].nunique()),
        "dfg": dfg_rows(freq, perf),
        "start_activities": {str(k): int(v) for k, v in start_acts.items()},
        "end_activities": {str(k): int(v) for k, v in end_acts.items()},
        "variants": sorted(
            ({"activities": [str(a) for a in k], "cases": int(v)} for k, v in variants.items()),
            key=lambda v: (-v["cases"], v["activities"]),
        ),
        "case_durations": durations,
        "rework_cases": {str(k): int(v) for k, v in rework.items()},
    }
    result["handoffs"] = handoffs(df, spec["resource"])
    crosscheck(raw, spec, result)
    if dropped:
        print(f"  note: format_dataframe dropped {dropped} rows with an empty case/activity/timestamp")
    return result


def handoffs(df: pd.DataFrame, resource: str) -> dict:
    """casemap's handoff figures, from PM4Py's formatted frame in its event order (cases by
    id as text, then time, then file order): per case, the number of changes between
    consecutive resources (missing ones left out), their mean over all cases; every change
    A -> B counted; cases whose resource sequence, repeats collapsed, has some A, B, A."""
    changes_per_case = []
    pairs = Counter()
    ping_pong = 0
    for _, events in df.groupby(CASE, sort=False):
        sequence = [
            str(r) for r in events[resource]
            if not (isinstance(r, float) and math.isnan(r)) and str(r) not in MISSING
        ]
        changes = [(a, b) for a, b in zip(sequence, sequence[1:]) if a != b]
        changes_per_case.append(len(changes))
        pairs.update(changes)
        collapsed = [r for i, r in enumerate(sequence) if i == 0 or r != sequence[i - 1]]
        ping_pong += any(collapsed[i] == collapsed[i + 2] for i in range(len(collapsed) - 2))
    return {
        "resource_column": resource,
        "handoffs_per_case": sum(changes_per_case) / len(changes_per_case),
        "pairs": {f"{a} -> {b}": n for (a, b), n in sorted(pairs.items())},
        "ping_pong_cases": ping_pong,
    }


def crosscheck(raw: pd.DataFrame, spec: dict, res: dict) -> None:
    """Recompute some figures with plain pandas, independently of PM4Py's code."""
    c, a, t = spec["case"], spec["activity"], spec["timestamp"]
    d = raw[[c, a, t] + ([spec["start"]] if spec.get("start") else [])].dropna(subset=[c, a, t]).copy()
    d[t] = pd.to_datetime(d[t], format="mixed", utc=True)
    d["_row"] = np.arange(len(d))
    d = d.sort_values([c, t, "_row"], kind="stable")
    assert res["events"] == len(d) and res["cases"] == d[c].nunique()
    if spec.get("counts"):
        assert (res["events"], res["cases"]) == spec["counts"], (res["events"], res["cases"], spec["counts"])
    traces = d.groupby(c, sort=True)[a].agg(tuple)
    assert Counter(traces.map(lambda x: x[0])) == Counter(res["start_activities"])
    assert Counter(traces.map(lambda x: x[-1])) == Counter(res["end_activities"])
    assert {tuple(v["activities"]): v["cases"] for v in res["variants"]} == dict(Counter(traces))
    rework = Counter()
    for tr in traces:
        for act, n in Counter(tr).items():
            if n > 1:
                rework[act] += 1
    assert dict(rework) == res["rework_cases"]
    span = d.groupby(c)[t].agg(lambda s: (s.max() - s.min()).total_seconds())
    assert all(abs(span[k] - v) < 1e-6 for k, v in res["case_durations"].items())
    # DFG frequency (and without a start column, the performance min/max/sum)
    if spec.get("start"):
        s = spec["start"]
        d[s] = pd.to_datetime(d[s], format="mixed", utc=True)
        d = d.sort_values([c, s, t], kind="stable")
    nxt = d.shift(-1)
    pairs = d[c] == nxt[c]
    edges = Counter(zip(d.loc[pairs, a], nxt.loc[pairs, a]))
    assert edges == {(e["from"], e["to"]): e["frequency"] for e in res["dfg"]}
    if not spec.get("start"):
        secs = (nxt.loc[pairs, t] - d.loc[pairs, t]).dt.total_seconds()
        g = pd.DataFrame({"f": d.loc[pairs, a].values, "t": nxt.loc[pairs, a].values, "s": secs.values})
        agg = g.groupby(["f", "t"])["s"].agg(["min", "max", "sum"])
        for e in res["dfg"]:
            row = agg.loc[(e["from"], e["to"])]
            assert abs(row["min"] - e["min"]) < 1e-6 and abs(row["max"] - e["max"]) < 1e-6
            assert abs(row["sum"] - e["sum"]) <= 1e-9 * max(1.0, abs(row["sum"]))


# A result larger than this is stored gzipped as <name>.json.gz (only bpic2012: its 4,366
# variants alone take 4 MB as JSON). gzip.compress with mtime=0 gives the same bytes each run.
GZIP_OVER_BYTES = 1_000_000


def write(name: str, result: dict, out_dir: Path = OUT_DIR) -> Path:
    """Writes `result` as <out_dir>/<name>.json, or .json.gz when large (removing the other)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    data = (text + "\n").encode("utf-8")
    plain, gz = out_dir / f"{name}.json", out_dir / f"{name}.json.gz"
    if len(data) > GZIP_OVER_BYTES:
        out, stale = gz, plain
        data = gzip.compress(data, compresslevel=9, mtime=0)
    else:
        out, stale = plain, gz
    out.write_bytes(data)
    stale.unlink(missing_ok=True)
    return out


def main(argv: list) -> int:
    names = argv or list(LOGS)
    unknown = [n for n in names if n not in LOGS]
    if unknown:
        print(f"unknown log(s): {', '.join(unknown)}; known: {', '.join(LOGS)}", file=sys.stderr)
        return 2
    data = data_dir()
    print(f"pm4py {pm4py.__version__}, pandas {pd.__version__}, numpy {np.__version__}; data: {data}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            spec = LOGS[name]
            if "generate" in spec:
                path = Path(tmp) / f"{name}.csv"
                cmd = cli_command() + spec["generate"] + ["-o", str(path)]
                print(f"{name}: running {' '.join(cmd)}")
                subprocess.run(cmd, check=True, cwd=REPO, stdout=subprocess.DEVNULL)
                print(f"  generated CSV sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}")
            else:
                path = data / spec["file"]
            result = compute(name, spec, path)
            out = write(name, result)
            print(
                f"{name}: {result['events']} events, {result['cases']} cases, {len(result['dfg'])} edges, "
                f"{len(result['variants'])} variants -> {out.relative_to(REPO)} ({out.stat().st_size} bytes)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
