#!/bin/bash
# The simulator's STS: GetCallerIdentity, AssumeRole and
# AssumeRoleWithWebIdentity for the AWS CLI and boto3, the temporary keys
# accepted on SageMaker and Application Auto Scaling for their lifetime
# (--sts-duration) and refused with ExpiredTokenException after.
. "$top_srcdir/tests/lib/lib.sh"
command -v python3 >/dev/null || tap_skip_all "python3 not installed"
python3 -c 'import boto3' 2>/dev/null || tap_skip_all "boto3 is not installed"

sim_start --sts-duration 10 || { fail "simulator starts"; tap_done; }
export AWS_EC2_METADATA_DISABLED=true AWS_PAGER= AWS_MAX_ATTEMPTS=1 AWS_DEFAULT_REGION=us-east-1
O=$TEST_TMP/out E=$TEST_TMP/err

timeout 60 "$SAGESCALE" whoami --output text >"$O" 2>"$E"; rc=$?
check "sagescale whoami against the simulator" test $rc -eq 0
check "... the demo account and user" test "$(cat "$O")" = \
    "$(printf '123456789012\tarn:aws:iam::123456789012:user/sagescale-demo\tAIDASAGESCALEDEMOUSER')"
timeout 60 "$SAGESCALE" whoami --demo --output text >"$O" 2>"$E"; rc=$?
check "sagescale whoami --demo: the demo account" test $rc -eq 0 -a "$(cut -f1 "$O")" = 123456789012

# boto3: assume a role, use its keys on SageMaker, AAS and STS, see them expire.
cat >"$TEST_TMP/b.py" <<'PY'
import sys, time, boto3, botocore, botocore.config, botocore.exceptions as bx
url = sys.argv[1]
s = boto3.session.Session(region_name="us-east-1")
sts = s.client("sts", endpoint_url=url)
out = []
r = sts.assume_role(RoleArn="arn:aws:iam::123456789012:role/demo", RoleSessionName="t1",
                    DurationSeconds=900)
c = r["Credentials"]
out.append("assumed %s %s" % (c["AccessKeyId"][:4], r["AssumedRoleUser"]["Arn"]))
left = (c["Expiration"] - c["Expiration"].now(c["Expiration"].tzinfo)).total_seconds()
out.append("lifetime-capped %s" % (0 < left <= 10))
kw = dict(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"],
          aws_session_token=c["SessionToken"], endpoint_url=url, region_name="us-east-1")
out.append("whoami %s" % boto3.client("sts", **kw).get_caller_identity()["Arn"])
out.append("sagemaker %d" % len(boto3.client("sagemaker", **kw)
       .list_inference_recommendations_jobs()["InferenceRecommendationsJobs"]))
