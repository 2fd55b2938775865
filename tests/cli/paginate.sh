#!/bin/bash
# Pagination as the AWS CLI pages (issue 14 item 4), against the simulator
# serving 25 jobs (tests/data/jobs25.json; 10 a page by default): every
# combination of --page-size and --max-items, then --starting-token with
# each resume token, byte for byte the AWS CLI's output in json and text
# (text page by page), the tokens exchanged both ways (sagescale goes on
# from the AWS CLI's token and the AWS CLI from sagescale's); yaml-stream
# page by page; bad tokens and flags: a clear message and exit 2.
. "$top_srcdir/tests/lib/lib.sh"
command -v python3 >/dev/null || tap_skip_all "python3 is not installed"
python3 -c 'import awscli' 2>/dev/null || tap_skip_all "the AWS CLI is not installed"
sim_start --quiet --data "$top_srcdir/tests/data/jobs25.json" || { fail "simulator starts"; tap_done; }
export AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true AWS_PAGER=
L="sagemaker list-inference-recommendations-jobs --endpoint-url $SIM_URL"
O=$TEST_TMP/out E=$TEST_TMP/err
AD=$TEST_TMP/aws1 AD2=$TEST_TMP/aws2
mkdir -p "$AD" "$AD2"

# The combinations: page sizes (none: the service's 10) x max items.
combos=()
for ps in - 1 3 10 25; do
    for mi in - 0 1 7 10 24 25 26; do
        f=""
        [ "$ps" = - ] || f="$f --page-size $ps"
        [ "$mi" = - ] || f="$f --max-items $mi"
        combos+=("$f")
    done
done

# Round 1: from the start, json and text.
: >"$TEST_TMP/cmds"
for f in "${combos[@]}"; do
    for fmt in json text; do echo "$L --output $fmt$f" >>"$TEST_TMP/cmds"; done
done
timeout 600 python3 "$top_srcdir/tests/lib/awscli-batch.py" "$AD" <"$TEST_TMP/cmds"
n=0 bad=0 tokens=0
declare -A aws_token ss_token
for f in "${combos[@]}"; do
    for fmt in json text; do
        n=$((n + 1))
        timeout 60 "$SAGESCALE" jobs --output $fmt $f >"$O" 2>"$E"
        if cmp -s "$O" "$AD/$n.out"; then :; else
            bad=$((bad + 1))
            fail "jobs --output $fmt$f: the AWS CLI's bytes"
            diff "$AD/$n.out" "$O" | head -10 | sed 's/^/#   /'; sed 's/^/#   /' "$E" | head -3
        fi
        if [ $fmt = json ]; then
            t=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("NextToken",""))' "$AD/$n.out" 2>/dev/null)
            [ -n "$t" ] && { aws_token["$f"]=$t; tokens=$((tokens + 1)); }
            t=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("NextToken",""))' "$O" 2>/dev/null)
            [ -n "$t" ] && ss_token["$f"]=$t
        fi
    done
done
check "from the start: $n runs (${#combos[@]} combinations x json, text) give the AWS CLI's bytes" test $bad -eq 0
check "... $tokens of them stop early with a NextToken" test $tokens -ge 20
same=0
for f in "${!aws_token[@]}"; do [ "${aws_token[$f]}" = "${ss_token[$f]:-}" ] && same=$((same + 1)); done
check "... each NextToken the AWS CLI's, byte for byte ($same of $tokens)" test $same -eq $tokens

# Round 2: go on from each token, with the other program's token.
: >"$TEST_TMP/cmds2"
keys=()
for f in "${combos[@]}"; do
    [ -n "${aws_token[$f]:-}" ] || continue
    keys+=("$f")
    for fmt in json text; do
        echo "$L --output $fmt$f --starting-token ${ss_token[$f]:-none}" >>"$TEST_TMP/cmds2"
    done
done
timeout 600 python3 "$top_srcdir/tests/lib/awscli-batch.py" "$AD2" <"$TEST_TMP/cmds2"
n=0 bad=0 badrc=0
for f in "${keys[@]}"; do
    for fmt in json text; do
        n=$((n + 1))
        [ "$(cat "$AD2/$n.rc")" = 0 ] || badrc=$((badrc + 1))
        timeout 60 "$SAGESCALE" jobs --output $fmt $f --starting-token "${aws_token[$f]}" >"$O" 2>"$E"
        if cmp -s "$O" "$AD2/$n.out"; then :; else
            bad=$((bad + 1))
            fail "jobs --output $fmt$f --starting-token (the AWS CLI's): as the AWS CLI with ours"
            diff "$AD2/$n.out" "$O" | head -10 | sed 's/^/#   /'; sed 's/^/#   /' "$E" | head -3
        fi
    done
done
check "the AWS CLI accepts every sagescale token ($n runs)" test $badrc -eq 0
check "sagescale with the AWS CLI's token prints what the AWS CLI prints with sagescale's ($n runs)" test $bad -eq 0

