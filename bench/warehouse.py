#!/usr/bin/env python3
"""When is the warehouse path the right one? Times, in one run on the same generated log:

  1. casemap native: `casemap analyze FILE --json --discovery-only` (release build), the
     process's wall time: reading the CSV, the import, the graph with waits, variants and
     case durations;
  2. DuckDB, the file as it arrives: reading the CSV into a table (`read_csv`, types detected);
  3. DuckDB, the data already in the warehouse: the `casemap sql --dialect duckdb` query on
     that table (what a team with its history in a warehouse runs), and `casemap warehouse`
     reading its result.

Medians of --runs runs (default 3), each figure with its ratio to casemap native. The log is
`casemap generate` output without its start_time column (the query takes one time per event,
so both sides compute the same figures; tests/warehouse/check.py proves they agree).

Usage: bench/warehouse.py [--events 10000000] [--runs 3] [--cli target/release/casemap]
Needs: the release CLI and target/warehouse-venv (scripts/setup.sh makes it); run it with
target/warehouse-venv/bin/python. The log is cached in target/bench/.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EVENTS_PER_CASE = 8.8  # casemap generate's service desk, measured


def timed(fn, runs):
    seconds = []
    out = None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        seconds.append(time.perf_counter() - t0)
    return statistics.median(seconds), seconds, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cli", default=str(REPO / "target/release/casemap"))
    args = ap.parse_args()
    import duckdb

    cache = REPO / "target/bench"
    cache.mkdir(parents=True, exist_ok=True)
    cases = round(args.events / EVENTS_PER_CASE)
    path = cache / f"warehouse_{cases}.csv"
    if not path.exists():
        full = cache / f"warehouse_{cases}_full.csv"
        print(f"generating {cases:,} cases ...", flush=True)
        subprocess.run([args.cli, "generate", "--cases", str(cases), "--seed", "5", "-o", str(full)], check=True)
        con = duckdb.connect()
        con.execute(f"COPY (SELECT * EXCLUDE (start_time) FROM read_csv('{full}', all_varchar = true)) "
                    f"TO '{path}' (FORMAT csv, HEADER true)")
        con.close()
        full.unlink()
    size = path.stat().st_size
    print(f"{path.name}: {size / 1e9:.2f} GB; casemap {subprocess.run([args.cli, '--version'], capture_output=True, text=True).stdout.strip()}, "
          f"DuckDB {duckdb.__version__}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}; medians of {args.runs}", flush=True)

    def native():
        out = subprocess.run([args.cli, "analyze", str(path), "--json", "--discovery-only"], check=True,
                             capture_output=True, text=True).stdout
        return json.loads(out)["summary"]

    t_native, runs_native, summary = timed(native, args.runs)
    print(f"  casemap native analyze: {t_native:.2f} s {[round(x, 2) for x in runs_native]} "
          f"({summary['events']:,} events, {summary['cases']:,} cases)", flush=True)

    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")

    def load():
        con.execute("DROP TABLE IF EXISTS events")
        con.execute(f"CREATE TABLE events AS SELECT row_number() OVER () AS row_nr, * FROM read_csv('{path}')")

    t_load, runs_load, _ = timed(load, args.runs)
    print(f"  DuckDB read_csv into a table: {t_load:.2f} s {[round(x, 2) for x in runs_load]}", flush=True)

    query = subprocess.run([args.cli, "sql", "--dialect", "duckdb", "--table", "events", "--case", "case_id",
                            "--activity", "activity", "--timestamp", "end_time", "--resource", "agent",
                            "--order", "row_nr"], check=True, capture_output=True, text=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "map.csv"

        def run_query():
            con.execute(f"COPY ({query.strip()}) TO '{result}' (FORMAT csv, HEADER true)")

        t_query, runs_query, _ = timed(run_query, args.runs)
        t_read, _, _ = timed(lambda: subprocess.run([args.cli, "warehouse", str(result), "--json"], check=True,
                                                    capture_output=True), args.runs)
        got = json.loads(subprocess.run([args.cli, "warehouse", str(result), "--json"], check=True,
                                        capture_output=True, text=True).stdout)["summary"]
        result_size = result.stat().st_size
    assert (got["events"], got["cases"]) == (summary["events"], summary["cases"]), (got, summary)
    print(f"  DuckDB casemap sql query on the table: {t_query:.2f} s {[round(x, 2) for x in runs_query]} "
          f"(result {result_size / 1e3:.0f} kB; casemap warehouse reads it in {t_read:.3f} s)")
    print(f"ratios to casemap native: DuckDB query {t_query / t_native:.2f}x, "
          f"DuckDB read_csv + query {(t_load + t_query) / t_native:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
