#!/usr/bin/env bash
# Installs what is missing, builds the API and the SPA, seeds demo data on SQLite and serves the
# portal. Prints the URL and the demo log-ins. Ctrl-C stops it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_all
build_spa
build_portal

export PORTAL_ADDR="${PORTAL_ADDR:-127.0.0.1:8080}"
export PORTAL_SPA_DIR="$ROOT/dist"
export PORTAL_DATA_DIR="${PORTAL_DATA_DIR:-$ROOT/data}"
"$PORTAL_BIN" migrate >/dev/null
"$PORTAL_BIN" seed-demo
echo "  API docs: http://$PORTAL_ADDR/api/docs    (Ctrl-C to stop)"
exec "$PORTAL_BIN" serve
