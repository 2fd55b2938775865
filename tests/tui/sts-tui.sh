#!/bin/bash
# The TUI's title line: profile, region and account (STS GetCallerIdentity
# on the worker: blank until known, never holding the screen), an
# overridden endpoint's host, read-only; the demo account with --demo; the
# apply review naming the account and region it will write to.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"
. "$top_srcdir/tests/lib/stslib.sh"

# --- the demo --------------------------------------------------------------
tui_start 130 30 -- --demo --read-only
see "--demo: the demo account on the title line" "demo: embedded simulator  read-only  us-east-1  account 123456789012"
see "... beside the whole title at 130 columns" "sagescale - SageMaker autoscaling recommendations"
tui_keys F10
see "quits" "EXIT=0"
tui_stop

tui_start 80 24 -- --demo --job churn-xgboost-default --recommendation-id churn-xgboost-default/7c3e1a90 --cpu 50 --run
at_80x24 "at 80 columns the context fits with the short title" &&
    see "at 80 columns the context fits with the short title" " sagescale  "
see "... the account" "account 123456789012"
see "the request completes" "Done in"
tui_keys F8; see "the endpoint picker" "Pick the endpoint to scale"
tui_type churn-p; see "... filtered" "1 of 8 endpoints"
tui_keys Enter; see "... its variants" "Endpoint churn-prod (InService)"
tui_keys Enter; see "... the target" "Target: churn-prod, variant primary"
tui_keys F4; see "the export menu" "Export this result as:"
tui_keys 7; see "the apply dialog (the menu's last entry)" "Apply this recommendation"
tui_keys Enter
see "the apply review names the account and region first" "Account 123456789012, region us-east-1"
see "... then now against recommended" "Now against recommended, then the calls"
tui_keys Escape Escape F10
tui_stop

# --- a real peer: moto, an assume-role profile ----------------------------
if moto_available; then
    moto_start || fail "moto starts"
    mkdir -p "$HOME/.aws"
    printf '[base]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$MOTO_AK" "$MOTO_SK" \
        >"$HOME/.aws/credentials"
    printf '[profile r1]\nrole_arn = arn:aws:iam::123456789012:role/first\nsource_profile = base\nregion = eu-west-1\n' \
        >"$HOME/.aws/config"
    tui_start 120 30 AWS_ENDPOINT_URL_STS="$MOTO_URL" AWS_ENDPOINT_URL_SAGEMAKER=http://127.0.0.1:9 \
        AWS_EC2_METADATA_DISABLED=true -- --profile r1
    see "an assume-role profile: profile, region, moto's account" "profile r1  eu-west-1  account 123456789012  endpoint 127.0.0.1:9"
    tui_keys F10
    see "quits" "EXIT=0"
    tui_stop
    n=$(sts_count "$MOTO_LOG" GetCallerIdentity)
    check "one GetCallerIdentity for the title" test "$n" -eq 1
else
    skip "moto is not installed"
fi

# --- an STS that never answers: the screen does not wait ------------------
python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
open(sys.argv[1], "w").write(str(s.getsockname()[1])); conns = []
end = time.time() + 60
while time.time() < end:
    s.settimeout(1)
    try: conns.append(s.accept()[0])
    except OSError: pass
' "$TEST_TMP/hole.port" & SIM_PIDS="$SIM_PIDS $!"
i=0; while [ ! -s "$TEST_TMP/hole.port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
start=$(tui_now_ms)
tui_start 100 30 AWS_ACCESS_KEY_ID=AKIDSAGESCALEDEMO AWS_SECRET_ACCESS_KEY=sagescale-demo-secret \
    AWS_REGION=us-east-1 AWS_ENDPOINT_URL_STS="http://127.0.0.1:$(cat "$TEST_TMP/hole.port")" -- 
see "STS silent: the title shows profile and region at once" "profile default  us-east-1"
check "... within 3 s" test $(( $(tui_now_ms) - start )) -lt 3000
not_see "... and no account" "account "
tui_keys F1
see "the screen answers keys meanwhile" "Keys"
tui_keys Escape F10
see "quits" "EXIT=0"
tui_stop

# --- MFA: on the terminal at start, then in a dialog when a refresh needs it
sim_start --sts-duration 60 || fail "simulator starts"
SIMLOG=$_log
mkdir -p "$HOME/.aws"
printf '[base]\naws_access_key_id = AKIDSAGESCALEDEMO\naws_secret_access_key = sagescale-demo-secret\n' \
    >"$HOME/.aws/credentials"
printf '[profile mfa]\nrole_arn = arn:aws:iam::123456789012:role/demo\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/demo\nregion = us-east-1\n' \
    >"$HOME/.aws/config"
rm -rf "$HOME/.aws/cli"
tui_start 100 30 AWS_ENDPOINT_URL="$SIM_URL" AWS_ACCESS_KEY_ID= AWS_SECRET_ACCESS_KEY= -- \
    --profile mfa --job churn-xgboost-default --recommendation-id churn-xgboost-default/7c3e1a90 --cpu 50
see "the first code is asked on the terminal, before the screen" "Enter MFA code for arn:aws:iam::123456789012:mfa/demo:"
tui_type 246810; tui_keys Enter
see "then the screen, with the assumed role's account" "profile mfa  us-east-1  account 123456789012"
not_see "the code was not echoed" "246810"
# 60-second credentials are inside the refresh window: the request refreshes
# them, and the code is asked in a dialog.
tui_keys Enter
see "a refresh that needs a code opens the MFA dialog" "Profile mfa needs an MFA code for"
tui_type 135791
see "the code is masked" "Code:  ******"
not_see "... not shown" "135791"
tui_keys Enter
see "the request completes with the refreshed credentials" "Done in"
check "two AssumeRole calls reached the simulator" test "$(grep -c 'STS.AssumeRole -> 200' "$SIMLOG")" -eq 2
tui_keys r		# the keys are on the answer: r sends again
see "the next refresh asks again" "Profile mfa needs an MFA code for"
tui_keys Escape
see "Esc refuses: the request fails with a clear message" "No MFA code was given"
tui_keys F10
see "quits" "EXIT=0"
tui_stop
tap_done
