#!/usr/bin/env bash
# Import throughput, natively: a generated log of about a million events (CASEMAP_BENCH_CASES
# cases, default 115,000), imported by casemap, against the floor of parsing the same bytes
# with the csv crate alone. Prints medians, MB/s, events/s and the ratio to the floor.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"
cases="${CASEMAP_BENCH_CASES:-115000}"
say "counting the events of the benchmark log ($cases cases)"
cargo build -q --release -p casemap-cli
events=$(./target/release/casemap generate --cases "$cases" --seed 42 -o /dev/null 2>&1 | sed -E 's/.* cases, ([0-9,]+) events.*/\1/' | tr -d ,)
say "cargo bench (criterion, 10 samples each)"
CASEMAP_BENCH_CASES="$cases" cargo bench -q -p casemap-engine --bench import >&2
node - "$REPO/target/criterion/import_1m" "$events" <<'JS'
const fs = require("node:fs");
const path = require("node:path");
const [dir, events] = process.argv.slice(2);
const read = (name) => {
  const estimates = JSON.parse(fs.readFileSync(path.join(dir, name, "new", "estimates.json"), "utf8"));
  const benchmark = JSON.parse(fs.readFileSync(path.join(dir, name, "new", "benchmark.json"), "utf8"));
  return { median: estimates.median.point_estimate / 1e9, bytes: benchmark.throughput.Bytes };
};
const floor = read("csv_crate_floor");
console.log(`log: ${Number(events).toLocaleString("en-US")} events, ${(floor.bytes / 1e6).toFixed(1)} MB`);
console.log("benchmark            median      MB/s     events/s   vs floor");
for (const name of ["csv_crate_floor", "casemap_records", "casemap_import"]) {
  const { median, bytes } = read(name);
  const row = [
    name.padEnd(20),
    `${(median * 1e3).toFixed(1)} ms`.padStart(10),
    (bytes / 1e6 / median).toFixed(0).padStart(9),
    Math.round(events / median).toLocaleString("en-US").padStart(12),
    `${(floor.median / median).toFixed(2)}x`.padStart(10),
  ];
  console.log(row.join(" "));
}
JS
