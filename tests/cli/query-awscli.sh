#!/bin/bash
# --query against the AWS CLI's: the same expression over the same answer
# (both clients against one `sagescale sim`) prints byte for byte the same
# in json, table and text, for recommend, jobs (also paged: text applies
# the expression page by page, as the AWS CLI does) and job; yaml and
# yaml-stream (which the installed AWS CLI v1 lacks) read back as the
# json.  Plus the bad expressions: a usage error (exit 2) naming the column
# and the error type, with nothing sent to the service.
. "$top_srcdir/tests/lib/lib.sh"
command -v python3 >/dev/null || tap_skip_all "python3 is not installed"
python3 -c 'import awscli' 2>/dev/null || tap_skip_all "the AWS CLI is not installed"

sim_start || { fail "simulator starts"; tap_done; }
export AWS_EC2_METADATA_DISABLED=true AWS_PAGER= AWS_MAX_ATTEMPTS=1
A="--endpoint-url $SIM_URL --region us-east-1"
O=$TEST_TMP/out E=$TEST_TMP/err

RS="recommend --job churn-xgboost-default --recommendation-id churn-xgboost-default/0b9f42d1 --cpu 50 --min-invocations 1000 --max-invocations 20000"
RA="sagemaker get-scaling-configuration-recommendation --inference-recommendations-job-name churn-xgboost-default --recommendation-id churn-xgboost-default/0b9f42d1 --target-cpu-utilization-per-core 50 --scaling-policy-objective MinInvocationsPerMinute=1000,MaxInvocationsPerMinute=20000"
JS="jobs"
JA="sagemaker list-inference-recommendations-jobs"
PS="jobs --page-size 2"
PA="sagemaker list-inference-recommendations-jobs --page-size 2"
DS="job bert-ner-default"
DA="sagemaker describe-inference-recommendations-job --job-name bert-ner-default"

# One case a line: ours|theirs|expression (the expression last, it may hold |).
cat >"$TEST_TMP/cases" <<CASES
R|DynamicScalingConfiguration
R|DynamicScalingConfiguration.ScalingPolicies[].TargetTracking.TargetValue
R|{min: DynamicScalingConfiguration.MinCapacity, max: DynamicScalingConfiguration.MaxCapacity, ipi: Metric.InvocationsPerInstance}
R|DynamicScalingConfiguration.ScalingPolicies[1].TargetTracking.MetricSpecification.*
R|DynamicScalingConfiguration.ScalingPolicies[].TargetTracking.MetricSpecification.Predefined
R|length(DynamicScalingConfiguration.ScalingPolicies)
R|not_there
R|DynamicScalingConfiguration.ScalingPolicies[0].TargetTracking | keys(@)
J|InferenceRecommendationsJobs[].JobName
J|InferenceRecommendationsJobs[?Status=='COMPLETED'].[JobName, JobType]
J|InferenceRecommendationsJobs[0]
J|sort_by(InferenceRecommendationsJobs, &JobName)[-2:].{Name: JobName, Status: Status}
J|length(InferenceRecommendationsJobs)
J|InferenceRecommendationsJobs[?Status=='FAILED'] | [0].FailureReason
J|InferenceRecommendationsJobs[].[JobName, CreationTime]
P|InferenceRecommendationsJobs[].JobName
P|InferenceRecommendationsJobs[0].JobName
P|length(InferenceRecommendationsJobs)
D|InferenceRecommendations[].RecommendationId
D|InferenceRecommendations[].Metrics.CostPerHour
D|max_by(InferenceRecommendations, &Metrics.CostPerHour).EndpointConfiguration
D|InferenceRecommendations[].{id: RecommendationId, cost: Metrics.CostPerHour, type: EndpointConfiguration.InstanceType}
D|sum(InferenceRecommendations[].Metrics.CostPerHour)
D|avg(InferenceRecommendations[].Metrics.MaxInvocations)
D|{job: JobName, n: length(InferenceRecommendations), first: InferenceRecommendations[0].Metrics}
CASES

: >"$TEST_TMP/aws.cmds"
n=0
while IFS='|' read -r op expr; do
    case $op in R) a=$RA ;; J) a=$JA ;; P) a=$PA ;; D) a=$DA ;; esac
    for fmt in json table text; do
        n=$((n + 1))
        q=$(printf '%s' "$expr" | sed "s/'/'\\\\''/g")
        printf "%s %s --output %s --query '%s'\n" "$a" "$A" "$fmt" "$q" >>"$TEST_TMP/aws.cmds"
    done
done <"$TEST_TMP/cases"
mkdir -p "$TEST_TMP/aws"
timeout 300 python3 "$top_srcdir/tests/lib/awscli-batch.py" "$TEST_TMP/aws" <"$TEST_TMP/aws.cmds" 2>"$E" ||
    { fail "the AWS CLI runs"; sed 's/^/#   /' "$E" | head; tap_done; }

