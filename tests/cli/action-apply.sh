#!/bin/sh
# `sagescale apply` against the simulator: what it registers, --dry-run
# (sends no write), --read-only (refuses), a failing call (named, the
# recommendation kept), and the exported AWS CLI commands, run with the
# real AWS CLI, registering exactly what apply registers.  The target is a
# demo production endpoint: the benchmark endpoint is never the default.
. "$top_srcdir/tests/lib/lib.sh"

command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 is needed to read the JSON"
cd "$TEST_TMP" || exit 1

JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
EP=churn-prod
VAR=primary
INPUT="--job $JOB --recommendation-id $REC --min-invocations 100 --max-invocations 5000 --target-endpoint $EP --target-variant $VAR"
HAVE_AWS=no
command -v aws >/dev/null 2>&1 && HAVE_AWS=yes
AWS_EC2_METADATA_DISABLED=true; export AWS_EC2_METADATA_DISABLED

# describe SIM_URL OUT: the scalable targets and policies a simulator holds,
# without what the service makes up (ARNs, alarm names, times).
describe() {
    AWS_DEFAULT_REGION=us-east-1 aws application-autoscaling describe-scalable-targets \
        --service-namespace sagemaker --endpoint-url "$1" --output json >"$2.t" 2>"$2.err" &&
    AWS_DEFAULT_REGION=us-east-1 aws application-autoscaling describe-scaling-policies \
        --service-namespace sagemaker --endpoint-url "$1" --output json >"$2.p" 2>>"$2.err" &&
    python3 - "$2" <<'EOF'
import json, sys
base = sys.argv[1]
t = json.load(open(base + ".t"))["ScalableTargets"]
p = json.load(open(base + ".p"))["ScalingPolicies"]
keep_t = [{k: x[k] for k in ("ServiceNamespace", "ResourceId", "ScalableDimension",
                             "MinCapacity", "MaxCapacity")} for x in t]
keep_p = [{k: x.get(k) for k in ("PolicyName", "ServiceNamespace", "ResourceId",
                                 "ScalableDimension", "PolicyType",
                                 "TargetTrackingScalingPolicyConfiguration")} for x in p]
keep_p.sort(key=lambda x: x["PolicyName"])
json.dump({"targets": keep_t, "policies": keep_p}, open(base, "w"), indent=1, sort_keys=True)
EOF
}

# --- apply ----------------------------------------------------------------
sim_start --quiet || tap_skip_all "the simulator did not start"
SIM1=$SIM_URL
"$SAGESCALE" apply $INPUT --output json >apply.out 2>apply.err; rc=$?
check "apply: exit 0" test "$rc" = 0
if python3 -c '
import json
d = json.load(open("apply.out"))
assert d["DynamicScalingConfiguration"]["MaxCapacity"] >= 1' 2>/dev/null; then
    ok "apply: prints the recommendation it applies (JSON)"
else fail "apply: prints the recommendation it applies (JSON)"; sed 's/^/# /' apply.out | head; fi
contains "apply: RegisterScalableTarget done, naming the resource" apply.err "RegisterScalableTarget endpoint/$EP/variant/$VAR: done"
n=$(grep -c "^PutScalingPolicy sagescale-$EP-$VAR-[12]: done" apply.err)
check "apply: one PutScalingPolicy per recommended policy (2)" test "$n" = 2
if [ $HAVE_AWS = yes ]; then
    if describe "$SIM1" applied; then
        if python3 - <<'EOF' >py.out 2>&1
