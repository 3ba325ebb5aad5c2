#!/usr/bin/env bash
# The layout's speed natively (release) and in headless Chromium (release wasm), on the seeded
# maps of the bar (62 nodes / 300 edges, 150 / 700, 600 / 2,500): medians and the ratio.
# Run scripts/setup.sh (or the test command) once first.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"
say "native"
native=$(cargo test --release -p casemap-engine --test layout_speed -- --ignored --nocapture 2>/dev/null | grep '^layout native')
say "headless Chromium"
browser=$(wasm_env env CHROMEDRIVER=/usr/bin/chromedriver \
  WASM_BINDGEN_TEST_WEBDRIVER_JSON="$REPO/tests/webdriver.json" \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --release -p casemap-engine --target wasm32-unknown-unknown --test layout_speed -- --include-ignored --nocapture 2>&1 | grep -o 'layout chromium.*')
echo "$native"
echo "$browser"
paste <(echo "$native" | sed -E 's/.*native ([0-9/]+): median ([0-9.]+) ms/\1 \2/') \
      <(echo "$browser" | sed -E 's/.*chromium ([0-9/]+): median ([0-9.]+) ms/\2/') |
  awk '{ printf "%-10s native %7.1f ms   chromium %7.1f ms   ratio %.2f\n", $1, $2, $3, $3 / $2 }'
