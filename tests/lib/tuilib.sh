# Screen-test helpers: the TUI runs in a private tmux server (its own
# socket, no config file) at a fixed size, with TERM, locale, HOME and TZ
# fixed; tests send keys and poll the screen text with bounded waits.
# Source after tests/lib/lib.sh.
command -v tmux >/dev/null 2>&1 || tap_skip_all "tmux not installed"

TUI_SOCK=$TEST_TMP/tmux.sock
TUI_WAIT=${TUI_WAIT:-10}	# seconds a wait may take before it fails
TUI_SCREEN=$TEST_TMP/screen.txt

tui_tmux() { tmux -S "$TUI_SOCK" -f /dev/null "$@"; }

tui_cleanup() {
    tui_tmux kill-server >/dev/null 2>&1
    lib_cleanup
}
trap tui_cleanup EXIT

# tui_start COLS ROWS [ENV=VALUE ...] -- ARGS...: runs "$SAGESCALE ARGS" in a
# new session.  TUI_SIZE=COLSxROWS runs the tests written for 80x24 at
# another size (tests/tui/large.sh: 200x60); other sizes stay as asked.  The wrapper prints EXIT=<status> and TTY=same|changed (stty
# settings before and after) when the program ends, then keeps the pane open.
tui_start() {
    _cols=$1; _rows=$2; shift 2
    if [ -n "${TUI_SIZE:-}" ] && [ "$_cols" = 80 ] && [ "$_rows" = 24 ]; then
        _cols=${TUI_SIZE%x*}; _rows=${TUI_SIZE#*x}
    fi
    _env="TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC HOME=$HOME"
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do _env="$_env $1"; shift; done
    [ "${1:-}" = "--" ] && shift
    TUI_RUNS=$(( ${TUI_RUNS:-0} + 1 ))
    _run=$TEST_TMP/run.$TUI_RUNS.sh
    {
        echo 'before=$(stty -g)'
        printf 'env %s' "$_env"
        printf ' %s' "'$SAGESCALE'"
        for _a in "$@"; do printf " '%s'" "$_a"; done
        printf ' 2>"%s"\n' "$TEST_TMP/tui.stderr"
        echo 'rc=$?'
        echo 'after=$(stty -g)'
        echo 'if [ "$before" = "$after" ]; then t=same; else t=changed; fi'
        echo 'echo "EXIT=$rc TTY=$t"'
        echo 'exec sleep 600'
    } >"$_run"
    tui_stop
    # A new server on the same socket: retry while the old one goes away.
    _i=0
    until tui_tmux new-session -d -x "$_cols" -y "$_rows" "sh $_run" 2>/dev/null; do
        _i=$((_i + 1)); [ $_i -ge 50 ] && return 1; sleep 0.1
    done
    tui_tmux set-option -g remain-on-exit on >/dev/null 2>&1
    return 0
}

# tui_default_size: true when the tests written for 80x24 run at 80x24
# (TUI_SIZE unset); cases about that size alone are skipped otherwise.
tui_default_size() { [ -z "${TUI_SIZE:-}" ] || [ "$TUI_SIZE" = 80x24 ]; }
# at_80x24 DESCRIPTION: a TAP skip of a case about 80x24 at another size;
# returns false then, so that `at_80x24 "..." && see "..." ...` runs it only
# at 80x24.
at_80x24() { tui_default_size && return 0; skip "$1 (a case about 80x24; at $TUI_SIZE)"; return 1; }

# The pid of the sagescale process in the pane (the wrapper's child).
tui_pid() {
    _sh=$(tui_tmux display-message -p '#{pane_pid}')
    pgrep -P "$_sh" -f "$SAGESCALE" | head -1
}

tui_capture() { tui_tmux capture-pane -p >"$TUI_SCREEN"; }
tui_capture_attrs() { tui_tmux capture-pane -p -e >"$TUI_SCREEN"; }
tui_keys() { tui_tmux send-keys "$@"; }
tui_type() { tui_tmux send-keys -l -- "$1"; }	# literal text
tui_resize() { tui_tmux resize-window -x "$1" -y "$2"; }

# Milliseconds since the epoch: waits are measured in ms, because a deadline
# in whole seconds ($(date +%s) + 1) may end a "1 second" wait after 10 ms.
tui_now_ms() {
    _t=$(date +%s%N)
    case $_t in
        *N) echo $(( ${_t%N} * 1000 )) ;;	# no %N: whole seconds
        *) echo $(( _t / 1000000 )) ;;
    esac
}
# tui_deadline SECONDS: the time (ms) a wait of SECONDS ends.
tui_deadline() { echo $(( $(tui_now_ms) + $1 * 1000 )); }

