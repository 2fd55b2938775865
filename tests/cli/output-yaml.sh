#!/bin/bash
# --output yaml and yaml-stream, --color, the output settings of the
# environment and profile, and cli_timestamp_format (issue 14 item 3):
#  - hostile values laid out byte for byte as libyaml's dumper (PyYAML's
#    CSafeDumper, the emitter the AWS CLI v2 dumps with) lays them out;
#  - every command's YAML parsed back with Python's yaml equals its JSON;
#  - where the installed AWS CLI (v1) has the feature (--color, the
#    profile's output and cli_timestamp_format): byte for byte its output.
. "$top_srcdir/tests/lib/lib.sh"
command -v python3 >/dev/null || tap_skip_all "python3 is not installed"
python3 -c 'import yaml' 2>/dev/null || tap_skip_all "Python's yaml is not installed"
TOOL=$top_builddir/tests/lib/yaml-tool
O=$TEST_TMP/out E=$TEST_TMP/err

# ---- 1. hostile values against libyaml's dumper ----
if python3 -c 'import yaml,sys; sys.exit(0 if yaml.__with_libyaml__ else 1)'; then
    python3 - "$TEST_TMP/cases" <<'EOF'
import json, os, sys
d = sys.argv[1]
os.mkdir(d)
cases = {
 "implicit-types": {"bool": ["yes", "no", "on", "Off", "TRUE", "y", "n"],
   "num": ["123", "-7", "0777", "0x1F", "1_000", "1:30", "1.5", "1e5", "1.0e+5", ".inf",
           "-.Inf", ".NaN", "0b101"],
   "other": ["null", "~", "", "NULL", "<<", "=", "2026-11-02", "2026-11-02T09:14:03+00:00",
             "2026-1-2 3:04:05", "2026-11-02 09:14:03.5 Z"]},
 "indicators": ["a: b", "- x", "#x", "x #y", " lead", "trail ", "multi\nline", "tab\there",
   "quote'd", 'dq"x', "back\\slash", "@at", "`tick", "%pct", "!bang", "&amp", "*star",
   "|pipe", ">gt", "?q", "[br", "{cu", "key,comma", "ok text"],
 "folding": {"words": "word " * 40, "long": "x" * 200,
             "deep": {"a": {"b": {"c": [{"k": "v" * 90 + " end"}]}}}},
 "unicode": {"de": "Grüße", "ja": "日本語テキスト", "emoji": "😀 emoji", "éclair": 3},
 "numbers": {"floats": [0.5, 1e16, 1e-7, 1.0, -0.0, 123456789.125, 1795766300.0],
             "ints": [0, -1, 9223372036854775807, 18446744073709551615]},
 "collections": {"empty": {}, "none": [], "nested": [[1, 2], [], [{}], [{"a": 1, "b": []}]],
                 "t": True, "f": False, "n": None},
 "key-order": {"zkey": 1, "Akey": 2, "_u": 4, "1num": 5, "": 6, "a b": 7},
 "top-list": [1, "two", {"three": 3}],
 "top-string": "top-level string",
 "top-number": 42,
 "terminal": {"esc": "\u001b[31mred\u001b[0m", "bidi": "abc\u202edef", "nel": "a\u0085b"},
}
for name, doc in cases.items():
    with open(os.path.join(d, name + ".json"), "w") as f:
        json.dump(doc, f, ensure_ascii=False)
