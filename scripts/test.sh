#!/usr/bin/env bash
# Runs every check and test of casemap, after installing what is missing (scripts/setup.sh):
#   1. cargo fmt --check, leptosfmt --check (the view! macros of src/), and clippy with
#      -D warnings (natively, and for wasm32)
#   2. native tests of the engine, the CLI and the app's native parts, and the warehouse path:
#      the query of `casemap sql` on DuckDB and PostgreSQL (every shared log) and Spark (two logs), compared
#      with `casemap analyze` (tests/warehouse/check.py)
#   3. wasm-bindgen tests in headless Chromium (the engine and the app's browser code)
#   4. a release build (trunk), then Playwright end-to-end tests in headless Chromium
#      against it, served on 127.0.0.1 under the sub-path /tools/casemap/
# It goes on after a failure, and ends with one line: "N passed, N failed" (a check such as
# fmt counts as one). Logs: target/test-logs/. Screenshots: target/e2e/artifacts/.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

"$REPO/scripts/setup.sh" || die "setup failed"
cd "$REPO"
LOGS="$REPO/target/test-logs"
rm -rf "$LOGS" && mkdir -p "$LOGS"

passed=0
failed=0
failures=()

# tally NAME PASSED FAILED
tally() {
  passed=$((passed + $2))
  failed=$((failed + $3))
  if [ "$3" -gt 0 ]; then failures+=("$1"); fi
  say "$1: $2 passed, $3 failed"
}

# check NAME COMMAND...: one pass or one failure.
check() {
  local name="$1"
  shift
  say "$name"
  if "$@" 2>&1 | tee "$LOGS/$name.log"; then tally "$name" 1 0; else tally "$name" 0 1; fi
}

# cargo_tests NAME COMMAND...: counts the tests of every "test result:" line; a run that fails
# without reporting a failed test (it did not compile) counts as one failure.
cargo_tests() {
  local name="$1"
  shift
  say "$name"
  "$@" 2>&1 | tee "$LOGS/$name.log"
  local status=${PIPESTATUS[0]}
  local counts
  counts=$(awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
    END { print p + 0, f + 0 }' "$LOGS/$name.log")
  local p=${counts% *} f=${counts#* }
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  tally "$name" "$p" "$f"
}

wasm_test_env() {
  wasm_env env CHROMEDRIVER=/usr/bin/chromedriver \
    WASM_BINDGEN_TEST_WEBDRIVER_JSON="$REPO/tests/webdriver.json" \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner "$@"
}

# 1. Style and lints.
check fmt cargo fmt --all --check
check leptosfmt "$CARGO_BIN/leptosfmt" --check src
check clippy-native cargo clippy --workspace --all-targets --locked -- -D warnings
if [ "$(wasm_toolchain)" = rustup ]; then
  check clippy-wasm wasm_env cargo clippy -p casemap -p casemap-protocol -p casemap-worker -p casemap-engine --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
else
  # Debian's rustc-web has no clippy, and rustup's clippy has no wasm32 std: check the wasm
  # build (warnings as errors) with Debian's compiler instead.
  check check-wasm wasm_env env RUSTFLAGS="-D warnings -C target-feature=+simd128" cargo check -p casemap -p casemap-protocol -p casemap-worker -p casemap-engine --target wasm32-unknown-unknown --all-targets --locked
fi

# 2. Native tests (the CLI's tests also build target/debug/casemap, used by the e2e tests).
cargo_tests native cargo test --workspace --locked

# warehouse_tests NAME ENGINE [LOGS...]: one test per log and filter chain (lines "ok" and
# "FAIL" of tests/warehouse/check.py); a run that stops early counts as one more failure.
warehouse_tests() {
  local name="$1" engine="$2"
  shift 2
  say "$name"
  "$REPO/target/warehouse-venv/bin/python" "$REPO/tests/warehouse/check.py" --engine "$engine" \
    --cli "$REPO/target/debug/casemap" --data "${data_dir:-}" "$@" 2>&1 | tee "$LOGS/$name.log"
  local status=${PIPESTATUS[0]}
  local p f
  p=$(grep -c '^ok ' "$LOGS/$name.log")
  f=$(grep -c '^FAIL ' "$LOGS/$name.log")
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  tally "$name" "$p" "$f"
}
data_dir=$(shared_data_dir) || warn "the shared event logs (../shared/data) were not found: the tests that read them fail"
warehouse_tests warehouse-duckdb duckdb
warehouse_tests warehouse-spark spark helpdesk generated
warehouse_tests warehouse-postgres postgres

# 3. In the browser.
cargo_tests wasm-engine wasm_test_env cargo test -p casemap-engine --target wasm32-unknown-unknown --test portable --locked
cargo_tests wasm-app wasm_test_env cargo test -p casemap --target wasm32-unknown-unknown --test web --locked

# 4. The release build, end to end.
check release-build "$REPO/scripts/build.sh"
if [ -f "$REPO/dist/index.html" ]; then
  say "end-to-end tests (Playwright, headless Chromium)"
  rm -f "$REPO/target/e2e/report.json"
  (cd "$REPO/tests/e2e" && CASEMAP_SHARED_DATA="${data_dir:-}" CASEMAP_CLI="$REPO/target/debug/casemap" \
    npx playwright test) 2>&1 | tee "$LOGS/e2e.log"
  if [ -f "$REPO/target/e2e/report.json" ]; then
    counts=$(node -e 'const s = require(process.argv[1]).stats; console.log(s.expected + s.flaky, s.unexpected)' "$REPO/target/e2e/report.json")
    tally e2e "${counts% *}" "${counts#* }"
  else
    tally e2e 0 1
  fi
else
  tally e2e 0 1
fi

[ "${#failures[@]}" -eq 0 ] || warn "failed: ${failures[*]} (logs in target/test-logs/)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
