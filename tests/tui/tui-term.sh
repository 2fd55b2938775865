#!/bin/sh
# Screen test: terminal robustness.  Resize below and above 80x24, NO_COLOR,
# --ascii, an unknown TERM, hostile text in a response, and SIGHUP /
# SIGTERM / SIGINT ending the program within a second with the terminal
# restored, idle or in the middle of a request.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"

sim_start --quiet || tap_skip_all "simulator did not start"
JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
ESC=$(printf '\033')

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# --- resize ----------------------------------------------------------------
tui_start 80 24 -- --endpoint-url "$SIM_URL" --job "$JOB" --recommendation-id "$REC" --run
see "80x24 is enough" "Done in"
tui_resize 79 24
see "one column less: too small" "Terminal too small: 79x24"
not_see "nothing else is drawn" "Summary"
tui_resize 80 23
see "one row less: too small" "Terminal too small: 80x23"
tui_resize 120 40
see "grown: the screen comes back at once (the form collapsed after the send)" "Request: CPU 50"
see "with the result kept" "Capacity     min 1"
tui_capture
check "the view area grew with the terminal" grep -qF "MetricName: CPUUtilizationNormalized" "$TUI_SCREEN"
tui_resize 60 15
see "small again" "Terminal too small: 60x15"
tui_resize 80 24
see "back to 80x24" "Capacity     min 1"
tui_keys F10
see "quits" "EXIT=0 TTY=same"

# --- colours ---------------------------------------------------------------
tui_start 80 24 -- --endpoint-url "$SIM_URL" --job "$JOB" --recommendation-id "$REC" --run
see "coloured run" "Done in"		# the focus is on the views after the send
sleep 0.3
tui_capture_attrs
check "with colours, colour attributes are used" \
    grep -qE "$ESC\\[([^m]*;)?(3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[^m]*)?m" "$TUI_SCREEN"
tui_keys F10
see "quits" "EXIT=0"

tui_start 80 24 NO_COLOR=1 -- --endpoint-url "$SIM_URL" --job "$JOB" --recommendation-id "$REC" --run
see "NO_COLOR run" "Done in"
sleep 0.3
tui_capture_attrs
if grep -qE "$ESC\\[([^m]*;)?(3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[^m]*)?m" "$TUI_SCREEN"; then
    fail "NO_COLOR: no colour attributes at all"
    grep -oE "$ESC\\[[0-9;]*m" "$TUI_SCREEN" | sort | uniq -c | sed 's/\x1b/ESC/; s/^/# /'
else
    ok "NO_COLOR: no colour attributes at all"
fi
check "NO_COLOR: the selection is still visible (reverse video)" \
    grep -qE "$ESC\\[([^m]*;)?7(;[^m]*)?m" "$TUI_SCREEN"
tui_keys F10
see "quits" "EXIT=0"

# --- ASCII line drawing ----------------------------------------------------
tui_start 80 24 -- --endpoint-url "$SIM_URL" --job "$JOB" --recommendation-id "$REC" --run --ascii
see "--ascii run" "Done in"
see "frames are drawn with ASCII" "+- Request: CPU 50 (Tab: edit) -"
see "tree markers are ASCII" "- DynamicScalingConfiguration"
tui_capture
if LC_ALL=C grep -q '[^ -~]' "$TUI_SCREEN"; then
    fail "--ascii: only ASCII on the screen"; LC_ALL=C grep -n '[^ -~]' "$TUI_SCREEN" | sed 's/^/# /'
else ok "--ascii: only ASCII on the screen"; fi
tui_keys F10
see "quits" "EXIT=0"

# --- unknown TERM ----------------------------------------------------------
tui_start 80 24 TERM=no-such-terminal-xyz -- --endpoint-url "$SIM_URL"
see "an unknown TERM falls back with a warning" "Unknown terminal type \"no-such-terminal-xyz\""
see "and the form works" "Job name"
tui_type "$JOB"
see "typing works on the fallback terminal" "$JOB"
tui_keys F10
see "quits" "EXIT=0 TTY=same"

# --- hostile text from the network ------------------------------------------
cat >"$TEST_TMP/evil.json" <<'EOF'
{"InferenceRecommendationsJobName":"job\u001b[2J\u001b]0;pwned\u0007",
 "RecommendationId":"rec\u202eevil",
 "DynamicScalingConfiguration":{"MinCapacity":1,"MaxCapacity":2,"ScaleInCooldown":300,
  "ScaleOutCooldown":60,"ScalingPolicies":[{"TargetTracking":{"MetricSpecification":
  {"Customized":{"MetricName":"m\u009b31mred","Namespace":"ns","Statistic":"Average"}},
  "TargetValue":50}}]}}
EOF
tui_start 100 30 SAGESCALE_TUI_RESPONSE_FILE="$TEST_TMP/evil.json" -- \
    --endpoint-url "$SIM_URL" --job "$JOB" --recommendation-id "$REC" --run
see "the answer is shown" "Done in"
see "ESC in a job name is shown as an escape, not obeyed" 'job\x1b[2J\x1b]0;pwned\x07'
see "a bidi override is shown as an escape" 'rec\u202eevil'
see "a C1 CSI is shown as an escape" 'MetricName: m\x9b31mred'
tui_capture
contains "the screen was not cleared by the response" "$TUI_SCREEN" "Request: CPU 50"
check "the window title was not changed" test "$(tui_tmux display-message -p '#{pane_title}')" != pwned
tui_keys F10
see "quits" "EXIT=0"