n=0
while IFS='|' read -r op expr; do
    case $op in R) s=$RS ;; J) s=$JS ;; P) s=$PS ;; D) s=$DS ;; esac
    for fmt in json table text; do
        n=$((n + 1))
        # shellcheck disable=SC2086
        "$SAGESCALE" $s --output $fmt --query "$expr" >"$O" 2>"$E"; rc=$?
        if [ $rc -eq 0 ] && [ "$(cat "$TEST_TMP/aws/$n.rc")" = 0 ] && cmp -s "$O" "$TEST_TMP/aws/$n.out"; then
            ok "${s%% *} --output $fmt --query '$expr': the AWS CLI's output"
        else
            fail "${s%% *} --output $fmt --query '$expr': the AWS CLI's output"
            diag "exit $rc (AWS CLI: $(cat "$TEST_TMP/aws/$n.rc"))"
            diff "$TEST_TMP/aws/$n.out" "$O" | head -20 | sed 's/^/#   /'
            sed 's/^/#   /' "$E" "$TEST_TMP/aws/$n.err" | head -5
        fi
    done
    # yaml: read back, the same value as json; yaml-stream of a paged
    # listing: one item per page, the expression applied to each page.
    "$SAGESCALE" $s --output json --query "$expr" >"$O.json" 2>/dev/null
    "$SAGESCALE" $JS --output json >"$O.all" 2>/dev/null
    for fmt in yaml yaml-stream; do
        "$SAGESCALE" $s --output $fmt --query "$expr" >"$O" 2>"$E"; rc=$?
        if [ $rc -eq 0 ] && python3 - "$O.json" "$O" $fmt $op "$O.all" "$expr" <<'PY'
import json, sys, yaml, jmespath
text = open(sys.argv[1]).read()
want = json.loads(text) if text.strip() else None
got = yaml.safe_load(open(sys.argv[2]).read())
if sys.argv[3] == "yaml-stream" and sys.argv[4] == "P":
    jobs = json.load(open(sys.argv[5]))["InferenceRecommendationsJobs"]
    pages = [{"InferenceRecommendationsJobs": jobs[i:i + 2]} for i in range(0, len(jobs), 2)]
    want = [jmespath.search(sys.argv[6], p) for p in pages]
elif sys.argv[3] == "yaml-stream":
    got = got[0] if got else None
sys.exit(0 if got == want or (want == {} and got is None) else 1)
PY
        then ok "${s%% *} --output $fmt --query '$expr': reads back as the json"
        else fail "${s%% *} --output $fmt --query '$expr': reads back as the json"; sed 's/^/#   /' "$O" "$E" | head; fi
    done
done <"$TEST_TMP/cases"

# ---- bad expressions: exit 2, the column and the type, nothing sent ----
# (sim_start's log has a line per request: none may appear.)
LOG=$(ls -t "$TEST_TMP"/sim.* | head -1)
deep=$(printf '%*s' 10000 '' | tr ' ' '[')
long_num=99999999999999999999999999999999999999
while IFS='|' read -r want col expr; do
    [ "$expr" = DEEP ] && expr=$deep
    for cmd in "$JS" "$DS" "$RS"; do
        before=$(wc -l <"$LOG")
        # shellcheck disable=SC2086
        timeout 20 "$SAGESCALE" $cmd --query "$expr" >"$O" 2>"$E"; rc=$?
        after=$(wc -l <"$LOG")
        label="${cmd%% *} --query '$(printf '%.40s' "$expr")': exit 2, column $col, $want"
        if [ $rc -eq 2 ] && [ ! -s "$O" ] && grep -q -- "^sagescale: --query: column $col: $want" "$E" &&
           [ "$(wc -l <"$E")" -eq 1 ] && [ "$before" = "$after" ]; then ok "$label"
        else fail "$label"; diag "exit $rc; log $before -> $after"; sed 's/^/#   /' "$E" "$O" | head -5; fi
    done
done <<BAD
syntax error|1|'unterminated
syntax error|1|"unterminated
syntax error|1|\`{"a": 1
syntax error|5|foo.]
syntax error|1|
unknown function|1|nope(@)
unknown function|8|Jobs[].name(@)
invalid arity|1|length(@, @)
invalid arity|1|merge()
invalid value|1|[::0]
limit exceeded|257|DEEP
syntax error|5|a[1:x]
syntax error|3|a =b
BAD

# Huge numbers and slices are no error: clamped, as Python's slices are.
"$SAGESCALE" $JS --query "InferenceRecommendationsJobs[-$long_num:$long_num:$long_num] | length(@)" >"$O" 2>"$E"; rc=$?
check "a slice with huge bounds and step: exit 0, clamped" sh -c "[ $rc -eq 0 ] && [ \"\$(cat '$O')\" = 1 ]"
"$SAGESCALE" $JS --query "InferenceRecommendationsJobs[$long_num]" >"$O" 2>"$E"; rc=$?
check "a huge index: exit 0, null" sh -c "[ $rc -eq 0 ] && [ \"\$(cat '$O')\" = null ]"
# A type error only the answer reveals: exit 2, named.
"$SAGESCALE" $JS --query 'sum(InferenceRecommendationsJobs[].JobName)' >"$O" 2>"$E"; rc=$?
check "a type error on the answer: exit 2" test $rc -eq 2
contains "... named with its column and type" "$E" "sagescale: --query: column 1: invalid type: sum(): argument 1 must be array-number"
# sweep: the answer's formats take it; the table and CSV refuse it.
"$SAGESCALE" sweep --cpu 40:60:10 --job churn-xgboost-default --recommendation-id churn-xgboost-default/0b9f42d1 \
    --query '[].DynamicScalingConfiguration.MaxCapacity' >"$O" 2>"$E"; rc=$?
check "sweep --query: exit 0, one number per point" sh -c "[ $rc -eq 0 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if len(d)==3 and all(isinstance(x,int) for x in d) else 1)' '$O'"
"$SAGESCALE" sweep --cpu 40:60:10 --job churn-xgboost-default --recommendation-id churn-xgboost-default/0b9f42d1 \
    --output table --query '[]' >"$O" 2>"$E"; rc=$?
check "sweep --output table --query: a usage error" test $rc -eq 2
"$SAGESCALE" apply --dry-run --job churn-xgboost-default --recommendation-id churn-xgboost-default/0b9f42d1 \
    --query 'Metric' >"$O" 2>"$E"; rc=$?
check "apply --dry-run --query: a usage error (it prints commands)" test $rc -eq 2
tap_done
