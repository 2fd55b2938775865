#!/bin/sh
# `sagescale recommend` against the simulator: the three output formats
# byte for byte equal to the AWS CLI's, --demo, --cli-input-json, error
# mapping, retries, faults and TLS.
. "$top_srcdir/tests/lib/lib.sh"

sim_start --quiet || tap_skip_all "the simulator does not start"
OUT=$TEST_TMP/out; ERR=$TEST_TMP/err
JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90

# rec EXPECTED_RC DESCRIPTION ARGS...
rec() {
    want=$1; d=$2; shift 2
    timeout 20 "$SAGESCALE" recommend "$@" >"$OUT" 2>"$ERR"
    rc=$?
    if [ "$rc" -eq "$want" ]; then ok "$d (exit $want)"; else
        fail "$d (exit $rc, wanted $want)"; sed 's/^/#   /' "$ERR" | head -5; fi
}

# --- the three formats, equal to the AWS CLI's output ---
if command -v aws >/dev/null 2>&1 && AWS_EC2_METADATA_DISABLED=true aws --version >/dev/null 2>&1; then
    set -- "--inference-recommendations-job-name resnet50-advanced --endpoint-name resnet50-prod --target-cpu-utilization-per-core 70" \
           "--inference-recommendations-job-name $JOB --recommendation-id $REC --scaling-policy-objective MinInvocationsPerMinute=100,MaxInvocationsPerMinute=9000"
    for args in "$@"; do
        for fmt in json table text; do
            # shellcheck disable=SC2086
            AWS_DEFAULT_REGION=$AWS_REGION AWS_EC2_METADATA_DISABLED=true \
                timeout 60 aws sagemaker get-scaling-configuration-recommendation \
                --endpoint-url "$SIM_URL" $args --output "$fmt" >"$TEST_TMP/aws.$fmt" 2>"$ERR"
            # shellcheck disable=SC2086
            timeout 20 "$SAGESCALE" recommend $args --output "$fmt" >"$TEST_TMP/ours.$fmt" 2>>"$ERR"
            if [ -s "$TEST_TMP/aws.$fmt" ] && cmp -s "$TEST_TMP/aws.$fmt" "$TEST_TMP/ours.$fmt"; then
                ok "--output $fmt byte for byte equal to the AWS CLI's (${args%% --*}...)"
            else
                fail "--output $fmt byte for byte equal to the AWS CLI's"
                diff "$TEST_TMP/aws.$fmt" "$TEST_TMP/ours.$fmt" | head -20 | sed 's/^/#   /'
                sed 's/^/#   /' "$ERR" | head -5
            fi
        done
    done
else
    for i in 1 2 3 4 5 6; do skip "the AWS CLI is not installed"; done
fi

rec 0 "json" --job $JOB --recommendation-id $REC --cpu 60 --min-invocations 100 --max-invocations 9000
contains "json: the job echoed" "$OUT" '    "InferenceRecommendationsJobName": "churn-xgboost-default",'
contains "json: the CPU target echoed" "$OUT" '    "TargetCpuUtilizationPerCore": 60,'
contains "json: capacities" "$OUT" '"MaxCapacity": 5,'
rec 0 "table" --job $JOB --recommendation-id $REC --output table
contains "table: title" "$OUT" "GetScalingConfigurationRecommendation"
contains "table: predefined metric" "$OUT" "SageMakerVariantInvocationsPerInstance"
rec 0 "text" --job resnet50-advanced --endpoint-name resnet50-prod --output text
contains "text: first line (keys sorted, as the AWS CLI does)" "$OUT" "$(printf 'resnet50-prod\tresnet50-advanced\t50')"
contains "text: customized policy" "$OUT" "$(printf 'CUSTOMIZED\tCPUUtilizationNormalized\t/aws/sagemaker/Endpoints\tAverage')"

printf '{"InferenceRecommendationsJobName": "%s", "RecommendationId": "%s", "TargetCpuUtilizationPerCore": 35}' \
    "$JOB" "$REC" >"$TEST_TMP/in.json"
rec 0 "--cli-input-json" --cli-input-json "$TEST_TMP/in.json" --output text
contains "--cli-input-json: its CPU target was sent" "$OUT" "$(printf '%s\t%s\t35' "$JOB" "$REC")"

