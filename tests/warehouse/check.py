#!/usr/bin/env python3
"""The warehouse path, proved: `casemap sql` runs on real SQL engines and its result, read by
`casemap warehouse`, equals `casemap analyze` on the same file, figure by figure.

For every log (the shared logs, and a generated service log without start times) the file is
loaded into the engine as a table of text columns with the time as a timestamp and the file's
row number (the `--order` column, so events at the same time keep the file's order, as casemap
keeps it). Then, for no filter and for chains that use every kind of filter step (built from
the log's own activities, variants, resources, times and columns), the query runs, its result
is saved as CSV or JSON as a warehouse console saves it, and these must agree:

  summary (events, cases, activities, resources, first, last), skipped rows (none), every
  activity (events, cases, most in one case, cases with more than one), every path (frequency, cases, most in one case,
  and the waits: count, total, mean, median, min, max, sample deviation), start and end
  activities, the number of variants and the top variants in order (cases, share, coverage,
  median and mean duration), case durations and events per case (count, min, median, mean,
  90th percentile, max).

Counts must be equal; times agree to 1e-9 relative (the engines sum in another order).

Usage: check.py --cli target/debug/casemap --data DIR [--engine duckdb|spark|postgres] [logs...]
Engines: duckdb (the `duckdb` package), spark (`pyspark` in local mode, Java 17) and postgres
(a throwaway server of Debian's PostgreSQL on a Unix socket, read through `psycopg`).
"""

import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

LOGS = ["helpdesk", "sepsis", "bpic2013_closed_problems", "receipt", "academic_credentials",
        "traffic_fines_10k_cases", "bpic2012", "generated", "generated_1m"]
# Generated logs: cases and seed of `casemap generate`, and which chains run (None: all). The
# 1M-event log runs without a filter and with one chain, to keep the test short.
GENERATED = {"generated": (3000, 11, None), "generated_1m": (115_000, 12, [0, 4])}
REL = 1e-9
# The values casemap reads as missing by default (`casemap import --missing`); a warehouse has
# NULL for them, so the tables are loaded with these as NULL.
MISSING = ["", "NULL", "null", "N/A", "?", "-"]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def mapping(cli, path):
    """casemap's guess of the roles: the same columns the query is asked to use."""
    info = json.loads(run([cli, "import", str(path), "--json"]))
    roles = {m["role"]: m["name"] for m in info["mapping"] if m["role"] not in ("attribute", "ignore")}
    attributes = [m["name"] for m in info["mapping"] if m["role"] not in ("case_id", "activity", "timestamp")]
    delimiter = info["format"].get("delimiter") or ","
    return roles, attributes, "\t" if delimiter == "tab" else delimiter


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    if math.isnan(a) and math.isnan(b):
        return True
    return abs(a - b) <= REL * max(abs(a), abs(b), 1e-6)


def compare(expected, got, where, problems):
    """Every key of `expected` (nested), floats with a relative tolerance."""
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            problems.append(f"{where}: expected an object, got {got!r}")
            return
        for k, v in expected.items():
            compare(v, got.get(k), f"{where}.{k}", problems)
    elif isinstance(expected, list):
        if not isinstance(got, list) or len(got) != len(expected):
            problems.append(f"{where}: {len(expected)} items expected, got {got if not isinstance(got, list) else len(got)}")
            return
        for i, (x, y) in enumerate(zip(expected, got)):
            compare(x, y, f"{where}[{i}]", problems)
    elif isinstance(expected, float) or isinstance(got, float):
        if not close(expected, got):
            problems.append(f"{where}: {expected!r} expected, got {got!r}")
    elif expected != got:
        problems.append(f"{where}: {expected!r} expected, got {got!r}")


