#!/bin/sh
# `sagescale sim` over real HTTP with curl --aws-sigv4: every operation,
# every authentication error, bad input, oversized and half-sent requests,
# clean shutdown, command-line errors.
. "$top_srcdir/tests/lib/lib.sh"
command -v curl >/dev/null || tap_skip_all "curl not installed"

DEMO_USER=AKIDSAGESCALEDEMO:sagescale-demo-secret
# call SERVICE TARGET BODY [curl args...]: status on stdout, body in $OUT, headers in $HDR.
OUT=$TEST_TMP/out HDR=$TEST_TMP/hdr
call() {
    _svc=$1 _t=$2 _b=$3; shift 3
    curl -s -o "$OUT" -D "$HDR" -w '%{http_code}' --max-time 10 \
        --aws-sigv4 "aws:amz:us-east-1:$_svc" --user "${USERPW:-$DEMO_USER}" \
        -H "X-Amz-Target: $_t" -H 'Content-Type: application/x-amz-json-1.1' \
        --data-binary "$_b" "$@" "$SIM_URL/"
}
sm() { _t=$1; shift; call sagemaker "SageMaker.$_t" "$@"; }
aas() { _t=$1; shift; call application-autoscaling "AnyScaleFrontendService.$_t" "$@"; }
is() { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1"; diag "expected $3, got $2"; sed 's/^/#   /' "$OUT" | head -5; fi; }

sim_start || { fail "simulator starts"; tap_done; }
ok "simulator starts on a free loopback port ($SIM_URL)"
LOG=$(ls "$TEST_TMP"/sim.*.out | head -1)
contains "prints the access key" "$LOG" "AWS_ACCESS_KEY_ID=AKIDSAGESCALEDEMO"
contains "prints the demo secret" "$LOG" "AWS_SECRET_ACCESS_KEY=sagescale-demo-secret"
contains "says the credentials are demo ones" "$LOG" "demo credentials"
contains "prints the region" "$LOG" "AWS_REGION=us-east-1"

GET='{"InferenceRecommendationsJobName":"churn-xgboost-default","RecommendationId":"churn-xgboost-default/0b9f42d1","TargetCpuUtilizationPerCore":50,"ScalingPolicyObjective":{"MinInvocationsPerMinute":1000,"MaxInvocationsPerMinute":20000}}'

# --- every operation ---
is "GetScalingConfigurationRecommendation: 200" "$(sm GetScalingConfigurationRecommendation "$GET")" 200
contains "recommendation: InvocationsPerInstance from the model" "$OUT" '"Metric":{"InvocationsPerInstance":3567,"ModelLatency":14}'
contains "recommendation: capacities and cooldowns" "$OUT" '"MinCapacity":1,"MaxCapacity":6,"ScaleInCooldown":300,"ScaleOutCooldown":60'
contains "recommendation: JSON 1.1 content type" "$HDR" "Content-Type: application/x-amz-json-1.1"
if grep -qiE '^x-amzn-RequestId: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' "$HDR"; then
    ok "x-amzn-RequestId is uuid-like"; else fail "x-amzn-RequestId is uuid-like"; fi
is "ListInferenceRecommendationsJobs: 200" "$(sm ListInferenceRecommendationsJobs '{"StatusEquals":"COMPLETED","SortBy":"Name","SortOrder":"Ascending","MaxResults":2}')" 200
contains "list: first page sorted by name" "$OUT" '"JobName":"bert-ner-default"'
contains "list: paging token" "$OUT" '"NextToken":"'
TOKEN=$(sed -n 's/.*"NextToken":"\([^"]*\)".*/\1/p' "$OUT")
is "list: second page" "$(sm ListInferenceRecommendationsJobs "{\"StatusEquals\":\"COMPLETED\",\"SortBy\":\"Name\",\"SortOrder\":\"Ascending\",\"MaxResults\":2,\"NextToken\":\"$TOKEN\"}")" 200
contains "list: second page continues" "$OUT" '"JobName":"fraud-lightgbm-default"'
lacks "list: last page has no token" "$OUT" '"NextToken"'
is "DescribeInferenceRecommendationsJob: 200" "$(sm DescribeInferenceRecommendationsJob '{"JobName":"resnet50-advanced"}')" 200
contains "describe: endpoint performances" "$OUT" '"EndpointPerformances":[{"Metrics":{"MaxInvocations":3900,"ModelLatency":41},"EndpointInfo":{"EndpointName":"resnet50-prod"}}]'
lacks "describe: fixture-only members stay private" "$OUT" 'x-sim'
is "describe failed job: 200" "$(sm DescribeInferenceRecommendationsJob '{"JobName":"llama-tiny-default"}')" 200
contains "describe: failure reason" "$OUT" '"FailureReason":"ClientError: '

KEY='"ServiceNamespace":"sagemaker","ResourceId":"endpoint/churn/variant/AllTraffic","ScalableDimension":"sagemaker:variant:DesiredInstanceCount"'
is "RegisterScalableTarget: 200" "$(aas RegisterScalableTarget "{$KEY,\"MinCapacity\":1,\"MaxCapacity\":6}")" 200
contains "register: ARN" "$OUT" '"ScalableTargetARN":"arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/'
is "PutScalingPolicy: 200" "$(aas PutScalingPolicy "{$KEY,\"PolicyName\":\"sagescale-invocations\",\"PolicyType\":\"TargetTrackingScaling\",\"TargetTrackingScalingPolicyConfiguration\":{\"TargetValue\":3567.0,\"PredefinedMetricSpecification\":{\"PredefinedMetricType\":\"SageMakerVariantInvocationsPerInstance\"},\"ScaleInCooldown\":300,\"ScaleOutCooldown\":60}}")" 200
contains "put policy: ARN" "$OUT" ':policyName/sagescale-invocations"'
is "DescribeScalableTargets: 200" "$(aas DescribeScalableTargets '{"ServiceNamespace":"sagemaker"}')" 200
contains "describe targets: kept in memory" "$OUT" '"ResourceId":"endpoint/churn/variant/AllTraffic","ScalableDimension":"sagemaker:variant:DesiredInstanceCount","MinCapacity":1,"MaxCapacity":6'
is "DescribeScalingPolicies: 200" "$(aas DescribeScalingPolicies '{"ServiceNamespace":"sagemaker"}')" 200
contains "describe policies: kept in memory" "$OUT" '"TargetValue":3567.0'
is "AAS operation signed for sagemaker: 403" "$(call sagemaker AnyScaleFrontendService.DescribeScalingPolicies '{"ServiceNamespace":"sagemaker"}')" 403
contains "names the expected signing service" "$OUT" "Credential should be scoped to correct service: 'application-autoscaling'"

# --- authentication ---
is "wrong secret: 403" "$(USERPW=AKIDSAGESCALEDEMO:wrong sm ListInferenceRecommendationsJobs '{}')" 403
contains "wrong secret: InvalidSignatureException" "$OUT" '"__type":"com.amazon.coral.service#InvalidSignatureException"'
contains "wrong secret: AWS's message" "$OUT" "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."
contains "wrong secret: x-amzn-ErrorType header" "$HDR" "x-amzn-ErrorType: InvalidSignatureException"
is "unknown access key: 403" "$(USERPW=AKIDUNKNOWN:sagescale-demo-secret sm ListInferenceRecommendationsJobs '{}')" 403
contains "unknown key: UnrecognizedClientException" "$OUT" '#UnrecognizedClientException","message":"The security token included in the request is invalid."'
code=$(curl -s -o "$OUT" -D "$HDR" -w '%{http_code}' --max-time 10 -H 'X-Amz-Target: SageMaker.ListInferenceRecommendationsJobs' \
    -H 'Content-Type: application/x-amz-json-1.1' --data-binary '{}' "$SIM_URL/")
is "no Authorization: 400" "$code" 400
contains "no Authorization: MissingAuthenticationTokenException" "$OUT" 'MissingAuthenticationTokenException","message":"Missing Authentication Token"'
contains "errors carry a request id too" "$HDR" "x-amzn-RequestId: "
code=$(curl -s -o "$OUT" -w '%{http_code}' --max-time 10 --aws-sigv4 "aws:amz:eu-west-1:sagemaker" --user "$DEMO_USER" \
    -H 'X-Amz-Target: SageMaker.ListInferenceRecommendationsJobs' --data-binary '{}' "$SIM_URL/")
is "other region in the scope: 403" "$code" 403
contains "other region: message" "$OUT" "Credential should be scoped to a valid region, not 'eu-west-1'."
code=$(curl -s -o "$OUT" -w '%{http_code}' --max-time 10 -H 'Authorization: AWS4-HMAC-SHA256 Credential=AKIDSAGESCALEDEMO/20260101/us-east-1/sagemaker/aws4_request' \
    -H 'X-Amz-Target: SageMaker.ListInferenceRecommendationsJobs' --data-binary '{}' "$SIM_URL/")
is "incomplete Authorization: 400" "$code" 400
contains "incomplete Authorization: names what is missing" "$OUT" "Authorization header requires 'Signature' parameter."

# A request signed 10 minutes ago (python3 signs with any date; curl cannot).
if command -v python3 >/dev/null; then
    python3 - "${SIM_URL#http://}" "$TEST_TMP/old.sh" <<'PY'
import datetime, hashlib, hmac, sys
host, out = sys.argv[1], sys.argv[2]
body = '{}'
t = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=10)
amz, day = t.strftime("%Y%m%dT%H%M%SZ"), t.strftime("%Y%m%d")
h = {"host": host, "x-amz-date": amz, "x-amz-target": "SageMaker.ListInferenceRecommendationsJobs"}
names = ";".join(sorted(h))
canon = "\n".join(["POST", "/", "", "".join(f"{k}:{h[k]}\n" for k in sorted(h)), names,
                   hashlib.sha256(body.encode()).hexdigest()])
