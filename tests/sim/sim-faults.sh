#!/bin/bash
# Each fault flag of `sagescale sim`, observed on the wire with curl.
. "$top_srcdir/tests/lib/lib.sh"
command -v curl >/dev/null || tap_skip_all "curl not installed"

OUT=$TEST_TMP/out HDR=$TEST_TMP/hdr
# req [curl args]: a signed ListInferenceRecommendationsJobs; prints
# "HTTP_CODE CURL_EXIT"; body in $OUT, headers in $HDR.
req() {
    : >"$OUT"; : >"$HDR"
    code=$(curl -s -o "$OUT" -D "$HDR" -w '%{http_code}' --max-time 20 \
        --aws-sigv4 "aws:amz:us-east-1:sagemaker" --user AKIDSAGESCALEDEMO:sagescale-demo-secret \
        -H 'X-Amz-Target: SageMaker.ListInferenceRecommendationsJobs' \
        -H 'Content-Type: application/x-amz-json-1.1' --data-binary '{}' "$@" "$SIM_URL/")
    echo "$code $?"
}
is() { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1"; diag "expected '$3', got '$2'"; head -c 300 "$OUT" | sed 's/^/#   /'; fi; }

sim_start --quiet --fault-throttle 2 || { fail "start"; tap_done; }
is "--fault-throttle 2: first request throttled" "$(req)" "400 0"
contains "throttled: ThrottlingException body" "$OUT" '"__type":"ThrottlingException","message":"Rate exceeded"'
contains "throttled: x-amzn-ErrorType" "$HDR" "x-amzn-ErrorType: ThrottlingException"
contains "throttled: request id" "$HDR" "x-amzn-RequestId: "
is "--fault-throttle 2: second request throttled" "$(req)" "400 0"
is "--fault-throttle 2: third request served" "$(req)" "200 0"
sim_stop "$SIM_PID"

sim_start --quiet --fault-500 1 --fault-503 1 || fail "start"
is "--fault-500 1: 500" "$(req)" "500 0"
contains "500: InternalFailure" "$OUT" '"__type":"InternalFailure"'
is "--fault-503 1: then 503" "$(req)" "503 0"
contains "503: ServiceUnavailable" "$OUT" '"__type":"ServiceUnavailable"'
is "then served" "$(req)" "200 0"
sim_stop "$SIM_PID"

sim_start --quiet --fault-latency 600 || fail "start"
t=$(curl -s -o /dev/null -w '%{time_total}' --max-time 10 --aws-sigv4 "aws:amz:us-east-1:sagemaker" \
    --user AKIDSAGESCALEDEMO:sagescale-demo-secret -H 'X-Amz-Target: SageMaker.ListInferenceRecommendationsJobs' \
    --data-binary '{}' "$SIM_URL/")
check "--fault-latency 600: the answer takes at least 0.6 s ($t s)" awk -v t="$t" 'BEGIN { exit !(t >= 0.59) }'
is "--fault-latency: still a good answer" "$(req)" "200 0"
sim_stop "$SIM_PID"

sim_start --quiet --fault-drop 1 || fail "start"
is "--fault-drop 1: connection closed without an answer (curl 52)" "$(req)" "000 52"
is "--fault-drop 1: next request served" "$(req)" "200 0"
sim_stop "$SIM_PID"

sim_start --quiet --fault-truncate 1 || fail "start"
is "--fault-truncate 1: body cut short (curl 18)" "$(req)" "200 18"
check "truncated: part of a JSON body arrived" grep -q '^{"InferenceRecommendationsJobName"' "$OUT"
lacks "truncated: the body does not end" "$OUT" '}}'
is "--fault-truncate 1: next request served" "$(req)" "200 0"
sim_stop "$SIM_PID"

sim_start --quiet --fault-non-json 1 || fail "start"
is "--fault-non-json 1: 200" "$(req)" "200 0"
contains "non-JSON: an HTML body" "$OUT" "<html>"
contains "non-JSON: text/html" "$HDR" "Content-Type: text/html"
is "--fault-non-json 1: next is JSON" "$(req)" "200 0"
contains "then JSON again" "$OUT" '"InferenceRecommendationsJobs"'
sim_stop "$SIM_PID"

sim_start --quiet --fault-oversized 2 || fail "start"
size=$(curl -s -o /dev/null -w '%{size_download}' --max-time 30 --aws-sigv4 "aws:amz:us-east-1:sagemaker" \
    --user AKIDSAGESCALEDEMO:sagescale-demo-secret -H 'X-Amz-Target: SageMaker.ListInferenceRecommendationsJobs' \
    --data-binary '{}' "$SIM_URL/")
is "--fault-oversized: a 16 MiB body" "$size" 16777216
is "--fault-oversized: a client with a 1 MB cap stops (curl 63)" "$(req --max-filesize 1000000)" "200 63"
is "--fault-oversized 2: then normal" "$(req)" "200 0"
sim_stop "$SIM_PID"

# Faults take turns in the documented order, each for its own count.
sim_start --quiet --fault-drop 1 --fault-throttle 1 --fault-503 1 || fail "start"
is "combined: drop first" "$(req)" "000 52"
is "combined: then throttle" "$(req)" "400 0"
is "combined: then 503" "$(req)" "503 0"
is "combined: then served" "$(req)" "200 0"
sim_stop "$SIM_PID"

# Many concurrent clients through faults: nothing crashes or hangs.
sim_start --quiet --fault-drop 5 --fault-truncate 5 --fault-oversized 2 || fail "start"
pids=
for i in $(seq 20); do req >/dev/null & pids="$pids $!"; done
for p in $pids; do wait "$p"; done
is "after 20 concurrent clients through faults the simulator still answers" "$(req)" "200 0"
check "the simulator process is alive" kill -0 "$SIM_PID"
sim_stop "$SIM_PID"
# Under ASan/UBSan (CI), what the simulator processes reported at exit.
if cat "$TEST_TMP"/sim.*.out 2>/dev/null | grep -qE 'Sanitizer|runtime error'; then
    fail "no sanitizer report from the simulator"; cat "$TEST_TMP"/sim.*.out | grep -A15 -E 'Sanitizer|runtime error' | head -40 | sed 's/^/#   /'
else ok "no sanitizer report from the simulator"; fi
tap_done
