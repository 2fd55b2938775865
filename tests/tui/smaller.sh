#!/bin/sh
# Issue 17 item 10, the smaller defects: the simulator's secret from a
# file or the environment (not in ps); SIGHUP keeps a sweep's partial
# results as INT and TERM do; an aborted transfer is not shown as
# "Network error / HTTP 200"; the unknown-option message of the terminal
# interface names "sagescale --help", not the program's path.  (The
# invisible format characters are tests/unit/unit-sanitize's.)
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"
cd "$TEST_TMP" || exit 1
JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
IN="--job $JOB --recommendation-id $REC --min-invocations 100 --max-invocations 6000"
SECRET=harden-file-secret-$$

# cmdline_has PID TEXT: whether /proc/PID/cmdline holds TEXT.
cmdline_has() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"; }

# --- the simulator's secret ---------------------------------------------------
printf '%s\n' "$SECRET" >secret
sim_start --quiet --secret-key-file "$TEST_TMP/secret" || fail "sim --secret-key-file starts"
AWS_SECRET_ACCESS_KEY=$SECRET "$SAGESCALE" jobs --endpoint-url "$SIM_URL" >out 2>err; rc=$?
check "--secret-key-file: a request signed with the file's secret is accepted ($rc)" test "$rc" = 0
"$SAGESCALE" jobs --endpoint-url "$SIM_URL" >out 2>err; rc=$?
check "--secret-key-file: the demo secret is refused ($rc)" test "$rc" = 1
if cmdline_has "$SIM_PID" "$SECRET"; then fail "--secret-key-file: not on the command line"
else ok "--secret-key-file: not on the command line"; fi
sim_stop "$SIM_PID"

SAGESCALE_SIM_SECRET_KEY=$SECRET sim_start --quiet || fail "sim with SAGESCALE_SIM_SECRET_KEY starts"
AWS_SECRET_ACCESS_KEY=$SECRET "$SAGESCALE" jobs --endpoint-url "$SIM_URL" >out 2>err; rc=$?
check "SAGESCALE_SIM_SECRET_KEY: accepted ($rc)" test "$rc" = 0
sim_stop "$SIM_PID"
"$SAGESCALE" sim --port 0 --secret-key-file "$TEST_TMP/none" >out 2>err; rc=$?
check "--secret-key-file: a missing file is a usage error ($rc)" test "$rc" = 2
contains "--secret-key-file: the message names the file" err "$TEST_TMP/none"

# --- SIGHUP keeps a sweep's partial results -------------------------------------
sim_start --quiet --fault-latency 300 || fail "simulator with latency"
"$SAGESCALE" sweep --cpu 1:100:1 $IN --concurrency 2 --output csv >sweep.out 2>sweep.err &
pid=$!
sleep 1.5
kill -HUP $pid
timeout 10 sh -c "while kill -0 $pid 2>/dev/null; do sleep 0.1; done"
wait $pid; rc=$?
check "SIGHUP: the sweep ends with 129 ($rc)" test "$rc" = 129
check "SIGHUP: all 100 rows printed" test "$(wc -l <sweep.out)" -eq 101
check "SIGHUP: the points done are kept" test "$(grep -c ',ok,' sweep.out)" -ge 2
sim_stop "$SIM_PID"

# --- an aborted transfer --------------------------------------------------------
sim_start --quiet --fault-truncate 50 || fail "simulator truncating"
tui_start 100 40 AWS_MAX_ATTEMPTS=1 -- --endpoint-url "$SIM_URL" $IN --run
see "truncated answer: a network error" "Network error" 15
tui_capture
if grep -q "HTTP 200" "$TUI_SCREEN"; then
    fail "truncated answer: not shown as HTTP 200"; sed 's/^/#   /' "$TUI_SCREEN"
else
    ok "truncated answer: not shown as HTTP 200"
fi
tui_keys F10
see "quits" "EXIT=0"
sim_stop "$SIM_PID"

# --- the unknown-option message ------------------------------------------------
"$SAGESCALE" --bogus-flag >out 2>err; rc=$?
check "unknown option: usage error ($rc)" test "$rc" = 2
contains "unknown option: names sagescale --help" err "(see sagescale --help)"
lacks "unknown option: not the program's path" err "$SAGESCALE"
"$SAGESCALE" jobs --bogus-flag >out 2>err
contains "unknown option of a command: names the command's help" err "(see sagescale jobs --help)"
tap_done
