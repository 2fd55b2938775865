#!/bin/sh
# Screen test of issue 6 in the TUI: the job and recommendation pickers
# fill the form; `@` shows (and writes) the aws sagemaker command; the
# export menu writes files (0600, overwrite asked) and copies through
# OSC 52; the apply dialog shows the calls, applies, and on an error says
# which call failed while the recommendation stays; --read-only hides apply.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"
command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 is needed"

sim_start --quiet || tap_skip_all "simulator did not start"
cd "$TEST_TMP" || exit 1
JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
# act_see DESCRIPTION REGEX: waits for an extended regular expression (the
# form's column widths are not this test's business).
act_see() {
    _deadline=$(tui_deadline "$TUI_WAIT")
    while :; do
        tui_capture
        if grep -qE -- "$2" "$TUI_SCREEN"; then ok "$1"; return 0; fi
        if [ "$(tui_now_ms)" -ge "$_deadline" ]; then
            fail "$1"; diag "no line matches: $2"; sed 's/^/#   /' "$TUI_SCREEN"; return 1
        fi
        sleep 0.05
    done
}
NJOBS=$("$SAGESCALE" jobs | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["InferenceRecommendationsJobs"]))')

tui_start 80 24 -- --endpoint-url "$SIM_URL"
see "the TUI starts" "Ready"

# --- pickers ----------------------------------------------------------------
tui_keys F2
see "F2 opens the job picker" "Pick a job"
see "every job of every page is listed" "$NJOBS of $NJOBS jobs"
tui_capture
if awk '/COMPLETED|FAILED|IN_PROGRESS|STOPPED|PENDING/ {
        if ($0 ~ /COMPLETED/) { if (other) bad = 1 } else other = 1 }
        END { exit bad }' "$TUI_SCREEN"; then ok "completed jobs come first"
else fail "completed jobs come first"; sed 's/^/#   /' "$TUI_SCREEN"; fi
contains "the picker shows status, type and creation time" "$TUI_SCREEN" "COMPLETED   Default  2026-"
tui_type churn
see "typing filters the jobs" "1 of $NJOBS jobs"
not_see "the others are filtered out" "resnet50-advanced"
tui_keys Enter
see "choosing a job shows its recommendations" "ml.c5.large"
see "with cost, invocations, latency, CPU and memory columns" '$/hour  $/infer MaxInv Latency  CPU%  Mem%'
see "the selected recommendation's full id" "$REC  ml.c5.large  endpoint"
see "... its whole endpoint and variant (wrapped below it)" "sm-epc-7c3e1a90-churn-xgboost-default, variant sm-variant-7c3e1a90"
tui_keys Enter
act_see "choosing a recommendation fills the job" "Job name +$JOB"
act_see "and the recommendation id" "Rec\\. ID +churn-xgboost-default/7"
see "and says so" "Form filled from the job"
tui_keys Enter
see "the filled form's request completes" "Done in"

# The Advanced job: its endpoint fills the form's endpoint field.
tui_keys F2
see "F2 again" "Pick a job"
tui_type resnet; tui_keys Enter
see "an Advanced job lists its endpoints" "endpoint resnet50-prod"
tui_keys Down Down Enter
act_see "choosing the endpoint switches the form to it" "Endpoint +resnet50-prod"
tui_keys F3
see "F3 reopens the picked job's recommendations" "Job resnet50-advanced (Advanced, COMPLETED)"
tui_keys Escape
# back to the churn recommendation, by F2 again
tui_keys F2; tui_type churn; tui_keys Enter
see "the churn job again" "ml.c5.large"
tui_keys Enter
act_see "the recommendation id again" "Rec\\. ID +churn-xgboost-default/7"
tui_keys Enter
see "its result" "Done in"

# --- @ ------------------------------------------------------------------------
tui_keys @
see "@ shows the aws sagemaker command" "aws sagemaker get-scaling-configuration-recommendation"
see "with the form's job, quoted" "--inference-recommendations-job-name '$JOB'"
see "and the recommendation id" "--recommendation-id '$REC'"
echo "old" >cmd.sh
tui_keys w C-u; tui_type "$TEST_TMP/cmd.sh"; tui_keys Enter
see "an existing file is not overwritten without asking" "cmd.sh exists. Overwrite it? (y/n)"
tui_keys n
check "n keeps the file" grep -qx old cmd.sh
tui_keys Enter
see "asked again" "Overwrite it? (y/n)"
tui_keys y
see "y writes it" "Wrote"
contains "the file holds the command" cmd.sh "aws sagemaker get-scaling-configuration-recommendation"
check "the command file parses (sh -n)" sh -n cmd.sh
check "the file is mode 0600" test "$(stat -c %a cmd.sh)" = 600
tui_keys Escape
if tui_wait_gone "get-scaling-configuration-recommendation"; then ok "Esc closes the command"
else fail "Esc closes the command"; fi