# A whole walk with --max-items 4 --page-size 3, the programs taking turns.
tok="" all=$TEST_TMP/walk; : >"$all"; turn=0 steps=0
while :; do
    steps=$((steps + 1)); [ $steps -le 12 ] || break
    st=""; [ -n "$tok" ] && st="--starting-token $tok"
    if [ $((turn % 2)) -eq 0 ]; then
        "$SAGESCALE" jobs --output json --max-items 4 --page-size 3 $st >"$O" 2>"$E"
    else
        rm -rf "$TEST_TMP/w"; mkdir -p "$TEST_TMP/w"
        echo "$L --output json --max-items 4 --page-size 3 $st" | python3 "$top_srcdir/tests/lib/awscli-batch.py" "$TEST_TMP/w"
        cp "$TEST_TMP/w/1.out" "$O"
    fi
    turn=$((turn + 1))
    python3 -c 'import json,sys; [print(j["JobName"]) for j in json.load(open(sys.argv[1]))["InferenceRecommendationsJobs"]]' "$O" >>"$all"
    tok=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("NextToken",""))' "$O")
    [ -n "$tok" ] || break
done
"$SAGESCALE" jobs --output json | python3 -c 'import json,sys; [print(j["JobName"]) for j in json.load(sys.stdin)["InferenceRecommendationsJobs"]]' >"$O"
check "a walk by 4, the two programs taking turns with each other's tokens, lists every job once ($steps steps)" cmp -s "$all" "$O"

# yaml-stream: page by page (each a one-item list), --max-items cuts the last.
"$SAGESCALE" jobs --output yaml-stream --page-size 10 >"$O"
check "yaml-stream: three pages of 10, 10 and 5 jobs" test "$(python3 -c 'import yaml,sys; print([len(p["InferenceRecommendationsJobs"]) for p in yaml.safe_load(open(sys.argv[1]))])' "$O")" = "[10, 10, 5]"
"$SAGESCALE" jobs --output yaml-stream --page-size 10 --max-items 15 >"$O"
check "yaml-stream --max-items 15: pages of 10 and 5" test "$(python3 -c 'import yaml,sys; print([len(p["InferenceRecommendationsJobs"]) for p in yaml.safe_load(open(sys.argv[1]))])' "$O")" = "[10, 5]"
"$SAGESCALE" jobs --output yaml --max-items 15 >"$O"
"$SAGESCALE" jobs --output json --max-items 15 >"$O.json"
check "yaml --max-items 15: the merged JSON with its NextToken" python3 -c 'import json,yaml,sys; sys.exit(0 if yaml.safe_load(open(sys.argv[1])) == json.load(open(sys.argv[2])) else 1)' "$O" "$O.json"

# ---- bad input: exit 2 and a clear message ----
bad2() { # DESCRIPTION EXPECTED-TEXT ARGS...
    d=$1 want=$2; shift 2
    timeout 30 "$SAGESCALE" jobs "$@" >"$O" 2>"$E"; rc=$?
    if [ $rc -eq 2 ] && grep -qF -- "$want" "$E" && [ ! -s "$O" ]; then ok "$d: exit 2, says so"; else
        fail "$d: exit 2, says so (exit $rc)"; sed 's/^/#   /' "$E" | head -3; fi
}
b64() { printf '%s' "$1" | base64 -w0; }
bad2 "a token of another command (Marker)" "belongs to another command" --starting-token "$(b64 '{"Marker": "abc"}')"
bad2 "a token of another command (ContinuationToken, truncated)" "belongs to another command" \
    --starting-token "$(b64 '{"ContinuationToken": "abc", "boto_truncate_amount": 2}')"
bad2 "a token with a damaged count" "boto_truncate_amount is not a count" \
    --starting-token "$(b64 '{"NextToken": null, "boto_truncate_amount": "x"}')"
bad2 "a token with a negative count" "boto_truncate_amount is not a count" \
    --starting-token "$(b64 '{"NextToken": null, "boto_truncate_amount": -3}')"
bad2 "a token whose NextToken is a number" "NextToken is not a string" --starting-token "$(b64 '{"NextToken": 5}')"
t=${aws_token[" --max-items 7"]}
bad2 "a corrupted token (characters changed)" "the service refuses the token" --starting-token "${t:0:20}XYZ${t:23}"
bad2 "a bare string" "the service refuses the token" --starting-token "not-a-token"
"$SAGESCALE" jobs --status COMPLETED --page-size 2 --max-items 2 --output json >"$O" 2>"$E"
t=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["NextToken"])' "$O")
bad2 "a token of the same listing with other filters" "the service refuses the token" --status FAILED --starting-token "$t"
bad2 "--no-paginate with --max-items (the AWS CLI's message)" \
    "Cannot specify --no-paginate along with pagination arguments: --max-items" --no-paginate --max-items 3
bad2 "--max-items -1" "--max-items: must be a whole number from 0" --max-items -1
bad2 "--page-size 0" "--page-size: must be a whole number from 1 to 100" --page-size 0
bad2 "--page-size 101" "--page-size: must be a whole number from 1 to 100" --page-size 101
bad2 "--starting-token ''" "--starting-token: must not be empty" --starting-token ""
bad2 "a token of 70000 characters" "too long" --starting-token "$(head -c 70000 /dev/zero | tr '\0' A)"
tap_done
