#!/bin/bash
# bench/tui-idle.sh: system calls per second of the TUI while nothing runs
# (goal: at most 1/s), counted by strace -c -f over a few seconds on every
# thread, next to peers measured the same way in the same run: the TUI
# while a slow request runs (spinner ticking), and top(1) refreshing.
#   SAGESCALE=./sagescale top_srcdir=. bash bench/tui-idle.sh  [SECONDS]
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}" "${SAGESCALE:=$PWD/sagescale}"
export top_srcdir SAGESCALE
SECS=${1:-5}
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"
command -v strace >/dev/null || { echo "strace not installed: skipped"; exit 0; }

# calls PID: total system calls of PID (all threads) over $SECS seconds.
calls() {
    timeout -s INT "$SECS" strace -q -c -f -p "$1" -o "$TEST_TMP/strace.$1" >/dev/null 2>&1
    # "100.00  0.000360  3  98  [errors]  total": calls is the fourth column.
    awk '$NF == "total" { print $4; found = 1 } END { if (!found) print 0 }' "$TEST_TMP/strace.$1"
}
per_s() { awk -v n="${1:-0}" -v s="$SECS" 'BEGIN { printf "%.2f", n / s }'; }

sim_start --quiet || { echo "simulator did not start"; exit 1; }
tui_start 80 24 -- --endpoint-url "$SIM_URL" --job churn-xgboost-default \
    --recommendation-id churn-xgboost-default/7c3e1a90 --run
tui_wait "Done in" || { echo "the TUI did not show a result"; exit 1; }
sleep 0.5
idle=$(calls "$(tui_pid)")
tui_keys F10; tui_wait "EXIT="

sim_stop "$SIM_PID"
sim_start --quiet --fault-latency $(( (SECS + 3) * 1000 )) || exit 1
tui_start 80 24 -- --endpoint-url "$SIM_URL" --job churn-xgboost-default \
    --recommendation-id churn-xgboost-default/7c3e1a90 --run
tui_wait "Running" || { echo "no running request"; exit 1; }
busy=$(calls "$(tui_pid)")
tui_stop

top_calls=-
if command -v top >/dev/null; then
    tui_tmux new-session -d -x 80 -y 24 "env TERM=xterm-256color top -d 1"
    sleep 0.5
    _sh=$(tui_tmux display-message -p '#{pane_pid}')
    top_calls=$(calls "$_sh")
    tui_stop
fi

i=$(per_s "$idle"); b=$(per_s "$busy"); t=$( [ "$top_calls" = - ] && echo - || per_s "$top_calls")
echo "figure|ours|peer|ratio|goal|met?"
echo "TUI idle syscalls/s (strace -c -f, ${SECS} s)|$i|$b (same TUI, spinner running)|$(awk -v a="$i" -v b="$b" 'BEGIN{ if (b+0==0) print "-"; else printf "%.3f", a/b }')|<= 1/s|$(awk -v a="$i" 'BEGIN{print (a+0 <= 1) ? "yes" : "no"}')"
echo "TUI idle syscalls/s vs top -d 1|$i|$t (top -d 1)|$(awk -v a="$i" -v b="$t" 'BEGIN{ if (b=="-" || b+0==0) print "-"; else printf "%.3f", a/b }')|<= 1/s|$(awk -v a="$i" 'BEGIN{print (a+0 <= 1) ? "yes" : "no"}')"
echo "raw: idle $idle calls, busy $busy calls, top ${top_calls} calls in ${SECS} s"
