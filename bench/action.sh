#!/bin/sh
# bench/action.sh [BUILDDIR]: issue 6 figures against a private simulator,
# each beside its peer in the same run (median wall time of N runs):
#   - every page of ListInferenceRecommendationsJobs (page size 1):
#     `sagescale jobs` vs `aws sagemaker list-inference-recommendations-jobs`
#   - applying a recommendation: `sagescale apply` (4 calls, one process) vs
#     the exported AWS CLI script (3 aws processes, without the Get)
# Bounded: N=5 by default (BENCH_N), a few seconds in all.
set -u
builddir=${1:-.}
SAGESCALE=${SAGESCALE:-$builddir/sagescale}
N=${BENCH_N:-5}
[ -x "$SAGESCALE" ] || { echo "action.sh: $SAGESCALE not built" >&2; exit 1; }
command -v aws >/dev/null 2>&1 || { echo "action.sh: the AWS CLI is not installed: no peer" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sagescale-bench-action.XXXXXX")
"$SAGESCALE" sim --port 0 --quiet >"$tmp/sim.log" 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null; wait $sim 2>/dev/null; rm -rf "$tmp"' EXIT
i=0
while [ $i -lt 100 ] && ! grep -q 'http://127' "$tmp/sim.log"; do sleep 0.05; i=$((i + 1)); done
url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$tmp/sim.log" | head -1)
[ -n "$url" ] || { echo "action.sh: the simulator did not start" >&2; exit 1; }
export AWS_ACCESS_KEY_ID=AKIDSAGESCALEDEMO AWS_SECRET_ACCESS_KEY=sagescale-demo-secret
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ENDPOINT_URL=$url
export AWS_EC2_METADATA_DISABLED=true

# median_ms CMD...: median wall time of N runs, in milliseconds.
median_ms() {
    k=0
    : >"$tmp/times"
    while [ $k -lt "$N" ]; do
        s=$(date +%s%N)
        "$@" >/dev/null 2>&1 || { echo "action.sh: failed: $*" >&2; exit 1; }
        e=$(date +%s%N)
        echo $(( (e - s) / 1000000 )) >>"$tmp/times"
        k=$((k + 1))
    done
    sort -n "$tmp/times" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { r = 0; if (b > 0) r = a / b; printf "%.2f", r }'; }

ours=$(median_ms "$SAGESCALE" jobs --page-size 1)
peer=$(median_ms aws sagemaker list-inference-recommendations-jobs --page-size 1)
echo "jobs, every page (page size 1): sagescale ${ours} ms, aws cli ${peer} ms, ratio $(ratio "$ours" "$peer")"

input="--job churn-xgboost-default --recommendation-id churn-xgboost-default/7c3e1a90"
"$SAGESCALE" apply $input --dry-run >"$tmp/apply.sh" 2>/dev/null
ours=$(median_ms "$SAGESCALE" apply $input)
peer=$(median_ms sh "$tmp/apply.sh")
echo "apply (Get + 3 calls): sagescale ${ours} ms, exported aws cli script (3 calls) ${peer} ms, ratio $(ratio "$ours" "$peer")"
