#!/bin/bash
# Retry modes against the simulator's faults, compared with botocore's own
# retry handlers (legacy, standard with its quota, adaptive): the same
# faults, the same AWS_RETRY_MODE / AWS_MAX_ATTEMPTS, the same number of
# attempts.  Then: adaptive mode slows a sweep down instead of failing
# points (--rate-limit), and a sweep against a server that always fails
# ends in bounded time with what it has.  botocore's backoff is set to zero
# here (only its counts are compared); ours runs as it is.
. "$top_srcdir/tests/lib/lib.sh"
command -v python3 >/dev/null || tap_skip_all "python3 not installed"
python3 -c 'import botocore' 2>/dev/null || tap_skip_all "botocore not installed"
export AWS_EC2_METADATA_DISABLED=true
JOB=bert-ner-default REC=bert-ner-default/4d8e0f17

# botocore_attempts MODE MAX CALLS: attempts botocore makes for CALLS calls
# (one client), one number per call.
botocore_attempts() {
    env AWS_RETRY_MODE=$1 ${2:+AWS_MAX_ATTEMPTS=$2} timeout 120 python3 - "$SIM_URL" "$3" "$JOB" "$REC" <<'PY'
import sys, types, botocore.session, botocore.retryhandler, botocore.retries.standard
from botocore.exceptions import ClientError, BotoCoreError
botocore.retryhandler.random = types.SimpleNamespace(random=lambda: 0.0)
botocore.retries.standard.ExponentialBackoff.delay_amount = lambda self, context: 0
url, calls, job, rec = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
c = botocore.session.Session().create_client(
    "sagemaker", region_name="us-east-1", endpoint_url=url,
    aws_access_key_id="AKIDSAGESCALEDEMO", aws_secret_access_key="sagescale-demo-secret")
out = []
for _ in range(calls):
    try:
        r = c.get_scaling_configuration_recommendation(
            InferenceRecommendationsJobName=job, RecommendationId=rec)
        out.append(r["ResponseMetadata"].get("RetryAttempts", 0) + 1)
    except ClientError as e:
        out.append(e.response["ResponseMetadata"].get("RetryAttempts", 0) + 1)
    except BotoCoreError as e:   # connection errors: attempts from the sim's log
        out.append(-1)
print(" ".join(map(str, out)))
PY
}
# ours MODE MAX: attempts of one `sagescale recommend` (its --debug lines).
ours_attempts() {
    env AWS_RETRY_MODE=$1 ${2:+AWS_MAX_ATTEMPTS=$2} timeout 60 "$SAGESCALE" recommend --job $JOB \
        --recommendation-id $REC --debug >/dev/null 2>"$TEST_TMP/dbg"
    grep -c "(attempt [0-9]* of" "$TEST_TMP/dbg"
}
# sim_requests: requests the simulator logged.
served() { grep -c '"POST' "$_log" 2>/dev/null || grep -c 'POST' "$_log"; }

for mode in legacy standard adaptive; do
    for fault in "--fault-503 1" "--fault-503 3" "--fault-throttle 1" "--fault-throttle 3" \
                 "--fault-500 6" "--fault-drop 1"; do
        for max in "" 2; do
            # Keep the slow ones out: legacy's and adaptive's backoff is seconds.
            case "$mode:$fault:$max" in
            legacy:*3:|legacy:*6:|adaptive:*3:|adaptive:*6:) continue ;;
            esac
            sim_start $fault || { fail "sim $fault"; continue; }
            b=$(botocore_attempts "$mode" "$max" 1)
            [ "$b" = -1 ] && b=$(grep -c 'POST' "$_log")
            sim_stop "$SIM_PID"
            sim_start --quiet $fault || { fail "sim $fault"; continue; }
            o=$(ours_attempts "$mode" "$max")
            sim_stop "$SIM_PID"
            if [ "$o" = "$b" ]; then
                ok "$mode, $fault, max_attempts ${max:-default}: $o attempts, as botocore"
            else
                fail "$mode, $fault, max_attempts ${max:-default}: as botocore"
                diag "botocore $b attempts, sagescale $o"
            fi
        done
    done
