#!/bin/bash
# The screen tests written for 80x24, again at 200x60 (issue 13: every
# point at both sizes): each script below runs with TUI_SIZE=200x60 (see
# tests/lib/tuilib.sh) and its cases are reported here, renumbered and
# prefixed with the script's name.  Cases about 80x24 alone skip there
# (at_80x24).  A script that does not finish, or ends without a plan, is a
# failure of its own.
set -u
: "${top_srcdir:?}"
command -v tmux >/dev/null 2>&1 || { echo "1..0 # SKIP tmux not installed"; exit 0; }
SCRIPTS="tui-basic tui-form tui-errors tui-lineedit tui-terminals tui-history tui-mouse
 tui-query whatif-tui replay-tui action-tui cred-tui sts-tui i18n-tui"
n=0 out=$(mktemp "${TMPDIR:-/tmp}/sagescale-large.XXXXXX")
trap 'rm -f "$out"' EXIT
for s in $SCRIPTS; do
    TUI_SIZE=200x60 timeout 600 bash "$top_srcdir/tests/tui/$s.sh" >"$out" 2>/dev/null
    rc=$?
    planned=$(sed -n 's/^1\.\.\([0-9]*\).*/\1/p' "$out" | head -1)
    while IFS= read -r line; do
        case $line in
            "ok "*|"not ok "*)
                n=$((n + 1))
                status=${line%% [0-9]*}
                rest=${line#"$status "}; rest=${rest#*[0-9] }
                echo "$status $n - 200x60 $s: ${rest#- }" ;;
            "#"*) echo "$line" ;;
        esac
    done <"$out"
    seen=$(grep -cE '^(not )?ok ' "$out")
    n=$((n + 1))
    if [ "$rc" -eq 0 ] && [ -n "$planned" ] && [ "$planned" = "$seen" ]; then
        echo "ok $n - 200x60 $s: ran to its end ($seen cases)"
    elif [ -n "$planned" ] && [ "$planned" = 0 ]; then
        echo "ok $n - 200x60 $s: # SKIP $(sed -n 's/^1\.\.0 *# *//p' "$out")"
    else
        echo "not ok $n - 200x60 $s: ran to its end (exit $rc, $seen of ${planned:-?} cases)"
    fi
done
echo "1..$n"
