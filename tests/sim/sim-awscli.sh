#!/bin/bash
# Interoperability: the AWS CLI (a client nobody here wrote) against
# `sagescale sim`.  Skips cleanly where the AWS CLI is not installed.
. "$top_srcdir/tests/lib/lib.sh"
command -v aws >/dev/null 2>&1 || tap_skip_all "the AWS CLI is not installed"
aws --version >/dev/null 2>&1 || tap_skip_all "the AWS CLI does not run here"
command -v python3 >/dev/null || tap_skip_all "python3 not installed (to read the CLI's JSON)"

sim_start --quiet || { fail "simulator starts"; tap_done; }
# Never look for instance metadata (no network); the hermetic HOME of lib.sh
# has no ~/.aws, so only the demo credentials of sim_start are used.
export AWS_EC2_METADATA_DISABLED=true AWS_PAGER= AWS_MAX_ATTEMPTS=1
A="--endpoint-url $SIM_URL --region us-east-1 --output json"
O=$TEST_TMP/out E=$TEST_TMP/err
# jq-less field access: py FILE EXPR
py() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

timeout 60 aws sagemaker get-scaling-configuration-recommendation $A \
    --inference-recommendations-job-name churn-xgboost-default \
    --recommendation-id churn-xgboost-default/0b9f42d1 --target-cpu-utilization-per-core 50 \
    --scaling-policy-objective MinInvocationsPerMinute=1000,MaxInvocationsPerMinute=20000 >"$O" 2>"$E"; rc=$?
check "aws sagemaker get-scaling-configuration-recommendation succeeds" test $rc -eq 0
[ $rc -eq 0 ] || sed 's/^/#   /' "$E"
check "... InvocationsPerInstance parsed" test "$(py "$O" "d['Metric']['InvocationsPerInstance']")" = 3567
check "... MaxCapacity parsed" test "$(py "$O" "d['DynamicScalingConfiguration']['MaxCapacity']")" = 6
check "... both policies parsed" test "$(py "$O" "len(d['DynamicScalingConfiguration']['ScalingPolicies'])")" = 2

timeout 60 aws sagemaker get-scaling-configuration-recommendation $A \
    --inference-recommendations-job-name resnet50-advanced --endpoint-name resnet50-prod >"$O" 2>"$E"; rc=$?
check "get-scaling-configuration-recommendation with --endpoint-name succeeds" test $rc -eq 0

timeout 60 aws sagemaker list-inference-recommendations-jobs $A >"$O" 2>"$E"; rc=$?
check "aws sagemaker list-inference-recommendations-jobs succeeds" test $rc -eq 0
check "... every demo job (the CLI followed NextToken if any)" test "$(py "$O" "len(d['InferenceRecommendationsJobs'])")" = 6
timeout 60 aws sagemaker list-inference-recommendations-jobs $A --max-items 2 --page-size 1 >"$O" 2>"$E"; rc=$?
check "list with --page-size 1 (paging through NextToken) succeeds" test $rc -eq 0
check "... two items and the CLI's own NextToken" test "$(py "$O" "len(d['InferenceRecommendationsJobs']), 'NextToken' in d")" = "2 True"
timeout 60 aws sagemaker list-inference-recommendations-jobs $A --status-equals FAILED >"$O" 2>"$E"; rc=$?
check "... --status-equals FAILED: one job" test "$(py "$O" "[j['JobName'] for j in d['InferenceRecommendationsJobs']]")" = "['llama-tiny-default']"

timeout 60 aws sagemaker describe-inference-recommendations-job $A --job-name bert-ner-default >"$O" 2>"$E"; rc=$?
check "aws sagemaker describe-inference-recommendations-job succeeds" test $rc -eq 0
check "... recommendations parsed" test "$(py "$O" "len(d['InferenceRecommendations'])")" = 4
check "... timestamps parsed" test -n "$(py "$O" "d['CreationTime']")"

KEY="--service-namespace sagemaker --resource-id endpoint/bert/variant/AllTraffic --scalable-dimension sagemaker:variant:DesiredInstanceCount"
timeout 60 aws application-autoscaling register-scalable-target $A $KEY --min-capacity 1 --max-capacity 5 >"$O" 2>"$E"; rc=$?
check "aws application-autoscaling register-scalable-target succeeds" test $rc -eq 0
timeout 60 aws application-autoscaling put-scaling-policy $A $KEY --policy-name sagescale-cpu \
    --policy-type TargetTrackingScaling --target-tracking-scaling-policy-configuration \
    '{"TargetValue":50.0,"CustomizedMetricSpecification":{"MetricName":"CPUUtilizationNormalized","Namespace":"/aws/sagemaker/Endpoints","Statistic":"Average"},"ScaleInCooldown":300,"ScaleOutCooldown":60}' >"$O" 2>"$E"; rc=$?
check "aws application-autoscaling put-scaling-policy succeeds" test $rc -eq 0
check "... two alarms" test "$(py "$O" "len(d['Alarms'])")" = 2
timeout 60 aws application-autoscaling describe-scaling-policies $A --service-namespace sagemaker >"$O" 2>"$E"; rc=$?
check "describe-scaling-policies succeeds" test $rc -eq 0
check "... the policy round-trips" test "$(py "$O" "d['ScalingPolicies'][0]['TargetTrackingScalingPolicyConfiguration']['CustomizedMetricSpecification']['MetricName']")" = CPUUtilizationNormalized
timeout 60 aws application-autoscaling describe-scalable-targets $A --service-namespace sagemaker >"$O" 2>"$E"; rc=$?
check "describe-scalable-targets succeeds" test $rc -eq 0
check "... the target round-trips" test "$(py "$O" "d['ScalableTargets'][0]['MaxCapacity']")" = 5

AWS_SECRET_ACCESS_KEY=wrong timeout 60 aws sagemaker list-inference-recommendations-jobs $A >"$O" 2>"$E"; rc=$?
check "a wrong secret is refused" test $rc -ne 0
contains "... with InvalidSignatureException" "$E" "InvalidSignatureException"
AWS_ACCESS_KEY_ID=AKIDNOBODY timeout 60 aws sagemaker list-inference-recommendations-jobs $A >"$O" 2>"$E"; rc=$?
check "an unknown key is refused" test $rc -ne 0
contains "... with UnrecognizedClientException" "$E" "UnrecognizedClientException"
timeout 60 aws sagemaker describe-inference-recommendations-job $A --job-name nope >"$O" 2>"$E"; rc=$?
check "an unknown job is an error" test $rc -ne 0
contains "... ResourceNotFound, code cleaned by the CLI" "$E" "(ResourceNotFound)"
timeout 60 aws sagemaker get-scaling-configuration-recommendation $A \
    --inference-recommendations-job-name distilbert-sentiment --recommendation-id x >"$O" 2>"$E"; rc=$?
contains "a job not completed: ValidationException" "$E" "(ValidationException)"
sim_stop "$SIM_PID"
tap_done
