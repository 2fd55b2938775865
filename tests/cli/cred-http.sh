#!/bin/sh
# The container and instance metadata providers against tests/lib/credsrv.py on
# loopback, with their faults; precedence; and refresh: credentials that live
# two seconds, refreshed all through a long sweep, with no request refused
# by the checking front (which refuses expired tokens).
. "$top_srcdir/tests/lib/lib.sh"
command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 is not installed"
command -v curl >/dev/null 2>&1 || tap_skip_all "curl is not installed"

sim_start --quiet --fault-latency 150 || tap_skip_all "the simulator does not start"
UPSTREAM=$SIM_URL
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_ENDPOINT_URL
OUT=$TEST_TMP/out; ERR=$TEST_TMP/err
JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
SECRET=sagescale-demo-secret

. "$top_srcdir/tests/lib/credsrvlib.sh"

# run EXPECTED_RC DESCRIPTION ARGS... (recommend through the front, --debug)
run() {
    want=$1; d=$2; shift 2
    env "$@" AWS_REGION=us-east-1 AWS_ENDPOINT_URL="$CRED_URL" \
        timeout 60 "$SAGESCALE" recommend --job $JOB --recommendation-id $REC --debug \
        >"$OUT" 2>"$ERR"
    rc=$?
    if [ "$rc" -eq "$want" ]; then ok "$d (exit $want)"; else
        fail "$d (exit $rc, wanted $want)"; grep -v '^sagescale: [<>]' "$ERR" | head -5 | sed 's/^/#   /'; fi
    if grep -qF -e "$SECRET" -e "tok-" -e "imds-token-" -e "CONTAINERSECRET" "$OUT" "$ERR"; then
        fail "$d: a secret on the terminal"; fi
}
method() { contains "$1" "$ERR" "(method $2,"; }

credsrv_start --container-token CONTAINERSECRET || tap_skip_all "credsrv.py does not start"
FULL=$CRED_URL/container/creds
IMDS="AWS_EC2_METADATA_DISABLED= AWS_EC2_METADATA_SERVICE_ENDPOINT=$CRED_URL"

# ---- container ----
run 0 "container: full URI on loopback with a token" \
    AWS_CONTAINER_CREDENTIALS_FULL_URI="$FULL" AWS_CONTAINER_AUTHORIZATION_TOKEN=CONTAINERSECRET
method "container: method container-role" container-role
check "container: the token was sent as Authorization" grep -q '"auth_ok": true' "$CRED_LOG"
printf CONTAINERSECRET >"$TEST_TMP/token"
run 0 "container: the token file wins over the variable" \
    AWS_CONTAINER_CREDENTIALS_FULL_URI="$FULL" AWS_CONTAINER_AUTHORIZATION_TOKEN=wrong \
    AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="$TEST_TMP/token"
run 3 "container: a wrong token is refused" \
    AWS_CONTAINER_CREDENTIALS_FULL_URI="$FULL" AWS_CONTAINER_AUTHORIZATION_TOKEN=wrong
contains "container: the failure names the endpoint" "$ERR" "container credentials endpoint"
before=$(count container)
run 3 "container: http to another host is not allowed" \
    AWS_CONTAINER_CREDENTIALS_FULL_URI=http://192.0.2.1/creds
contains "container: the rule is named" "$ERR" "169.254.170.23"
check "container: no request to a host not allowed" test "$(count container)" -eq "$before"
run 3 "container: a token with a line break is refused" \
    AWS_CONTAINER_CREDENTIALS_FULL_URI="$FULL" AWS_CONTAINER_AUTHORIZATION_TOKEN="$(printf 'a\nb')"
for fault in missing badtime expired; do
    control "{\"container\": \"$fault\"}"
    run 3 "container: answer fault $fault" \
        AWS_CONTAINER_CREDENTIALS_FULL_URI="$FULL" AWS_CONTAINER_AUTHORIZATION_TOKEN=CONTAINERSECRET
done
control '{"container": "html"}'
t0=$(date +%s%N)
run 3 "container: an HTML answer, after botocore's 3 attempts" \
    AWS_CONTAINER_CREDENTIALS_FULL_URI="$FULL" AWS_CONTAINER_AUTHORIZATION_TOKEN=CONTAINERSECRET
