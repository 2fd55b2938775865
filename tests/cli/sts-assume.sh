#!/bin/bash
# The assume-role and web-identity providers against moto (signatures
# checked): source_profile chains, credential_source, the AWS CLI's cache
# shared both ways (its file names, format and mode), no STS call while a
# session lasts (counted at the peer), loops, MFA without a terminal, and
# truncated STS answers.  credential_source EcsContainer / Ec2InstanceMetadata
# against tests/lib/credsrv.py, with the simulator as STS.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/stslib.sh"
moto_available || tap_skip_all "moto (python3) is not installed"

moto_start || { fail "moto starts"; tap_done; }
export AWS_EC2_METADATA_DISABLED=true AWS_PAGER= AWS_MAX_ATTEMPTS=1 AWS_DEFAULT_REGION=us-east-1
export AWS_ENDPOINT_URL_STS=$MOTO_URL
O=$TEST_TMP/out E=$TEST_TMP/err
CACHE=$HOME/.aws/cli/cache
ROLE=arn:aws:iam::123456789012:role
mkdir -p "$HOME/.aws"
printf '[base]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$MOTO_AK" "$MOTO_SK" \
    >"$HOME/.aws/credentials"
cat >"$HOME/.aws/config" <<CFG
[default]
region = us-east-1
[profile base]
region = us-east-1
[profile r1]
role_arn = $ROLE/first
source_profile = base
duration_seconds = 1800
external_id = ext-1
[profile r2]
role_arn = $ROLE/second
source_profile = r1
role_session_name = two
[profile r3]
role_arn = $ROLE/third
source_profile = r2
[profile env]
role_arn = $ROLE/first
credential_source = Environment
role_session_name = from-env
[profile loop1]
role_arn = $ROLE/first
source_profile = loop2
[profile loop2]
role_arn = $ROLE/second
source_profile = loop3
[profile loop3]
role_arn = $ROLE/third
source_profile = loop1
[profile both]
role_arn = $ROLE/first
source_profile = base
credential_source = Environment
[profile nosource]
role_arn = $ROLE/first
[profile badsource]
role_arn = $ROLE/first
credential_source = Laptop
[profile missing]
role_arn = $ROLE/first
source_profile = nobody
[profile mfa]
role_arn = $ROLE/second
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/alice
[profile web]
role_arn = $ROLE/web
web_identity_token_file = $TEST_TMP/token.jwt
role_session_name = pod
CFG
printf 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwb2QifQ.c2lnbmF0dXJl\n' >"$TEST_TMP/token.jwt"
ar() { sts_count "$MOTO_LOG" AssumeRole; }
arn_of() { cut -f2 "$O"; }
whoami() { timeout 60 "$SAGESCALE" whoami --output text "$@" >"$O" 2>"$E"; }

# ---- source_profile chains ----
whoami --profile r1; rc=$?
check "source_profile: whoami --profile r1 succeeds" test $rc -eq 0
[ $rc -eq 0 ] || sed 's/^/#   /' "$E"
case $(arn_of) in arn:aws:sts::123456789012:assumed-role/first/sagescale-session-*) ok "... moto accepts the assumed keys: the assumed-role ARN";;
    *) fail "... moto accepts the assumed keys: the assumed-role ARN"; diag "$(cat "$O")";; esac
check "... one AssumeRole at the peer" test "$(ar)" -eq 1
KEY=$(python3 -c 'import hashlib,json,sys; print(hashlib.sha1(json.dumps({"RoleArn": sys.argv[1], "DurationSeconds": 1800, "ExternalId": "ext-1"}, sort_keys=True).encode()).hexdigest())' "$ROLE/first")
check "... cached under the AWS CLI's name (sha1 of the arguments)" test -f "$CACHE/$KEY.json"
check "... mode 0600" test "$(stat -c %a "$CACHE/$KEY.json")" = 600
check "... the format botocore reads (Credentials, AssumedRoleUser, AccountId)" python3 -c '
import json,sys; d=json.load(open(sys.argv[1])); c=d["Credentials"]
assert c["AccessKeyId"].startswith("ASIA") and c["SessionToken"] and c["Expiration"]
assert c["AccountId"] == "123456789012" and d["AssumedRoleUser"]["Arn"].endswith(":assumed-role/first/" + d["AssumedRoleUser"]["AssumedRoleId"].split(":")[1])
' "$CACHE/$KEY.json"
lacks "... no secret on the terminal" "$E" "$MOTO_SK"

