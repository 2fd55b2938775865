#!/bin/sh
# Differential test against botocore (tests/endpoints-botocore.py): the
# partition table, configuration scenarios through `sagescale configure
# list --output json`, and every region x FIPS x dual-stack.  Skips cleanly
# where botocore is not installed.  Nothing leaves the machine: no call is
# made, botocore only builds clients.
. "$top_srcdir/tests/lib.sh"
command -v python3 >/dev/null || tap_skip_all "python3 not installed"
python3 -c 'import botocore' 2>/dev/null || tap_skip_all "botocore not installed"
TMPDIR=$TEST_TMP timeout 600 python3 "$top_srcdir/tests/endpoints-botocore.py" "$SAGESCALE" \
    "$top_srcdir/data/partitions.def" >"$TEST_TMP/py.out" 2>"$TEST_TMP/py.err"
rc=$?
while IFS= read -r line; do
    case $line in
    "ok - "*) ok "${line#ok - }" ;;
    "not ok - "*) fail "${line#not ok - }" ;;
    *) echo "$line" ;;
    esac
done <"$TEST_TMP/py.out"
check "the comparison ran to its end (exit $rc)" test "$rc" -eq 0
[ "$rc" -eq 0 ] || sed 's/^/# /' "$TEST_TMP/py.err" | tail -20
tap_done
