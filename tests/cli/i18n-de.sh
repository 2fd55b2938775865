#!/bin/sh
# German on the command line: --help of the program and of every command,
# and error messages, under LANGUAGE=de with a UTF-8 locale; the service's
# own messages stay as they came; the C locale stays English and ASCII.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/i18n-lib.sh"
i18n_nls
i18n_need msgfmt
locale -a 2>/dev/null | grep -qix 'c\.utf-\{0,1\}8' || tap_skip_all "no C.UTF-8 locale"
i18n_locale || tap_skip_all "po/*.po do not compile"
T=$TEST_TMP

# The commands, from the English --help (plus tui, which it does not list).
en "$SAGESCALE" --help >"$T/en.help"
cmds="$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' "$T/en.help") tui"
check "the English --help lists commands" test "$(echo $cmds | wc -w)" -ge 5

de "$SAGESCALE" --help >"$T/de.help"; rc=$?
check "--help (de) exits 0" test "$rc" -eq 0
contains "--help (de) is German" "$T/de.help" "Aufruf: sagescale [OPTIONEN]"
contains "--help (de) names the exit status in German" "$T/de.help" "Exit-Status: 0 Erfolg"
lacks "--help (de) has no English heading left" "$T/de.help" "Usage:"
lacks "--help (de) has no English command list heading" "$T/de.help" "Commands:"
# Every command's one-line summary is translated.
same=""
for c in $cmds; do
    [ "$c" = tui ] && continue
    e=$(grep "^  $c " "$T/en.help"); d=$(grep "^  $c " "$T/de.help")
    [ -n "$d" ] && [ "$e" != "$d" ] || same="$same $c"
done
check "every command's summary is German in --help" test -z "$same"
[ -z "$same" ] || diag "untranslated:$same"

# display width of the widest line (UTF-8 aware: wc -L in a UTF-8 locale)
width() { LC_ALL=C.UTF-8 wc -L <"$1" | tr -d ' '; }
for c in $cmds; do
    en "$SAGESCALE" "$c" --help >"$T/en.$c" 2>&1; erc=$?
    de "$SAGESCALE" "$c" --help >"$T/de.$c" 2>&1; drc=$?
    check "$c --help (de) exits as in English ($erc)" test "$drc" -eq "$erc"
    check "$c --help exits 0" test "$erc" -eq 0
    contains "$c --help (de) begins with Aufruf:" "$T/de.$c" "Aufruf: sagescale"
    lacks "$c --help (de) has no English Usage:" "$T/de.$c" "Usage:"
    for h in "Input:" "Output:" "Connection:" "Options:" "Exit status:"; do
        if grep -qF "$h" "$T/en.$c"; then lacks "$c --help (de) has no English '$h'" "$T/de.$c" "$h"; fi
    done
    ew=$(width "$T/en.$c"); dw=$(width "$T/de.$c"); lim=$(( ew > 80 ? ew : 80 ))
    check "$c --help (de) lines fit (widest $dw, English $ew)" test "$dw" -le "$lim"
    de "$SAGESCALE" help "$c" >"$T/dh.$c" 2>&1
    check "sagescale help $c (de) = $c --help" cmp -s "$T/de.$c" "$T/dh.$c"
done

# Errors in German, with the same exit codes as in English.
de "$SAGESCALE" frobnicate >"$T/o" 2>"$T/e"; rc=$?
check "unknown command: exit 2" test "$rc" -eq 2
contains "unknown command: German" "$T/e" "unbekannter Befehl „frobnicate“"
de "$SAGESCALE" recommend --frob >"$T/o" 2>"$T/e"; rc=$?
check "unknown option: exit 2" test "$rc" -eq 2
contains "unknown option: German" "$T/e" "unbekannte Option „--frob“"
de "$SAGESCALE" recommend --demo --job j --endpoint-name e --cpu 300 >"$T/o" 2>"$T/e"; rc=$?
check "validation error: exit 2" test "$rc" -eq 2
contains "validation error: German" "$T/e" "muss eine ganze Zahl von 1 bis 100 sein"
de "$SAGESCALE" recommend --demo --endpoint-name e >"$T/o" 2>"$T/e"; rc=$?
check "missing job name: exit 2" test "$rc" -eq 2
contains "missing job name: German" "$T/e" "ist erforderlich"
de "$SAGESCALE" recommend --job j --endpoint-name e --region us-east-1 >"$T/o" 2>"$T/e"; rc=$?
check "no credentials: exit 3" test "$rc" -eq 3
contains "no credentials: German" "$T/e" "Zugangsdaten"
de "$SAGESCALE" sweep --demo --job j --endpoint-name e --cpu 50:10:5 >"$T/o" 2>"$T/e"; rc=$?
check "bad sweep range: exit 2" test "$rc" -eq 2
contains "bad sweep range: German" "$T/e" "VON (50) ist größer als BIS (10)"

