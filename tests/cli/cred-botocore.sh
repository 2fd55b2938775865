#!/bin/sh
# Metadata, container and web-identity behaviours checked against botocore's
# own providers (tests/lib/credpeer.py) on the same loopback server
# (tests/lib/credsrv.py): IMDS over IPv6 ([::1]), the token PUT retried per
# metadata_service_num_attempts when the service drops the connection,
# expired metadata credentials given a later expiry (botocore's static
# stability), the container relative URI's URL, and the web identity token
# file read again at each refresh.
. "$top_srcdir/tests/lib/lib.sh"
command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 is not installed"
command -v curl >/dev/null 2>&1 || tap_skip_all "curl is not installed"
python3 -c 'import botocore' 2>/dev/null || tap_skip_all "botocore is not installed"
python3 -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0))' 2>/dev/null ||
    tap_skip_all "no IPv6 loopback"

sim_start --quiet --fault-latency 150 || tap_skip_all "the simulator does not start"
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_ENDPOINT_URL AWS_PROFILE AWS_DEFAULT_PROFILE
export AWS_CONFIG_FILE=$TEST_TMP/config AWS_SHARED_CREDENTIALS_FILE=$TEST_TMP/credentials
: >"$AWS_CONFIG_FILE"; : >"$AWS_SHARED_CREDENTIALS_FILE"
export AWS_EC2_METADATA_DISABLED=false
OUT=$TEST_TMP/out; ERR=$TEST_TMP/err
PEER=$top_srcdir/tests/lib/credpeer.py
JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90

UPSTREAM=$SIM_URL
. "$top_srcdir/tests/lib/credsrvlib.sh"
jget() { python3 -c 'import json,sys; v=json.load(open(sys.argv[1])).get(sys.argv[2]); print("" if v is None else v)' "$@"; }
# ours ARGS...: configure list --output json with the environment ARGS
ours() {
    env "$@" AWS_REGION=us-east-1 timeout 30 "$SAGESCALE" configure list --output json \
        >"$OUT" 2>"$ERR"
}

# ---- instance metadata over IPv6 ----
credsrv_start --ipv6 || tap_skip_all "credsrv.py does not start on [::1]"
ours AWS_EC2_METADATA_SERVICE_ENDPOINT="$CRED_URL" AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6
check "ipv6: configure list against [::1] (exit $?)" test -s "$OUT"
check "ipv6: method iam-role" test "$(jget "$OUT" credential_method)" = iam-role
check "ipv6: token PUT and two GETs with the token reached [::1]" \
    test "$(count imds-token)" -eq 1 -a "$(grep -c '"kind": "imds-get".*"token_ok": true' "$CRED_LOG")" -eq 2
: >"$CRED_LOG"
python3 "$PEER" imds "$CRED_URL" 1 ipv6 >"$TEST_TMP/peer" 2>"$TEST_TMP/peer.err"
check "ipv6: botocore gets the same (iam-role, same key)" \
    test "$(jget "$TEST_TMP/peer" method)" = iam-role -a "$(jget "$TEST_TMP/peer" access_key)" = AKIDSAGESCALEDEMO
check "ipv6: botocore made the same requests" \
    test "$(count imds-token)" -eq 1 -a "$(grep -c '"kind": "imds-get".*"token_ok": true' "$CRED_LOG")" -eq 2
printf '[default]\nec2_metadata_service_endpoint_mode = IPv6\nec2_metadata_service_endpoint = %s\n' \
    "$CRED_URL" >"$AWS_CONFIG_FILE"
: >"$CRED_LOG"
ours
check "ipv6: the endpoint and mode from the config file" \
    test "$(jget "$OUT" credential_method)" = iam-role -a "$(count imds-token)" -eq 1
: >"$AWS_CONFIG_FILE"

# ---- the token PUT: metadata_service_num_attempts, a dropped connection ----
credsrv_start || tap_skip_all "credsrv.py does not start"
for attempts in 1 2 3; do
    for who in ours botocore; do
        control '{"imds_token_drop": 1}'; : >"$CRED_LOG"
        if [ $who = ours ]; then
            ours AWS_EC2_METADATA_SERVICE_ENDPOINT="$CRED_URL" \
                AWS_METADATA_SERVICE_NUM_ATTEMPTS=$attempts
            m=$(jget "$OUT" credential_method)
        else
            python3 "$PEER" imds "$CRED_URL" $attempts >"$TEST_TMP/peer" 2>"$TEST_TMP/peer.err"
            m=$(jget "$TEST_TMP/peer" method)
        fi
        # PUTs made, GETs with the token, GETs without (IMDSv1)
        eval "r_$who=\"$m $(count imds-token) \
$(grep -c '"kind": "imds-get".*"has_token": true' "$CRED_LOG") \
$(grep -c '"kind": "imds-get".*"has_token": false' "$CRED_LOG")\""
    done
    check "token drop, $attempts attempt(s): as botocore (ours: $r_ours; botocore: $r_botocore)" \
        test "$r_ours" = "$r_botocore"
done
case $r_ours in
"iam-role 2 2 0") ok "token drop, 3 attempts: the second PUT gave the token" ;;
*) fail "token drop, 3 attempts: $r_ours" ;;
esac
control '{"imds_token_drop": 1}'; : >"$CRED_LOG"
ours AWS_EC2_METADATA_SERVICE_ENDPOINT="$CRED_URL" AWS_METADATA_SERVICE_NUM_ATTEMPTS=1
check "token drop, 1 attempt: IMDSv1 after the dropped PUT (as botocore)" \
    test "$(grep -c '"has_token": false' "$CRED_LOG")" -eq 2

