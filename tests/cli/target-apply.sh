#!/bin/sh
# apply to a production endpoint of the simulator, verify, undo: the state
# read with the real AWS CLI is what was asked after apply and exactly what
# it was before after undo; the exported AWS CLI script gives the same state
# as apply; the metric check (CloudWatch ListMetrics, JSON 1.0) warns on
# bert-prod (no CPU metrics) and on no other endpoint; bad input: unknown,
# Creating and Failed endpoints, unknown variants, the benchmark endpoint,
# undo files cut short or edited, a call that fails half-way.
. "$top_srcdir/tests/lib/lib.sh"

command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 is needed to read the JSON"
command -v aws >/dev/null 2>&1 || tap_skip_all "the AWS CLI is needed to read the state back"
cd "$TEST_TMP" || exit 1
sim_start --quiet --demo-scaling || tap_skip_all "the simulator did not start"
SIM1=$SIM_URL
AWS_EC2_METADATA_DISABLED=true; AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED AWS_DEFAULT_REGION
UNDO_DIR=$XDG_STATE_HOME/sagescale/undo

FRAUD="--job fraud-lightgbm-default --recommendation-id fraud-lightgbm-default/6e1f9d24 --min-invocations 100 --max-invocations 5000"
CHURN="--job churn-xgboost-default --recommendation-id churn-xgboost-default/7c3e1a90 --min-invocations 100 --max-invocations 5000"
BERT="--job bert-ner-default --recommendation-id bert-ner-default/4d8e0f17 --min-invocations 100 --max-invocations 5000"

# state URL RID OUT: the AWS CLI's DescribeScalableTargets and
# DescribeScalingPolicies for one resource, whole, as one JSON document.
state() {
    aws application-autoscaling describe-scalable-targets --service-namespace sagemaker \
        --resource-ids "$2" --endpoint-url "$1" --output json >"$3.t" 2>"$3.err" &&
    aws application-autoscaling describe-scaling-policies --service-namespace sagemaker \
        --resource-id "$2" --scalable-dimension sagemaker:variant:DesiredInstanceCount \
        --endpoint-url "$1" --output json >"$3.p" 2>>"$3.err" &&
    python3 -c '
import json, sys
b = sys.argv[1]
json.dump({"t": json.load(open(b + ".t")), "p": json.load(open(b + ".p"))}, open(b, "w"), indent=1, sort_keys=True)' "$3"
}
same_json() {	# same_json DESCRIPTION A B
    if python3 -c 'import json, sys; sys.exit(0 if json.load(open(sys.argv[1])) == json.load(open(sys.argv[2])) else 1)' "$2" "$3" 2>/dev/null
    then ok "$1"; else fail "$1"; diff "$2" "$3" | head -20 | sed 's/^/# /'; fi
}
# asked REC_JSON STATE: the state holds the recommendation's capacity and
# policies, translated (the names sagescale gives them).
asked() {
    python3 - "$1" "$2" "$3" <<'EOF2'
import json, sys
rec = json.load(open(sys.argv[1]))["DynamicScalingConfiguration"]
st = json.load(open(sys.argv[2]))
prefix = sys.argv[3]
t = st["t"]["ScalableTargets"]
assert len(t) == 1 and (t[0]["MinCapacity"], t[0]["MaxCapacity"]) == (rec["MinCapacity"], rec["MaxCapacity"]), t
ours = {p["PolicyName"]: p for p in st["p"]["ScalingPolicies"] if p["PolicyName"].startswith(prefix)}
assert len(ours) == len(rec["ScalingPolicies"]), ours.keys()
for i, rp in enumerate(rec["ScalingPolicies"], 1):
    c = ours["%s-%d" % (prefix, i)]["TargetTrackingScalingPolicyConfiguration"]
    tt = rp["TargetTracking"]
    assert c["TargetValue"] == tt["TargetValue"], (c, tt)
    assert c["ScaleInCooldown"] == rec["ScaleInCooldown"] and c["ScaleOutCooldown"] == rec["ScaleOutCooldown"]
    ms = tt["MetricSpecification"]
    if "Predefined" in ms:
        assert c["PredefinedMetricSpecification"]["PredefinedMetricType"] == ms["Predefined"]["PredefinedMetricType"]
    else:
        cm = c["CustomizedMetricSpecification"]
        assert (cm["MetricName"], cm["Namespace"], cm["Statistic"]) == (ms["Customized"]["MetricName"], ms["Customized"]["Namespace"], ms["Customized"]["Statistic"])
EOF2
}

