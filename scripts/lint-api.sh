#!/usr/bin/env bash
# Lints the checked-in OpenAPI document with Redocly's recommended rules: 0 errors, or this fails.
# (The snapshot test keeps api-spec/openapi.json equal to what the server serves.)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT/api-spec"
command -v npm >/dev/null || { log "installing Node.js"; apt_install nodejs npm; }
if [ ! -x node_modules/.bin/redocly ]; then
  log "installing the OpenAPI linter (@redocly/cli)"
  npm ci --no-audit --no-fund --loglevel=error
fi
# The CLI nags about Node 20's end of life in a box on stderr; the findings are on stdout.
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true node_modules/.bin/redocly lint openapi.json --format=stylish 2>/dev/null
