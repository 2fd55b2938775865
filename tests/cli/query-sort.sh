#!/bin/sh
# sort(), sort_by(), max_by() and min_by() on the cases where the order of
# numbers is easy to get wrong (negative numbers and -0, integers past 2^53
# that one double holds, many equal keys, thousands of random ints and
# floats), against the jmespath Python module: the cases are written in
# the compliance suite's format with the module's results and run through
# tests/lib/jp-compliance.  Skipped without python3's jmespath (botocore's).
. "$top_srcdir/tests/lib/lib.sh"
python3 -c 'import jmespath' 2>/dev/null || { echo "1..0 # SKIP no jmespath module"; exit 0; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/sagescale-qsort.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
python3 - "$dir/sort.json" <<'PY' || exit 1
import json, random, sys
import jmespath

r = random.Random(14)
big = 2 ** 53
groups = [
    [3, -1.5, 0, -0.0, 2.5, -7, 1e300, -1e300, 0.0, -2, 2, -1e-300, 1e-300],
    [big + 1, big, big + 3, big + 2, big + 1, -big - 1, -big, -big - 2,
     2 ** 63 - 1, 2 ** 63 - 2, -(2 ** 63), -(2 ** 63) + 1, float(big)],
    [5] * 40 + [4.0] * 40 + [5.0] * 40,
    [r.choice([r.randrange(-10 ** 6, 10 ** 6), r.uniform(-1e6, 1e6),
               r.randrange(-50, 50), r.randrange(-50, 50) + 0.5]) for _ in range(3000)],
    [r.uniform(1.76e9, 1.77e9) for _ in range(3000)],
    [],
]
exprs = ["sort_by(@, &n)[].i", "sort(@[].n)", "max_by(@, &n).i", "min_by(@, &n).i",
         "reverse(sort_by(@, &n))[:20].i", "sort_by(@, &to_string(n))[].i"]
out = []
for g in groups:
    given = [{"n": n, "i": i} for i, n in enumerate(g)]
    cases = []
    for e in exprs:
        res = jmespath.search(e, given)
        cases.append({"expression": e, "result": res})
    out.append({"given": given, "cases": cases})
# The type checks, by error type.
out.append({"given": [{"n": 1, "i": 0}, {"n": "a", "i": 1}],
            "cases": [{"expression": e, "error": "invalid-type"} for e in
                      ["sort_by(@, &n)", "max_by(@, &n)", "min_by(@, &n)", "sort(@[].n)"]]})
out.append({"given": [{"n": [1], "i": 0}],
            "cases": [{"expression": e, "error": "invalid-type"} for e in
                      ["sort_by(@, &n)", "max_by(@, &n)", "min_by(@, &n)"]]})
json.dump(out, open(sys.argv[1], "w"))
PY
JMESPATH_COMPLIANCE_DIR=$dir "$top_builddir/tests/lib/jp-compliance"
