#!/bin/sh
# po/POTFILES.in lists every source file with translatable strings (what
# xgettext finds with the keywords of po/Makevars), and only files that exist.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/i18n-lib.sh"
i18n_need xgettext

cd "$top_srcdir" || exit 1
find src -name '*.[ch]' | LC_ALL=C sort >"$TEST_TMP/all.lst"
xgettext $I18N_XGETTEXT_FLAGS -o "$TEST_TMP/all.pot" -f "$TEST_TMP/all.lst" 2>"$TEST_TMP/err" ||
    { fail "xgettext runs over src/"; sed 's/^/# /' "$TEST_TMP/err"; tap_done; }
# Files that hold at least one message, from the "#: file:line" references.
sed -n 's/^#: //p' "$TEST_TMP/all.pot" | tr ' ' '\n' | sed 's/:[0-9]*$//' |
    LC_ALL=C sort -u >"$TEST_TMP/with-strings.lst"
i18n_potfiles | LC_ALL=C sort -u >"$TEST_TMP/listed.lst"

check "xgettext finds messages under src/" test -s "$TEST_TMP/with-strings.lst"
missing=$(LC_ALL=C comm -23 "$TEST_TMP/with-strings.lst" "$TEST_TMP/listed.lst")
if [ -z "$missing" ]; then
    ok "every file with _() / N_() / P_() strings is in po/POTFILES.in"
else
    fail "every file with _() / N_() / P_() strings is in po/POTFILES.in"
    diag "add to po/POTFILES.in:" $missing
fi
gone=""
for f in $(cat "$TEST_TMP/listed.lst"); do [ -f "$f" ] || gone="$gone $f"; done
if [ -z "$gone" ]; then
    ok "every file po/POTFILES.in lists exists"
else
    fail "every file po/POTFILES.in lists exists"; diag "remove from po/POTFILES.in:" $gone
fi
dups=$(i18n_potfiles | LC_ALL=C sort | uniq -d)
check "po/POTFILES.in lists no file twice" test -z "$dups"
# A listed file without strings is harmless; say so, don't fail.
idle=$(LC_ALL=C comm -13 "$TEST_TMP/with-strings.lst" "$TEST_TMP/listed.lst")
[ -z "$idle" ] || diag "listed without translatable strings:" $idle
# Strings that gettext cannot carry well.
if grep -q 'warning:' "$TEST_TMP/err"; then
    diag "xgettext warnings:"; sed 's/^/#   /' "$TEST_TMP/err"
fi
tap_done