# --- an endpoint with scaling already: apply, verify, undo ----------------
R=endpoint/fraud-prod/variant/AllTraffic
state "$SIM1" $R before
"$SAGESCALE" apply $FRAUD --target-endpoint fraud-prod >rec.json 2>apply.err; rc=$?
check "apply to fraud-prod: exit 0" test "$rc" = 0
contains "apply: shows the diff, now against recommended" apply.err "MinCapacity            2                        1   (changes)"
contains "apply: names the policies that exist now but are not recommended" apply.err "fraud-cpu-high: TargetTrackingScaling, metric /aws/sagemaker/Endpoints CPUUtilization, statistic Maximum, target 75.0"
contains "apply: reads back and says it matches" apply.err "Verified: read back, endpoint/fraud-prod/variant/AllTraffic has the capacity and the 2 policies asked for."
id=$(sed -n 's/^Undo with: sagescale apply --undo //p' apply.err)
check "apply: prints the undo id" test -n "$id"
state "$SIM1" $R applied
if asked rec.json applied sagescale-fraud-prod-AllTraffic >py.out 2>&1
then ok "the AWS CLI reads back what was asked (capacity, 2 policies, their metrics and cooldowns)"
else fail "the AWS CLI reads back what was asked (capacity, 2 policies, their metrics and cooldowns)"; sed 's/^/# /' py.out | tail -3; fi
check "apply kept the 2 policies that were there" test "$(grep -c '"PolicyName": "fraud-' applied)" = 2
f=$UNDO_DIR/$id.json
check "the undo file exists" test -f "$f"
check "the undo file is mode 0600" test "$(stat -c %a "$f")" = 600
check "the undo directory is mode 0700" test "$(stat -c %a "$UNDO_DIR")" = 700
contains "apply: says where it saved the state" apply.err "Saved the scaling as it is to $f (mode 0600)."
"$SAGESCALE" apply --undo-list >list.out 2>&1
contains "--undo-list shows it" list.out "$id"

"$SAGESCALE" apply --undo "$id" >undo.out 2>undo.err; rc=$?
check "apply --undo ID: exit 0" test "$rc" = 0
contains "undo: verified" undo.err "Verified: endpoint/fraud-prod/variant/AllTraffic is as it was before the apply."
state "$SIM1" $R undone
same_json "undo: the Describe* JSON is exactly what it was before (ARNs, alarms, times)" before undone
"$SAGESCALE" apply --undo "$id" >undo2.out 2>undo2.err; rc=$?
check "undo again: exit 0, nothing to do" sh -c "test $rc = 0 && grep -q 'nothing to do' undo2.err"

# --- an endpoint without scaling: undo deregisters --------------------------
R2=endpoint/churn-prod/variant/primary
state "$SIM1" $R2 before2
"$SAGESCALE" apply $CHURN --target-endpoint churn-prod --target-variant primary >rec2.json 2>apply2.err; rc=$?
check "apply to churn-prod/primary: exit 0" test "$rc" = 0
contains "apply: says there is no scalable target now" apply2.err "no scalable target registered now"
state "$SIM1" $R2 applied2
if asked rec2.json applied2 sagescale-churn-prod-primary >py.out 2>&1
then ok "churn-prod/primary: the AWS CLI reads back what was asked"
else fail "churn-prod/primary: the AWS CLI reads back what was asked"; sed 's/^/# /' py.out | tail -3; fi
"$SAGESCALE" apply --undo >undo3.out 2>undo3.err; rc=$?
check "apply --undo (the last one): exit 0" test "$rc" = 0
contains "undo: deregistered, as there was nothing" undo3.err "DeregisterScalableTarget endpoint/churn-prod/variant/primary: done"
state "$SIM1" $R2 undone2
same_json "undo: nothing registered again, exactly as before" before2 undone2

# --- the exported script gives the same state as apply ----------------------
"$SAGESCALE" apply $CHURN --target-endpoint churn-prod --target-variant primary --dry-run >dry.sh 2>dry.err; rc=$?
check "apply --dry-run: exit 0" test "$rc" = 0
contains "apply --dry-run: shows the diff too" dry.err "Scaling of endpoint/churn-prod/variant/primary, now against recommended:"
"$SAGESCALE" apply $CHURN --target-endpoint churn-prod --target-variant primary >/dev/null 2>&1
state "$SIM1" $R2 by-apply
"$SAGESCALE" apply --undo >/dev/null 2>&1
sim_start --quiet --demo-scaling || { fail "a second simulator"; tap_done; }
SIM2=$SIM_URL
AWS_ENDPOINT_URL=$SIM2 sh dry.sh >cli.out 2>&1
check "the exported script runs through the AWS CLI" test $? = 0
state "$SIM2" $R2 by-script
python3 - <<'EOF2' >py.out 2>&1
import json
def strip(f):
    d = json.load(open(f))
    for t in d["t"]["ScalableTargets"]:
        for k in ("CreationTime", "ScalableTargetARN"): t.pop(k, None)
    for p in d["p"]["ScalingPolicies"]:
        for k in ("CreationTime", "PolicyARN", "Alarms"): p.pop(k, None)
    return d
