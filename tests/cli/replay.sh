#!/bin/sh
# `sagescale replay` against the built-in simulator (--demo): synthetic and
# CSV traffic, every output format, the candidate ranking, the timeline, and
# bad input (CSV with text, negative, enormous, unsorted or duplicate values,
# 10 million rows, a ten-year range, a 10,000-point CPU range): a clear
# message and bounded work, never a hang.
. "$top_srcdir/tests/lib/lib.sh"
command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 not installed"

JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
FROM=2026-11-02T00:00:00Z
OUT=$TEST_TMP/out
ERR=$TEST_TMP/err
T=$TEST_TMP

replay() { timeout 60 "$SAGESCALE" replay --demo --job $JOB --from $FROM "$@" >"$OUT" 2>"$ERR"; }
# pyjson FILE EXPR: a Python expression over the JSON in FILE (as d).
pyjson() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

# --- synthetic traffic, one candidate, JSON ------------------------------------
replay --recommendation-id $REC --cpu 50 --traffic step:1d:500:4000 --duration 2d; rc=$?
check "a step replay succeeds" [ $rc -eq 0 ]
contains "what was read is on stderr first" "$ERR" \
    "Traffic: synthetic step (seed 1), 2026-11-02 00:00 to 2026-11-04 00:00 UTC, 2880 minutes, 2880 points, no gaps"
check "JSON: Traffic.Minutes is 2880" [ "$(pyjson "$OUT" "d['Traffic']['Minutes']")" = 2880 ]
check "JSON: one run at CPU 50" [ "$(pyjson "$OUT" "[r['TargetCpuUtilizationPerCore'] for r in d['Runs']]")" = "[50]" ]
check "JSON: cost = instance-hours x CostPerHour" \
    [ "$(pyjson "$OUT" "all(abs(r['Cost'] - r['InstanceHours'] * r['CostPerHour']) < 0.01 for r in d['Runs'])")" = True ]
check "JSON: the step made scale-outs and no overload beyond the first minutes" \
    [ "$(pyjson "$OUT" "d['Runs'][0]['ScaleOutEvents'] >= 1 and d['Runs'][0]['OverloadedMinutes'] < 30")" = True ]
check "JSON: the instance type is named" [ "$(pyjson "$OUT" "d['Runs'][0]['InstanceType']")" = ml.c5.large ]

# --- the same seed, the same answer; another seed, another ---------------------
A="--recommendation-id $REC --cpu 40:60:10 --traffic diurnal --min-invocations 200 --max-invocations 6000 --output csv"
replay $A --seed 7; cp "$OUT" "$T/seed7a"
replay $A --seed 7; cp "$OUT" "$T/seed7b"
replay $A --seed 8; cp "$OUT" "$T/seed8"
check "same seed, same CSV" cmp -s "$T/seed7a" "$T/seed7b"
check "another seed, another CSV" sh -c "! cmp -s '$T/seed7a' '$T/seed8'"
check "CSV: a header and three rows" [ "$(wc -l <"$T/seed7a")" -eq 4 ]
contains "CSV: header" "$T/seed7a" "RecommendationId,EndpointName,InstanceType,TargetCpuUtilizationPerCore"

# --- --cpu's other spellings (taken out of argv before the shared parser) -----------
replay --recommendation-id $REC --cpu=40:60:20 --traffic step:1d:500:4000 --duration 2d; rc=$?
check "--cpu=40:60:20: two runs" [ "$(pyjson "$OUT" "[r['TargetCpuUtilizationPerCore'] for r in d['Runs']]")" = "[40, 60]" ]
replay --recommendation-id $REC --target-cpu-utilization-per-core 45 --traffic step:1d:500:4000 \
    --duration 2d; rc=$?
check "--target-cpu-utilization-per-core 45: one run at 45" \
    [ "$(pyjson "$OUT" "[r['TargetCpuUtilizationPerCore'] for r in d['Runs']]")" = "[45]" ]
replay --recommendation-id $REC --cpu 30 --traffic step:1d:500:4000 --duration 2d -- --cpu 70; rc=$?
check "--cpu after -- is not taken (exit 2)" [ $rc -eq 2 ]
contains "--cpu after --: an argument, said so" "$ERR" 'unexpected argument "--cpu"'

# --- plain cloudwatch: the --endpoint-name's own traffic ----------------------------
timeout 60 "$SAGESCALE" replay --demo --job resnet50-advanced --endpoint-name resnet50-prod \
    --traffic cloudwatch --since 1d >"$OUT" 2>"$ERR"; rc=$?
check "--traffic cloudwatch with --endpoint-name replays (exit 0)" [ $rc -eq 0 ]
contains "it reads that endpoint's CloudWatch traffic" "$ERR" \
    "CloudWatch AWS/SageMaker Invocations of resnet50-prod/AllTraffic (1 page)"
