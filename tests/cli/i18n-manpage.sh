#!/bin/sh
# The manual covers the program: sagescale(1) names every command, every
# flag of every --help, every environment variable the sources read, every
# key of the terminal interface and every exit status; groff finds no error.
. "$top_srcdir/tests/lib/lib.sh"
command -v groff >/dev/null 2>&1 || tap_skip_all "groff not installed"
man=$top_srcdir/data/sagescale.1
[ -f "$man" ] || tap_skip_all "no data/sagescale.1"
T=$TEST_TMP
E() { env LC_ALL=C LANGUAGE= "$@"; }

E groff -man -Tascii -ww -z "$man" 2>"$T/warn"
check "groff -man -ww: no warnings" test ! -s "$T/warn"
[ -s "$T/warn" ] && sed 's/^/# /' "$T/warn" | head -20
E groff -man -Tascii -P-c -P-b -P-u "$man" 2>/dev/null >"$T/man.txt"
check "the page renders" test -s "$T/man.txt"
# section TITLE: the rendered text of one top-level section.
section() { awk -v s="$1" '/^[A-Z]/ { on = ($0 == s) } on' "$T/man.txt"; }

# Commands, from --help (tui is the program without a command).
E "$SAGESCALE" --help >"$T/help"
cmds=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' "$T/help")
section COMMANDS >"$T/commands"
miss=""
for c in $cmds help; do grep -Eq "^ +$c( |$)" "$T/commands" || miss="$miss $c"; done
check "COMMANDS has every command of --help" test -z "$miss"
[ -z "$miss" ] || diag "missing:$miss"

# Flags: every --flag any --help mentions.
for c in "" $cmds tui; do E "$SAGESCALE" $c --help 2>&1; done |
    grep -oE -- '--[a-z][a-z0-9-]*' | sort -u >"$T/flags"
miss=""
for f in $(cat "$T/flags"); do grep -qF -- "$f" "$T/man.txt" || miss="$miss $f"; done
check "every flag of every --help is in the page ($(wc -l <"$T/flags") flags)" test -z "$miss"
[ -z "$miss" ] || diag "missing:$miss"

# Environment: every variable name the sources read.
grep -rhoE '"(AWS_[A-Z0-9_]+|SAGESCALE_[A-Z0-9_]+|NO_COLOR|ESCDELAY|XDG_[A-Z_]+|HTTPS?_PROXY|NO_PROXY|TERM|TMUX|HOME|LANGUAGE|LC_[A-Z]+|LANG)"' \
    "$top_srcdir/src" | tr -d '"' | sort -u >"$T/vars"
section ENVIRONMENT >"$T/env"
miss=""
for v in $(cat "$T/vars") LANGUAGE LC_ALL; do grep -qw -- "$v" "$T/env" || miss="$miss $v"; done
check "ENVIRONMENT has every variable the sources read ($(wc -l <"$T/vars") + locale)" test -z "$miss"
[ -z "$miss" ] || diag "missing:$miss"

# Exit statuses: every number an --help lists after "Exit status:".
for c in "" $cmds; do E "$SAGESCALE" $c --help 2>&1; done |
    sed -n '/Exit status:/,/^$/p' | grep -oE '(^|[ ,:])[0-9]{1,3} ' | tr -dc '0-9\n ' |
    tr ' ' '\n' | sed '/^$/d' | sort -un >"$T/codes"
section "EXIT STATUS" >"$T/exit"
miss=""
for n in $(cat "$T/codes"); do grep -Eq "^ +$n( |$)" "$T/exit" || miss="$miss $n"; done
check "EXIT STATUS has every status of --help ($(tr '\n' ' ' <"$T/codes"))" test -z "$miss"
[ -z "$miss" ] || diag "missing:$miss"

# Keys: the key column of every key table of the interface (N_("key"), N_("what"))
# split into names; function keys, Ctrl- keys and named keys must be in the
# TERMINAL INTERFACE section.
cat "$top_srcdir"/src/tui/*.c | tr '\n' ' ' | grep -oE 'N_\("[^"]+"\), *N_\("' |
    sed 's/^N_("//; s/"), *N_("$//' | tr ' ' '\n' | sed '/^$/d' |
    grep -E '^(F[0-9]+|Ctrl-[A-Za-z]|Shift-Tab|Tab|Enter|Esc|Space|Backspace|Del|Home|End|PgUp|PgDn|Up|Down|Left|Right)$' |
    sort -u >"$T/keys"
section "TERMINAL INTERFACE" >"$T/tui"
miss=""
for k in $(cat "$T/keys"); do grep -qw -- "$k" "$T/tui" || miss="$miss $k"; done
check "TERMINAL INTERFACE names every key ($(wc -l <"$T/keys") keys)" test -z "$miss"
[ -z "$miss" ] || diag "missing:$miss"
# Single-character keys of the view area (q, r, x, @, A, E, C, ...).
cat "$top_srcdir"/src/tui/*.c | tr '\n' ' ' | grep -oE "\{ *'.', *(true|false), *[a-z_]+, *N_\(\"[^\"]+\"\)" |
    sed 's/.*N_("//; s/")$//' | tr ' ' '\n' | grep -E '^[[:graph:]]$' | sort -u >"$T/chars"
miss=""
for k in $(cat "$T/chars"); do
    case $k in [[:alnum:]]) re=$k ;; "^") re='\^' ;; "]") re='[]]' ;; *) re="[$k]" ;; esac
    grep -qE -- "(^|[^[:alnum:]])$re([^[:alnum:]]|\$)" "$T/tui" || miss="$miss $k"
done
check "TERMINAL INTERFACE names every one-character key ($(wc -l <"$T/chars"))" test -z "$miss"
[ -z "$miss" ] || diag "missing:$miss"
tap_done
