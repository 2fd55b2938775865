#!/bin/bash
# bench/tui-keys.sh: time to handle one key (dispatch + redraw + doupdate)
# in the policy tree of a synthetic answer with 10,000 scaling policies
# (goal: at most 10 ms each): expand all, page through, jump to the end,
# search.  The answer comes from a file (SAGESCALE_TUI_RESPONSE_FILE, see
# src/tui/README), the keys from --bench-keys; the TUI runs in tmux at
# 80x24.  Peer: the same keys on the demo answer (2 policies).
#   SAGESCALE=./sagescale top_srcdir=. bash bench/tui-keys.sh [POLICIES]
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}" "${SAGESCALE:=$PWD/sagescale}"
export top_srcdir SAGESCALE
N=${1:-10000}
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"

# The synthetic answer: policies alternate predefined / customized, and
# every 100th has a metric specification this program does not know.
big=$TEST_TMP/big.json
awk -v n="$N" 'BEGIN {
    printf "{\"InferenceRecommendationsJobName\":\"synthetic\",\"RecommendationId\":\"synthetic/1\","
    printf "\"TargetCpuUtilizationPerCore\":50,\"Metric\":{\"InvocationsPerInstance\":800,\"ModelLatency\":20},"
    printf "\"DynamicScalingConfiguration\":{\"MinCapacity\":1,\"MaxCapacity\":%d,", n
    printf "\"ScaleInCooldown\":300,\"ScaleOutCooldown\":60,\"ScalingPolicies\":["
    for (i = 0; i < n; i++) {
        if (i) printf ","
        if (i % 100 == 99)
            printf "{\"TargetTracking\":{\"MetricSpecification\":{\"Future%d\":{\"X\":%d}},\"TargetValue\":%d}}", i, i, i
        else if (i % 2)
            printf "{\"TargetTracking\":{\"MetricSpecification\":{\"Customized\":{\"MetricName\":\"CPUUtilizationNormalized\",\"Namespace\":\"/aws/sagemaker/Endpoints\",\"Statistic\":\"Average\"}},\"TargetValue\":%d}}", i % 100 + 1
        else
            printf "{\"TargetTracking\":{\"MetricSpecification\":{\"Predefined\":{\"PredefinedMetricType\":\"SageMakerVariantInvocationsPerInstance\"}},\"TargetValue\":%d}}", 800 + i
    }
    printf "]}}\n"
}' >"$big"

keys=$TEST_TMP/keys
cat >"$keys" <<'EOF'
# (after --run the keys are on the tree) expand everything, page through it
E
PgDn x300
G
PgUp x300
g
j x200
k x50
Home
End
# search: type /Future9 and Enter, then n x20
/
F
u
t
u
r
e
9
Enter
n x20
N x5
C
E
EOF

# run_keys OUT [ENV=VALUE]: runs the key script, leaves its figures in OUT.
run_keys() {
    _out=$1; shift
    cp "$keys" "$TEST_TMP/k.$$"
    tui_start 80 24 "$@" -- --demo --job churn-xgboost-default \
        --recommendation-id churn-xgboost-default/7c3e1a90 --run --bench-keys "$TEST_TMP/k.$$"
    tui_wait "EXIT=" 120 || { echo "the key replay did not finish"; return 1; }
    cp "$TEST_TMP/k.$$.out" "$_out"
}

run_keys "$TEST_TMP/big.out" SAGESCALE_TUI_RESPONSE_FILE="$big" || exit 1
run_keys "$TEST_TMP/small.out" || exit 1
tui_stop
get() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }
bmax=$(get "$TEST_TMP/big.out" max_ms); bmean=$(get "$TEST_TMP/big.out" mean_ms)
smax=$(get "$TEST_TMP/small.out" max_ms); smean=$(get "$TEST_TMP/small.out" mean_ms)
nkeys=$(get "$TEST_TMP/big.out" keys); load=$(get "$TEST_TMP/big.out" load_ms)
r() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b+0==0) print "-"; else printf "%.2f", a/b }'; }
echo "figure|ours|peer|ratio|goal|met?"
echo "ms per key, worst, $N policies ($nkeys keys: E, PgDn/PgUp, G/g, j/k, search, n/N, C/E)|$bmax|$smax (2-policy demo answer)|$(r "$bmax" "$smax")|<= 10 ms|$(awk -v a="$bmax" 'BEGIN{print (a+0 <= 10) ? "yes" : "no"}')"
echo "ms per key, mean, $N policies|$bmean|$smean (2-policy demo answer)|$(r "$bmean" "$smean")|<= 10 ms|$(awk -v a="$bmean" 'BEGIN{print (a+0 <= 10) ? "yes" : "no"}')"
echo "raw: slowest key $(get "$TEST_TMP/big.out" max_key) (peer: $(get "$TEST_TMP/small.out" max_key)); keys over 10 ms: $(get "$TEST_TMP/big.out" over_10ms) (peer: $(get "$TEST_TMP/small.out" over_10ms))"
echo "raw: loading and parsing the $N-policy answer, building its tree: $load ms (not a key)"
