#!/bin/sh
# The Policies view's `:` (issue 14 item 2), as a person types at 80x24: the
# tree shows what a JMESPath expression makes of the answer, Esc brings the
# whole answer back, a bad expression says where it is wrong, the prompt
# has its own history (Up/Down), a what-if rerun keeps the expression, and
# the help and status bar name the keys.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"

JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
sim_start --quiet || tap_skip_all "simulator did not start"
tui_start 80 24 -- --endpoint-url "$SIM_URL" --job $JOB --recommendation-id $REC --cpu 50 --run \
    --no-history || { sleep 0.3; tui_start 80 24 -- --endpoint-url "$SIM_URL" --job $JOB \
    --recommendation-id $REC --cpu 50 --run --no-history; }
see "first answer" "50 % per core"	# the keys are on the answer after a send
tui_keys 1
see "the Policies view" "ScalingPolicies"

tui_keys :
tui_type "DynamicScalingConfiguration.ScalingPolicies[].TargetTracking.TargetValue"
see "the : prompt shows what is typed" ":DynamicScalingConfiguration.ScalingPolicies[]"
tui_keys Enter
see "Enter: the tree shows the result (an array of two)" "@ [2]"
see "... its values" "[1]: 50"
see "... the info line names the expression" "[:DynamicScalingConfiguration.ScalingPolicies[].TargetTracking.TargetValue]"
not_see "... the whole answer is gone" "MinCapacity"
see "the status bar names Esc and :" "Esc whole answer  : query"

tui_keys Escape
see "Esc: the whole answer again" "MinCapacity"
if tui_wait_gone "@ [2]"; then ok "... the result is gone"; else fail "... the result is gone"; fi
see "... the status bar's tree keys are back" "/ search  E/C expand"

tui_keys :
tui_type "foo.]"
tui_keys Enter
see "a syntax error names the column and the type" "column 5: syntax error: unexpected \"]\""
see "... and the expression" "[:foo.]]"
see "... the tree keeps the whole answer" "MinCapacity"
tui_keys :
tui_type "nope(@)"
tui_keys Enter
see "an unknown function is named" "column 1: unknown function: unknown function nope()"
tui_keys :
tui_type "length(@, @)"
tui_keys Enter
see "a wrong argument count is named" "column 1: invalid arity: length() takes 1 argument, got 2"
tui_keys :
tui_type "sum(DynamicScalingConfiguration)"
tui_keys Enter
see "a type error on the answer is named" "column 1: invalid type: su"
see "... its end: what it got, and the expression" "got object  [:sum(DynamicScalingConfiguration)]"

# --- the prompt's history ------------------------------------------------
tui_keys :
tui_keys Up
see "Up: the last expression typed" ":sum(DynamicScalingConfiguration)"
tui_keys Up Up Up
see "Up again: older ones" ":foo.]"
tui_keys Up
see "... the oldest" ":DynamicScalingConfiguration.ScalingPolicies[].TargetTracking.TargetValue"
tui_keys Down
see "Down: back towards the newest" ":foo.]"
tui_keys Escape
if tui_wait_gone ":foo.]"; then ok "Esc closes the prompt"; else fail "Esc closes the prompt"; fi

# --- a rerun keeps the expression ----------------------------------------
tui_keys :
tui_type "{min: DynamicScalingConfiguration.MinCapacity, cpu: TargetCpuUtilizationPerCore}"
tui_keys Enter
see "a multi-select hash: its keys as rows" "cpu: 50"
tui_keys +
see "a what-if rerun (+): the expression's result for the new answer" "cpu: 51"
tui_keys j
see "... still named on the info line" "[:{min: DynamicScaling"

# --- help ------------------------------------------------------------------
tui_keys Escape
see "Esc: the whole answer" "MinCapacity"
tui_keys '?'
see "help names :" "show what a JMESPath expression makes of the answer"
see "... and its Esc" "after :, the whole answer again"
tui_keys q
tui_stop
tap_done
