#!/usr/bin/env bash
# Recomputes Graphviz dot's figures for the layout's fixtures (crates/engine/tests/layout-dot.json)
# and prints the table of casemap's layout against them. Needs dot (Debian package graphviz);
# the figures are committed, so the tests do not.
#   scripts/layout-reference.sh          # the table only, from the committed figures
#   scripts/layout-reference.sh --dot    # run dot again first (about 15 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--dot" ]]; then
  command -v dot >/dev/null || { echo "dot is missing: sudo apt-get install graphviz" >&2; exit 1; }
  cargo run --release -p casemap-engine --example layout_reference -- --dot
fi
cargo run --release -p casemap-engine --example layout_reference