scope = f"{day}/us-east-1/sagemaker/aws4_request"
sts = "\n".join(["AWS4-HMAC-SHA256", amz, scope, hashlib.sha256(canon.encode()).hexdigest()])
k = b"AWS4sagescale-demo-secret"
for p in (day, "us-east-1", "sagemaker", "aws4_request"):
    k = hmac.new(k, p.encode(), hashlib.sha256).digest()
sig = hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()
with open(out, "w") as f:
    f.write(f"AMZ='{amz}'\nAUTH='AWS4-HMAC-SHA256 Credential=AKIDSAGESCALEDEMO/{scope}, SignedHeaders={names}, Signature={sig}'\n")
PY
    . "$TEST_TMP/old.sh"
    code=$(curl -s -o "$OUT" -w '%{http_code}' --max-time 10 -H "X-Amz-Date: $AMZ" -H "Authorization: $AUTH" \
        -H 'X-Amz-Target: SageMaker.ListInferenceRecommendationsJobs' -H 'Content-Type:' --data-binary '{}' "$SIM_URL/")
    is "signed 10 minutes ago: 403" "$code" 403
    contains "signed 10 minutes ago: Signature expired, as AWS words it" "$OUT" "Signature expired: $AMZ is now earlier than "
    contains "expired: states the 5 minute window" "$OUT" " - 5 min.)"
