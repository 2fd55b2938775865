#!/bin/bash
# bench/tui-bytes.sh: bytes the TUI writes to the terminal for one cursor
# move in the policy tree (goal: at most 200), captured with tmux
# pipe-pane around single keys at 80x24: every move down the whole expanded
# tree (j) and back up (k), scrolling included; the worst and the median
# are reported next to a full repaint (Ctrl-L) of the same screen.
#   SAGESCALE=./sagescale top_srcdir=. bash bench/tui-bytes.sh
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}" "${SAGESCALE:=$PWD/sagescale}"
export top_srcdir SAGESCALE
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"

# bytes KEY...: what the program writes in answer to the keys.
bytes() {
    PIPES=$(( ${PIPES:-0} + 1 ))
    _f=$TEST_TMP/pipe.$PIPES
    : >"$_f"
    tui_tmux pipe-pane -o "cat >>'$_f'"
    sleep 0.1
    tui_keys "$@"
    sleep 0.2
    tui_tmux pipe-pane
    sleep 0.05
    wc -c <"$_f" | tr -d ' '
}

sim_start --quiet || { echo "simulator did not start"; exit 1; }
tui_start 80 24 -- --endpoint-url "$SIM_URL" --job churn-xgboost-default \
    --recommendation-id churn-xgboost-default/7c3e1a90 --run
tui_wait "Done in" || { echo "the TUI did not show a result"; exit 1; }
sleep 0.3	# after --run the keys are on the answer (the tree)
# Open on the first row, then every move down and back up.
tui_keys g
sleep 0.2
rows=27		# the demo answer's tree has 27 rows; extra moves at the end cost 0
: >"$TEST_TMP/moves"
for i in $(seq 1 "$rows"); do echo "j $(bytes j)" >>"$TEST_TMP/moves"; done
for i in $(seq 1 "$rows"); do echo "k $(bytes k)" >>"$TEST_TMP/moves"; done
arrow=$(bytes Down)
echo "Down $arrow" >>"$TEST_TMP/moves"
repaint=$(bytes C-l)
tui_keys F10
n=$(awk '$2 > 0' "$TEST_TMP/moves" | wc -l | tr -d ' ')
worst=$(awk '{print $2}' "$TEST_TMP/moves" | sort -n | tail -1)
median=$(awk '$2 > 0 {print $2}' "$TEST_TMP/moves" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
mean=$(awk '$2 > 0 { s += $2; n++ } END { printf "%.1f", n ? s / n : 0 }' "$TEST_TMP/moves")
echo "figure|ours|peer|ratio|goal|met?"
echo "bytes to the terminal for one tree move, worst of $n moves (j/k/Down, 80x24)|$worst|$repaint (Ctrl-L full repaint)|$(awk -v a="$worst" -v b="$repaint" 'BEGIN{ if (b+0==0) print "-"; else printf "%.3f", a/b }')|<= 200|$(awk -v a="$worst" 'BEGIN{print (a+0 <= 200) ? "yes" : "no"}')"
echo "bytes for one tree move, median|$median|$repaint (Ctrl-L full repaint)|$(awk -v a="$median" -v b="$repaint" 'BEGIN{ if (b+0==0) print "-"; else printf "%.3f", a/b }')|<= 200|$(awk -v a="$median" 'BEGIN{print (a+0 <= 200) ? "yes" : "no"}')"
echo "raw: mean $mean bytes; per move: $(tr '\n' ' ' <"$TEST_TMP/moves")"
