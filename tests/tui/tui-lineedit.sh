#!/bin/sh
# Screen tests of the one line editor every prompt uses (tui/lineedit.c,
# tui/widget-input.c), driven as a person types at 80x24: the readline keys
# in the what-if CPU prompt and the tree's `/` search, each prompt's own
# history with Up/Down, the cursor shown, and escape sequences the terminal
# sends that curses does not know never becoming text in a form field.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"

JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
sim_start --quiet || tap_skip_all "simulator did not start"

tui_start 80 24 -- --endpoint-url "$SIM_URL" --job $JOB --recommendation-id $REC --cpu 50 --run \
    --no-history || { sleep 0.3; tui_start 80 24 -- --endpoint-url "$SIM_URL" --job $JOB \
    --recommendation-id $REC --cpu 50 --run --no-history; }
see "first answer" "50 % per core"	# the keys are on the answer after a send

# --- the CPU prompt: typing, moving, killing -------------------------------
tui_keys c
see "c opens the CPU prompt" "New CPU target (1-100, now 50):"
tui_type "75"; tui_keys Left; tui_type "1"
see "Left moves the cursor: the digit goes before the last one" "now 50): 715"
tui_keys C-a; tui_keys C-k
see "Ctrl-A then Ctrl-K clears the line" "now 50):  "
not_see "nothing of 715 is left" "715"
tui_type "6x5"
see "digits only: the x is not taken" "now 50): 65"
tui_keys C-b C-b; tui_keys C-d
see "Ctrl-B twice then Ctrl-D deletes the 6" "now 50): 5 "
tui_keys C-e; tui_keys BSpace; tui_type "62"
see "Ctrl-E, Backspace and typing" "now 50): 62"
tui_keys Enter
see "Enter reruns at the typed value" "62 % per core"

# --- its history ------------------------------------------------------------
tui_keys c
see "the prompt opens empty again" "now 62):  "
tui_keys Up
see "Up brings back the last value typed here" "now 62): 62"
tui_keys Escape
if tui_wait_gone "New CPU target"; then ok "Esc closes the prompt"; else fail "Esc closes the prompt"; fi
tui_keys c; tui_type "5"; tui_keys Up
see "Up from a line being typed shows the history" "now 62): 62"
tui_keys Down
see "Down returns to the line being typed" "now 62): 5 "
tui_keys Escape
tui_wait_gone "New CPU target" || true

# --- the tree's / search ----------------------------------------------------
tui_keys 1
tui_keys /
tui_type "Value Target"
see "the search prompt shows what is typed" "/Value Target"
tui_keys M-b
tui_keys C-w
see "Alt-B then Ctrl-W: the word before the cursor goes" "/Target"
tui_keys C-e; tui_type "Value"
see "Ctrl-E then typing appends" "/TargetValue"
tui_keys Enter
see "Enter searches: the match is selected" "TargetValue"
tui_keys /
tui_keys Up
see "the search prompt has its own history" "/TargetValue"
tui_keys Escape

# --- unknown escape sequences -----------------------------------------------
tui_keys Tab
see "Tab goes to the form" "Enter send"
tui_keys End
# CSI with a final byte no terminfo names, then SS3 with one: both dropped.
tui_tmux send-keys -l "$(printf '\033[1;9Z\033Oz')"
sleep 0.3
tui_capture
if grep -q '1;9Z\|Oz' "$TUI_SCREEN"; then fail "an unknown escape sequence types nothing into the field"
    sed 's/^/#   /' "$TUI_SCREEN"; else ok "an unknown escape sequence types nothing into the field"; fi
tui_keys F10
see "F10 quits" "EXIT=0 TTY=same"
tap_done