else
    skip "signed 10 minutes ago: python3 not installed"; skip "expired message"; skip "window"
fi

# --- bad input ---
is "malformed JSON: 400" "$(sm ListInferenceRecommendationsJobs '{"MaxResults":')" 400
contains "malformed JSON: SerializationException" "$OUT" "SerializationException"
is "trailing garbage: 400" "$(sm ListInferenceRecommendationsJobs '{} x')" 400
contains "trailing garbage: SerializationException" "$OUT" "SerializationException"
is "a JSON array body: 400" "$(sm ListInferenceRecommendationsJobs '[1,2]')" 400
printf '{}\000' >"$TEST_TMP/nul.json"
code=$(curl -s -o "$OUT" -w '%{http_code}' --max-time 10 --aws-sigv4 "aws:amz:us-east-1:sagemaker" --user "$DEMO_USER" \
    -H 'X-Amz-Target: SageMaker.ListInferenceRecommendationsJobs' --data-binary "@$TEST_TMP/nul.json" "$SIM_URL/")
is "a NUL byte after the JSON: 400" "$code" 400
is "empty body reads as {}: 200" "$(sm ListInferenceRecommendationsJobs '')" 200
is "wrong type: 400" "$(sm GetScalingConfigurationRecommendation '{"InferenceRecommendationsJobName":"a","TargetCpuUtilizationPerCore":"50"}')" 400
contains "wrong type: SerializationException message" "$OUT" "STRING_VALUE can not be converted to an Integer"
is "huge number: 400" "$(sm GetScalingConfigurationRecommendation '{"InferenceRecommendationsJobName":"a","TargetCpuUtilizationPerCore":123456789012345678901234567890}')" 400
contains "huge number: out of range" "$OUT" "out of range of int"
is "missing required field: 400" "$(sm GetScalingConfigurationRecommendation '{"RecommendationId":"x"}')" 400
contains "missing field: AWS wording" "$OUT" "1 validation error detected: Value null at 'inferenceRecommendationsJobName' failed to satisfy constraint: Member must not be null"
is "bad job name: 400" "$(sm GetScalingConfigurationRecommendation '{"InferenceRecommendationsJobName":"x y","RecommendationId":"r"}')" 400
contains "bad job name: the issue's exact message" "$OUT" "1 validation error detected: Value 'x y' at 'inferenceRecommendationsJobName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}"
is "two errors: 400" "$(sm GetScalingConfigurationRecommendation '{"InferenceRecommendationsJobName":"x y","TargetCpuUtilizationPerCore":0}')" 400
contains "two errors: joined" "$OUT" "2 validation errors detected: Value 'x y' at 'inferenceRecommendationsJobName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}; Value '0' at 'targetCpuUtilizationPerCore'"
is "unknown fields are ignored: 200" "$(sm GetScalingConfigurationRecommendation '{"InferenceRecommendationsJobName":"churn-xgboost-default","RecommendationId":"churn-xgboost-default/0b9f42d1","Extra":{"x":[1]}}')" 200
is "unknown job: 400" "$(sm GetScalingConfigurationRecommendation '{"InferenceRecommendationsJobName":"nope","RecommendationId":"x"}')" 400
contains "unknown job: ResourceNotFound" "$OUT" '"__type":"ResourceNotFound","Message":"Could not find inference recommendations job '"'nope'"'."'
contains "ResourceNotFound: header" "$HDR" "x-amzn-ErrorType: ResourceNotFound"
is "unknown recommendation: 400" "$(sm GetScalingConfigurationRecommendation '{"InferenceRecommendationsJobName":"churn-xgboost-default","RecommendationId":"nope"}')" 400
contains "unknown recommendation: ResourceNotFound" "$OUT" "ResourceNotFound"
is "unknown endpoint: 400" "$(sm GetScalingConfigurationRecommendation '{"InferenceRecommendationsJobName":"resnet50-advanced","EndpointName":"nope"}')" 400
contains "unknown endpoint: ResourceNotFound" "$OUT" "Could not find endpoint 'nope'"
is "job in progress: 400" "$(sm GetScalingConfigurationRecommendation '{"InferenceRecommendationsJobName":"distilbert-sentiment","RecommendationId":"x"}')" 400
contains "job in progress: ValidationException" "$OUT" '"__type":"ValidationException","message":"Inference recommendations job '"'distilbert-sentiment'"' is not COMPLETED'
is "unknown operation: 400" "$(sm CreateEndpoint '{}')" 400
contains "unknown operation: UnknownOperationException" "$OUT" "UnknownOperationException"

