#!/bin/sh
# The SSO provider against tests/lib/credsrv.py (portal and SSO-OIDC on
# loopback): sso_session and legacy profiles, the cache key as botocore
# computes it (checked with botocore where it is installed), the refresh
# with CreateToken written back atomically and 0600, and bad input: a
# malformed cache, a cache for another start URL, an expired legacy token,
# a portal that refuses the token, missing settings.  Every failure is one
# clear message, exit 3, no secret on the terminal.
. "$top_srcdir/tests/lib/lib.sh"
command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 is not installed"

sim_start --quiet || tap_skip_all "the simulator does not start"
UPSTREAM=$SIM_URL
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_ENDPOINT_URL
OUT=$TEST_TMP/out; ERR=$TEST_TMP/err
JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
START=https://example.awsapps.com/start

pf=$TEST_TMP/credsrv.port; CRED_LOG=$TEST_TMP/credsrv.log
python3 "$top_srcdir/tests/lib/credsrv.py" --port-file "$pf" --log "$CRED_LOG" --upstream "$UPSTREAM" \
    --max-seconds 300 >"$TEST_TMP/credsrv.out" 2>&1 &
SIM_PIDS="$SIM_PIDS $!"
i=0; while [ ! -s "$pf" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ -s "$pf" ] || tap_skip_all "credsrv.py does not start"
CRED_URL=http://127.0.0.1:$(cat "$pf")
control() { python3 -c 'import sys,urllib.request as u;u.urlopen(u.Request(sys.argv[1]+"/control",data=sys.argv[2].encode()))' "$CRED_URL" "$1"; }

CACHE=$HOME/.aws/sso/cache
mkdir -p "$CACHE"
cat >"$HOME/.aws/config" <<EOF
[profile s]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = us-east-1
[sso-session corp]
sso_start_url = $START
sso_region = us-east-1
[profile legacy]
sso_start_url = $START
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = us-east-1
[profile other]
sso_start_url = https://other.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = us-east-1
[profile half]
sso_session = corp
sso_account_id = 123456789012
region = us-east-1
[profile nosession]
sso_session = nowhere
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = us-east-1
[profile clash]
sso_session = corp
sso_start_url = https://clash.awsapps.com/start
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = us-east-1
EOF
sha1() { printf %s "$1" | python3 -c 'import hashlib,sys;print(hashlib.sha1(sys.stdin.buffer.read()).hexdigest())'; }
KEY_S=$CACHE/$(sha1 corp).json
KEY_L=$CACHE/$(sha1 "$START").json

# token FILE MINUTES_LEFT [refresh]: a cache file as `aws sso login` writes it
token() {
    python3 - "$1" "$2" "${3:-}" "$START" <<'EOF'
import datetime, json, sys
now = datetime.datetime.now(datetime.timezone.utc)
f = lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")
doc = {"startUrl": sys.argv[4], "region": "us-east-1", "accessToken": "sso-access-cached",
       "expiresAt": f(now + datetime.timedelta(minutes=float(sys.argv[2])))}
if sys.argv[3]:
    doc.update(clientId="client-1", clientSecret="CLIENTSECRET-1", refreshToken="sso-refresh-0",
               registrationExpiresAt=f(now + datetime.timedelta(days=30)))
json.dump(doc, open(sys.argv[1], "w"))
EOF
}

run() {
    want=$1; d=$2; profile=$3
    AWS_ENDPOINT_URL="$CRED_URL" AWS_ENDPOINT_URL_SSO="$CRED_URL" AWS_ENDPOINT_URL_SSO_OIDC="$CRED_URL" \
        timeout 60 "$SAGESCALE" recommend --profile "$profile" --job $JOB --recommendation-id $REC --debug \
        >"$OUT" 2>"$ERR"
    rc=$?
    if [ "$rc" -eq "$want" ]; then ok "$d (exit $want)"; else
        fail "$d (exit $rc, wanted $want)"; grep -v '^sagescale: [<>]' "$ERR" | head -5 | sed 's/^/#   /'; fi
    if grep -qF -e sagescale-demo-secret -e sso-access- -e CLIENTSECRET -e sso-refresh -e tok- "$OUT" "$ERR"; then
        fail "$d: a secret on the terminal"; fi
}

