#!/usr/bin/env python3
"""Alignment time of casemap against PM4Py, on the same log and the same model, in one run.

    cargo build --release -p casemap-cli
    target/reference-venv/bin/python bench/conformance.py [--runs 5] [--pm4py-runs 1] [logs...]

(`tests/reference/regenerate.sh` makes the venv with the pinned PM4Py.) For each shared log
with a model in tests/reference/models/ (the IMf model PM4Py discovered, noise 0.2, as PNML),
it times:
  casemap  `casemap conformance LOG --model MODEL --json`, `--runs` times: the median of the
           `seconds` it reports (the alignments, the import not included) and of the whole
           process (import included);
  PM4Py    `pm4py.fitness_alignments` on the formatted frame, `--pm4py-runs` times (default
           once: it takes minutes on some logs), the import and formatting not included.
Both must give the same log fitness to the last bit, or the row says so. Prints a Markdown
table with the medians and the ratio PM4Py / casemap, and a JSON line per log on stderr.
--pm4py-timeout SECONDS skips PM4Py on a log where casemap's time times 1000 exceeds it
(bpic2012 by default), so that one run does not take an hour; the row says "skipped".
"""

import argparse
import json
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

sys._pm4py_welcome_shown = True  # skip the banner PM4Py prints on import
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "reference"))

import pm4py  # noqa: E402
import generate  # noqa: E402  (tests/reference/generate.py: how each log is read)


def casemap_times(log: Path, model: Path, runs: int):
    inner, whole, fitness = [], [], None
    for _ in range(runs):
        started = time.perf_counter()
        out = subprocess.run(
            [str(REPO / "target" / "release" / "casemap"), "conformance", str(log), "--model", str(model), "--json"],
            check=True,
            capture_output=True,
            text=True,
        )
        whole.append(time.perf_counter() - started)
        report = json.loads(out.stdout)
        inner.append(report["seconds"])
        fitness = report["fitness"]["log"]
    return statistics.median(inner), statistics.median(whole), fitness


def pm4py_times(name: str, model: Path, runs: int):
    spec = generate.LOGS[name]
    df = generate.fmt(generate.read_log(generate.data_dir() / spec["file"], spec), spec)
    net, im, fm = pm4py.read_pnml(str(model))
    times, fitness = [], None
    for _ in range(runs):
        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = pm4py.fitness_alignments(df, net, im, fm)
        times.append(time.perf_counter() - started)
        fitness = result["log_fitness"]
    return statistics.median(times), fitness


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("logs", nargs="*")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pm4py-runs", type=int, default=1)
    parser.add_argument("--pm4py-timeout", type=float, default=600.0)
    args = parser.parse_args()
    names = args.logs or [n for n in generate.LOGS if "file" in generate.LOGS[n]]
    print("| log | variants aligned by | casemap alignments (median) | casemap whole process | PM4Py fitness_alignments | PM4Py / casemap | same log fitness |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    for name in names:
        model = REPO / "tests" / "reference" / "models" / f"{name}.imf.pnml"
        if not model.exists():
            continue
        log = generate.data_dir() / generate.LOGS[name]["file"]
        inner, whole, ours = casemap_times(log, model, args.runs)
        if inner * 1000 > args.pm4py_timeout:
            theirs_s, theirs, ratio, same = None, None, "skipped", "-"
        else:
            theirs_s, theirs = pm4py_times(name, model, args.pm4py_runs)
            ratio = f"{theirs_s / inner:.0f}x"
            same = "yes" if theirs == ours else f"no ({ours} vs {theirs})"
        print(
            f"| {name} | IMf 0.2 | {inner:.3f} s | {whole:.3f} s | "
            f"{'-' if theirs_s is None else f'{theirs_s:.2f} s'} | {ratio} | {same} |",
            flush=True,
        )
        print(json.dumps({"log": name, "casemap_s": inner, "casemap_process_s": whole, "pm4py_s": theirs_s}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
