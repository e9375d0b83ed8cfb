#!/usr/bin/env bash
# Browser tests against an already running portal. The caller starts the server and exports
# PORTAL_URL, DEMO_REP_EMAIL and DEMO_REP_PASSWORD.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  npm ci --no-audit --no-fund
fi
exec node --test --test-reporter=spec tests/
