#!/usr/bin/env bash
# Installs what casemap's build and tests need, skipping whatever is already there:
#   - Debian packages: Chromium and ChromeDriver (browser tests), a CJK font (screenshots of
#     the Chinese UI), and on the Debian wasm path rustc-web, rust-web-src, lld-19;
#   - the wasm32 target: rustup's if it exists or installs within 20 s, else Debian's rustc-web
#     with build-std (docs/toolchain.md);
#   - trunk 0.21.14, wasm-bindgen-cli at exactly the version in Cargo.lock and leptosfmt 0.1.33
#     (the formatter of view! macros) (cargo install);
#   - binaryen 132's wasm-opt (npm, scripts/tools) and Playwright (npm, tests/e2e);
#   - the SQL engines of the warehouse tests: DuckDB, PySpark and psycopg (PyPI, pinned in
#     tests/warehouse/requirements.txt) in target/warehouse-venv, with Java 17 for Spark and
#     Debian's PostgreSQL server;
#   - every crate of Cargo.lock (the build runs offline).
# Safe to run again: a second run does nothing and takes a second.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

TRUNK_VERSION=0.21.14
LEPTOSFMT_VERSION=0.1.33

# --- Debian packages -------------------------------------------------------------------
apt_missing=()
need_package() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || apt_missing+=("$1")
}
install_packages() {
  [ "${#apt_missing[@]}" -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing packages (${apt_missing[*]}) and no apt-get to install them"
  say "installing Debian packages: ${apt_missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive timeout 600 apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive timeout 1200 apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
  apt_missing=()
}

for package in chromium chromium-driver fonts-wqy-microhei; do need_package "$package"; done
command -v node >/dev/null || need_package nodejs
command -v npm >/dev/null || need_package npm
python3 -c 'import ensurepip' 2>/dev/null || need_package python3-venv
command -v java >/dev/null || need_package openjdk-17-jre-headless
# PostgreSQL's server binaries, for the warehouse tests (a throwaway server, no service).
compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null || need_package postgresql
install_packages

# --- The wasm32 target -------------------------------------------------------------------
# CASEMAP_WASM_TOOLCHAIN=debian forces the Debian path (to test it on a machine that has
# rustup's target); =rustup forces rustup's.
sysroot="$(rustc --print sysroot)"
if [ "${CASEMAP_WASM_TOOLCHAIN:-}" = rustup ] \
  || { [ -z "${CASEMAP_WASM_TOOLCHAIN:-}" ] && [ -d "$sysroot/lib/rustlib/wasm32-unknown-unknown" ]; }; then
  echo rustup >"$STATE/wasm-toolchain"
elif [ -z "${CASEMAP_WASM_TOOLCHAIN:-}" ] && command -v rustup >/dev/null \
  && timeout 20 rustup target add wasm32-unknown-unknown >&2 \
  && [ -d "$sysroot/lib/rustlib/wasm32-unknown-unknown" ]; then
  say "installed rustup's wasm32-unknown-unknown target"
  echo rustup >"$STATE/wasm-toolchain"
else
  say "rustup's wasm32 target is not available: using Debian's rustc-web with build-std"
  for package in rustc-web cargo-web rust-web-src lld-19; do need_package "$package"; done
  install_packages
  echo debian >"$STATE/wasm-toolchain"
fi

# --- trunk and wasm-bindgen-cli ----------------------------------------------------------
installed_version() { "$1" --version 2>/dev/null | awk '{ print $2 }' || true; }

if [ "$(installed_version "$CARGO_BIN/trunk")" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (takes 7 to 18 minutes on 2 cores, once)"
  wasm_env cargo install trunk --version "$TRUNK_VERSION" --locked
fi

bindgen_version="$(locked_wasm_bindgen_version)"
[ -n "$bindgen_version" ] || die "no wasm-bindgen in Cargo.lock"
if [ "$(installed_version "$CARGO_BIN/wasm-bindgen")" != "$bindgen_version" ]; then
  say "installing wasm-bindgen-cli $bindgen_version (the version in Cargo.lock)"
  # Not --locked: its lock file pins a webpki-roots release the registry does not serve.
  wasm_env cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

# rustfmt leaves the insides of view! macros alone: leptosfmt formats them (leptosfmt.toml).
if [ "$(installed_version "$CARGO_BIN/leptosfmt")" != "$LEPTOSFMT_VERSION" ]; then
  say "installing leptosfmt $LEPTOSFMT_VERSION (takes about 3 minutes on 2 cores, once)"
  cargo install leptosfmt --version "$LEPTOSFMT_VERSION" --locked
fi

# --- npm tools -----------------------------------------------------------------------------
npm_install() { # dir
  (cd "$1" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2)
}
if [ "$("$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | awk '{ print $3 }')" != 132 ]; then
  say "installing binaryen 132 (wasm-opt) from npm"
  npm_install "$TOOLS"
fi
if [ ! -f "$REPO/tests/e2e/node_modules/@playwright/test/package.json" ]; then
  say "installing Playwright from npm (no browser download: the tests use Debian's Chromium)"
  npm_install "$REPO/tests/e2e"
fi

# --- SQL engines for the warehouse tests (PyPI) ---------------------------------------------
warehouse_venv="$REPO/target/warehouse-venv"
requirements="$REPO/tests/warehouse/requirements.txt"
if ! cmp -s "$requirements" "$warehouse_venv/requirements.txt"; then
  say "installing DuckDB, PySpark and psycopg for the warehouse tests (target/warehouse-venv)"
  rm -rf "$warehouse_venv"
  python3 -m venv "$warehouse_venv"
  timeout 1200 "$warehouse_venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2
  cp "$requirements" "$warehouse_venv/requirements.txt"
fi

# --- Crates ---------------------------------------------------------------------------------
# trunk builds with --offline, so every crate (and, on the Debian path, std's own dependencies
# for build-std) must be downloaded beforehand. Quick when they are already there.
wasm_env cargo fetch --locked --target wasm32-unknown-unknown --manifest-path "$REPO/Cargo.toml" >&2
cargo fetch --locked --manifest-path "$REPO/Cargo.toml" >&2

say "setup complete (wasm toolchain: $(wasm_toolchain))"
