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

# The AWS tools read customers' AWS accounts. Without AWS credentials of the operator's own (and
# without PORTAL_AWS_ENDPOINT_URL), the demo starts the AWS emulator and seeds Trusted Advisor
# results and Cost Explorer months for the demo company's two accounts; the tools page then works
# once the representative registers a role of the account (any name) and tests the connection.
emulator=""
if [ -z "${AWS_ACCESS_KEY_ID:-}${AWS_PROFILE:-}${PORTAL_AWS_ENDPOINT_URL:-}" ]; then
  aws_port=$(free_port)
  "$PORTAL_AWS_EMULATOR_PYTHON" "$ROOT/scripts/aws_emulator.py" -H 127.0.0.1 -p "$aws_port" \
    > "$PORTAL_DATA_DIR/aws-emulator.log" 2>&1 &
  emulator=$!
  trap 'kill $emulator 2>/dev/null || true' EXIT
  export PORTAL_AWS_ENDPOINT_URL="http://127.0.0.1:$aws_port"
  export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
  for _ in $(seq 1 150); do
    curl -fs "$PORTAL_AWS_ENDPOINT_URL/moto-api/" >/dev/null 2>&1 && break
    sleep 0.2
  done
  python3 - "$PORTAL_AWS_ENDPOINT_URL" <<'PY'
import datetime, json, sys, urllib.request

url = sys.argv[1]


def post(path, body):
    req = urllib.request.Request(url + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    urllib.request.urlopen(req, timeout=10).read()


now = datetime.datetime.now(datetime.timezone.utc)
stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")


def result(check, status, processed, savings, resources):
    r = {"checkId": check, "timestamp": stamp, "status": status,
         "resourcesSummary": {"resourcesProcessed": processed, "resourcesFlagged": len(resources),
                              "resourcesIgnored": 0, "resourcesSuppressed": 0},
         "flaggedResources": [{"status": status, "region": "ap-northeast-1", "resourceId": rid,
                               "isSuppressed": False, "metadata": meta} for rid, meta in resources]}
    if savings is not None:
        r["categorySpecificSummary"] = {"costOptimizing": {"estimatedMonthlySavings": savings,
                                                           "estimatedPercentMonthlySavings": 8.0}}
    return r


post("/moto-api/portal/trusted-advisor", {"results": [
    result("hjLMh88uM8", "warning", 6, 123.45, [
        ("demo-lb-1", ["ap-northeast-1", "web-old", "Low request count", "105.45"]),
        ("demo-lb-2", ["ap-northeast-1", "batch-old", "No active back-end instances", "18.00"])]),
    result("DAvU99Dc4C", "warning", 12, 24.0, [
        ("vol-0demo1", ["ap-northeast-1", "vol-0demo1", "logs-archive", "gp2", "300", "$24.00", None, None, None])]),
    result("HCP4007jGY", "error", 9, None, [
        ("sg-0demo1", ["ap-northeast-1", "legacy-admin", "sg-0demo1", "tcp", "Red", "3389"])]),
    result("7DAFEmoDos", "ok", 1, None, []),
    result("zXCkfM1nI3", "ok", 1, None, []),
]})


def month_start(back):
    y, m = now.year, now.month - back
    while m <= 0:
        y, m = y - 1, m + 12
    return datetime.date(y, m, 1)


for account, scale in (("123456789012", 1.0), ("210987654321", 0.2)):
    months = []
    for back in range(12, -1, -1):
        end = now.date() + datetime.timedelta(days=1) if back == 0 else month_start(back - 1)
        ec2 = (700 + (back * 37) % 160) * scale * (0.45 if back == 0 else 1)
        s3 = (40 + back * 3) * scale * (0.45 if back == 0 else 1)
        groups = [{"Keys": [s], "Metrics": {"UnblendedCost": {"Amount": f"{a:.2f}", "Unit": "USD"}}}
                  for s, a in (("Amazon Elastic Compute Cloud - Compute", ec2),
                               ("Amazon Simple Storage Service", s3),
                               ("Amazon Relational Database Service", 180 * scale))]
        months.append({"TimePeriod": {"Start": month_start(back).isoformat(), "End": end.isoformat()},
                       "Total": {}, "Groups": groups, "Estimated": back == 0})
    post("/moto-api/static/ce/cost-and-usage-results", {"account_id": account, "results": [{"ResultsByTime": months}]})
PY
  echo "  AWS tools: the AWS emulator at $PORTAL_AWS_ENDPOINT_URL with demo data (register e.g."
  echo "  arn:aws:iam::123456789012:role/CloudpackPortalReadOnly on the account's tools page)"
fi
echo "  API docs: http://$PORTAL_ADDR/api/docs    (Ctrl-C to stop)"
if [ -n "$emulator" ]; then
  "$PORTAL_BIN" serve
else
  exec "$PORTAL_BIN" serve
fi
