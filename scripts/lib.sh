# Shared by casemap's scripts (sourced, not run). Paths, logging, and the wasm toolchain
# wrapper chosen by scripts/setup.sh (see docs/toolchain.md for why there are two paths).

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$REPO/scripts/tools"
STATE="$REPO/target/setup"
mkdir -p "$STATE"
# Where `cargo install` puts trunk and wasm-bindgen-cli.
CARGO_BIN="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
warn() { printf '\033[33mwarning:\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# Run a command as root (directly when we are root, else through sudo).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# The wasm toolchain setup.sh found: "rustup" (rustup's stable with its wasm32 target) or
# "debian" (Debian's rustc-web with build-std). Empty before setup has run.
wasm_toolchain() {
  cat "$STATE/wasm-toolchain" 2>/dev/null || true
}

# Runs a wasm command (trunk, wasm tests, wasm clippy) with the right toolchain. On the rustup
# path nothing changes but PATH (npm's wasm-opt first); on the Debian path, Debian's rustc and
# build-std are used for this command only: exported globally they would make native builds
# rebuild std and replace rustup's rustc.
wasm_env() {
  if [ "$(wasm_toolchain)" = debian ]; then
    env PATH="$TOOLS/node_modules/.bin:/usr/bin:$CARGO_BIN:$PATH" RUSTC_BOOTSTRAP=1 \
      CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19 "$@"
  else
    env PATH="$TOOLS/node_modules/.bin:$CARGO_BIN:$PATH" "$@"
  fi
}

# The wasm-bindgen version in Cargo.lock: wasm-bindgen-cli must be exactly this one.
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$REPO/Cargo.lock"
}

# Where the real public event logs are (../shared/data next to the repository by default).
shared_data_dir() {
  local candidate
  for candidate in "${CASEMAP_SHARED_DATA:-}" "$REPO/../shared/data" /work/shared/data; do
    if [ -n "$candidate" ] && [ -f "$candidate/helpdesk.csv" ]; then
      (cd "$candidate" && pwd)
      return 0
    fi
  done
  return 1
}