t1=$(date +%s%N)
contains "container: the HTML failure says so" "$ERR" "not a JSON object"
check "container: 3 attempts 1 s apart (2-6 s)" test $(((t1 - t0) / 1000000)) -ge 1900 -a $(((t1 - t0) / 1000000)) -le 6000
control '{"container": "ok"}'

# ---- instance metadata ----
control '{"imds": "ok"}'
: >"$CRED_LOG"
run 0 "imds: IMDSv2" $IMDS
method "imds: method iam-role" iam-role
check "imds: token PUT with a TTL of 21600" grep -q '"kind": "imds-token", "method": "PUT", "ttl": "21600"' "$CRED_LOG"
check "imds: the role name and the credentials asked for with the token" \
    test "$(grep -c '"kind": "imds-get".*"token_ok": true' "$CRED_LOG")" -eq 2
for fault in token-403 token-405; do
    control "{\"imds\": \"$fault\"}"; : >"$CRED_LOG"
    run 0 "imds: $fault falls back to IMDSv1" $IMDS
    check "imds: $fault: v1 requests carry no token" \
        test "$(grep -c '"kind": "imds-get".*"has_token": false' "$CRED_LOG")" -eq 2
    : >"$CRED_LOG"
    run 3 "imds: $fault with AWS_EC2_METADATA_V1_DISABLED: no fallback" $IMDS AWS_EC2_METADATA_V1_DISABLED=true
    contains "imds: $fault: IMDSv1 disabled is named" "$ERR" "IMDSv1 is disabled"
    check "imds: $fault: no v1 request" test "$(count imds-get)" -eq 0
done
printf '[default]\nec2_metadata_v1_disabled = true\n' >"$TEST_TMP/config.v1"
: >"$CRED_LOG"
run 3 "imds: ec2_metadata_v1_disabled in the config file" $IMDS AWS_CONFIG_FILE="$TEST_TMP/config.v1"
check "imds: config: no v1 request" test "$(count imds-get)" -eq 0
control '{"imds": "token-hang"}'; : >"$CRED_LOG"
t0=$(date +%s%N)
run 0 "imds: a token PUT that times out falls back to v1 (as botocore)" $IMDS
t1=$(date +%s%N)
check "imds: the token timeout is botocore's 1 s (under 4 s in all)" test $(((t1 - t0) / 1000000)) -le 4000
for fault in token-400 role-404 creds-html creds-truncated creds-missing; do
    control "{\"imds\": \"$fault\"}"
    run 3 "imds: $fault gives no credentials" $IMDS
    contains "imds: $fault: the sources tried are named" "$ERR" "instance metadata"
done
control '{"imds": "expired"}'
# botocore's static stability: expired metadata credentials are used with a
# later expiry (tests/cli/cred-botocore.sh compares the expiry with
# botocore's); the front then refuses the stale token as the service would.
run 1 "imds: expired credentials are used, as botocore uses them" $IMDS
contains "imds: expired: the service's refusal is shown" "$ERR" "ExpiredTokenException"
control '{"imds": "ok"}'; : >"$CRED_LOG"
run 3 "imds: AWS_EC2_METADATA_DISABLED=true" AWS_EC2_METADATA_DISABLED=true AWS_EC2_METADATA_SERVICE_ENDPOINT="$CRED_URL"
check "imds: disabled: no request" test "$(count imds-token)" -eq 0
run 3 "imds: a bad endpoint mode" $IMDS AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=ipv5
contains "imds: the mode is named" "$ERR" "IPv4 or IPv6"
run 3 "imds: a bad timeout" $IMDS AWS_METADATA_SERVICE_TIMEOUT=soon
contains "imds: the variable is named" "$ERR" "AWS_METADATA_SERVICE_TIMEOUT"

# ---- precedence: an earlier source answers, no later one is asked ----
: >"$CRED_LOG"
run 0 "precedence: environment before container and metadata" $IMDS \
    AWS_ACCESS_KEY_ID=AKIDSAGESCALEDEMO AWS_SECRET_ACCESS_KEY=$SECRET \
    AWS_CONTAINER_CREDENTIALS_FULL_URI="$FULL" AWS_CONTAINER_AUTHORIZATION_TOKEN=CONTAINERSECRET
