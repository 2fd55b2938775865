#!/bin/sh
# Screen tests at 80x24 of the room for the answer and of terminals that
# lack things: z zooms the current view to the whole screen and back (Tab
# to the form ends it); p and P open the pickers as F2 and F3 do; under
# TERM=vt100 (no function keys of its own) the status bar names Ctrl-W and
# Ctrl-C; on the Linux console the tree and spinner use ASCII marks while
# the frames keep their lines.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"

IN="--job churn-xgboost-default --recommendation-id churn-xgboost-default/7c3e1a90 --run --no-history"
start() {
    tui_stop
    tui_start 80 24 "$@" || { sleep 0.3; tui_start 80 24 "$@"; }
}

# --- z: zoom ---------------------------------------------------------------
start -- --demo $IN
see "the answer" "50 % per core"
at_80x24 "a long ID in the Summary keeps its distinguishing tail" &&
    see "a long ID in the Summary keeps its distinguishing tail" "churn-xgboost-…/7c3e1a90"
# view_rows: the rows between the tabs and the frame line under the view.
view_rows() { awk '/1 Policies/ { on = 1; next } on && /^(q|─|-)+$/ { exit } on { n++ } END { print n + 0 }' "$TUI_SCREEN"; }
tui_keys E				# the keys are on the answer after a send
see "the tree is open" "ScalingPolicies"
tui_capture; rows_before=$(view_rows)
tui_keys z
# (after the send the form is the collapsed Request pane)
if tui_wait_gone "Request: CPU 50"; then ok "z: the request pane goes"; else fail "z: the request pane goes"; fi
not_see "z: the summary pane goes too" "per core"
see "z: the tree is still there" "DynamicScalingConfiguration"
see "z: its tabs are on the second row" "1 Policies"
tui_capture
if sed -n 2p "$TUI_SCREEN" | grep -q "1 Policies"; then ok "z: the view starts under the title"
else fail "z: the view starts under the title"; sed 's/^/#   /' "$TUI_SCREEN"; fi
see "z: more of the open tree shows" "TargetValue"
tui_capture; rows_after=$(view_rows)
# The collapsed top is 8 rows: the zoom gives those to the view.
check "z: the view gets 8 more rows ($rows_before -> $rows_after)" test "$rows_after" -eq $((rows_before + 8))
tui_keys z
see "z again: the request pane is back" "Request: CPU 50"
tui_keys z
tui_wait_gone "Request: CPU 50" || true
tui_keys Tab
see "Tab to the form ends the zoom" "Job name"
tui_keys F6
see "back in the views: zoomed again (the zoom was kept)" "1 Policies"
tui_wait_gone "Job name" || true
not_see "no request pane" "Job name"
not_see "no collapsed request pane either" "Request: CPU 50"
tui_keys z

# --- y / Y: the selected value and its path to the clipboard (OSC 52) ------
tui_tmux set-option -s set-clipboard on >/dev/null 2>&1
see "not zoomed: the request pane shows" "Request: CPU 50"
tui_keys /; tui_type ScaleInCooldown; tui_keys Enter
see "search selects ScaleInCooldown" "DynamicScalingConfiguration.ScaleInCooldown"
tui_keys y
see "y says what it copied" "Copied 300 (OSC 52)."
check "the terminal got the value (tmux's buffer: $(tui_tmux show-buffer 2>/dev/null))" \
    test "$(tui_tmux show-buffer 2>/dev/null)" = "300"
tui_keys Y
see "Y copies the path" "Copied the path DynamicScalingConfiguration.ScaleInCooldown"
check "the terminal got the path" test "$(tui_tmux show-buffer 2>/dev/null)" = "DynamicScalingConfiguration.ScaleInCooldown"
tui_keys /; tui_type "ScalingPolicies"; tui_keys Enter; tui_keys y
see "y on a node with members says what to do" "Not a value (it has members): Y copies its path."

# --- stale is visible: a failed request leaves the earlier answer marked -----
tui_keys Tab C-e; tui_type x; tui_keys Enter
see "a request for a job that does not exist fails" "ResourceNotFound"
see "the Summary pane says its answer is an earlier one, with its time" "Summary, earlier answer ("
see "so does the Capacity pane" "Capacity and cooldowns ("
see "the view area says it too" " earlier answer "
tui_keys Tab BSpace Enter		# the keys were on the answer: Tab to the form first
see "the next good answer" "Done in"
tui_wait_gone "earlier answer" || true
not_see "no longer marked once a request succeeds" "earlier answer"

# --- p / P: the pickers without F2 / F3 -------------------------------------
tui_keys p
see "p opens the job picker" "Pick a job"
tui_keys Escape
tui_wait_gone "Pick a job" || true
tui_keys P
see "P opens the recommendations of the form's job" "churn-xgboost-default"
see "P: the recommendation list" "ml."
tui_keys Escape
tui_keys F10
see "F10 quits" "EXIT=0 TTY=same"

# --- TERM=vt100: no function keys of its own --------------------------------
start TERM=vt100 -- --demo $IN
see "vt100: the answer" "50 % per core"
tui_keys Tab				# the keys were on the answer: to the form
see "vt100: the form's status bar names Ctrl-W" "Ctrl-W views"
see "vt100: and Ctrl-C to quit" "Ctrl-C quit"
not_see "vt100: no F6 named" "F6 views"
tui_keys C-w
see "vt100: Ctrl-W goes to the views" "Tab form"
tui_keys q
see "vt100: q quits" "EXIT=0 TTY=same"

# --- xterm: F-keys named as before ------------------------------------------
start -- --demo $IN
see "xterm: the answer" "Done in"
tui_keys Tab
see "xterm: F6 named" "F6 views"
tui_keys F10
see "xterm: F10 quits" "EXIT=0 TTY=same"

# --- TERM=linux: ASCII marks, frames kept ------------------------------------
start TERM=linux -- --demo $IN
see "console: the answer" "50 % per core"
see "console: the tree's open mark is ASCII" "- DynamicScalingConfiguration"
not_see "console: no small triangle" "▾"
tui_capture
if grep -q '[─│┌└]\|[lqkxmj]\{3\}' "$TUI_SCREEN"; then ok "console: the frames keep their lines"
else fail "console: the frames keep their lines"; sed 's/^/#   /' "$TUI_SCREEN"; fi
tui_keys F10
see "console: F10 quits" "EXIT=0 TTY=same"
tap_done
