#!/bin/sh
# Issue 17 item 2: signals and limits.  In the terminal interface, Ctrl-\
# (SIGQUIT) ends it like the other signals, with the terminal restored
# (before: exit 131 with a raw terminal); Ctrl-Z (SIGTSTP) restores the
# terminal, stops, and SIGCONT brings the screen back; SIGPIPE and SIGXFSZ
# do not kill it.  With `ulimit -c unlimited`, a crash (SIGSEGV, SIGABRT)
# of a process holding the secret key leaves no core file (before: three
# copies of the key in it).  A write to a closed pipe or a full device is
# an error message and exit status 3, not a signal.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"
. "$top_srcdir/tests/lib/faultlib.sh"

sim_start --quiet || tap_skip_all "simulator did not start"

# sig_end SIGNAL STATUS: the program ends with STATUS, the terminal is back.
sig_end() {
    _pid=$(tui_pid)
    if [ -z "$_pid" ]; then fail "$1: the program runs"; return 0; fi
    kill -s "$1" "$_pid"
    see "$1: exit status $2, terminal settings restored" "EXIT=$2 TTY=same" 5
    check "$1: the alternate screen is left" \
        test "$(tui_tmux display-message -p '#{alternate_on}')" = 0
}

# proc_state PID: the state letter of /proc/PID/stat (R, S, T, ...).
proc_state() { sed -n 's/^[0-9]* (.*) \([A-Za-z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null; }

tui_start 80 24 -- --endpoint-url "$SIM_URL"
see "idle" "Ready"
sig_end QUIT 131

# SIGPIPE and SIGXFSZ from outside: ignored, the program keeps working.
tui_start 80 24 -- --endpoint-url "$SIM_URL"
see "idle for PIPE and XFSZ" "Ready"
pid=$(tui_pid)
kill -s PIPE "$pid"; kill -s XFSZ "$pid"
sleep 0.3
check "SIGPIPE and SIGXFSZ: still running" kill -0 "$pid"
tui_keys F10
see "then quits normally" "EXIT=0 TTY=same"

# jobctl_start: the program under a shell with job control (set -m), as
# at a prompt: it is the terminal's foreground process group alone, so
# Ctrl-\ and Ctrl-Z reach it and not the shell.  The shell prints
# "FG rc=N TTY=same|changed" when the program stops or ends, waits for
# $TEST_TMP/go, then resumes it (fg) and prints "EXIT=N TTY=...".
jobctl_start() {
    rm -f "$TEST_TMP/go"
    cat >"$TEST_TMP/jobctl.sh" <<EOF2
set -m
tty_is() { if [ "\$before" = "\$(stty -g)" ]; then echo same; else echo changed; fi; }
before=\$(stty -g)
env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC HOME=$HOME '$SAGESCALE' --endpoint-url '$SIM_URL' 2>'$TEST_TMP/tui.stderr' &
echo \$! >'$TEST_TMP/tui.pid'
fg >/dev/null
echo "FG rc=\$? TTY=\$(tty_is)"
while [ ! -f '$TEST_TMP/go' ]; do sleep 0.1; done
fg >/dev/null 2>&1
echo "EXIT=\$? TTY=\$(tty_is)"
exec sleep 600
EOF2
    tui_stop
    tui_tmux new-session -d -x 80 -y 24 "sh $TEST_TMP/jobctl.sh"
}

jobctl_start
see "job control: idle" "Ready"
tui_keys 'C-\'
see "Ctrl-\\ typed: exit status 131, terminal settings restored" "FG rc=131 TTY=same" 5

jobctl_start
see "job control: idle again" "Ready"
pid=$(cat "$TEST_TMP/tui.pid")
tui_keys C-z
see "Ctrl-Z: the shell sees it stopped, terminal settings restored" "FG rc=148 TTY=same" 5
check "Ctrl-Z: the process is stopped" test "$(proc_state "$pid")" = T
check "Ctrl-Z: the alternate screen is left" \
    test "$(tui_tmux display-message -p '#{alternate_on}')" = 0
touch "$TEST_TMP/go"
see "fg: the screen is drawn again" "Ready" 5
check "fg: the alternate screen is back" \
    test "$(tui_tmux display-message -p '#{alternate_on}')" = 1
tui_keys F10
see "fg: then quits normally" "EXIT=0 TTY=same"

# --- no core with the secret ------------------------------------------------
SECRET=harden-secret-$$-Qx7
case $(cat /proc/sys/kernel/core_pattern 2>/dev/null) in
    '|'*|/*) skip "core files go to $(cat /proc/sys/kernel/core_pattern): not checked here" ;;
    *)
    fault_start hang || fail "faultsrv"
    mkdir -p "$TEST_TMP/cores"
    for sig in SEGV ABRT; do
        (
            cd "$TEST_TMP/cores" || exit 1
            ulimit -c unlimited 2>/dev/null || exit 1
            # In a sanitizer build AddressSanitizer would catch SIGSEGV and
            # exit 1 itself: let the signal do what it does in a user's build.
            ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0" \
            AWS_ACCESS_KEY_ID=AKIDHARDEN AWS_SECRET_ACCESS_KEY=$SECRET AWS_REGION=us-east-1 \
                exec "$SAGESCALE" recommend --endpoint-url "$FAULT_URL" --job j \
                --recommendation-id r >/dev/null 2>&1
        ) &
        p=$!
        sleep 1
        kill -s "$sig" "$p" 2>/dev/null
        wait "$p"
        rc=$?
        check "SIG$sig with ulimit -c unlimited: the process died of it ($rc)" test "$rc" -ge 128
        n=$(ls "$TEST_TMP/cores" | wc -l)
        check "SIG$sig: no core file" test "$n" = 0
        if grep -rqa -- "$SECRET" "$TEST_TMP/cores" 2>/dev/null; then
            fail "SIG$sig: the secret is in no file"
        else
            ok "SIG$sig: the secret is in no file"
        fi
        rm -f "$TEST_TMP/cores"/*
    done
    ;;
esac

# --- failed writes ------------------------------------------------------------
"$SAGESCALE" jobs --endpoint-url "$SIM_URL" >/dev/full 2>"$TEST_TMP/full.err"; rc=$?
check "stdout on a full device: exit status 3 ($rc)" test "$rc" = 3
contains "stdout on a full device: a message" "$TEST_TMP/full.err" "cannot write the output"
python3 - "$SAGESCALE" "$SIM_URL" >"$TEST_TMP/pipe.out" <<'PY'
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run([sys.argv[1], "jobs", "--endpoint-url", sys.argv[2]], stdout=w,
                   stderr=subprocess.PIPE)
print(p.returncode)
print(p.stderr.decode())
PY
check "stdout to a closed pipe: exit status 3, not SIGPIPE" test "$(head -1 "$TEST_TMP/pipe.out")" = 3
contains "stdout to a closed pipe: a message" "$TEST_TMP/pipe.out" "cannot write the output"
tap_done
