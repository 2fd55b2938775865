#!/bin/sh
# Issue 17 item 1: a hostile server answering ListInferenceRecommendationsJobs
# with 5.8 MB pages and an endless NextToken.  `sagescale jobs` must stop at
# the listing cap with a message naming it and how to narrow the listing,
# after a bounded number of pages, with a peak RSS far below what the pages
# add up to (before the fix: about 53 MB more per page, until the kernel
# killed it).  The RSS is watched and the run killed above the bound, so the
# old code fails this test without eating the machine.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/faultlib.sh"

# A second guard: no more than 2 GB of address space where no sanitizer
# needs its shadow memory.
nm "$SAGESCALE" 2>/dev/null | grep -q __asan_init || ulimit -v 2000000

# Peak RSS allowed (KiB).  The kept listing is at most 8 MiB of JSON (about
# 80 MB as json-c objects) plus one page being parsed; sanitizer builds
# roughly double that.
limit=400000
if nm "$SAGESCALE" 2>/dev/null | grep -q __asan_init; then
    limit=900000
fi

python3 - "$TEST_TMP/page" <<'PY'
import json, sys
jobs = [{"JobName": "job-%05d" % i, "JobType": "Default", "Status": "COMPLETED",
         "JobArn": "arn:aws:sagemaker:us-east-1:1:inference-recommendations-job/x",
         "CreationTime": 1.7e9, "LastModifiedTime": 1.7e9,
         "JobDescription": "d" * 2800} for i in range(2000)]
body = json.dumps({"InferenceRecommendationsJobs": jobs, "NextToken": "again"})
with open(sys.argv[1], "w") as f:
    f.write("200\nContent-Type: application/x-amz-json-1.1\n\n" + body)
PY
demo_creds
FAULTSRV_LOG=$TEST_TMP/requests; export FAULTSRV_LOG
fault_start canned "$TEST_TMP/page" || { fail "faultsrv"; tap_done; }

# descendants PID: PID's children, grandchildren, ... (from /proc).
descendants() {
    for c in $(cat "/proc/$1/task/$1/children" 2>/dev/null); do
        echo "$c"; descendants "$c"
    done
}
# watch PID: kills any descendant of PID (the program under /usr/bin/time)
# whose RSS passes $limit, so that the unfixed program cannot eat the machine.
watch_rss() {
    while kill -0 "$1" 2>/dev/null; do
        for c in $(descendants "$1"); do
            rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$c/status" 2>/dev/null)
            [ -n "$rss" ] && [ "$rss" -gt "$limit" ] && kill -9 "$c" 2>/dev/null
        done
        sleep 0.05
    done
}

/usr/bin/time -o "$TEST_TMP/rss" -f %M \
    "$SAGESCALE" jobs --endpoint-url "$FAULT_URL" >"$TEST_TMP/out" 2>"$TEST_TMP/err" &
pid=$!
watch_rss $pid
wait $pid; rc=$?
peak=$(tail -1 "$TEST_TMP/rss")
pages=$(grep -c 'ListInferenceRecommendationsJobs' "$TEST_TMP/requests" 2>/dev/null || echo 0)
diag "peak RSS ${peak} KiB after $pages pages, exit $rc"
check "jobs stops with an error (exit $rc)" test "$rc" -ne 0 -a "$rc" -lt 128
check "peak RSS $peak KiB below $limit KiB" [ "$peak" -le "$limit" ]
check "bounded number of pages ($pages)" test "$pages" -ge 2 -a "$pages" -le 5
contains "the message names the cap" "$TEST_TMP/err" "KiB (the cap on one listing"
contains "the message says how to narrow it" "$TEST_TMP/err" "--name-contains"
check "nothing on stdout" [ ! -s "$TEST_TMP/out" ]
tap_done
