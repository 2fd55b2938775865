#!/usr/bin/env python3
"""A loopback server for the fault and security tests (python3 stdlib only).

    faultsrv.py [--first-ok FILE] MODE [ARG]

With --first-ok, the first connection is answered with the canned FILE and
only the later ones get the fault (for a good result before the fault).
MODE is what every connection gets:
  refuse         stop listening: connections are refused
  hang           accept, read the request, never answer
  reset          accept, read the request, then reset (RST)
  close          accept, read the request, close without a byte
  drip MS        answer 200 with a valid body, one byte every MS milliseconds
  canned FILE    answer with FILE: the first line is the status code, then
                 "Name: value" header lines, an empty line, and the body
  garbage        answer bytes that are not HTTP

Prints "faultsrv listening on http://127.0.0.1:PORT" on stdout, then serves
until killed, one thread per connection.  Every request is appended to
$FAULTSRV_LOG when set (for tests that check what was sent).  With
$FAULTSRV_CERT and $FAULTSRV_KEY (PEM files) it speaks TLS (https://)."""
import os
import socket
import ssl
import struct
import sys
import threading
import time

DRIP_BODY = (b'{"InferenceRecommendationsJobName":"job-1","RecommendationId":"r-1",'
             b'"Metric":{"InvocationsPerInstance":240,"ModelLatency":1200},'
             b'"DynamicScalingConfiguration":{"MinCapacity":1,"MaxCapacity":5,'
             b'"ScaleInCooldown":300,"ScaleOutCooldown":60,"ScalingPolicies":[]}}')


def read_request(conn):
    """Reads one HTTP request (headers and Content-Length body)."""
    conn.settimeout(10)
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return data
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip() or b"0")
        while len(body) < length:
            chunk = conn.recv(65536)
            if not chunk:
                break
            body += chunk
        data = head + b"\r\n\r\n" + body
    except (socket.timeout, OSError, ValueError):
        pass
    log = os.environ.get("FAULTSRV_LOG")
    if log:
        with open(log, "ab") as f:
            f.write(data + b"\n----\n")
    return data


def canned_response(path):
    with open(path, "rb") as f:
        raw = f.read()
    head, _, body = raw.partition(b"\n\n")
    lines = head.split(b"\n")
    status = int(lines[0].strip())
    out = b"HTTP/1.1 %d X\r\n" % status
    for h in lines[1:]:
        if h.strip():
            out += h.rstrip(b"\r") + b"\r\n"
    out += b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body)
    return out + body


def serve(conn, mode, arg, tls):
    try:
        if tls:
            conn.settimeout(10)
            try:
                conn = tls.wrap_socket(conn, server_side=True)
            except (ssl.SSLError, OSError):
                return      # the client refused our certificate
        if mode == "garbage":
            read_request(conn)
            conn.sendall(b"\x00\x01\x02 this is not http \x1b[2J\r\n\r\n")
            return
        read_request(conn)
        if mode == "hang":
            time.sleep(3600)
        elif mode == "reset":
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        elif mode == "close":
            pass
        elif mode == "drip":
            resp = (b"HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\n"
                    b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(DRIP_BODY)) + DRIP_BODY
            for i in range(len(resp)):
                conn.sendall(resp[i:i + 1])
                time.sleep(int(arg) / 1000.0)
        elif mode == "canned":
            conn.sendall(canned_response(arg))
    except OSError:
        pass
    finally:
        try:
            conn.close()
        except OSError:
            pass


def main():
    args = sys.argv[1:]
    first_ok = None
    if len(args) >= 2 and args[0] == "--first-ok":
        first_ok = args[1]
        args = args[2:]
    if not args:
        sys.exit(__doc__)
    mode = args[0]
    arg = args[1] if len(args) > 1 else None
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    tls = None
    if os.environ.get("FAULTSRV_CERT"):
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(os.environ["FAULTSRV_CERT"], os.environ["FAULTSRV_KEY"])
    print("faultsrv listening on %s://127.0.0.1:%d" % ("https" if tls else "http", srv.getsockname()[1]),
          flush=True)
    if first_ok:
        conn, _ = srv.accept()
        serve(conn, "canned", first_ok, tls)
    if mode == "refuse":
        srv.close()
        while True:
            time.sleep(3600)
    while True:
        conn, _ = srv.accept()
        threading.Thread(target=serve, args=(conn, mode, arg, tls), daemon=True).start()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
