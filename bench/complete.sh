#!/bin/bash
# bench/complete.sh: how long a Tab takes, measured through the bash
# completion function as a shell calls it: job names with the cache warm
# (goal: at most 20 ms), a flag name, and the AWS CLI's aws_completer on a
# command name as the peer, in the same run.  Median of N runs each.
#   SAGESCALE=./sagescale top_srcdir=. bash bench/complete.sh [N]
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}" "${SAGESCALE:=$PWD/sagescale}"
export top_srcdir SAGESCALE
N=${1:-30}
. "$top_srcdir/tests/lib/lib.sh"
PATH=$(dirname "$SAGESCALE"):$PATH
sim_start --quiet || { echo "simulator did not start"; exit 1; }

# median_ms CMD...: the median wall time of N runs, in milliseconds.
# $EPOCHREALTIME, not $(date): a date forked for the second reading
# started inside the interval and added its own start-up to every run.
median_ms() {
    local i t0 t1
    for ((i = 0; i < N; i++)); do
        t0=$EPOCHREALTIME; "$@" >/dev/null 2>&1; t1=$EPOCHREALTIME
        echo $(((${t1/./} - ${t0/./})))
    done | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1000 }'
}
# cpu_ms CMD...: the mean CPU time (user + system, of the processes a run
# starts) of N runs, in milliseconds: what a loaded machine does not
# stretch as it stretches wall time.
cpu_ms() {
    (
        for ((i = 0; i < N; i++)); do "$@" >/dev/null 2>&1; done
        times
    ) | tail -n 1 | awk -v n="$N" '{
        t = 0
        for (f = 1; f <= 2; f++) { split($f, p, "m"); t += p[1] * 60 + p[2] }
        printf "%.1f", t * 1000 / n }'
}
. "$top_srcdir/data/completion/sagescale"
tab() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _sagescale; }
tab sagescale recommend --job "" >/dev/null	# warms the cache
warm=$(median_ms tab sagescale recommend --job "")
warm_cpu=$(cpu_ms tab sagescale recommend --job "")
flags=$(median_ms tab sagescale jobs --o)
peer=-
if command -v aws_completer >/dev/null; then
    peer_tab() { COMP_LINE="aws sagem" COMP_POINT=9 aws_completer; }
    peer=$(median_ms peer_tab)
fi
echo "complete-warm-ms $warm"
echo "complete-warm-cpu-ms $warm_cpu"
echo "complete-flags-ms $flags"
echo "aws-completer-ms $peer"
