#!/bin/sh
# Screen test: a service error in the Errors pane (code, message, request
# id, hint) with the form and the last good result kept; a slow request
# shows the spinner, is cancelled with Esc, superseded by a new Enter, and
# q asks before quitting while it runs.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"

sim_start --quiet || tap_skip_all "simulator did not start"
JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90

tui_start 80 24 -- --endpoint-url "$SIM_URL" --job "$JOB" --recommendation-id "$REC" --run
see "a good result first" "Done in"
see "its capacity" "Capacity     min 1"

# Change the job to one that does not exist and send again.  After a send
# the keys are on the answer: Tab goes back to the form, the cursor where
# it was (in the job name field).
tui_keys Tab C-e; tui_type "-nope"; tui_keys Enter
see "the failure is in the status bar" "Failed"
see "the Errors pane opens by itself" "The service answered with an error"
see "the error code" "ResourceNotFound"
see "the service's message" "Could not find inference recommendations job"
see_re "the request id" 'Request ID +[0-9a-f-]{36}'
see "the code carries the HTTP status" "ResourceNotFound (HTTP 400)"
see "a hint for an unknown job" "check the job name"
tui_capture
contains "the last good result stays in the summary" "$TUI_SCREEN" "Job          $JOB"
contains "and in the capacity pane" "$TUI_SCREEN" "Capacity     min 1"
tui_keys Tab
see "the form keeps what was typed" "default-nope"
tui_keys F6 1
see "the Policies tab still has the last good tree" "DynamicScalingConfiguration"
tui_keys F10
see "quits" "EXIT=0"
tui_stop
sim_stop "$SIM_PID"

# A network error: nothing listens on the port.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 9)
tui_start 80 24 AWS_MAX_ATTEMPTS=1 -- --endpoint-url "http://127.0.0.1:$port" \
    --job "$JOB" --recommendation-id "$REC" --run
see "a refused connection is a network error" "Network error"
see_re "with what happened" 'Message +.*(onnect|refused)'
tui_keys F10
see "quits" "EXIT=0"

# Throttling: the hint says to slow down.
sim_start --quiet --fault-throttle 5 || tap_skip_all "simulator did not start"
tui_start 80 24 AWS_MAX_ATTEMPTS=1 -- --endpoint-url "$SIM_URL" \
    --job "$JOB" --recommendation-id "$REC" --run
see "throttling is shown" "ThrottlingException"
tui_capture
check "with a hint" grep -q "^ *Hint " "$TUI_SCREEN"
tui_keys F10
see "quits" "EXIT=0"
tui_stop
sim_stop "$SIM_PID"

# A slow simulator: 4 s for every answer.
sim_start --quiet --fault-latency 4000 || tap_skip_all "slow simulator did not start"
tui_start 80 24 -- --endpoint-url "$SIM_URL" --job "$JOB" --recommendation-id "$REC"
see "form up" "Job name"
tui_keys Enter
see "running: the spinner with elapsed time" "Running"
see_re "the elapsed time advances" 'Running (0\.[5-9]|[1-9]\.[0-9]) s'
see "Esc is offered" "Esc cancel"
tui_keys Escape
see "Esc cancels within a second" "Cancelled" 1
not_see "no result arrived" "Done in"
not_see "no error pane for a cancel" "The service answered with an error"

# Superseding: send, send again; only the second one's result counts.
tui_keys Tab Enter
see "running again" "Running"
sleep 1
tui_keys Tab Down Down C-e BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
tui_type "0b9f42d1"; tui_keys Enter
see "the second request completes" "Done in" 8
# (the Summary, the rightmost pane, keeps the ID's distinguishing tail)
see_re "its result is the one shown" 'Rec\. ID +churn-xgboost-.*/0b9f42d1 *x$'
tui_capture
lacks "not the first one's" "$TUI_SCREEN" "7c3e1a90"
see_re "it took one latency, not two (the first was cancelled)" 'Done in ([4-5]\.[0-9] s|[0-9]+ ms)'

# q while a request runs asks; n keeps going; y quits.  (After the send the
# keys are on the views, where q quits.)
tui_keys Tab Enter
see "running once more" "Running"
tui_keys q
see "q asks while a request runs" "Quit anyway? (y/n)"
tui_keys n
tui_wait_gone "Quit anyway?"
check "n keeps the program running" test $? -eq 0
tui_keys q
see "asked again" "Quit anyway? (y/n)"
tui_keys y
see "y quits at once, the request abandoned" "EXIT=0" 2
see "the terminal is restored" "TTY=same"

# The question is asked only while a request runs: when the request ends
# meanwhile, the question goes (it would be false), the result is shown,
# and the next F10 quits at once.
tui_start 80 24 -- --endpoint-url "$SIM_URL" --job "$JOB" --recommendation-id "$REC" --run
see "--run: running" "Running"
tui_keys F10
see "F10 asks while the request runs" "Quit anyway? (y/n)"
tui_wait_gone "Quit anyway?" 15
check "the question goes when the request ends" test $? -eq 0
see "the result is shown" "Done in"
tui_keys F10
see "F10 then quits at once" "EXIT=0"
tap_done
