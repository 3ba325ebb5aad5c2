#!/usr/bin/env bash
# Builds the app (page and worker) into dist/ as a release, then prints the size of what a
# visitor downloads. dist/ can be copied to any static host, under any sub-path.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

"$REPO/scripts/setup.sh"
cd "$REPO"
say "building the app (trunk build --release)"
wasm_env trunk build --release --offline

sizes() { # file -> "N KB raw, N KB gzipped"
  local raw gz
  raw=$(wc -c <"$1")
  gz=$(gzip -9 -c "$1" | wc -c)
  printf '%s KB raw, %s KB gzipped' "$(( (raw + 512) / 1024 ))" "$(( (gz + 512) / 1024 ))"
}
app_wasm=$(ls dist/app-*_bg.wasm)
app_js=$(ls dist/app-*.js)
total_raw=$(cat dist/* | wc -c)
total_gz=0
for file in dist/*; do total_gz=$(( total_gz + $(gzip -9 -c "$file" | wc -c) )); done
say "sizes"
echo "  page wasm   ($(basename "$app_wasm")): $(sizes "$app_wasm")"
echo "  page JS     ($(basename "$app_js")): $(sizes "$app_js")"
echo "  worker wasm (worker_bg.wasm): $(sizes dist/worker_bg.wasm)"
echo "  worker JS   (worker.js): $(sizes dist/worker.js)"
echo "  everything in dist/: $(( (total_raw + 512) / 1024 )) KB raw, $(( (total_gz + 512) / 1024 )) KB gzipped"