curl -s -o /dev/null --max-time 10 -H "X-Amz-Target: $(printf 'Evil\033]0;pwned\007')" --data-binary '{}' "$SIM_URL/"
sleep 0.2
lacks "the request log never prints a raw escape from the network" "$LOG" "$(printf '\033')"
contains "... it shows it escaped" "$LOG" 'Evil\x1b]0;pwned'

# --- oversized and half-sent requests ---
head -c 2097152 /dev/zero | tr '\0' ' ' >"$TEST_TMP/big.json"
code=$(curl -s -o "$OUT" -w '%{http_code}' --max-time 20 --aws-sigv4 "aws:amz:us-east-1:sagemaker" --user "$DEMO_USER" \
    -H 'X-Amz-Target: SageMaker.ListInferenceRecommendationsJobs' --data-binary "@$TEST_TMP/big.json" "$SIM_URL/")
is "2 MiB body: 413" "$code" 413
contains "2 MiB body: says the limit" "$OUT" "exceeds the maximum size of 1048576 bytes"
code=$(curl -s -o "$OUT" -w '%{http_code}' --max-time 20 --aws-sigv4 "aws:amz:us-east-1:sagemaker" --user "$DEMO_USER" \
    -H 'Expect:' -H 'X-Amz-Target: SageMaker.ListInferenceRecommendationsJobs' --data-binary "@$TEST_TMP/big.json" "$SIM_URL/")
