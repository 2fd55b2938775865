#!/bin/bash
# bench/tui-start.sh: `sagescale --demo` from exec to its first full screen
# (goal: at most 30 ms): on a pseudo-terminal at 80x24, until the status bar
# (the last thing the first frame draws) has been written; the median of 20
# runs (bench/ptytime.py).  Peer: less(1) on a short file, until its
# "(END)" prompt, timed the same way.
#   SAGESCALE=./sagescale top_srcdir=. bash bench/tui-start.sh
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}" "${SAGESCALE:=$PWD/sagescale}"
home=$(mktemp -d "${TMPDIR:-/tmp}/sagescale-start.XXXXXX")
trap 'rm -rf "$home"' EXIT
printf 'line\n' >"$home/short.txt"
export HOME=$home LC_ALL=C.UTF-8
set -- $(python3 "$top_srcdir/bench/ptytime.py" 20 "F10 quit" "$SAGESCALE" --demo --no-history)
ours_best=$1 ours=$2 n=$3
set -- $(python3 "$top_srcdir/bench/ptytime.py" 20 "(END)" less "$home/short.txt")
peer=${2:--}
echo "figure|ours|peer|ratio|goal|met?"
echo "--demo start to the first full screen, median of $n (ms, 80x24)|$ours|$peer (less on a short file)|$(awk -v a="$ours" -v b="$peer" 'BEGIN { if (b == "-" || b + 0 == 0) print "-"; else printf "%.2f", a / b }')|<= 30|$(awk -v a="$ours" 'BEGIN{print (a+0 <= 30) ? "yes" : "no"}')"
echo "raw: best $ours_best ms"