check "JSON: the endpoint replayed over a day" \
    [ "$(pyjson "$OUT" "(d['Runs'][0]['EndpointName'], d['Traffic']['Minutes'])")" = "('resnet50-prod', 1440)" ]
replay --recommendation-id $REC --traffic cloudwatch; rc=$?
check "--traffic cloudwatch without --endpoint-name: exit 2" [ $rc -eq 2 ]
contains "and why" "$ERR" "give --endpoint-name or cloudwatch:ENDPOINT"

# --- the table: traffic first, then the rows ------------------------------------
replay --recommendation-id $REC --cpu 40:60:10 --traffic diurnal --min-invocations 200 \
    --max-invocations 6000 --output table
check "table: the traffic line comes first" sh -c "head -1 '$OUT' | grep -q '^Traffic: synthetic diurnal'"
check "table: a heading and three rows" [ "$(grep -c '^ml.c5.large ' "$OUT")" -eq 3 ]
lacks "table: no ranking without --all-candidates" "$OUT" "Candidates by cost"

# --- every candidate, ranked ------------------------------------------------------
replay --all-candidates --cpu 10:100:10 --traffic diurnal --min-invocations 200 \
    --max-invocations 9000 --timeline "$T/timeline.csv"; rc=$?
check "--all-candidates succeeds" [ $rc -eq 0 ]
check "40 runs (4 candidates x 10 targets)" [ "$(pyjson "$OUT" "len(d['Runs'])")" = 40 ]
check "the ranking is by cost, every entry without overload" \
    [ "$(pyjson "$OUT" "[r['Cost'] for r in d['Ranking']] == sorted(r['Cost'] for r in d['Ranking']) and all(r['OverloadedMinutes'] == 0 for r in d['Ranking']) and len(d['Ranking']) == 4")" = True ]
check "each ranked entry is its candidate's cheapest qualifying run" \
    [ "$(pyjson "$OUT" "all(min(x['Cost'] for x in d['Runs'] if x['RecommendationId'] == r['RecommendationId'] and x['OverloadedMinutes'] == 0) == r['Cost'] for r in d['Ranking'])")" = True ]
check "the timeline has a row per minute" [ "$(wc -l <"$T/timeline.csv")" -eq $((7 * 1440 + 1)) ]
contains "the timeline's header" "$T/timeline.csv" "timestamp,invocations,desired_instances,in_service,invocations_per_instance,state"
contains "the timeline starts at --from" "$T/timeline.csv" "2026-11-02T00:00:00Z,"
contains "stderr names the timeline's run" "$ERR" "timeline of ml.c6i.xlarge at CPU"
replay --all-candidates --cpu 10:100:10 --traffic diurnal --min-invocations 200 \
    --max-invocations 9000 --output table
contains "table: the cheapest is marked" "$OUT" "* 1  ml.c6i.xlarge"

# None qualifies: far more traffic than MaxCapacity can serve.
replay --all-candidates --cpu 90 --traffic step:1h:100000:400000 --duration 3h --output table
contains "none qualifies: said so" "$OUT" "none qualifies"
replay --all-candidates --cpu 90 --traffic step:1h:100000:400000 --duration 3h
check "none qualifies: an empty Ranking" [ "$(pyjson "$OUT" "d['Ranking']")" = "[]" ]

# --- CSV traffic: a gap is reported and not filled ---------------------------------
python3 - "$T/gap.csv" <<'EOF'
import sys
with open(sys.argv[1], 'w') as f:
    f.write("timestamp,invocations\n")
    for m in range(600):
        if 200 <= m < 230:
            continue
        f.write("%d,%d\n" % (1793577600 + 60 * m, 1500))
EOF
replay --recommendation-id $REC --traffic csv:"$T/gap.csv"; rc=$?
check "a CSV with a gap replays" [ $rc -eq 0 ]
contains "the gap is reported" "$ERR" "570 points, 1 gap (30 minutes without data, not replayed as traffic)"
check "JSON: GapMinutes 30" [ "$(pyjson "$OUT" "d['Traffic']['GapMinutes']")" = 30 ]

# --- bad input: a clear message, exit 2, quickly ------------------------------------
bad() {
    d=$1; want=$2; shift 2
    replay --recommendation-id $REC "$@"; rc=$?
    if [ $rc -eq 2 ] && grep -qF -- "$want" "$ERR" && [ ! -s "$OUT" ]; then ok "$d"
    else fail "$d"; diag "rc=$rc"; sed 's/^/#   /' "$ERR" | head -5; fi
}
printf 'timestamp,invocations\n2026-11-02T00:00:00Z,many\n' >"$T/text.csv"
bad "CSV with text" 'line 2: "many" is not a number of invocations' --traffic csv:"$T/text.csv"
printf '2026-11-02T00:00:00Z,-3\n' >"$T/neg.csv"
bad "CSV with a negative value" 'line 1: "-3" is not a number' --traffic csv:"$T/neg.csv"
printf '2026-11-02T00:00:00Z,5e15\n' >"$T/big.csv"
bad "CSV with an enormous value" 'line 1: "5e15" is not a number of invocations from 0 to 1e+12' --traffic csv:"$T/big.csv"
printf '2026-11-02T00:01:00Z,1\n2026-11-02T00:00:00Z,1\n' >"$T/unsorted.csv"
bad "CSV unsorted" 'line 2: earlier than the row before' --traffic csv:"$T/unsorted.csv"
printf '2026-11-02T00:00:00Z,1\n2026-11-02T00:00:00Z,1\n' >"$T/dup.csv"
bad "CSV with a duplicate timestamp" 'line 2: the same timestamp' --traffic csv:"$T/dup.csv"
bad "a missing CSV" 'cannot read' --traffic csv:"$T/nonexistent.csv"

