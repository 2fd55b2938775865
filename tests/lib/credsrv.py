#!/usr/bin/env python3
"""Credential sources on loopback for sagescale's tests (shares no code
with sagescale): the container credentials endpoint, the instance metadata
service (IMDSv2 and v1), the SSO portal (GetRoleCredentials) and SSO-OIDC
(CreateToken), plus a checking front for SageMaker that refuses expired or
unknown session tokens and forwards the rest to an upstream (the simulator).

Every credential it issues is the simulator's demo key pair with a fresh
session token "tok-N" that expires --lifetime seconds later; the front
refuses a request signed with a token that has expired (ExpiredTokenException)
or that it never issued, so a test sees any request signed with stale
credentials.  Faults are switched at run time: POST /control with a JSON
object such as {"imds": "role-404"} or {"container": "html"}.

  container faults: ok, html, truncated, missing, expired, 500, hang, badtime
  ({"container_tokens": [...]} changes the accepted Authorization values)
  imds faults: ok, token-403, token-405, token-400, token-hang, role-404,
               creds-html, creds-truncated, creds-missing, expired, hang
  sso faults: ok, 401 (portal refuses the token), 500
  STS AssumeRoleWithWebIdentity (a form POST): logs the WebIdentityToken
  ({"imds_token_drop": N} closes the next N token PUTs' connections without
  an answer, as a metadata service that is not up yet)

Every request is logged as one JSON line in --log.
Usage: credsrv.py --port-file F --log F [--lifetime S] [--upstream URL]
                  [--container-token T] [--hang S] [--ipv6]
(--ipv6: listen on [::1] instead of 127.0.0.1)
"""
import argparse
import datetime
import http.client
import http.server
import json
import socket
import sys
import threading
import time
import urllib.parse

DEMO_KEY = "AKIDSAGESCALEDEMO"
DEMO_SECRET = "sagescale-demo-secret"
ROLE = "sagescale-test-role"
IMDS_TOKEN = "imds-token-0123456789"


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.serial = 0
        self.issued = {}          # token -> expiry (epoch seconds)
        self.faults = {"container": "ok", "imds": "ok", "sso": "ok", "oidc": "ok"}
        self.log = open(args.log, "a", buffering=1)
        self.refused = 0
        self.upstream_errors = 0

    def issue(self, lifetime=None):
        with self.lock:
            self.serial += 1
            tok = "tok-%d" % self.serial
            exp = time.time() + (self.args.lifetime if lifetime is None else lifetime)
            self.issued[tok] = exp
        return tok, exp

    def record(self, **kw):
        kw["t"] = round(time.time(), 3)
        with self.lock:
            self.log.write(json.dumps(kw) + "\n")


