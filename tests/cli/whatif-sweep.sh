#!/bin/sh
# `sagescale sweep` against the simulator: every output format, invalid
# ranges, injected failures (kept in CPU order with their error), throttling
# honoured, --concurrency, interruption.
. "$top_srcdir/tests/lib/lib.sh"

JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
IN="--job $JOB --recommendation-id $REC --min-invocations 100 --max-invocations 6000"
OUT=$TEST_TMP/out
ERR=$TEST_TMP/err
have_py=false
command -v python3 >/dev/null 2>&1 && have_py=true

# pyjson FILE EXPR: evaluates a Python expression over the JSON in FILE (as d).
pyjson() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

sweep() { timeout 30 "$SAGESCALE" sweep "$@" >"$OUT" 2>"$ERR"; }

# --- invalid input: rejected with a message naming it, nothing sent --------
AWS_ACCESS_KEY_ID=AKIDSAGESCALEDEMO; AWS_SECRET_ACCESS_KEY=x; AWS_REGION=us-east-1
AWS_ENDPOINT_URL=http://127.0.0.1:9
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_REGION AWS_ENDPOINT_URL
bad() {
    d=$1; range=$2; want=$3
    sweep --cpu "$range" $IN; rc=$?
    if [ $rc -eq 2 ] && grep -qF -- "$want" "$ERR" && [ ! -s "$OUT" ]; then ok "$d"
    else fail "$d"; diag "rc=$rc"; sed 's/^/#   /' "$ERR"; fi
}
bad "FROM > TO rejected" 90:10:10 'FROM (90) is greater than TO (10)'
bad "STEP 0 rejected" 10:100:0 'STEP (0) must be at least 1'
bad "negative STEP rejected" 10:100:-10 'STEP (-10) must be at least 1'
bad "FROM below 1 rejected" 0:50:10 'FROM (0) is outside the CPU target range 1-100'
bad "TO above 100 rejected" 10:101:10 'TO (101) is outside the CPU target range 1-100'
bad "two parts rejected" 10:100 'expected FROM:TO:STEP'
bad "not a number rejected" x:100:10 'FROM "x" is not a whole number'
sweep --cpu 10:20:5 $IN --concurrency 0; rc=$?
if [ $rc -eq 2 ] && grep -qF -- '--concurrency' "$ERR"; then ok "--concurrency 0 rejected"; else fail "--concurrency 0 rejected"; fi
sweep --cpu 10:20:5 $IN --concurrency 17; rc=$?
check "--concurrency 17 rejected" [ $rc -eq 2 ]
sweep --cpu 10:20:5 $IN --output xml; rc=$?
if [ $rc -eq 2 ] && grep -qF 'json, table, csv' "$ERR"; then ok "--output xml rejected"; else fail "--output xml rejected"; fi
sweep --cpu 10:20:5 --job $JOB; rc=$?
check "missing recommendation id / endpoint rejected" [ $rc -eq 2 ]

# --- no server: every point fails with a network error, all kept ----------
sweep --cpu 10:50:10 $IN --connect-timeout 2; rc=$?
check "unreachable endpoint: exit 3" [ $rc -eq 3 ]
if $have_py; then
    n=$(pyjson "$OUT" "len(d)" 2>/dev/null)
    e=$(pyjson "$OUT" "sum(1 for x in d if x['Error']['Kind']=='network')" 2>/dev/null)
    check "unreachable endpoint: 5 error objects" [ "$n" = 5 ] && [ "$e" = 5 ]
else skip "python3 missing"; fi

# --- a working simulator ---------------------------------------------------
sim_start --quiet || { fail "simulator started"; tap_done; }

sweep --cpu 10:100:10 $IN; rc=$?
check "json: exit 0" [ $rc -eq 0 ]
if $have_py; then
    check "json: an array of 10 responses" [ "$(pyjson "$OUT" "len(d)")" = 10 ]
    check "json: in CPU order, as sent" \
        [ "$(pyjson "$OUT" "[x['TargetCpuUtilizationPerCore'] for x in d]")" = "[10, 20, 30, 40, 50, 60, 70, 80, 90, 100]" ]
    check "json: the API's own fields" \
        [ "$(pyjson "$OUT" "all('Metric' in x and 'DynamicScalingConfiguration' in x for x in d)")" = True ]
    check "json: InvocationsPerInstance grows with the CPU target" \
        [ "$(pyjson "$OUT" "(lambda v: v == sorted(v) and v[0] < v[-1])([x['Metric']['InvocationsPerInstance'] for x in d])")" = True ]
else skip "python3 missing"; skip "python3 missing"; skip "python3 missing"; skip "python3 missing"; fi

sweep --cpu=10:100:10 $IN --output table; rc=$?
check "table: exit 0" [ $rc -eq 0 ]
contains "table: heading" "$OUT" "Inv/instance"
check "table: heading and 10 rows" [ "$(wc -l <"$OUT")" -eq 11 ]
check "table: every row ok" [ "$(grep -c ' ok$' "$OUT")" -eq 10 ]
check "table: rows in CPU order" [ "$(awk 'NR>1{printf "%s ", $1}' "$OUT")" = "10 20 30 40 50 60 70 80 90 100 " ]

sweep --cpu 10:100:10 $IN --output table --chart --ascii; rc=$?
contains "table --chart: legend" "$OUT" "m MinCapacity  M MaxCapacity"
contains "table --chart: InvocationsPerInstance panel" "$OUT" "* InvocationsPerInstance"
contains "table --chart: CPU labels" "$OUT" "10"

