#!/bin/sh
# The German catalogue matches the sources: every msgid xgettext extracts
# from the files of po/POTFILES.in is in po/de.po, translated, not fuzzy,
# with both plural forms, and with format directives that match.
. "$top_srcdir/tests/lib/lib.sh"
. "$top_srcdir/tests/lib/i18n-lib.sh"
i18n_need xgettext msgfmt msgcmp msgattrib

po=$top_srcdir/po/de.po
check "po/LINGUAS lists de" grep -qx 'de' "$top_srcdir/po/LINGUAS"
check "po/de.po exists" test -f "$po"
[ -f "$po" ] || tap_done

if i18n_extract "$TEST_TMP/sagescale.pot"; then
    ok "xgettext extracts the messages of po/POTFILES.in"
else
    fail "xgettext extracts the messages of po/POTFILES.in"; sed 's/^/# /' "$TEST_TMP/xgettext.err"; tap_done
fi
n=$(grep -c '^msgid ' "$TEST_TMP/sagescale.pot")
diag "$((n - 1)) messages in the sources"

# msgcmp counts untranslated and fuzzy entries of de.po as missing.
if msgcmp "$po" "$TEST_TMP/sagescale.pot" >"$TEST_TMP/msgcmp.out" 2>&1; then
    ok "every message of the sources is translated in po/de.po"
else
    fail "every message of the sources is translated in po/de.po"
    msgmerge -q --no-fuzzy-matching --no-wrap -o "$TEST_TMP/merged.po" "$po" "$TEST_TMP/sagescale.pot" 2>/dev/null
    { msgattrib --untranslated --no-wrap "$TEST_TMP/merged.po"; msgattrib --only-fuzzy --no-wrap "$TEST_TMP/merged.po"; } 2>/dev/null |
        grep -v '^msgid ""$' | grep '^msgid ' >"$TEST_TMP/missing"
    diag "$(wc -l <"$TEST_TMP/missing") messages to translate (make update-po, then po/de.po), the first:"
    head -20 "$TEST_TMP/missing" | sed 's/^/#   /'
fi

msgfmt --check --statistics -o /dev/null "$po" >"$TEST_TMP/stat" 2>&1
rc=$?
diag "$(cat "$TEST_TMP/stat")"
check "msgfmt --check accepts po/de.po (formats, header, plurals)" test "$rc" -eq 0
lacks "no fuzzy entries" "$TEST_TMP/stat" "fuzzy"
lacks "no untranslated entries" "$TEST_TMP/stat" "untranslated"

check "Plural-Forms is German's" grep -qF '"Plural-Forms: nplurals=2; plural=(n != 1);\n"' "$po"
check "charset is UTF-8" grep -qF '"Content-Type: text/plain; charset=UTF-8\n"' "$po"

# Every plural entry has both forms filled (msgfmt accepts empty ones).
msgattrib --no-obsolete --no-wrap "$po" 2>/dev/null | awk '
    /^msgid_plural / { p = 1; next }
    /^msgstr\[[0-9]\] ""$/ && p { empty++ }
    /^$/ { p = 0 }
    END { exit empty ? 1 : 0 }' && ok "every plural entry has both forms" ||
    fail "every plural entry has both forms"

# Messages of de.po that the sources no longer have (kept as #~ by msgmerge
# are fine; live ones are stale).
msgcmp "$TEST_TMP/sagescale.pot" "$po" --use-untranslated >/dev/null 2>"$TEST_TMP/stale" ||
    diag "po/de.po has $(grep -c 'this message is' "$TEST_TMP/stale") messages the sources no longer use"
tap_done
