#!/usr/bin/env bash
# Every test: unit and HTTP integration tests on SQLite and on PostgreSQL, then the browser tests
# against the real server. In CI (CI=true) a missing PostgreSQL is a failure, not a skip.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
started=$(date +%s)
results=$(mktemp)
# Keeps each runner's own output on screen and a copy for the closing count.
counted() { "$@" 2>&1 | tee -a "$results"; return "${PIPESTATUS[0]}"; }

ensure_all

log "format check"
cargo fmt --all --check

log "lints (clippy, warnings are errors; chrono::Utc::now is only for the clock)"
cargo clippy --workspace --all-targets -q -- -D warnings
# The web app's staff bundle (the customers' one, without the feature, is checked above).
cargo clippy -p portal-frontend --features staff --all-targets -q -- -D warnings
# The sign-in bundle: only the sign-in pages.
cargo clippy -p portal-frontend --features signin --all-targets -q -- -D warnings

log "OpenAPI lint (Redocly recommended rules)"
bash scripts/lint-api.sh

log "tests on SQLite"
counted cargo test --workspace --exclude portal-frontend --exclude xtask

log "web app unit tests (host)"
counted cargo test -p portal-frontend --features staff

PG_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432}"
if ensure_postgres; then
  log "tests on PostgreSQL ($PG_URL)"
  TEST_DATABASE_URL="$PG_URL" counted cargo test --workspace --exclude portal-frontend --exclude xtask
elif [ "${CI:-}" = "true" ]; then
  die "PostgreSQL is not reachable at 127.0.0.1:5432 (required in CI)"
else
  log "SKIPPED: PostgreSQL is not reachable at 127.0.0.1:5432"
fi

build_spa
build_portal

log "browser tests"
work=$(mktemp -d)
port=$(free_port)
export PORTAL_ADDR="127.0.0.1:$port" PORTAL_DATA_DIR="$work/data" PORTAL_SPA_DIR="$ROOT/dist" PORTAL_LOG=warn
unset DATABASE_URL
"$PORTAL_BIN" seed-demo --json > "$work/demo.json"
# The AWS emulator (moto server plus the portal's additions) for the AWS tools journey
# (e2e/tests/aws_tools.test.mjs): the portal reaches "AWS" through it with the SDK's default
# credentials chain (the variables below), and the test seeds it over HTTP.
aws_port=$(free_port)
"$PORTAL_AWS_EMULATOR_PYTHON" "$ROOT/scripts/aws_emulator.py" -H 127.0.0.1 -p "$aws_port" > "$work/aws-emulator.log" 2>&1 &
emulator=$!
server=""
trap 'kill $server $emulator 2>/dev/null || true; rm -rf "$work"' EXIT
export E2E_AWS_EMULATOR_URL="http://127.0.0.1:$aws_port"
for _ in $(seq 1 150); do
  curl -fs "$E2E_AWS_EMULATOR_URL/moto-api/" >/dev/null 2>&1 && break
  kill -0 $emulator 2>/dev/null || { cat "$work/aws-emulator.log"; die "the AWS emulator did not start"; }
  sleep 0.2
done
curl -fs "$E2E_AWS_EMULATOR_URL/moto-api/" >/dev/null || { cat "$work/aws-emulator.log"; die "the AWS emulator does not answer"; }
PORTAL_AWS_ENDPOINT_URL="$E2E_AWS_EMULATOR_URL" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 \
  "$PORTAL_BIN" serve > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fs "http://$PORTAL_ADDR/readyz" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { cat "$work/serve.log"; die "the portal did not start"; }
  sleep 0.2
