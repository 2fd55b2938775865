#!/bin/sh
# Differential test against botocore (tests/lib/endpoints-botocore.py): the
# partition table, configuration scenarios through `sagescale configure
# list --output json`, and every region x FIPS x dual-stack.  Skips cleanly
# where botocore is not installed.  Nothing leaves the machine: no call is
# made, botocore only builds clients.
. "$top_srcdir/tests/lib/lib.sh"
command -v python3 >/dev/null || tap_skip_all "python3 not installed"
python3 -c 'import botocore' 2>/dev/null || tap_skip_all "botocore not installed"
# Peers for the credential providers that fetch: the simulator (STS) and
# tests/lib/credsrv.py (container, instance metadata, SSO portal).
STS_URL="" CRED_URL=""
if sim_start --quiet; then STS_URL=$SIM_URL; fi
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_REGION AWS_ENDPOINT_URL
pf=$TEST_TMP/credsrv.port
if [ -f "$top_srcdir/tests/lib/credsrv.py" ]; then
    python3 "$top_srcdir/tests/lib/credsrv.py" --port-file "$pf" --log "$TEST_TMP/credsrv.log" \
        --max-seconds 600 >"$TEST_TMP/credsrv.out" 2>&1 &
    SIM_PIDS="$SIM_PIDS $!"
    i=0; while [ ! -s "$pf" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    [ -s "$pf" ] && CRED_URL=http://127.0.0.1:$(cat "$pf")
fi
TMPDIR=$TEST_TMP timeout 600 python3 "$top_srcdir/tests/lib/endpoints-botocore.py" "$SAGESCALE" \
    "$top_srcdir/data/partitions.def" "$STS_URL" "$CRED_URL" >"$TEST_TMP/py.out" 2>"$TEST_TMP/py.err"
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
