#!/bin/sh
# Screen tests of what-if: rerun with each key (on the worker's one open
# connection), the history (kept across a restart, 0600, --no-history, a
# foreign file left alone), compare (exactly the changed fields marked, by
# a character and by colour), the sweep (injected failures shown, the rest
# kept; the chart; an invalid range; cancelling).
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"

JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
HIST=$XDG_STATE_HOME/sagescale/history.jsonl
IN="--job $JOB --recommendation-id $REC --cpu 50"

sim_start --quiet || tap_skip_all "simulator did not start"

# A History row: "#id time" after the frame and the compare mark, if any.
ROW='^[^0-9]*[0-9]+ [0-9:]{8} '

# scheck DESCRIPTION COMMAND...: check, showing the screen when it fails.
scheck() {
    _d=$1; shift
    if "$@"; then ok "$_d"; else fail "$_d"; sed 's/^/#   /' "$TUI_SCREEN"; fi
}

# start ARGS...: a fresh interface (the previous tmux server fully gone first).
start() {
    tui_stop
    _i=0
    while [ -S "$TUI_SOCK" ] && [ $_i -lt 50 ]; do sleep 0.05; _i=$((_i + 1)); done
    tui_start 100 40 "$@" || { sleep 0.3; tui_start 100 40 "$@"; }
}

# --- reruns, one key each -------------------------------------------------
start -- --endpoint-url "$SIM_URL" $IN --run
see "first answer at CPU 50" "50 % per core"
# After a send the keys are on the answer: the what-if keys work at once.
step() {	# step KEY FROM TO: the key reruns at TO, the panes follow
    tui_keys "$1"
    see "key $1: CPU $2 -> $3 (message)" "What if: CPU target $2 -> $3"
    see "key $1: the summary shows the new answer at $3" "$3 % per core"
}
step + 50 51
step - 51 50
step '}' 50 55
step '{' 55 50
step ')' 50 60
step '(' 60 50
step = 50 51
tui_keys c
see "c asks for a CPU target" "New CPU target (1-100, now 51)"
tui_type 250; tui_keys Enter
see "c: a value over 100 is refused, naming the field" "TargetCpuUtilizationPerCore must be from 1 to 100"
tui_keys BSpace BSpace BSpace; tui_type 95; tui_keys Enter
see "c: typed 95 reruns at once" "What if: CPU target 51 -> 95"
see "c: the summary shows 95" "95 % per core"
tui_keys ')'
see "+10 at 95 stops at 100" "What if: CPU target 95 -> 100"
tui_keys ')'
see "at 100, +10 says the range ends" "the CPU target is already 100"
# Every other input kept: the job and recommendation are still the same.
see "other inputs kept" "Rec. ID      $REC"

# One connection for all of them: the worker keeps its client alive.
pid=$(tui_pid)
port=${SIM_URL##*:}
if [ -n "$pid" ] && command -v ss >/dev/null 2>&1; then
    n=$(ss -Htnp state established "( dport = :$port )" 2>/dev/null | grep -c "pid=$pid,")
    check "every rerun used one open connection (found $n)" [ "$n" -eq 1 ]
else
    skip "ss or the pid is not available"
fi

tui_keys 3
see "the History view lists the runs" "Inv/inst"
tui_capture
# 10 runs: the first, 7 steps, c 95, +10 to 100 (refused values send nothing).
runs=$(grep -cE "$ROW" "$TUI_SCREEN")
scheck "History: one row per run (10, got $runs)" [ "$runs" -eq 10 ]
scheck "History: newest first (#10 at CPU 100)" grep -qE '^[^0-9]*10 [0-9:]{8} +100 ' "$TUI_SCREEN"
tui_keys v
see "v shows the run's full result" "Run #10 at"
see "... with the response tree" "DynamicScalingConfiguration"
tui_keys Escape
tui_wait_gone "Run #10 at"

# --- compare: mark #1 (CPU 50) and #4 (CPU 55) ------------------------------
tui_keys G Space k k k Space
see "Space marks runs with a +" "+   4 "
tui_keys d
see "d opens Compare" "fields differ"
tui_capture_attrs
cp "$TUI_SCREEN" "$TEST_TMP/compare-attrs.txt"
tui_capture
cp "$TUI_SCREEN" "$TEST_TMP/compare.txt"
# Each row: marker, label, left, right, by the columns of the heading (the
# two "Run #" titles); a long value wraps onto lines without a label.
awk '
    function trim(x) { sub(/^ +/, "", x); sub(/ +$/, "", x); return x }
    function flush() {
        if (label == "") return
        rows++
        if ((mark == "*") != (left != right)) { bad++; print "# wrong: " label ": " left " | " right }
        if (mark == "*") marked = marked " " label
        label = ""
    }
    # The heading: "N fields differ" at the label column, then the two
    # "Run #" titles at the value columns; the mark is two columns left.
    !ls && /fields? differ.*Run #.*Run #/ {
        lab0 = match($0, /[0-9]+ fields? differ/); mk = lab0 - 2
        ls = index($0, "Run #"); rs = ls + index(substr($0, ls + 1), "Run #"); hdr = NR
    }
    { all[NR] = $0 }
    END {
        # Every line from the heading on, but the info and status lines.
        for (i = hdr + 1; hdr && i <= NR - 2; i++) row(all[i])
        flush(); printf "rows=%d bad=%d marked=%s\n", rows, bad + 0, marked
    }
    function row(line,    m, lab, l, r) {
        sub(/[x│] *$/, "", line)
        m = substr(line, mk, 1); lab = trim(substr(line, lab0, ls - lab0))
        l = trim(substr(line, ls, rs - ls)); r = trim(substr(line, rs))
        if (lab == "" && m != "*" && (l != "" || r != "")) { left = left l; right = right r; return }
        if (lab == "" || lab ~ /^[lmq]q/) return
        flush(); mark = m; label = lab; left = l; right = r
        if (lab == "Policy 1") printf "policy1=%s|\n", l
    }