done
export PORTAL_URL="http://$PORTAL_ADDR"
demo() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([u for u in d["users"] if u["role"]==sys.argv[2]][0][sys.argv[3]])' "$work/demo.json" "$@"; }
DEMO_REP_EMAIL=$(demo representative email); DEMO_REP_PASSWORD=$(demo representative temporary_password)
DEMO_ADMIN_EMAIL=$(demo admin email); DEMO_ADMIN_PASSWORD=$(demo admin temporary_password)
DEMO_CSM_EMAIL=$(demo csm email); DEMO_CSM_PASSWORD=$(demo csm temporary_password)
# A second admin for the company journey (the demo admin's first sign-in belongs to staff.test.mjs).
E2E_ADMIN_EMAIL="e2e-admin@demo.example.com"
E2E_ADMIN_PASSWORD=$("$PORTAL_BIN" admin create-staff --email "$E2E_ADMIN_EMAIL" --role admin | sed -n 's/^temporary password: //p')
export DEMO_REP_EMAIL DEMO_REP_PASSWORD DEMO_ADMIN_EMAIL DEMO_ADMIN_PASSWORD DEMO_CSM_EMAIL DEMO_CSM_PASSWORD
export E2E_ADMIN_EMAIL E2E_ADMIN_PASSWORD
# An admin of the keyboard and accessibility journey (a11y.test.mjs), which onboards and resets its own representative.
E2E_A11Y_ADMIN_EMAIL="e2e-a11y-admin@demo.example.com"
E2E_A11Y_ADMIN_PASSWORD=$("$PORTAL_BIN" admin create-staff --email "$E2E_A11Y_ADMIN_EMAIL" --role admin | sed -n 's/^temporary password: //p')
export E2E_A11Y_ADMIN_EMAIL E2E_A11Y_ADMIN_PASSWORD
# The option-services journey (e2e/tests/services.test.mjs) sets its company up through the API.
E2E_SERVICES_ADMIN_EMAIL="e2e-services-admin@demo.example.com"
E2E_SERVICES_ADMIN_PASSWORD=$("$PORTAL_BIN" admin create-staff --email "$E2E_SERVICES_ADMIN_EMAIL" --role admin | sed -n 's/^temporary password: //p')
DEMO_MEMBER_EMAIL=$(demo member email); DEMO_MEMBER_PASSWORD=$(demo member temporary_password)
export E2E_SERVICES_ADMIN_EMAIL E2E_SERVICES_ADMIN_PASSWORD DEMO_MEMBER_EMAIL DEMO_MEMBER_PASSWORD
# The company-users and API-token journey (e2e/tests/users.test.mjs) onboards its own company through the API.
E2E_USERS_ADMIN_EMAIL="e2e-users-admin@demo.example.com"
E2E_USERS_ADMIN_PASSWORD=$("$PORTAL_BIN" admin create-staff --email "$E2E_USERS_ADMIN_EMAIL" --role admin | sed -n 's/^temporary password: //p')
export E2E_USERS_ADMIN_EMAIL E2E_USERS_ADMIN_PASSWORD
# The inquiries journey (e2e/tests/inquiries.test.mjs) onboards its own company and answers as this admin.
E2E_INQUIRIES_ADMIN_EMAIL="e2e-inquiries-admin@demo.example.com"
E2E_INQUIRIES_ADMIN_PASSWORD=$("$PORTAL_BIN" admin create-staff --email "$E2E_INQUIRIES_ADMIN_EMAIL" --role admin | sed -n 's/^temporary password: //p')
export E2E_INQUIRIES_ADMIN_EMAIL E2E_INQUIRIES_ADMIN_PASSWORD
# The cloud optimization journey (e2e/tests/optimization.test.mjs): an admin sets a SILVER company up and
# assigns this CSM through the API; the CSM works in the staff bundle.
E2E_OPTIMIZATION_ADMIN_EMAIL="e2e-optimization-admin@demo.example.com"
E2E_OPTIMIZATION_ADMIN_PASSWORD=$("$PORTAL_BIN" admin create-staff --email "$E2E_OPTIMIZATION_ADMIN_EMAIL" --role admin | sed -n 's/^temporary password: //p')
E2E_OPTIMIZATION_CSM_EMAIL="e2e-optimization-csm@demo.example.com"
E2E_OPTIMIZATION_CSM_PASSWORD=$("$PORTAL_BIN" admin create-staff --email "$E2E_OPTIMIZATION_CSM_EMAIL" --role csm --name "最適化 担当" | sed -n 's/^temporary password: //p')
export E2E_OPTIMIZATION_ADMIN_EMAIL E2E_OPTIMIZATION_ADMIN_PASSWORD E2E_OPTIMIZATION_CSM_EMAIL E2E_OPTIMIZATION_CSM_PASSWORD
# The AWS tools journey (e2e/tests/aws_tools.test.mjs) sets its company up through the API and views it as staff.
E2E_AWS_TOOLS_ADMIN_EMAIL="e2e-aws-tools-admin@demo.example.com"
E2E_AWS_TOOLS_ADMIN_PASSWORD=$("$PORTAL_BIN" admin create-staff --email "$E2E_AWS_TOOLS_ADMIN_EMAIL" --role admin | sed -n 's/^temporary password: //p')
export E2E_AWS_TOOLS_ADMIN_EMAIL E2E_AWS_TOOLS_ADMIN_PASSWORD
export PORTAL_OUTBOX_DIR="$PORTAL_DATA_DIR/outbox"
if ! counted bash "$ROOT/e2e/run.sh"; then
  echo "--- server log ---"; tail -n 50 "$work/serve.log"
  die "browser tests failed"
fi
log "API fuzzing (schemathesis)"
bash "$ROOT/scripts/fuzz.sh"
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  log "API fuzzing on PostgreSQL (a throwaway database)"
  fuzz_db="portal_fuzz_$$_$(date +%s)"
  createdb -h 127.0.0.1 -U postgres "$fuzz_db"
  fuzz_status=0
  FUZZ_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$fuzz_db" bash "$ROOT/scripts/fuzz.sh" || fuzz_status=$?
  dropdb -h 127.0.0.1 -U postgres "$fuzz_db" || true
  [ "$fuzz_status" = 0 ] || die "API fuzzing on PostgreSQL failed"
fi

log "all tests passed in $(( $(date +%s) - started )) s"
python3 - "$results" <<'PY'
import re, sys
text = re.sub(r"\x1b\[[0-9;]*m", "", open(sys.argv[1], errors="replace").read())
passed = sum(int(m) for m in re.findall(r"test result: \w+\. (\d+) passed", text))
failed = sum(int(m) for m in re.findall(r"test result: \w+\. \d+ passed; (\d+) failed", text))
passed += sum(int(m) for m in re.findall(r"^ℹ pass (\d+)", text, re.M))
failed += sum(int(m) for m in re.findall(r"^ℹ fail (\d+)", text, re.M))
print(f"{passed} passed, {failed} failed")
PY