method "precedence: env" env
check "precedence: env: neither container nor metadata asked" test "$(count container)" -eq 0 -a "$(count imds-token)" -eq 0
printf '[default]\naws_access_key_id = AKIDSAGESCALEDEMO\naws_secret_access_key = %s\n' "$SECRET" >"$TEST_TMP/creds.file"
run 0 "precedence: shared credentials file before container" $IMDS AWS_SHARED_CREDENTIALS_FILE="$TEST_TMP/creds.file" \
    AWS_CONTAINER_CREDENTIALS_FULL_URI="$FULL" AWS_CONTAINER_AUTHORIZATION_TOKEN=CONTAINERSECRET
method "precedence: shared-credentials-file" shared-credentials-file
check "precedence: file: no container request" test "$(count container)" -eq 0
run 0 "precedence: container before metadata" $IMDS \
    AWS_CONTAINER_CREDENTIALS_FULL_URI="$FULL" AWS_CONTAINER_AUTHORIZATION_TOKEN=CONTAINERSECRET
method "precedence: container-role" container-role
check "precedence: container: no metadata request" test "$(count imds-token)" -eq 0
printf '[profile p]\nregion = us-east-1\naws_access_key_id = AKIDSAGESCALEDEMO\naws_secret_access_key = %s\n' "$SECRET" >"$TEST_TMP/config.p"
# --profile skips the environment (botocore drops EnvProvider then).
AWS_CONFIG_FILE="$TEST_TMP/config.p" AWS_ACCESS_KEY_ID=AKIDWRONG AWS_SECRET_ACCESS_KEY=wrong \
    AWS_ENDPOINT_URL="$CRED_URL" timeout 30 "$SAGESCALE" recommend --profile p --job $JOB \
    --recommendation-id $REC --debug >"$OUT" 2>"$ERR"
check "precedence: --profile p: exit 0" test $? -eq 0
method "precedence: --profile: config-file" config-file

# ---- refresh: 2-second credentials through a long sweep ----
credsrv_start --container-token A --lifetime 2 || fail "credsrv.py (short-lived) does not start"
printf A >"$TEST_TMP/rtoken"
(
    sleep 3
    control '{"container_tokens": ["A", "B"]}'
    printf B >"$TEST_TMP/rtoken"
    sleep 0.5
    control '{"container_tokens": ["B"]}'
) &
flip=$!
t0=$(date +%s)
AWS_REGION=us-east-1 AWS_ENDPOINT_URL="$CRED_URL" AWS_CONTAINER_CREDENTIALS_FULL_URI="$CRED_URL/container/c" \
    AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="$TEST_TMP/rtoken" \
    timeout 120 "$SAGESCALE" sweep --job $JOB --recommendation-id $REC --cpu 1:100:1 \
    --concurrency 2 --output csv >"$OUT" 2>"$ERR"
rc=$?
t1=$(date +%s)
wait $flip
check "refresh: the sweep succeeds (exit $rc)" test $rc -eq 0
check "refresh: 100 points answered" test "$(grep -c '^[0-9]' "$OUT")" -ge 100
stats=$(curl -s --noproxy '*' "$CRED_URL/stats")
diag "sweep took $((t1 - t0)) s; credsrv: $stats"
check "refresh: no request refused for an expired token" test "$(echo "$stats" | python3 -c 'import json,sys;print(json.load(sys.stdin)["refused"])')" -eq 0
check "refresh: the sweep outlived its first credentials (>= 4 s)" test $((t1 - t0)) -ge 4
check "refresh: many credentials issued (> 3)" test "$(echo "$stats" | python3 -c 'import json,sys;print(json.load(sys.stdin)["issued"])')" -gt 3
check "refresh: every request had time left" python3 -c '
import json,sys
left=[json.loads(l)["left"] for l in open(sys.argv[1]) if "\"front\"" in l]
sys.exit(0 if left and min(left) > 0 else 1)' "$CRED_LOG"
check "refresh: the token file was read again (both tokens sent)" \
    sh -c "grep -q '\"auth\": \"A\", \"auth_ok\": true' '$CRED_LOG' && grep -q '\"auth\": \"B\", \"auth_ok\": true' '$CRED_LOG'"
check "refresh: no container request refused" sh -c "! grep -q '\"auth_ok\": false' '$CRED_LOG'"
tap_done
