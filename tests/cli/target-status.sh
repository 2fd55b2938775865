#!/bin/sh
# `sagescale status` and the simulator's endpoint operations: ListEndpoints,
# DescribeEndpoint, DescribeEndpointConfig, DeregisterScalableTarget,
# DeleteScalingPolicy read with the real AWS CLI; status agrees with what
# the AWS CLI reads; an endpoint or variant that does not exist, one that
# is Creating or Failed.
. "$top_srcdir/tests/lib/lib.sh"

command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 is needed to read the JSON"
cd "$TEST_TMP" || exit 1
sim_start --quiet --demo-scaling || tap_skip_all "the simulator did not start"
AWS_EC2_METADATA_DISABLED=true; AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED AWS_DEFAULT_REGION
HAVE_AWS=no
command -v aws >/dev/null 2>&1 && HAVE_AWS=yes

# --- the list ---------------------------------------------------------------
"$SAGESCALE" status >list.json 2>list.err; rc=$?
check "status without a name: exit 0" test "$rc" = 0
if python3 - <<'EOF2' >py.out 2>&1
import json
e = json.load(open("list.json"))["Endpoints"]
names = [x["EndpointName"] for x in e]
st = [x["EndpointStatus"] for x in e]
assert len(e) == 8, names
n = st.count("InService")
assert st[:n] == ["InService"] * n and "InService" not in st[n:], st
assert names[:n] == sorted(names[:n]), names
assert {"churn-staging", "llama-tiny-prod"} == set(names[n:]), names
EOF2
then ok "status lists the 8 demo endpoints, InService first, by name"
else fail "status lists the 8 demo endpoints, InService first, by name"; sed 's/^/# /' py.out | tail -3; fi

if [ $HAVE_AWS = yes ]; then
    # The AWS CLI pages with MaxResults 3: the tokens work and give all 8.
    aws sagemaker list-endpoints --page-size 3 --output json >awsl.json 2>awsl.err
    if python3 -c '
import json
a = sorted(x["EndpointName"] for x in json.load(open("awsl.json"))["Endpoints"])
b = sorted(x["EndpointName"] for x in json.load(open("list.json"))["Endpoints"])
assert a == b, (a, b)' 2>py.out
    then ok "aws sagemaker list-endpoints (pages of 3) lists the same endpoints"
    else fail "aws sagemaker list-endpoints (pages of 3) lists the same endpoints"; cat awsl.err py.out | sed 's/^/# /'; fi
    aws sagemaker list-endpoints --status-equals InService --name-contains prod \
        --sort-by Name --sort-order Ascending --query 'Endpoints[].EndpointName' --output text >f.txt 2>&1
    check "list-endpoints filters (status, name) and sorts by name" \
        test "$(cat f.txt)" = "$(printf 'bert-prod\tchurn-prod\tfraud-prod\tprod-endpoint\tresnet50-prod')"
    aws sagemaker describe-endpoint-config --endpoint-config-name churn-prod-config \
        --query 'ProductionVariants[].InstanceType' --output text >cfg.txt 2>&1
    check "describe-endpoint-config: the two variants' instance types" \
        test "$(cat cfg.txt)" = "$(printf 'ml.c5.large\tml.c5.xlarge')"
    aws sagemaker describe-endpoint --endpoint-name no-such-endpoint >nf.out 2>nf.err; rc=$?
    check "describe-endpoint, unknown: the AWS CLI fails" test "$rc" != 0
    contains "describe-endpoint, unknown: Could not find endpoint" nf.err "Could not find endpoint"
else
    for i in 1 2 3 4 5; do skip "the AWS CLI is not installed"; done
fi

# --- one endpoint -----------------------------------------------------------
"$SAGESCALE" status churn-prod >churn.json 2>churn.err; rc=$?
check "status churn-prod: exit 0" test "$rc" = 0
if python3 - <<'EOF2' >py.out 2>&1
import json
d = json.load(open("churn.json"))
assert d["EndpointName"] == "churn-prod" and d["EndpointStatus"] == "InService"
v = {x["VariantName"]: x for x in d["ProductionVariants"]}
assert set(v) == {"primary", "canary"}, v
assert v["primary"]["InstanceType"] == "ml.c5.large" and v["canary"]["InstanceType"] == "ml.c5.xlarge"
assert v["primary"]["CurrentInstanceCount"] == 2 and v["primary"]["DesiredInstanceCount"] == 2
assert v["canary"]["ScalableTarget"] is None and v["canary"]["ScalingPolicies"] == []
assert v["primary"]["ResourceId"] == "endpoint/churn-prod/variant/primary"
EOF2
then ok "status churn-prod: both variants, instance types, counts, no scaling yet"
else fail "status churn-prod: both variants, instance types, counts, no scaling yet"; sed 's/^/# /' py.out | tail -3; fi

"$SAGESCALE" status fraud-prod --variant AllTraffic >fraud.json 2>fraud.err; rc=$?
check "status fraud-prod --variant AllTraffic: exit 0" test "$rc" = 0
if [ $HAVE_AWS = yes ]; then
    aws application-autoscaling describe-scalable-targets --service-namespace sagemaker \
        --resource-ids endpoint/fraud-prod/variant/AllTraffic --output json >t.json 2>&1
    aws application-autoscaling describe-scaling-policies --service-namespace sagemaker \
        --resource-id endpoint/fraud-prod/variant/AllTraffic \
        --scalable-dimension sagemaker:variant:DesiredInstanceCount --output json >p.json 2>&1
    if python3 - <<'EOF2' >py.out 2>&1