import json
d = json.load(open("applied"))
assert len(d["targets"]) == 1 and len(d["policies"]) == 2, d
t = d["targets"][0]
ep = "churn-prod"
var = "primary"
assert t["ResourceId"] == "endpoint/%s/variant/%s" % (ep, var), t
assert t["ScalableDimension"] == "sagemaker:variant:DesiredInstanceCount"
rec = json.load(open("apply.out"))["DynamicScalingConfiguration"]
assert (t["MinCapacity"], t["MaxCapacity"]) == (rec["MinCapacity"], rec["MaxCapacity"]), t
p1, p2 = d["policies"]
assert p1["PolicyName"].endswith("-1") and p2["PolicyName"].endswith("-2")
c1 = p1["TargetTrackingScalingPolicyConfiguration"]
c2 = p2["TargetTrackingScalingPolicyConfiguration"]
assert c1["PredefinedMetricSpecification"]["PredefinedMetricType"] == "SageMakerVariantInvocationsPerInstance"
cm = c2["CustomizedMetricSpecification"]
assert cm["MetricName"] == "CPUUtilizationNormalized" and cm["Statistic"] == "Average"
assert {"Name": "VariantName", "Value": var} in cm["Dimensions"]
assert c1["ScaleInCooldown"] == rec["ScaleInCooldown"] and c2["ScaleOutCooldown"] == rec["ScaleOutCooldown"]
assert c1["TargetValue"] == rec["ScalingPolicies"][0]["TargetTracking"]["TargetValue"]
EOF
        then ok "apply: the target and both policies registered, field names translated"
        else fail "apply: the target and both policies registered, field names translated"; sed 's/^/# /' py.out | tail -5; fi
    else
        fail "apply: DescribeScalableTargets/DescribeScalingPolicies with the AWS CLI"; sed 's/^/# /' applied.err
    fi
else
    skip "the AWS CLI is not installed"
fi

# --- the exported commands register exactly the same ---------------------
"$SAGESCALE" apply $INPUT --dry-run >dry.sh 2>dry.err; rc=$?
check "apply --dry-run: exit 0" test "$rc" = 0
contains "apply --dry-run: prints register-scalable-target" dry.sh "aws application-autoscaling register-scalable-target"
n=$(grep -c "aws application-autoscaling put-scaling-policy" dry.sh)
check "apply --dry-run: and one put-scaling-policy per policy" test "$n" = 2
check "apply --dry-run: the script parses (sh -n)" sh -n dry.sh
lacks "apply --dry-run: reports no call made" dry.err "done"
if [ $HAVE_AWS = yes ]; then
    sim_start --quiet || { fail "a second simulator"; tap_done; }
    SIM2=$SIM_URL
    # The commands carry --region; the AWS CLI is pointed at the simulator.
    if AWS_ENDPOINT_URL=$SIM2 AWS_DEFAULT_REGION=us-east-1 sh dry.sh >cli.out 2>&1; then
        ok "the exported AWS CLI commands run against the simulator"
    else
        fail "the exported AWS CLI commands run against the simulator"; sed 's/^/# /' cli.out | tail -5
    fi
    if describe "$SIM2" exported && cmp -s applied exported; then
        ok "the AWS CLI registered exactly what sagescale apply registered (DescribeScalingPolicies)"
    else
        fail "the AWS CLI registered exactly what sagescale apply registered (DescribeScalingPolicies)"
        diff applied exported | sed 's/^/# /' | head -20
    fi
    # and a dry run changes nothing
    "$SAGESCALE" apply $INPUT --dry-run --endpoint-url "$SIM_URL" >/dev/null 2>&1
    describe "$SIM2" after-dry
    check "apply --dry-run: nothing more registered" cmp -s exported after-dry
else
    skip "the AWS CLI is not installed"; skip "the AWS CLI is not installed"
    skip "the AWS CLI is not installed"
fi

# --- --read-only ----------------------------------------------------------
sim_start --quiet || { fail "a third simulator"; tap_done; }
SIM3=$SIM_URL
"$SAGESCALE" apply $INPUT --read-only >ro.out 2>ro.err; rc=$?
check "apply --read-only: exit 2" test "$rc" = 2
contains "apply --read-only: says it refuses" ro.err "--read-only"
check "apply --read-only: prints nothing on stdout" test ! -s ro.out
"$SAGESCALE" apply $INPUT --read-only --dry-run >rodry.sh 2>/dev/null; rc=$?
check "apply --read-only --dry-run: allowed (a dry run writes nothing)" test "$rc" = 0
if [ $HAVE_AWS = yes ]; then
    describe "$SIM3" ro
    if python3 -c '
import json, sys
d = json.load(open("ro"))
sys.exit(0 if d == {"targets": [], "policies": []} else 1)'; then ok "apply --read-only: nothing registered"
    else fail "apply --read-only: nothing registered"; fi