def comparable(report):
    """The keys both commands print, keyed so that order does not matter where it may not."""
    dfg = report["dfg"]
    return {
        "summary": report["summary"],
        "nodes": {n["activity"]: [n["events"], n["cases"], n["max_repetitions"], n["rework_cases"]]
                  for n in dfg["nodes"]},
        "edges": {f"{e['from']} -> {e['to']}": {"frequency": e["frequency"], "cases": e["cases"],
                                                 "max_repetitions": e["max_repetitions"], **e["duration_s"]}
                  for e in dfg["edges"]},
        "start_activities": report["start_activities"],
        "end_activities": report["end_activities"],
        "variants": report["variants"],
        "case_durations_s": report["case_durations_s"],
        "events_per_case": report["events_per_case"],
    }


def chains(analysis, roles, attribute_values):
    """Filter chains over the log's own values: every step kind, some in sequence."""
    nodes = sorted(analysis["dfg"]["nodes"], key=lambda n: (-n["events"], n["activity"]))
    acts = [n["activity"] for n in nodes]
    edges = sorted(analysis["dfg"]["edges"], key=lambda e: (-e["frequency"], e["from"], e["to"]))
    first, last = analysis["summary"]["first"], analysis["summary"]["last"]
    t0, t1 = (datetime.fromisoformat(x.replace("Z", "+00:00")) for x in (first, last))
    mid = (t0 + (t1 - t0) / 2).strftime("%Y-%m-%dT%H:%M:%S")
    median = analysis["case_durations_s"]["median"]
    top = analysis["variants"]["top"]
    starts = sorted(analysis["start_activities"], key=lambda a: -analysis["start_activities"][a])
    ends = sorted(analysis["end_activities"], key=lambda a: -analysis["end_activities"][a])
    e0 = edges[0]
    wait = e0["duration_s"]["median"]
    out = [
        [],
        [{"type": "time_frame", "from": first[:10], "to": mid, "mode": "started"},
         {"type": "activities", "activities": acts[1:2], "mode": "any"}],
        [{"type": "time_frame", "from": first[:10], "to": mid, "mode": "intersecting"},
         {"type": "activities", "activities": acts[:5], "mode": "events"},
         {"type": "duration", "min_s": median / 3}],
        [{"type": "time_frame", "from": first[:10], "to": mid, "mode": "trim"},
         {"type": "time_frame", "from": first[:10], "to": last[:10], "mode": "contained"},
         {"type": "time_frame", "from": first[:10], "to": mid, "mode": "completed"}],
        [{"type": "followed_by", "from": e0["from"], "to": e0["to"], "directly": True, "within_s": wait},
         {"type": "duration", "max_s": median, "min_s": 1}],
        [{"type": "followed_by", "from": acts[0], "to": acts[1], "within_s": median},
         {"type": "end_activities", "activities": ends[:1], "exclude": True}],
        [{"type": "followed_by", "from": acts[1], "to": acts[0], "exclude": True},
         {"type": "start_activities", "activities": starts[:1]},
         {"type": "activities", "activities": acts[:2], "mode": "all"}],
        [{"type": "variants", "variants": [v["activities"] for v in top[:2]], "exclude": True},
         {"type": "activities", "activities": acts[2:3] + ["no such activity"], "mode": "none"}],
        [{"type": "variants", "variants": [v["activities"] for v in top[1:4]]}],
        [{"type": "cases", "ids": analysis["_case_ids"][:50]}],
    ]
    if "resource" in roles and analysis["_resources"]:
        res = analysis["_resources"]
        out.append([{"type": "resources", "resources": res[:2]},
                    {"type": "resources", "resources": res[:1], "exclude": True, "events": True}])
    for column, values in attribute_values[:2]:
        out.append([{"type": "attribute", "column": column, "values": values[:1]},
                    {"type": "attribute", "column": column, "values": values[1:3], "exclude": True, "events": True}])
        out.append([{"type": "attribute", "column": column, "values": values[:2], "events": True}])
    return out


