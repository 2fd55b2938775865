#!/bin/sh
# The TUI with temporary credentials: credentials that live two seconds,
# refreshed on the worker while the user keeps rerunning the request, with no
# request refused by the checking front (tests/lib/credsrv.py refuses expired
# tokens); and an SSO session about to end named in the status bar.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"
command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 is not installed"

sim_start --quiet || tap_skip_all "the simulator does not start"
UPSTREAM=$SIM_URL
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_ENDPOINT_URL
JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90

pf=$TEST_TMP/credsrv.port; CRED_LOG=$TEST_TMP/credsrv.log
python3 "$top_srcdir/tests/lib/credsrv.py" --port-file "$pf" --log "$CRED_LOG" --upstream "$UPSTREAM" \
    --lifetime 2 --max-seconds 300 >"$TEST_TMP/credsrv.out" 2>&1 &
SIM_PIDS="$SIM_PIDS $!"
i=0; while [ ! -s "$pf" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ -s "$pf" ] || tap_skip_all "credsrv.py does not start"
CRED_URL=http://127.0.0.1:$(cat "$pf")
stat_of() { python3 -c 'import json,sys,urllib.request as u;print(json.load(u.urlopen(sys.argv[1]+"/stats"))[sys.argv[2]])' "$CRED_URL" "$1"; }
fronts() { grep -c '"kind": "front"' "$CRED_LOG"; }

# ---- refresh while the user keeps rerunning ----
tui_start 100 30 AWS_REGION=us-east-1 AWS_ENDPOINT_URL="$CRED_URL" AWS_EC2_METADATA_DISABLED=true \
    AWS_CONTAINER_CREDENTIALS_FULL_URI="$CRED_URL/container/tui" -- \
    --no-history --job "$JOB" --recommendation-id "$REC" --run
see "the first request completes" "Done in"
t0=$(date +%s)
n=0
while [ $n -lt 8 ]; do
    before=$(fronts)
    tui_keys r		# the keys are on the answer: r sends again
    # Each rerun: wait until the front saw it and the status bar is done again.
    j=0; while [ "$(fronts)" -le "$before" ] && [ $j -lt 100 ]; do sleep 0.05; j=$((j + 1)); done
    see "rerun $((n + 1)) completes" "Done in"
    sleep 0.7
    n=$((n + 1))
done
t1=$(date +%s)
diag "8 reruns over $((t1 - t0)) s; credentials issued: $(stat_of issued)"
check "reruns outlived several credential lifetimes (>= 6 s)" test $((t1 - t0)) -ge 6
check "no request refused for an expired token" test "$(stat_of refused)" -eq 0
check "the credentials were refreshed (more than 4 issued)" test "$(stat_of issued)" -gt 4
check "every request had time left" python3 -c '
import json,sys
left=[json.loads(l)["left"] for l in open(sys.argv[1]) if "\"front\"" in l]
sys.exit(0 if len(left) >= 9 and min(left) > 0 else 1)' "$CRED_LOG"
not_see "no failure on screen" "Failed"
not_see "no expired token on screen" "xpired"
tui_keys F10
tui_wait "EXIT=0" || true
if grep -qF -e sagescale-demo-secret -e tok- "$TEST_TMP/tui.stderr"; then
    fail "a secret on stderr"; else ok "no secret on stderr"; fi

# ---- an SSO session about to end is named in the status bar ----
mkdir -p "$HOME/.aws/sso/cache"
START=https://example.awsapps.com/start
cat >"$HOME/.aws/config" <<EOF
[profile legacy]
sso_start_url = $START
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = us-east-1
EOF
key=$(printf %s "$START" | python3 -c 'import hashlib,sys;print(hashlib.sha1(sys.stdin.buffer.read()).hexdigest())')
python3 - "$HOME/.aws/sso/cache/$key.json" "$START" <<'EOF'
import datetime, json, sys
t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=5, seconds=-10)
json.dump({"startUrl": sys.argv[2], "region": "us-east-1", "accessToken": "sso-access-cached",
           "expiresAt": t.strftime("%Y-%m-%dT%H:%M:%SZ")}, open(sys.argv[1], "w"))
EOF
tui_start 100 30 AWS_ENDPOINT_URL="$CRED_URL" AWS_ENDPOINT_URL_SSO="$CRED_URL" AWS_EC2_METADATA_DISABLED=true -- \
    --profile legacy --no-history --job "$JOB" --recommendation-id "$REC" --run
see "sso: the request completes" "Done in"
see "sso: the status bar names the session's end" "SSO session ends in 5 minutes: run aws sso login"
tui_keys F10
tui_wait "EXIT=0" || true
tap_done
