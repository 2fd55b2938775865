#!/bin/bash
# bench/sweep-ratelimit.sh: a 91-point `sagescale sweep` (CPU 10-100 step 1)
# against `sagescale sim --rate-limit 10 --fault-latency 150`, in adaptive
# retry mode, and in the same run boto3 in adaptive retry mode with a thread
# pool making the same 91 calls.  The bound is 91 / 10 TPS = 9.1 s; the goal
# is at most 1.15 x the bound with no failed point, and ahead of boto3.
# Prints "sagescale S fails N", "boto3 S fails N" (median of REPS runs).
#   bash bench/sweep-ratelimit.sh      (REPS=3, CONCURRENCY=4, TPS=10, LATENCY=150)
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${SAGESCALE:=$top_srcdir/sagescale}"
export top_srcdir SAGESCALE
REPS=${REPS:-3}
CONCURRENCY=${CONCURRENCY:-4}
TPS=${TPS:-10}
LATENCY=${LATENCY:-150}
. "$top_srcdir/tests/lib/lib.sh"

JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
sim_start --quiet --rate-limit "$TPS" --fault-latency "$LATENCY" ||
    { echo "sweep-ratelimit bench: the simulator did not start" >&2; exit 1; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# Between runs the bucket fills up again (one second's worth).
settle() { sleep 1.2; }

ours() {
    settle
    t0=${EPOCHREALTIME/[.,]/}
    AWS_RETRY_MODE=adaptive timeout 120 "$SAGESCALE" sweep --cpu 10:100:1 --job $JOB \
        --recommendation-id $REC --concurrency "$CONCURRENCY" --output json \
        >"$TEST_TMP/ours.json" 2>"$TEST_TMP/ours.err"
    t1=${EPOCHREALTIME/[.,]/}
    ok=$(grep -c '"TargetCpuUtilizationPerCore"' "$TEST_TMP/ours.json")
    echo "$(( (t1 - t0) / 1000 )) $(( 91 - ok ))"
}

peer() {
    settle
    timeout 120 python3 - "$SIM_URL" "$JOB" "$REC" "$CONCURRENCY" <<'PY'
import sys, time, boto3, botocore.config
from concurrent.futures import ThreadPoolExecutor
url, job, rec, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
cfg = botocore.config.Config(retries={"mode": "adaptive"}, max_pool_connections=n)
c = boto3.client("sagemaker", region_name="us-east-1", endpoint_url=url, config=cfg,
                 aws_access_key_id="AKIDSAGESCALEDEMO",
                 aws_secret_access_key="sagescale-demo-secret")
def call(cpu):
    try:
        c.get_scaling_configuration_recommendation(
            InferenceRecommendationsJobName=job, RecommendationId=rec,
            TargetCpuUtilizationPerCore=cpu)
        return 0
    except Exception:
        return 1
t = time.time()   # the client is made: like ours, timed from the first call
with ThreadPoolExecutor(n) as ex:
    fails = sum(ex.map(call, range(10, 101)))
print("%d %d" % ((time.time() - t) * 1000, fails))
PY
}

: >"$TEST_TMP/ours"; : >"$TEST_TMP/peer"
have_boto3=false
python3 -c 'import boto3' 2>/dev/null && have_boto3=true
for _ in $(seq "$REPS"); do
    ours >>"$TEST_TMP/ours"
    $have_boto3 && peer >>"$TEST_TMP/peer"
done
o=$(awk '{ print $1 }' "$TEST_TMP/ours" | median)
of=$(awk '{ s += $2 } END { print s + 0 }' "$TEST_TMP/ours")
echo "sagescale $(awk -v v="$o" 'BEGIN { printf "%.2f", v / 1000 }') s fails $of (runs: $(awk '{ printf "%s ", $1 }' "$TEST_TMP/ours")ms)"
if $have_boto3; then
    p=$(awk '{ print $1 }' "$TEST_TMP/peer" | median)
    pf=$(awk '{ s += $2 } END { print s + 0 }' "$TEST_TMP/peer")
    echo "boto3 $(awk -v v="$p" 'BEGIN { printf "%.2f", v / 1000 }') s fails $pf (runs: $(awk '{ printf "%s ", $1 }' "$TEST_TMP/peer")ms)"
else
    echo "boto3 - (not installed)"
fi
echo "bound $(awk -v t="$TPS" 'BEGIN { printf "%.2f", 91 / t }') s"