class DuckDB:
    name = "duckdb"
    dialect = "duckdb"

    def __init__(self):
        import duckdb
        self.con = duckdb.connect()
        self.con.execute("SET TimeZone = 'UTC'")

    def load(self, path, roles, attributes, delimiter):
        ts = roles["timestamp"]
        cols = [roles["case_id"], roles["activity"], ts] + attributes
        q = lambda c: '"' + c.replace('"', '""') + '"'
        parse = (f"COALESCE(TRY_CAST({q(ts)} AS TIMESTAMPTZ), TRY_STRPTIME({q(ts)}, '%Y/%m/%d %H:%M:%S.%g'), "
                 f"TRY_STRPTIME({q(ts)}, '%Y/%m/%d %H:%M:%S'))")
        others = ", ".join(q(c) for c in dict.fromkeys(cols) if c != ts)
        self.con.execute("DROP TABLE IF EXISTS events")
        self.con.execute(
            f"CREATE TABLE events AS SELECT row_number() OVER () AS row_nr, {others}, {parse} AS {q(ts)} "
            f"FROM read_csv(?, header = true, all_varchar = true, delim = ?, quote = '\"', "
            f"strict_mode = false, null_padding = true, nullstr = {MISSING!r})", [str(path), delimiter])

    def save(self, query, out, as_json):
        body = query.strip().rstrip(";")
        fmt = "(FORMAT json, ARRAY true)" if as_json else "(FORMAT csv, HEADER true)"
        self.con.execute(f"COPY ({body}) TO '{out}' {fmt}")

    def distinct(self, column, limit):
        q = '"' + column.replace('"', '""') + '"'
        return [r[0] for r in self.con.execute(
            f"SELECT {q} FROM events WHERE {q} IS NOT NULL GROUP BY {q} ORDER BY COUNT(*) DESC, {q} LIMIT {limit}").fetchall()]


class Spark:
    name = "spark"
    dialect = "spark"

    def __init__(self):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        from pyspark.sql import SparkSession
        self.spark = (SparkSession.builder.master("local[2]").appName("casemap-warehouse")
                      .config("spark.sql.session.timeZone", "UTC")
                      .config("spark.sql.shuffle.partitions", "4")
                      .config("spark.ui.enabled", "false")
                      .config("spark.ui.showConsoleProgress", "false")
                      .getOrCreate())
        self.spark.sparkContext.setLogLevel("ERROR")

    def load(self, path, roles, attributes, delimiter):
        from pyspark.sql import functions as F
        ts = roles["timestamp"]
        df = (self.spark.read.option("header", True).option("sep", delimiter).option("multiLine", True)
              .option("escape", '"').csv(str(path)))
        df = df.select([F.when(F.col(f"`{c}`").isin(MISSING), None).otherwise(F.col(f"`{c}`")).alias(c)
                        for c in df.columns])
        df = df.withColumn("row_nr", F.monotonically_increasing_id())
        parsed = F.coalesce(F.to_timestamp(F.col(f"`{ts}`")),
                            F.to_timestamp(F.col(f"`{ts}`"), "yyyy/MM/dd HH:mm:ss.SSS"))
        df = df.withColumn(ts, parsed)
        df.createOrReplaceTempView("events")

    def save(self, query, out, as_json):
        df = self.spark.sql(query)
        rows = [r.asDict() for r in df.collect()]
        if as_json:
            Path(out).write_text(json.dumps(rows))
        else:
            with open(out, "w", newline="") as f:
                w = csv.writer(f)
                w.writerow(df.columns)
                w.writerows([["" if r[c] is None else repr(r[c]) if isinstance(r[c], float) else r[c]
                              for c in df.columns] for r in rows])

    def distinct(self, column, limit):
        rows = self.spark.sql(
            f"SELECT `{column}` AS v FROM events WHERE `{column}` IS NOT NULL GROUP BY `{column}` "
            f"ORDER BY COUNT(*) DESC, `{column}` LIMIT {limit}").collect()
        return [r.v for r in rows]


