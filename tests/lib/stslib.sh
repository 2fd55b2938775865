# Helpers for the STS tests: moto as the peer (tests/lib/stspeer.py), with its
# signature checks on and a log of the STS requests it served.
# Source after tests/lib/lib.sh.

# moto_start: starts the peer, sets MOTO_URL, MOTO_PID, MOTO_AK, MOTO_SK,
# MOTO_LOG (one line per STS request).  Returns 1 when it does not start.
moto_start() {
    _state=$TEST_TMP/moto.$RANDOM
    mkdir -p "$_state"
    timeout 600 python3 "$top_srcdir/tests/lib/stspeer.py" "$_state" >"$_state/out" 2>&1 &
    MOTO_PID=$!
    SIM_PIDS="$SIM_PIDS $MOTO_PID"
    _i=0
    while [ ! -f "$_state/peer.json" ] && [ $_i -lt 300 ]; do
        kill -0 "$MOTO_PID" 2>/dev/null || break
        sleep 0.1; _i=$((_i + 1))
    done
    if [ ! -f "$_state/peer.json" ]; then diag "moto did not start:"; sed 's/^/#   /' "$_state/out" | tail -20; return 1; fi
    _peer() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$_state/peer.json" "$1"; }
    MOTO_URL=http://127.0.0.1:$(_peer port)
    MOTO_AK=$(_peer access_key)
    MOTO_SK=$(_peer secret_key)
    MOTO_LOG=$_state/sts.log
    : >>"$MOTO_LOG"
    return 0
}

# sts_count FILE ACTION: how many ACTION requests the peer logged.
sts_count() { grep -cx "$2" "$1" 2>/dev/null || true; }

# moto_available: exit 0 when python3 can import moto and werkzeug.
moto_available() { python3 -c 'import moto.server, werkzeug' >/dev/null 2>&1; }