' "$TEST_TMP/compare.txt" >"$TEST_TMP/compare.res"
diag "$(cat "$TEST_TMP/compare.res")"
check "compare: every row with different values is marked, and no other" grep -q "bad=0" "$TEST_TMP/compare.res"
check "compare: many rows compared" grep -qE "rows=(1[5-9]|[2-9][0-9])" "$TEST_TMP/compare.res"
check "compare: exactly the changed fields" \
    grep -q "marked= TargetCpuUtilizationPerCore InvocationsPerInstance Policy 1 Policy 2$" "$TEST_TMP/compare.res"
# A long value wraps between words: the policy's first line ends with a
# whole word ("TargetTracking Predefined SageMakerVariantInvocationsPerInstance = N").
check "compare: a long value breaks between words" grep -qE \
    '^policy1=TargetTracking( Predefined( SageMakerVariantInvocationsPerInstance( = [0-9.]+)?)?)?[|]$' \
    "$TEST_TMP/compare.res"
contains "compare: the two runs are named" "$TEST_TMP/compare.txt" "Run #1 ("
# The marked rows are coloured too (yellow, bold); unmarked ones are not.
esc=$(printf '\033')
check "compare: a changed row is drawn in colour" grep -q "${esc}\[[0-9;]*33[;m].*TargetCpuUtilizationPerCore" "$TEST_TMP/compare-attrs.txt"
check "compare: an unchanged row is not" sh -c "! grep -q '${esc}\[[0-9;]*33[;m][^${esc}]*ModelLatency' '$TEST_TMP/compare-attrs.txt'"
tui_keys q
see "q quits" "EXIT=0"

# --- the history survives a restart ----------------------------------------
check "history file written" test -s "$HIST"
check "history file mode 0600" [ "$(stat -c %a "$HIST")" = 600 ]
check "history file: a header and 10 runs" [ "$(wc -l <"$HIST")" -eq 11 ]
start -- --endpoint-url "$SIM_URL" $IN
see "restarted" "Job name"
tui_keys F6 3
see "after a restart, the History view has the old runs" "Inv/inst"
tui_capture
runs=$(grep -cE "$ROW" "$TUI_SCREEN")
scheck "after a restart: all 10 runs (got $runs)" [ "$runs" -eq 10 ]
tui_keys g v
see "an old run's full result opens" "Run #10 at"
tui_keys Escape
tui_keys F5		# the form's request (in the History view r reruns the selected run)
see "a new run after the restart" "50 % per core"
tui_keys 3
see "it is numbered after the old ones" "  11 "
tui_keys q
see "q quits again" "EXIT=0"
check "history file: 11 runs now" [ "$(wc -l <"$HIST")" -eq 12 ]

# A corrupt line: skipped with a warning, the rest kept.
printf '{"id": 99, "trunc\n' >>"$HIST"
start -- --endpoint-url "$SIM_URL" $IN
see "a corrupt line: a warning" "is corrupt or truncated; skipped"
tui_keys F6 3
tui_wait "Inv/inst"	# the History view drawn (slow under sanitizers)
tui_capture
runs=$(grep -cE "$ROW" "$TUI_SCREEN")
scheck "a corrupt line: the 11 good runs kept (got $runs)" [ "$runs" -eq 11 ]
tui_keys q
see "quits" "EXIT=0"

