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
. "$top_srcdir/tests/lib.sh"

JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
sim_start --quiet || { echo "sweep bench: the simulator did not start" >&2; exit 1; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

ours() {	# ours CONCURRENCY: one whole `sagescale sweep` process, start to exit
    t0=$(now_ms)
    "$SAGESCALE" sweep --cpu 10:100:1 --job $JOB --recommendation-id $REC \
        --concurrency "$1" --output json >"$TEST_TMP/ours.json" || return 1
    echo $(( $(now_ms) - t0 ))
}

# Check the output once: 91 responses.
ours "$CONCURRENCY" >/dev/null || { echo "sweep bench: sagescale sweep failed" >&2; exit 1; }
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

ours_ms=$(for i in $(seq "$REPS"); do ours "$CONCURRENCY"; done | median)
ours1_ms=$(for i in $(seq "$REPS"); do ours 1; done | median)

echo "sweep: 91 points (CPU 10-100 step 1) against sagescale sim on $SIM_URL, median of $REPS runs"
echo "  sagescale sweep --concurrency $CONCURRENCY (whole process): ${ours_ms} ms"
echo "  sagescale sweep --concurrency 1 (whole process): ${ours1_ms} ms"
if [ -n "$peer" ]; then
    echo "  $peer_name: ${peer} ms"
    r=$(awk -v a="$peer" -v b="$ours_ms" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
    r1=$(awk -v a="$peer" -v b="$ours1_ms" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
    met=$(awk -v r="$r" 'BEGIN { print (r >= 5 ? "met" : "NOT met") }')
    echo "  ratio: ${r}x faster (goal >= 5x: $met); at --concurrency 1: ${r1}x"
    echo "sweep-result ours_ms=$ours_ms peer_ms=$peer ratio=$r"
else
    echo "  no peer: neither boto3 nor curl with --aws-sigv4 is available"
fi
