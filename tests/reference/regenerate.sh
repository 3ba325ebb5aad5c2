#!/usr/bin/env bash
# Regenerate tests/reference/expected/*.json with the pinned PM4Py.
# Run from anywhere (usually the repo root): tests/reference/regenerate.sh [log names...]
# Second step, conformance checking (models/ and expected/conformance/, run alone; slow on
# bpic2012): tests/reference/regenerate.sh --conformance [--budget S] [--runs N] [log names...]
# Environment: CASEMAP_DATA (data folder), CASEMAP_CLI (casemap command), PYTHON (default python3).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/target/reference-venv"
if [ ! -x "$venv/bin/python" ]; then
    "${PYTHON:-python3}" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
cd "$root"
if [ "${1:-}" = "--conformance" ]; then
    shift
    exec "$venv/bin/python" "$here/conformance.py" "$@"
fi
exec "$venv/bin/python" "$here/generate.py" "$@"
