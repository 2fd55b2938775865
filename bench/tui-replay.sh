#!/bin/bash
# bench/tui-replay.sh: the Replay view's redraw after a what-if answer
# (goal: at most 20 ms): at 80x24 and 200x60, the view loads a week of
# synthetic traffic, opens the chart, then 20 what-if keys (+ and -) each
# wait for their answer; the time from the answer's arrival to the screen
# (the replay in job_done, the chart, doupdate) is timed per answer
# (--bench-keys' WAIT, src/tui/bench.c).
#   SAGESCALE=./sagescale top_srcdir=. bash bench/tui-replay.sh
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}" "${SAGESCALE:=$PWD/sagescale}"
export top_srcdir SAGESCALE
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"

keys=$TEST_TMP/keys
{
    echo 6; echo l; echo WAIT; echo v
    for i in $(seq 10); do echo +; echo WAIT; echo -; echo WAIT; done
} >"$keys"

# run SIZE: the script at COLSxROWS; prints the worst and the median answer_ms.
run() {
    cp "$keys" "$TEST_TMP/k.$1"
    tui_start "${1%x*}" "${1#*x}" -- --demo --no-history --job churn-xgboost-default \
        --recommendation-id churn-xgboost-default/7c3e1a90 --cpu 60 --min-invocations 200 \
        --max-invocations 6000 --run --bench-keys "$TEST_TMP/k.$1"
    tui_wait "EXIT=" 120 || { echo "the key replay did not finish" >&2; return 1; }
    # The first answer_ms is the load (describe and traffic): not a what-if answer.
    awk '$1 == "answer_ms" { if (n++) print $2 }' "$TEST_TMP/k.$1.out" | sort -n |
        awk '{ v[NR] = $1 } END { printf "%s %s %d\n", v[NR], v[int((NR + 1) / 2)], NR }'
}
read -r w80 m80 n80 < <(run 80x24) || exit 1
read -r w200 m200 n200 < <(run 200x60) || exit 1
tui_stop
ok20() { awk -v a="$1" 'BEGIN { print (a != "" && a + 0 <= 20) ? "yes" : "no" }'; }
echo "figure|ours|peer|ratio|goal|met?"
echo "ms from a what-if answer to the Replay chart on screen, worst of $n80, 80x24|$w80|-|-|<= 20 ms|$(ok20 "$w80")"
echo "ms from a what-if answer to the Replay chart on screen, worst of $n200, 200x60|$w200|-|-|<= 20 ms|$(ok20 "$w200")"
echo "raw: medians $m80 ms (80x24), $m200 ms (200x60)"
