#!/bin/sh
# Screen test: what a new user meets at 80x24 that the feature tests do not
# look at: the status bar names only keys that work where the keys go, help
# text is wrapped (never cut), F3 uses the job typed in the form, the
# History view names each run's job, a run's details are wrapped, and the
# export dialog says where it wrote and asks plainly before overwriting.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"

sim_start --quiet || tap_skip_all "simulator did not start"
JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
EXPORT_DIR=$TEST_TMP/export
mkdir -p "$EXPORT_DIR"

# --- F3 with a job typed (here: --job), nothing picked yet ----------------
tui_start 80 24 -- --endpoint-url "$SIM_URL" --no-history --job "$JOB" --run
see "--run without an id: the form says what is missing" "got neither"
tui_keys F3
see "F3 lists the recommendations of the form's job" "Job $JOB (Default, COMPLETED)"
see "its recommendations are listed" "ml.c5.large"
not_see "F3 does not fall back to the job list" "Filter:"
see "the selected row's endpoint and variant, wrapped, not cut" "variant sm-variant-7c3e1a90"
see "... to its end" "(latency: unit not documented)"
tui_keys Enter
see "choosing fills the form" "Form filled"
# A recommendation ID longer than its field: marks say on which side it
# goes on (filled in: its start shows; in the field: its end).
see "a long ID in the form: its start, a mark after it" "Rec. ID      churn-xgboost-default/7…"
tui_keys Enter
see "the request completes" "Done in"
# The keys are on the answer after the send: Tab goes back to the form,
# to the field the cursor was in (the ID: the failed --run put it there).
tui_keys Tab
see "in the field: its end, a mark before it" "Rec. ID     …boost-default/7c3e1a90 "
tui_keys Down
see "left: still its end and the mark before it" "Rec. ID     …boost-default/7c3e1a90 "

# --- the status bar: keys that work where the keys go ---------------------
# The form's hints come from the tables: F2 and F4 are named (Tab's and
# F7's make room for them after "Done in N ms"; tui-keys.sh sees F7 too).
see "in the form: Enter, F2 and F4 named" "Enter send  F2 jobs  F4 export  F6 views  ? help  F10 quit"
tui_keys F6
see "Policies (the tree): search and expand are named" "/ search  E/C expand"
# A what-if rerun keeps the reader's place in the tree (and the search).
tui_keys /; tui_type MetricName; tui_keys Enter
see_re "search: the customized metric's name" '\.Customized\.MetricName *$'
tui_keys +
see "the rerun answers (TargetValue follows the CPU target)" "TargetValue: 51"
tui_keys C-l	# the what-if message goes; the info line shows the path again
see_re "the rerun keeps the selected node" '\.Customized\.MetricName *$'
see "the rerun keeps the rows around it on the page" "Namespace: /aws/sagemaker/Endpoints"
tui_keys n
see "n still searches after the rerun (the one match, round the end)" \
    "Search went past the end: on from the top (match 1 of 1)."
tui_keys C-l
see_re "... and stays on it" '\.Customized\.MetricName *$'
tui_keys 3
see "History: its keys" "Enter load  r rerun  v details  Space mark  d compare  Tab form"
not_see "History: no tree keys in the status bar" "E/C expand"
tui_keys 4
see "Compare: its keys" "s swap  Tab form  1-6 views  ? help  q quit"
not_see "Compare: no search key" "/ search"
tui_keys 5
see "Sweep: its keys" "s start  e range  v chart  Tab form"
tui_keys s
see "Sweep: done" "Sweep done: 10 answered"
see_re "Sweep: the progress line is whole at 80 columns (wrapped, not cut)" '^ +[0-9]+ ms *$'
see "Sweep: the table follows it" "CPU Inv/inst"
tui_keys v
see "Sweep chart: open" "MinCapacity"
see_re "Sweep chart: the progress line is whole too (wrapped, not cut)" 'time, [0-9]+ ms +[x│]'
see "Sweep chart: its keys in the status bar" \
    "s start or cancel the sweep  c capacity/invocations  q close"
see "Sweep chart: both panels at first" "InvocationsPerInstance"
tui_keys c
see "Sweep chart: c shows the capacity alone, with the x axis's title" \
    "(instances) vs CPU target (%)"
