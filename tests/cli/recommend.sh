#!/bin/sh
# `sagescale recommend` against tests/lib/checksrv.py, an independent server that
# re-computes the SigV4 signature in Python and checks target and body; bad
# flags exit 2 and send nothing; faults give a clear error, never a hang.
. "$top_srcdir/tests/lib/lib.sh"

command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 is not installed"

LOG=$TEST_TMP/requests.log
PORTF=$TEST_TMP/port
python3 "$top_srcdir/tests/lib/checksrv.py" --port-file "$PORTF" --log "$LOG" --hang 8 \
    --lifetime 300 >"$TEST_TMP/checksrv.out" 2>&1 &
SRV=$!
SIM_PIDS="$SIM_PIDS $SRV"
i=0
while [ ! -s "$PORTF" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
[ -s "$PORTF" ] || { cat "$TEST_TMP/checksrv.out"; tap_skip_all "checksrv did not start"; }
URL=http://127.0.0.1:$(cat "$PORTF")

AWS_ACCESS_KEY_ID=AKIDCHECKSRV; AWS_SECRET_ACCESS_KEY=checksrv-secret; AWS_REGION=us-east-1
AWS_MAX_ATTEMPTS=1
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_REGION AWS_MAX_ATTEMPTS
OUT=$TEST_TMP/out; ERR=$TEST_TMP/err

nreq() { wc -l <"$LOG" | tr -d ' '; }
last() { tail -n 1 "$LOG"; }
# run EXPECTED_RC DESCRIPTION ARGS...: runs recommend, bounded in time.
run() {
    want=$1; d=$2; shift 2
    timeout 20 "$SAGESCALE" recommend --endpoint-url "$URL" "$@" >"$OUT" 2>"$ERR"
    rc=$?
    if [ "$rc" -eq "$want" ]; then ok "$d (exit $want)"; else
        fail "$d (exit $rc, wanted $want)"; sed 's/^/#   /' "$ERR" | head -5; fi
}

# --- a good request, verified on the server's side ---
run 0 "recommend with a recommendation id" --job my-job --recommendation-id rec-1
check "server: signature recomputed independently matches" \
    sh -c "tail -n 1 '$LOG' | grep -q '\"signature\": \"ok\"'"
check "server: target header and body pass its checks" \
    sh -c "tail -n 1 '$LOG' | grep -q '\"check\": \"ok\"'"
contains "server saw the exact body (no CPU target when not given)" "$LOG" \
    '"body": "{\"InferenceRecommendationsJobName\":\"my-job\",\"RecommendationId\":\"rec-1\"}"'
contains "json output is indented like the AWS CLI" "$OUT" '    "InferenceRecommendationsJobName": "my-job",'
contains "json output keeps the response's doubles" "$OUT" '"TargetValue": 427.0'
check "nothing on stderr on success" test ! -s "$ERR"

run 0 "AWS CLI spellings" --inference-recommendations-job-name j-2 --endpoint-name ep-1 \
    --target-cpu-utilization-per-core 70 \
    --scaling-policy-objective MinInvocationsPerMinute=5,MaxInvocationsPerMinute=900
contains "server saw every field in model order" "$LOG" \
    '"body": "{\"InferenceRecommendationsJobName\":\"j-2\",\"EndpointName\":\"ep-1\",\"TargetCpuUtilizationPerCore\":70,\"ScalingPolicyObjective\":{\"MinInvocationsPerMinute\":5,\"MaxInvocationsPerMinute\":900}}"'

run 0 "our spellings" --job j-3 --endpoint-name ep-1 --cpu 1 --min-invocations 0 --max-invocations 0
contains "boundaries sent as given" "$LOG" '\"TargetCpuUtilizationPerCore\":1,\"ScalingPolicyObjective\":{\"MinInvocationsPerMinute\":0,\"MaxInvocationsPerMinute\":0}}'

printf '{"InferenceRecommendationsJobName": "from-file", "RecommendationId": "r9", "TargetCpuUtilizationPerCore": 40}\n' >"$TEST_TMP/in.json"
run 0 "--cli-input-json FILE" --cli-input-json "$TEST_TMP/in.json"
contains "input file's fields sent" "$LOG" '{\"InferenceRecommendationsJobName\":\"from-file\",\"RecommendationId\":\"r9\",\"TargetCpuUtilizationPerCore\":40}'
timeout 20 "$SAGESCALE" recommend --endpoint-url "$URL" --cli-input-json - --cpu 90 \
    <"$TEST_TMP/in.json" >"$OUT" 2>"$ERR"
check "--cli-input-json - (stdin) with a flag over it" test $? -eq 0
contains "the flag wins over the file" "$LOG" '\"RecommendationId\":\"r9\",\"TargetCpuUtilizationPerCore\":90}'

run 0 "--output table" --job my-job --recommendation-id rec-1 --output table
contains "table has the operation title" "$OUT" "|                    GetScalingConfigurationRecommendation                   |"
contains "table has nested sections" "$OUT" "||                        DynamicScalingConfiguration                       ||"
run 0 "--output text" --job my-job --recommendation-id rec-1 --output text
contains "text rows as the AWS CLI's" "$OUT" "$(printf 'DYNAMICSCALINGCONFIGURATION\t3\t1\t300\t60')"

# --- bad flags and values: exit 2, one line naming the flag, nothing sent ---
before=$(nreq)
bad() {
    d=$1; want=$2; shift 2
    timeout 10 "$SAGESCALE" recommend --endpoint-url "$URL" "$@" >"$OUT" 2>"$ERR"
    rc=$?
    lines=$(wc -l <"$ERR" | tr -d ' ')
    if [ "$rc" -eq 2 ] && [ "$lines" -eq 1 ] && grep -qF -- "$want" "$ERR" && [ ! -s "$OUT" ]; then
        ok "rejects $d"
    else
        fail "rejects $d (exit $rc, $lines lines)"; sed 's/^/#   /' "$ERR"
    fi
}
J64=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
bad "a missing job" "sagescale: --job: is required" --recommendation-id r
bad "an empty job" "--job: must not be empty" --job "" --recommendation-id r
bad "a 65-character job name" "--job: must be at most 64 characters long (got 65)" --job "${J64}b" --recommendation-id r
bad "a job name ending in a hyphen" "--job: must be letters, digits and hyphens" --job "a-" --recommendation-id r
bad "a job name starting with a hyphen (AWS spelling)" "--inference-recommendations-job-name: must be letters" --inference-recommendations-job-name=-a --recommendation-id r
bad "an underscore in a job name" '(got "a_b")' --job a_b --recommendation-id r
bad "a 64-character endpoint name" "--endpoint-name: must be at most 63 characters" --job j --endpoint-name "$J64"
bad "an endpoint name with a dot" "--endpoint-name: must be letters" --job j --endpoint-name e.1
bad "an empty recommendation id" "--recommendation-id: must not be empty" --job j --recommendation-id ""
bad "both recommendation id and endpoint" "got both" --job j --recommendation-id r --endpoint-name e
bad "neither recommendation id nor endpoint" "got neither" --job j
bad "--cpu abc" '--cpu: must be a whole number from 1 to 100 (got "abc")' --job j --endpoint-name e --cpu abc
bad "--cpu 0" '(got "0")' --job j --endpoint-name e --cpu 0
bad "--cpu 101" '(got "101")' --job j --endpoint-name e --cpu 101
bad "--cpu 5.5" "--cpu: must be a whole number" --job j --endpoint-name e --cpu 5.5
bad "--target-cpu-utilization-per-core -1" "--target-cpu-utilization-per-core: must be" --job j --endpoint-name e --target-cpu-utilization-per-core -1
bad "--min-invocations -1" "--min-invocations: must be a whole number from 0 to 2147483647" --job j --endpoint-name e --min-invocations -1
bad "--max-invocations too large" "--max-invocations: must be" --job j --endpoint-name e --max-invocations 2147483648
bad "min above max" "--min-invocations: must not be more than --max-invocations (got 10 > 9)" --job j --endpoint-name e --min-invocations 10 --max-invocations 9
bad "a bad objective key" "--scaling-policy-objective: expected MinInvocationsPerMinute=N" --job j --endpoint-name e --scaling-policy-objective Min=1
bad "a bad objective value" "--scaling-policy-objective MaxInvocationsPerMinute: must be" --job j --endpoint-name e --scaling-policy-objective MaxInvocationsPerMinute=x
bad "an unknown option" 'unknown option "--bogus"' --job j --endpoint-name e --bogus
bad "a flag without its value" "--cpu: needs a value" --job j --endpoint-name e --cpu
bad "an unknown --output" '--output: must be one of json, table, text, yaml, yaml-stream (got "xml")' --job j --endpoint-name e --output xml
bad "a stray argument" 'unexpected argument "extra"' --job j --endpoint-name e extra
bad "a bad --timeout" "--timeout: must be a number of seconds" --job j --endpoint-name e --timeout 0
bad "a missing input file" "--cli-input-json: cannot read" --cli-input-json "$TEST_TMP/none.json"
printf '{"JobName": "x"}' >"$TEST_TMP/bad.json"
bad "an unknown key in the input file" 'unknown parameter "JobName"' --cli-input-json "$TEST_TMP/bad.json"
bad "an invalid value in the input file" "--job: must be letters" --cli-input-json '{"InferenceRecommendationsJobName": "a_b", "EndpointName": "e"}'
bad "an escape sequence in a value, shown escaped" '\x1b' --job "$(printf 'a\033[2Jb')" --endpoint-name e
lacks "the escape itself never reaches the terminal" "$ERR" "$(printf '\033')"
check "no request was sent for any bad input" test "$(nreq)" -eq "$before"

# --- configuration errors: exit 3, one clear line ---
(unset AWS_REGION; timeout 10 "$SAGESCALE" recommend --endpoint-url "$URL" --job j --endpoint-name e >"$OUT" 2>"$ERR")
check "no region: exit 3" test $? -eq 3
contains "no region: says what to set" "$ERR" "AWS_REGION"
(unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY; timeout 10 "$SAGESCALE" recommend --endpoint-url "$URL" --job j --endpoint-name e >"$OUT" 2>"$ERR")
check "no credentials: exit 3" test $? -eq 3
contains "no credentials: says what to set" "$ERR" "AWS_ACCESS_KEY_ID"
run 3 "a bad endpoint URL" --job j --endpoint-name e --endpoint-url "ftp://127.0.0.1/"
check "nothing sent for configuration errors" test "$(nreq)" -eq "$before"

# --- service errors: exit 1, code, message, request id, hint ---
AWS_SECRET_ACCESS_KEY=wrong-secret run 1 "a wrong secret key is refused by the server" --job j --endpoint-name e
contains "signature error shown with its code" "$ERR" "sagescale: InvalidSignatureException: checksrv: signature mismatch (request id: checksrv-req-"
contains "signature error has a hint" "$ERR" "sagescale: hint: "
run 1 "ValidationException" --job fault-error --endpoint-name e
contains "error code cleaned, message and request id shown" "$ERR" "sagescale: ValidationException: 1 validation error detected: checksrv says no (request id: checksrv-req-"
run 1 "ResourceNotFound" --job fault-notfound --endpoint-name e
contains "unknown job hint" "$ERR" "hint: check the job name"

# --- broken answers: a clear error, exit 1 or 3, never a crash or a hang ---
run 1 "a truncated JSON body" --job fault-malformed --endpoint-name e
contains "says the body is not JSON" "$ERR" "JSON"
run 1 "JSON of the wrong shape" --job fault-wrongtype --endpoint-name e
contains "names the bad field" "$ERR" "DynamicScalingConfiguration.MinCapacity"
run 3 "an oversized body" --job fault-oversized --endpoint-name e
check "oversized: one clear line" test "$(wc -l <"$ERR")" -le 2
run 3 "a reset connection" --job fault-reset --endpoint-name e
check "reset: an error message" test -s "$ERR"
start=$(date +%s)
run 3 "a server that never answers (--timeout 1)" --job fault-hang --endpoint-name e --timeout 1
check "timeout: gave up within 5 seconds" test $(( $(date +%s) - start )) -le 5
contains "timeout: says so" "$ERR" "within 1000 ms"

# --- what the network sent is made safe ---
run 0 "escape sequences in a response" --job fault-unsafe --recommendation-id r --output text
lacks "text: no raw ESC" "$OUT" "$(printf '\033')"
lacks "text: no raw bidi override" "$OUT" "$(printf '\342\200\256')"
run 0 "escape sequences in a response, as JSON" --job fault-unsafe --recommendation-id r
contains "json: ESC kept as a \\u escape (data intact)" "$OUT" '"RecommendationId": "x\u001b]0;owned\u0007\u001b[2J\u202eevil\u009b"'

# --- help and version ---
"$SAGESCALE" recommend --help >"$OUT" 2>"$ERR"
check "recommend --help exits 0" test $? -eq 0
contains "recommend --help lists --scaling-policy-objective" "$OUT" "--scaling-policy-objective"
"$SAGESCALE" help recommend >"$OUT" 2>"$ERR"
contains "sagescale help recommend" "$OUT" "Usage: sagescale recommend"
"$SAGESCALE" --help >"$OUT"
contains "sagescale --help lists recommend" "$OUT" "recommend"
"$SAGESCALE" --version >"$OUT"
check "sagescale --version" grep -q '^sagescale [0-9]' "$OUT"
"$SAGESCALE" nosuchcommand >"$OUT" 2>"$ERR"
check "an unknown command exits 2" test $? -eq 2

tap_done
