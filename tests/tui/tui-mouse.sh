#!/bin/sh
# Mouse at 80x24, sent as the terminal sends it (SGR 1006 reports through
# tmux send-keys -l): a click on a tab shows its view, on a form field puts
# the cursor there, on a tree node selects it and a second click opens or
# closes it; the wheel scrolls the tree; --no-mouse and SAGESCALE_NO_MOUSE
# leave the events alone (nothing happens, nothing is typed).
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"

IN="--job churn-xgboost-default --recommendation-id churn-xgboost-default/7c3e1a90 --run --no-history"
start() {
    tui_stop
    tui_start 80 24 "$@" || { sleep 0.3; tui_start 80 24 "$@"; }
}
# press X Y: a left-button press and release at column X, row Y (1-based).
press() { tui_tmux send-keys -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' "$1" "$2" "$1" "$2")"; }
wheel_down() { tui_tmux send-keys -l "$(printf '\033[<65;%d;%dM' "$1" "$2")"; }
row_of() { grep -n -- "$1" "$TUI_SCREEN" | head -1 | cut -d: -f1; }

start -- --demo $IN
see "the answer" "50 % per core"
tui_capture
tabs=$(row_of "1 Policies")
# The "2 Errors" tab: its column on the tab row.
col=$(sed -n "${tabs}p" "$TUI_SCREEN" | awk '{ print index($0, "2 Errors") }')
press $((col + 1)) "$tabs"
see "a click on the Errors tab shows it" "No error"
tui_capture; col=$(sed -n "${tabs}p" "$TUI_SCREEN" | awk '{ print index($0, "1 Policies") }')
press $((col + 1)) "$tabs"
see "a click on the Policies tab shows the tree" "DynamicScalingConfiguration"
see "and the keys go to the views" "Tab form"

# A tree node: first click selects, second toggles.
tui_capture; y=$(row_of "ScalingPolicies \[2\]")
press 8 "$y"
see "a click selects a node (its path on the info line)" "DynamicScalingConfiguration.ScalingPolicies"
press 8 "$y"
if tui_wait_gone "▾ [0]" 5; then ok "a second click closes it"; else fail "a second click closes it"; sed 's/^/#   /' "$TUI_SCREEN"; fi
tui_capture; y=$(row_of "ScalingPolicies \[2\]")
press 8 "$y"
see "a third click on it (where it is now) opens it again" "▾ ScalingPolicies [2]"

# The wheel scrolls the tree.
tui_keys E
tui_capture; cp "$TUI_SCREEN" "$TEST_TMP/before"
wheel_down 10 "$((tabs + 3))"
wheel_down 10 "$((tabs + 3))"
if tui_wait_change "$TEST_TMP/before" 5; then ok "the wheel scrolls the tree"; else fail "the wheel scrolls the tree"; fi

# After the send the form is the collapsed Request pane: a click on it
# focuses the form, which opens; a click on a field puts the cursor there.
tui_capture; y=$(row_of "Request: CPU 50")
press 5 $((y + 1))
see "a click on the form focuses it" "Enter send"
see "the form opens" "CPU target   50    %"
tui_capture; y=$(row_of "CPU target   50    %")
press 5 "$y"
tui_keys C-e BSpace BSpace; tui_type 70; tui_keys Enter
see "typing goes into the clicked field" "70 % per core"
tui_keys F10
see "quit" "EXIT=0 TTY=same"

# --no-mouse and SAGESCALE_NO_MOUSE: the same bytes do nothing.
for how in flag env; do
    if [ $how = flag ]; then start -- --demo $IN --no-mouse; else start SAGESCALE_NO_MOUSE=1 -- --demo $IN; fi
    see "$how: the answer" "50 % per core"	# the keys are on the answer after a send
    tui_capture; col=$(sed -n "${tabs}p" "$TUI_SCREEN" | awk '{ print index($0, "2 Errors") }')
    press $((col + 1)) "$tabs"
    sleep 0.5
    not_see "$how: a click does not change the view" "No error"
    tui_keys F10
    see "$how: quit" "EXIT=0 TTY=same"
done
tap_done
