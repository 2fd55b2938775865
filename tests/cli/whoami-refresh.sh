#!/bin/bash
# whoami signs with the credential store's current credentials, so it
# follows a refresh as the AWS CLI does: a credential_process whose first
# credentials expire within botocore's mandatory window (10 min) is run
# again before the call, and the identity shown is the refreshed one's.
# Differential against `aws sts get-caller-identity` on the same moto
# (signatures checked), with the same process.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/stslib.sh"
moto_available || tap_skip_all "moto (python3) is not installed"
command -v aws >/dev/null 2>&1 || tap_skip_all "the AWS CLI is not installed"

moto_start || { fail "moto starts"; tap_done; }
export AWS_EC2_METADATA_DISABLED=true AWS_PAGER= AWS_MAX_ATTEMPTS=1
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ENDPOINT_URL_STS=$MOTO_URL
O=$TEST_TMP/out E=$TEST_TMP/err
ROLE=arn:aws:iam::123456789012:role

# Two sessions from moto: "first" (handed out expiring in 5 min) and "second".
for r in first second; do
    AWS_ACCESS_KEY_ID=$MOTO_AK AWS_SECRET_ACCESS_KEY=$MOTO_SK timeout 60 aws sts assume-role \
        --role-arn "$ROLE/$r" --role-session-name "s-$r" --output json >"$TEST_TMP/$r.json" ||
        { fail "moto assume-role $r"; tap_done; }
done
python3 - "$TEST_TMP" <<'PY'
import json, sys, time
d = sys.argv[1]
for r, left in (("first", 300), ("second", 3600)):
    c = json.load(open("%s/%s.json" % (d, r)))["Credentials"]
    out = {"Version": 1, "AccessKeyId": c["AccessKeyId"], "SecretAccessKey": c["SecretAccessKey"],
           "SessionToken": c["SessionToken"],
           "Expiration": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + left))}
    json.dump(out, open("%s/%s.proc" % (d, r), "w"))
PY
# The process: the first run prints "first", every later run "second".
cat >"$TEST_TMP/proc.sh" <<SH
#!/bin/sh
n=\$(cat "$TEST_TMP/runs" 2>/dev/null || echo 0); echo \$((n + 1)) >"$TEST_TMP/runs"
if [ "\$n" -eq 0 ]; then cat "$TEST_TMP/first.proc"; else cat "$TEST_TMP/second.proc"; fi
SH
chmod +x "$TEST_TMP/proc.sh"
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
export AWS_CONFIG_FILE=$TEST_TMP/config AWS_SHARED_CREDENTIALS_FILE=$TEST_TMP/none
printf '[profile p]\nregion = us-east-1\ncredential_process = %s\n' "$TEST_TMP/proc.sh" \
    >"$AWS_CONFIG_FILE"

rm -f "$TEST_TMP/runs"
timeout 60 aws sts get-caller-identity --profile p --output json >"$O.aws" 2>"$E.aws"; rc=$?
check "the AWS CLI: exit 0 ($rc)" test $rc -eq 0
contains "the AWS CLI: the refreshed session (second)" "$O.aws" "assumed-role/second/s-second"
check "the AWS CLI: ran the process twice" test "$(cat "$TEST_TMP/runs")" -eq 2

rm -f "$TEST_TMP/runs"
timeout 60 "$SAGESCALE" whoami --profile p --output json >"$O.ss" 2>"$E.ss"; rc=$?
check "whoami: exit 0 ($rc)" test $rc -eq 0
[ $rc -eq 0 ] || sed 's/^/#   /' "$E.ss"
contains "whoami: the refreshed session (second), as the AWS CLI" "$O.ss" \
    "assumed-role/second/s-second"
check "whoami: ran the process twice, as the AWS CLI" test "$(cat "$TEST_TMP/runs")" -eq 2
if cmp -s "$O.aws" "$O.ss"; then ok "whoami: byte for byte the AWS CLI's answer"
else fail "whoami: byte for byte the AWS CLI's answer"; diff "$O.aws" "$O.ss" | sed 's/^/#   /'; fi
lacks "whoami: no secret on stderr" "$E.ss" "$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["SecretAccessKey"])' "$TEST_TMP/second.proc")"
tap_done
