#!/usr/bin/env bash
# Writes `casemap analyze --json` of every shared log (and the generated sample) to DIR, one file
# per log, without the run's `seconds` (the only field that changes between runs). Two snapshots
# of two builds compare with `diff -r A B`: a reshaping of the code must leave them identical.
#
#   scripts/analyze-snapshot.sh /tmp/before   # on the old commit
#   scripts/analyze-snapshot.sh /tmp/after    # on the new one
#   diff -r /tmp/before /tmp/after && echo identical
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/analyze-snapshot.sh DIR}
data=${CASEMAP_DATA:-../shared/data}
mkdir -p "$out"
cargo build --release --locked -q -p casemap-cli
# A private copy of the binary: with a shared CARGO_TARGET_DIR another build may replace it
# while the logs are analysed.
bin=$(mktemp)
trap 'rm -f "$bin"' EXIT
cp "${CARGO_TARGET_DIR:-target}/release/casemap" "$bin" && chmod +x "$bin"
strip() { python3 -c 'import json,sys; d=json.load(sys.stdin); d.pop("seconds",None); json.dump(d,sys.stdout,indent=1,sort_keys=False)'; }
for file in "$data"/*.csv "$data"/*.xes "$data"/*.xes.gz; do
  [ -e "$file" ] || continue
  name=$(basename "$file")
  "$bin" analyze "$file" --json | strip > "$out/$name.json"
done
sample=$(mktemp --suffix=.csv)
"$bin" generate --cases 2000 --seed 42 -o "$sample"
"$bin" analyze "$sample" --json | strip | sed "s#$sample#sample.csv#g" > "$out/sample.json"
rm -f "$sample"
echo "wrote $(ls "$out" | wc -l) snapshots to $out"
