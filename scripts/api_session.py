#!/usr/bin/env python3
"""Signs a demo user in all the way (temporary password -> new password -> TOTP enrolment) and
prints a full-session access token. Usage: api_session.py BASE_URL DEMO_JSON ROLE"""
import base64, hashlib, hmac, json, struct, sys, time, urllib.request

base, demo, role = sys.argv[1].rstrip("/") + "/api/v1", sys.argv[2], sys.argv[3]
user = [u for u in json.load(open(demo))["users"] if u["role"] == role][0]


def call(path, body, token=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = "Bearer " + token
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), headers=headers)
    return json.load(urllib.request.urlopen(req))


def totp(secret, now):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(now) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


s = call("/auth/login", {"email": user["email"], "password": user["temporary_password"]})
s = call("/auth/password", {"current_password": user["temporary_password"], "new_password": "api-session-Passw0rd"}, s["access_token"])
enrolment = call("/auth/mfa/enroll", {}, s["access_token"])
done = call("/auth/mfa/enroll/confirm", {"code": totp(enrolment["secret"], time.time())}, s["access_token"])
print(done["session"]["access_token"])
