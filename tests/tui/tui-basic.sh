#!/bin/sh
# Screen test: fill the form, send it to the simulator, read the panes,
# walk and search the policy tree, help, quit.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"

sim_start --quiet || tap_skip_all "simulator did not start"
JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90

tui_start 80 24 -- --endpoint-url "$SIM_URL"
see "the form is shown" "Job name"
see "the status bar says ready and names the keys" "Ready"
not_see "nothing is sent before Enter" "Done in"

# Fill the form by typing, Tab/Down between fields.
tui_type "$JOB"; tui_keys Tab		# -> toggle
tui_keys Tab; tui_type "$REC"		# -> recommendation id
tui_keys Down; tui_keys BSpace BSpace; tui_type 60	# CPU 50 -> 60
tui_keys Down; tui_type 100
tui_keys Down; tui_type 5000
see "what was typed shows in the form" "Max invoc.   5000"
tui_keys Enter
see "the request completes" "Done in"
see "summary: the job" "Job          $JOB"
see "summary: the CPU target" "60 % per core"
see "summary: the objective" "100 to 5000 per minute"
see "summary: ModelLatency as a number, unit not documented" "(unit not documented)"
see "capacity: min and max" "Capacity     min 1  max"
see "cooldowns in seconds" "Cooldown     in 300 s  out 60 s"
see "the tree opens on the scaling configuration" "DynamicScalingConfiguration"
contains "the tree shows ScaleInCooldown in seconds" "$TUI_SCREEN" "ScaleInCooldown: 300  (seconds)"

# After a send the focus is on the answer (the view area): the tree's keys
# work at once and the info line shows the path.
see "the selected node's path is shown" " DynamicScalingConfiguration"
tui_keys j
see "j moves down" " DynamicScalingConfiguration.MinCapacity"
tui_keys k
see_re "k moves up" '^ DynamicScalingConfiguration *$'
tui_keys G
see "G goes to the last row: the second policy's statistic" \
    "DynamicScalingConfiguration.ScalingPolicies[1].TargetTracking.TargetValue"
see "both policies: the customized CPU metric" "MetricName: CPUUtilizationNormalized"
see "its namespace and statistic" "Statistic: Average"
tui_keys g
see "g goes to the first row" " InferenceRecommendationsJobName"
tui_keys C
see "C collapses everything" "▸ DynamicScalingConfiguration {5}"
tui_keys G
see_re "collapsed: G is the scaling configuration" '^ DynamicScalingConfiguration *$'
tui_keys l
see "l expands" "▾ DynamicScalingConfiguration"
tui_keys h
see "h collapses" "▸ DynamicScalingConfiguration {5}"
tui_keys Space
see "Space expands" "▾ DynamicScalingConfiguration"
tui_keys Enter
see "Enter collapses" "▸ DynamicScalingConfiguration {5}"
tui_keys E
see "E expands everything" "▾ ScalingPolicyObjective"
see "E: the scaling configuration too" "▾ DynamicScalingConfiguration"

# Search, n and N.
tui_keys / ; tui_type Predefined; tui_keys Enter
see_re "search selects the predefined metric (a long path keeps its start and end)" \
    '^ match 1 of 2: DynamicScali.*\[0\]\.TargetTracking\.MetricSpecification\.Predefined *$'
see "the first policy's predefined metric is there" \
    "PredefinedMetricType: SageMakerVariantInvocationsPerInstance"
tui_keys / ; tui_type Target; tui_keys Enter
see_re "search for Target: the next match after the selection, which of how many" \
    '^ match 3 of 5: DynamicScali.*\.ScalingPolicies\[0\]\.TargetTracking\.TargetValue *$'
tui_keys n
see_re "n: the next match, in the second policy" \
    '^ match 4 of 5: DynamicScalingConfiguration\.ScalingPolicies\[1\]\.TargetTracking *$'
tui_keys n
see_re "n again" '^ match 5 of 5: DynamicScali.*\.ScalingPolicies\[1\]\.TargetTracking\.TargetValue *$'
tui_keys n
see "n past the last match: the first, and it says it went on at the top" \
    "Search went past the end: on from the top (match 1 of 5)."
tui_keys N
see "N past the first match: the last, and it says it went on at the bottom" \
    "Search went past the start: on from the bottom (match 5 of 5)."
tui_keys N
see_re "N: back" '^ match 4 of 5: DynamicScalingConfiguration\.ScalingPolicies\[1\]\.TargetTracking *$'
tui_keys N N
see_re "N wraps backwards across policies" \
    '^ match 2 of 5: DynamicScalingConfiguration\.ScalingPolicies\[0\]\.TargetTracking *$'
