#!/usr/bin/env python3
"""Signs a demo user in all the way (temporary password -> new password -> TOTP enrolment), as a
person does on first sign-in, and prints a full-session access token.
Usage: api_session.py BASE_URL DEMO_JSON ROLE   (bench/client.py imports `first_sign_in` and `call`)"""
import base64, hashlib, hmac, json, struct, sys, time, urllib.request


def call(base, method, path, token=None, body=None):
    """One JSON (or text) request to BASE_URL + path."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base.rstrip("/") + path, data=data, method=method)
    if data is not None:
        req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as res:
        text = res.read().decode()
        return json.loads(text) if res.headers.get("content-type", "").startswith("application/json") else text


def totp(secret, now):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(now) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


def first_sign_in(base, email, temporary, new_password):
    step = call(base, "POST", "/api/v1/auth/login", body={"email": email, "password": temporary})
    step = call(base, "POST", "/api/v1/auth/password", step["access_token"],
                {"current_password": temporary, "new_password": new_password})
    enrolment = call(base, "POST", "/api/v1/auth/mfa/enroll", step["access_token"], {})
    done = call(base, "POST", "/api/v1/auth/mfa/enroll/confirm", step["access_token"],
                {"code": totp(enrolment["secret"], time.time())})
    return done["session"]["access_token"]


if __name__ == "__main__":
    base, demo, role = sys.argv[1], sys.argv[2], sys.argv[3]
    user = [u for u in json.load(open(demo))["users"] if u["role"] == role][0]
    print(first_sign_in(base, user["email"], user["temporary_password"], "api-session-Passw0rd"))
