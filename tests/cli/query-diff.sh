#!/bin/sh
# Random JMESPath expressions (seeded: QUERY_DIFF_SEED reruns one) over the
# simulator's answers -- a jobs listing, job descriptions, recommendations --
# through `sagescale ... --query` and through the jmespath Python module
# (tests/lib/query-diff.py): the same JSON, byte for byte, or exit 2 where the
# module rejects the expression.  Bounded: QUERY_DIFF_COUNT per answer.
. "$top_srcdir/tests/lib/lib.sh"
command -v python3 >/dev/null || tap_skip_all "python3 is not installed"
python3 -c 'import jmespath' 2>/dev/null || tap_skip_all "the jmespath Python module is not installed"
sim_start --quiet || { fail "simulator starts"; tap_done; }
seed=${QUERY_DIFF_SEED:-20261202}
echo "# seed $seed"
timeout 600 python3 "$top_srcdir/tests/lib/query-diff.py" "$SAGESCALE" "$seed" "${QUERY_DIFF_COUNT:-40}" \
    "jobs:jobs" \
    "job-bert:job bert-ner-default" \
    "job-resnet:job resnet50-advanced" \
    "job-failed:job llama-tiny-default" \
    "recommend:recommend --job churn-xgboost-default --recommendation-id churn-xgboost-default/0b9f42d1 --cpu 50 --min-invocations 1000 --max-invocations 20000" \
    "recommend-endpoint:recommend --job resnet50-advanced --endpoint-name resnet50-prod"