assert strip("by-apply") == strip("by-script"), (strip("by-apply"), strip("by-script"))
EOF2
check "the AWS CLI running the export leaves the same state as apply (but ARNs, alarms, times)" test $? = 0
[ -s py.out ] && sed 's/^/# /' py.out | tail -3

# --- the metric check --------------------------------------------------------
"$SAGESCALE" apply $BERT --target-endpoint bert-prod >bert.out 2>bert.err; rc=$?
check "bert-prod (no CPU metric): exit 1" test "$rc" = 1
contains "bert-prod: warns in plain words" bert.err "follows the CloudWatch metric CPUUtilizationNormalized (/aws/sagemaker/Endpoints) of endpoint/bert-prod/variant/AllTraffic, but CloudWatch has no data for it."
contains "bert-prod: says why it matters" bert.err "would keep the endpoint from ever scaling in"
contains "bert-prod: offers to apply only the policies whose metrics exist" bert.err "--only-existing-metrics"
contains "bert-prod: nothing changed" bert.err "Nothing was changed."
state "$SIM1" endpoint/bert-prod/variant/AllTraffic bert-state
check "bert-prod: nothing registered" grep -q '"ScalableTargets": \[\]' bert-state
"$SAGESCALE" apply $BERT --target-endpoint bert-prod --only-existing-metrics >bert2.out 2>bert2.err; rc=$?
check "bert-prod --only-existing-metrics: exit 0" test "$rc" = 0
contains "bert-prod --only-existing-metrics: leaves the policy out" bert2.err "The 1 policy without data is left out"
n=$(grep -c "^PutScalingPolicy .*: done" bert2.err)
check "bert-prod --only-existing-metrics: one PutScalingPolicy" test "$n" = 1
"$SAGESCALE" apply --undo >/dev/null 2>&1
for t in "fraud-prod" "churn-prod --target-variant primary" "churn-prod --target-variant canary" "resnet50-prod" "demo-endpoint"; do
    "$SAGESCALE" apply $CHURN --target-endpoint $t --dry-run >/dev/null 2>mc.err
    lacks "metric check: no warning on $t" mc.err "no data"
done
"$SAGESCALE" apply $BERT --target-endpoint bert-prod --dry-run --debug >/dev/null 2>dbg.err
contains "ListMetrics goes as JSON 1.0 (Content-Type)" dbg.err "application/x-amz-json-1.0"
contains "ListMetrics: X-Amz-Target GraniteServiceVersion20100801.ListMetrics" dbg.err "GraniteServiceVersion20100801.ListMetrics"

# --- bad input ------------------------------------------------------------
"$SAGESCALE" apply $CHURN >nt.out 2>nt.err; rc=$?
check "no --target-endpoint: exit 2" test "$rc" = 2
contains "no --target-endpoint: the benchmark endpoint is never the default" nt.err "sm-epc-7c3e1a90-churn-xgboost-default is the one Inference Recommender made for its benchmark"
"$SAGESCALE" apply $CHURN --target-endpoint sm-epc-7c3e1a90-churn-xgboost-default >bm.out 2>bm.err; rc=$?
check "the benchmark endpoint chosen (gone): exit 1" test "$rc" = 1
contains "the benchmark endpoint chosen: says what it is" bm.err "is the endpoint Inference Recommender made to benchmark the recommendation"
"$SAGESCALE" apply $CHURN --target-endpoint no-such-endpoint >ne.out 2>ne.err; rc=$?
check "an endpoint that does not exist: exit 1" test "$rc" = 1
contains "an endpoint that does not exist: says so" ne.err "there is no endpoint no-such-endpoint in region us-east-1"
"$SAGESCALE" apply $CHURN --target-endpoint churn-staging >cr.out 2>cr.err; rc=$?
check "a Creating endpoint: exit 1" test "$rc" = 1
contains "a Creating endpoint: says it must be InService" cr.err "is Creating, not InService"
"$SAGESCALE" apply $CHURN --target-endpoint llama-tiny-prod >fl.out 2>fl.err; rc=$?
check "a Failed endpoint: exit 1" test "$rc" = 1
contains "a Failed endpoint: says so with the reason" fl.err "is Failed: it serves nothing to scale (The primary container"
"$SAGESCALE" apply $CHURN --target-endpoint churn-prod >mv.out 2>mv.err; rc=$?
check "several variants, none chosen: exit 1" test "$rc" = 1
contains "several variants: names them" mv.err "has several variants (primary, canary): choose one with --target-variant"
"$SAGESCALE" apply $CHURN --target-endpoint churn-prod --target-variant nope >nv.out 2>nv.err; rc=$?
check "a variant that does not exist: exit 1" test "$rc" = 1
"$SAGESCALE" apply $CHURN --target-endpoint churn-prod --target-variant canary --dry-run >/dev/null 2>it.err
contains "another instance type: marked with a sentence" it.err "the variant canary runs on ml.c5.xlarge, but the recommendation was benchmarked on ml.c5.large"
state "$SIM1" $R2 untouched
same_json "bad input: nothing was written" before2 untouched