done

# The retry quota, across one process: 60 calls to a server that always
# answers 503 (standard mode, 3 attempts): 50 calls spend the 500 units
# (10 each), the rest get one attempt.  botocore: one client, 60 calls;
# ours: a 60-point sweep, one at a time.
sim_start --quiet --fault-503 100000 || fail "sim"
b=$(botocore_attempts standard "" 60 | tr ' ' '\n' | awk '{ s += $1 } END { print s }')
sim_stop "$SIM_PID"
sim_start --fault-503 100000 || fail "sim"
t0=${EPOCHREALTIME/[.,]/}
AWS_RETRY_MODE=standard timeout 120 "$SAGESCALE" sweep --job $JOB --recommendation-id $REC \
    --cpu 1:60:1 --concurrency 1 --output json >"$TEST_TMP/sweep.json" 2>"$TEST_TMP/sweep.err"
rc=$?
t1=${EPOCHREALTIME/[.,]/}
o=$(grep -c 'POST' "$_log")
sim_stop "$SIM_PID"
check "the retry quota: $o attempts for 60 calls, as botocore ($b)" test "$o" = "$b"
check "an always-failing server: the sweep ends (exit $rc, 1: points failed)" test "$rc" -eq 1
n=$(grep -c '"ServiceUnavailable"' "$TEST_TMP/sweep.json")
check "... and prints every point with its error ($n of 60)" test "$n" -eq 60
diag "the 60-point sweep took $(( (t1 - t0) / 1000 )) ms"

# A silent server: each point ends by --timeout, retries and backoff
# included, so the sweep ends within ceil(points / concurrency) x --timeout.
python3 - >"$TEST_TMP/silent.port" 2>/dev/null <<'PY' &
import socket, time, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(64)
print(s.getsockname()[1], flush=True)
conns = []
end = time.time() + 60
s.settimeout(0.5)
while time.time() < end:
    try:
        conns.append(s.accept()[0])   # accepted, never answered
    except socket.timeout:
        pass
PY
SILENT=$!
SIM_PIDS="$SIM_PIDS $SILENT"
for _ in $(seq 50); do [ -s "$TEST_TMP/silent.port" ] && break; sleep 0.1; done
port=$(cat "$TEST_TMP/silent.port")
t0=${EPOCHREALTIME/[.,]/}
AWS_ENDPOINT_URL=http://127.0.0.1:$port AWS_MAX_ATTEMPTS=5 timeout 60 "$SAGESCALE" sweep \
    --job $JOB --recommendation-id $REC --cpu 10:17:1 --concurrency 4 --timeout 1 \
    --output json >"$TEST_TMP/silent.json" 2>"$TEST_TMP/silent.err"
rc=$?
t1=${EPOCHREALTIME/[.,]/}
ms=$(( (t1 - t0) / 1000 ))
kill "$SILENT" 2>/dev/null
check "a silent server: 8 points, 4 at a time, --timeout 1, 5 attempts: done in $ms ms (bound 2000 + 1000 slack)" \
    test "$ms" -lt 3000
check "... exit 3 (network) with every point's error" test "$rc" -eq 3 -a "$(grep -c 'within 1000 ms (the whole request' "$TEST_TMP/silent.json")" -eq 8
[ "$rc" -eq 3 ] || sed 's/^/# /' "$TEST_TMP/silent.err" | head -5

# Adaptive mode under a rate limit: a sweep slows down, no point fails.
sim_start --quiet --rate-limit 5 || fail "sim"
AWS_RETRY_MODE=adaptive timeout 120 "$SAGESCALE" sweep --job $JOB --recommendation-id $REC \
    --cpu 10:39:1 --concurrency 8 --output json >"$TEST_TMP/ad.json" 2>"$TEST_TMP/ad.err"
rc=$?
sim_stop "$SIM_PID"
check "adaptive, --rate-limit 5, 30 points at 8 in flight: exit 0" test "$rc" -eq 0
check "... every point answered" test "$(grep -c '"TargetCpuUtilizationPerCore"' "$TEST_TMP/ad.json")" -ge 30
tap_done
