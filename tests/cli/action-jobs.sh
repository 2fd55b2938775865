#!/bin/sh
# `sagescale jobs` and `sagescale job` against the simulator: JSON output is
# the API response (every page merged), table and text layouts, filters,
# errors and exit codes.
. "$top_srcdir/tests/lib/lib.sh"

command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 is needed to read the JSON"
sim_start --quiet || tap_skip_all "the simulator did not start"
cd "$TEST_TMP" || exit 1

# --- jobs ---------------------------------------------------------------
"$SAGESCALE" jobs >all.json 2>err; rc=$?
check "jobs: exit 0" test "$rc" = 0
"$SAGESCALE" jobs --page-size 1 >paged.json 2>err; rc=$?
check "jobs --page-size 1: exit 0 (one request per job)" test "$rc" = 0
check "jobs: JSON the same whatever the page size (pages merged)" cmp -s all.json paged.json
if python3 - <<'EOF' >py.out 2>&1
import json
d = json.load(open("all.json"))
assert list(d.keys()) == ["InferenceRecommendationsJobs"], d.keys()
jobs = d["InferenceRecommendationsJobs"]
assert len(jobs) >= 5, len(jobs)
names = [j["JobName"] for j in jobs]
assert len(set(names)) == len(names), names
for j in jobs:
    for k in ("JobName", "JobType", "JobArn", "Status", "CreationTime"):
        assert k in j, (k, j)
    assert isinstance(j["CreationTime"], (int, float)), "timestamps as the API sends them"
print(len(jobs))
EOF
then ok "jobs: every job, no NextToken, fields as the API sends them ($(cat py.out) jobs)"
else fail "jobs: every job, no NextToken, fields as the API sends them"; sed 's/^/# /' py.out; fi

# The same jobs as the AWS CLI's own paginated listing (names only: the
# AWS CLI rewrites timestamps).
if command -v aws >/dev/null 2>&1; then
    AWS_DEFAULT_REGION=$AWS_REGION AWS_EC2_METADATA_DISABLED=true \
        aws sagemaker list-inference-recommendations-jobs --page-size 1 \
        --endpoint-url "$SIM_URL" --output json >aws.json 2>aws.err
    if python3 -c '
import json, sys
a = [j["JobName"] for j in json.load(open("all.json"))["InferenceRecommendationsJobs"]]
b = [j["JobName"] for j in json.load(open("aws.json"))["InferenceRecommendationsJobs"]]
sys.exit(0 if a == b else 1)' 2>py.out; then ok "jobs: the same jobs, in the same order, as the AWS CLI lists"
    else fail "jobs: the same jobs, in the same order, as the AWS CLI lists"; sed 's/^/# /' aws.err py.out; fi
else
    skip "the AWS CLI is not installed"
fi

"$SAGESCALE" jobs --status COMPLETED >done.json 2>err
if python3 -c '
import json, sys
j = json.load(open("done.json"))["InferenceRecommendationsJobs"]
sys.exit(0 if j and all(x["Status"] == "COMPLETED" for x in j) else 1)'; then ok "jobs --status COMPLETED: only completed jobs"
else fail "jobs --status COMPLETED: only completed jobs"; fi
"$SAGESCALE" jobs --name-contains CHURN --output text >churn.txt 2>err
contains "jobs --name-contains: the match (case-insensitive)" churn.txt "churn-xgboost-default"
lacks "jobs --name-contains: nothing else" churn.txt "resnet50-advanced"
"$SAGESCALE" jobs --sort-by Name --sort-order Ascending >sorted.json 2>err
if python3 -c '
import json, sys
n = [x["JobName"] for x in json.load(open("sorted.json"))["InferenceRecommendationsJobs"]]
sys.exit(0 if n == sorted(n) and len(n) > 2 else 1)'; then ok "jobs --sort-by Name: sorted"
else fail "jobs --sort-by Name: sorted"; fi

"$SAGESCALE" jobs --output table >table.txt 2>err
contains "jobs --output table: titled with the operation" table.txt "ListInferenceRecommendationsJobs"
contains "jobs --output table: a job in it" table.txt "resnet50-advanced"
"$SAGESCALE" jobs --output text >text.txt 2>err
contains "jobs --output text: AWS CLI text rows" text.txt "INFERENCERECOMMENDATIONSJOBS"

"$SAGESCALE" jobs --status DONE >out 2>err; rc=$?
check "jobs --status DONE: exit 2" test "$rc" = 2
contains "jobs --status DONE: says which values are allowed" err "COMPLETED"
"$SAGESCALE" jobs --name-contains 'a b' >out 2>err; rc=$?
check "jobs --name-contains 'a b': exit 2" test "$rc" = 2

# --- job ----------------------------------------------------------------
"$SAGESCALE" job churn-xgboost-default >job.json 2>err; rc=$?
check "job: exit 0" test "$rc" = 0
if python3 - <<'EOF' >py.out 2>&1
import json
d = json.load(open("job.json"))
assert d["JobName"] == "churn-xgboost-default"
recs = d["InferenceRecommendations"]
assert len(recs) >= 2
for r in recs:
    assert r["RecommendationId"] and r["EndpointConfiguration"]["VariantName"]
    assert "CostPerHour" in r["Metrics"]
EOF
then ok "job: the DescribeInferenceRecommendationsJob response"
else fail "job: the DescribeInferenceRecommendationsJob response"; sed 's/^/# /' py.out; fi
"$SAGESCALE" job resnet50-advanced --output table >adv.txt 2>err
contains "job --output table: titled with the operation" adv.txt "DescribeInferenceRecommendationsJob"
contains "job (Advanced): its endpoints" adv.txt "resnet50-prod"

"$SAGESCALE" job no-such-job >out 2>err; rc=$?
check "job no-such-job: exit 1 (service error)" test "$rc" = 1
contains "job no-such-job: the service's error code" err "ResourceNotFound"
contains "job no-such-job: the request id" err "Request ID"
"$SAGESCALE" job 'bad name' >out 2>err; rc=$?
check "job 'bad name': exit 2, nothing sent" test "$rc" = 2
"$SAGESCALE" job >out 2>err; rc=$?
check "job without a name: exit 2" test "$rc" = 2

# A broken network: exit 3.
AWS_ENDPOINT_URL=http://127.0.0.1:1 "$SAGESCALE" jobs --connect-timeout 2 >out 2>err; rc=$?
check "jobs with nothing listening: exit 3" test "$rc" = 3

tap_done
