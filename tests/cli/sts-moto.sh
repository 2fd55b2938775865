#!/bin/bash
# sagescale whoami against moto (signatures checked), byte for byte with
# `aws sts get-caller-identity` against the same peer in the three output
# formats; a bad signature and an unknown key refused; STS honours
# AWS_ENDPOINT_URL_STS and the profile's endpoint_url.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/stslib.sh"
moto_available || tap_skip_all "moto (python3) is not installed"
command -v aws >/dev/null 2>&1 || tap_skip_all "the AWS CLI is not installed"

moto_start || { fail "moto starts"; tap_done; }
export AWS_EC2_METADATA_DISABLED=true AWS_PAGER= AWS_MAX_ATTEMPTS=1
export AWS_ACCESS_KEY_ID=$MOTO_AK AWS_SECRET_ACCESS_KEY=$MOTO_SK
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ENDPOINT_URL_STS=$MOTO_URL
O=$TEST_TMP/out E=$TEST_TMP/err

for fmt in json table text; do
    timeout 60 aws sts get-caller-identity --output $fmt >"$O.aws" 2>"$E"; rc1=$?
    timeout 60 "$SAGESCALE" whoami --output $fmt >"$O.ss" 2>"$E.ss"; rc2=$?
    check "whoami --output $fmt succeeds, as the AWS CLI does" test $rc1 -eq 0 -a $rc2 -eq 0
    [ $rc2 -eq 0 ] || sed 's/^/#   /' "$E.ss"
    if cmp -s "$O.aws" "$O.ss"; then ok "... byte for byte the AWS CLI's $fmt"
    else fail "... byte for byte the AWS CLI's $fmt"; diff "$O.aws" "$O.ss" | sed 's/^/#   /'; fi
done
contains "the identity is moto's IAM user" "$O.ss" "arn:aws:iam::123456789012:user/alice"

# moto really checks signatures: a wrong secret is refused, by both.
AWS_SECRET_ACCESS_KEY=wrong timeout 60 aws sts get-caller-identity >"$O" 2>"$E"; rc=$?
check "moto refuses the AWS CLI's bad signature" test $rc -ne 0
AWS_SECRET_ACCESS_KEY=wrong timeout 60 "$SAGESCALE" whoami >"$O" 2>"$E"; rc=$?
check "moto refuses sagescale's bad signature: exit 1" test $rc -eq 1
contains "... SignatureDoesNotMatch" "$E" "(SignatureDoesNotMatch)"
lacks "... the secret is not printed" "$E" "$MOTO_SK"
AWS_ACCESS_KEY_ID=AKIANOBODYNOBODY12 timeout 60 "$SAGESCALE" whoami >"$O" 2>"$E"; rc=$?
check "an unknown access key: exit 1" test $rc -eq 1
contains "... InvalidClientTokenId (moto's <Errors> wrapper read)" "$E" "(InvalidClientTokenId)"

# The endpoint comes from the profile's endpoint_url too.
unset AWS_ENDPOINT_URL_STS
printf '[default]\nregion = us-east-1\nendpoint_url = %s\n' "$MOTO_URL" >"$HOME/cfg"
AWS_CONFIG_FILE=$HOME/cfg timeout 60 "$SAGESCALE" whoami --output text >"$O" 2>"$E"; rc=$?
check "the profile's endpoint_url reaches STS" test $rc -eq 0
timeout 60 "$SAGESCALE" whoami --endpoint-url "$MOTO_URL" --output text >"$O" 2>"$E"; rc=$?
check "whoami --endpoint-url reaches STS" test $rc -eq 0
n=$(sts_count "$MOTO_LOG" GetCallerIdentity)
check "moto counted every GetCallerIdentity ($n)" test "$n" -ge 10

# Nothing listens: a network error, exit 3.
AWS_ENDPOINT_URL_STS=http://127.0.0.1:9 timeout 60 "$SAGESCALE" whoami >"$O" 2>"$E"; rc=$?
check "no STS at the endpoint: exit 3" test $rc -eq 3
tap_done
