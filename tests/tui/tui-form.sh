#!/bin/sh
# Screen test: bad input in each form field is marked with the reason and
# nothing typed is lost; the recommendation ID / endpoint toggle keeps both
# texts; nothing is sent while the form is invalid.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"

sim_start --quiet || tap_skip_all "simulator did not start"
REC=churn-xgboost-default/7c3e1a90

tui_start 80 24 -- --endpoint-url "$SIM_URL"
see "the form is up" "Job name"

# An empty form: the job name is required.
tui_keys Enter
see_re "Enter on an empty form marks the job name" '^. Job name +!'
see "and says why" "Job name"
not_see "nothing was sent" "Done in"

# Job name with a space and a "!": marked when leaving the field, kept.
tui_type "bad job!"; tui_keys Tab
see_re "a bad job name is marked" '^. Job name +! bad job!'
see "the reason names the rule" "letters, digits and"
# Fix it in place: the mark goes as soon as it is right.
tui_keys BTab C-e BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
tui_type "churn-xgboost-default"
see_re "fixed: no mark" '^. Job name +churn-xgboost-default'

# Endpoint name: switch the toggle, type a bad name.
tui_keys Tab Space
see "Space switches the toggle to endpoint" "( ) Rec.ID (•) Endpoint"
tui_keys Tab; tui_type "bad_endpoint"; tui_keys Tab
see_re "a bad endpoint name is marked" '^. Endpoint +! bad_endpoint'
see "with its rule" "letters, digits and"
# Back to recommendation ID: each mode keeps its own text.
tui_keys BTab BTab Right
see "Right switches the toggle back" "(•) Rec.ID ( ) Endpoint"
tui_keys Tab; tui_type "$REC"
tui_keys BTab Space
see_re "the endpoint text came back with the toggle" '^. Endpoint +! bad_endpoint'
tui_keys Left
see_re "and the recommendation ID text too" '^. Rec. ID +churn-xgboost-default/7'

# CPU target: out of range and not a number, each marked.
tui_keys Tab Tab BSpace BSpace; tui_type 0; tui_keys Tab
see_re "CPU 0 is marked" '^. CPU target +! 0 '
see "the rule for the CPU target" "1 to 100"
tui_keys BTab BSpace; tui_type 101; tui_keys Tab
see_re "CPU 101 is marked" '^. CPU target +! 101'
tui_keys BTab BSpace BSpace BSpace; tui_type abc; tui_keys Tab
see_re "CPU abc is marked" '^. CPU target +! abc'
tui_keys BTab BSpace BSpace BSpace; tui_type 50; tui_keys Tab
see_re "CPU 50 is fine" '^. CPU target +50 '

# Invocations: not a number; negative; min above max.
tui_type x12; tui_keys Tab
see_re "min invocations x12 is marked" '^. Min invoc. +! x12'
tui_keys BTab C-a C-d; tui_keys Tab
see_re "min invocations 12 is fine" '^. Min invoc. +12 '
tui_type -5; tui_keys Tab
see_re "max invocations -5 is marked" '^. Max invoc. +! -5'
tui_keys BTab BSpace BSpace; tui_type 5
tui_keys Enter
see_re "min above max is marked on submit" '^. M(in|ax) invoc. +! (12|5) '
see "and explained" "12 > 5"
not_see "still nothing sent" "Done in"
# Everything typed is still there.
tui_capture
contains "the job name is kept" "$TUI_SCREEN" "churn-xgboost-default"
contains "the recommendation id is kept" "$TUI_SCREEN" "7c3e1a90"
contains "min is kept" "$TUI_SCREEN" "Min invoc. ! 12"

# Fix max; now it goes through.
see "the cursor went to the bad field" "Min invoc.: must not be more than"
tui_keys Down C-e BSpace; tui_type 500; tui_keys Enter
see "a valid form is sent" "Done in"
see "with the objective typed" "12 to 500 per minute"
tui_keys F10
see "quits" "EXIT=0"
tap_done