whoami --profile r1; rc=$?
check "a second process within the session: no AssumeRole" test $rc -eq 0 -a "$(ar)" -eq 1
if command -v aws >/dev/null 2>&1; then
    timeout 60 aws sts get-caller-identity --profile r1 --output text >"$O.aws" 2>"$E"; rc=$?
    check "the AWS CLI reuses sagescale's cached session: no AssumeRole" test $rc -eq 0 -a "$(ar)" -eq 1
    check "... the same assumed-role ARN" test "$(cut -f2 "$O.aws")" = "$(arn_of)"
else
    skip "the AWS CLI is not installed"; skip "the AWS CLI is not installed"
fi

whoami --profile r3; rc=$?
check "a chain of three roles (r3 <- r2 <- r1 <- base)" test $rc -eq 0
check "... the third role's ARN" test "$(arn_of)" != "" -a "${O}" != "" && check "... is assumed-role/third" grep -q "assumed-role/third/" "$O"
check "... r1 from the cache, r2 and r3 from STS: two more AssumeRole" test "$(ar)" -eq 3
whoami --profile r2; rc=$?
check "r2 (role_session_name two) again: from the cache" test $rc -eq 0 -a "$(ar)" -eq 3
check "... with its configured session name" grep -q "assumed-role/second/two" "$O"

# The other direction: the AWS CLI writes, sagescale reads.
if command -v aws >/dev/null 2>&1; then
    rm -rf "$CACHE"
    timeout 60 aws sts get-caller-identity --profile r2 --output text >"$O.aws" 2>"$E"; rc=$?
    n=$(ar)
    check "the AWS CLI assumes r2 (r1 then r2: two AssumeRole)" test $rc -eq 0 -a "$n" -eq 5
    whoami --profile r2; rc=$?
    check "sagescale reuses the AWS CLI's cached sessions: no AssumeRole" test $rc -eq 0 -a "$(ar)" -eq "$n"
    check "... the AWS CLI's session (same ARN)" test "$(arn_of)" = "$(cut -f2 "$O.aws")"
else
    skip "the AWS CLI is not installed"; skip "the AWS CLI is not installed"; skip "the AWS CLI is not installed"
fi

# ---- credential_source = Environment ----
n=$(ar)
AWS_ACCESS_KEY_ID=$MOTO_AK AWS_SECRET_ACCESS_KEY=$MOTO_SK whoami --profile env; rc=$?
check "credential_source = Environment" test $rc -eq 0 -a "$(ar)" -eq $((n + 1))
check "... assumed-role/first/from-env" grep -q "assumed-role/first/from-env" "$O"
rm -rf "$CACHE"
whoami --profile env; rc=$?
check "credential_source = Environment without keys: exit 3" test $rc -eq 3
contains "... says so" "$E" "No credentials found in credential_source Environment"

# ---- configuration errors: exit 3, a message naming them ----
err_case() {
    prof=$1; want=$2; d=$3
    whoami --profile "$prof"; rc=$?
    check "$d: exit 3" test $rc -eq 3
    contains "... $want" "$E" "$want"
}
err_case loop1 "loop1 -> loop2 -> loop3 -> loop1" "a source_profile loop"
err_case both "both source_profile and credential_source" "source_profile and credential_source together"
err_case nosource "neither source_profile nor credential_source" "role_arn alone"
err_case badsource 'credential_source "Laptop"' "an unknown credential_source"
err_case missing 'source_profile "nobody"' "a source_profile that does not exist"

# ---- MFA ----
if command -v setsid >/dev/null 2>&1; then
    n=$(ar)
    setsid -w timeout 60 "$SAGESCALE" whoami --profile mfa </dev/null >"$O" 2>"$E"; rc=$?
    check "mfa_serial without a terminal: exit 3" test $rc -eq 3
    contains "... a clear message naming the serial" "$E" "needs an MFA code for arn:aws:iam::123456789012:mfa/alice, but there is no terminal"
    check "... nothing sent to STS" test "$(ar)" -eq "$n"
    # With a terminal (a pty): asked once, then the session is cached, so a
    # run without any terminal works.
    cat >"$TEST_TMP/mfatty.py" <<'PY'
import os, pty, sys, select, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out, sent, end = b"", False, time.time() + 60
while time.time() < end:
    r, _, _ = select.select([fd], [], [], 0.2)
    if r:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
        if not sent and b"Enter MFA code for" in out:
            os.write(fd, b"481516\n"); sent = True
