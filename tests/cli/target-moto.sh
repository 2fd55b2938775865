#!/bin/sh
# apply, verify and undo against moto (moto_server on a loopback port,
# checking signatures and IAM: INITIAL_NO_AUTH_ACTION_COUNT=0, the set-up
# requests let through with its reset-auth call): a model, endpoint configs
# and endpoints created there with boto3, its Application Auto Scaling and
# CloudWatch (put_metric_data; ListMetrics in JSON 1.0).  moto has no
# Inference Recommender: a loopback proxy (tests/lib/motolib.py) sends those
# two operations to a sagescale simulator that accepts the same keys.
. "$top_srcdir/tests/lib/lib.sh"

command -v moto_server >/dev/null 2>&1 || tap_skip_all "moto_server is not installed"
command -v aws >/dev/null 2>&1 || tap_skip_all "the AWS CLI is not installed"
python3 -c 'import boto3' 2>/dev/null || tap_skip_all "boto3 is not installed"
cd "$TEST_TMP" || exit 1
AWS_EC2_METADATA_DISABLED=true; AWS_DEFAULT_REGION=us-east-1; export AWS_EC2_METADATA_DISABLED AWS_DEFAULT_REGION
LIB=$top_srcdir/tests/lib/motolib.py

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
INITIAL_NO_AUTH_ACTION_COUNT=0 moto_server -H 127.0.0.1 -p "$PORT" >moto.log 2>&1 &
SIM_PIDS="$SIM_PIDS $!"
MOTO=http://127.0.0.1:$PORT
i=0
until curl -s -o /dev/null "$MOTO/moto-api/" 2>/dev/null; do
    i=$((i + 1)); [ $i -gt 200 ] && tap_skip_all "moto_server did not start"; sleep 0.1
done
curl -s -X POST -H 'Content-Type: text/plain' --data-binary 6 "$MOTO/moto-api/reset-auth" >/dev/null
python3 "$LIB" setup "$MOTO" . >setup.out 2>&1 || { sed 's/^/# /' setup.out; tap_skip_all "moto set-up failed"; }
read AK SK <admin.keys
read LK LS <limited.keys
python3 "$LIB" create "$MOTO" "$AK" "$SK" >create.out 2>&1
check "moto: model, endpoint configs, endpoints and metric data created (signed, IAM checked)" test $? = 0
AWS_ACCESS_KEY_ID=AKIAWRONGWRONGWRONG AWS_SECRET_ACCESS_KEY=x aws sagemaker list-endpoints \
    --endpoint-url "$MOTO" >nokey.out 2>&1
contains "moto refuses an unknown key (it checks)" nokey.out "InvalidClientTokenId"