out.append("aas %d" % len(boto3.client("application-autoscaling", **kw)
       .describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"]))
bad = dict(kw, aws_session_token="not-the-token")
try:
    boto3.client("sagemaker", **bad).list_inference_recommendations_jobs()
except bx.ClientError as e:
    out.append("wrong-token %s" % e.response["Error"]["Code"])
time.sleep(max(0, left) + 1)
for name, call in (("sagemaker", lambda: boto3.client("sagemaker", **kw).list_inference_recommendations_jobs()),
                   ("aas", lambda: boto3.client("application-autoscaling", **kw).describe_scalable_targets(ServiceNamespace="sagemaker")),
                   ("sts", lambda: boto3.client("sts", **kw).get_caller_identity())):
    try:
        call(); out.append("expired-%s accepted" % name)
    except bx.ClientError as e:
        out.append("expired-%s %s" % (name, e.response["Error"]["Code"]))
w = boto3.client("sts", endpoint_url=url, region_name="us-east-1",
                 config=botocore.config.Config(signature_version=botocore.UNSIGNED))
r = w.assume_role_with_web_identity(RoleArn="arn:aws:iam::123456789012:role/web",
                                    RoleSessionName="pod", WebIdentityToken="aaa.bbb.ccc")
out.append("web %s %s" % (r["Credentials"]["AccessKeyId"][:4], r["AssumedRoleUser"]["Arn"]))
try:
    w.assume_role_with_web_identity(RoleArn="arn:aws:iam::123456789012:role/web",
                                    RoleSessionName="pod", WebIdentityToken="not a jwt")
except bx.ClientError as e:
    out.append("bad-jwt %s" % e.response["Error"]["Code"])
try:
    sts.assume_role(RoleArn="arn:aws:iam::123456789012:role/demo", RoleSessionName="mm",
                    SerialNumber="arn:aws:iam::123456789012:mfa/demo", TokenCode="12345x")
except bx.ClientError as e:
    out.append("bad-mfa %s" % e.response["Error"]["Code"])
try:
    sts.assume_role(RoleArn="arn:aws:iam::999999999999:role/other", RoleSessionName="mm")
except bx.ClientError as e:
    out.append("other-account %s" % e.response["Error"]["Code"])
print("\n".join(out))
PY
timeout 120 python3 "$TEST_TMP/b.py" "$SIM_URL" >"$O" 2>"$E"; rc=$?
check "boto3 against the simulator's STS runs" test $rc -eq 0
[ $rc -eq 0 ] || sed 's/^/#   /' "$E" | tail -20
contains "boto3 AssumeRole: an ASIA key for the assumed role" "$O" "assumed ASIA arn:aws:sts::123456789012:assumed-role/demo/t1"
contains "--sts-duration caps the lifetime" "$O" "lifetime-capped True"
contains "GetCallerIdentity with the assumed keys: the assumed-role ARN" "$O" "whoami arn:aws:sts::123456789012:assumed-role/demo/t1"
contains "SageMaker accepts the temporary keys" "$O" "sagemaker 6"
contains "Application Auto Scaling accepts them" "$O" "aas 0"
contains "a wrong session token is refused" "$O" "wrong-token UnrecognizedClientException"
contains "after expiry SageMaker says ExpiredTokenException" "$O" "expired-sagemaker ExpiredTokenException"
contains "... so does Application Auto Scaling" "$O" "expired-aas ExpiredTokenException"
contains "... and STS says ExpiredToken" "$O" "expired-sts ExpiredToken"
contains "unsigned AssumeRoleWithWebIdentity" "$O" "web ASIA arn:aws:sts::123456789012:assumed-role/web/pod"
contains "a token that is no JWT: InvalidIdentityToken" "$O" "bad-jwt InvalidIdentityToken"
contains "a bad MFA code: AccessDenied" "$O" "bad-mfa AccessDenied"
contains "a role of another account: AccessDenied" "$O" "other-account AccessDenied"

# The AWS CLI: assume-role and its keys on SageMaker.
if command -v aws >/dev/null 2>&1; then
    timeout 60 aws sts assume-role --endpoint-url "$SIM_URL" --role-arn arn:aws:iam::123456789012:role/demo \
        --role-session-name cli --output json >"$O" 2>"$E"; rc=$?
    check "aws sts assume-role against the simulator" test $rc -eq 0
    [ $rc -eq 0 ] || { sed "s/^/#   /" "$E"; sim_stop "$SIM_PID"; tap_done; }
    eval "$(python3 -c "import json,sys; c=json.load(open(sys.argv[1]))['Credentials']; print('AK=%s SK=%s TK=%s' % (c['AccessKeyId'], c['SecretAccessKey'], c['SessionToken']))" "$O")"
    AWS_ACCESS_KEY_ID=$AK AWS_SECRET_ACCESS_KEY=$SK AWS_SESSION_TOKEN=$TK timeout 60 \
        "$SAGESCALE" whoami --output text >"$O" 2>"$E"; rc=$?
    check "sagescale whoami with the CLI's assumed keys: the assumed role" \
        test $rc -eq 0 -a "$(cut -f2 "$O")" = arn:aws:sts::123456789012:assumed-role/demo/cli
    sleep 11
    AWS_ACCESS_KEY_ID=$AK AWS_SECRET_ACCESS_KEY=$SK AWS_SESSION_TOKEN=$TK timeout 60 \
        "$SAGESCALE" jobs >"$O" 2>"$E"; rc=$?
    check "sagescale jobs with expired keys: exit 1" test $rc -eq 1
    contains "... ExpiredTokenException" "$E" "(ExpiredTokenException)"
    lacks "... the secret is not printed" "$E" "$SK"
else
    skip "the AWS CLI is not installed"
fi

# credential_source = EcsContainer / Ec2InstanceMetadata: the source keys
# from tests/lib/credsrv.py (the demo key pair with a session token), the role
# from the simulator's STS.
pf=$TEST_TMP/credsrv.port
timeout 300 python3 "$top_srcdir/tests/lib/credsrv.py" --port-file "$pf" --log "$TEST_TMP/credsrv.log" \
    --upstream "$SIM_URL" --max-seconds 120 --container-token CTOKEN >"$TEST_TMP/credsrv.out" 2>&1 &
SIM_PIDS="$SIM_PIDS $!"
i=0; while [ ! -s "$pf" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
if [ -s "$pf" ]; then
    CRED_URL=http://127.0.0.1:$(cat "$pf")
    mkdir -p "$HOME/.aws"
    printf '[profile ecs]\nrole_arn = arn:aws:iam::123456789012:role/from-ecs\ncredential_source = EcsContainer\nregion = us-east-1\n[profile ec2]\nrole_arn = arn:aws:iam::123456789012:role/from-ec2\ncredential_source = Ec2InstanceMetadata\nregion = us-east-1\n' >"$HOME/.aws/config"
    env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY AWS_ENDPOINT_URL_STS="$SIM_URL" \
        AWS_CONTAINER_CREDENTIALS_FULL_URI="$CRED_URL/container/creds" AWS_CONTAINER_AUTHORIZATION_TOKEN=CTOKEN \
        timeout 60 "$SAGESCALE" whoami --profile ecs --output text >"$O" 2>"$E"; rc=$?
    check "credential_source = EcsContainer: the role assumed with the container's keys" test $rc -eq 0
    [ $rc -eq 0 ] || sed 's/^/#   /' "$E"
    contains "... assumed-role/from-ecs" "$O" "assumed-role/from-ecs/"
    env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY AWS_ENDPOINT_URL_STS="$SIM_URL" \
        AWS_EC2_METADATA_DISABLED= AWS_EC2_METADATA_SERVICE_ENDPOINT="$CRED_URL" \
        timeout 60 "$SAGESCALE" whoami --profile ec2 --output text >"$O" 2>"$E"; rc=$?
    check "credential_source = Ec2InstanceMetadata: the role assumed with the instance's keys" test $rc -eq 0
    [ $rc -eq 0 ] || sed 's/^/#   /' "$E"
    contains "... assumed-role/from-ec2" "$O" "assumed-role/from-ec2/"
    lacks "... no secret printed" "$E" "tok-"
else
    skip "credsrv.py did not start"
fi
sim_stop "$SIM_PID"
tap_done