# 10 million rows on a pipe: refused at the 366-day bound, long before the end.
start=$(date +%s)
awk 'BEGIN { for (i = 0; i < 10000000; i++) printf "%d,5\n", 1600000000 + 60 * i }' |
    timeout 60 "$SAGESCALE" replay --demo --job $JOB --recommendation-id $REC --traffic csv:- >"$OUT" 2>"$ERR"
rc=$?
took=$(( $(date +%s) - start ))
check "10 million rows: refused (exit 2)" [ $rc -eq 2 ]
contains "10 million rows: the bound is named" "$ERR" "line 527041: the series spans more than 366 days"
check "10 million rows: within 30 s (took ${took} s)" [ $took -lt 30 ]

bad "a ten-year range" "the range must be from 1 minute to 366 days long" \
    --traffic cloudwatch:resnet50-prod --from 2016-01-01 --to 2026-01-01
bad "--since ten years" 'invalid duration "3650d"' --traffic cloudwatch:resnet50-prod --since 3650d
bad "a 10,000-point CPU range" 'TO (10000) is outside the CPU target range 1-100' \
    --traffic ramp:1:2 --cpu 1:10000:1
bad "a fractional CPU step" 'STEP "0.01" is not a whole number' --traffic ramp:1:2 --cpu 1:100:0.01
bad "diurnal without the objective" "--traffic diurnal needs --min-invocations and --max-invocations" \
    --traffic diurnal
bad "an unknown shape" 'invalid --traffic "sine"' --traffic sine
bad "--output xml" '--output: must be one of json, table, csv, yaml, yaml-stream (got "xml")' \
    --traffic ramp:1:2 --output xml
bad "no --traffic" "--traffic is required" --cpu 50
bad "--warmup 61" "--warmup: must be a whole number from 0 to 60" --traffic ramp:1:2 --warmup 61
replay --all-candidates --recommendation-id $REC --traffic ramp:1:2; rc=$?
check "--all-candidates with --recommendation-id: exit 2" [ $rc -eq 2 ]
replay --recommendation-id churn-xgboost-default/nope --traffic ramp:1:2; rc=$?
check "an unknown recommendation: exit 1" [ $rc -eq 1 ]
contains "an unknown recommendation: said so" "$ERR" "the job has no recommendation churn-xgboost-default/nope"

# --- --query (issue 14: on every command), against the jmespath module ------------
Q="--all-candidates --cpu 40:60:10 --traffic diurnal --min-invocations 200 --max-invocations 6000"
replay $Q; cp "$OUT" "$T/whole.json"
for e in "Ranking[0].{Id: RecommendationId, Cpu: TargetCpuUtilizationPerCore, Cost: Cost}" \
    "max_by(Runs, &InstanceHours).RecommendationId" "Traffic.Minutes" \
    "sort_by(Runs[?OverloadedMinutes == \`0\`], &Cost)[:3].[RecommendationId, Cost]"; do
    replay $Q --query "$e"; rc=$?
    want=$(python3 -c 'import json, sys, jmespath
print(json.dumps(jmespath.search(sys.argv[1], json.load(open(sys.argv[2]))), sort_keys=True))' \
        "$e" "$T/whole.json")
    got=$(python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1])), sort_keys=True))' \
        "$OUT" 2>/dev/null)
    if [ $rc -eq 0 ] && [ -n "$want" ] && [ "$got" = "$want" ]; then ok "--query $e: the jmespath module's result"
    else fail "--query $e: the jmespath module's result"; diag "rc=$rc got=$got want=$want"; fi
done
bad "--query with the table" "--query: works with --output json" \
    --traffic ramp:1:2 --output table --query Runs
bad "--query with CSV" "--query: works with --output json" --traffic ramp:1:2 --output csv --query Runs
bad "--query: a syntax error names the column" "--query: column 5: syntax error" \
    --traffic ramp:1:2 --query "Runs]"
replay --recommendation-id $REC --traffic ramp:1:2 --query "sum(Runs)"; rc=$?
check "--query failing on the answer (sum of objects): exit 2" [ $rc -eq 2 ]
contains "... said so" "$ERR" "sum()"

tap_done
