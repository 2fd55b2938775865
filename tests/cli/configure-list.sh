#!/bin/sh
# `sagescale configure list`: the layout of `aws configure list`, the access
# key masked as the AWS CLI masks it, where each value came from, the JSON
# object, nothing sent and no secret printed.  (tests/cli/endpoints-botocore.sh
# compares the values with botocore's.)
. "$top_srcdir/tests/lib/lib.sh"
S=$SAGESCALE
mkdir -p "$HOME/.aws"
printf '[default]\naws_access_key_id = AKIDFILE000000001234\naws_secret_access_key = file-secret-XYZ\n' \
    >"$HOME/.aws/credentials"
printf '[default]\nregion = eu-west-1\n[profile gov]\nregion = us-gov-west-1\nuse_fips_endpoint = true\n' \
    >"$HOME/.aws/config"

"$S" configure list >"$TEST_TMP/out" 2>"$TEST_TMP/err"
check "configure list exits 0" test $? -eq 0
contains "the AWS CLI's header" "$TEST_TMP/out" "      Name                    Value             Type    Location"
contains "profile not set" "$TEST_TMP/out" "   profile                <not set>             None    None"
contains "the key masked: 16 stars and its last 4" "$TEST_TMP/out" "****************1234 shared-credentials-file"
lacks "no secret" "$TEST_TMP/out" "file-secret"
lacks "no key beyond its last 4" "$TEST_TMP/out" "AKIDFILE"
contains "region from the config file" "$TEST_TMP/out" "eu-west-1      config-file"
contains "the SageMaker endpoint" "$TEST_TMP/out" "https://api.sagemaker.eu-west-1.amazonaws.com"

AWS_ACCESS_KEY_ID=AKIDENV0000000ABCD AWS_SECRET_ACCESS_KEY=env-secret-XYZ AWS_PROFILE=gov \
    "$S" configure list --output json >"$TEST_TMP/json" 2>"$TEST_TMP/err"
check "--output json exits 0" test $? -eq 0
if command -v python3 >/dev/null; then
    python3 - "$TEST_TMP/json" >"$TEST_TMP/py" 2>&1 <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))
want = {"profile": "gov", "region": "us-gov-west-1", "access_key": "****************ABCD",
        "credential_method": "env", "expiration": None,
        "endpoint_url": "https://api-fips.sagemaker.us-gov-west-1.amazonaws.com",
        "application_autoscaling_endpoint_url": "https://application-autoscaling.us-gov-west-1.amazonaws.com",
        "sts_endpoint_url": "https://sts.us-gov-west-1.amazonaws.com"}
assert o == want, (o, want)
PY
    check "the JSON object: its eight keys and values" test $? -eq 0 || sed 's/^/# /' "$TEST_TMP/py"
else
    skip "python3 not installed"
fi
lacks "no secret in JSON" "$TEST_TMP/json" "env-secret"

# No credentials and no region: shown as not set, not an error.
HOME=$TEST_TMP/empty "$S" configure list --output json >"$TEST_TMP/none" 2>&1
check "nothing configured: exit 0" test $? -eq 0
contains "nothing configured: no method" "$TEST_TMP/none" '"credential_method": null'
contains "nothing configured: no endpoint" "$TEST_TMP/none" '"endpoint_url": null'

# A credential_process with an expiry: the method and the expiry.
printf '#!/bin/sh\necho "{\\"Version\\": 1, \\"AccessKeyId\\": \\"AKIDPROC000000005678\\", \\"SecretAccessKey\\": \\"proc-secret\\", \\"SessionToken\\": \\"tok\\", \\"Expiration\\": \\"2099-01-02T03:04:05Z\\"}"\n' \
    >"$TEST_TMP/proc.sh"
chmod +x "$TEST_TMP/proc.sh"
printf '[profile p]\nregion = us-east-1\ncredential_process = %s\n' "$TEST_TMP/proc.sh" >>"$HOME/.aws/config"
"$S" configure list --profile p >"$TEST_TMP/proc" 2>&1
contains "credential_process: custom-process" "$TEST_TMP/proc" "****************5678   custom-process"
contains "credential_process: its expiry" "$TEST_TMP/proc" "2099-01-02T03:04:05Z"
contains "--profile is manual" "$TEST_TMP/proc" "         p           manual    --profile"
lacks "no secret from the process" "$TEST_TMP/proc" "proc-secret"

# Errors: an unknown profile, an unknown subcommand, a broken services section.
"$S" configure list --profile nope >"$TEST_TMP/o" 2>"$TEST_TMP/e"
check "an unknown profile: exit 3" test $? -eq 3
contains "... named" "$TEST_TMP/e" "The config profile (nope) could not be found"
"$S" configure show >"$TEST_TMP/o" 2>"$TEST_TMP/e"
check "configure show: exit 2" test $? -eq 2
"$S" configure >"$TEST_TMP/o" 2>"$TEST_TMP/e"
check "configure without a subcommand: exit 2" test $? -eq 2
printf '[profile s]\nservices = gone\nregion = us-east-1\n' >>"$HOME/.aws/config"
"$S" configure list --profile s >"$TEST_TMP/o" 2>"$TEST_TMP/e"
check "a missing services section: exit 3" test $? -eq 3
contains "... named" "$TEST_TMP/e" '"gone" services configuration does not exist'
"$S" configure list --demo >"$TEST_TMP/o" 2>"$TEST_TMP/e"
check "--demo: exit 0" test $? -eq 0
contains "--demo: the simulator's endpoint" "$TEST_TMP/o" "http://127.0.0.1:"
# --query (issue 14: on every command): the JSON reshaped; with the table, exit 2.
AWS_PROFILE=gov "$S" configure list --output json --query '[region, profile]' >"$TEST_TMP/q" 2>"$TEST_TMP/e"
check "--query with --output json: exit 0" test $? -eq 0
check "... the expression's result" test "$(tr -d ' \n' <"$TEST_TMP/q")" = '["us-gov-west-1","gov"]'
AWS_PROFILE=gov "$S" configure list --query region >"$TEST_TMP/q" 2>"$TEST_TMP/e"
check "--query with the table: exit 2" test $? -eq 2
contains "... said so" "$TEST_TMP/e" "--query: configure list takes it with --output json"
AWS_PROFILE=gov "$S" configure list --output json --query 'region]' >"$TEST_TMP/q" 2>"$TEST_TMP/e"
check "--query: a syntax error: exit 2" test $? -eq 2
contains "... naming the column" "$TEST_TMP/e" "--query: column 7: syntax error"

tap_done
