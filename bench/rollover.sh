#!/usr/bin/env bash
# Times the yearly rollover on PostgreSQL for each size given (default: 1,000 and 5,000
# companies): 5 users each, 3 years of monthly transaction volumes, last year's tickets still held
# (so the run expires them). Prints the numbers, with the cost per company, which should stay flat
# (issue 6 §6); drops its databases afterwards.
#   bash bench/rollover.sh [companies ...]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(1000 5000); fi
PG="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
ensure_postgres || die "PostgreSQL is not reachable at 127.0.0.1:5432"
cargo build -q --release -p portal-server
BIN="$CARGO_TARGET_DIR/release/portal"
DBS=()
trap 'for d in "${DBS[@]}"; do psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null; done' EXIT

for N in "${SIZES[@]}"; do
DB="portal_bench_${N}_$(date +%s)"
DBS+=("$DB")
psql "$PG/postgres" -qc "CREATE DATABASE $DB" >/dev/null
export DATABASE_URL="$PG/$DB" PORTAL_JWT_SECRET="bench-secret-bench-secret-bench-secret" PORTAL_LOG=warn
"$BIN" migrate >/dev/null

fy=$(( $(date -u -d '+9 hours' +%Y) - ( $(date -u -d '+9 hours' +%m) < 4 ? 1 : 0 ) ))
seed_start=$(date +%s.%N)
psql -q "$DATABASE_URL" <<SQL
INSERT INTO companies (id, code, name, created_at, contract_types, public_body, partner, via_third_party, ledger_seq)
  SELECT gen_random_uuid(), 'B' || lpad(i::text, 5, '0'), 'ベンチ株式会社 ' || i, now(), 'billing_agency', false, false, false, 0
  FROM generate_series(1, $N) i;
INSERT INTO users (id, email, display_name, password_hash, must_change_password, role, company_id, created_at, updated_at)
  SELECT gen_random_uuid(), c.code || '-' || u || '@bench.example', 'user ' || u, 'x', true,
         CASE WHEN u = 1 THEN 'representative' ELSE 'member' END, c.id, now(), now()
  FROM companies c CROSS JOIN generate_series(1, 5) u;
INSERT INTO transaction_imports (id, imported_by, filename, row_count, replaced_rows, created_at)
  VALUES ('00000000-0000-0000-0000-00000000be0c', NULL, 'bench', 0, 0, now());
-- Last fiscal year's grant, still held: this year's rollover expires it.
INSERT INTO ticket_ledger (id, company_id, seq, kind, amount, balance_after, fiscal_year, expires_at, reason, created_at)
  SELECT gen_random_uuid(), c.id, 1, 'grant', 5, 5, $fy - 1, now(), 'bench', now() FROM companies c;
UPDATE companies SET ledger_seq = 1;
-- Volumes spread over every rank: up to ~2,000,000 yen a month.
INSERT INTO transactions (id, company_id, year, month, amount_yen, import_id, updated_at)
  SELECT gen_random_uuid(), c.id, y, m, (random() * 2000000)::bigint, '00000000-0000-0000-0000-00000000be0c', now()
  FROM companies c CROSS JOIN generate_series($fy - 3, $fy - 1) y CROSS JOIN generate_series(1, 12) m;
ANALYZE;
SQL
seed_end=$(date +%s.%N)
rows=$(psql -Atc "SELECT (SELECT count(*) FROM companies) || ' companies, ' || (SELECT count(*) FROM users) || ' users, ' || (SELECT count(*) FROM transactions) || ' transaction rows'" "$DATABASE_URL")
secs() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }
echo "seeded: $rows in $(secs "$seed_start" "$seed_end") s"

for run in first second; do
  t0=$(date +%s.%N)
  "$BIN" jobs rollover --fiscal-year "$fy" > /tmp/portal-bench-rollover.json
  t1=$(date +%s.%N)
  per=$(python3 -c "import sys; print(f'{(float(sys.argv[2]) - float(sys.argv[1])) * 1000 / $N:.3f}')" "$t0" "$t1")
  printf 'rollover FY%s, %s companies (%s run): %s s, %s ms per company  %s\n' "$fy" "$N" "$run" "$(secs "$t0" "$t1")" "$per" "$(tr -d ' \n' < /tmp/portal-bench-rollover.json)"
done
psql -Atc "SELECT 'ledger rows: ' || count(*) || ', tickets granted: ' || coalesce(sum(amount), 0) FROM ticket_ledger" "$DATABASE_URL"
psql -Atc "SELECT rank || ' ' || count(*) FROM company_years WHERE fiscal_year = $fy GROUP BY rank ORDER BY min(rank_order)" "$DATABASE_URL"
done