tui_keys j
see_re "a move ends the count: the path alone" \
    '^ DynamicScalingConfiguratio.*\[0\]\.TargetTracking\.MetricSpecification *$'
tui_keys h h h h h
see_re "a collapsed policy says its type, metric and target in one line" \
    '▸ \[0\] \{1\}  \(TargetTracking, SageMakerVariantInvocationsPerInstance, target'
tui_keys Space
see "an open policy shows its members" "▾ [0]"
not_see "... and no summary" "(TargetTracking, SageMakerVariantInvocationsPerInstance"
tui_keys g
see_re "numbers with a unit say it: CPU in percent" 'TargetCpuUtilizationPerCore: [0-9]+  \(percent\)'
tui_keys / ; tui_type nosuchthing; tui_keys Enter
see "a search without a match says so" "Not found: nosuchthing"

# PgDn / PgUp.
tui_keys g NPage
# (11 rows at 80x24: after a send the form collapses and the view has them)
at_80x24 "PgDn moves a page (11 rows at 80x24)" &&
    see_re "PgDn moves a page (11 rows at 80x24)" '^ DynamicScalingConfiguration\.MaxCapacity *$'
tui_keys PPage
see_re "PgUp moves back" '^ InferenceRecommendationsJobName *$'

# Help lists every key.
tui_keys '?'
see "? opens the help" "Keys (q closes)"
: >"$TEST_TMP/help.txt"
# The current view's keys come first; page to the end (each page waited for).
tui_all_pages "$TEST_TMP/help.txt"
if sed -n 3,5p "$TEST_TMP/help.txt" | grep -q "Policies"; then ok "help: the current view's keys first"
else fail "help: the current view's keys first"; head -5 "$TEST_TMP/help.txt" | sed 's/^/#   /'; fi
contains "help: ? itself" "$TEST_TMP/help.txt" "this help"
contains "help: Esc cancels" "$TEST_TMP/help.txt" "cancel the running request"
contains "help: F6" "$TEST_TMP/help.txt" "switch between the form and the views"
contains "help: the form's Enter" "$TEST_TMP/help.txt" "send the request (supersedes a running one)"
contains "help: the form's toggle" "$TEST_TMP/help.txt" "on the toggle: recommendation ID or endpoint name"
contains "help: the tree's E / C" "$TEST_TMP/help.txt" "expand all / collapse all"
contains "help: the tree's search" "$TEST_TMP/help.txt" "next / previous match"
contains "help: q quits" "$TEST_TMP/help.txt" "quit (asks while a request runs)"
tui_keys q
tui_wait_gone "Keys (q closes)"
check "q closes the help" test $? -eq 0

# Quit: q, nothing running so no question.
tui_keys q
see "q quits at once when idle, exit status 0" "EXIT=0"
see "the terminal settings are restored" "TTY=same"
tui_stop

# A wider terminal shows a long path whole.
tui_start 120 30 -- --endpoint-url "$SIM_URL" --job "$JOB" --recommendation-id "$REC" --run
see "--run sends the pre-filled form at once" "Done in"
tui_keys / ; tui_type CPUUtil; tui_keys Enter		# the focus is on the answer
see "the full path of the customized metric name" \
    "DynamicScalingConfiguration.ScalingPolicies[1].TargetTracking.MetricSpecification.Customized.MetricName"
tui_keys F10
see "F10 quits" "EXIT=0"

# --demo: the embedded simulator; every input flag pre-fills the form.
tui_start 80 24 -- --demo --job resnet50-advanced --endpoint-name resnet50-prod \
    --cpu 70 --min-invocations 10 --max-invocations 900 --run
see "--demo says so in the title" "demo: embedded simulator"
see "--demo answers" "Done in"
tui_keys Tab				# the collapsed form opens again
see "--endpoint-name switches the form's toggle" "( ) Rec.ID (•) Endpoint"
see "the endpoint name is in the form" "resnet50-prod"
see "--cpu pre-fills the CPU target" "70 % per core"
see "--min/--max-invocations pre-fill the objective" "10 to 900 per minute"
see "the summary names the endpoint" "Endpoint     resnet50-prod"
tui_keys F10
see "quits" "EXIT=0"

# A bad pre-fill flag is refused before the screen opens (exit 2).
tui_start 80 24 -- --demo --cpu 0
see "a bad flag: exit status 2, no screen" "EXIT=2 TTY=same"
check "the reason is on stderr" grep -q -- "--cpu" "$TEST_TMP/tui.stderr"

tap_done