# --no-history: nothing read or written.
cp "$HIST" "$TEST_TMP/hist.before"
start -- --endpoint-url "$SIM_URL" $IN --run --no-history
see "--no-history: runs" "50 % per core"
tui_keys 3
see "--no-history: this session's runs only" "   1 "
not_see "--no-history: old runs not read" "  11 "
tui_keys q
see "quits" "EXIT=0"
check "--no-history: the file is unchanged" cmp -s "$HIST" "$TEST_TMP/hist.before"

# A file that is not ours: reported, left untouched.
printf 'my own notes\n' >"$HIST"; chmod 644 "$HIST"
start -- --endpoint-url "$SIM_URL" $IN --run
see "a foreign file is reported" "not a sagescale history file, left untouched"
tui_keys +
see "runs still work" "51 % per core"
tui_keys q
see "quits" "EXIT=0"
check "the foreign file is untouched" [ "$(cat "$HIST")" = "my own notes" ]
check "... and keeps its mode" [ "$(stat -c %a "$HIST")" = 644 ]
rm -f "$HIST"
sim_stop "$SIM_PID"

# --- sweep with injected failures: the first 3 requests answer 500 ---------
sim_start --quiet --fault-500 4 || fail "simulator with faults"
start AWS_MAX_ATTEMPTS=1 -- --endpoint-url "$SIM_URL" $IN
see "started" "Job name"
# A failed rerun is a run too: History shows its error.
tui_keys F6 +
see "a rerun that fails says so" "Failed"
tui_keys 3
see "History lists a failed run with its error" "InternalFailure"
tui_keys v
see "its details show the error" "Error (service): InternalFailure"
tui_keys Escape
tui_wait_gone "Error (service)"
tui_keys 5
see "the Sweep view: default range 10-100 step 10" "CPU 10-100 step 10 (10 points)"
tui_keys s
see "the sweep ends" "done: 10/10 answered, 3 failed"
tui_capture
scheck "3 failed points marked FAILED with their error" [ "$(grep -c 'FAILED InternalFailure' "$TUI_SCREEN")" -eq 3 ]
scheck "the other 7 kept" [ "$(grep -cE '^[^0-9]*[0-9]+ +[0-9]+ .* ok *[x│]?$' "$TUI_SCREEN")" -eq 7 ]
scheck "rows in CPU order" [ "$(grep -oE '^[^0-9]*(10|20|30|40|50|60|70|80|90|100)  ' "$TUI_SCREEN" | tr -cd '0-9\n' | tr '\n' ' ')" = "10 20 30 40 50 60 70 80 90 100 " ]
see "a message sums it up" "Sweep done: 7 answered, 3 failed."
tui_keys v
see "v: the chart" "InvocationsPerInstance"
see "the chart's legend names the failures" "failed"
tui_capture
scheck "the chart marks 3 failed points on its axis" [ "$(grep '└' "$TUI_SCREEN" | grep -o '✗' | wc -l)" -eq 3 ]
contains "the chart: capacities" "$TUI_SCREEN" "MaxCapacity"
tui_keys v
tui_wait_gone "(per minute) vs CPU target"
# An invalid range is refused, naming it.
tui_keys e
see "e edits the range" "CPU range FROM:TO:STEP (1-100): 10:100:10"
tui_keys C-u; tui_type 90:10:10; tui_keys Enter
see "FROM > TO refused" "FROM (90) is greater than TO (10)"
tui_keys C-u; tui_type 10:100:0; tui_keys Enter
see "STEP 0 refused" "STEP (0) must be at least 1"
tui_keys C-u; tui_type 0:100:10; tui_keys Enter
see "FROM 0 refused" "FROM (0) is outside the CPU target range"
tui_keys Escape
tui_keys q
see "quits" "EXIT=0"
sim_stop "$SIM_PID"

# --- cancel a sweep ---------------------------------------------------------
sim_start --quiet --fault-latency 300 || fail "simulator with latency"
start -- --endpoint-url "$SIM_URL" $IN
see "started" "Job name"
tui_keys F6 5 e C-u
tui_type 1:100:1; tui_keys Enter
see "a 100-point sweep runs" "running:"
sleep 0.5
tui_keys Escape
t0=$(date +%s)
see "Esc cancels it" "Sweep cancelled:" 5
check "promptly" [ $(( $(date +%s) - t0 )) -le 3 ]
see "the view says cancelled" "cancelled: "
tui_capture
scheck "points not sent are marked cancelled" [ "$(grep -cE ' cancelled *[x│]?$' "$TUI_SCREEN")" -ge 10 ]
tui_keys s
see "it can be started again" "running:"
tui_keys s
see "s cancels too" "Sweep cancelled:"
tui_keys q
see "quits after a cancelled sweep" "EXIT=0"

tap_done
