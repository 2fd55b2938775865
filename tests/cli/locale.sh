#!/bin/sh
# Issue 17 item 5: the protocol paths under locales with unusual case rules
# and formats (tr_TR and az_AZ: dotless i; de_DE: German day and month
# names; lt_LT), generated with localedef into a private directory when
# the system lacks them.  tests/unit/unit-locale (case functions, a Date-signed
# request verified by the simulator, x-amzn-RequestId read back, the
# exported script's flags) runs under each; then the program itself: the
# dry run's commands and an error's request id, byte for byte as in C.
# Before: --resource-Id in exported scripts, the request id lost, and the
# Date-signed request refused under de_DE.
. "$top_srcdir/tests/lib/lib.sh"
cd "$TEST_TMP" || exit 1
UNIT=$top_builddir/tests/unit/unit-locale
[ -x "$UNIT" ] || tap_skip_all "tests/unit/unit-locale not built (no cmocka)"

LOCPATH=$TEST_TMP/locales; export LOCPATH
mkdir -p "$LOCPATH"
# have LOCALE: usable, from the system or made here with localedef.
have() {
    LC_ALL=$1 locale -k LC_CTYPE >/dev/null 2>&1 && [ -z "$(LC_ALL=$1 locale 2>&1 >/dev/null)" ] && return 0
    command -v localedef >/dev/null 2>&1 || return 1
    localedef -i "${1%.UTF-8}" -f UTF-8 "$LOCPATH/$1" >/dev/null 2>&1 || [ -d "$LOCPATH/$1" ]
}

JOB=churn-xgboost-default
REC=churn-xgboost-default/7c3e1a90
IN="--job $JOB --recommendation-id $REC --min-invocations 100 --max-invocations 6000 --target-endpoint churn-prod --target-variant primary"
sim_start --quiet || tap_skip_all "simulator did not start"
LC_ALL=C.UTF-8 "$SAGESCALE" apply $IN --dry-run >dry.C 2>/dev/null
LC_ALL=C.UTF-8 "$SAGESCALE" job no-such-job-1 >/dev/null 2>err.C
grep -qF -- "--resource-id" dry.C || fail "the C locale's dry run has --resource-id"

for loc in tr_TR.UTF-8 az_AZ.UTF-8 de_DE.UTF-8 lt_LT.UTF-8; do
    if ! have "$loc"; then skip "$loc: not available and localedef could not make it"; continue; fi
    if SAGESCALE_TEST_LOCALE=$loc "$UNIT" >"unit.$loc" 2>&1; then
        ok "$loc: protocol paths (tests/unit/unit-locale)"
    else
        fail "$loc: protocol paths (tests/unit/unit-locale)"; sed 's/^/#   /' "unit.$loc" | tail -20
    fi
    # The simulator itself runs under the locale too (Date headers).
    LC_ALL=$loc LANGUAGE= "$SAGESCALE" apply $IN --dry-run >"dry.$loc" 2>/dev/null
    if cmp -s dry.C "dry.$loc"; then ok "$loc: apply --dry-run prints the same commands"
    else fail "$loc: apply --dry-run prints the same commands"; diff dry.C "dry.$loc" | head -5 | sed 's/^/#   /'; fi
    LC_ALL=$loc LANGUAGE=en "$SAGESCALE" job no-such-job-1 >/dev/null 2>"err.$loc"
    rid=$(sed -n 's/^Request ID: \([0-9a-f-]*\)$/\1/p' "err.$loc" | head -1)
    check "$loc: an error keeps its request id (${rid:-none})" test -n "$rid"
done
tap_done
