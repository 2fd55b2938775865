# Helpers for the fault and security tests (source after tests/lib/lib.sh).
# fault_start MODE [ARG]: starts tests/lib/faultsrv.py (see its help) on a free
# loopback port; sets FAULT_URL and FAULT_PID.  Killed when the test ends.
FAULT_N=0
fault_start() {
    FAULT_N=$((FAULT_N + 1))
    _flog=$TEST_TMP/faultsrv.$FAULT_N.out
    python3 "$top_srcdir/tests/lib/faultsrv.py" "$@" >"$_flog" 2>&1 &
    FAULT_PID=$!
    SIM_PIDS="$SIM_PIDS $FAULT_PID"
    FAULT_URL=
    _i=0
    while [ $_i -lt 100 ]; do
        FAULT_URL=$(sed -n 's/^faultsrv listening on //p' "$_flog")
        [ -n "$FAULT_URL" ] && return 0
        kill -0 "$FAULT_PID" 2>/dev/null || break
        sleep 0.05; _i=$((_i + 1))
    done
    diag "faultsrv did not start:"; sed 's/^/#   /' "$_flog"
    return 1
}
# A loopback port nobody listens on (bound, then closed).
closed_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# has_raw_controls FILE: true when FILE has a byte or character that could
# drive a terminal: C0 other than \n and \t, DEL, ESC, C1 (as UTF-8 or as
# raw 8-bit bytes), or a bidi override/isolate/mark.  has_raw_controls FILE
# crlf: the same, with CR allowed before LF (CSV's line ends, RFC 4180).
has_raw_controls() {
    python3 - "$1" "${2:-}" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
if sys.argv[2] == "crlf":
    data = data.replace(b"\r\n", b"\n")
bad = [b for b in data if (b < 0x20 and b not in (0x0a, 0x09)) or b == 0x7f]
try:
    text = data.decode("utf-8")
except UnicodeDecodeError:
    sys.exit(0)     # raw 8-bit bytes: a C1 control to some terminals
bad += [c for c in text if 0x80 <= ord(c) <= 0x9f or ord(c) in (0x61c, 0x200e, 0x200f)
        or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069]
sys.exit(0 if bad else 1)
PY
}
# demo_creds: the demo credentials in the environment (for faultsrv runs).
demo_creds() {
    AWS_ACCESS_KEY_ID=AKIDSAGESCALEDEMO; AWS_SECRET_ACCESS_KEY=sagescale-demo-secret
    AWS_REGION=us-east-1
    export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_REGION
}
