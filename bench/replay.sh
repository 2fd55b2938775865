#!/bin/bash
# bench/replay.sh: the replay model and the whole `sagescale replay`.
#  1. Instructions per simulated minute per configuration (goal <= 150):
#     callgrind, counting replay_run only, over 30 days (43,200 minutes) x
#     91 CPU targets x 3 candidates (bench/replay model).
#  2. The whole `sagescale replay --demo --job fraud-lightgbm-default
#     --all-candidates --cpu 10:100:1 --traffic csv:30 days` (1 Describe +
#     273 recommendation requests to the built-in simulator) against the
#     model's own time for the same 273 x 43,200 minutes: the requests, not
#     the model, should take most of the wall time; the same command over
#     one minute of traffic gives the requests' share of it.
#  3. The Replay view's work after a what-if answer (a week replayed and
#     charted; goal <= 20 ms).
# Environment from bench/run or make: SAGESCALE, top_srcdir, top_builddir.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${SAGESCALE:=$top_builddir/sagescale}"
B=$top_builddir/bench/replay
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sagescale-replay-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if command -v valgrind >/dev/null 2>&1; then
    valgrind --tool=callgrind --toggle-collect=replay_run --callgrind-out-file="$tmp/cg" \
        "$B" model >"$tmp/model.out" 2>"$tmp/cg.err"
    ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/cg.err")
    awk -v ir="$ir" 'BEGIN { printf "replay instructions per simulated minute per configuration: %.1f (%d Ir / 43200 minutes / 273 configurations; goal <= 150)\n", ir / 43200 / 273, ir }'
else
    echo "replay instructions per simulated minute per configuration: - (no valgrind)"
fi

"$B" model 30 5 >"$tmp/model.out"
model_ms=$(sed -n 's/.* in \([0-9.]*\) ms.*/\1/p' "$tmp/model.out")
echo "replay model alone (best of 5): $model_ms ms for 273 x 43200 minutes ($(sed -n 's/.*: \([0-9.]* ns\) per.*/\1/p' "$tmp/model.out") per minute per configuration)"

# The 30-day series, and its first minute alone: the same 274 requests
# with (next to) no replay, so that the whole command's time splits into
# the requests' and the model's.
python3 -c '
import sys, math
for path, n in ((sys.argv[1], 43200), (sys.argv[2], 1)):
    with open(path, "w") as f:
        f.write("timestamp,invocations\n")
        for m in range(n):
            h = (m % 1440) / 60
            f.write("%d,%d\n" % (1793577600 + 60 * m, 500 + 19500 * math.exp(-(h - 14) ** 2 / 20)))
' "$tmp/30d.csv" "$tmp/1m.csv"
# whole [CSV]: the best of 5 wall times (ms) of the whole command over CSV
# (the 30 days by default) against CONN: --demo's built-in simulator (no
# latency) or `sagescale sim --fault-latency 20`.
whole() {
    best=
    for i in 1 2 3 4 5; do
        s=$(date +%s%N)
        timeout 300 "$SAGESCALE" replay "${CONN[@]}" --job fraud-lightgbm-default --all-candidates \
            --cpu 10:100:1 --min-invocations 500 --max-invocations 20000 \
            --traffic csv:"${1:-$tmp/30d.csv}" --output json >"$tmp/out.json" 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
        e=$(( ($(date +%s%N) - s) / 1000000 ))
        if [ -z "$best" ] || [ "$e" -lt "$best" ]; then best=$e; fi
    done
    echo "$best"
}
CONN=(--demo)
r0=$(whole "$tmp/1m.csv")
w0=$(whole)
runs=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["Runs"]))' "$tmp/out.json")
awk -v w="$w0" -v q="$r0" -v m="$model_ms" -v r="$runs" 'BEGIN { printf "whole replay, built-in simulator (no latency): %d ms (best of 5) for %d runs; the same requests over 1 minute of traffic %d ms (%.0f%% of the whole); the model alone %.0f ms\n", w, r, q, 100 * q / w, m }'
# A realistic round trip (20 ms per request) against the simulator.
"$SAGESCALE" sim --port 0 --fault-latency 20 >"$tmp/sim.log" 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null; rm -rf "$tmp"' EXIT
for i in $(seq 50); do url=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/sim.log" | head -1); [ -n "$url" ] && break; sleep 0.1; done
export AWS_ACCESS_KEY_ID=AKIDSAGESCALEDEMO AWS_SECRET_ACCESS_KEY=sagescale-demo-secret AWS_REGION=us-east-1
CONN=(--endpoint-url "$url")
r20=$(whole "$tmp/1m.csv")
w20=$(whole)
awk -v w="$w20" -v q="$r20" -v m="$model_ms" 'BEGIN { printf "whole replay, 20 ms per request: %d ms (best of 5); the same requests over 1 minute of traffic %d ms (%.0f%% of the whole); the model alone %.0f ms\n", w, q, 100 * q / w, m }'
kill $sim 2>/dev/null
"$B" draw