not_see "... and no invocations panel" "InvocationsPerInstance"
tui_keys c
see "Sweep chart: c again, the invocations alone" "InvocationsPerInstance  (per minute)"
not_see "... and no capacity panel" "MaxCapacity"
tui_keys c
see "Sweep chart: c a third time, both again" "MaxCapacity"
see "... both" "InvocationsPerInstance"
tui_keys q
tui_wait_gone "s start or cancel the sweep"
tui_keys 2
see "Errors: the general keys" "Tab form  1-6 views  ? help  q quit"
not_see "Errors: no tree keys" "E/C expand"
tui_keys 4
tui_keys '?'
see "help opens" "Keys (q closes)"
see_re "help: an arrow says there is more below" '↓ [x│]+$'
tui_keys G
see_re "help: G goes to the end, an arrow says there is more above" '↑ [x│]+$'
tui_wait "the cheapest marked"
tui_capture
if grep -q '↓ [x│]*$' "$TUI_SCREEN"; then fail "help: at the end, no arrow down"; else ok "help: at the end, no arrow down"; fi
tui_resize 120 40
# Wait until the program has drawn at the new size (tmux shows the old
# screen until then): a line of the view area's frame 120 wide.
wait_drawn_width() {
    _deadline=$(tui_deadline "$TUI_WAIT")
    while :; do
        tui_capture
        python3 -c '
import sys
w = int(sys.argv[2])
sys.exit(0 if any(len(l.rstrip()) == w and l.rstrip()[-1] in "\u2500q" for l in open(sys.argv[1], encoding="utf-8").read().split("\n")) else 1)' "$TUI_SCREEN" "$1" && return 0
        [ "$(tui_now_ms)" -ge "$_deadline" ] && return 1
        sleep 0.05
    done
}
wait_drawn_width 120
check "help: redrawn at 120x40" test $? -eq 0
see "help: grown at its end, still at the end" "the cheapest marked"
tui_capture
# The help's last row is the dialog's last row: no blank rows below it.
check "help: grown at its end, the page is full (the last entry on the last row)" python3 -c '
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
for i, l in enumerate(lines):
    if "the cheapest marked" in l:
        sys.exit(0 if ("\u2514" in lines[i + 1] or "mqq" in lines[i + 1]) else 1)
sys.exit(1)' "$TUI_SCREEN"
tui_resize 80 24
wait_drawn_width 80
check "help: redrawn at 80x24" test $? -eq 0
see "help: back to 80x24, still open" "Keys (q closes)"
tui_keys g
see "help: g goes back to the top" "Everywhere"
tui_capture
if tail -1 "$TUI_SCREEN" | grep -qE 'Tab form|F6 views|E/C expand'; then
    fail "a dialog: the status bar names no key of the screen behind it"
    sed 's/^/#   /' "$TUI_SCREEN"
else
    ok "a dialog: the status bar names no key of the screen behind it"
fi

# --- help: long texts are wrapped, not cut --------------------------------
# "compare the two marked runs (or this run and the one before)" and "the
# chart: MinCapacity, MaxCapacity, InvocationsPerInstance" are wider than
# the help's text column at 80 columns.
: >"$TEST_TMP/help-all.txt"
tui_pages "$TEST_TMP/help-all.txt" Space "the cheapest marked"
contains "help: the compare key's text wraps onto a second row" "$TEST_TMP/help-all.txt" "before)"
contains "help: the chart key's text wraps onto a second row" "$TEST_TMP/help-all.txt" "InvocationsPerInstance "
lacks "help: no text cut at the frame" "$TEST_TMP/help-all.txt" "the one be"
tui_keys q
see "help closes" "Tab form  1-6 views  ? help  q quit"

# --- History: the info line names the run's job; details wrap -------------
tui_keys 3
see "History: the info line names the selected run's job and recommendation" " $JOB  $REC"
tui_keys v
see "a run's details open" "Run #2"
see "the details keep the CPU target (wrapped, not cut)" "TargetCpuUtilizationPerCore 51"
see "the details name their keys in the status bar" "arrows scroll  Esc close"
tui_keys Escape
see "the details close" "v details  Space mark  d compare  Tab form"