def iso(t):
    return datetime.datetime.fromtimestamp(int(t), datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None

    def log_message(self, fmt, *a):
        pass

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def send(self, code, body, ctype="application/json", headers=None):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def hang(self):
        time.sleep(self.state.args.hang)

    def creds_doc(self, fault):
        tok, exp = self.state.issue(-60 if fault == "expired" else None)
        doc = {"Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": DEMO_KEY,
               "SecretAccessKey": DEMO_SECRET, "Token": tok,
               "Expiration": "tomorrow" if fault == "badtime" else iso(exp),
               "LastUpdated": iso(time.time())}
        if fault in ("missing", "creds-missing"):
            del doc["Token"]
        text = json.dumps(doc)
        if fault in ("truncated", "creds-truncated"):
            text = text[:len(text) // 2]
        if fault in ("html", "creds-html"):
            text = "<html><body>Service Unavailable</body></html>"
        return text

    # ---- container endpoint ----
    def container(self):
        st = self.state
        fault = st.faults["container"]
        auth = self.headers.get("Authorization")
        want = st.faults.get("container_tokens") or (
            [st.args.container_token] if st.args.container_token else None)
        st.record(kind="container", path=self.path, auth=auth,
                  auth_ok=want is None or auth in want, fault=fault)
        if want is not None and auth not in want:
            return self.send(401, '{"message": "bad token"}')
        if fault == "hang":
            self.hang()
        if fault == "500":
            return self.send(500, '{"message": "boom"}')
        self.send(200, self.creds_doc(fault))

    # ---- instance metadata ----
    def imds_token(self):
        st = self.state
        fault = st.faults["imds"]
        ttl = self.headers.get("x-aws-ec2-metadata-token-ttl-seconds")
        with st.lock:
            drop = st.faults.get("imds_token_drop", 0) > 0
            if drop:
                st.faults["imds_token_drop"] -= 1
        st.record(kind="imds-token", method=self.command, ttl=ttl, fault=fault, dropped=drop)
        if drop:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault == "token-hang" or fault == "hang":
            self.hang()
            return self.send(200, IMDS_TOKEN, "text/plain")
        if fault == "token-403":
            return self.send(403, "Forbidden", "text/plain")
        if fault == "token-405":
            return self.send(405, "", "text/plain")
        if fault == "token-400":
            return self.send(400, "Bad Request", "text/plain")
        if not ttl:
            return self.send(400, "Missing TTL", "text/plain")
        self.send(200, IMDS_TOKEN, "text/plain")

    def imds_get(self):
        st = self.state
        fault = st.faults["imds"]
        tok = self.headers.get("x-aws-ec2-metadata-token")
        st.record(kind="imds-get", path=self.path, token_ok=tok == IMDS_TOKEN,
                  has_token=tok is not None, fault=fault)
        if tok is not None and tok != IMDS_TOKEN:
            return self.send(401, "", "text/plain")
        prefix = "/latest/meta-data/iam/security-credentials/"
        rest = self.path[len(prefix):]
        if fault == "role-404":
            return self.send(404, "<html>Not Found</html>", "text/html")
        if rest == "":
            return self.send(200, ROLE, "text/plain")
        if rest != ROLE:
            return self.send(404, "", "text/plain")
        if fault == "hang":
            self.hang()
        self.send(200, self.creds_doc(fault), "text/plain")

    # ---- SSO portal and SSO-OIDC ----
    def sso_portal(self):
        st = self.state
        fault = st.faults["sso"]
        q = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        bearer = self.headers.get("x-amz-sso_bearer_token")
        st.record(kind="sso-portal", role=q.get("role_name", [""])[0],
                  account=q.get("account_id", [""])[0], bearer=bearer, fault=fault)
        if fault == "401" or bearer is None or not bearer.startswith("sso-access-"):
            return self.send(401, '{"message": "Session token not found or invalid"}',
                             headers={"x-amzn-ErrorType": "UnauthorizedException"})
        if fault == "500":
            return self.send(500, '{"message": "boom"}')
        tok, exp = st.issue()
        self.send(200, json.dumps({"roleCredentials": {
            "accessKeyId": DEMO_KEY, "secretAccessKey": DEMO_SECRET,
            "sessionToken": tok, "expiration": int(exp * 1000)}}))

    def sso_oidc(self, body):
        st = self.state
        try:
            req = json.loads(body or b"{}")
        except ValueError:
            req = {}
        st.record(kind="sso-oidc", grantType=req.get("grantType"),
                  clientId=req.get("clientId"), refreshToken=req.get("refreshToken"),
                  fault=st.faults["oidc"])
        if st.faults["oidc"] != "ok" or req.get("grantType") != "refresh_token":
            return self.send(400, '{"error": "invalid_grant"}',
                             headers={"x-amzn-ErrorType": "InvalidGrantException"})
        with st.lock:
            st.serial += 1
            n = st.serial
        self.send(200, json.dumps({"accessToken": "sso-access-refreshed-%d" % n,
                                   "tokenType": "Bearer", "expiresIn": 3600,
                                   "refreshToken": "sso-refresh-%d" % n}))

    # ---- STS AssumeRoleWithWebIdentity (unsigned; the token is logged) ----
    def sts_webid(self, body):
        st = self.state
        form = urllib.parse.parse_qs(body.decode())
        web = form.get("WebIdentityToken", [""])[0]
        st.record(kind="sts-webid", web_token=web,
                  role=form.get("RoleArn", [""])[0], signed="Authorization" in self.headers)
        tok, exp = st.issue()
        self.send(200, """<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
<AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>%s</AccessKeyId>
<SecretAccessKey>%s</SecretAccessKey><SessionToken>%s</SessionToken>
<Expiration>%s</Expiration></Credentials><AssumedRoleUser>
<Arn>arn:aws:sts::123456789012:assumed-role/web/pod</Arn>
<AssumedRoleId>AROADEMO:pod</AssumedRoleId></AssumedRoleUser>
<SubjectFromWebIdentityToken>pod</SubjectFromWebIdentityToken>
</AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>r-%s</RequestId>
</ResponseMetadata></AssumeRoleWithWebIdentityResponse>""" % (DEMO_KEY, DEMO_SECRET, tok, iso(exp), tok),
                  "text/xml")

    # ---- the SageMaker front ----
    def front(self, body):
        st = self.state
        tok = self.headers.get("X-Amz-Security-Token")
        now = time.time()
        exp = st.issued.get(tok) if tok else None
        ok = tok is None or (exp is not None and exp > now)
        st.record(kind="front", token=tok, ok=ok, left=None if exp is None else round(exp - now, 3))
        if not ok:
            st.refused += 1
            code = "ExpiredTokenException" if exp is not None else "UnrecognizedClientException"
            return self.send(400, json.dumps({"__type": code,
                                              "message": "The security token included in the request is expired"}),
                             "application/x-amz-json-1.1")
        u = urllib.parse.urlparse(st.args.upstream)
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        try:
            conn.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
            for k, v in self.headers.items():
                if k.lower() not in ("content-length", "connection"):
                    conn.putheader(k, v)
            conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            r = conn.getresponse()
            data = r.read()
        except (OSError, http.client.HTTPException) as e:
            # The upstream refused or dropped a request (counted: a test
            # under load checks that it never does).
            with st.lock:
                st.upstream_errors += 1
            st.record(kind="upstream-error", error=str(e))
            conn.close()
            self.close_connection = True
            return
        hdrs = {k: v for k, v in r.getheaders()
                if k.lower() in ("x-amzn-requestid", "x-amzn-errortype")}
        self.send(r.status, data, r.getheader("Content-Type") or "application/json", hdrs)
        conn.close()

    def do_PUT(self):
        self.body()
        if self.path == "/latest/api/token":
            return self.imds_token()
        self.send(404, "")

    def do_GET(self):
        if self.path.startswith("/latest/meta-data/"):
            return self.imds_get()
        if self.path.startswith("/federation/credentials"):
            return self.sso_portal()
        if self.path.startswith("/container"):
            return self.container()
        if self.path == "/stats":
            return self.send(200, json.dumps({"refused": self.state.refused,
                                              "issued": self.state.serial,
                                              "upstream_errors": self.state.upstream_errors}))
        self.send(404, "")

    def do_POST(self):
        body = self.body()
        if self.path == "/control":
            self.state.faults.update(json.loads(body))
            return self.send(200, "{}")
        if self.path == "/token":
            return self.sso_oidc(body)
        if b"Action=AssumeRoleWithWebIdentity" in body:
            return self.sts_webid(body)
        if self.state.args.upstream:
            return self.front(body)
        self.send(404, "")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    address_family = socket.AF_INET


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--lifetime", type=float, default=3600)
    ap.add_argument("--upstream")
    ap.add_argument("--container-token")
    ap.add_argument("--hang", type=float, default=10)
    ap.add_argument("--max-seconds", type=float, default=600)
    ap.add_argument("--ipv6", action="store_true")
    args = ap.parse_args()
    Handler.state = State(args)
    if args.ipv6:
        Server.address_family = socket.AF_INET6
    srv = Server(("::1" if args.ipv6 else "127.0.0.1", 0), Handler)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    import os
    os.rename(args.port_file + ".tmp", args.port_file)
    # Bounded life: a test that forgets to stop it does not leave it behind.
    threading.Timer(args.max_seconds, lambda: os._exit(0)).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
