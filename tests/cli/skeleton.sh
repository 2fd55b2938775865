#!/bin/bash
# --generate-cli-skeleton [input|output] and --cli-input-yaml on recommend,
# sweep and apply (issue 14 item 5): the input skeleton byte for byte the
# AWS CLI's, the output skeleton what botocore's ArgumentGenerator makes of
# the model (the AWS CLI v1's own `output` fails on this operation's union,
# see the man page), a skeleton filled in and given back as JSON and as
# YAML means the same request, bad YAML a clear message and exit 2.
. "$top_srcdir/tests/lib/lib.sh"
command -v python3 >/dev/null || tap_skip_all "python3 is not installed"
O=$TEST_TMP/out E=$TEST_TMP/err
NOWHERE="--endpoint-url http://127.0.0.1:9 --region us-east-1"
export AWS_ACCESS_KEY_ID=AKIDSAGESCALEDEMO AWS_SECRET_ACCESS_KEY=sagescale-demo-secret

have_aws=false
if python3 -c 'import awscli' 2>/dev/null; then
    have_aws=true
    mkdir -p "$TEST_TMP/aws"
    echo "sagemaker get-scaling-configuration-recommendation --generate-cli-skeleton" |
        AWS_DEFAULT_REGION=us-east-1 python3 "$top_srcdir/tests/lib/awscli-batch.py" "$TEST_TMP/aws"
fi
python3 - >"$TEST_TMP/botocore-out.json" <<'EOF'
import json, botocore.session
from botocore.utils import ArgumentGenerator
op = botocore.session.get_session().get_service_model("sagemaker").operation_model(
    "GetScalingConfigurationRecommendation")
print(json.dumps(ArgumentGenerator(use_member_names=True).generate_skeleton(op.output_shape), indent=4))
EOF
python3 - >"$TEST_TMP/botocore-in.json" <<'EOF'
import json, botocore.session
from botocore.utils import ArgumentGenerator
op = botocore.session.get_session().get_service_model("sagemaker").operation_model(
    "GetScalingConfigurationRecommendation")
print(json.dumps(ArgumentGenerator().generate_skeleton(op.input_shape), indent=4))
EOF

for cmd in recommend sweep apply; do
    for form in "--generate-cli-skeleton" "--generate-cli-skeleton input" "--generate-cli-skeleton=input"; do
        "$SAGESCALE" $cmd $form $NOWHERE >"$O" 2>"$E"; rc=$?
        check "$cmd $form: exit 0, nothing sent" test $rc -eq 0
        if $have_aws; then
            check "... the AWS CLI's skeleton byte for byte" cmp -s "$O" "$TEST_TMP/aws/1.out"
        else
            check "... botocore's input skeleton" cmp -s "$O" "$TEST_TMP/botocore-in.json"
        fi
    done
    "$SAGESCALE" $cmd --generate-cli-skeleton output $NOWHERE >"$O" 2>"$E"; rc=$?
    check "$cmd --generate-cli-skeleton output without a request: exit 2" test $rc -eq 2
done
R="--job j --recommendation-id j/1"
"$SAGESCALE" recommend --generate-cli-skeleton output $R $NOWHERE >"$O" 2>"$E"; rc=$?
check "recommend --generate-cli-skeleton output: exit 0, nothing sent" test $rc -eq 0
check "... botocore's sample answer (ArgumentGenerator, member names)" cmp -s "$O" "$TEST_TMP/botocore-out.json"
"$SAGESCALE" apply --generate-cli-skeleton output $R $NOWHERE >"$O" 2>"$E"
check "apply --generate-cli-skeleton output: the recommendation's sample" cmp -s "$O" "$TEST_TMP/botocore-out.json"
"$SAGESCALE" sweep --generate-cli-skeleton output $R $NOWHERE >"$O" 2>"$E"
check "sweep --generate-cli-skeleton output: a list of one sample" python3 -c '
import json,sys; sys.exit(0 if json.load(open(sys.argv[1])) == [json.load(open(sys.argv[2]))] else 1)' "$O" "$TEST_TMP/botocore-out.json"
for fmt in text table yaml; do
    "$SAGESCALE" recommend --generate-cli-skeleton output $R --output $fmt $NOWHERE >"$O" 2>"$E"; rc=$?
    check "... --output $fmt: exit 0, printed" test $rc -eq 0 -a -s "$O"
done
"$SAGESCALE" recommend --generate-cli-skeleton=bogus $NOWHERE >"$O" 2>"$E"; rc=$?
check "--generate-cli-skeleton=bogus: exit 2" test $rc -eq 2
contains "... says what it takes" "$E" "must be input or output"

# The skeleton filled in, given back as JSON and as YAML.
sim_start --quiet || { fail "simulator starts"; tap_done; }
"$SAGESCALE" recommend --generate-cli-skeleton >"$TEST_TMP/skel.json"
python3 - "$TEST_TMP/skel.json" "$TEST_TMP" <<'EOF'
import json, sys, yaml
d = json.load(open(sys.argv[1]))
d.update(InferenceRecommendationsJobName="churn-xgboost-default",
         RecommendationId="churn-xgboost-default/0b9f42d1", TargetCpuUtilizationPerCore=60)