EOF
    for f in "$TEST_TMP"/cases/*.json; do
        name=$(basename "$f" .json)
        for fmt in yaml yaml-stream; do
            "$TOOL" $fmt "$f" >"$O" 2>"$E"
            python3 - "$f" "$O" $fmt <<'EOF' >"$E.diff" 2>&1
import json, sys, yaml
doc = json.load(open(sys.argv[1]))
if sys.argv[3] == "yaml-stream":
    doc = [doc]
text = json.dumps(doc, ensure_ascii=False)
# What a terminal must not see raw makes the whole document ASCII.
unsafe = any(c in text for c in "\u001b\u202e\u0085")
ref = yaml.dump(doc, Dumper=yaml.CSafeDumper, default_flow_style=False,
                allow_unicode=not unsafe, sort_keys=True)
got = open(sys.argv[2], encoding="utf-8").read()
if got != ref:
    import difflib
    sys.stdout.writelines(difflib.unified_diff(ref.splitlines(True), got.splitlines(True),
                                               "libyaml", "sagescale"))
    sys.exit(1)
if yaml.safe_load(got) != doc:
    print("does not read back")
    sys.exit(1)
EOF
            if [ $? -eq 0 ]; then ok "$name as $fmt: libyaml's layout, reads back"; else
                fail "$name as $fmt: libyaml's layout, reads back"; sed 's/^/#   /' "$E.diff" | head -30; fi
        done
    done
    "$TOOL" yaml "$TEST_TMP/cases/terminal.json" >"$O"
    check "no escape character reaches the terminal raw" sh -c "! LC_ALL=C grep -q \"\$(printf '\\033')\" '$O'"
    lacks "no bidirectional override reaches the terminal raw" "$O" "$(printf '\342\200\256')"
    printf '{}' >"$TEST_TMP/empty.json"
    "$TOOL" yaml "$TEST_TMP/empty.json" >"$O"
    check "an empty answer prints nothing (as json does)" test ! -s "$O"
    printf '{"a": "\377x"}' >"$TEST_TMP/bad-utf8.json"
    "$TOOL" yaml "$TEST_TMP/bad-utf8.json" >"$O" 2>"$E"
    check "invalid UTF-8 becomes U+FFFD, not an error" test "$(cat "$O")" = "a: $(printf '\357\277\275')x"
else
    skip "Python's yaml has no libyaml: the layout is not compared"
fi

# ---- 2. every command: YAML read back equals JSON ----
sim_start --quiet || { fail "simulator starts"; tap_done; }
JOB=churn-xgboost-default REC=churn-xgboost-default/0b9f42d1
same_doc() { # DESCRIPTION JSONFILE YAMLFILE [stream]
    if python3 - "$2" "$3" "${4:-}" <<'EOF'
import json, sys, yaml
j = json.load(open(sys.argv[1]))
y = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
sys.exit(0 if (y == [j] if sys.argv[3] else y == j) else 1)
EOF
    then ok "$1"; else fail "$1"; head -20 "$3" | sed 's/^/#   /'; fi
}
yaml_vs_json() { # NAME ARGS...
    name=$1; shift
    timeout 30 "$SAGESCALE" "$@" --output json >"$O.json" 2>"$E" &&
        timeout 30 "$SAGESCALE" "$@" --output yaml >"$O.yaml" 2>>"$E" &&
        timeout 30 "$SAGESCALE" "$@" --output yaml-stream >"$O.stream" 2>>"$E"
    if [ $? -ne 0 ]; then fail "$name runs in json, yaml, yaml-stream"; sed 's/^/#   /' "$E"; return; fi
    same_doc "$name --output yaml reads back as its JSON" "$O.json" "$O.yaml"
    same_doc "$name --output yaml-stream reads back as a list of its JSON" "$O.json" "$O.stream" stream
}
yaml_vs_json recommend recommend --job $JOB --recommendation-id $REC --cpu 50 \
    --min-invocations 1000 --max-invocations 20000
yaml_vs_json jobs jobs
yaml_vs_json job job bert-ner-default
yaml_vs_json sweep sweep --job $JOB --recommendation-id $REC --cpu 30:60:10
yaml_vs_json apply apply --job $JOB --recommendation-id $REC --target-endpoint fraud-prod --policy-name yaml-test
yaml_vs_json status status
yaml_vs_json "status ENDPOINT" status fraud-prod
yaml_vs_json whoami whoami
yaml_vs_json replay replay --job $JOB --recommendation-id $REC --cpu 40:60:10 --traffic ramp:100:4000 \
    --duration 1d
"$SAGESCALE" jobs --output yamlish >"$O" 2>"$E"; rc=$?
check "--output yamlish: exit 2" test $rc -eq 2
contains "... naming the formats" "$E" "json, table, text, yaml, yaml-stream"

# ---- 3. the output settings ----
mkdir -p "$HOME/.aws"
printf '[default]\noutput = yaml\n[profile t]\noutput = text\naws_access_key_id = %s\naws_secret_access_key = %s\n' \
    "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" >"$HOME/.aws/config"
"$SAGESCALE" job bert-ner-default >"$O" 2>"$E"
"$SAGESCALE" job bert-ner-default --output yaml >"$O.2"
check "the profile's output = yaml is used" cmp -s "$O" "$O.2"
"$SAGESCALE" job bert-ner-default --profile t >"$O" 2>"$E"
"$SAGESCALE" job bert-ner-default --output text >"$O.2"
check "--profile t: that profile's output" cmp -s "$O" "$O.2"
AWS_DEFAULT_OUTPUT=table "$SAGESCALE" job bert-ner-default --profile t >"$O"
"$SAGESCALE" job bert-ner-default --output table >"$O.2"
check "AWS_DEFAULT_OUTPUT over the profile's output" cmp -s "$O" "$O.2"
AWS_DEFAULT_OUTPUT=table "$SAGESCALE" job bert-ner-default --output json >"$O"
"$SAGESCALE" job bert-ner-default --output json >"$O.2"
check "--output over AWS_DEFAULT_OUTPUT" cmp -s "$O" "$O.2"
AWS_DEFAULT_OUTPUT=bogus "$SAGESCALE" jobs >"$O" 2>"$E"; rc=$?
check "AWS_DEFAULT_OUTPUT=bogus: exit 2" test $rc -eq 2
contains "... naming the variable" "$E" "AWS_DEFAULT_OUTPUT: output must be one of"
printf '[default]\ncli_timestamp_format = fancy\n' >"$HOME/.aws/config"
"$SAGESCALE" jobs >"$O" 2>"$E"; rc=$?
check "cli_timestamp_format = fancy: exit 2" test $rc -eq 2
contains "... naming the setting and the file" "$E" "config (profile default): cli_timestamp_format must be one of"
"$SAGESCALE" jobs --color sometimes >"$O" 2>"$E"; rc=$?
check "--color sometimes: exit 2" test $rc -eq 2

# ---- 4. against the AWS CLI (v1): --color, output, cli_timestamp_format ----
if command -v aws >/dev/null 2>&1 && python3 -c 'import awscli' 2>/dev/null; then
    export AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true AWS_PAGER=
    A="--endpoint-url $SIM_URL"
    D=$TEST_TMP/aws; mkdir -p "$D"
    : >"$HOME/.aws/config"
    # The AWS CLI's side: every command in one Python process.
    cat >"$TEST_TMP/cmds" <<EOF
sagemaker describe-inference-recommendations-job --job-name bert-ner-default $A --output table --color on
sagemaker list-inference-recommendations-jobs $A --output table --color on
sagemaker get-scaling-configuration-recommendation $A --inference-recommendations-job-name $JOB --recommendation-id $REC --output table --color on
sagemaker describe-inference-recommendations-job --job-name bert-ner-default $A --output table --color off
sagemaker describe-inference-recommendations-job --job-name bert-ner-default $A --output table --color auto
EOF
    python3 "$top_srcdir/tests/lib/awscli-batch.py" "$D" <"$TEST_TMP/cmds"
    "$SAGESCALE" job bert-ner-default --output table --color on >"$O"
    check "--color on (job): the AWS CLI's bytes" cmp -s "$O" "$D/1.out"
    "$SAGESCALE" jobs --output table --color on >"$O"
    check "--color on (jobs): the AWS CLI's bytes" cmp -s "$O" "$D/2.out"
    "$SAGESCALE" recommend --job $JOB --recommendation-id $REC --output table --color on >"$O"
    check "--color on (recommend): the AWS CLI's bytes" cmp -s "$O" "$D/3.out"
    "$SAGESCALE" job bert-ner-default --output table --color off >"$O"
    check "--color off: the AWS CLI's bytes" cmp -s "$O" "$D/4.out"
    "$SAGESCALE" job bert-ner-default --output table --color auto >"$O"
    check "--color auto, not a terminal: the AWS CLI's bytes (no colour)" cmp -s "$O" "$D/5.out"
    lacks "... no escape sequence" "$O" "$(printf '\033')"

    for tz in UTC Europe/Berlin America/St_Johns; do
        rm -rf "$D"; mkdir -p "$D"
        printf '[default]\ncli_timestamp_format = iso8601\noutput = text\n' >"$HOME/.aws/config"
        cat >"$TEST_TMP/cmds" <<EOF
sagemaker describe-inference-recommendations-job --job-name bert-ner-default $A --output json
sagemaker list-inference-recommendations-jobs $A
sagemaker describe-inference-recommendations-job --job-name bert-ner-default $A --output table
EOF
        TZ=$tz python3 "$top_srcdir/tests/lib/awscli-batch.py" "$D" <"$TEST_TMP/cmds"
        TZ=$tz "$SAGESCALE" job bert-ner-default --output json >"$O"
        check "iso8601 timestamps, TZ=$tz, job json: the AWS CLI's bytes" cmp -s "$O" "$D/1.out"
        TZ=$tz "$SAGESCALE" jobs >"$O"
        check "iso8601 timestamps, TZ=$tz, jobs in the profile's output (text): the AWS CLI's bytes" cmp -s "$O" "$D/2.out"
        TZ=$tz "$SAGESCALE" job bert-ner-default --output table >"$O"
        check "iso8601 timestamps, TZ=$tz, job table: the AWS CLI's bytes" cmp -s "$O" "$D/3.out"
    done
    printf '[default]\ncli_timestamp_format = none\n' >"$HOME/.aws/config"
    rm -rf "$D"; mkdir -p "$D"
    echo "sagemaker list-inference-recommendations-jobs $A --output json" >"$TEST_TMP/cmds"
    python3 "$top_srcdir/tests/lib/awscli-batch.py" "$D" <"$TEST_TMP/cmds"
    "$SAGESCALE" jobs --output json >"$O"
    check "cli_timestamp_format = none: the AWS CLI's bytes" cmp -s "$O" "$D/1.out"
else
    skip "the AWS CLI is not installed: no comparison with it"
fi
tap_done
