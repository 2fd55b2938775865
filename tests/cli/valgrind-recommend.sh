#!/bin/sh
# The batch path under valgrind: `sagescale recommend` (every output, a
# service error, a network error, --debug), `jobs`, `job` and `--demo`,
# against the simulator.  Any memory error or leak (definite, indirect or
# possible) fails.  Skips without valgrind, and in sanitizer builds (the two
# do not mix).
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/faultlib.sh"
command -v valgrind >/dev/null 2>&1 || tap_skip_all "valgrind not installed"
if ldd "$SAGESCALE" 2>/dev/null | grep -q 'lib[at]san'; then
    tap_skip_all "sanitizer build: valgrind does not apply"
fi
sim_start --quiet || tap_skip_all "simulator did not start"
JOB=churn-xgboost-default REC=churn-xgboost-default/7c3e1a90

# vg NAME EXPECTED_RC ARGS...: one run under valgrind.
vg() {
    _name=$1 _want=$2; shift 2
    # shellcheck disable=SC2086
    env ${VG_ENV:-} timeout 120 valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
        --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
        --log-file="$TEST_TMP/vg.log" "$SAGESCALE" "$@" >"$TEST_TMP/vg.out" 2>"$TEST_TMP/vg.err"
    _rc=$?
    if [ $_rc -eq "$_want" ] && [ ! -s "$TEST_TMP/vg.log" ]; then
        ok "valgrind: $_name: exit $_want, no error, no leak"
    else
        fail "valgrind: $_name: exit $_want, no error, no leak (got $_rc)"
        head -60 "$TEST_TMP/vg.log" | sed 's/^/#   /'
        tail -5 "$TEST_TMP/vg.err" | sed 's/^/#   /'
    fi
}

for fmt in json table text; do
    vg "recommend --output $fmt" 0 recommend --job $JOB --recommendation-id $REC --output $fmt
done
vg "recommend --debug, every option" 0 recommend --job $JOB --recommendation-id $REC \
    --cpu 70 --min-invocations 10 --max-invocations 5000 --debug
vg "recommend, service error (unknown recommendation)" 1 recommend --job $JOB \
    --recommendation-id "$JOB/nope"
vg "recommend, validation error" 2 recommend --job $JOB --recommendation-id $REC --cpu 101
port=$(closed_port)
AWS_MAX_ATTEMPTS=2 vg "recommend, network error with a retry" 3 recommend --job $JOB \
    --recommendation-id $REC --endpoint-url "http://127.0.0.1:$port"
VG_ENV="-u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY" \
    vg "recommend, no credentials" 3 recommend --job $JOB --recommendation-id $REC
VG_ENV=
vg "jobs" 0 jobs
vg "job" 0 job $JOB --output table
vg "recommend --demo (in-process simulator)" 0 recommend --demo --job $JOB --recommendation-id $REC
tap_done