# --- idle: no wake-ups ------------------------------------------------------
if command -v strace >/dev/null 2>&1; then
    tui_start 80 24 -- --endpoint-url "$SIM_URL" --job "$JOB" --recommendation-id "$REC" --run
    see "a result, then idle" "Done in"
    sleep 0.3
    _pid=$(tui_pid)
    timeout -s INT 2 strace -c -f -p "$_pid" -o "$TEST_TMP/idle.strace" >/dev/null 2>"$TEST_TMP/strace.err"
    if grep -q "attached" "$TEST_TMP/strace.err"; then
        _calls=$(awk '$NF == "total" { print $4; f = 1 } END { if (!f) print 0 }' "$TEST_TMP/idle.strace")
        if [ "$_calls" -le 2 ]; then ok "idle: no system calls in 2 s but the blocked poll ($_calls)"
        else fail "idle: no system calls in 2 s but the blocked poll ($_calls)"
            sed 's/^/#   /' "$TEST_TMP/idle.strace"; fi
    else
        skip "strace cannot attach here (ptrace not permitted)"
    fi
    tui_keys F10
    see "quits" "EXIT=0"
else
    skip "strace not installed: idle system calls not counted"
fi

# --- long and wide values scroll sideways, never overflow -------------------
# widest FILE: the widest line of FILE in terminal columns (CJK count 2).
widest() {
    python3 -c '
import sys, unicodedata
w = 0
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    w = max(w, sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line))
print(w)' "$1" 2>/dev/null || echo 0
}
long=$(printf 'segment%02d-' $(seq 1 20))END
cjk="名前空間/日本語/メトリクス/名前空間/日本語/メトリクス/名前空間/終わり"
printf '%s' '{"InferenceRecommendationsJobName":"wide","RecommendationId":"wide/1",
 "DynamicScalingConfiguration":{"MinCapacity":1,"MaxCapacity":2,"ScaleInCooldown":300,
  "ScaleOutCooldown":60,"ScalingPolicies":[{"TargetTracking":{"MetricSpecification":
  {"Customized":{"MetricName":"'"$long"'","Namespace":"'"$cjk"'",
  "Statistic":"Average"}},"TargetValue":50}}]}}' >"$TEST_TMP/long.json"
tui_start 80 24 SAGESCALE_TUI_RESPONSE_FILE="$TEST_TMP/long.json" -- \
    --endpoint-url "$SIM_URL" --job "$JOB" --recommendation-id "$REC" --run
see "the long answer is shown" "Done in"
tui_keys / ; tui_type MetricName; tui_keys Enter
see "the long value starts on its row" "MetricName: segment01-segment02-"
tui_capture
w=$(widest "$TUI_SCREEN")
check "no line overflows 80 columns (widest: $w)" test "$w" -le 80 -a "$w" -gt 0
see_re "a mark says the row goes on to the right" 'MetricName: segment01.*>$'
not_see "the end is not shown yet" "segment20-END"
for i in $(seq 1 20); do tui_keys '>'; done
see "> scrolls sideways to the end of the value" "segment20-END"
see_re "a mark says there is more to the left" '^<'
tui_keys / ; tui_type Namespace; tui_keys Enter
see "a search jump starts at the left edge again" "Namespace: 名前空間"
tui_keys '>' '>' '>'
see "a CJK value scrolls too" "終わり"
tui_capture
w=$(widest "$TUI_SCREEN")
check "scrolled CJK: no line overflows 80 columns (widest: $w)" test "$w" -le 80 -a "$w" -gt 0
for i in $(seq 1 20); do tui_keys '<'; done
see "< scrolls back to the start" "MetricName: segment01-segment02-"
tui_keys F10
see "quits" "EXIT=0"

# --- signals ---------------------------------------------------------------
# sig_case SIGNAL STATUS [slow]: the program ends within a second with
# 128+signal, the terminal settings are back and the screen left.
sig_case() {
    _pid=$(tui_pid)
    if [ -z "$_pid" ]; then fail "$1: the program runs"; return 0; fi
    _t0=$(now_ms)
    kill -s "$1" "$_pid"
    _n=0
    while kill -0 "$_pid" 2>/dev/null && [ $_n -lt 300 ]; do sleep 0.01; _n=$((_n + 1)); done
    _dt=$(( $(now_ms) - _t0 ))
    _s=${3:-}
    if kill -0 "$_pid" 2>/dev/null; then fail "$1$_s: the process ends"; else ok "$1$_s: the process ends"; fi
    if [ "$_dt" -le 1000 ]; then ok "$1$_s: within a second (${_dt} ms)"
    else fail "$1$_s: within a second (${_dt} ms)"; fi
    see "$1$_s: exit status $2, terminal settings restored" "EXIT=$2 TTY=same" 2
    check "$1$_s: the alternate screen is left" \
        test "$(tui_tmux display-message -p '#{alternate_on}')" = 0
    not_see "$1$_s: the interface is gone from the screen" "Job name"
}

tui_start 80 24 -- --endpoint-url "$SIM_URL"
see "idle, waiting in poll" "Ready"
sig_case HUP 129

tui_start 80 24 -- --endpoint-url "$SIM_URL"
see "idle again" "Ready"
sig_case TERM 143

tui_start 80 24 -- --endpoint-url "$SIM_URL"
see "idle once more" "Ready"
sig_case INT 130

sim_stop "$SIM_PID"
sim_start --quiet --fault-latency 10000 || tap_skip_all "slow simulator did not start"
tui_start 80 24 -- --endpoint-url "$SIM_URL" --job "$JOB" --recommendation-id "$REC" --run
see "a slow request is running" "Running"
sig_case HUP 129 " during a request"
tap_done
