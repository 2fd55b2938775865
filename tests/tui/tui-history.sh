#!/bin/sh
# Screen tests of the history the interface goes back to (80x24): the form
# as the last run left it at the next start (not with --no-history, not over
# flags given on the command line), and a rerun that changes nothing is not
# a new run.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"

HIST=$XDG_STATE_HOME/sagescale/history.jsonl
runs() { [ -f "$HIST" ] && grep -c '"id"' "$HIST" || echo 0; }
start() {
    tui_stop
    tui_start 80 24 "$@" || { sleep 0.3; tui_start 80 24 "$@"; }
}

start -- --demo --job churn-xgboost-default --recommendation-id churn-xgboost-default/7c3e1a90 \
    --cpu 64 --min-invocations 200 --max-invocations 6000 --run
see "the first answer" "64 % per core"
check "one run in the history file" test "$(runs)" -eq 1
tui_keys r		# the keys are on the answer after a send
see "r sends the same request again" "Done in"
sleep 0.5
check "the same request with the same answer is not a new run ($(runs))" test "$(runs)" -eq 1
tui_keys +
see "a rerun at another CPU target" "65 % per core"
check "that is a new run ($(runs))" test "$(runs)" -eq 2
tui_keys F10
see "quit" "EXIT=0"

start -- --demo
see "restarted with no input flags" "Job name"
see "the form has the last run's job" "churn-xgboost-default"
see "its CPU target" "65    % per core"
see "its objective" "6000"
tui_keys Enter
see "Enter sends it at once" "65 % per core"
tui_keys F10
see "quit again" "EXIT=0"

start -- --demo --job another-job
see "input on the command line wins" "another-job"
not_see "no value of the last run mixed in" "6000"
tui_keys F10

start -- --demo --no-history
see "--no-history: started" "Job name"
not_see "--no-history: the form is empty" "churn-xgboost-default"
tui_keys F10
see "--no-history: quit" "EXIT=0"
# --- the History view: Enter loads a run into the form, r reruns it ---------
start -- --demo --no-history --job churn-xgboost-default \
    --recommendation-id churn-xgboost-default/7c3e1a90 --cpu 70 --run
see "a first run at 70" "70 % per core"
tui_keys +
see "a second at 71" "71 % per core"
tui_keys 3
see "History" "Enter load  r rerun"
tui_keys j Enter			# the older run, at 70
see "Enter loads the run into the form" "Run #1 is in the form"
see "... its CPU target" "70    % per core"
see "... the keys are on the form" "Enter send"
not_see "... nothing sent" "70 % per core"
tui_keys F6 3 j r
see "r reruns the selected run at once" "70 % per core"
see "... its request is in the form (the Request pane)" "Request: CPU 70"
tui_keys F10
see "quits" "EXIT=0"
tap_done