class Postgres:
    """A throwaway PostgreSQL server: its own data directory, a Unix socket, no TCP port.

    PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user that
    Debian's package creates (`runuser`); the client connects over the socket as that user."""
    name = "postgres"
    dialect = "postgres"

    def __init__(self):
        import glob
        import shutil
        import pwd
        import psycopg
        bindirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(d.split("/")[-2]))
        if not bindirs:
            raise SystemExit("PostgreSQL is not installed (scripts/setup.sh installs it)")
        bindir = bindirs[-1]
        self.dir = tempfile.mkdtemp(prefix="casemap-pg-")
        self.prefix = []
        user = pwd.getpwuid(os.geteuid()).pw_name
        if os.geteuid() == 0:
            user = "postgres"
            shutil.chown(self.dir, user)
            self.prefix = ["runuser", "-u", user, "--"]
        data = f"{self.dir}/data"
        self.pg_ctl = [*self.prefix, f"{bindir}/pg_ctl", "-D", data]
        subprocess.run([*self.prefix, f"{bindir}/initdb", "-D", data, "-U", user, "--auth=trust",
                        "--encoding=UTF8", "--locale=C"], check=True, capture_output=True)
        subprocess.run([*self.pg_ctl, "-l", f"{self.dir}/server.log", "-w", "-o",
                        f"-k {self.dir} -c listen_addresses='' -c fsync=off -c work_mem=256MB", "start"],
                       check=True, capture_output=True)
        self.con = psycopg.connect(host=self.dir, user=user, dbname="postgres", autocommit=True)
        self.con.execute("SET TimeZone = 'UTC'")

    def close(self):
        import shutil
        self.con.close()
        subprocess.run([*self.pg_ctl, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)

    def load(self, path, roles, attributes, delimiter):
        ts = roles["timestamp"]
        q = lambda c: '"' + c.replace('"', '""') + '"'
        with open(path, newline="", encoding="utf-8-sig") as f:
            header = next(csv.reader(f, delimiter=delimiter))
        raw = [f"c{i}" for i in range(len(header))]
        self.con.execute("DROP TABLE IF EXISTS raw; DROP TABLE IF EXISTS events")
        self.con.execute(f"CREATE UNLOGGED TABLE raw (row_nr BIGSERIAL, {', '.join(c + ' TEXT' for c in raw)})")
        with self.con.cursor() as cur, open(path, "rb") as f:
            with cur.copy(f"COPY raw ({', '.join(raw)}) FROM STDIN (FORMAT csv, HEADER true, "
                          f"DELIMITER {self.literal(delimiter)}, ENCODING 'UTF8')") as copy:
                while chunk := f.read(1 << 20):
                    copy.write(chunk)
        missing = ", ".join(self.literal(m) for m in MISSING)
        cols = [roles["case_id"], roles["activity"], ts] + attributes
        select = []
        for c in dict.fromkeys(cols):
            value = f"CASE WHEN {raw[header.index(c)]} IN ({missing}) THEN NULL ELSE {raw[header.index(c)]} END"
            select.append(f"CAST({value} AS TIMESTAMPTZ) AS {q(c)}" if c == ts else f"{value} AS {q(c)}")
        self.con.execute(f"CREATE UNLOGGED TABLE events AS SELECT row_nr, {', '.join(select)} FROM raw")
        self.con.execute("DROP TABLE raw; ANALYZE events")

    @staticmethod
    def literal(text):
        return "'" + text.replace("'", "''") + "'"

    def save(self, query, out, as_json):
        body = query.strip().rstrip(";")
        with self.con.cursor() as cur:
            if as_json:
                cur.execute(f"SELECT COALESCE(json_agg(r), '[]') FROM ({body}) r")
                Path(out).write_text(json.dumps(cur.fetchone()[0]))
            else:
                with open(out, "wb") as f, cur.copy(f"COPY ({body}) TO STDOUT (FORMAT csv, HEADER true)") as copy:
                    for data in copy:
                        f.write(data)

    def distinct(self, column, limit):
        q = '"' + column.replace('"', '""') + '"'
        return [r[0] for r in self.con.execute(
            f"SELECT {q} FROM events WHERE {q} IS NOT NULL GROUP BY {q} ORDER BY COUNT(*) DESC, {q} COLLATE \"C\" "
            f"LIMIT {limit}").fetchall()]


def generated_log(cli, tmp, name):
    """casemap's service-desk sample with one time per event (the query takes one)."""
    cases, seed, _ = GENERATED[name]
    full = Path(tmp) / f"{name}_full.csv"
    run([cli, "generate", "--cases", str(cases), "--seed", str(seed), "-o", str(full)])
    out = Path(tmp) / f"{name}.csv"
    with full.open(newline="") as f, out.open("w", newline="") as g:
        rows = csv.reader(f)
        header = next(rows)
        drop = header.index("start_time")
        w = csv.writer(g)
        w.writerow([h for i, h in enumerate(header) if i != drop])
        for r in rows:
            w.writerow([x for i, x in enumerate(r) if i != drop])
    return out


def check_log(engine, cli, name, path, tmp):
    roles, attributes, delimiter = mapping(cli, path)
    engine.load(path, roles, attributes, delimiter)
    base = json.loads(run([cli, "analyze", str(path), "--json", "--discovery-only", "--top", "1000"]))
    base["_case_ids"] = sorted(engine.distinct(roles["case_id"], 400))[::7]
    base["_resources"] = engine.distinct(roles["resource"], 3) if "resource" in roles else []
    attribute_values = []
    for column in [c for c in attributes if c not in roles.values()][:6]:
        values = engine.distinct(column, 4)
        if len(values) >= 2:
            attribute_values.append((column, values))
    failures = 0
    only = GENERATED.get(name, (0, 0, None))[2]
    for i, chain in enumerate(chains(base, roles, attribute_values)):
        if only is not None and i not in only:
            continue
        chain_file = Path(tmp) / f"{name}.chain{i}.json"
        chain_file.write_text(json.dumps({"filters": chain}))
        sql = [cli, "sql", "--dialect", engine.dialect, "--table", "events", "--case", roles["case_id"],
               "--activity", roles["activity"], "--timestamp", roles["timestamp"], "--order", "row_nr",
               "--top", "1000", "--filter", str(chain_file)]
        if "resource" in roles:
            sql += ["--resource", roles["resource"]]
        query = run(sql)
        as_json = i % 2 == 1
        result = Path(tmp) / f"{name}.{engine.name}.{i}.{'json' if as_json else 'csv'}"
        engine.save(query, result, as_json)
        got = json.loads(run([cli, "warehouse", str(result), "--json"]))
        expected = json.loads(run([cli, "analyze", str(path), "--json", "--discovery-only", "--top", "1000",
                                   "--filter", str(chain_file)]))
        problems = []
        if got["skipped_rows"] != 0:
            problems.append(f"skipped_rows: {got['skipped_rows']}")
        compare(comparable(expected), comparable(got), "", problems)
        cases = expected["summary"]["cases"]
        if problems:
            failures += 1
            print(f"FAIL {engine.name} {name} chain {i} ({cases} cases): {json.dumps(chain)}")
            for p in problems[:12]:
                print(f"    {p}")
            if len(problems) > 12:
                print(f"    ... and {len(problems) - 12} more")
        else:
            print(f"ok   {engine.name} {name} chain {i}: {expected['summary']['events']:,} events, {cases} cases, "
                  f"{len(expected['dfg']['edges'])} paths, {expected['variants']['total']} variants")
    return failures


ENGINES = {"duckdb": DuckDB, "spark": Spark, "postgres": Postgres}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--data", default=os.environ.get("CASEMAP_DATA", ""))
    ap.add_argument("--engine", default="duckdb", choices=list(ENGINES))
    ap.add_argument("logs", nargs="*")
    args = ap.parse_args()
    engine = ENGINES[args.engine]()
    failures = 0
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name in args.logs or LOGS:
                path = generated_log(args.cli, tmp, name) if name in GENERATED else Path(args.data) / f"{name}.csv"
                if not path.exists():
                    print(f"skip {name}: {path} not found")
                    continue
                failures += check_log(engine, args.cli, name, path, tmp)
    finally:
        if hasattr(engine, "close"):
            engine.close()
    print(f"{engine.name}: {'all agree' if failures == 0 else f'{failures} results differ'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