else
    skip "the AWS CLI is not installed"
fi

# --- failures -------------------------------------------------------------
# A policy name the service rejects: the target is registered, then
# PutScalingPolicy fails; the message names it; the recommendation is out.
LONG=$(printf 'p%.0s' $(seq 1 300))
"$SAGESCALE" apply $INPUT --policy-name "$LONG" >fail.out 2>fail.err; rc=$?
check "apply, PutScalingPolicy rejected: exit 1" test "$rc" = 1
contains "apply, PutScalingPolicy rejected: the first call went through" fail.err "RegisterScalableTarget endpoint/$EP/variant/$VAR: done"
contains "apply, PutScalingPolicy rejected: names the failing call" fail.err "call 2 of 3 failed (PutScalingPolicy)"
contains "apply, PutScalingPolicy rejected: the service's error" fail.err "ValidationException"
contains "apply, PutScalingPolicy rejected: the recommendation is kept on stdout" fail.out "DynamicScalingConfiguration"

# A variant the endpoint does not have is refused before any write (it
# used to reach RegisterScalableTarget, which the service rejected).
"$SAGESCALE" apply $INPUT --variant 'bad_variant' >bad.out 2>bad.err; rc=$?
check "apply, a variant the endpoint does not have: exit 1" test "$rc" = 1
contains "apply, bad variant: says so, naming the variants there are" bad.err "has no variant bad_variant (its variants: primary, canary)"
lacks "apply, bad variant: no call made" bad.err "RegisterScalableTarget"

"$SAGESCALE" apply --job no-such-job --recommendation-id x/1 >nf.out 2>nf.err; rc=$?
check "apply, unknown job: exit 1, nothing applied" test "$rc" = 1
contains "apply, unknown job: the GetScalingConfigurationRecommendation error" nf.err "GetScalingConfigurationRecommendation"

"$SAGESCALE" apply --job "$JOB" --endpoint-name some-endpoint >nv.out 2>nv.err; rc=$?
check "apply by endpoint name without --variant: exit 2" test "$rc" = 2
contains "apply by endpoint name without --variant: asks for it" nv.err "--variant"

"$SAGESCALE" apply --job resnet50-advanced --endpoint-name resnet50-prod --max-invocations 2000 \
    --variant AllTraffic --dry-run >adv.sh 2>adv.err; rc=$?
check "apply by endpoint name (Advanced job) with --variant: exit 0" test "$rc" = 0
contains "apply by endpoint name: scales that endpoint" adv.sh "'endpoint/resnet50-prod/variant/AllTraffic'"
"$SAGESCALE" apply --job "$JOB" >usage.out 2>usage.err; rc=$?
check "apply without a recommendation or endpoint: exit 2" test "$rc" = 2

# The input as for recommend: --cli-input-json gives the same calls.
printf '{"InferenceRecommendationsJobName": "%s", "RecommendationId": "%s", "ScalingPolicyObjective": {"MinInvocationsPerMinute": 100, "MaxInvocationsPerMinute": 5000}}\n' \
    "$JOB" "$REC" >input.json
"$SAGESCALE" apply --cli-input-json "$TEST_TMP/input.json" --target-endpoint $EP \
    --target-variant $VAR --dry-run >cij.sh 2>/dev/null
check "apply --cli-input-json: the same calls as with flags" cmp -s cij.sh dry.sh

# --target-endpoint and --variant override the job's.
"$SAGESCALE" apply $INPUT --target-endpoint prod-endpoint --variant blue --dry-run >ov.sh 2>/dev/null
contains "apply --target-endpoint/--variant: used for the resource id" ov.sh "'endpoint/prod-endpoint/variant/blue'"
contains "apply: the default policy name sagescale-ENDPOINT-VARIANT-N" ov.sh "'sagescale-prod-endpoint-blue-1'"
"$SAGESCALE" apply $INPUT --policy-name my-policy --dry-run >pn.sh 2>/dev/null
contains "apply --policy-name: used, with -1, -2 for two policies" pn.sh "--policy-name 'my-policy-2'"

tap_done