# A call that fails half-way: named, what was written said, undo offered.
LONG=$(printf 'p%.0s' $(seq 1 300))
"$SAGESCALE" apply $CHURN --target-endpoint churn-prod --target-variant primary --policy-name "$LONG" >half.out 2>half.err; rc=$?
check "PutScalingPolicy rejected: exit 1" test "$rc" = 1
contains "half-way: names the failed call" half.err "call 2 of 3 failed (PutScalingPolicy); 1 made before it."
contains "half-way: says what was written" half.err "RegisterScalableTarget endpoint/churn-prod/variant/primary: done"
contains "half-way: offers the undo" half.err "The 1 call above was made and stays made: undo it with sagescale apply --undo"
"$SAGESCALE" apply --undo >hu.out 2>hu.err; rc=$?
state "$SIM1" $R2 half-undone
check "half-way: the undo puts it back (exit 0)" test "$rc" = 0
same_json "half-way: after the undo, exactly as before" before2 half-undone

# Undo files cut short or edited are refused, and nothing is sent.
"$SAGESCALE" apply $FRAUD --target-endpoint fraud-prod >/dev/null 2>a3.err
id3=$(sed -n 's/^Undo with: sagescale apply --undo //p' a3.err)
f3=$UNDO_DIR/$id3.json
state "$SIM1" $R pre-bad
cp "$f3" keep.json
head -c 200 keep.json >"$f3"
"$SAGESCALE" apply --undo "$id3" >tr.out 2>tr.err; rc=$?
check "undo file cut short: exit 2" test "$rc" = 2
contains "undo file cut short: says it is damaged, nothing changed" tr.err "is damaged (cut short or edited): nothing was changed"
sed 's/MinCapacity\\":2/MinCapacity\\":5/' keep.json >"$f3"
check "(the edit changed the file)" sh -c "! cmp -s keep.json '$f3'"
"$SAGESCALE" apply --undo "$id3" >ed.out 2>ed.err; rc=$?
check "undo file edited: exit 2" test "$rc" = 2
contains "undo file edited: refused" ed.err "is damaged (cut short or edited)"
state "$SIM1" $R post-bad
same_json "damaged undo files: nothing was changed on the service" pre-bad post-bad
cp keep.json "$f3"
"$SAGESCALE" apply --undo "$id3" --region eu-west-1 >rg.out 2>rg.err; rc=$?
check "undo in another region: exit 2" test "$rc" = 2
contains "undo in another region: names the region it was made in" rg.err "was made in region us-east-1"
"$SAGESCALE" apply --undo "$id3" --read-only >ro.out 2>ro.err; rc=$?
check "undo --read-only: exit 2" test "$rc" = 2
"$SAGESCALE" apply --undo ../../etc/passwd >tv.out 2>tv.err; rc=$?
check "undo id with a path: exit 2" test "$rc" = 2
"$SAGESCALE" apply --undo "$id3" >/dev/null 2>&1
state "$SIM1" $R final
same_json "the restored undo file still undoes" before final
# The exported script pins the region, and the profile when one is chosen.
mkdir -p "$HOME/.aws"
printf '[prod]\naws_access_key_id = AKIDSAGESCALEDEMO\naws_secret_access_key = sagescale-demo-secret\n' >"$HOME/.aws/credentials"
printf '[profile prod]\nregion = us-east-1\n' >"$HOME/.aws/config"
env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY "$SAGESCALE" apply $CHURN --target-endpoint churn-prod \
    --target-variant primary --profile prod --dry-run >prof.sh 2>prof.err
contains "dry run with --profile: every command pins --profile" prof.sh "--profile 'prod'"
check "dry run with --profile: as many --profile as commands" \
    test "$(grep -c -- "--profile 'prod'" prof.sh)" = "$(grep -c '^aws ' prof.sh)"
contains "dry run: and --region" prof.sh "--region 'us-east-1'"
lacks "dry run without a profile chosen: no --profile" dry.sh "--profile"
n=$(ls "$UNDO_DIR" | wc -l)
"$SAGESCALE" apply --undo-prune 1 >pr.out 2>pr.err; rc=$?
check "--undo-prune 1: exit 0, one file left" sh -c "test $rc = 0 && test \$(ls '$UNDO_DIR' | wc -l) = 1"
contains "--undo-prune: says how many went" pr.err "Removed $((n - 1)) undo files."
tap_done