# --- --demo: the built-in simulator, whatever the environment says ---
(
    unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_REGION
    AWS_ENDPOINT_URL=http://127.0.0.1:1; export AWS_ENDPOINT_URL
    timeout 20 "$SAGESCALE" recommend --demo --job $JOB --recommendation-id $REC >"$OUT" 2>"$ERR"
)
check "--demo works without credentials and ignores AWS_ENDPOINT_URL" test $? -eq 0
contains "--demo answered" "$OUT" '"ScalingPolicies": ['

# --- service errors ---
rec 1 "an unknown job" --job no-such-job --endpoint-name e
contains "unknown job: ResourceNotFound" "$ERR" "sagescale: ResourceNotFound: "
contains "unknown job: request id" "$ERR" "(request id: "
contains "unknown job: hint" "$ERR" "sagescale: hint: check the job name"
rec 1 "an unknown recommendation id" --job $JOB --recommendation-id nope
rec 1 "a failed job" --job llama-tiny-default --endpoint-name e
contains "failed job: ValidationException" "$ERR" "sagescale: ValidationException: "
rec 1 "a job still in progress" --job distilbert-sentiment --endpoint-name e
AWS_SECRET_ACCESS_KEY=wrong rec 1 "a wrong secret" --job $JOB --recommendation-id $REC
contains "wrong secret: InvalidSignatureException" "$ERR" "InvalidSignatureException"
AWS_ACCESS_KEY_ID=AKIDNOBODY rec 1 "an unknown access key" --job $JOB --recommendation-id $REC
contains "unknown key: UnrecognizedClientException" "$ERR" "UnrecognizedClientException"

# --- retries and faults (each simulator counts its own requests) ---
stop_last() { sim_stop "$SIM_PID"; }
sim_start --quiet --fault-throttle 2 && AWS_MAX_ATTEMPTS=3 rec 0 "two throttles, then success (3 attempts)" --job $JOB --recommendation-id $REC
stop_last
sim_start --quiet --fault-throttle 9 && AWS_MAX_ATTEMPTS=2 rec 1 "throttled on every attempt" --job $JOB --recommendation-id $REC
contains "throttling: code" "$ERR" "ThrottlingException"
contains "throttling: hint" "$ERR" "throttling"
stop_last
sim_start --quiet --fault-503 1 && rec 0 "a 503, retried" --job $JOB --recommendation-id $REC
stop_last
sim_start --quiet --fault-non-json 1 && AWS_MAX_ATTEMPTS=1 rec 1 "a 200 with HTML" --job $JOB --recommendation-id $REC
contains "HTML: says it is not JSON" "$ERR" "JSON"
stop_last
sim_start --quiet --fault-truncate 1 && AWS_MAX_ATTEMPTS=1 rec 3 "a truncated answer" --job $JOB --recommendation-id $REC
check "truncated: an error message" test -s "$ERR"
stop_last
sim_start --quiet --fault-oversized 1 && AWS_MAX_ATTEMPTS=1 rec 3 "an oversized answer" --job $JOB --recommendation-id $REC
contains "oversized: says so" "$ERR" "larger than"
stop_last
sim_start --quiet --fault-drop 1 && AWS_MAX_ATTEMPTS=1 rec 3 "a dropped connection" --job $JOB --recommendation-id $REC
stop_last
sim_start --quiet --clock-skew 900 && rec 1 "a clock 15 minutes off" --job $JOB --recommendation-id $REC
contains "clock skew: hint names the clock" "$ERR" "clock"
stop_last

# --- TLS: verified with --ca-bundle / AWS_CA_BUNDLE, refused without ---
if command -v openssl >/dev/null 2>&1 &&
   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
       -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
       -keyout "$TEST_TMP/key.pem" -out "$TEST_TMP/cert.pem" >/dev/null 2>&1 &&
   sim_start --quiet --tls-cert "$TEST_TMP/cert.pem" --tls-key "$TEST_TMP/key.pem"; then
    case $SIM_URL in https://*) ok "TLS simulator on https" ;; *) fail "TLS simulator on https ($SIM_URL)" ;; esac
    rec 0 "https with --ca-bundle" --job $JOB --recommendation-id $REC --ca-bundle "$TEST_TMP/cert.pem"
    AWS_CA_BUNDLE=$TEST_TMP/cert.pem rec 0 "https with AWS_CA_BUNDLE" --job $JOB --recommendation-id $REC
    AWS_MAX_ATTEMPTS=1 rec 3 "https with an unknown certificate is refused" --job $JOB --recommendation-id $REC
    contains "TLS refusal says why" "$ERR" "certificate"
    stop_last
else
    for i in 1 2 3 4 5; do skip "openssl or the TLS simulator is unavailable"; done
fi

tap_done