import json
v = json.load(open("fraud.json"))["ProductionVariants"]
assert len(v) == 1
t = json.load(open("t.json"))["ScalableTargets"]
p = json.load(open("p.json"))["ScalingPolicies"]
assert [v[0]["ScalableTarget"]] == t, (v[0]["ScalableTarget"], t)
assert v[0]["ScalingPolicies"] == p, (v[0]["ScalingPolicies"], p)
assert len(p) == 2 and t[0]["MinCapacity"] == 2 and t[0]["MaxCapacity"] == 6
EOF2
    then ok "status fraud-prod: the target and policies are exactly what the AWS CLI describes"
    else fail "status fraud-prod: the target and policies are exactly what the AWS CLI describes"; sed 's/^/# /' py.out | tail -3; fi
else
    skip "the AWS CLI is not installed"
fi

for fmt in table text; do
    "$SAGESCALE" status fraud-prod --output $fmt >fmt.$fmt 2>&1; rc=$?
    check "status --output $fmt: exit 0" test "$rc" = 0
    contains "status --output $fmt: shows the policy fraud-invocations" fmt.$fmt "fraud-invocations"
done

# --- bad input --------------------------------------------------------------
"$SAGESCALE" status no-such-endpoint >bad.out 2>bad.err; rc=$?
check "status, unknown endpoint: exit 1" test "$rc" = 1
contains "status, unknown endpoint: says so, with the region" bad.err "there is no endpoint no-such-endpoint in region us-east-1"
check "status, unknown endpoint: nothing on stdout" test ! -s bad.out
"$SAGESCALE" status churn-prod --variant blue >bv.out 2>bv.err; rc=$?
check "status, unknown variant: exit 1" test "$rc" = 1
contains "status, unknown variant: names the variants there are" bv.err "has no variant blue (its variants: primary, canary)"
"$SAGESCALE" status sm-epc-7c3e1a90-churn-xgboost-default >bm.out 2>bm.err; rc=$?
check "status, a benchmark endpoint (gone): exit 1" test "$rc" = 1
contains "status, a benchmark endpoint: says what it is" bm.err "made for its benchmark"
"$SAGESCALE" status llama-tiny-prod >fl.json 2>&1; rc=$?
check "status of a Failed endpoint: exit 0, shows the state and the reason" \
    sh -c "test $rc = 0 && grep -q '\"EndpointStatus\": \"Failed\"' fl.json && grep -q FailureReason fl.json"
"$SAGESCALE" status a b >two.out 2>two.err; rc=$?
check "status with two names: exit 2" test "$rc" = 2
"$SAGESCALE" status --variant x >nv.out 2>nv.err; rc=$?
check "status --variant without an endpoint: exit 2" test "$rc" = 2

# --- undo's operations in the simulator ------------------------------------
if [ $HAVE_AWS = yes ]; then
    R=endpoint/fraud-prod/variant/AllTraffic
    D=sagemaker:variant:DesiredInstanceCount
    aws application-autoscaling delete-scaling-policy --service-namespace sagemaker \
        --resource-id $R --scalable-dimension $D --policy-name fraud-cpu-high >del.out 2>&1
    check "delete-scaling-policy: exit 0" test $? = 0
    n=$(aws application-autoscaling describe-scaling-policies --service-namespace sagemaker \
        --query 'length(ScalingPolicies)' --output text 2>&1)
    check "delete-scaling-policy: one policy left" test "$n" = 1
    aws application-autoscaling delete-scaling-policy --service-namespace sagemaker \
        --resource-id $R --scalable-dimension $D --policy-name fraud-cpu-high >del2.out 2>&1
    contains "delete-scaling-policy twice: ObjectNotFoundException" del2.out ObjectNotFoundException
    aws application-autoscaling deregister-scalable-target --service-namespace sagemaker \
        --resource-id $R --scalable-dimension $D >dr.out 2>&1
    check "deregister-scalable-target: exit 0" test $? = 0
    n=$(aws application-autoscaling describe-scaling-policies --service-namespace sagemaker \
        --query 'length(ScalingPolicies)' --output text 2>&1)
    m=$(aws application-autoscaling describe-scalable-targets --service-namespace sagemaker \
        --query 'length(ScalableTargets)' --output text 2>&1)
    check "deregister-scalable-target: the target and its policies are gone" test "$n/$m" = 0/0
    aws application-autoscaling deregister-scalable-target --service-namespace sagemaker \
        --resource-id $R --scalable-dimension $D >dr2.out 2>&1
    contains "deregister twice: ObjectNotFoundException" dr2.out ObjectNotFoundException
else
    for i in 1 2 3 4 5 6; do skip "the AWS CLI is not installed"; done
fi

# Without --demo-scaling the simulator starts with nothing registered.
sim_start --quiet || { fail "a second simulator"; tap_done; }
"$SAGESCALE" status fraud-prod >plain.json 2>&1
check "without --demo-scaling: fraud-prod has no scalable target" \
    grep -q '"ScalableTarget": null' plain.json
tap_done
