#!/bin/bash
# bench/tui-whatif.sh: a what-if key to its new answer painted (goal: p99 at
# most 5 ms), against the local simulator (`sagescale sim`, loopback): the
# key, the request on the worker, the answer parsed, every pane redrawn and
# doupdate, timed inside the program (--bench-keys, TIMED) over 100 keys
# (+ and - in turn) at 80x24.  Peer: the same question asked with the AWS
# CLI (`aws sagemaker get-scaling-configuration-recommendation`), the whole
# command, against the same simulator.
#   SAGESCALE=./sagescale top_srcdir=. bash bench/tui-whatif.sh
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}" "${SAGESCALE:=$PWD/sagescale}"
export top_srcdir SAGESCALE
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"

JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
sim_start --quiet || { echo "simulator did not start"; exit 1; }
keys=$TEST_TMP/keys
{
    echo F6
    for i in $(seq 50); do echo "TIMED +"; echo "TIMED -"; done
} >"$keys"
tui_start 80 24 -- --endpoint-url "$SIM_URL" --no-history --job "$JOB" --recommendation-id "$REC" \
    --cpu 50 --run --bench-keys "$keys"
tui_wait "EXIT=" 120 || { echo "the key replay did not finish"; exit 1; }
tui_stop
# The TIMED lines, one block per key: gather every key's time.
awk '$1 == "timed_max_ms" { print $2 }' "$keys.out" | sort -n >"$TEST_TMP/all"
n=$(wc -l <"$TEST_TMP/all" | tr -d ' ')
p99=$(awk -v n="$n" '{ a[NR] = $1 } END { i = int((n - 1) * 0.99) + 1; print a[i] }' "$TEST_TMP/all")
med=$(awk -v n="$n" '{ a[NR] = $1 } END { print a[int((n + 1) / 2)] }' "$TEST_TMP/all")
max=$(tail -1 "$TEST_TMP/all")

peer=-
if command -v aws >/dev/null 2>&1; then
    best=
    for i in 1 2 3 4 5; do
        s=$(date +%s%N)
        aws sagemaker get-scaling-configuration-recommendation --region us-east-1 --endpoint-url "$SIM_URL" \
            --inference-recommendations-job-name "$JOB" --recommendation-id "$REC" \
            --scaling-policy-objective MinInvocationsPerMinute=100,MaxInvocationsPerMinute=1000 \
            --target-cpu-utilization-per-core 51 >/dev/null 2>"$TEST_TMP/aws.err" || { best=; break; }
        e=$(( ($(date +%s%N) - s) / 1000 ))
        if [ -z "$best" ] || [ "$e" -lt "$best" ]; then best=$e; fi
    done
    [ -z "$best" ] && echo "raw: the AWS CLI failed: $(head -c 300 "$TEST_TMP/aws.err")"
    [ -n "$best" ] && peer=$(awk -v u="$best" 'BEGIN { printf "%.1f", u / 1000 }')
fi
ratio=$(awk -v a="$p99" -v b="$peer" 'BEGIN { if (b == "-" || b + 0 == 0) print "-"; else printf "%.4f", a / b }')
echo "figure|ours|peer|ratio|goal|met?"
echo "what-if key to its new answer painted, p99 of $n (ms, local simulator, 80x24)|$p99|$peer (aws CLI, one call, best of 5)|$ratio|<= 5|$(awk -v a="$p99" 'BEGIN{print (a+0 <= 5) ? "yes" : "no"}')"
echo "raw: median $med ms, max $max ms over $n keys"