del d["EndpointName"]
d["ScalingPolicyObjective"] = {"MinInvocationsPerMinute": 500, "MaxInvocationsPerMinute": 9000}
json.dump(d, open(sys.argv[2] + "/in.json", "w"), indent=2)
open(sys.argv[2] + "/in.yaml", "w").write(yaml.safe_dump(d, default_flow_style=False))
open(sys.argv[2] + "/in-flow.yaml", "w").write("# a comment\n" + yaml.safe_dump(d, default_flow_style=True))
EOF
"$SAGESCALE" recommend --cli-input-json "file://$TEST_TMP/in.json" >"$O.json" 2>"$E"; rc=$?
check "the filled-in skeleton as --cli-input-json: exit 0" test $rc -eq 0
for f in in.yaml in-flow.yaml; do
    "$SAGESCALE" recommend --cli-input-yaml "file://$TEST_TMP/$f" >"$O" 2>"$E"; rc=$?
    check "... as --cli-input-yaml ($f): exit 0" test $rc -eq 0
    check "... the same answer as from JSON" cmp -s "$O" "$O.json"
done
"$SAGESCALE" recommend --cli-input-yaml - <"$TEST_TMP/in.yaml" >"$O" 2>"$E"
check "--cli-input-yaml - (standard input): the same answer" cmp -s "$O" "$O.json"
"$SAGESCALE" recommend --cli-input-yaml "$(cat "$TEST_TMP/in.yaml")" >"$O" 2>"$E"
check "--cli-input-yaml with the YAML text itself: the same answer" cmp -s "$O" "$O.json"
"$SAGESCALE" sweep --cli-input-yaml "file://$TEST_TMP/in.yaml" --cpu 60:60:1 >"$O" 2>"$E"; rc=$?
check "sweep --cli-input-yaml: exit 0" test $rc -eq 0
check "... its one point is that answer" python3 -c '
import json,sys; sys.exit(0 if json.load(open(sys.argv[1])) == [json.load(open(sys.argv[2]))] else 1)' "$O" "$O.json"
"$SAGESCALE" apply --cli-input-yaml "file://$TEST_TMP/in.yaml" --target-endpoint fraud-prod --dry-run >"$O" 2>"$E"; rc=$?
check "apply --cli-input-yaml --dry-run: exit 0" test $rc -eq 0
"$SAGESCALE" recommend --cli-input-yaml "file://$TEST_TMP/in.yaml" --cpu 70 --output json >"$O" 2>"$E"
check "a flag overrides the YAML (--cpu 70)" grep -q '"TargetCpuUtilizationPerCore": 70' "$O"
if $have_aws; then
    rm -rf "$TEST_TMP/aws2"; mkdir -p "$TEST_TMP/aws2"
    echo "sagemaker get-scaling-configuration-recommendation --endpoint-url $SIM_URL --cli-input-json file://$TEST_TMP/in.json" |
        AWS_DEFAULT_REGION=us-east-1 python3 "$top_srcdir/tests/lib/awscli-batch.py" "$TEST_TMP/aws2"
    "$SAGESCALE" recommend --cli-input-yaml "file://$TEST_TMP/in.yaml" >"$O"
    check "--cli-input-yaml: the AWS CLI's answer to the same --cli-input-json, byte for byte" cmp -s "$O" "$TEST_TMP/aws2/1.out"
fi

bad() { # DESCRIPTION EXPECTED ARGS...
    d=$1 want=$2; shift 2
    timeout 20 "$SAGESCALE" recommend "$@" >"$O" 2>"$E"; rc=$?
    if [ $rc -eq 2 ] && grep -qF -- "$want" "$E"; then ok "$d: exit 2, says so"; else
        fail "$d: exit 2, says so (exit $rc)"; sed 's/^/#   /' "$E" | head -3; fi
}
bad "YAML that does not parse" "--cli-input-yaml: not YAML" --cli-input-yaml $'a: [\n'
bad "a YAML list, not a mapping" "must be a mapping" --cli-input-yaml $'- a\n- b\n'
bad "a quoted number is a string" "TargetCpuUtilizationPerCore" \
    --cli-input-yaml $'InferenceRecommendationsJobName: j\nRecommendationId: j/1\nTargetCpuUtilizationPerCore: \'50\'\n'
bad "an unknown member" "Bogus" --cli-input-yaml $'InferenceRecommendationsJobName: j\nBogus: 1\n'
bomb='a: &a ["x","x","x","x","x","x","x","x","x","x"]'
for l in b c d e f g h i; do bomb="$bomb
$l: &$l [*${prev:-a},*${prev:-a},*${prev:-a},*${prev:-a},*${prev:-a},*${prev:-a},*${prev:-a},*${prev:-a},*${prev:-a},*${prev:-a}]"; prev=$l; done
bad "an alias bomb (10^9 nodes from a few lines)" "too large" --cli-input-yaml "$bomb"
deep=$(printf '%.0sa:\n' $(seq 1 1)); deep=$(python3 -c 'print("x: " + "[" * 200 + "]" * 200)')
bad "200 nested lists" "nested too deeply" --cli-input-yaml "$deep"
bad "both --cli-input-json and --cli-input-yaml" "give only one of them" \
    --cli-input-json "file://$TEST_TMP/in.json" --cli-input-yaml "file://$TEST_TMP/in.yaml"
bad "--cli-input-yaml of a file that is not there" "cannot read" --cli-input-yaml "file://$TEST_TMP/none.yaml"
tap_done
