"""HTTP helper for bench/read.sh: signs the demo admin and representative in (scripts/api_session.py),
adds ticket history, and counts SQL statements per request.

    python3 bench/client.py URL DEMO_JSON          -> prints the representative's access token
    python3 bench/client.py URL count TOKEN PATH N -> prints SQL statements per request
"""
import hashlib, json, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from api_session import call, first_sign_in  # noqa: E402

URL = sys.argv[1].rstrip("/")


def sign_in(user):
    new = "Bench-" + hashlib.sha256(user["email"].encode()).hexdigest()[:12] + "-x9!"
    return first_sign_in(URL, user["email"], user["temporary_password"], new)


def sql_statements():
    text = call(URL, "GET", "/metrics")
    values = dict(line.split() for line in text.splitlines() if line and not line.startswith("#"))
    return int(values["portal_sql_statements_total"])


if sys.argv[2] == "count":
    token, path, n = sys.argv[3], sys.argv[4], int(sys.argv[5])
    before = sql_statements()
    for _ in range(n):
        call(URL, "GET", path, token)
    print(f"{(sql_statements() - before) / n:.1f}")
else:
    users = {u["role"]: u for u in json.load(open(sys.argv[2]))["users"]}
    admin = sign_in(users["admin"])
    company = call(URL, "GET", "/api/v1/admin/companies?q=DEMO001", admin)["items"][0]["id"]
    # A ticket history worth paging: the demo GOLD grant plus 40 adjustments.
    for i in range(40):
        call(URL, "POST", f"/api/v1/admin/companies/{company}/ticket-adjustments", admin,
             {"amount": 1 if i % 2 == 0 else -1, "reason": f"bench {i}"})
    print(sign_in(users["representative"]))
