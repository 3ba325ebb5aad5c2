#!/usr/bin/env bash
# Builds the app and serves dist/ on http://127.0.0.1:8080/ (PORT=... to change the port).
# Every request is logged, so you can watch that the page asks for nothing after load.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

"$REPO/scripts/build.sh"
exec node "$REPO/scripts/static-server.js" --root "$REPO/dist" --port "${PORT:-8080}" --log
