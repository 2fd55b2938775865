#!/bin/sh
# Issue 17 item 8: a service answering a recommendation outside Application
# Auto Scaling's ranges (negative capacities, min > max, a negative
# cooldown, a negative TargetValue).  `apply --dry-run` and `apply` refuse it
# with a message naming what is wrong, print no command and send no write.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/faultlib.sh"
cd "$TEST_TMP" || exit 1

cat >bad <<'EOF2'
200
Content-Type: application/x-amz-json-1.1

{"InferenceRecommendationsJobName":"job-1","EndpointName":"ep","EndpointStatus":"InService","ProductionVariants":[{"VariantName":"AllTraffic","CurrentInstanceCount":1}],"DynamicScalingConfiguration":{"MinCapacity":-1,"MaxCapacity":-5,"ScaleInCooldown":-300,"ScaleOutCooldown":60,"ScalingPolicies":[{"TargetTracking":{"MetricSpecification":{"Predefined":{"PredefinedMetricType":"SageMakerVariantInvocationsPerInstance"}},"TargetValue":-240.0}}]}}
EOF2
demo_creds
FAULTSRV_LOG=$TEST_TMP/requests; export FAULTSRV_LOG
fault_start canned bad || { fail "faultsrv"; tap_done; }
AWS_ENDPOINT_URL=$FAULT_URL; export AWS_ENDPOINT_URL

for mode in --dry-run ""; do
    name="apply${mode:+ $mode}"
    : >"$TEST_TMP/requests"
    "$SAGESCALE" apply --job job-1 --endpoint-name ep --variant AllTraffic $mode \
        >out 2>err; rc=$?
    check "$name: refused (exit $rc)" test "$rc" -ne 0
    contains "$name: says it is not valid" err "not valid for Application Auto Scaling"
    contains "$name: names the negative capacity" err "MinCapacity is -1"
    contains "$name: names min > max" err "MinCapacity (-1) is greater than MaxCapacity (-5)"
    contains "$name: names the cooldown" err "ScaleInCooldown is -300"
    contains "$name: names the target" err "Scaling policy 1: its TargetValue"
    lacks "$name: prints no command" out "register-scalable-target"
    lacks "$name: sends no write" "$TEST_TMP/requests" "RegisterScalableTarget"
done
tap_done