sim_start --quiet --access-key "$AK" --secret-key "$SK" || tap_skip_all "the simulator did not start"
P1=${SIM_URL##*:}
sim_start --quiet --access-key "$LK" --secret-key "$LS" || tap_skip_all "the simulator did not start"
P2=${SIM_URL##*:}
python3 "$LIB" proxy proxy.port "$PORT" "$AK=$P1" "$LK=$P2" >proxy.log 2>&1 &
SIM_PIDS="$SIM_PIDS $!"
i=0
until [ -s proxy.port ]; do i=$((i + 1)); [ $i -gt 100 ] && tap_skip_all "the proxy did not start"; sleep 0.1; done
AWS_ENDPOINT_URL=http://127.0.0.1:$(cat proxy.port)
AWS_ACCESS_KEY_ID=$AK; AWS_SECRET_ACCESS_KEY=$SK; AWS_REGION=us-east-1
export AWS_ENDPOINT_URL AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_REGION
CHURN="--job churn-xgboost-default --recommendation-id churn-xgboost-default/7c3e1a90 --min-invocations 100 --max-invocations 5000"
BERT="--job bert-ner-default --recommendation-id bert-ner-default/4d8e0f17 --min-invocations 100 --max-invocations 5000"
R=endpoint/churn-prod/variant/primary

state() {	# state OUT: moto's Describe* for churn-prod/primary, read with the AWS CLI
    aws application-autoscaling describe-scalable-targets --service-namespace sagemaker \
        --resource-ids $R --endpoint-url "$MOTO" --output json >"$1.t" 2>"$1.err" &&
    aws application-autoscaling describe-scaling-policies --service-namespace sagemaker \
        --resource-id $R --scalable-dimension sagemaker:variant:DesiredInstanceCount \
        --endpoint-url "$MOTO" --output json >"$1.p" 2>>"$1.err" &&
    python3 -c '
import json, sys
b = sys.argv[1]
json.dump({"t": json.load(open(b + ".t")), "p": json.load(open(b + ".p"))}, open(b, "w"), indent=1, sort_keys=True)' "$1"
}
same_json() {
    if python3 -c 'import json, sys; sys.exit(0 if json.load(open(sys.argv[1])) == json.load(open(sys.argv[2])) else 1)' "$2" "$3" 2>/dev/null
    then ok "$1"; else fail "$1"; diff "$2" "$3" | head -20 | sed 's/^/# /'; fi
}
strip() {	# strip IN OUT: without what the service makes up (ARNs, alarms, times)
    python3 - "$1" "$2" <<'EOF2'
import json, sys
d = json.load(open(sys.argv[1]))
for t in d["t"]["ScalableTargets"]:
    for k in ("CreationTime", "ScalableTargetARN", "RoleARN"): t.pop(k, None)
for p in d["p"]["ScalingPolicies"]:
    for k in ("CreationTime", "PolicyARN", "Alarms"): p.pop(k, None)
json.dump(d, open(sys.argv[2], "w"), indent=1, sort_keys=True)
EOF2
}

"$SAGESCALE" status churn-prod >st.json 2>st.err
check "status churn-prod from moto: the variant's instance type" grep -q '"InstanceType": "ml.c5.large"' st.json

state before
"$SAGESCALE" apply $CHURN --target-endpoint churn-prod >rec.json 2>apply.err; rc=$?
check "apply to moto's churn-prod: exit 0" test "$rc" = 0
contains "apply: verified by reading back" apply.err "Verified: read back, $R has the capacity and the 2 policies asked for."
lacks "apply: no metric warning (moto has CPUUtilizationNormalized for churn-prod)" apply.err "no data"
state applied
if python3 - <<'EOF2' >py.out 2>&1
import json
rec = json.load(open("rec.json"))["DynamicScalingConfiguration"]
st = json.load(open("applied"))
t = st["t"]["ScalableTargets"]
assert len(t) == 1 and (t[0]["MinCapacity"], t[0]["MaxCapacity"]) == (rec["MinCapacity"], rec["MaxCapacity"]), t
ps = {p["PolicyName"]: p for p in st["p"]["ScalingPolicies"]}
assert set(ps) == {"sagescale-churn-prod-primary-1", "sagescale-churn-prod-primary-2"}, ps.keys()
for i, rp in enumerate(rec["ScalingPolicies"], 1):
    c = ps["sagescale-churn-prod-primary-%d" % i]["TargetTrackingScalingPolicyConfiguration"]
    assert c["TargetValue"] == rp["TargetTracking"]["TargetValue"], c
    assert c["ScaleInCooldown"] == rec["ScaleInCooldown"] and c["ScaleOutCooldown"] == rec["ScaleOutCooldown"], c
EOF2
then ok "the AWS CLI reads back from moto what was asked"
else fail "the AWS CLI reads back from moto what was asked"; sed 's/^/# /' py.out | tail -3; fi
"$SAGESCALE" apply --undo >undo.out 2>undo.err; rc=$?
check "apply --undo against moto: exit 0" test "$rc" = 0
state undone
same_json "undo: moto's Describe* JSON is exactly what it was before" before undone

# The exported script, run by the AWS CLI against moto, leaves the state apply left.
"$SAGESCALE" apply $CHURN --target-endpoint churn-prod --dry-run >dry.sh 2>dry.err
AWS_ENDPOINT_URL=$MOTO sh dry.sh >cli.out 2>&1
check "the exported script runs through the AWS CLI against moto" test $? = 0
state by-script
strip applied a.s; strip by-script b.s
same_json "the script leaves the same state as apply (but ARNs, alarms, times)" a.s b.s
"$SAGESCALE" apply $CHURN --target-endpoint churn-prod >/dev/null 2>&1	# saves the script's state
"$SAGESCALE" apply --undo >/dev/null 2>u2.err
state undone2
strip undone2 u2.s
# The policies were put again: moto makes new ARNs and alarms for them.
same_json "undo over policies of the same names: their settings back (but ARNs, alarms, times)" b.s u2.s
AWS_ENDPOINT_URL=$MOTO aws application-autoscaling delete-scaling-policy --service-namespace sagemaker \
    --resource-id $R --scalable-dimension sagemaker:variant:DesiredInstanceCount \
    --policy-name sagescale-churn-prod-primary-1 >/dev/null 2>&1
AWS_ENDPOINT_URL=$MOTO aws application-autoscaling delete-scaling-policy --service-namespace sagemaker \
    --resource-id $R --scalable-dimension sagemaker:variant:DesiredInstanceCount \
    --policy-name sagescale-churn-prod-primary-2 >/dev/null 2>&1
AWS_ENDPOINT_URL=$MOTO aws application-autoscaling deregister-scalable-target --service-namespace sagemaker \
    --resource-id $R --scalable-dimension sagemaker:variant:DesiredInstanceCount >/dev/null 2>&1
state clean
same_json "(cleaned up with the AWS CLI: as at the start)" before clean

# The metric check against moto's CloudWatch: bert-prod has no CPU metric.
"$SAGESCALE" apply $BERT --target-endpoint bert-prod >bert.out 2>bert.err; rc=$?
check "bert-prod on moto: exit 1, nothing changed" test "$rc" = 1
contains "bert-prod on moto: the warning" bert.err "follows the CloudWatch metric CPUUtilizationNormalized (/aws/sagemaker/Endpoints) of endpoint/bert-prod/variant/AllTraffic, but CloudWatch has no data for it."

# AccessDenied on the second call: a user whose policy denies PutScalingPolicy.
AWS_ACCESS_KEY_ID=$LK AWS_SECRET_ACCESS_KEY=$LS "$SAGESCALE" apply $CHURN --target-endpoint churn-prod \
    >ad.out 2>ad.err; rc=$?
check "AccessDenied on the second call: exit 1" test "$rc" = 1
contains "AccessDenied: the first call is said to be made" ad.err "RegisterScalableTarget $R: done"
contains "AccessDenied: the failing call named" ad.err "call 2 of 3 failed (PutScalingPolicy); 1 made before it."
contains "AccessDenied: the service's refusal shown" ad.err "AccessDenied"
contains "AccessDenied: the undo offered" ad.err "undo it with sagescale apply --undo"
"$SAGESCALE" apply --undo >ad-undo.out 2>ad-undo.err; rc=$?
check "the undo (with keys that may) after AccessDenied: exit 0" test "$rc" = 0
state after-denied
same_json "after AccessDenied and the undo: as before" before after-denied
tap_done