is "2 MiB body sent without waiting for 100-continue: 413 after draining" "$code" 413
code=$(curl -s -o "$OUT" -w '%{http_code}' --max-time 20 --aws-sigv4 "aws:amz:us-east-1:sagemaker" --user "$DEMO_USER" \
    -H 'Expect:' -H 'Transfer-Encoding: chunked' -H 'X-Amz-Target: SageMaker.ListInferenceRecommendationsJobs' \
    --data-binary "@$TEST_TMP/big.json" "$SIM_URL/")
is "2 MiB chunked body (no length announced): 413" "$code" 413
PORT=${SIM_URL##*:}
# A client that sends half a request and then waits must not hold anyone up.
if exec 3<>"/dev/tcp/127.0.0.1/$PORT" 2>/dev/null; then
    printf 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 500\r\nX-Amz-Target: SageMaker.ListInferenceRecommendationsJobs\r\n\r\n{"MaxRes' >&3
    exec 4<>"/dev/tcp/127.0.0.1/$PORT"
    printf 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Ta' >&4
    start=$(date +%s)
    is "a second client is served while two requests hang half-sent" "$(sm ListInferenceRecommendationsJobs '{}' --max-time 3)" 200
    end=$(date +%s)
    check "... promptly" test $((end - start)) -le 3
    exec 3>&- 4>&-
else
    skip "half-sent request: no /dev/tcp in this shell"; skip "promptly"
fi
is "still serving after the half-sent clients left" "$(sm ListInferenceRecommendationsJobs '{}')" 200

# --- clean stop ---
kill -TERM "$SIM_PID"
rc=0; timeout 10 sh -c "while kill -0 $SIM_PID 2>/dev/null; do sleep 0.05; done" || rc=1
check "stops on SIGTERM" test $rc -eq 0
wait "$SIM_PID"; rc=$?
is "exit status 0 after SIGTERM" "$rc" 0
contains "says it stopped" "$LOG" "stopped"

sim_start --quiet || fail "restart"
kill -INT "$SIM_PID"
rc=0; timeout 10 sh -c "while kill -0 $SIM_PID 2>/dev/null; do sleep 0.05; done" || rc=1
check "stops on SIGINT" test $rc -eq 0

# --- other credentials, data, flags ---
cat >"$TEST_TMP/jobs.json" <<'JSON'
{"Jobs": [{"JobName": "mine", "JobType": "Default", "Status": "COMPLETED",
  "JobArn": "arn:aws:sagemaker:eu-west-1:111122223333:inference-recommendations-job/mine",
  "RoleArn": "arn:aws:iam::111122223333:role/R", "CreationTime": "2026-01-01T00:00:00Z",
  "LastModifiedTime": "2026-01-01T01:00:00Z", "InputConfig": {"ModelName": "m"},
  "InferenceRecommendations": [{"RecommendationId": "mine/1",
    "Metrics": {"CostPerHour": 0.1, "MaxInvocations": 1000, "ModelLatency": 5, "CpuUtilization": 50.0},
    "EndpointConfiguration": {"EndpointName": "e", "VariantName": "v", "InstanceType": "ml.m5.large", "InitialInstanceCount": 1},
    "ModelConfiguration": {}}]}]}
JSON
sim_start --quiet --data "$TEST_TMP/jobs.json" --access-key AKIDOTHER --secret-key other-secret --region eu-west-1 || fail "start with --data"
LOG2=$(ls -t "$TEST_TMP"/sim.*.out | head -1)
lacks "a secret given with --secret-key is not printed" "$LOG2" "other-secret"
code=$(curl -s -o "$OUT" -w '%{http_code}' --max-time 10 --aws-sigv4 "aws:amz:eu-west-1:sagemaker" --user AKIDOTHER:other-secret \
    -H 'X-Amz-Target: SageMaker.GetScalingConfigurationRecommendation' \
    --data-binary '{"InferenceRecommendationsJobName":"mine","RecommendationId":"mine/1","TargetCpuUtilizationPerCore":25}' "$SIM_URL/")
is "--data, --access-key, --secret-key, --region: 200" "$code" 200
contains "--data: answers from the file" "$OUT" '"InvocationsPerInstance":500'
code=$(curl -s -o "$OUT" -w '%{http_code}' --max-time 10 --aws-sigv4 "aws:amz:eu-west-1:sagemaker" --user "$DEMO_USER" \
    -H 'X-Amz-Target: SageMaker.ListInferenceRecommendationsJobs' --data-binary '{}' "$SIM_URL/")
is "the demo key is refused when replaced" "$code" 403
sim_stop "$SIM_PID"

# The server's clock ahead / behind: curl's fresh signature looks stale / early.
sim_start --quiet --clock-skew 900 || fail "start with --clock-skew"
is "--clock-skew 900: 403" "$(sm ListInferenceRecommendationsJobs '{}')" 403
contains "--clock-skew 900: Signature expired" "$OUT" "Signature expired: "
sim_stop "$SIM_PID"
sim_start --quiet --clock-skew -900 || fail "start with --clock-skew -900"
is "--clock-skew -900: 403" "$(sm ListInferenceRecommendationsJobs '{}')" 403
contains "--clock-skew -900: not yet current" "$OUT" "Signature not yet current: "
sim_stop "$SIM_PID"
sim_start --quiet --clock-skew 120 || fail "start with --clock-skew 120"
is "--clock-skew 120 is within the 5 minutes" "$(sm ListInferenceRecommendationsJobs '{}')" 200
sim_stop "$SIM_PID"

# IPv6 loopback, where the machine has it.
if [ -f /proc/net/if_inet6 ] && grep -q '^0\{31\}1 ' /proc/net/if_inet6; then
    "$SAGESCALE" sim --port 0 --bind ::1 --quiet >"$TEST_TMP/v6.out" 2>&1 &
    V6PID=$!; SIM_PIDS="$SIM_PIDS $V6PID"
    V6URL=
    for _ in $(seq 100); do
        V6URL=$(sed -n 's/.*export AWS_ENDPOINT_URL=//p' "$TEST_TMP/v6.out" 2>/dev/null)
        [ -n "$V6URL" ] && break; sleep 0.05
    done
    case $V6URL in "http://[::1]:"*) ok "--bind ::1: an IPv6 URL";; *) fail "--bind ::1: an IPv6 URL ($V6URL)";; esac
    code=$(curl -g -s -o "$OUT" -w '%{http_code}' --max-time 10 --aws-sigv4 "aws:amz:us-east-1:sagemaker" --user "$DEMO_USER" \
        -H 'X-Amz-Target: SageMaker.ListInferenceRecommendationsJobs' --data-binary '{}' "$V6URL/")
    is "--bind ::1: signed request served over IPv6" "$code" 200
    sim_stop "$V6PID"