# ---- the cache key, as botocore computes it ----
if python3 -c 'import botocore.utils' 2>/dev/null; then
    want=$(python3 -c 'from botocore.utils import SSOTokenLoader as L; l=L(); print(l._generate_cache_key("'"$START"'", "corp"), l._generate_cache_key("'"$START"'", None))')
    check "cache key: botocore's for the session and the legacy start URL" \
        test "$want" = "$(sha1 corp) $(sha1 "$START")"
else
    skip "botocore is not installed"
fi

# ---- sso_session ----
token "$KEY_S" 60
run 0 "sso_session: a cached token" s
contains "sso_session: method sso" "$ERR" "(method sso,"
check "sso_session: GetRoleCredentials for the account and role" \
    grep -q '"kind": "sso-portal", "role": "ReadOnly", "account": "123456789012", "bearer": "sso-access-cached"' "$CRED_LOG"
check "sso_session: no CreateToken with an hour left" sh -c "! grep -q sso-oidc '$CRED_LOG'"

token "$KEY_S" 5 refresh
run 0 "sso_session: 5 minutes left: refreshed with CreateToken" s
check "refresh: CreateToken with the refresh token and client" \
    grep -q '"kind": "sso-oidc", "grantType": "refresh_token", "clientId": "client-1", "refreshToken": "sso-refresh-0"' "$CRED_LOG"
check "refresh: the new access token is used" grep -q '"bearer": "sso-access-refreshed-' "$CRED_LOG"
check "refresh: the cache is written back 0600" test "$(stat -c %a "$KEY_S")" = 600
check "refresh: the cache holds the new token, refresh token and registration" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
ok = d["accessToken"].startswith("sso-access-refreshed-") and d["refreshToken"].startswith("sso-refresh-") \
  and d["refreshToken"] != "sso-refresh-0" and d["clientId"] == "client-1" and d["startUrl"] == sys.argv[2] \
  and set(d) == {"startUrl","region","accessToken","expiresAt","clientId","clientSecret","registrationExpiresAt","refreshToken"}
sys.exit(0 if ok else 1)' "$KEY_S" "$START"
check "refresh: no temporary file left behind" test "$(ls "$CACHE" | grep -c tmp)" -eq 0

token "$KEY_S" -5 refresh
control '{"oidc": "fail"}'
run 3 "sso_session: expired and the refresh refused" s
contains "expired: names aws sso login for the profile" "$ERR" "run \`aws sso login --profile s\` first"
control '{"oidc": "ok"}'

token "$KEY_S" -5
run 3 "sso_session: expired without a refresh token" s
contains "expired, no refresh token: names aws sso login" "$ERR" "aws sso login --profile s"

# ---- legacy ----
token "$KEY_L" 60
run 0 "legacy sso_start_url profile" legacy
token "$KEY_L" 5 refresh
: >"$CRED_LOG"
run 0 "legacy: never refreshed (as botocore)" legacy
check "legacy: no CreateToken" sh -c "! grep -q sso-oidc '$CRED_LOG'"
token "$KEY_L" -1 refresh
: >"$CRED_LOG"
run 3 "legacy: an expired token is refused before any call" legacy
check "legacy: no GetRoleCredentials with an expired token" sh -c "! grep -q sso-portal '$CRED_LOG'"
run 3 "a cache for another start URL only: nothing for this one" other
contains "another start URL: names aws sso login" "$ERR" "aws sso login --profile other"

# ---- bad input ----
token "$KEY_S" 60
control '{"sso": "401"}'
run 3 "the portal refuses the token" s
contains "refused token: names aws sso login" "$ERR" "aws sso login --profile s"
control '{"sso": "ok"}'
printf '{"accessToken": "sso-access-x", "expiresAt": ' >"$KEY_S"
run 3 "a truncated token cache" s
contains "truncated cache: says it is not valid" "$ERR" "not valid"
printf '{"accessToken": "sso-access-x"}' >"$KEY_S"
run 3 "a token cache without expiresAt" s
printf '\377\376garbage' >"$KEY_S"
run 3 "a token cache of garbage" s
rm -f "$KEY_S"
run 3 "no token cached" s
contains "none cached: names aws sso login" "$ERR" "aws sso login --profile s"
run 3 "a profile missing sso_role_name" half
contains "missing: names the setting" "$ERR" "sso_role_name"
run 3 "an sso_session that does not exist" nosession
contains "no such sso-session: named" "$ERR" "nowhere"
run 3 "a value that differs between profile and sso-session" clash
contains "clash: names the setting" "$ERR" "sso_start_url"
check "no message spans more than one line" test "$(grep -vc '^sagescale: [<>]' "$ERR")" -le 3
tap_done
