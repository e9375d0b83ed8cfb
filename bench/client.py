"""HTTP helper for bench/read.sh: signs demo users in (password change + TOTP enrolment, as a
person would on first sign-in), adds ticket history, and counts SQL statements per request.

    python3 bench/client.py URL DEMO_JSON   -> prints the representative's access token
    python3 bench/client.py URL count TOKEN PATH N -> prints SQL statements per request
"""
import base64, hashlib, hmac, json, struct, sys, time, urllib.request

URL = sys.argv[1].rstrip("/")


def call(method, path, token=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(URL + path, data=data, method=method)
    if data is not None:
        req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as res:
        text = res.read().decode()
        return json.loads(text) if res.headers.get("content-type", "").startswith("application/json") else text


def totp(secret, at):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", at // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def first_sign_in(email, temporary):
    step = call("POST", "/api/v1/auth/login", body={"email": email, "password": temporary})
    new = "Bench-" + hashlib.sha256(email.encode()).hexdigest()[:12] + "-x9!"
    step = call("POST", "/api/v1/auth/password", step["access_token"],
                {"current_password": temporary, "new_password": new})
    enrol = call("POST", "/api/v1/auth/mfa/enroll", step["access_token"], {})
    done = call("POST", "/api/v1/auth/mfa/enroll/confirm", step["access_token"],
                {"code": totp(enrol["secret"], int(time.time()))})
    return done["session"]["access_token"]


def metrics():
    text = call("GET", "/metrics")
    values = dict(line.split() for line in text.splitlines() if line and not line.startswith("#"))
    return int(values["portal_sql_statements_total"]), int(values["portal_http_requests_total"])


if sys.argv[2] == "count":
    token, path, n = sys.argv[3], sys.argv[4], int(sys.argv[5])
    sql0, _ = metrics()
    for _ in range(n):
        call("GET", path, token)
    sql1, _ = metrics()
    print(f"{(sql1 - sql0) / n:.1f}")
else:
    demo = json.load(open(sys.argv[2]))
    users = {u["role"]: u for u in demo["users"]}
    admin = first_sign_in(users["admin"]["email"], users["admin"]["temporary_password"])
    company = call("GET", "/api/v1/admin/companies?q=DEMO001", admin)["items"][0]["id"]
    # A ticket history worth paging: the demo GOLD grant plus 40 adjustments.
    for i in range(40):
        amount = 1 if i % 2 == 0 else -1
        call("POST", f"/api/v1/admin/companies/{company}/ticket-adjustments", admin,
             {"amount": amount, "reason": f"bench {i}"})
    print(first_sign_in(users["representative"]["email"], users["representative"]["temporary_password"]))
