# Helpers for the i18n tests (sourced after tests/lib/lib.sh): the xgettext
# keywords of po/Makevars, the list of sources, and a private locale tree.

# The keywords po/Makevars gives xgettext, so the tests extract what
# `make update-po` extracts.
I18N_XGETTEXT_FLAGS="--keyword=_ --keyword=N_ --keyword=P_:1,2 --from-code=UTF-8 --no-wrap"

i18n_need() {
    for t in "$@"; do
        command -v "$t" >/dev/null 2>&1 || tap_skip_all "$t not installed"
    done
}

# i18n_nls: skip everything when the build has no gettext (configure --disable-nls).
i18n_nls() {
    grep -q '^#define ENABLE_NLS 1' "$top_builddir/config.h" 2>/dev/null ||
        tap_skip_all "built without NLS"
}

# i18n_potfiles: the files po/POTFILES.in lists, one a line, comments dropped.
i18n_potfiles() {
    sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$top_srcdir/po/POTFILES.in"
}

# i18n_extract OUT.pot: what xgettext finds in the files of POTFILES.in.
i18n_extract() {
    (cd "$top_srcdir" && i18n_potfiles >"$TEST_TMP/potfiles.lst" &&
     xgettext $I18N_XGETTEXT_FLAGS -o "$1" -f "$TEST_TMP/potfiles.lst" 2>"$TEST_TMP/xgettext.err")
}

# i18n_locale: compiles every po/*.po of po/LINGUAS into $TEST_TMP/locale and
# points the program at it (an uninstalled build cannot read $(localedir)).
i18n_locale() {
    for l in $(sed 's/#.*//' "$top_srcdir/po/LINGUAS"); do
        mkdir -p "$TEST_TMP/locale/$l/LC_MESSAGES"
        msgfmt -c -o "$TEST_TMP/locale/$l/LC_MESSAGES/sagescale.mo" "$top_srcdir/po/$l.po" || return 1
    done
    SAGESCALE_LOCALEDIR=$TEST_TMP/locale; export SAGESCALE_LOCALEDIR
}

# German, as a user sets it: a UTF-8 locale (C.UTF-8 is built into glibc
# >= 2.35, so no locale needs generating) plus LANGUAGE=de.  glibc ignores
# LANGUAGE when LC_MESSAGES is plain "C", which the C-locale test relies on.
de() { env LC_ALL=C.UTF-8 LANGUAGE=de "$@"; }
en() { env LC_ALL=C.UTF-8 LANGUAGE= "$@"; }
