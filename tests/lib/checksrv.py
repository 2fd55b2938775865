#!/usr/bin/env python3
"""An independent checking server for sagescale's integration tests.

It shares no code with sagescale: it re-computes the SigV4 signature with
Python's hmac/hashlib, checks the X-Amz-Target header and the JSON body of
GetScalingConfigurationRecommendation, records every request (one JSON
line each in --log), and answers a canned response.  The job name selects a
fault, so one server serves every case of a test:

  fault-error      400 ValidationException with a request id
  fault-notfound   400 ResourceNotFound
  fault-malformed  200 with a body that is not JSON
  fault-wrongtype  200 with JSON of the wrong shape
  fault-oversized  200 with a 12 MiB body
  fault-reset      the connection is reset, no answer
  fault-hang       no answer for --hang seconds
  fault-unsafe     200 with terminal escape sequences in the strings

Usage: checksrv.py --port-file F --log F [--access-key K --secret S --region R]
"""
import argparse
import datetime
import hashlib
import hmac
import http.server
import json
import socket
import struct
import sys
import threading
import time

TARGET = "SageMaker.GetScalingConfigurationRecommendation"
ALLOWED = ["InferenceRecommendationsJobName", "RecommendationId", "EndpointName",
           "TargetCpuUtilizationPerCore", "ScalingPolicyObjective"]


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


def hmac_sha256(key, msg):
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


def check_signature(method, path, query, headers, body, args):
    """Returns None when the SigV4 signature is right, else why not."""
    auth = headers.get("authorization", "")
    if not auth.startswith("AWS4-HMAC-SHA256 "):
        return "no AWS4-HMAC-SHA256 Authorization header"
    parts = {}
    for item in auth[len("AWS4-HMAC-SHA256 "):].split(","):
        k, _, v = item.strip().partition("=")
        parts[k] = v
    try:
        ak, date, region, service, term = parts["Credential"].split("/")
        signed = parts["SignedHeaders"].split(";")
        sig = parts["Signature"]
    except (KeyError, ValueError):
        return "malformed Authorization header"
    if ak != args.access_key:
        return "unknown access key %r" % ak
    if region != args.region or service != "sagemaker" or term != "aws4_request":
        return "wrong scope %s/%s/%s" % (region, service, term)
    if "host" not in signed or "x-amz-date" not in signed:
        return "host and x-amz-date must be signed"
    if signed != sorted(signed):
        return "SignedHeaders not sorted"
    amz_date = headers.get("x-amz-date", "")
    if not amz_date.startswith(date):
        return "X-Amz-Date and the credential scope disagree"
    try:
        t = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(
            tzinfo=datetime.timezone.utc)
    except ValueError:
        return "bad X-Amz-Date"
    if abs((datetime.datetime.now(datetime.timezone.utc) - t).total_seconds()) > 300:
        return "X-Amz-Date more than 5 minutes off"
    canon_headers = ""
    for name in signed:
        if name not in headers:
            return "signed header %s missing" % name
        canon_headers += name + ":" + " ".join(headers[name].split()) + "\n"
    payload = sha256_hex(body)
    if "x-amz-content-sha256" in headers and headers["x-amz-content-sha256"] != payload:
        return "x-amz-content-sha256 does not match the body"
    canonical = "\n".join([method, path, query, canon_headers, ";".join(signed), payload])
    scope = "/".join([date, region, service, term])
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                         sha256_hex(canonical.encode("utf-8"))])
    key = hmac_sha256(("AWS4" + args.secret).encode("utf-8"), date)
    for part in (region, service, term):
        key = hmac_sha256(key, part)
    want = hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(want, sig):
        return "signature mismatch"
    return None


def check_body(doc):
    if not isinstance(doc, dict):
        return "body is not a JSON object"
    for k in doc:
        if k not in ALLOWED:
            return "unknown member %s" % k
    name = doc.get("InferenceRecommendationsJobName")
    if not isinstance(name, str) or not 1 <= len(name) <= 64:
        return "InferenceRecommendationsJobName missing or out of range"
    if ("RecommendationId" in doc) == ("EndpointName" in doc):
        return "not exactly one of RecommendationId / EndpointName"
    cpu = doc.get("TargetCpuUtilizationPerCore", 50)
    if not isinstance(cpu, int) or not 1 <= cpu <= 100:
        return "TargetCpuUtilizationPerCore out of range"
    obj = doc.get("ScalingPolicyObjective", {})
    if not isinstance(obj, dict) or any(
            k not in ("MinInvocationsPerMinute", "MaxInvocationsPerMinute") for k in obj):
        return "bad ScalingPolicyObjective"
    return None


