#!/usr/bin/env python3
"""A loopback proxy with random faults for tests/cli/soak.sh.

    soakproxy.py UPSTREAM_URL SEED

Each request (read whole) is, at random: forwarded to UPSTREAM and its
answer passed back (60%), forwarded after 300-1200 ms of latency (10%),
dropped without an answer (10%), answered 500 InternalFailure (10%), or
answered 400 ThrottlingException (10%).  Prints "soakproxy listening on
http://127.0.0.1:PORT", then serves until killed; one thread per
connection, one request per connection (Connection: close).  Counts of
each outcome go to $SOAKPROXY_STATS on SIGTERM."""
import os
import random
import signal
import socket
import sys
import threading
import time
import urllib.parse

COUNTS = {"ok": 0, "late": 0, "drop": 0, "500": 0, "throttle": 0}
LOCK = threading.Lock()


def read_request(conn):
    conn.settimeout(15)
    data = b""
    while b"\r\n\r\n" not in data:
        c = conn.recv(65536)
        if not c:
            return None
        data += c
    head, _, body = data.partition(b"\r\n\r\n")
    n = 0
    for line in head.split(b"\r\n")[1:]:
        k, _, v = line.partition(b":")
        if k.strip().lower() == b"content-length":
            n = int(v.strip() or b"0")
    while len(body) < n:
        c = conn.recv(65536)
        if not c:
            return None
        body += c
    return head, body


def canned(status, code):
    body = b'{"__type":"%s","message":"soak fault"}' % code
    return (b"HTTP/1.1 %d X\r\nContent-Type: application/x-amz-json-1.1\r\n"
            b"x-amzn-RequestId: soak\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
            % (status, len(body))) + body


def forward(up, head, body):
    lines = head.split(b"\r\n")
    keep = [l for l in lines[1:] if not l.lower().startswith((b"connection:", b"keep-alive"))]
    req = b"\r\n".join([lines[0]] + keep + [b"Connection: close"]) + b"\r\n\r\n" + body
    s = socket.create_connection(up, timeout=15)
    s.sendall(req)
    out = b""
    while True:
        c = s.recv(65536)
        if not c:
            break
        out += c
    s.close()
    return out


def serve(conn, up, rnd):
    try:
        r = read_request(conn)
        if not r:
            return
        x = rnd.random()
        if x < 0.6:
            kind = "ok"
        elif x < 0.7:
            kind = "late"
        elif x < 0.8:
            kind = "drop"
        elif x < 0.9:
            kind = "500"
        else:
            kind = "throttle"
        with LOCK:
            COUNTS[kind] += 1
        if kind == "drop":
            return
        if kind == "500":
            conn.sendall(canned(500, b"InternalFailure"))
            return
        if kind == "throttle":
            conn.sendall(canned(400, b"ThrottlingException"))
            return
        if kind == "late":
            time.sleep(rnd.uniform(0.3, 1.2))
        conn.sendall(forward(up, *r))
    except OSError:
        pass
    finally:
        conn.close()


def main():
    u = urllib.parse.urlsplit(sys.argv[1])
    up = (u.hostname, u.port)
    seed = int(sys.argv[2])
    master = random.Random(seed)
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)

    def stats(*_):
        path = os.environ.get("SOAKPROXY_STATS")
        if path:
            with open(path, "w") as f:
                f.write(" ".join("%s=%d" % kv for kv in sorted(COUNTS.items())) + "\n")
        os._exit(0)
    signal.signal(signal.SIGTERM, stats)
    print("soakproxy listening on http://127.0.0.1:%d" % srv.getsockname()[1], flush=True)
    while True:
        conn, _ = srv.accept()
        rnd = random.Random(master.random())
        threading.Thread(target=serve, args=(conn, up, rnd), daemon=True).start()


if __name__ == "__main__":
    main()
