#!/bin/bash
# bench/sweep.sh: a 91-point sweep (CPU 10-100 step 1) against `sagescale sim`,
# side by side in the same run with boto3 making the same 91 calls in a loop
# with one warm client (or, without boto3, a loop of `curl --aws-sigv4`).
# Goal: at least 5x faster.  Prints each figure (median of REPS runs) and
# the ratio.  Environment from bench/run or make: SAGESCALE, top_srcdir.
#   bash bench/sweep.sh            (REPS=5 by default; CONCURRENCY=4)
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${SAGESCALE:=$top_srcdir/sagescale}"
export top_srcdir SAGESCALE
REPS=${REPS:-5}
CONCURRENCY=${CONCURRENCY:-4}
. "$top_srcdir/tests/lib/lib.sh"

JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
sim_start --quiet || { echo "sweep bench: the simulator did not start" >&2; exit 1; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# ours CONCURRENCY: one whole `sagescale sweep` process; prints two figures,
# the whole process (start to exit) and the sweep itself as --progress
# reports it (pool start to last answer, in the process: like the boto3
# loop, which is timed inside Python after the client is made and warm).
# The clock: bash's own, read without a command substitution (a fork would
# add a process to our time); `date` where bash is older than 5.
now_us() { if [ -n "${EPOCHREALTIME:-}" ]; then T=${EPOCHREALTIME/[.,]/}; else T=$(( $(date +%s%N) / 1000 )); fi; }
ours() {
    now_us; t0=$T
    "$SAGESCALE" sweep --cpu 10:100:1 --job $JOB --recommendation-id $REC --progress \
        --concurrency "$1" --output json >"$TEST_TMP/ours.json" 2>"$TEST_TMP/ours.err" || return 1
    now_us; t1=$T
    inner=$(tr '\r' '\n' <"$TEST_TMP/ours.err" | sed -n 's/.*, \([0-9.]*\) ms$/\1/p' | tail -1)
    echo "$(( t1 - t0 ))" "$inner"
}
# med N: the median of column N (whole: microseconds -> ms; inner: ms).
med() { awk -v c="$1" '{ print $c }' | median; }

# Check the output once: 91 responses.
ours "$CONCURRENCY" >/dev/null || { cat "$TEST_TMP/ours.err" >&2; echo "sweep bench: sagescale sweep failed" >&2; exit 1; }
n=$(grep -c '"TargetCpuUtilizationPerCore"' "$TEST_TMP/ours.json")
[ "$n" -ge 91 ] || { echo "sweep bench: expected 91 responses, got $n" >&2; exit 1; }

peer=""
if python3 -c 'import boto3' 2>/dev/null; then
    peer_name="boto3 (one warm client, sequential loop)"
    peer=$(python3 - "$SIM_URL" "$JOB" "$REC" "$REPS" <<'PY'
import sys, time, statistics, boto3
url, job, rec, reps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
c = boto3.client("sagemaker", region_name="us-east-1", endpoint_url=url,
                 aws_access_key_id="AKIDSAGESCALEDEMO",
                 aws_secret_access_key="sagescale-demo-secret")
def call(cpu):
    return c.get_scaling_configuration_recommendation(
        InferenceRecommendationsJobName=job, RecommendationId=rec,
        TargetCpuUtilizationPerCore=cpu)
call(50)   # warm: connection, endpoint resolution, model loading
times = []
for _ in range(reps):
    t0 = time.perf_counter()
    for cpu in range(10, 101):
        call(cpu)
    times.append((time.perf_counter() - t0) * 1000)
print(round(statistics.median(times)))
PY
) || peer=""
elif command -v curl >/dev/null 2>&1 && curl --help all 2>/dev/null | grep -q aws-sigv4; then
    peer_name="curl --aws-sigv4 (one process per call)"
    one_curl_run() {
        t0=$(now_ms)
        for cpu in $(seq 10 100); do
            curl -s -o /dev/null --aws-sigv4 "aws:amz:us-east-1:sagemaker" \
                --user "AKIDSAGESCALEDEMO:sagescale-demo-secret" \
                -H "X-Amz-Target: SageMaker.GetScalingConfigurationRecommendation" \
                -H "Content-Type: application/x-amz-json-1.1" \
                -d "{\"InferenceRecommendationsJobName\":\"$JOB\",\"RecommendationId\":\"$REC\",\"TargetCpuUtilizationPerCore\":$cpu}" \
                "$SIM_URL/" || return 1
        done
        echo $(( $(now_ms) - t0 ))
    }
    peer=$(for i in $(seq "$REPS"); do one_curl_run; done | median)
fi

for i in $(seq "$REPS"); do ours "$CONCURRENCY"; done >"$TEST_TMP/runs"
for i in $(seq "$REPS"); do ours 1; done >"$TEST_TMP/runs1"
whole=$(med 1 <"$TEST_TMP/runs" | awk '{ printf "%.1f", $1 / 1000 }')
inner=$(med 2 <"$TEST_TMP/runs")
whole1=$(med 1 <"$TEST_TMP/runs1" | awk '{ printf "%.1f", $1 / 1000 }')
inner1=$(med 2 <"$TEST_TMP/runs1")
x() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "?" }'; }

echo "sweep: 91 points (CPU 10-100 step 1) against sagescale sim on $SIM_URL, median of $REPS runs"
echo "  sagescale sweep --concurrency $CONCURRENCY: sweep ${inner} ms, whole process ${whole} ms"
echo "  sagescale sweep --concurrency 1: sweep ${inner1} ms, whole process ${whole1} ms"
if [ -n "$peer" ]; then
    echo "  $peer_name: ${peer} ms (the loop only)"
    r=$(x "$peer" "$inner"); rw=$(x "$peer" "$whole"); r1=$(x "$peer" "$inner1")
    met=$(awk -v r="$r" 'BEGIN { print (r >= 5 ? "met" : "NOT met") }')
    metw=$(awk -v r="$rw" 'BEGIN { print (r >= 5 ? "met" : "NOT met") }')
    echo "  ratio, sweep vs loop: ${r}x faster (goal >= 5x: $met); at --concurrency 1: ${r1}x"
    echo "  ratio, whole sagescale process (exec, libraries, config, output) vs loop: ${rw}x ($metw)"
    echo "sweep-result ours_ms=$inner whole_ms=$whole peer_ms=$peer ratio=$r ratio_whole=$rw"
else
    echo "  no peer: neither boto3 nor curl with --aws-sigv4 is available"
fi
