#!/usr/bin/env python3
"""Independent SigV4 oracle for the signing tests: computes an Authorization header by hand from
AWS's published algorithm (canonical request -> string to sign -> HMAC-SHA256 key chain), using only
the standard library. Input: one JSON object on stdin; output: the Authorization header value."""
import hashlib, hmac, json, sys
from urllib.parse import urlsplit

def sign(key, msg):
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()

req = json.load(sys.stdin)
url = urlsplit(req["url"])
body = req["body"].encode("utf-8")
amz_date = req["amzDate"]                      # e.g. 20260102T030405Z
date = amz_date[:8]
payload_hash = hashlib.sha256(body).hexdigest()
headers = {k.lower(): " ".join(v.strip().split()) for k, v in req["headers"].items()}
headers["host"] = url.netloc
headers["x-amz-date"] = amz_date
headers["x-amz-content-sha256"] = payload_hash
names = sorted(headers)
canonical = "\n".join([
    req["method"],
    url.path or "/",
    "",                                         # no query string in these requests
    "".join(f"{n}:{headers[n]}\n" for n in names),
    ";".join(names),
    payload_hash,
])
scope = f"{date}/{req['region']}/{req['service']}/aws4_request"
to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
key = sign(("AWS4" + req["secretKey"]).encode(), date)
for part in (req["region"], req["service"], "aws4_request"):
    key = sign(key, part)
signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
print(f"AWS4-HMAC-SHA256 Credential={req['accessKey']}/{scope}, SignedHeaders={';'.join(names)}, Signature={signature}")
