#!/usr/bin/env bash
# Property-based fuzzing of the API from its own OpenAPI document (schemathesis) against a fresh
# server: no 5xx, documented status codes and content types, responses matching their schemas —
# as staff and as a customer. Operations that end the fuzzer's own session are left out.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
venv="$CACHE_DIR/venv"
[ -x "$venv/bin/st" ] || { log "installing schemathesis"; "$venv/bin/pip" install -q 'schemathesis==4.32.5'; }
[ -x "$PORTAL_BIN" ] || build_portal

work=$(mktemp -d)
port=$(free_port)
base="http://127.0.0.1:$port"
export PORTAL_ADDR="127.0.0.1:$port" PORTAL_DATA_DIR="$work/data" PORTAL_LOG=warn PORTAL_SCHEDULER=false
# FUZZ_DATABASE_URL: a throwaway PostgreSQL database instead of the embedded SQLite one (text that
# SQLite stores, e.g. NUL, PostgreSQL refuses).
if [ -n "${FUZZ_DATABASE_URL:-}" ]; then export DATABASE_URL="$FUZZ_DATABASE_URL"; else unset DATABASE_URL; fi
# The AWS tools talk to the AWS emulator (moto server with the portal's additions), as in
# production they talk to AWS: the fuzzer reaches their real paths, not "AWS not configured".
ensure_aws_emulator
aws_port=$(free_port)
"$PORTAL_AWS_EMULATOR_PYTHON" "$ROOT/scripts/aws_emulator.py" -H 127.0.0.1 -p "$aws_port" > "$work/aws.log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$aws_port/moto-api/" >/dev/null 2>&1 && break; sleep 0.2; done
export PORTAL_AWS_ENDPOINT_URL="http://127.0.0.1:$aws_port" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
"$PORTAL_BIN" seed-demo --json > "$work/demo.json"
"$PORTAL_BIN" serve > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server $emulator 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "$base/readyz" >/dev/null 2>&1 && break; sleep 0.2; done

status=0
for role in admin representative; do
  token=$(python3 "$ROOT/scripts/api_session.py" "$base" "$work/demo.json" "$role")
  log "fuzzing the API as $role"
  # Run inside the scratch folder: schemathesis leaves a .schemathesis/ cache where it runs.
  (cd "$work" && "$venv/bin/st" --config-file "$ROOT/scripts/schemathesis.toml" run "$base/api/openapi.json" -u "$base" \
    --checks not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance,positive_data_acceptance \
    -H "Authorization: Bearer $token" -n "${FUZZ_EXAMPLES:-25}" --seed 11 \
    --phases examples,coverage,fuzzing \
    --exclude-path-regex 'logout|auth/password|credentials/reset|jobs/rollover') > "$work/st-$role.log" 2>&1 || status=1
  grep -E "generated|❌|🚫 [A-Z]" "$work/st-$role.log" || true
  [ $status = 0 ] || { tail -n 80 "$work/st-$role.log"; break; }
done
# The API logs every internal error; there must be none.
if grep -q "internal error" "$work/serve.log"; then grep "internal error" "$work/serve.log" | head; status=1; fi
exit $status
