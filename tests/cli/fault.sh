#!/bin/sh
# Fault matrix, batch side: `sagescale recommend` against loopback servers
# that misbehave (tests/lib/faultsrv.py) and against the simulator's fault flags.
# For each fault: the exit code, one clear message on stderr, nothing on
# stdout, no raw control character, and a bounded time.  The README's table
# "Faults and what you see" lists the same rows.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/faultlib.sh"
command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 not installed"
demo_creds

# rec NAME EXPECTED_RC MAX_SECONDS MESSAGE URL [flags...]: one row.
rec() {
    name=$1 want=$2 max=$3 msg=$4 url=$5; shift 5
    t0=$(date +%s)
    case " $* " in *" --job "*) ;; *) set -- --job job-1 --recommendation-id r-1 "$@" ;; esac
    timeout 60 "$SAGESCALE" recommend --endpoint-url "$url" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
    rc=$? secs=$(( $(date +%s) - t0 ))
    if [ "$rc" -eq "$want" ]; then ok "$name: exit $want"
    else fail "$name: exit $want (got $rc)"; sed 's/^/#   /' "$TEST_TMP/err"; fi
    if [ "$secs" -le "$max" ]; then ok "$name: within ${max}s"
    else fail "$name: within ${max}s (took ${secs}s)"; fi
    if [ -n "$msg" ]; then
        if grep -qi -- "$msg" "$TEST_TMP/err"; then ok "$name: says \"$msg\""
        else fail "$name: says \"$msg\""; sed 's/^/#   /' "$TEST_TMP/err"; fi
    fi
    if [ "$want" -ne 0 ]; then
        check "$name: nothing on stdout" test ! -s "$TEST_TMP/out"
        check "$name: one message on stderr" test "$(wc -l <"$TEST_TMP/err")" -ge 1
    fi
    if has_raw_controls "$TEST_TMP/err" || has_raw_controls "$TEST_TMP/out"; then
        fail "$name: no raw control characters"
    else
        ok "$name: no raw control characters"
    fi
}

# Network faults (loopback tricks).  AWS_MAX_ATTEMPTS=1 keeps them short;
# one row checks that retries stay bounded too.
port=$(closed_port)
AWS_MAX_ATTEMPTS=1 rec "closed port" 3 5 "could not connect" "http://127.0.0.1:$port"

fault_start hang
AWS_MAX_ATTEMPTS=1 rec "server never answers (--timeout 1)" 3 5 "within" "$FAULT_URL" --timeout 1
AWS_MAX_ATTEMPTS=3 rec "server never answers, 3 attempts" 3 12 "within" "$FAULT_URL" --timeout 1
sim_stop "$FAULT_PID"

fault_start reset
AWS_MAX_ATTEMPTS=1 rec "connection reset" 3 5 "reset" "$FAULT_URL"
sim_stop "$FAULT_PID"

fault_start close
AWS_MAX_ATTEMPTS=1 rec "closed without an answer" 3 5 "failed" "$FAULT_URL"
sim_stop "$FAULT_PID"

fault_start garbage
AWS_MAX_ATTEMPTS=1 rec "answer that is not HTTP" 3 5 "" "$FAULT_URL"
sim_stop "$FAULT_PID"

fault_start drip 50
AWS_MAX_ATTEMPTS=1 rec "slow drip past --timeout" 3 5 "within" "$FAULT_URL" --timeout 1
sim_stop "$FAULT_PID"

fault_start drip 2
AWS_MAX_ATTEMPTS=1 rec "slow drip within --timeout" 0 15 "" "$FAULT_URL" --timeout 12 --output json
contains "slow drip within --timeout: the whole answer" "$TEST_TMP/out" '"MaxCapacity": 5'
sim_stop "$FAULT_PID"

# The simulator's fault flags (3 attempts, the default).
JOB=churn-xgboost-default REC=churn-xgboost-default/7c3e1a90
# simrow NAME "SIM FLAGS" EXPECTED_RC MAX_SECONDS MESSAGE [recommend flags...]
simrow() {
    _name=$1 _flags=$2 _want=$3 _max=$4 _msg=$5; shift 5
    # shellcheck disable=SC2086
    if ! sim_start --quiet $_flags; then fail "$_name: simulator started"; return; fi
    # sim_start sets the demo credentials: a row may then spoil them.
    [ -n "${ROW_SECRET:-}" ] && AWS_SECRET_ACCESS_KEY=$ROW_SECRET
    [ -n "${ROW_KEY:-}" ] && AWS_ACCESS_KEY_ID=$ROW_KEY
    rec "$_name" "$_want" "$_max" "$_msg" "$SIM_URL" --job "$JOB" --recommendation-id "$REC" "$@"
    sim_stop "$SIM_PID"
    unset ROW_SECRET ROW_KEY
}
unset AWS_MAX_ATTEMPTS
simrow "throttled twice, then answered" "--fault-throttle 2" 0 5 "" --output text
simrow "throttled past the retries" "--fault-throttle 5" 1 5 "ThrottlingException"
simrow "HTTP 500 once, then answered" "--fault-500 1" 0 5 ""
simrow "HTTP 500 every time" "--fault-500 5" 1 5 "InternalFailure"
simrow "HTTP 503 every time" "--fault-503 5" 1 5 "ServiceUnavailable"
simrow "truncated body" "--fault-truncate 5" 3 5 "failed"
simrow "200 with an HTML body" "--fault-non-json 5" 1 5 "not a JSON object"
simrow "16 MiB body" "--fault-oversized 5" 3 10 "larger than"
simrow "connection dropped" "--fault-drop 5" 3 5 "failed"
simrow "slow server past --timeout" "--fault-latency 3000" 3 12 "within" --timeout 1
simrow "slow server within --timeout" "--fault-latency 300" 0 5 "" --timeout 5
simrow "server clock 15 minutes ahead" "--clock-skew 900" 1 5 "Signature expired"
ROW_SECRET=wrong-secret simrow "wrong secret key" "" 1 5 "InvalidSignatureException"
ROW_KEY=AKIDUNKNOWN simrow "unknown access key" "" 1 5 "UnrecognizedClientException"
REC=churn-xgboost-default/nope simrow "unknown recommendation" "" 1 5 "ResourceNotFound"
simrow "invalid input (nothing sent)" "" 2 5 "" --cpu 101
demo_creds

tap_done
