#!/bin/bash
# bench/recommend.sh: whole-process wall time and peak RSS of one
# `sagescale recommend` against a local `sagescale sim`, side by side in the
# same run with `curl --aws-sigv4` making the same signed request and, where
# installed, `aws sagemaker get-scaling-configuration-recommendation`.
# Goals (issue 2): within 1.5x of curl's wall time, >= 40x faster than the
# AWS CLI.  Uses hyperfine when present, else a timed loop; peak RSS from
# /usr/bin/time, else a python3 getrusage wrapper.
#   SAGESCALE=path/to/sagescale RUNS=40 AWS_RUNS=5 bash bench/recommend.sh
set -u
SAGESCALE=${SAGESCALE:-./sagescale}
RUNS=${RUNS:-40}
AWS_RUNS=${AWS_RUNS:-5}
[ -x "$SAGESCALE" ] || { echo "bench/recommend.sh: $SAGESCALE not built" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sagescale-bench-rec.XXXXXX")
SIM=
cleanup() { [ -n "$SIM" ] && kill "$SIM" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

"$SAGESCALE" sim --port 0 --quiet >"$tmp/sim.log" 2>&1 &
SIM=$!
URL=
for _ in $(seq 100); do
    URL=$(sed -n 's/^[^h]*\(http:\/\/127\.0\.0\.1:[0-9][0-9]*\).*/\1/p' "$tmp/sim.log" | head -1)
    [ -n "$URL" ] && break
    sleep 0.05
done
[ -n "$URL" ] || { echo "bench/recommend.sh: the simulator did not start" >&2; cat "$tmp/sim.log" >&2; exit 1; }

unset AWS_PROFILE AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE AWS_ENDPOINT_URL_SAGEMAKER
export AWS_ACCESS_KEY_ID=AKIDSAGESCALEDEMO AWS_SECRET_ACCESS_KEY=sagescale-demo-secret
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
export HOME=$tmp   # no ~/.aws of the user's
JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
BODY="{\"InferenceRecommendationsJobName\":\"$JOB\",\"RecommendationId\":\"$REC\"}"

# The three commands, as argument vectors (no shell in between).
OURS=("$SAGESCALE" recommend --endpoint-url "$URL" --job "$JOB" --recommendation-id "$REC")
CURL=(curl -sS --fail-with-body --aws-sigv4 "aws:amz:us-east-1:sagemaker"
      --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"
      -H "X-Amz-Target: SageMaker.GetScalingConfigurationRecommendation"
      -H "Content-Type: application/x-amz-json-1.1" --data "$BODY" "$URL/")
AWS=(aws sagemaker get-scaling-configuration-recommendation --endpoint-url "$URL"
     --inference-recommendations-job-name "$JOB" --recommendation-id "$REC")

names=(sagescale curl)
have_aws=0
if command -v aws >/dev/null 2>&1 && "${AWS[@]}" >/dev/null 2>&1; then
    have_aws=1; names+=(aws)
fi
for n in "${names[@]}"; do
    case $n in sagescale) c=("${OURS[@]}") ;; curl) c=("${CURL[@]}") ;; aws) c=("${AWS[@]}") ;; esac
    if ! "${c[@]}" >"$tmp/$n.out" 2>&1 || ! grep -q '"MinCapacity"' "$tmp/$n.out"; then
        echo "bench/recommend.sh: $n did not get the recommendation:" >&2; cat "$tmp/$n.out" >&2; exit 1
    fi
done

quote() { local s="" a; for a in "$@"; do s+=" $(printf '%q' "$a")"; done; echo "${s# }"; }

# mean_ms NAME RUNS CMD...: mean wall time in ms into $tmp/NAME.ms
mean_ms() {
    local n=$1 runs=$2; shift 2
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N --style none --warmup 2 --runs "$runs" --export-csv "$tmp/$n.csv" \
            -n "$n" "$(quote "$@")" >/dev/null 2>&1 &&
            awk -F, 'NR == 2 { printf "%.2f\n", $2 * 1000 }' "$tmp/$n.csv" >"$tmp/$n.ms" && return
    fi
    local i t0 t1
    "$@" >/dev/null 2>&1
    t0=$(date +%s%N)
    for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1; done
    t1=$(date +%s%N)
    awk -v a="$t0" -v b="$t1" -v n="$runs" 'BEGIN { printf "%.2f\n", (b - a) / n / 1e6 }' >"$tmp/$n.ms"
}

# peak_kb NAME CMD...: the median peak RSS of 3 runs, in KiB
peak_kb() {
    local n=$1; shift
    local i
    for i in 1 2 3; do
        if [ -x /usr/bin/time ]; then
            /usr/bin/time -f '%M' -o "$tmp/$n.rss$i" "$@" >/dev/null 2>&1
        else
            python3 -c 'import os, sys
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ,
                      file_actions=[(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0)])
print(os.wait4(pid, 0)[2].ru_maxrss)' "$@" >"$tmp/$n.rss$i"
        fi
    done
    sort -n "$tmp/$n.rss1" "$tmp/$n.rss2" "$tmp/$n.rss3" | sed -n 2p >"$tmp/$n.kb"
}

timer=loop; command -v hyperfine >/dev/null 2>&1 && timer="hyperfine $(hyperfine --version | awk '{print $2}')"
# ours and curl twice, interleaved, so that drift of a shared machine hits both
for round in 1 2; do
    mean_ms sagescale.$round "$RUNS" "${OURS[@]}"
    mean_ms curl.$round "$RUNS" "${CURL[@]}"
done
for n in sagescale curl; do
    awk '{ s += $1 } END { printf "%.2f\n", s / NR }' "$tmp/$n.1.ms" "$tmp/$n.2.ms" >"$tmp/$n.ms"
done
[ $have_aws -eq 1 ] && mean_ms aws "$AWS_RUNS" "${AWS[@]}"
for n in "${names[@]}"; do
    case $n in sagescale) c=("${OURS[@]}") ;; curl) c=("${CURL[@]}") ;; aws) c=("${AWS[@]}") ;; esac
    peak_kb "$n" "${c[@]}"
done

ours_ms=$(cat "$tmp/sagescale.ms")
echo "recommend: one GetScalingConfigurationRecommendation call against sagescale sim on loopback"
echo "timer: $timer, runs: $RUNS x 2 (sagescale, curl interleaved), $AWS_RUNS (aws); peak RSS: median of 3"
printf '%-10s %12s %14s %16s\n' tool "wall ms" "peak RSS MiB" "wall vs ours"
for n in "${names[@]}"; do
    ms=$(cat "$tmp/$n.ms"); kb=$(cat "$tmp/$n.kb")
    awk -v n="$n" -v ms="$ms" -v kb="$kb" -v o="$ours_ms" \
        'BEGIN { printf "%-10s %12.2f %14.1f %15.2fx\n", n, ms, kb / 1024, ms / o }'
done
curl_ms=$(cat "$tmp/curl.ms")
awk -v o="$ours_ms" -v c="$curl_ms" 'BEGIN { r = o / c; m = (r <= 1.5) ? "met" : "NOT met";
    printf "sagescale / curl wall time: %.2f (goal <= 1.50: %s)\n", r, m }'
if [ $have_aws -eq 1 ]; then
    awk -v o="$ours_ms" -v a="$(cat "$tmp/aws.ms")" 'BEGIN { r = a / o; m = (r >= 40) ? "met" : "NOT met";
        printf "aws / sagescale wall time: %.1f (goal >= 40: %s)\n", r, m }'
else
    echo "aws: not installed, not compared"
fi
