#!/bin/sh
# Security, screen side: an answer with hostile text in every field (ESC,
# CSI, OSC 52, OSC 8, OSC 0 titles, C1 controls, bidi overrides, a 100,000
# character value) and then a hostile error, shown by the TUI in tmux with
# the clipboard open to OSC 52.  Nothing may take effect: no tmux paste
# buffer appears, the pane title stays, every page of the expanded tree and
# the Errors pane hold no escape sequence but SGR, and the escapes are
# visible as text.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/tuilib.sh"
. "$top_srcdir/tests/lib/faultlib.sh"
command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 not installed"
H=$TEST_TMP/hostile
python3 "$top_srcdir/tests/lib/hostile.py" "$H" || tap_skip_all "could not write the hostile answers"
demo_creds
AWS_MAX_ATTEMPTS=1; export AWS_MAX_ATTEMPTS

# only_sgr FILE: no escape sequence but SGR, no control but tmux's SO/SI.
only_sgr() {
    python3 - "$1" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
rest = re.sub(rb"\x1b\[[0-9;:]*m", b"", data)
bad = [b for b in rest if (b < 0x20 and b not in (0x0a, 0x09, 0x0e, 0x0f)) or b == 0x7f]
try:
    text = rest.decode("utf-8")
except UnicodeDecodeError:
    sys.exit(1)
bad += [c for c in text if 0x80 <= ord(c) <= 0x9f or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069]
sys.exit(1 if bad else 0)
PY
}

fault_start --first-ok "$H/ok" canned "$H/error" || tap_skip_all "faultsrv did not start"
tui_start 80 24 -- --endpoint-url "$FAULT_URL" --job job-1 --recommendation-id r-1 --run
tui_tmux set-option -s set-clipboard on >/dev/null 2>&1
tui_tmux set-option -g allow-rename on >/dev/null 2>&1
title0=$(tui_tmux display-message -p '#{pane_title}')
see "the hostile answer is shown" "Done in"
see "its escapes are visible text" 'job\x1b[2J'

# Every page of the fully expanded tree.
tui_keys 1		# the keys are on the answer after a send
tui_keys E
sleep 0.3
clean=1 pages=0
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    tui_capture_attrs
    pages=$((pages + 1))
    if ! only_sgr "$TUI_SCREEN"; then clean=0; cp "$TUI_SCREEN" "$TEST_TMP/dirty"; fi
    cat "$TUI_SCREEN" >>"$TEST_TMP/all-pages"
    tui_keys NPage
    sleep 0.05
done
check "the expanded tree, $pages pages: no escape sequence but SGR" test $clean -eq 1
contains "the tree shows an unknown policy's key, escaped" "$TEST_TMP/all-pages" 'UnknownPolicy\x1b'
tui_capture
check "the screen is still 80 columns wide (the long value does not overflow)" python3 -c '
import sys
sys.exit(0 if max(len(l) for l in open(sys.argv[1], encoding="utf-8").read().split("\n")) <= 80 else 1)' "$TUI_SCREEN"

# The hostile error.
tui_keys Tab Enter
see "the hostile error is reported" "Failed"
tui_keys 2		# the keys are on the answer after a send
see "the Errors pane shows the code, escaped" 'ValidationException\x1b'
tui_capture_attrs
if only_sgr "$TUI_SCREEN"; then ok "the Errors pane: no escape sequence but SGR"
else fail "the Errors pane: no escape sequence but SGR"; fi

check "OSC 52 did not reach the clipboard (no tmux paste buffer)" \
    test -z "$(tui_tmux list-buffers 2>/dev/null)"
title1=$(tui_tmux display-message -p '#{pane_title}')
check "OSC 0/2 did not change the pane title" test "$title0" = "$title1"
tui_keys F10
see "quits cleanly" "EXIT=0" 5
see "the terminal is restored" "TTY=same" 2
# Control: the same sequences printed raw do take effect in this tmux, so
# the two checks above could have failed.
tui_tmux new-window -d "printf '\033]52;c;aGk=\007\033]2;pwned\007'; sleep 5"
sleep 0.5
check "control: raw OSC 52 does fill a paste buffer here" test -n "$(tui_tmux list-buffers 2>/dev/null)"
check "control: raw OSC 2 does set a pane title here" sh -c \
    "tmux -S '$TUI_SOCK' list-panes -a -F '#{pane_title}' | grep -q pwned"
tui_stop
sim_stop "$FAULT_PID"

# Files we write are 0600 even under umask 000, and no secret reaches the
# screen, --debug's stderr, the history or an export.
SECRET=sEcReT-sentinel-7f3a9c; TOKEN=ToKeN-sentinel-41d2be
fault_start canned "$H/ok" || tap_skip_all "faultsrv did not start"
umask 000
tui_start 80 24 AWS_SECRET_ACCESS_KEY=$SECRET AWS_SESSION_TOKEN=$TOKEN -- \
    --endpoint-url "$FAULT_URL" --job job-1 --recommendation-id r-1 --run --debug
see "a run with a session token and --debug" "Done in"
tui_capture; cat "$TUI_SCREEN" >"$TEST_TMP/screens"
tui_keys F4
if tui_wait "Export this result as:"; then
    tui_keys 1
    sleep 0.3
    tui_keys w C-u; tui_type "$TEST_TMP/export.json"; tui_keys Enter
    see "an export is written" "Wrote"
else
    skip "no export menu"
fi
tui_capture; cat "$TUI_SCREEN" >>"$TEST_TMP/screens"
tui_keys Escape Escape F10
see "quits" "EXIT=0" 5
tui_stop
umask 022
files=$(find "$HOME" "$TEST_TMP/export.json" -type f ! -path "$HOME/.aws/*" 2>/dev/null)
check "the run wrote files (history, export)" test -n "$files"
bad=""
for f in $files; do [ "$(stat -c %a "$f")" = 600 ] || bad="$bad $f:$(stat -c %a "$f")"; done
if [ -z "$bad" ]; then ok "every file written is 0600 under umask 000 ($(echo $files | wc -w) files)"
else fail "every file written is 0600 under umask 000"; diag "$bad"; fi
check "--debug logged to stderr" test -s "$TEST_TMP/tui.stderr"
found=$(grep -rlF -e "$SECRET" -e "$TOKEN" "$HOME" "$TEST_TMP/tui.stderr" "$TEST_TMP/screens" \
        "$TEST_TMP/export.json" 2>/dev/null || true)
if [ -z "$found" ]; then ok "no secret on screen, in --debug's log, the history or the export"
else fail "no secret on screen, in --debug's log, the history or the export"; diag "found in:" $found; fi
sim_stop "$FAULT_PID"
tap_done
