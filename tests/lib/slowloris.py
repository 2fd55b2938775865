#!/usr/bin/env python3
"""Slow clients against `sagescale sim` (issue 17 item 9), bounded in count
and time, loopback only.

    slowloris.py URL MODE SECONDS

MODE:
  drip      one connection sending a byte of headers every 0.5 s: prints
            "cut after N.N s" when the server hangs up (or "never cut")
  flood N   N slow connections (one byte every 2 s, reconnecting when cut),
            spread over source addresses 127.0.0.2 ... (the hostile
            clients), while a well-behaved client on 127.0.0.1 sends a
            request every 0.2 s: prints "ok K refused R slowest MS" for
            the well-behaved client
  oneip N   the same with every slow connection from 127.0.0.2
"""
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


def good_request(host, port):
    body = b"{}"
    req = (b"POST / HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/x-amz-json-1.1\r\n"
           b"X-Amz-Target: SageMaker.ListInferenceRecommendationsJobs\r\n"
           b"Content-Length: %d\r\nConnection: close\r\n\r\n" % (host.encode(), port, len(body))) + body
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


def main():
    host, port = addr(sys.argv[1])
    mode = sys.argv[2]
    if mode == "drip":
        drip(host, port, float(sys.argv[3]))
    else:
        flood(host, port, int(sys.argv[3]), float(sys.argv[4]), mode == "flood")


if __name__ == "__main__":
    main()
