#!/bin/bash
# bench/tui-mouse.sh: bytes the TUI writes to the terminal for one mouse
# click that selects a node of the policy tree (goal: at most 200),
# captured with tmux pipe-pane around each click at 80x24: a click (SGR
# 1006 press and release, as the terminal sends them) on each of the tree's
# rows in turn, then back up; the worst and the median next to a full
# repaint (Ctrl-L) of the same screen.
#   SAGESCALE=./sagescale top_srcdir=. bash bench/tui-mouse.sh
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}" "${SAGESCALE:=$PWD/sagescale}"
export top_srcdir SAGESCALE
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"

# capture CMD...: the bytes the program writes in answer to CMD.
capture() {
    PIPES=$(( ${PIPES:-0} + 1 ))
    _f=$TEST_TMP/pipe.$PIPES
    : >"$_f"
    tui_tmux pipe-pane -o "cat >>'$_f'"
    sleep 0.1
    "$@"
    sleep 0.2
    tui_tmux pipe-pane
    sleep 0.05
    wc -c <"$_f" | tr -d ' '
}
click() { tui_tmux send-keys -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' "$1" "$2" "$1" "$2")"; }

tui_start 80 24 -- --demo --no-history --job churn-xgboost-default \
    --recommendation-id churn-xgboost-default/7c3e1a90 --run
tui_wait "Done in" || { echo "the TUI did not show a result"; exit 1; }
tui_keys F6
sleep 0.3
# Open on the first row (as bench/tui-bytes.sh does), then click.
tui_keys g
sleep 0.2
tui_capture
# The tree's rows: from the row under the tabs to the row above the line.
tabs=$(grep -n "1 Policies" "$TUI_SCREEN" | head -1 | cut -d: -f1)
first=$((tabs + 1)); last=$((first + 5))
: >"$TEST_TMP/clicks"
for y in $(seq "$first" "$last") $(seq "$last" -1 "$first"); do
    echo "$y $(capture click 10 "$y")" >>"$TEST_TMP/clicks"
done
repaint=$(capture tui_keys C-l)
[ -n "${TUI_MOUSE_DUMP:-}" ] && cat -v "$TEST_TMP"/pipe.1 >"$TUI_MOUSE_DUMP"
tui_keys F10
n=$(awk '$2 > 0' "$TEST_TMP/clicks" | wc -l | tr -d ' ')
worst=$(awk '{print $2}' "$TEST_TMP/clicks" | sort -n | tail -1)
median=$(awk '$2 > 0 {print $2}' "$TEST_TMP/clicks" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "figure|ours|peer|ratio|goal|met?"
echo "bytes to the terminal for one click selecting a tree node, worst of $n (80x24)|$worst|$repaint (Ctrl-L full repaint)|$(awk -v a="$worst" -v b="$repaint" 'BEGIN{ if (b+0==0) print "-"; else printf "%.3f", a/b }')|<= 200|$(awk -v a="$worst" 'BEGIN{print (a+0 <= 200) ? "yes" : "no"}')"
echo "raw: median $median bytes; per click (row bytes): $(tr '\n' ' ' <"$TEST_TMP/clicks")"
