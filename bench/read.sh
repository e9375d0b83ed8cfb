#!/usr/bin/env bash
# The read path under load, on PostgreSQL, in one run: pgbench -S (the database's own ceiling on
# this machine) and wrk on GET /api/v1/company and the first page of GET /api/v1/company/tickets,
# with the same number of clients. Prints req/s, p50/p99, the ratio portal ÷ pgbench, and the SQL
# statements each request costs (from /metrics). Issue 6 §6 targets: ratio ≥ 0.30 and p99 ≤ 20 ms
# for the company page, ratio ≥ 0.25 for the ticket history.
#   bash bench/read.sh [clients=64] [seconds=15]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"
C="${1:-64}"
T="${2:-15}"
PG="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
STAMP="$(date +%s)"
DB="portal_bench_read_$STAMP"
PGB="portal_bench_pgbench_$STAMP"
ensure_postgres || die "PostgreSQL is not reachable at 127.0.0.1:5432"
command -v wrk >/dev/null || { log "installing wrk"; apt_install wrk; }
command -v pgbench >/dev/null || { log "installing pgbench"; apt_install postgresql-contrib; }
log "building the portal (release)"
cargo build -q --release -p portal-server
BIN="$CARGO_TARGET_DIR/release/portal"
work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $PGB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

log "pgbench -S: $C clients, ${T} s (scale 10)"
psql "$PG/postgres" -qc "CREATE DATABASE $PGB" >/dev/null
pgbench -q -i -s 10 "$PG/$PGB" >/dev/null 2>&1
pgbench -S -n -c "$C" -j 2 -T "$T" "$PG/$PGB" > "$work/pgbench.txt" 2>&1
pg_tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$work/pgbench.txt" | head -n 1)
pg_lat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$work/pgbench.txt")
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $PGB WITH (FORCE)" >/dev/null

psql "$PG/postgres" -qc "CREATE DATABASE $DB" >/dev/null
port=$(free_port)
export DATABASE_URL="$PG/$DB" PORTAL_ADDR="127.0.0.1:$port" PORTAL_DATA_DIR="$work/data" PORTAL_LOG=warn \
  PORTAL_SCHEDULER=false PORTAL_SPA_DIR="$work/no-spa" PORTAL_ACCESS_TOKEN_MINUTES=15 \
  PORTAL_JWT_SECRET="bench-secret-bench-secret-bench-secret"
"$BIN" seed-demo --json > "$work/demo.json"
"$BIN" serve > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fs "http://$PORTAL_ADDR/readyz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; die "the portal did not start"; }
  sleep 0.1
done
URL="http://$PORTAL_ADDR"
TOKEN=$(python3 bench/client.py "$URL" "$work/demo.json")

run_wrk() { # path -> "req/s p50 p99 non2xx"
  wrk -t2 -c"$C" -d"${T}s" --latency -H "Authorization: Bearer $TOKEN" "$URL$1" > "$work/wrk.txt" 2>&1
  python3 - "$work/wrk.txt" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rps = re.search(r"Requests/sec:\s+([\d.]+)", t).group(1)
p = {m[0]: ms(m[1], m[2]) for m in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", t, re.M)}
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", t)
print(rps, f"{p['50']:.2f}", f"{p['99']:.2f}", bad.group(1) if bad else 0)
PY
}

echo
printf 'machine: %s cores; %s clients, %s s per run\n' "$(nproc)" "$C" "$T"
printf '%-34s %10s %9s %9s %8s %10s\n' "" "req/s" "p50 ms" "p99 ms" "÷pgbench" "SQL/req"
printf '%-34s %10.0f %9s %9s %8s %10s\n' "pgbench -S (scale 10)" "$pg_tps" "${pg_lat:-?}" "-" "1.00" "1"
for path in ${BENCH_PATHS:-/healthz /api/v1/company "/api/v1/company/tickets?page=1&per_page=20"}; do
  read -r rps p50 p99 bad < <(run_wrk "$path")
  [ "$bad" = 0 ] || die "$path: $bad responses were not 2xx"
  per_req=$(python3 bench/client.py "$URL" count "$TOKEN" "$path" 50)
  ratio=$(python3 -c "print(f'{float(\"$rps\") / float(\"$pg_tps\"):.2f}')")
  printf '%-34s %10.0f %9s %9s %8s %10s\n' "GET ${path%%\?*}" "$rps" "$p50" "$p99" "$ratio" "$per_req"
done
