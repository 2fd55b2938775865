#!/bin/bash
# --query against the jmespath Python module (issue 14): a 10,000-job
# ListInferenceRecommendationsJobs answer and four expressions, each tool
# as a whole process (load the answer, search, print as --output json:
# bench/jp is the --query path of sagescale) and the evaluation alone
# (parsed and compiled once, searches timed); then the compliance suite's
# benchmarks.json cases.  CPU time throughout (see whole()).  Prints
# bench/run's rows.  Bounded: a few seconds
# of CPU per tool and expression.
set -u
srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${top_builddir:-$srcdir}
JP=$builddir/bench/jp PEER="python3 $srcdir/bench/query-peer.py"
BENCH_JSON=${JMESPATH_COMPLIANCE_DIR:-$srcdir/../shared/jmespath-compliance}/benchmarks.json
[ -x "$JP" ] || { echo "bench/jp not built" >&2; exit 1; }
python3 -c 'import jmespath' || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sagescale-query.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
DOC=$tmp/jobs.json

python3 - "$DOC" <<'PY'
import json, random, sys
r = random.Random(14)
st = ["COMPLETED"] * 6 + ["FAILED", "IN_PROGRESS", "STOPPED", "PENDING"]
jobs = []
for i in range(10000):
    s = r.choice(st)
    t = 1760000000 + r.randrange(0, 30 * 86400) + r.random()
    j = {"JobName": "job-%05d-%s" % (i, r.choice(["xgb", "bert", "resnet", "llama"])),
         "JobDescription": "benchmark job %d" % i,
         "JobType": r.choice(["Default", "Advanced"]),
         "JobArn": "arn:aws:sagemaker:us-east-1:123456789012:inference-recommendations-job/job-%05d" % i,
         "Status": s, "CreationTime": t, "LastModifiedTime": t + 3600.5,
         "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
         "ModelName": "model-%d" % r.randrange(50)}
    if s in ("COMPLETED", "FAILED"):
        j["CompletionTime"] = t + r.randrange(600, 7200)
    if s == "FAILED":
        j["FailureReason"] = "Benchmark failed: out of memory"
    jobs.append(j)
json.dump({"InferenceRecommendationsJobs": jobs}, open(sys.argv[1], "w"), indent=4)
PY

EXPRS=(
    "InferenceRecommendationsJobs[?Status=='COMPLETED'].JobName"
    "sort_by(InferenceRecommendationsJobs, &CreationTime)[-5:].{Name: JobName, Created: CreationTime}"
    "length(InferenceRecommendationsJobs[?starts_with(JobName, 'job-01') && JobType=='Advanced'])"
    "max_by(InferenceRecommendationsJobs[?CompletionTime], &CompletionTime).JobName"
)
NAMES=(filter sort_by starts_with max_by)

# median of K runs of a whole process: its CPU time (user + system) in ms,
# which a machine shared by many builds does not distort as it does wall
# time (both tools are single-threaded).
whole() {
    python3 - "$@" <<'PY'
import os, subprocess, sys
k = 5
ts = []
for _ in range(k):
    before = os.times()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
    after = os.times()
    ts.append((after.children_user - before.children_user +
               after.children_system - before.children_system) * 1e3)
print("%.1f" % sorted(ts)[k // 2])
PY
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
met() { awk -v a="$1" -v b="$2" 'BEGIN { print (a / b <= 0.05) ? "yes" : "no" }'; }

echo "figure|ours|peer|ratio|goal|met?"
for i in "${!EXPRS[@]}"; do
    e=${EXPRS[$i]}
    "$JP" "$e" "$DOC" >"$tmp/ours.out" && $PEER "$e" "$DOC" >"$tmp/peer.out" || exit 1
    cmp -s "$tmp/ours.out" "$tmp/peer.out" || { echo "query ${NAMES[$i]}: outputs differ" >&2; exit 1; }
    o=$(whole "$JP" "$e" "$DOC"); p=$(whole python3 "$srcdir/bench/query-peer.py" "$e" "$DOC")
    echo "query ${NAMES[$i]} 10k jobs, whole process (ms CPU)|$o|$p|$(ratio "$o" "$p")|<= 0.05 (20x)|$(met "$o" "$p")"
    o=$("$JP" -n 200 "$e" "$DOC"); p=$($PEER -n 10 "$e" "$DOC")
    echo "query ${NAMES[$i]} 10k jobs, evaluation (us CPU)|$o|$p|$(ratio "$o" "$p")|<= 0.05 (20x)|$(met "$o" "$p")"
done
if [ -f "$BENCH_JSON" ]; then
    "$JP" -b 20000 "$BENCH_JSON" >"$tmp/b.ours"
    $PEER -b 2000 "$BENCH_JSON" >"$tmp/b.peer"
    python3 - "$BENCH_JSON" "$tmp/b.ours" "$tmp/b.peer" <<'PY'
import json, math, sys
cases = [c for g in json.load(open(sys.argv[1])) for c in g["cases"]]
ours = dict(l.strip().split("|") for l in open(sys.argv[2]))
peer = dict(l.strip().split("|") for l in open(sys.argv[3]))
rs = []
for i, c in enumerate(cases, 1):
    o, p = float(ours[str(i)]), float(peer[str(i)])
    rs.append(o / p)
    print("benchmarks.json %d %s (%s, us)|%.2f|%.2f|%.3f|<= 0.05 (20x)|%s" %
          (i, c["comment"], c["bench"], o, p, o / p, "yes" if o / p <= 0.05 else "no"))
g = math.exp(sum(map(math.log, rs)) / len(rs))
print("benchmarks.json, geometric mean of %d ratios|||%.3f|<= 0.05 (20x)|%s" % (len(rs), g, "yes" if g <= 0.05 else "no"))
PY
else
    echo "benchmarks.json not found at $BENCH_JSON: skipped" >&2
fi
