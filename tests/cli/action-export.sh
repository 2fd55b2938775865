#!/bin/sh
# Exports that other tools read: the --cli-input-json document and the aws
# sagemaker command get, from the simulator through the real AWS CLI, the
# same answer as sagescale's own request; sagescale reads its own
# --cli-input-json back; the JSON response export is the response; the
# CloudFormation template uses only the resource types' properties.
. "$top_srcdir/tests/lib/lib.sh"

TOOL=$top_builddir/tests/lib/export-tool
[ -x "$TOOL" ] || tap_skip_all "tests/lib/export-tool not built"
command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 is needed to compare JSON"
sim_start --quiet || tap_skip_all "the simulator did not start"
cd "$TEST_TMP" || exit 1

JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
"$SAGESCALE" recommend --job "$JOB" --recommendation-id "$REC" --cpu 60 \
    --min-invocations 100 --max-invocations 5000 >ours.json 2>err; rc=$?
check "sagescale recommend answers" test "$rc" = 0
cat >req.json <<EOF
{"InferenceRecommendationsJobName": "$JOB", "RecommendationId": "$REC",
 "TargetCpuUtilizationPerCore": 60,
 "ScalingPolicyObjective": {"MinInvocationsPerMinute": 100, "MaxInvocationsPerMinute": 5000}}
EOF
for f in json cli-input-json command cloudformation aws-cli; do
    "$TOOL" "$f" ours.json req.json demo-endpoint AllTraffic - us-east-1 >"export.$f" 2>err ||
        { fail "export $f"; sed 's/^/# /' err; }
done

same_json() {	# same_json DESCRIPTION A B: ok when A and B hold equal JSON values
    if python3 -c 'import json, sys; sys.exit(0 if json.load(open(sys.argv[1])) == json.load(open(sys.argv[2])) else 1)' "$2" "$3" 2>/dev/null
    then ok "$1"; else fail "$1"; diff "$2" "$3" | head -20 | sed 's/^/# /'; fi
}

same_json "the JSON response export is the response" export.json ours.json
"$SAGESCALE" recommend --cli-input-json "$TEST_TMP/export.cli-input-json" >again.json 2>err
same_json "sagescale reads its own --cli-input-json export back" again.json ours.json

if command -v aws >/dev/null 2>&1; then
    AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true \
        aws sagemaker get-scaling-configuration-recommendation \
        --cli-input-json "file://$TEST_TMP/export.cli-input-json" --output json >aws1.json 2>aws1.err
    same_json "the AWS CLI with the --cli-input-json export gets the same answer" aws1.json ours.json
    AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true sh export.command >aws2.json 2>aws2.err
    same_json "the exported aws sagemaker command gets the same answer" aws2.json ours.json
else
    skip "the AWS CLI is not installed"; skip "the AWS CLI is not installed"
fi

if python3 - <<'EOF' >py.out 2>&1
import json
t = json.load(open("export.cloudformation"))
assert t["AWSTemplateFormatVersion"] == "2010-09-09"
allowed = {
    "AWS::ApplicationAutoScaling::ScalableTarget":
        {"MaxCapacity", "MinCapacity", "ResourceId", "RoleARN", "ScalableDimension",
         "ScheduledActions", "ServiceNamespace", "SuspendedState"},
    "AWS::ApplicationAutoScaling::ScalingPolicy":
        {"PolicyName", "PolicyType", "ResourceId", "ScalableDimension", "ScalingTargetId",
         "ServiceNamespace", "StepScalingPolicyConfiguration",
         "TargetTrackingScalingPolicyConfiguration", "PredictiveScalingPolicyConfiguration"},
}
types = [r["Type"] for r in t["Resources"].values()]
assert types.count("AWS::ApplicationAutoScaling::ScalableTarget") == 1, types
assert types.count("AWS::ApplicationAutoScaling::ScalingPolicy") == 2, types
for name, r in t["Resources"].items():
    extra = set(r["Properties"]) - allowed[r["Type"]]
    assert not extra, (name, extra)
    if r["Type"].endswith("ScalingPolicy"):
        assert r["Properties"]["ScalingTargetId"] == {"Ref": "ScalableTarget"}
        c = r["Properties"]["TargetTrackingScalingPolicyConfiguration"]
        assert set(c) <= {"TargetValue", "PredefinedMetricSpecification",
                          "CustomizedMetricSpecification", "ScaleInCooldown",
                          "ScaleOutCooldown", "DisableScaleIn"}, c
rec = json.load(open("ours.json"))["DynamicScalingConfiguration"]
st = t["Resources"]["ScalableTarget"]["Properties"]
assert (st["MinCapacity"], st["MaxCapacity"]) == (rec["MinCapacity"], rec["MaxCapacity"])
EOF
then ok "the CloudFormation template: one target, two policies, only their properties"
else fail "the CloudFormation template: one target, two policies, only their properties"; sed 's/^/# /' py.out | tail -5; fi

# The apply script from the same response equals `apply --dry-run`'s.
"$SAGESCALE" apply --job "$JOB" --recommendation-id "$REC" --cpu 60 --min-invocations 100 \
    --max-invocations 5000 --target-endpoint demo-endpoint --variant AllTraffic --dry-run >dry.sh 2>err
check "the AWS CLI export is byte for byte what apply --dry-run prints" cmp -s export.aws-cli dry.sh

tap_done