# A service error: the message is the service's, untranslated; our hint is German.
if sim_start; then
    de "$SAGESCALE" recommend --job no-such-job --endpoint-name e >"$T/o" 2>"$T/e"; rc=$?
    check "service error: exit 1" test "$rc" -eq 1
    contains "service error: the AWS code as it came" "$T/e" "ResourceNotFound"
    contains "service error: the service's message untranslated" "$T/e" "Could not find"
    contains "service error: our hint in German" "$T/e" "Hinweis: prüfen Sie den Jobnamen"
    contains "service error: request id label in German" "$T/e" "Request-ID:"
    de "$SAGESCALE" recommend --job distilbert-sentiment --endpoint-name e --output text >"$T/o" 2>"$T/e"
    de "$SAGESCALE" jobs --output json >"$T/de.jobs" 2>&1
    en "$SAGESCALE" jobs --output json >"$T/en.jobs" 2>&1
    check "machine output (jobs --output json) is the same in German" cmp -s "$T/de.jobs" "$T/en.jobs"
    sim_stop "$SIM_PID"
else
    for i in 1 2 3 4 5 6; do skip "simulator did not start"; done
fi

# A German locale proper (LANG=de_DE.UTF-8): messages in German, numbers in
# machine output still in the C form (no "0,102" in JSON, text or CSV).
if locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\{0,1\}8'; then
    DELOC=de_DE.UTF-8
elif command -v localedef >/dev/null 2>&1 && [ -f /usr/share/i18n/locales/de_DE ] &&
     mkdir -p "$T/loc" && localedef -i de_DE -f UTF-8 "$T/loc/de_DE.UTF-8" >/dev/null 2>&1; then
    DELOC=de_DE.UTF-8; LOCPATH=$T/loc; export LOCPATH
else
    DELOC=
fi
if [ -n "$DELOC" ] && sim_start; then
    env LC_ALL=$DELOC LANGUAGE= "$SAGESCALE" frobnicate 2>"$T/e"
    contains "LC_ALL=de_DE.UTF-8: messages in German" "$T/e" "unbekannter Befehl"
    for o in json text table; do
        env LC_ALL=$DELOC "$SAGESCALE" job fraud-lightgbm-default --output $o >"$T/de.job" 2>&1
        en "$SAGESCALE" job fraud-lightgbm-default --output $o >"$T/en.job" 2>&1
        check "LC_ALL=de_DE.UTF-8: job --output $o has C numbers (same bytes as C.UTF-8)" cmp -s "$T/de.job" "$T/en.job"
    done
    env LC_ALL=$DELOC "$SAGESCALE" sweep --job fraud-lightgbm-default --recommendation-id fraud-lightgbm-default/6e1f9d24 \
        --cpu 10:30:10 --output csv 2>&1 | cut -d, -f1-8 >"$T/de.csv"
    en "$SAGESCALE" sweep --job fraud-lightgbm-default --recommendation-id fraud-lightgbm-default/6e1f9d24 \
        --cpu 10:30:10 --output csv 2>&1 | cut -d, -f1-8 >"$T/en.csv"
    check "LC_ALL=de_DE.UTF-8: sweep --output csv has C numbers" cmp -s "$T/de.csv" "$T/en.csv"
    sim_stop "$SIM_PID"
    unset LOCPATH
else
    for i in 1 2 3 4 5; do skip "no de_DE.UTF-8 locale and no localedef"; done
fi

# No LANGUAGE: English.  The C locale: English and ASCII only, even with LANGUAGE=de.
en "$SAGESCALE" --help >"$T/o"
contains "C.UTF-8 without LANGUAGE: English" "$T/o" "Usage: sagescale"
nonascii() { LC_ALL=C tr -d '\n\t\040-\176' <"$1" | wc -c | tr -d ' '; }
bad=""
for c in "" $cmds; do
    env LC_ALL=C LANGUAGE=de "$SAGESCALE" $c --help >"$T/c" 2>&1
    grep -q "^Usage: sagescale" "$T/c" || bad="$bad ${c:-main}(not English)"
    [ "$(nonascii "$T/c")" -eq 0 ] || bad="$bad ${c:-main}(non-ASCII)"
done
check "LC_ALL=C LANGUAGE=de: every --help is English and ASCII" test -z "$bad"
[ -z "$bad" ] || diag "$bad"
env LC_ALL=C LANGUAGE=de "$SAGESCALE" frobnicate >"$T/o" 2>"$T/e"
contains "LC_ALL=C: errors in English" "$T/e" "unknown command"
check "LC_ALL=C: errors in ASCII" test "$(nonascii "$T/e")" -eq 0
env LC_ALL=C "$SAGESCALE" recommend --demo --job distilbert-sentiment --endpoint-name e >"$T/o" 2>"$T/e"; rc=$?
check "LC_ALL=C: a request still works (exit $rc)" test "$rc" -le 1
tap_done
