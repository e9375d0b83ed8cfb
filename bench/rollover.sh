#!/usr/bin/env bash
# Times the yearly rollover on PostgreSQL: 1,000 companies, 5 users each, 3 years of monthly
# transaction volumes. Prints the numbers; drops its database afterwards.
#   bash bench/rollover.sh [companies]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"
N="${1:-1000}"
PG="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
DB="portal_bench_$(date +%s)"
ensure_postgres || die "PostgreSQL is not reachable at 127.0.0.1:5432"
cargo build -q --release -p portal-server
BIN="$CARGO_TARGET_DIR/release/portal"
psql "$PG/postgres" -qc "CREATE DATABASE $DB" >/dev/null
trap 'psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null' EXIT
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
-- Volumes spread over every rank: up to ~8,000,000 yen a month.
INSERT INTO transactions (id, company_id, year, month, amount_yen, import_id, updated_at)
  SELECT gen_random_uuid(), c.id, y, m, (random() * 8000000)::bigint, '00000000-0000-0000-0000-00000000be0c', now()
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
  printf 'rollover FY%s (%s run): %s s  %s\n' "$fy" "$run" "$(secs "$t0" "$t1")" "$(tr -d ' \n' < /tmp/portal-bench-rollover.json)"
done
psql -Atc "SELECT 'ledger rows: ' || count(*) || ', tickets granted: ' || coalesce(sum(amount), 0) FROM ticket_ledger" "$DATABASE_URL"
psql -Atc "SELECT rank || ' ' || count(*) FROM company_years WHERE fiscal_year = $fy GROUP BY rank ORDER BY min(rank_order)" "$DATABASE_URL"
