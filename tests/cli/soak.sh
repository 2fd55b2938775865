#!/bin/sh
# Soak (issue 17): the terminal interface in tmux rerunning every second
# against the simulator behind tests/lib/soakproxy.py (random drops, 500s,
# throttling, latency), signing with container credentials that expire
# every minute (tests/lib/credsrv.py issues them and, in front of the
# simulator, refuses any request signed with an expired or unknown token),
# while tests/lib/slowloris.py keeps slow hostile clients on the simulator
# itself and a well-behaved client beside them.  Checked: the interface's
# RSS and open file descriptors flat within 5% (the second quarter of the
# run against the last), every completed run in History, no request signed
# with stale credentials and the credentials refreshed, no secret on
# stderr, the terminal restored at the end, the well-behaved client never
# refused.  Short by default (SAGESCALE_SOAK_SECONDS, 20); the long
# mode is SAGESCALE_SOAK_SECONDS=1800.  The credentials live 60 s in the
# long mode, a quarter of the run (at least 3 s) in a shorter one
# (SAGESCALE_SOAK_CRED_LIFETIME overrides).  Figures go to the log (diag) and to
# $SAGESCALE_SOAK_REPORT when set.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"
command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 needed"
ulimit -n 4096 2>/dev/null || true

SECS=${SAGESCALE_SOAK_SECONDS:-20}
JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
HIST=$XDG_STATE_HOME/sagescale/history.jsonl
sim_start --quiet || tap_skip_all "simulator did not start"
LIFETIME=${SAGESCALE_SOAK_CRED_LIFETIME:-$(( SECS / 4 < 3 ? 3 : (SECS / 4 > 60 ? 60 : SECS / 4) ))}

# The credentials: the container provider's endpoint and the checking
# front, which forwards what it accepts to the simulator.
pf=$TEST_TMP/credsrv.port; CRED_LOG=$TEST_TMP/credsrv.log
python3 "$top_srcdir/tests/lib/credsrv.py" --port-file "$pf" --log "$CRED_LOG" --upstream "$SIM_URL" \
    --lifetime "$LIFETIME" --max-seconds $((SECS + 300)) >"$TEST_TMP/credsrv.out" 2>&1 &
SIM_PIDS="$SIM_PIDS $!"
i=0; while [ ! -s "$pf" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ -s "$pf" ] || tap_skip_all "credsrv.py does not start"
CRED_URL=http://127.0.0.1:$(cat "$pf")
cred_stat() { curl -s --noproxy '*' "$CRED_URL/stats" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN

SOAKPROXY_STATS=$TEST_TMP/proxy.stats; export SOAKPROXY_STATS
python3 "$top_srcdir/tests/lib/soakproxy.py" "$CRED_URL" 17 >"$TEST_TMP/proxy.out" 2>&1 &
PROXY_PID=$!
SIM_PIDS="$SIM_PIDS $PROXY_PID"
i=0; PROXY=
while [ $i -lt 100 ] && [ -z "$PROXY" ]; do
    PROXY=$(sed -n 's/^soakproxy listening on //p' "$TEST_TMP/proxy.out"); sleep 0.05; i=$((i + 1))
done
[ -n "$PROXY" ] || { fail "soakproxy started"; tap_done; }

# The mixed load on the simulator: 200 slow hostile connections from
# 127.0.0.2-21, clients sending garbage, a never-ending header or hanging up
# at once (127.0.0.22-24), and two well-behaved clients on 127.0.0.1 whose
# requests botocore signs (each must be answered 200), for the whole soak.
timeout $((SECS + 60)) python3 "$top_srcdir/tests/lib/slowloris.py" "$SIM_URL" mixed 200 2 "$SECS" \
    >"$TEST_TMP/mixed.out" 2>&1 &
MIXED_PID=$!

records() { [ -f "$HIST" ] && tail -n +2 "$HIST" | grep -c '"id"' || echo 0; }
sample() {	# sample PID: "RSS_KiB FDS" (FDS "-" when /proc/PID/fd is not readable)
    _r=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status" 2>/dev/null)
    _f=$(ls "/proc/$1/fd" 2>/dev/null | wc -l)
    [ "$_f" -gt 0 ] || _f=-
    echo "${_r:-0} $_f"
}

tui_start 100 40 AWS_EC2_METADATA_DISABLED=true \
    AWS_CONTAINER_CREDENTIALS_FULL_URI="$CRED_URL/container/soak" -- --endpoint-url "$PROXY" --job "$JOB" --recommendation-id "$REC" --run
see "the interface runs" "Summary"
tui_wait_gone "Running" 30
pid=$(tui_pid)
# After --run the keys are on the answer already: + and - rerun from there.
before=$(records)
runs=0; stuck=0
: >"$TEST_TMP/samples"
start=$(tui_now_ms)
end=$((start + SECS * 1000))
key=+
while [ "$(tui_now_ms)" -lt "$end" ]; do
    t0=$(tui_now_ms)
    tui_keys "$key"
    if [ "$key" = + ]; then key=-; else key=+; fi
    # The rerun is done when the spinner is gone (retries and backoff included).
    sleep 0.1
    if tui_wait_gone "Running" 30; then runs=$((runs + 1)); else stuck=$((stuck + 1)); fi
    sample "$pid" >>"$TEST_TMP/samples"
    left=$(( 1000 - ($(tui_now_ms) - t0) ))
    [ $left -gt 0 ] && sleep "$(awk "BEGIN{print $left/1000}")"
done
sleep 0.5
after=$(records)
tui_keys F10
see "the terminal is restored at the end" "EXIT=0 TTY=same" 10
wait $MIXED_PID; mixed=$(tail -1 "$TEST_TMP/mixed.out")
case $mixed in *" signed") ;; *) diag "the well-behaved requests were not signed (no botocore): any answer counts" ;; esac
kill -TERM $PROXY_PID 2>/dev/null; sleep 0.3