sys.stdout.buffer.write(out)
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
PY
    timeout 90 python3 "$TEST_TMP/mfatty.py" "$SAGESCALE" whoami --profile mfa --output text >"$O" 2>"$E"; rc=$?
    check "mfa_serial on a terminal: the code is asked and the role assumed" test $rc -eq 0
    contains "... the prompt is botocore's" "$O" "Enter MFA code for arn:aws:iam::123456789012:mfa/alice: "
    lacks "... the code is not echoed" "$O" "481516"
    contains "... assumed-role/second" "$O" "assumed-role/second/"
    setsid -w timeout 60 "$SAGESCALE" whoami --profile mfa </dev/null >"$O" 2>"$E"; rc=$?
    check "... then, without a terminal, the cached session is used (no code asked)" test $rc -eq 0
    check "... one AssumeRole in all" test "$(ar)" -eq $((n + 1))
else
    skip "setsid is not installed"
fi

# ---- web identity ----
n=$(sts_count "$MOTO_LOG" AssumeRoleWithWebIdentity)
whoami --profile web; rc=$?
check "web_identity_token_file in a profile: AssumeRoleWithWebIdentity" test $rc -eq 0
check "... moto accepts the keys it issued: assumed-role/web/pod" grep -q "assumed-role/web/pod" "$O"
check "... one call at the peer" test "$(sts_count "$MOTO_LOG" AssumeRoleWithWebIdentity)" -eq $((n + 1))
whoami --profile web; rc=$?
check "... a second process: from the cache" test $rc -eq 0 -a "$(sts_count "$MOTO_LOG" AssumeRoleWithWebIdentity)" -eq $((n + 1))
rm -rf "$CACHE"
AWS_WEB_IDENTITY_TOKEN_FILE=$TEST_TMP/token.jwt AWS_ROLE_ARN=$ROLE/web AWS_ROLE_SESSION_NAME=envpod \
    whoami; rc=$?
check "AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN + AWS_ROLE_SESSION_NAME" test $rc -eq 0
check "... assumed-role/web/envpod" grep -q "assumed-role/web/envpod" "$O"
AWS_WEB_IDENTITY_TOKEN_FILE=$TEST_TMP/token.jwt whoami; rc=$?
check "a token file without a role: exit 3" test $rc -eq 3
contains "... says which setting is missing" "$E" "AWS_ROLE_ARN"
AWS_WEB_IDENTITY_TOKEN_FILE=$TEST_TMP/nonexistent AWS_ROLE_ARN=$ROLE/web whoami; rc=$?
check "a token file that does not exist: exit 3" test $rc -eq 3
contains "... names it" "$E" "Cannot read the web identity token file"
lacks "... the token is not printed" "$E" "eyJhbGciOiJSUzI1NiJ9"

# ---- a truncated STS answer ----
cat >"$TEST_TMP/bad.py" <<'PY'
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = sys.argv[2].encode()
        self.send_response(200); self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(sys.argv[1], "w").write(str(s.server_address[1]))
s.timeout = 60
for _ in range(20): s.handle_request()
PY
bad_sts() {
    rm -f "$TEST_TMP/bad.port"
    timeout 120 python3 "$TEST_TMP/bad.py" "$TEST_TMP/bad.port" "$1" & SIM_PIDS="$SIM_PIDS $!"
    i=0; while [ ! -s "$TEST_TMP/bad.port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    BAD_URL=http://127.0.0.1:$(cat "$TEST_TMP/bad.port")
}
rm -rf "$CACHE"
bad_sts '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIAX</AccessKeyId><SecretAccessKey>SECRETHALF'
AWS_ENDPOINT_URL_STS=$BAD_URL whoami --profile r1; rc=$?
check "a truncated AssumeRole answer: exit 3" test $rc -eq 3
contains "... says it is truncated" "$E" "not well-formed XML"
lacks "... the half secret is not printed" "$E" "SECRETHALF"
bad_sts '<AssumeRoleResponse><AssumeRoleResult><Unknown>x</Unknown><Credentials><AccessKeyId>ASIAX</AccessKeyId><SecretAccessKey>S3CR3T</SecretAccessKey><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>'
AWS_ENDPOINT_URL_STS=$BAD_URL whoami --profile r1; rc=$?
check "an answer with unknown fields and no SessionToken: exit 3" test $rc -eq 3
contains "... names the missing field" "$E" "has no SessionToken"
lacks "... no secret printed" "$E" "S3CR3T"
check "... nothing was cached" test ! -e "$CACHE/$KEY.json"
tap_done
