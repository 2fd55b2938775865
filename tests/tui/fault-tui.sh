#!/bin/sh
# Fault matrix, screen side: the TUI gets one good result, then the same
# endpoint misbehaves (tests/lib/faultsrv.py --first-ok).  For each fault: the
# status bar says Failed, the Errors pane explains, the form and the last
# good result stay, the program keeps running and quits cleanly, and the
# screen shows no raw control sequence.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"
. "$top_srcdir/tests/lib/faultlib.sh"
command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 not installed"

JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
# The good answer: the simulator's own, replayed by faultsrv.
sim_start --quiet || tap_skip_all "simulator did not start"
"$SAGESCALE" recommend --job "$JOB" --recommendation-id "$REC" --output json \
    >"$TEST_TMP/good.json" 2>/dev/null || tap_skip_all "recommend against the simulator failed"
sim_stop "$SIM_PID"
{ printf '200\nContent-Type: application/x-amz-json-1.1\nx-amzn-RequestId: good\n\n'
  cat "$TEST_TMP/good.json"; } >"$TEST_TMP/good"
AWS_MAX_ATTEMPTS=1; export AWS_MAX_ATTEMPTS

# only_sgr FILE: the screen dump (capture-pane -e) holds no escape sequence
# but SGR (ESC [ ... m), and no control but the SO/SI that tmux itself uses
# for line drawing: nothing from the answer reached the terminal raw.
only_sgr() {
    python3 - "$1" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
rest = re.sub(rb"\x1b\[[0-9;:]*m", b"", data)
bad = [b for b in rest if (b < 0x20 and b not in (0x0a, 0x09, 0x0e, 0x0f)) or b == 0x7f]
try:
    text = rest.decode("utf-8")
except UnicodeDecodeError:
    sys.exit(1)
bad += [c for c in text if 0x80 <= ord(c) <= 0x9f or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069]
sys.exit(1 if bad else 0)
PY
}

# row NAME "MODE [ARG]" MESSAGE [sagescale flags...]
row() {
    _name=$1 _mode=$2 _msg=$3; shift 3
    # shellcheck disable=SC2086
    if ! fault_start --first-ok "$TEST_TMP/good" $_mode; then fail "$_name: server started"; return; fi
    tui_start 80 24 AWS_MAX_ATTEMPTS=1 -- --endpoint-url "$FAULT_URL" --job "$JOB" \
        --recommendation-id "$REC" --run "$@"
    if ! tui_wait "Done in"; then
        fail "$_name: a good result first"; tui_capture; sed 's/^/#   /' "$TUI_SCREEN"
        tui_stop; sim_stop "$FAULT_PID"; return
    fi
    tui_wait "Capacity     min"
    cp "$TUI_SCREEN" "$TEST_TMP/before"
    tui_keys r		# after a send the keys are on the answer: r sends again
    see "$_name: the status bar says Failed" "Failed" 15
    see "$_name: the Errors pane explains ($_msg)" "$_msg" 5
    tui_capture
    contains "$_name: the form is intact" "$TUI_SCREEN" "$JOB"
    contains "$_name: the last good result stays" "$TUI_SCREEN" "Capacity     min"
    tui_capture_attrs
    if only_sgr "$TUI_SCREEN"; then ok "$_name: no raw control sequence on screen"
    else fail "$_name: no raw control sequence on screen"; fi
    tui_keys r
    # The status bar says Failed until the new request starts; a fast fault
    # may fail again before a poll sees it running.
    tui_wait_gone "Failed" 2
    see "$_name: a second try fails the same way, the program still runs" "Failed" 15
    tui_wait_gone "Running" 5
    tui_keys F10
    see "$_name: quits cleanly" "EXIT=0" 5
    see "$_name: the terminal is restored" "TTY=same" 2
    tui_stop
    sim_stop "$FAULT_PID"
}

row "closed port" "refuse" "could not connect"
row "server never answers" "hang" "within" --timeout 2
row "connection reset" "reset" "reset"
row "closed without an answer" "close" "Empty reply"
row "answer that is not HTTP" "garbage" "failed"
row "slow drip past --timeout" "drip 50" "within" --timeout 2

# The simulator's faults, once each: the first request fails, the Errors
# pane explains, the next Enter gets the result.
# simrow NAME "SIM FLAGS" MESSAGE
simrow() {
    _name=$1 _flags=$2 _msg=$3
    # shellcheck disable=SC2086
    if ! sim_start --quiet $_flags; then fail "$_name: simulator started"; return; fi
    tui_start 80 24 AWS_MAX_ATTEMPTS=1 -- --endpoint-url "$SIM_URL" --job "$JOB" \
        --recommendation-id "$REC" --run
    see "$_name: the status bar says Failed" "Failed" 15
    see "$_name: the Errors pane explains ($_msg)" "$_msg" 5
    tui_capture
    contains "$_name: the form is intact" "$TUI_SCREEN" "$JOB"
    tui_capture_attrs
    if only_sgr "$TUI_SCREEN"; then ok "$_name: no raw control sequence on screen"
    else fail "$_name: no raw control sequence on screen"; fi
    tui_keys r
    see "$_name: the next try gets the result" "Done in" 15
    tui_keys F10
    see "$_name: quits cleanly" "EXIT=0" 5
    tui_stop
    sim_stop "$SIM_PID"
}
simrow "throttled" "--fault-throttle 1" "ThrottlingException"
simrow "HTTP 500" "--fault-500 1" "InternalFailure"
simrow "HTTP 503" "--fault-503 1" "ServiceUnavailable"
simrow "truncated body" "--fault-truncate 1" "transfer closed"
simrow "200 with an HTML body" "--fault-non-json 1" "Unexpected answer from the service"
simrow "16 MiB body" "--fault-oversized 1" "larger than"
simrow "connection dropped" "--fault-drop 1" "Empty reply"

tap_done
