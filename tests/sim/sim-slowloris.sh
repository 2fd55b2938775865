#!/bin/sh
# Issue 17 item 9: the simulator against slow clients (tests/lib/slowloris.py,
# bounded: at most 600 connections for at most 12 s each case).  A request
# must be in within 10 s however its bytes trickle; one address gets at
# most 64 connections; when connections pile up the oldest unfinished are
# cut after 1 s; a well-behaved client on 127.0.0.1 is answered throughout,
# and what is logged about it is rate-limited.  Before: 600 slow
# connections locked every other client out, a byte every few seconds kept
# a connection forever, and 10,000 connections logged 9,580 lines.
. "$top_srcdir/tests/lib/lib.sh"
command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 needed"
ulimit -n 4096 2>/dev/null || true
[ "$(ulimit -n)" -ge 1400 ] 2>/dev/null || tap_skip_all "needs 1400 file descriptors (ulimit -n)"

sim_start || tap_skip_all "simulator did not start"
SIMLOG=$_log
py() { timeout 60 python3 "$top_srcdir/tests/lib/slowloris.py" "$SIM_URL" "$@"; }

out=$(py drip 14)
diag "drip: $out"
case $out in
    "cut after "*) t=${out#cut after }; t=${t%% *}; t=${t%.*}
        check "a byte every 0.5 s does not extend the deadline (cut after ${t} s)" \
            test "$t" -ge 9 -a "$t" -le 12 ;;
    *) fail "a byte every 0.5 s does not extend the deadline ($out)" ;;
esac

lines0=$(wc -l <"$SIMLOG")
out=$(py flood 600 12)
diag "600 slow connections from 20 addresses: $out"
set -- $out
check "flood: the well-behaved client is answered ($2 answers)" test "$2" -ge 20
check "flood: never refused ($4 refused)" test "$4" = 0
check "flood: within 2 s each (slowest $6 ms)" test "$6" -le 2000

out=$(py oneip 600 8)
diag "600 slow connections from one address: $out"
set -- $out
check "one address: the well-behaved client is answered ($2)" test "$2" -ge 10
check "one address: never refused ($4 refused)" test "$4" = 0
lines=$(( $(wc -l <"$SIMLOG") - lines0 ))
diag "log lines during both floods: $lines"
n_good=$(grep -c 'ListInferenceRecommendationsJobs' "$SIMLOG")
other=$(( lines - n_good ))
check "the limits' log lines are rate-limited ($other lines besides the requests)" test "$other" -le 120
kill -0 "$SIM_PID" && ok "the simulator is still up" || fail "the simulator is still up"
tap_done