# --- export menu ----------------------------------------------------------------
# The exports that need a target have none until one is picked (never the
# benchmark endpoint): F8 picks churn-prod's variant primary.
tui_keys F4
see "F4 opens the export menu" "Export this result as:"
tui_keys 3
see "no target yet: the AWS CLI export asks for one" "pick the endpoint and variant with F8"
tui_keys Escape
tui_keys F8
see "F8 opens the endpoint picker" "Pick the endpoint to scale"
tui_type churn-p
see "typing filters the endpoints" "1 of 8 endpoints"
tui_keys Enter
see "Enter shows the variants" "Endpoint churn-prod (InService)"
see "with instance types" "canary"
tui_keys Enter
see "Enter makes the variant the target" "Target: churn-prod, variant primary"
"$SAGESCALE" apply --job "$JOB" --recommendation-id "$REC" --cpu 50 --target-endpoint churn-prod \
    --target-variant primary --dry-run >dry.sh 2>/dev/null
tui_keys F4
see "F4 opens the export menu" "Export this result as:"
tui_keys 3
see "the AWS CLI commands" "aws application-autoscaling register-scalable-target"
tui_keys w C-u; tui_type "$TEST_TMP/apply.sh"; tui_keys Enter
see "written" "Wrote"
check "the TUI's AWS CLI export is byte for byte apply --dry-run's" cmp -s apply.sh dry.sh
check "it is mode 0600" test "$(stat -c %a apply.sh)" = 600
# OSC 52: what reaches the terminal is the export in base64.
tui_tmux pipe-pane -O "cat >>'$TEST_TMP/raw.out'"
tui_keys c
see "c copies through OSC 52" "through OSC 52"
tui_tmux pipe-pane
B64=$(base64 -w0 <apply.sh)
if grep -qF "]52;c;$B64" raw.out 2>/dev/null; then ok "the OSC 52 sequence carries the export (base64)"
else fail "the OSC 52 sequence carries the export (base64)"; fi
if grep -qF "tmux;" raw.out 2>/dev/null; then ok "inside tmux it is also wrapped for passthrough"
else fail "inside tmux it is also wrapped for passthrough"; fi
tui_keys Escape
see "Esc goes back to the menu" "Export this result as:"
tui_keys 4
see "CloudFormation" "AWS::ApplicationAutoScaling::ScalableTarget"
tui_keys w C-u; tui_type "$TEST_TMP/cfn.json"; tui_keys Enter
see "written" "Wrote"
if python3 -c '
import json
t = json.load(open("cfn.json"))["Resources"]
assert t["ScalableTarget"]["Type"] == "AWS::ApplicationAutoScaling::ScalableTarget"
assert t["ScalingPolicy1"]["Properties"]["ScalingTargetId"] == {"Ref": "ScalableTarget"}
assert t["ScalingPolicy2"]["Type"] == "AWS::ApplicationAutoScaling::ScalingPolicy"' 2>py.err
then ok "the CloudFormation file is a template with the target and both policies"
else fail "the CloudFormation file is a template with the target and both policies"; sed 's/^/# /' py.err; fi
tui_keys Escape; tui_keys 1
see "the JSON response" '"DynamicScalingConfiguration": {'
tui_keys Escape; tui_keys 2
see "the request as --cli-input-json" '"InferenceRecommendationsJobName": "churn-xgboost-default"'
tui_keys Escape

# --- apply ----------------------------------------------------------------------
tui_keys 7
see "the menu's last entry opens the apply dialog" "Apply this recommendation"
see "the endpoint is the target picked" "Endpoint       churn-prod"
see "and the variant" "Variant        primary"
tui_keys Enter
see "Enter shows now against recommended" "Now against recommended, then the calls"
# At 80x24 the calls are a page down; a taller screen shows them at once.
tui_default_size && tui_keys NPage
see "and, further down, the calls" "These calls will be made, in this order:"
see "RegisterScalableTarget first" "1. RegisterScalableTarget"
tui_keys y
see "y applies" "Applied."
see "each call reported" "ok      PutScalingPolicy"
see "with the policy name" "        sagescale-churn-prod-primary-"
see "read back and verified" "Verified: read back"
if command -v aws >/dev/null 2>&1; then
    AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true aws application-autoscaling \
        describe-scaling-policies --service-namespace sagemaker --endpoint-url "$SIM_URL" \
        --output json >pol.json 2>pol.err
    n=$(python3 -c 'import json; print(len(json.load(open("pol.json"))["ScalingPolicies"]))' 2>/dev/null)
    check "the simulator holds the two policies (DescribeScalingPolicies)" test "$n" = 2
else
    skip "the AWS CLI is not installed"
