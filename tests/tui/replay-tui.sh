#!/bin/sh
# Screen tests of the Replay view at 80x24: load, the summary, what-if keys
# replaying at once (in the view and in the chart), the chart (round ticks,
# dates on the time axis, the summary under it), the Candidates table with
# the cheapest qualifying row marked (and "none qualifies"), another traffic
# source (CloudWatch from the simulator), and the Sweep view's cost and
# overloaded-minutes columns; a benchmarked endpoint instead of a
# recommendation, and another window (w: a duration or FROM..TO), plain
# cloudwatch for the form's endpoint.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"

JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
IN="--job $JOB --recommendation-id $REC --cpu 40 --min-invocations 200 --max-invocations 6000"

sim_start --quiet || tap_skip_all "simulator did not start"

scheck() {
    _d=$1; shift
    if "$@"; then ok "$_d"; else fail "$_d"; sed 's/^/#   /' "$TUI_SCREEN"; fi
}

tui_start 80 24 -- --endpoint-url "$SIM_URL" --no-history $IN --run || tap_skip_all "tmux did not start"
see "first answer at CPU 40" "40 % per core"	# the keys are on the answer after a send
tui_keys 6
see "the Replay tab is numbered 6" "6 Replay"
see "before loading, it says what l does and over what window" "Replays the form's recommendation (or its endpoint) over 7 days"
tui_keys l
see "l loads: what was read is shown" "Traffic: synthetic diurnal (seed 1)"
see "the traffic's minutes, points and gaps" "10080 minutes, 10080 points, no gaps"
see "the summary of the replay" "ml.c5.large at CPU 40%: capacity 1-5"
see "instance-hours and cost" "instance-hours, cost"

# A what-if key replays the new answer at once, and the view stays.
tui_keys +
see "+ replays at CPU 41 at once" "ml.c5.large at CPU 41%"
see "the Replay view stays in front" "instance-hours"
tui_keys -
see "- replays at CPU 40" "ml.c5.large at CPU 40%"

# The chart, with the summary under it.
tui_keys v
see "v opens the chart" "traffic (invocations/min)"
see_re "round ticks on the traffic axis" '(10k|5000|2000|1000|20k|25k)┤'
see_re "the time axis has dates" '└┬'
# At 80x24 a label a day; wider, the half-days between them have their time.
if tui_default_size; then dates=' [0-9]{2}-[0-9]{2} +[0-9]{2}-[0-9]{2}'
else dates=' [0-9]{2}-[0-9]{2} +12:00 +[0-9]{2}-[0-9]{2}'; fi
see_re "the time axis is labelled with dates" "$dates"
see "the summary under the chart" "instance-hours"
tui_capture
cols=$(tui_tmux display-message -p '#{pane_width}')
scheck "the chart fits $cols columns" python3 -c '
import sys
sys.exit(0 if all(len(l) <= int(sys.argv[2]) for l in open(sys.argv[1], encoding="utf-8").read().split("\n")) else 1)' "$TUI_SCREEN" "$cols"
tui_keys ')'
see "a what-if key in the chart replays at once" "ml.c5.large at CPU 50%"
tui_keys '('
see "and back" "ml.c5.large at CPU 40%"
tui_keys q
tui_wait_gone "traffic (invocations/min)"

# Every candidate at CPU 40: the cheapest without overload is marked.
tui_keys a
see "a shows the Candidates table" "Candidates at CPU 40%"
see "a row per instance type" "ml.c6i.xlarge"
see_re "the cheapest qualifying row is marked" '^[^*]*\* ml\.[a-z0-9.]+ +1 '
tui_capture
scheck "the four candidates are listed" sh -c "[ \$(grep -cE ' ml\.(c5|m5|c6i)\.' '$TUI_SCREEN') -eq 4 ]"
tui_keys q
tui_wait_gone "Candidates at CPU"

# At CPU 90 nothing keeps up with 6000 per minute on these capacities.
tui_keys c; tui_type 90; tui_keys Enter
see "c 90 replays at once" "ml.c5.large at CPU 90%"
tui_keys a
see "at 90 none qualifies: said so" "No candidate kept up with the traffic"
tui_keys q
tui_wait_gone "Candidates at CPU"