# tui_wait TEXT [SECONDS]: polls the screen until TEXT (fixed string) shows.
tui_wait() {
    _deadline=$(tui_deadline "${2:-$TUI_WAIT}")
    while :; do
        tui_capture
        grep -qF -- "$1" "$TUI_SCREEN" && return 0
        [ "$(tui_now_ms)" -ge "$_deadline" ] && return 1
        sleep 0.05
    done
}

# tui_wait_gone TEXT [SECONDS]: polls until TEXT is no longer on the screen.
tui_wait_gone() {
    _deadline=$(tui_deadline "${2:-$TUI_WAIT}")
    while :; do
        tui_capture
        grep -qF -- "$1" "$TUI_SCREEN" || return 0
        [ "$(tui_now_ms)" -ge "$_deadline" ] && return 1
        sleep 0.05
    done
}

# tui_wait_change FILE [SECONDS]: polls until the screen differs from FILE
# (a screen captured earlier), e.g. after a key that pages.
tui_wait_change() {
    _deadline=$(tui_deadline "${2:-$TUI_WAIT}")
    while :; do
        tui_capture
        cmp -s "$1" "$TUI_SCREEN" || return 0
        [ "$(tui_now_ms)" -ge "$_deadline" ] && return 1
        sleep 0.05
    done
}

# tui_pages OUT KEY TEXT [MAX]: appends the screen to OUT, then presses KEY
# and waits for the screen to change, until TEXT has been seen (or MAX
# pages, or the screen stops changing: the end).  For help and long lists.
tui_pages() {
    _n=0
    tui_capture
    while :; do
        cat "$TUI_SCREEN" >>"$1"
        grep -qF -- "$3" "$1" && return 0
        _n=$((_n + 1)); [ $_n -ge "${4:-20}" ] && return 1
        cp "$TUI_SCREEN" "$TEST_TMP/page.prev"
        tui_keys "$2"
        tui_wait_change "$TEST_TMP/page.prev" 3 || return 1
    done
}

# tui_all_pages OUT [KEY]: appends every page of an open dialog (help, a
# preview) to OUT, pressing KEY (PgDn) until the screen stops changing.
tui_all_pages() { tui_pages "$1" "${2:-NPage}" "@@@ no such text @@@" 60 || true; }

# see DESCRIPTION TEXT [SECONDS]: a TAP case that waits for TEXT.
see() {
    if tui_wait "$2" "${3:-$TUI_WAIT}"; then ok "$1"; else
        fail "$1"; diag "not on screen: $2"; sed 's/^/#   /' "$TUI_SCREEN"; fi
}
# not_see DESCRIPTION TEXT: a TAP case, TEXT is not on the current screen.
not_see() {
    tui_capture
    if grep -qF -- "$2" "$TUI_SCREEN"; then fail "$1"; diag "on screen: $2"
        sed 's/^/#   /' "$TUI_SCREEN"; else ok "$1"; fi
}

# tui_stop: ends the tmux server (and with it whatever still runs in it),
# waiting (bounded) until its socket is gone.
tui_stop() {
    # A sanitizer build reports on stderr: that is a failure (said once).
    if [ -z "${TUI_SAN_REPORTED:-}" ] && [ -f "$TEST_TMP/tui.stderr" ] &&
       grep -qE 'Sanitizer|runtime error:' "$TEST_TMP/tui.stderr"; then
        TUI_SAN_REPORTED=1
        fail "no sanitizer report from the program"
        sed 's/^/#   /' "$TEST_TMP/tui.stderr" | head -40
    fi
    tui_tmux kill-server >/dev/null 2>&1
    _i=0
    while [ -S "$TUI_SOCK" ] && tui_tmux has-session 2>/dev/null && [ $_i -lt 50 ]; do
        sleep 0.1; _i=$((_i + 1))
    done
    return 0
}

# see_re DESCRIPTION REGEX [SECONDS]: like see, with an extended regex
# (anchor a whole line, e.g. the info line: '^ path *$').
see_re() {
    _deadline=$(tui_deadline "${3:-$TUI_WAIT}")
    while :; do
        tui_capture
        if grep -qE -- "$2" "$TUI_SCREEN"; then ok "$1"; return 0; fi
        if [ "$(tui_now_ms)" -ge "$_deadline" ]; then
            fail "$1"; diag "no line matches: $2"; sed 's/^/#   /' "$TUI_SCREEN"; return 1
        fi
        sleep 0.05
    done
}