# --- export to a file: the whole path; overwrite asked plainly -------------
tui_keys 1 x 2 Enter
see "export: the request as --cli-input-json" "Request as --cli-input-json"
tui_keys w
see "export: the path is asked" "Write to:"
tui_keys C-u; tui_type "$EXPORT_DIR/req.json"; tui_keys Enter
see "export: written, with the whole path" "bytes to $EXPORT_DIR/req.json"
check "export: the file is there" test -s "$EXPORT_DIR/req.json"
tui_keys w
see "export: asked again" "Write to:"
not_see "export: the old outcome is gone while the path is asked" "Wrote"
tui_keys C-u; tui_type "$EXPORT_DIR/req.json"; tui_keys Enter
see "export: an existing file: asked before overwriting" "Overwrite it? (y/n)"
not_see "export: the question is the only prompt (no key list of the preview)" "w write to a file"
tui_keys n
see "export: n goes back to the path" "Write to:"
tui_keys C-u; tui_type "~/home-req.json"; tui_keys Enter
see "export: ~/ is the home directory, and the message says so" "bytes to $HOME/home-req.json"
check "export: written there" test -s "$HOME/home-req.json"
tui_keys Escape Escape
see "export: closed" "Tab form  1-6 views"

# The preview marks lines that go on past either edge (the arrows scroll).
tui_keys F7
see "apply without a target: the endpoint picker first" "Pick the endpoint to scale"
tui_type churn-p; tui_keys Enter
see "apply: the variants" "canary"
tui_keys Enter
see "apply: endpoint and variant known" "Variant        primary"
tui_keys Escape
tui_wait_gone "Variant        primary"
tui_keys x 3
see "export: the AWS CLI commands" "register-scalable-target"
see_re "export: a line cut at the right edge ends with >" '[A-Za-z]> [x│]'
tui_keys Right Right
see_re "export: scrolled right, a line with text to the left starts with <" '^[x│][x│] <[A-Za-z]'
tui_keys Escape Escape
see "export: closed again" "Tab form  1-6 views"

tui_keys q
see "q quits" "EXIT=0 TTY=same"

# --- too small with a dialog open: F10 (as the screen says) still quits ----
tui_start 80 24 -- --endpoint-url "$SIM_URL" --no-history --job "$JOB" --recommendation-id "$REC" --run
see "a result" "Done in"
tui_keys '?'
see "help is open" "Keys (q closes)"
tui_resize 70 20
see "too small" "Terminal too small: 70x20"
tui_resize 80 24
see "grown again: the dialog is still there" "Keys (q closes)"
tui_resize 70 20
see "too small again" "Terminal too small: 70x20"
tui_keys F10
see "F10 quits although a dialog was open under the too-small screen" "EXIT=0 TTY=same"

# --- the first screen says how to start: F2 picks a job ---------------------
tui_start 80 24 -- --endpoint-url "$SIM_URL" --no-history
see "an empty start names F2" "pick a job with F2"
tui_keys F2
see "F2 opens the job picker" "Pick a job"
tui_keys Escape F10
see "first screen: quits" "EXIT=0"

# --- TERM=dumb (known, but no cursor addressing): a usable screen anyway ---
tui_start 80 24 TERM=dumb -- --endpoint-url "$SIM_URL" --no-history --job "$JOB" --recommendation-id "$REC" --run
see "dumb: a full screen, with a warning" "Terminal type \"dumb\" cannot move the cursor: using"
see "dumb: the result" "Done in"
tui_keys Tab				# the form, collapsed after the send, opens
see "dumb: the form is drawn" "Job name     churn-xgboost-default"
tui_keys F10
see "dumb: F10 quits" "EXIT=0 TTY=same"

# --- --read-only: the export menu has no apply row, and says 1-5 ----------
tui_start 80 24 -- --endpoint-url "$SIM_URL" --no-history --read-only --job "$JOB" --recommendation-id "$REC" --run
see "read-only: a result" "Done in"
tui_keys F4
see "read-only: the export menu" "Export this result as:"
see "read-only: its keys name the six rows there are" "Up/Down or 1-6 choose"
not_see "read-only: no apply row" "Apply with Application Auto Scaling..."
tui_keys Escape F10
see "read-only: quits" "EXIT=0"

# --- 200x60: the job picker keeps its columns together ---------------------
tui_start 200 60 -- --endpoint-url "$SIM_URL" --no-history
see "wide: the form" "Job name"
tui_keys F2
see "wide: the job picker lists the jobs" "churn-xgboost-default"
tui_capture
col=$(awk '/churn-xgboost-default/ { print index($0, "COMPLETED"); exit }' "$TUI_SCREEN")
check "wide: the status column is next to the job names (column $col, not across 200)" \
    test "${col:-0}" -gt 0 -a "${col:-0}" -le 75
tui_keys Escape F10
see "wide: quits" "EXIT=0"
tap_done
