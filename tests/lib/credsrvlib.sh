# tests/lib/credsrvlib.sh: start tests/lib/credsrv.py (sourced after lib.sh).
# credsrv_start [credsrv.py args]: sets CRED_URL and CRED_LOG; the server
# forwards the SageMaker front to $UPSTREAM and is stopped with the
# simulator (SIM_PIDS).  With --ipv6, CRED_URL is http://[::1]:PORT.
credsrv_start() {
    n=$TAP_N.$$.$(date +%s%N)
    CRED_LOG=$TEST_TMP/credsrv.$n.log; : >"$CRED_LOG"
    pf=$TEST_TMP/credsrv.$n.port
    python3 "$top_srcdir/tests/lib/credsrv.py" --port-file "$pf" --log "$CRED_LOG" \
        --upstream "$UPSTREAM" --max-seconds 300 "$@" >"$TEST_TMP/credsrv.$n.out" 2>&1 &
    SIM_PIDS="$SIM_PIDS $!"
    i=0; while [ ! -s "$pf" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    [ -s "$pf" ] || return 1
    case " $* " in
    *" --ipv6 "*) CRED_URL=http://[::1]:$(cat "$pf") ;;
    *) CRED_URL=http://127.0.0.1:$(cat "$pf") ;;
    esac
}
# control JSON: switch credsrv's faults
control() { curl -s -g --noproxy '*' -X POST -d "$1" "$CRED_URL/control" >/dev/null; }
# count KIND: requests of that kind in the log
count() { grep -c "\"kind\": \"$1\"" "$CRED_LOG"; }
