#!/bin/bash
# bench/sim-rps.sh: requests per second of `sagescale sim` on loopback with
# keep-alive and several connections (wrk), for a signed
# GetScalingConfigurationRecommendation (SigV4 verified, JSON parsed, model
# run), against an in-run peer: the same server's cheapest answer (an
# unsigned request refused with MissingAuthenticationTokenException), which
# is libmicrohttpd's own floor on this machine.  Also the simulator's peak
# memory (VmHWM).  Bounded: two runs of $SECS seconds (default 5).
#   SAGESCALE=path/to/sagescale bash bench/sim-rps.sh
set -u
SAGESCALE=${SAGESCALE:-./sagescale}
SECS=${SECS:-5}
CONNS=${CONNS:-8}
THREADS=${THREADS:-2}
command -v wrk >/dev/null || { echo "sim-rps: wrk is not installed (apt-get install wrk)"; exit 0; }
command -v python3 >/dev/null || { echo "sim-rps: python3 is needed to pre-sign the request"; exit 0; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sim-rps.XXXXXX")
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

"$SAGESCALE" sim --port 0 --quiet >"$tmp/sim.out" 2>&1 &
pid=$!
url=
for _ in $(seq 100); do
    url=$(sed -n 's/.*export AWS_ENDPOINT_URL=//p' "$tmp/sim.out")
    [ -n "$url" ] && break
    sleep 0.05
done
[ -n "$url" ] || { echo "sim-rps: the simulator did not start"; cat "$tmp/sim.out"; exit 1; }
hostport=${url#http://}

# One request signed now: valid for the 5 minutes the run takes at most.
python3 - "$hostport" >"$tmp/signed.lua" <<'PY'
import datetime, hashlib, hmac, json, sys
host = sys.argv[1]
body = json.dumps({"InferenceRecommendationsJobName": "churn-xgboost-default",
                   "RecommendationId": "churn-xgboost-default/0b9f42d1",
                   "TargetCpuUtilizationPerCore": 55,
                   "ScalingPolicyObjective": {"MinInvocationsPerMinute": 1000,
                                              "MaxInvocationsPerMinute": 20000}},
                  separators=(",", ":"))
now = datetime.datetime.now(datetime.timezone.utc)
amz, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
target = "SageMaker.GetScalingConfigurationRecommendation"
h = {"content-type": "application/x-amz-json-1.1", "host": host, "x-amz-date": amz,
     "x-amz-target": target}
names = ";".join(sorted(h))
canon = "\n".join(["POST", "/", "", "".join(f"{k}:{h[k]}\n" for k in sorted(h)), names,
                   hashlib.sha256(body.encode()).hexdigest()])
scope = f"{day}/us-east-1/sagemaker/aws4_request"
sts = "\n".join(["AWS4-HMAC-SHA256", amz, scope, hashlib.sha256(canon.encode()).hexdigest()])
k = ("AWS4" + "sagescale-demo-secret").encode()
for part in (day, "us-east-1", "sagemaker", "aws4_request"):
    k = hmac.new(k, part.encode(), hashlib.sha256).digest()
sig = hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()
auth = f"AWS4-HMAC-SHA256 Credential=AKIDSAGESCALEDEMO/{scope}, SignedHeaders={names}, Signature={sig}"
print('wrk.method = "POST"')
print("wrk.body = %s" % json.dumps(body))
print('wrk.headers["Content-Type"] = "application/x-amz-json-1.1"')
print('wrk.headers["X-Amz-Date"] = "%s"' % amz)
print('wrk.headers["X-Amz-Target"] = "%s"' % target)
print('wrk.headers["Authorization"] = "%s"' % auth)
PY
cat >"$tmp/unsigned.lua" <<'LUA'
wrk.method = "POST"
wrk.body = "{}"
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "SageMaker.ListInferenceRecommendationsJobs"
LUA

# The signed request must really succeed (200), or the figure means nothing.
lua_header() { sed -n "s/^wrk.headers\[\"$1\"\] = \"\(.*\)\"$/\1/p" "$tmp/signed.lua"; }
code=$(curl -s -o "$tmp/check.json" -w '%{http_code}' --max-time 10 -X POST \
    -H "Content-Type: application/x-amz-json-1.1" -H "X-Amz-Date: $(lua_header X-Amz-Date)" \
    -H "X-Amz-Target: $(lua_header X-Amz-Target)" -H "Authorization: $(lua_header Authorization)" \
    --data-binary "$(sed -n 's/^wrk.body = "\(.*\)"$/\1/p' "$tmp/signed.lua" | sed 's/\\"/"/g')" "$url/")
if [ "$code" != 200 ]; then echo "sim-rps: the pre-signed request was refused ($code):"; cat "$tmp/check.json"; echo; exit 1; fi

run_wrk() { timeout $((SECS + 30)) wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" -s "$1" "$url/" >"$2" 2>&1; }
run_wrk "$tmp/signed.lua" "$tmp/signed.txt"
run_wrk "$tmp/unsigned.lua" "$tmp/unsigned.txt"
rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$1"; }
bad() { n=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$1"); echo "${n:-0}"; }
ours=$(rps "$tmp/signed.txt"); peer=$(rps "$tmp/unsigned.txt")
hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)

echo "sim requests/s, signed GetScalingConfigurationRecommendation (wrk -t$THREADS -c$CONNS -d${SECS}s, keep-alive): ${ours:-?}"
echo "sim non-2xx answers during that run: $(bad "$tmp/signed.txt")"
echo "peer requests/s, unsigned request refused at once (same server, libmicrohttpd floor): ${peer:-?}"
awk -v a="${ours:-0}" -v b="${peer:-0}" 'BEGIN { if (b > 0) printf "ratio signed/floor: %.2f\n", a / b }'
echo "sim peak memory (VmHWM): ${hwm:-?} kB"
awk -v a="${ours:-0}" 'BEGIN { printf "goal >= 5000 req/s: %s\n", (a >= 5000) ? "met" : "NOT met" }'
echo "--- wrk, signed:"; sed 's/^/  /' "$tmp/signed.txt"
