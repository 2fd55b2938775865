#!/usr/bin/env python3
"""Slow clients against `sagescale sim` (issue 17 item 9), bounded in count
and time, loopback only.

    slowloris.py URL MODE [COUNTS...] SECONDS

MODE:
  drip      one connection sending a byte of headers every 0.5 s: prints
            "cut after N.N s" when the server hangs up (or "never cut")
  flood N   N slow connections (one byte every 2 s, reconnecting when cut),
            spread over source addresses 127.0.0.2 ... (the hostile
            clients), while a well-behaved client on 127.0.0.1 sends a
            request every 0.2 s: prints "ok K refused R slowest MS" for
            the well-behaved client
  oneip N   the same with every slow connection from 127.0.0.2
  mixed N W the soak's load (tests/soak.sh): the N slow connections of
            flood, hostile clients that send garbage, oversized headers
            or connect and hang up at once (127.0.0.22-24), and W
            well-behaved clients on 127.0.0.1 (signed requests that must
            be answered 200 when botocore is there to sign them); prints
            "ok K refused R slowest MS" every 30 s and at the end
"""
import random
import socket
import sys
import threading
import time
import urllib.parse

HEAD = (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\n"
        b"X-Amz-Target: SageMaker.ListInferenceRecommendationsJobs\r\n")


def addr(url):
    u = urllib.parse.urlsplit(url)
    return u.hostname, u.port


def drip(host, port, secs):
    s = socket.create_connection((host, port), timeout=5)
    t0 = time.time()
    data = HEAD * 50
    i = 0
    while time.time() - t0 < secs:
        try:
            s.sendall(data[i:i + 1])
            s.settimeout(0.5)
            try:
                if s.recv(1) == b"":
                    raise OSError("closed")
            except socket.timeout:
                pass
        except OSError:
            print("cut after %.1f s" % (time.time() - t0))
            return
        i += 1
    print("never cut")


def slow_client(host, port, src, stop):
    while not stop.is_set():
        try:
            s = socket.socket()
            s.bind((src, 0))
            s.settimeout(3)
            s.connect((host, port))
            i = 0
            while not stop.is_set():
                s.sendall(HEAD[i % len(HEAD):i % len(HEAD) + 1])
                i += 1
                if stop.wait(2.0):
                    break
        except OSError:
            if stop.wait(0.2):
                break
        finally:
            try:
                s.close()
            except OSError:
                pass


def signed_headers(host, port, body):
    """SigV4 headers from botocore for the simulator's demo key, or None
    when botocore is not installed."""
    try:
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
    except ImportError:
        return None
    r = AWSRequest(method="POST", url="http://%s:%d/" % (host, port), data=body, headers={
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "SageMaker.ListInferenceRecommendationsJobs"})
    SigV4Auth(Credentials("AKIDSAGESCALEDEMO", "sagescale-demo-secret"),
              "sagemaker", "us-east-1").add_auth(r)
    return b"".join(b"%s: %s\r\n" % (k.encode(), v.encode()) for k, v in r.headers.items())


def good_request(host, port, sign=False):
    body = b"{}"
    extra = signed_headers(host, port, body) if sign else None
    req = (b"POST / HTTP/1.1\r\nHost: %s:%d\r\n" % (host.encode(), port)
           + (extra or b"Content-Type: application/x-amz-json-1.1\r\n"
              b"X-Amz-Target: SageMaker.ListInferenceRecommendationsJobs\r\n")
           + b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body)) + body
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.settimeout(5)
    s.connect((host, port))
    s.sendall(req)
    got = b""
    while True:
        c = s.recv(65536)
        if not c:
            break
        got += c
    s.close()
    if extra:
        return got.startswith(b"HTTP/1.1 200 ")
    # Unsigned: the simulator answers 4xx, which is an answer all the same.
    return got.startswith(b"HTTP/1.1 ")


def flood(host, port, n, secs, spread):
    stop = threading.Event()
    threads = []
    for k in range(n):
        src = "127.0.0.%d" % (2 + (k % 20 if spread else 0))
        t = threading.Thread(target=slow_client, args=(host, port, src, stop), daemon=True)
        t.start()
        threads.append(t)
    time.sleep(2.5)     # the slow ones are in
    ok = refused = 0
    slowest = 0.0
    t0 = time.time()
    while time.time() - t0 < secs:
        a = time.time()
        try:
            if good_request(host, port):
                ok += 1
            else:
                refused += 1
        except OSError:
            refused += 1
        slowest = max(slowest, time.time() - a)
        time.sleep(0.2)
    stop.set()
    for t in threads:
        t.join(5)
    print("ok %d refused %d slowest %d" % (ok, refused, int(slowest * 1000)))


def hostile(host, port, src, kind, stop, rnd):
    """One hostile client until stop: garbage bytes, a header that never
    ends (64 KiB of one line), or a connection hung up at once."""
    while not stop.is_set():
        s = socket.socket()
        try:
            s.bind((src, 0))
            s.settimeout(3)
            s.connect((host, port))
            if kind == "garbage":
                s.sendall(bytes(rnd.getrandbits(8) for _ in range(2048)) + b"\r\n\r\n")
                s.recv(4096)
            elif kind == "huge":
                s.sendall(HEAD + b"X-Pad: " + b"a" * 65536)
                s.recv(4096)
        except OSError:
            pass
        finally:
            s.close()
        if stop.wait(0.05):
            break


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.ok = self.refused = 0
        self.slowest = 0.0

    def line(self):
        with self.lock:
            return "ok %d refused %d slowest %d" % (self.ok, self.refused,
                                                    int(self.slowest * 1000))


def good_client(host, port, stop, tally, sign):
    while not stop.is_set():
        a = time.time()
        try:
            good = good_request(host, port, sign)
        except OSError:
            good = False
        with tally.lock:
            if good:
                tally.ok += 1
            else:
                tally.refused += 1
            tally.slowest = max(tally.slowest, time.time() - a)
        if stop.wait(0.2):
            break


def mixed(host, port, n, w, secs):
    stop = threading.Event()
    rnd = random.Random(17)
    threads = []
    for k in range(n):
        threads.append(threading.Thread(target=slow_client, daemon=True,
                                        args=(host, port, "127.0.0.%d" % (2 + k % 20), stop)))
    for k, kind in enumerate(("garbage", "huge", "hangup")):
        threads.append(threading.Thread(target=hostile, daemon=True,
                                        args=(host, port, "127.0.0.%d" % (22 + k), kind, stop,
                                              random.Random(rnd.random()))))
    for t in threads:
        t.start()
    time.sleep(2.5)     # the slow ones are in
    tally = Tally()
    sign = signed_headers(host, port, b"{}") is not None
    goods = [threading.Thread(target=good_client, args=(host, port, stop, tally, sign),
                              daemon=True) for _ in range(w)]
    for t in goods:
        t.start()
    t0 = time.time()
    while not stop.wait(min(30.0, max(0.0, secs - (time.time() - t0)))):
        if time.time() - t0 >= secs:
            break
        print(tally.line() + " (after %d s)" % int(time.time() - t0), flush=True)
    stop.set()
    end = time.time() + 10
    for t in goods + threads:
        t.join(max(0.0, end - time.time()))
    print(tally.line() + (" signed" if sign else " unsigned"), flush=True)


def main():
    host, port = addr(sys.argv[1])
    mode = sys.argv[2]
    if mode == "drip":
        drip(host, port, float(sys.argv[3]))
    elif mode == "mixed":
        mixed(host, port, int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))
    else:
        flood(host, port, int(sys.argv[3]), float(sys.argv[4]), mode == "flood")


if __name__ == "__main__":
    main()