else
    skip "no IPv6 loopback"; skip "no IPv6 loopback"
fi
"$SAGESCALE" sim --bind not-an-address --port 0 >/dev/null 2>"$TEST_TMP/err"; rc=$?
is "--bind with a name that is not an address: exit 3" "$rc" 3
contains "... says so" "$TEST_TMP/err" "not an IP address: not-an-address"

"$SAGESCALE" sim --help >"$TEST_TMP/help" 2>&1
for f in --fault-drop --fault-throttle --fault-500 --fault-503 --fault-truncate --fault-non-json --fault-oversized --fault-latency --clock-skew --tls-cert --tls-key --port --bind --data; do
    contains "--help documents $f" "$TEST_TMP/help" "$f"
done
"$SAGESCALE" sim --port 70000 >/dev/null 2>"$TEST_TMP/err"; rc=$?
is "--port 70000: usage error" "$rc" 2
contains "--port 70000: says why" "$TEST_TMP/err" "--port needs a whole number from 0 to 65535"
"$SAGESCALE" sim --frobnicate >/dev/null 2>"$TEST_TMP/err"; rc=$?
is "unknown flag: usage error" "$rc" 2
"$SAGESCALE" sim --tls-cert x >/dev/null 2>"$TEST_TMP/err"; rc=$?
is "--tls-cert without --tls-key: usage error" "$rc" 2
timeout 10 "$SAGESCALE" sim --data /nonexistent/jobs.json >/dev/null 2>"$TEST_TMP/err"; rc=$?
is "--data missing file: exit 3" "$rc" 3
contains "--data missing file: says so" "$TEST_TMP/err" "cannot open /nonexistent/jobs.json"
printf '{"Jobs":[{"JobName":"a"}]}' >"$TEST_TMP/bad.json"
timeout 10 "$SAGESCALE" sim --data "$TEST_TMP/bad.json" >/dev/null 2>"$TEST_TMP/err"; rc=$?
is "--data invalid fixture: exit 3" "$rc" 3
contains "--data invalid fixture: names the job and the member" "$TEST_TMP/err" "job 1: missing string member JobType"
sim_start --quiet || fail "start"
timeout 10 "$SAGESCALE" sim --port "${SIM_URL##*:}" >/dev/null 2>"$TEST_TMP/err"; rc=$?
is "port in use: exit 3" "$rc" 3
contains "port in use: says so" "$TEST_TMP/err" "cannot start the simulator"
sim_stop "$SIM_PID"
# Under ASan/UBSan (CI), what the simulator processes reported at exit.
if cat "$TEST_TMP"/sim.*.out 2>/dev/null | grep -qE 'Sanitizer|runtime error'; then
    fail "no sanitizer report from the simulator"; cat "$TEST_TMP"/sim.*.out | grep -A15 -E 'Sanitizer|runtime error' | head -40 | sed 's/^/#   /'
else ok "no sanitizer report from the simulator"; fi
tap_done