sweep --target-cpu-utilization-per-core 20:40:10 $IN --output csv; rc=$?
check "csv: exit 0" [ $rc -eq 0 ]
check "csv: header and 3 rows" [ "$(wc -l <"$OUT")" -eq 4 ]
contains "csv: header" "$OUT" "TargetCpuUtilizationPerCore,InvocationsPerInstance,ModelLatency,MinCapacity,MaxCapacity"
check "csv: rows start with the CPU" [ "$(cut -d, -f1 "$OUT" | tail -n +2 | tr '\n' ' ')" = "20 30 40 " ]
check "csv: CRLF line ends (RFC 4180)" grep -q "$(printf '\r')\$" "$OUT"

sweep --cpu 50:50:1 $IN --output csv
check "a one-point range" [ "$(wc -l <"$OUT")" -eq 2 ]

# Default range (10:100:10) when --cpu is not given.
sweep $IN --output csv
check "default range 10:100:10" [ "$(wc -l <"$OUT")" -eq 11 ]

# --concurrency: with 150 ms per answer, 8 points at 4 wide beat 1 wide.
sim_stop "$SIM_PID"
sim_start --quiet --fault-latency 150 || fail "simulator with latency"
t0=$(date +%s%N); sweep --cpu 10:80:10 $IN --concurrency 1; t1=$(date +%s%N)
sweep --cpu 10:80:10 $IN --concurrency 4; rc=$?; t2=$(date +%s%N)
one=$(( (t1 - t0) / 1000000 )); four=$(( (t2 - t1) / 1000000 ))
diag "8 points at 150 ms: --concurrency 1 ${one} ms, --concurrency 4 ${four} ms"
check "--concurrency 1 runs one at a time (>= 1200 ms)" [ "$one" -ge 1200 ]
check "--concurrency 4 at least twice as fast" [ $((four * 2)) -le "$one" ]
check "--concurrency 4: exit 0" [ $rc -eq 0 ]
sim_stop "$SIM_PID"

# --- injected failures: the first 3 requests answer 500 -------------------
sim_start --quiet --fault-500 3 || fail "simulator with faults"
AWS_MAX_ATTEMPTS=1 sweep --cpu 10:100:10 $IN --concurrency 1; rc=$?
check "500s: exit 1 (service error)" [ $rc -eq 1 ]
if $have_py; then
    check "500s: still 10 entries in CPU order" \
        [ "$(pyjson "$OUT" "[x['TargetCpuUtilizationPerCore'] for x in d]")" = "[10, 20, 30, 40, 50, 60, 70, 80, 90, 100]" ]
    check "500s: the 3 failed points carry their error" \
        [ "$(pyjson "$OUT" "[x['Error']['Code'] for x in d if 'Error' in x]")" = "['InternalFailure', 'InternalFailure', 'InternalFailure']" ]
    check "500s: the failed ones are the first three" \
        [ "$(pyjson "$OUT" "[i for i,x in enumerate(d) if 'Error' in x]")" = "[0, 1, 2]" ]
    check "500s: the rest are kept" [ "$(pyjson "$OUT" "sum(1 for x in d if 'Metric' in x)")" = 7 ]
    check "500s: HTTP status in the error" [ "$(pyjson "$OUT" "d[0]['Error']['HTTPStatusCode']")" = 500 ]
else for i in 1 2 3 4 5; do skip "python3 missing"; done; fi
sim_stop "$SIM_PID"

sim_start --quiet --fault-503 2 || fail "simulator with faults"
AWS_MAX_ATTEMPTS=1 sweep --cpu 10:50:10 $IN --concurrency 1 --output table; rc=$?
check "table: failed points marked" [ "$(grep -c 'FAILED ServiceUnavailable' "$OUT")" -eq 2 ]
check "table: the rest kept" [ "$(grep -c ' ok$' "$OUT")" -eq 3 ]
sim_stop "$SIM_PID"

# --- throttling is retried (and the pool slows down): all points answered --
sim_start --quiet --fault-throttle 6 || fail "simulator throttling"
AWS_MAX_ATTEMPTS=5 sweep --cpu 10:100:10 $IN --concurrency 4 --output csv --progress; rc=$?
check "throttled: every point answered after retries" [ $rc -eq 0 ] && [ "$(grep -c ',ok,' "$OUT")" -eq 10 ]
# The pool halved its width when pushed back and had not climbed back to 4.
width=$(tr '\r' '\n' <"$ERR" | sed -n 's/.* \([0-9]*\) in flight at most.*/\1/p' | tail -1)
diag "pool width at the end: ${width:-?}"
check "throttled: the pool backed off (width ${width:-?} < 4)" [ -n "$width" ] && [ "$width" -lt 4 ]
sim_stop "$SIM_PID"

# --- interrupted: Ctrl-C cancels, what is done is printed ------------------
sim_start --quiet --fault-latency 300 || fail "simulator with latency"
"$SAGESCALE" sweep --cpu 1:100:1 $IN --concurrency 2 --output csv >"$OUT" 2>"$ERR" &
pid=$!
sleep 1
kill -INT $pid
t0=$(date +%s)
timeout 10 sh -c "while kill -0 $pid 2>/dev/null; do sleep 0.1; done"
wait $pid; rc=$?
check "SIGINT: exit 130" [ $rc -eq 130 ]
check "SIGINT: stops at once" [ $(( $(date +%s) - t0 )) -le 3 ]
check "SIGINT: all 100 rows printed" [ "$(wc -l <"$OUT")" -eq 101 ]
check "SIGINT: some points answered" [ "$(grep -c ',ok,' "$OUT")" -ge 2 ]
check "SIGINT: the rest marked cancelled" [ "$(grep -c ',cancelled,' "$OUT")" -ge 50 ]
contains "SIGINT: says so" "$ERR" "interrupted"
sim_stop "$SIM_PID"

tap_done