# Another traffic source: the simulator's CloudWatch week.
tui_keys t
see "t asks for the traffic" "Traffic (diurnal, step:AT:FROM:TO"
tui_keys C-u; tui_type sine; tui_keys Enter
see "an unknown shape is refused in the dialog" 'invalid --traffic "sine"'
tui_keys C-u; tui_type cloudwatch:churn-prod:primary; tui_keys Enter
see "CloudWatch traffic is loaded and shown" "CloudWatch AWS/SageMaker Invocations of churn-prod/primary"
# (Wider, the line breaks elsewhere in the sentence.)
if tui_default_size; then gap="(7 minutes without data, not replayed as traffic)"
else gap="(7 minutes without data, not replayed as"; fi
see "its gap is reported" "$gap"
see "and the answer replayed over it" "ml.c5.large at CPU 90%"

# The Sweep view gains Cost and OvMin.
tui_keys 5
tui_keys s
see "the sweep table has cost and overloaded-minutes columns" "Cost OvMin"
see "the sweep ends" "Sweep done: 10 answered"
see_re "a row with a replayed cost" '^ +10 +[0-9]+ +1 +[0-9]+ +300/60 +[0-9]+ +[0-9]+\.[0-9]{2} +[0-9]+  ok'

tui_keys F10
tui_stop

# An Advanced job's benchmarked endpoint in the form: replayed as a
# candidate of its own (its EndpointPerformances entry has no cost).
tui_start 80 24 -- --endpoint-url "$SIM_URL" --no-history --job resnet50-advanced \
    --endpoint-name resnet50-prod --cpu 40 --run
see "the endpoint's answer" "40 % per core"
tui_keys 6
tui_keys l
see "l loads for the endpoint" "10080 minutes, 10080 points, no gaps"
see "the endpoint is replayed" "resnet50-prod at CPU 40%: capacity 1-3"
see "its cost is unknown, and said so" "cost unknown"
tui_keys +
see "a what-if key replays the endpoint's new answer" "resnet50-prod at CPU 41%"
# Another window: two days.
tui_keys w
see "w asks for the window" "Window (7d, 36h or FROM..TO):"
tui_keys C-u; tui_type 99y; tui_keys Enter
see "a bad window is refused in the dialog" 'invalid duration "99y"'
tui_keys C-u; tui_type 2d; tui_keys Enter
see "w 2d loads two days" "2880 minutes, 2880 points, no gaps"
see "and replays over them" "resnet50-prod at CPU 41%"
see "the status bar names w" "w window"
# Plain cloudwatch: the form's endpoint's own traffic, over that window.
tui_keys t
tui_keys C-u; tui_type cloudwatch; tui_keys Enter
see "t cloudwatch reads the form's endpoint" "CloudWatch AWS/SageMaker Invocations of resnet50-prod/AllTraffic"
see "over the two days chosen" "2880 minutes"
see "and replays the endpoint over it" "resnet50-prod at CPU 41%"
# A window from a start to an end (three days ago to two days ago, UTC).
D3=$(date -u -d '3 days ago' +%Y-%m-%d); D2=$(date -u -d '2 days ago' +%Y-%m-%d)
tui_keys w
see "w shows the window's forms" "e.g. 2d or 2026-11-02..2026-11-09 (UTC)"
tui_keys C-u; tui_type "$D2..$D3"; tui_keys Enter
see "an end before the start is refused in the dialog" "invalid window"
tui_keys C-u; tui_type "$D3..$D2"; tui_keys Enter
see "w FROM..TO loads that range" "$D3 00:00 to $D2 00:00 UTC, 1440 minutes"
see "and replays over it" "resnet50-prod at CPU 41%"
tui_keys w
see "the dialog shows the range chosen" "$D3 00:00..$D2 00:00"
tui_keys Escape
tui_wait_gone "Window (7d"
tui_keys F10
tui_stop
tap_done