# ---- expired metadata credentials: botocore's static stability ----
control '{"imds": "expired"}'
now=$(date +%s)
ours AWS_EC2_METADATA_SERVICE_ENDPOINT="$CRED_URL"
rc=$?
check "expired: the credentials are used (exit $rc)" test $rc -eq 0
check "expired: method iam-role" test "$(jget "$OUT" credential_method)" = iam-role
exp=$(python3 -c '
import datetime,sys
s=sys.argv[1]
print(int(datetime.datetime.fromisoformat(s.replace("Z","+00:00")).timestamp()) if s else 0)' \
    "$(jget "$OUT" expiration)")
python3 "$PEER" imds "$CRED_URL" 1 >"$TEST_TMP/peer" 2>"$TEST_TMP/peer.err"
pexp=$(python3 -c 'import json,sys; print(int(json.load(open(sys.argv[1]))["expiry"]))' "$TEST_TMP/peer")
diag "expired: ours expire $((exp - now)) s from now, botocore's $((pexp - now)) s"
check "expired: botocore uses them too" test "$(jget "$TEST_TMP/peer" method)" = iam-role
# botocore: now + the 15 min refresh window + 2-10 min of jitter.
check "expired: ours get a later expiry in botocore's range (1020-1500 s)" \
    test $((exp - now)) -ge 1019 -a $((exp - now)) -le 1501
check "expired: so do botocore's" test $((pexp - now)) -ge 1019 -a $((pexp - now)) -le 1501
# The jitter (botocore: random.randint(120, 600)): six of ours not all the same.
for i in 1 2 3 4 5 6; do
    ours AWS_EC2_METADATA_SERVICE_ENDPOINT="$CRED_URL"
    python3 -c 'import calendar,sys,time
print(calendar.timegm(time.strptime(sys.argv[1], "%Y-%m-%dT%H:%M:%SZ")) - int(time.time()))' \
        "$(jget "$OUT" expiration)"
done >"$TEST_TMP/lefts"
spread=$(sort -n "$TEST_TMP/lefts" | sed -n '1p;$p' | paste -sd' ' | awk '{print $2 - $1}')
check "expired: ours have a jitter too (6 runs spread over $spread s, > 2)" test "$spread" -gt 2
control '{"imds": "ok"}'

# ---- container: the URL AWS_CONTAINER_CREDENTIALS_RELATIVE_URI builds ----
# 169.254.170.2 is not loopback, so the URL is compared, not fetched:
# tests/unit/unit-cred.c checks that aws_cred_container_url builds
# http://169.254.170.2 + the URI for these URIs, and here that botocore
# builds the same.
for rel in /v2/credentials/abc '/v2/credentials/abc?x=1&y=2' /; do
    python3 "$PEER" container-url "$rel" >"$TEST_TMP/peer"
    check "container-url: botocore builds http://169.254.170.2$rel" \
        test "$(jget "$TEST_TMP/peer" url)" = "http://169.254.170.2$rel"
done

# ---- web identity: the token file read again at each refresh ----
credsrv_start --lifetime 2 || tap_skip_all "credsrv.py (short-lived) does not start"
printf 'token-one' >"$TEST_TMP/web.jwt"
(
    sleep 3
    printf 'token-two' >"$TEST_TMP/web.jwt.new" && mv "$TEST_TMP/web.jwt.new" "$TEST_TMP/web.jwt"
) &
flip=$!
t0=$(date +%s)
AWS_REGION=us-east-1 AWS_ENDPOINT_URL="$CRED_URL" AWS_ENDPOINT_URL_STS="$CRED_URL" \
    AWS_WEB_IDENTITY_TOKEN_FILE="$TEST_TMP/web.jwt" AWS_ROLE_ARN=arn:aws:iam::123456789012:role/web \
    AWS_ROLE_SESSION_NAME=pod HOME=$TEST_TMP \
    timeout 120 "$SAGESCALE" sweep --job $JOB --recommendation-id $REC --cpu 1:60:1 \
    --concurrency 2 --output csv >"$OUT" 2>"$ERR"
rc=$?
t1=$(date +%s)
wait $flip
check "webid: the sweep succeeds (exit $rc)" test $rc -eq 0
check "webid: the sweep outlived the rotation (>= 4 s: $((t1 - t0)) s)" test $((t1 - t0)) -ge 4
check "webid: the first token was sent" grep -q '"web_token": "token-one"' "$CRED_LOG"
check "webid: after the rotation, the new token was sent" grep -q '"web_token": "token-two"' "$CRED_LOG"
check "webid: unsigned calls" sh -c "! grep -q '\"signed\": true' '$CRED_LOG'"
stats=$(curl -s --noproxy '*' "$CRED_URL/stats")
check "webid: no request refused for an expired token" \
    test "$(echo "$stats" | python3 -c 'import json,sys;print(json.load(sys.stdin)["refused"])')" -eq 0
if grep -qF -e sagescale-demo-secret -e token-one -e token-two -e '"tok-' "$OUT" "$ERR"; then
    fail "webid: a secret on the terminal"; else ok "webid: no secret on the terminal"; fi
# botocore, the same rotation
: >"$CRED_LOG"
printf 'token-three' >"$TEST_TMP/web2.jwt"
python3 "$PEER" webid "$CRED_URL" "$TEST_TMP/web2.jwt" arn:aws:iam::123456789012:role/web \
    token-four >"$TEST_TMP/peer" 2>"$TEST_TMP/peer.err"
check "webid: botocore too sends the rotated token at its refresh" \
    sh -c "grep -q '\"web_token\": \"token-three\"' '$CRED_LOG' && grep -q '\"web_token\": \"token-four\"' '$CRED_LOG'"
tap_done
