#!/usr/bin/env python3
"""Writes a real result of the warehouse query, for the page's end-to-end test: `casemap
generate` (the app's sample data, one time per event) loaded into DuckDB, the query `casemap
sql --dialect duckdb` writes for it, and its result saved as CSV, as a console saves it.

Usage: result.py --cli target/debug/casemap --out result.csv [--cases 2000] [--seed 42] [--top N]
Prints the `casemap analyze --json --discovery-only` figures of the same log as JSON.
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check import GENERATED, DuckDB, generated_log, mapping, run  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--top", type=int, default=1000)
    args = ap.parse_args()
    GENERATED["e2e"] = (args.cases, args.seed, None)
    with tempfile.TemporaryDirectory() as tmp:
        path = generated_log(args.cli, tmp, "e2e")
        roles, attributes, delimiter = mapping(args.cli, path)
        engine = DuckDB()
        engine.load(path, roles, attributes, delimiter)
        query = run([args.cli, "sql", "--dialect", "duckdb", "--table", "events", "--case", roles["case_id"],
                     "--activity", roles["activity"], "--timestamp", roles["timestamp"], "--order", "row_nr",
                     "--resource", roles["resource"], "--top", str(args.top)])
        engine.save(query, Path(args.out).resolve(), False)
        print(run([args.cli, "analyze", str(path), "--json", "--discovery-only", "--top", str(args.top)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