def canned(doc):
    out = {}
    for k in ALLOWED:
        if k in doc:
            out[k] = doc[k]
    out.setdefault("TargetCpuUtilizationPerCore", 50)
    out["Metric"] = {"InvocationsPerInstance": 427, "ModelLatency": 2356}
    out["DynamicScalingConfiguration"] = {
        "MinCapacity": 1, "MaxCapacity": 3, "ScaleInCooldown": 300, "ScaleOutCooldown": 60,
        "ScalingPolicies": [
            {"TargetTracking": {"MetricSpecification": {"Predefined": {
                "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"}},
                "TargetValue": 427.0}},
            {"TargetTracking": {"MetricSpecification": {"Customized": {
                "MetricName": "CPUUtilizationNormalized",
                "Namespace": "/aws/sagemaker/Endpoints", "Statistic": "Average"}},
                "TargetValue": float(out["TargetCpuUtilizationPerCore"])}}]}
    return out


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *a):
        pass

    def record(self, **kw):
        with self.server.lock:
            with open(self.server.args.log, "a") as f:
                f.write(json.dumps(kw) + "\n")

    def answer(self, status, body, extra=None):
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("x-amzn-RequestId", "checksrv-req-%d" % self.server.count)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except OSError:
            self.close_connection = True    # the client gave up (size cap, timeout)

    def error(self, status, code, message):
        self.answer(status, {"__type": code, "message": message})

    def do_GET(self):
        self.error(405, "checksrv#MethodNotAllowed", "POST only")

    def do_POST(self):
        with self.server.lock:
            self.server.count += 1
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        headers = {}
        for k, v in self.headers.items():
            k = k.lower()
            headers[k] = headers[k] + "," + v if k in headers else v
        path, _, query = self.path.partition("?")
        why = None
        if path != "/":
            why = "path is not /"
        elif headers.get("x-amz-target") != TARGET:
            why = "X-Amz-Target is %r" % headers.get("x-amz-target")
        elif headers.get("content-type") != "application/x-amz-json-1.1":
            why = "Content-Type is %r" % headers.get("content-type")
        sig = check_signature("POST", path, query, headers, body, self.server.args)
        doc = None
        if why is None:
            try:
                doc = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                why = "body is not JSON"
        if why is None:
            why = check_body(doc)
        self.record(target=headers.get("x-amz-target"), body=body.decode("utf-8", "replace"),
                    signature="ok" if sig is None else sig, check="ok" if why is None else why)
        if sig is not None:
            return self.error(403, "InvalidSignatureException", "checksrv: " + sig)
        if why is not None:
            return self.error(400, "checksrv#CheckFailed", why)
        self.fault(doc.get("InferenceRecommendationsJobName", ""), doc)

    def fault(self, name, doc):
        if name == "fault-error":
            return self.error(400, "com.amazonaws.sagemaker#ValidationException:http://x",
                              "1 validation error detected: checksrv says no")
        if name == "fault-notfound":
            return self.error(400, "ResourceNotFound", "Could not find job fault-notfound")
        if name == "fault-malformed":
            return self.answer(200, b"{\"InferenceRecommendationsJobName\": ")
        if name == "fault-wrongtype":
            return self.answer(200, {"DynamicScalingConfiguration": {"MinCapacity": "one"}})
        if name == "fault-oversized":
            return self.answer(200, b"{\"x\":\"" + b"a" * (12 << 20) + b"\"}")
        if name == "fault-reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return None
        if name == "fault-hang":
            time.sleep(self.server.args.hang)
            self.close_connection = True
            return None
        if name == "fault-unsafe":
            out = canned(doc)
            out["RecommendationId"] = "x\x1b]0;owned\x07\x1b[2J\u202eevil\x9b"
            return self.answer(200, out)
        return self.answer(200, canned(doc))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port-file", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--access-key", default="AKIDCHECKSRV")
    p.add_argument("--secret", default="checksrv-secret")
    p.add_argument("--region", default="us-east-1")
    p.add_argument("--hang", type=float, default=5.0)
    p.add_argument("--lifetime", type=float, default=120.0)
    args = p.parse_args()
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.args = args
    srv.count = 0
    srv.lock = threading.Lock()
    open(args.log, "a").close()
    with open(args.port_file + ".tmp", "w") as f:
        f.write("%d\n" % srv.server_address[1])
    import os
    os.rename(args.port_file + ".tmp", args.port_file)
    # Never outlive a test that forgot to stop us.
    threading.Timer(args.lifetime, lambda: os._exit(0)).start()
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