# median COLUMN FROM TO: the median of COLUMN over sample lines FROM..TO.
median() {
    sed -n "$2,$3p" "$TEST_TMP/samples" | awk -v c="$1" '{ print $c }' | sort -n |
        awk '{ v[NR] = $1 } END { print (NR ? v[int((NR + 1) / 2)] : 0) }'
}
# flat COLUMN: "BASE LAST PERCENT", the second quarter's median against
# the last quarter's.
flat() {
    _n=$(wc -l <"$TEST_TMP/samples")
    if [ "$_n" -lt 8 ]; then echo "0 0 0"; return; fi
    _q=$((_n / 4))
    _b=$(median "$1" $((_q + 1)) $((2 * _q)))
    _l=$(median "$1" $((_n - _q + 1)) "$_n")
    awk -v b="$_b" -v l="$_l" 'BEGIN { printf "%d %d %.1f\n", b, l, (b > 0 ? (l - b) * 100.0 / b : 0) }'
}
set -- $(flat 1); rss_base=$1 rss_last=$2 rss_pct=$3
fds=$(awk '{print $2}' "$TEST_TMP/samples" | sort -u | tr '\n' ' ')
issued=$(cred_stat issued); refused=$(cred_stat refused); lost=$(cred_stat upstream_errors)
report="soak ${SECS}s: $runs reruns done ($stuck stuck), History +$((after - before)); credentials of ${LIFETIME}s: $issued issued, $refused requests refused as stale, $lost lost on the way to the simulator; RSS ${rss_base} -> ${rss_last} KiB (${rss_pct}%); fds seen: $fds; faults: $(cat "$TEST_TMP/proxy.stats" 2>/dev/null); mixed load: $mixed"
diag "$report"
[ -n "${SAGESCALE_SOAK_REPORT:-}" ] && echo "$report" >>"$SAGESCALE_SOAK_REPORT"

check "reruns completed ($runs, $stuck stuck)" test "$runs" -ge $((SECS / 3)) -a "$stuck" = 0
fault_n() { sed -n "s/.*\\b$1=\\([0-9]*\\).*/\\1/p" "$TEST_TMP/proxy.stats" 2>/dev/null; }
faults="$(fault_n drop) $(fault_n 500) $(fault_n throttle) $(fault_n late)"
check "faults were injected (drop 500 throttle late: $faults)" test "$faults" != "   " -a "$faults" != "0 0 0 0"
# The history keeps the last 500 runs (HISTORY_MAX_RUNS): past that, full.
want=$((before + runs)); [ "$want" -gt 500 ] && want=500
check "every completed run is in History ($after records, want $want: $runs runs)" test "$after" = "$want"
if ldd "$SAGESCALE" 2>/dev/null | grep -q 'lib[at]san'; then
    # AddressSanitizer's quarantine holds freed memory (up to 256 MiB):
    # RSS measures the sanitizer then, not the program (LeakSanitizer
    # checks leaks at exit instead).
    skip "RSS flat: sanitizer build (${rss_base} -> ${rss_last} KiB)"
else
    check "RSS flat within 5% (${rss_base} -> ${rss_last} KiB, ${rss_pct}%)" \
        awk "BEGIN{ p = $rss_pct; exit !(p <= 5 && p >= -5 && $rss_base > 0) }"
fi
case $fds in
    -*) skip "open file descriptors: /proc/PID/fd not readable (not root; the process is not dumpable)" ;;
    *) set -- $(flat 2)
       check "open file descriptors flat within 5% ($1 -> $2, seen: $fds)" \
           awk "BEGIN{ p = $3; exit !(p <= 5 && p >= -5 && $1 > 0) }" ;;
esac
check "no request signed with stale credentials ($refused refused by the front)" test "$refused" = 0
check "the simulator answered every request the front passed on ($lost lost)" test "$lost" = 0
# The first credentials, then at least one for each lifetime that passed.
check "the credentials were refreshed ($issued issued in ${SECS}s of ${LIFETIME}s credentials)" \
    test "$issued" -ge $((SECS / LIFETIME))
if grep -qF -e sagescale-demo-secret -e tok- "$TEST_TMP/tui.stderr" 2>/dev/null; then
    fail "no secret on stderr"; else ok "no secret on stderr"; fi
set -- $mixed
check "the simulator under mixed load answered the well-behaved client (${2:-no} answers)" test "${2:-0}" -ge 1
check "... and never refused it (${4:-?} refused)" test "${4:-1}" = 0
tap_done
