#!/bin/sh
# Issue 17 items 6 and 2: the history on a full disk, a real one: a small
# tmpfs (in a private mount namespace: unshare -rm, or root), filled up.
# The interface keeps running, says so once, keeps the session's runs in
# memory and writes them all, in order, when space returns; the file never
# holds half a record.  Then under `ulimit -f` (SIGXFSZ, EFBIG): the same,
# and the terminal is restored at the end.  Before: the first failed
# append left a partial line and no run of the session was kept on disk
# (under ulimit -f the program died of SIGXFSZ with the terminal raw).
if [ -z "${HISTORY_FULL_NS:-}" ] && [ "$(id -u)" != 0 ]; then
    if unshare -rm true 2>/dev/null; then
        HISTORY_FULL_NS=1 exec unshare -rm sh "$0" "$@"
    fi
fi
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"

JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
IN="--job $JOB --recommendation-id $REC --min-invocations 100 --max-invocations 5000"
HIST=$XDG_STATE_HOME/sagescale/history.jsonl
sim_start --quiet || tap_skip_all "simulator did not start"

# records: how many whole records the history holds (header excluded);
# whole: the file ends with a newline.
records() { [ -f "$HIST" ] && tail -n +2 "$HIST" | grep -c '"id"' || echo 0; }
whole() { [ ! -s "$HIST" ] || [ "$(tail -c 1 "$HIST" | od -An -c | tr -d ' ')" = '\n' ]; }

# rerun KEY FROM TO: one what-if rerun.
rerun() {
    tui_keys "$1"
    see "rerun $1: CPU $2 -> $3" "$3 % per core"
}

# --- a full tmpfs ------------------------------------------------------------
mkdir -p "$XDG_STATE_HOME"
if mount -t tmpfs -o size=256k,mode=0700 tmpfs "$XDG_STATE_HOME" 2>/dev/null; then
    mkdir -p "$XDG_STATE_HOME/sagescale"
    tui_start 100 40 -- --endpoint-url "$SIM_URL" $IN --run
    see "tmpfs: first answer" "50 % per core"
    check "tmpfs: the first run is on disk" test "$(records)" = 1
    # Fill the file system to the last byte.
    dd if=/dev/zero of="$XDG_STATE_HOME/filler" bs=4096 >/dev/null 2>&1
    dd if=/dev/zero of="$XDG_STATE_HOME/filler2" bs=1 >/dev/null 2>&1
    # (after --run the keys are on the answer: the what-if keys work)
    # The file's last page may still take a record or two: rerun until
    # the disk says no (bounded).
    cpu=50; n=1; warned=no
    while [ $cpu -lt 60 ]; do
        rerun + $cpu $((cpu + 1)); cpu=$((cpu + 1)); n=$((n + 1))
        if grep -qF "runs are kept in memory" "$TUI_SCREEN"; then warned=yes; break; fi
        tui_wait "runs are kept in memory" 1 && { warned=yes; break; }
    done
    check "tmpfs full: one warning (after $n runs)" test $warned = yes
    ondisk=$(records)
    rerun + $cpu $((cpu + 1)); cpu=$((cpu + 1)); n=$((n + 1))
    rerun + $cpu $((cpu + 1)); cpu=$((cpu + 1)); n=$((n + 1))
    check "tmpfs full: still running" kill -0 "$(tui_pid)"
    check "tmpfs full: no half record on disk" whole
    check "tmpfs full: nothing more on disk yet ($(records) of $n)" test "$(records)" = "$ondisk" -a "$ondisk" -lt "$n"
    rm -f "$XDG_STATE_HOME/filler" "$XDG_STATE_HOME/filler2"
    rerun - $cpu $((cpu - 1)); n=$((n + 1))
    check "space back: every run on disk ($(records) of $n)" test "$(records)" = "$n"
    check "space back: whole records" whole
    cpus=$(sed -n 's/.*"TargetCpuUtilizationPerCore":\([0-9]*\).*/\1/p' "$HIST" | tr '\n' ' ')
    want="$(seq 50 $cpu | tr '\n' ' ')$((cpu - 1)) "
    check "space back: CPU targets in run order ($cpus)" test "$cpus" = "$want"
    tui_keys 3
    see "History lists the session's runs" "Inv/inst"
    tui_keys F10
    see "quits, terminal restored" "EXIT=0 TTY=same"
    umount "$XDG_STATE_HOME"
else
    skip "cannot mount a tmpfs here (no root, no unshare -rm)"
fi

# --- a file-size limit (SIGXFSZ, EFBIG) ---------------------------------------
rm -rf "$XDG_STATE_HOME/sagescale"
mkdir -p "$XDG_STATE_HOME/sagescale"
# At CPU 49: the limited run below asks at 50, a new run (a rerun that
# changes nothing would not be written at all).
tui_start 100 40 -- --endpoint-url "$SIM_URL" $IN --cpu 49 --run
see "ulimit: first answer" "49 % per core"
tui_keys F10
see "ulimit: quits" "EXIT=0"
size=$(wc -c <"$HIST")
# The limit in 512-byte blocks (POSIX sh): room for what is there, not a run more.
blocks=$(( (size + 511) / 512 ))
cat >"$TEST_TMP/limited.sh" <<EOF2
before=\$(stty -g)
ulimit -f $blocks
env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC HOME=$HOME XDG_STATE_HOME=$XDG_STATE_HOME '$SAGESCALE' --endpoint-url '$SIM_URL' $IN --run 2>'$TEST_TMP/tui.stderr'
rc=\$?
if [ "\$before" = "\$(stty -g)" ]; then t=same; else t=changed; fi
echo "EXIT=\$rc TTY=\$t"
exec sleep 600
EOF2
tui_stop
tui_tmux new-session -d -x 100 -y 40 "sh $TEST_TMP/limited.sh"
see "ulimit -f: answer" "50 % per core"
see "ulimit -f: one warning, not a signal" "runs are kept in memory" 5
rerun + 50 51
check "ulimit -f: still running" kill -0 "$(tui_pid)"
check "ulimit -f: no half record" whole
tui_keys F10
see "ulimit -f: quits with the terminal restored" "EXIT=0 TTY=same"
tap_done