fi
see "the result offers the undo" "u undo"
tui_keys u
see "u undoes: verified, nothing registered, as before" "Undone: verified, no scalable target again"
if command -v aws >/dev/null 2>&1; then
    AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true aws application-autoscaling \
        describe-scalable-targets --service-namespace sagemaker --endpoint-url "$SIM_URL" \
        --output json >tg.json 2>tg.err
    check "after u the simulator holds no scalable target" grep -q '"ScalableTargets": \[\]' tg.json
else
    skip "the AWS CLI is not installed"
fi
tui_keys Escape
act_see "the recommendation stays on screen" "Capacity +min 1 +max"

# An error: a policy name the service rejects, after the target was registered.
tui_keys F7
see "F7 opens the apply dialog" "Apply this recommendation"
tui_keys Down Down C-u; tui_type "$(printf 'p%.0s' $(seq 1 300))"; tui_keys Enter
see "review" "Now against recommended, then the calls"
tui_keys y
see "the failure is shown" "Apply failed."
see "naming the call that failed" "FAILED  PutScalingPolicy (call 2 of 3)"
see "with the service's error" "ValidationException"
see "and that the recommendation is kept" "The recommendation is unchanged on screen."
see "and the undo is offered" "u undo"
tui_keys Escape
act_see "the recommendation is still there" "Capacity +min 1 +max"
# A variant the endpoint does not have: said before any call.
tui_keys F7
see "F7 again" "Apply this recommendation"
tui_keys Down Down C-u Up C-u; tui_type bad_variant; tui_keys Enter
see "an unknown variant is refused before any call" "has no variant bad_variant"
tui_keys Escape
tui_keys F1
see "help opens" "Keys (q closes)"
: >"$TEST_TMP/help-rw.txt"; tui_all_pages "$TEST_TMP/help-rw.txt"
contains "help lists apply (not read-only)" "$TEST_TMP/help-rw.txt" "apply the result with Application Auto Scaling"
tui_keys q
tui_keys F10
see "quit" "EXIT=0"

# --- --read-only -------------------------------------------------------------
tui_stop
TUI_SOCK=$TEST_TMP/tmux-ro.sock	# a fresh server: the old one may still be exiting
tui_start 80 24 -- --endpoint-url "$SIM_URL" --read-only --job "$JOB" --recommendation-id "$REC"
see "read-only TUI starts" "Ready"
tui_keys Enter
see "its request completes" "Done in"
tui_keys F4
see "the export menu" "Export this result as:"
not_see "read-only: no apply entry in the menu" "Apply with Application Auto Scaling"
tui_keys Escape F8
see "read-only: F8 picks a target all the same" "Pick the endpoint to scale"
tui_type resnet; tui_keys Enter
see "read-only: its variants" "AllTraffic"
tui_keys Enter
see "read-only: the target is set" "Target: resnet50-prod, variant AllTraffic"
tui_keys F4 3
see "read-only: the AWS CLI export works, to that target" "endpoint/resnet50-prod/variant/AllTraffic"
tui_keys Escape Escape F7
see "read-only: F7 refuses" "Read-only (--read-only): apply is not available."
tui_keys F1
see "help opens" "Keys (q closes)"
: >"$TEST_TMP/help-ro.txt"; tui_all_pages "$TEST_TMP/help-ro.txt"
lacks "read-only: apply is not in the help (any page)" "$TEST_TMP/help-ro.txt" "apply the result with Application Auto Scaling"
tui_keys q F10
see "quit" "EXIT=0"

# --- Esc while applying ---------------------------------------------------------
tui_stop
if sim_start --quiet --fault-latency 800; then
    TUI_SOCK=$TEST_TMP/tmux-cancel.sock
    tui_start 80 24 -- --endpoint-url "$SIM_URL" --job "$JOB" --recommendation-id "$REC"
    see "slow simulator: the TUI starts" "Ready"
    tui_keys Enter
    see "its (slow) answer arrives" "Done in"
    tui_keys F7
    see "no target yet: F7 opens the endpoint picker" "Pick the endpoint to scale"
    see "the endpoints, read through the slow simulator" "of 8 endpoints" 15
    tui_type fraud
    tui_keys Enter
    see "its variant" "AllTraffic" 15
    tui_keys Enter
    see "then the apply dialog" "Apply this recommendation"
    tui_keys Enter
    see "review" "Now against recommended, then the calls" 20
    tui_keys y
    see "applying" "Applying..."
    # The state is read first for the undo (two answers of 800 ms), then
    # the calls: Esc lands on one of them.
    sleep 2.2
    tui_keys Escape
    see "Esc stops the apply" "Apply failed."
    see "and says the call in flight may have been made" "It was cancelled in flight"
    tui_keys Escape
    act_see "the recommendation is still there" "Capacity +min 1 +max"
else
    skip "the slow simulator did not start"
fi

tap_done
