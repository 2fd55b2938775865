#!/bin/sh
# Issue 17 item 7: credential_process with a timeout, in its own process
# group.  A command that hangs and ignores SIGTERM (and a child it started)
# is stopped after SAGESCALE_CREDENTIAL_PROCESS_TIMEOUT seconds, its whole
# group with it; when sagescale itself is killed while the command runs,
# the group goes too.  Before: the program hung, and killing it left the
# command running.
. "$top_srcdir/tests/lib/lib.sh"
cd "$TEST_TMP" || exit 1

cat >hang.sh <<'EOF2'
#!/bin/sh
trap '' TERM
sleep 300 &
echo "$$ $!" >"$1"
wait
EOF2
chmod +x hang.sh
cat >config <<EOF2
[profile hang]
region = us-east-1
credential_process = $TEST_TMP/hang.sh $TEST_TMP/pids
EOF2
AWS_CONFIG_FILE=$TEST_TMP/config; export AWS_CONFIG_FILE
AWS_SHARED_CREDENTIALS_FILE=$TEST_TMP/none; export AWS_SHARED_CREDENTIALS_FILE
AWS_EC2_METADATA_DISABLED=true; export AWS_EC2_METADATA_DISABLED

# alive PIDS...: how many of PIDS still run (zombies do not count).
alive() {
    _n=0
    for _p in "$@"; do
        _s=$(sed -n 's/^[0-9]* (.*) \([A-Za-z]\).*/\1/p' "/proc/$_p/stat" 2>/dev/null)
        [ -n "$_s" ] && [ "$_s" != Z ] && _n=$((_n + 1))
    done
    echo $_n
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

rm -f pids
t0=$(now_ms)
SAGESCALE_CREDENTIAL_PROCESS_TIMEOUT=1 timeout 30 "$SAGESCALE" jobs --profile hang \
    --endpoint-url http://127.0.0.1:9/ >out 2>err; rc=$?
dt=$(( $(now_ms) - t0 ))
diag "exit $rc after $dt ms"
check "timeout: the command fails (exit $rc), not hangs" test "$rc" -ne 0 -a "$rc" -ne 124
check "timeout: within 5 s of a 1 s timeout ($dt ms)" test "$dt" -lt 5000
contains "timeout: the message says so and names the setting" err "SAGESCALE_CREDENTIAL_PROCESS_TIMEOUT"
sleep 0.3
if [ -s pids ]; then
    # shellcheck disable=SC2046
    check "timeout: the command and its child are gone (SIGTERM ignored)" test "$(alive $(cat pids))" = 0
else
    fail "timeout: the command ran"
fi

# sagescale killed while the command runs: its group goes too.
rm -f pids
SAGESCALE_CREDENTIAL_PROCESS_TIMEOUT=60 "$SAGESCALE" jobs --profile hang \
    --endpoint-url http://127.0.0.1:9/ >out 2>err &
p=$!
i=0; while [ ! -s pids ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
kill -TERM $p
wait $p; rc=$?
check "SIGTERM: sagescale ends of it ($rc)" test "$rc" = 143
sleep 0.3
if [ -s pids ]; then
    # shellcheck disable=SC2046
    check "SIGTERM: the command and its child are gone" test "$(alive $(cat pids))" = 0
else
    fail "SIGTERM: the command ran"
fi

# A quick command is not affected, and its SIGPIPE is not ignored (what we
# ignore is not inherited).
cat >ok.sh <<'EOF2'
#!/bin/sh
grep SigIgn /proc/$$/status >&2
echo '{"Version": 1, "AccessKeyId": "AKIDOK", "SecretAccessKey": "s"}'
EOF2
chmod +x ok.sh
cat >>config <<EOF2
[profile ok]
region = us-east-1
credential_process = $TEST_TMP/ok.sh
EOF2
"$SAGESCALE" jobs --profile ok --endpoint-url http://127.0.0.1:9/ >out 2>err
lacks "a quick command's credentials are taken" err "credential_process"
ign=$(sed -n 's/^SigIgn:[[:space:]]*//p' err | head -1)
# SIGPIPE is bit 13 (0x1000), SIGXFSZ bit 25 (0x1000000).
check "the command does not inherit ignored SIGPIPE/SIGXFSZ (SigIgn $ign)" \
    test $(( 0x${ign:-0} & 0x1001000 )) = 0
for p in $(cat pids 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
tap_done
