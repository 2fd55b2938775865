#!/usr/bin/env python3
"""moto as the STS/IAM peer of the tests, with signature checking on.

Usage: stspeer.py STATEDIR
Starts moto's server app on a free loopback port with every request
authenticated (INITIAL_NO_AUTH_ACTION_COUNT=0), creates an IAM user with
an access key and an administrator policy, and roles that trust it, writes
STATEDIR/peer.json ({"port", "access_key", "secret_key", "account",
"roles": [...]}) and appends one line per STS request ("Action") to
STATEDIR/sts.log, so tests can count calls at the peer.  Runs until
killed or for at most 600 s."""
import json
import os
import sys
import threading
import time
import urllib.parse

os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "0"
os.environ.setdefault("MOTO_ALLOW_NONEXISTENT_REGION", "true")

import moto.settings  # noqa: E402
from moto.iam.models import iam_backends  # noqa: E402
from moto.server import DomainDispatcherApplication, create_backend_app  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

ACCOUNT = "123456789012"
ADMIN = json.dumps({"Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
TRUST = json.dumps({"Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow",
                                   "Principal": {"AWS": "*"},
                                   "Action": "sts:AssumeRole"}]})
ROLES = ["first", "second", "third", "web"]


def seed():
    iam = iam_backends[ACCOUNT]["global"]
    iam.create_user("us-east-1", "alice")
    iam.put_user_policy("alice", "admin", ADMIN)
    key = iam.create_access_key("alice")
    for r in ROLES:
        iam.create_role(r, TRUST, "/", None, "", [], None)
        iam.put_role_policy(r, "admin", ADMIN)
    return key


class Counter:
    """WSGI middleware: one line per STS Action into sts.log.  moto asks for
    a signature on AssumeRoleWithWebIdentity, which STS never does (the
    token is the proof): that unsigned action alone runs with moto's
    authentication off, every request serialised so that none other runs
    meanwhile."""

    def __init__(self, app, log):
        self.app, self.log, self.lock = app, log, threading.Lock()
        self.serial = threading.Lock()

    def __call__(self, environ, start_response):
        n = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(n) if n else b""
        import io
        environ["wsgi.input"] = io.BytesIO(body)
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        action = form.get("Action", [""])[0]
        if action in ("GetCallerIdentity", "AssumeRole", "AssumeRoleWithWebIdentity"):
            with self.lock, open(self.log, "a") as f:
                f.write(action + "\n")
        with self.serial:
            if action == "AssumeRoleWithWebIdentity" and "HTTP_AUTHORIZATION" not in environ:
                saved = moto.settings.INITIAL_NO_AUTH_ACTION_COUNT
                moto.settings.INITIAL_NO_AUTH_ACTION_COUNT = float("inf")
                try:
                    return list(self.app(environ, start_response))
                finally:
                    moto.settings.INITIAL_NO_AUTH_ACTION_COUNT = saved
            return list(self.app(environ, start_response))


def main():
    state = sys.argv[1]
    key = seed()
    app = Counter(DomainDispatcherApplication(create_backend_app),
                  os.path.join(state, "sts.log"))
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    port = srv.server_address[1]
    info = {"port": port, "access_key": key.access_key_id,
            "secret_key": key.secret_access_key, "account": ACCOUNT,
            "roles": [f"arn:aws:iam::{ACCOUNT}:role/{r}" for r in ROLES]}
    tmp = os.path.join(state, "peer.json.tmp")
    with open(tmp, "w") as f:
        json.dump(info, f)
    os.replace(tmp, os.path.join(state, "peer.json"))
    threading.Timer(600, lambda: os._exit(0)).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
