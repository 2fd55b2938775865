#!/bin/bash
# The Debian package (issue 14 item 7), slow, so not part of `make check`:
# .ci/run runs it (`make check TESTS=tests/cli/package.sh`) after the suite.
# From the distribution's files (make distdir): dpkg-buildpackage -us -uc
# -b builds sagescale_*.deb, lintian finds no error, Depends names exactly
# the packages of the libraries the program links, the package installs
# (dpkg -i on this machine: a fresh root is not available here) with the
# program, manual, completions and German catalogue where dpkg -L says, the
# installed program works against the simulator, in German and through its
# installed bash completion; then it is purged again.
. "$top_srcdir/tests/lib/lib.sh"
for t in dpkg-buildpackage lintian dpkg-deb fakeroot; do
    command -v $t >/dev/null || tap_skip_all "$t is not installed (./bootstrap check installs it)"
done
[ "$(id -u)" -eq 0 ] || tap_skip_all "installing the package needs root"
if dpkg-query -W -f='${Status}' sagescale 2>/dev/null | grep -q "ok installed"; then
    tap_skip_all "a sagescale package is installed already: left alone"
fi
installed=false
cleanup() {
    $installed && dpkg --purge sagescale >/dev/null 2>&1
    lib_cleanup
}
trap cleanup EXIT

# The sources as `make dist` packs them (so debian/ must be in EXTRA_DIST).
d=pkgtest-$$
make -s -C "$top_builddir" distdir distdir=$d >"$TEST_TMP/dist.log" 2>&1 &&
    mv "$top_builddir/$d" "$TEST_TMP/sagescale-src"
check "make distdir: the distributed files, debian/ among them" test -x "$TEST_TMP/sagescale-src/debian/rules"
rm -rf "$top_builddir/$d"
(cd "$TEST_TMP/sagescale-src" && timeout 1200 dpkg-buildpackage -us -uc -b) >"$TEST_TMP/build.log" 2>&1
rc=$?
check "dpkg-buildpackage -us -uc -b succeeds" test $rc -eq 0
[ $rc -eq 0 ] || { tail -20 "$TEST_TMP/build.log" | sed 's/^/#   /'; tap_done; }
deb=$(ls "$TEST_TMP"/sagescale_*_*.deb 2>/dev/null | head -1)
check "... and makes sagescale_*.deb" test -n "$deb"
[ -n "$deb" ] || tap_done

lintian "$TEST_TMP"/sagescale_*.changes >"$TEST_TMP/lintian" 2>&1
grep '^E: ' "$TEST_TMP/lintian" >"$TEST_TMP/lintian.e"
check "lintian: no error" test ! -s "$TEST_TMP/lintian.e"
sed 's/^/#   /' "$TEST_TMP/lintian.e" | head -10
diag "lintian: $(grep -c '^W: ' "$TEST_TMP/lintian") warnings"

# Depends: exactly the packages that hold the libraries the program links.
mkdir -p "$TEST_TMP/x" && dpkg-deb -x "$deb" "$TEST_TMP/x"
need=""
for so in $(objdump -p "$TEST_TMP/x/usr/bin/sagescale" | awk '$1 == "NEEDED" { print $2 }'); do
    path=$(ldconfig -p | awk -v s="$so" '$1 == s { print $NF; exit }')
    real=$(readlink -f "$path")
    pkg=$(dpkg -S "$real" 2>/dev/null | head -1 | cut -d: -f1)
    [ -n "$pkg" ] || pkg=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1)
    need="$need $pkg"
done
need=$(printf '%s\n' $need | sort -u | tr '\n' ' ')
deps=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/(.*)//; s/ //g' | grep -v '^$' | sort -u | tr '\n' ' ')
check "Depends is exactly the linked libraries' packages (shlibs:Depends)" test "$need" = "$deps"
diag "Depends: $deps" "linked:  $need"

dpkg -i "$deb" >"$TEST_TMP/install.log" 2>&1
rc=$?
[ $rc -eq 0 ] && installed=true
check "dpkg -i installs it" test $rc -eq 0
dpkg -L sagescale >"$TEST_TMP/files"
for f in /usr/bin/sagescale /usr/share/man/man1/sagescale.1.gz \
         /usr/share/bash-completion/completions/sagescale \
         /usr/share/zsh/vendor-completions/_sagescale \
         /usr/share/fish/vendor_completions.d/sagescale.fish \
         /usr/share/locale/de/LC_MESSAGES/sagescale.mo /usr/share/sagescale/demo-jobs.json; do
    if grep -qxF "$f" "$TEST_TMP/files" && [ -e "$f" ]; then ok "dpkg -L: $f"; else fail "dpkg -L: $f"; fi
done

SAGESCALE=/usr/bin/sagescale
sim_start --quiet || { fail "the installed program runs the simulator"; tap_done; }
/usr/bin/sagescale jobs --output json >"$TEST_TMP/jobs.json" 2>"$TEST_TMP/err"
check "the installed program lists the simulator's jobs" \
    test "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["InferenceRecommendationsJobs"]))' "$TEST_TMP/jobs.json")" = 6
env -u SAGESCALE_LOCALEDIR LC_ALL=C.UTF-8 LANGUAGE=de /usr/bin/sagescale --help >"$TEST_TMP/de"
contains "... speaks German from its installed catalogue" "$TEST_TMP/de" "Aufruf: sagescale"
man -l /usr/share/man/man1/sagescale.1.gz 2>/dev/null | grep -q "cli-input-yaml" ||
    zcat /usr/share/man/man1/sagescale.1.gz | grep -q "cli\\\\-input\\\\-yaml"
check "... its manual page is the current one" test $? -eq 0
out=$(bash --norc -c '. /usr/share/bash-completion/completions/sagescale
    COMP_WORDS=(sagescale recommend --job ""); COMP_CWORD=3; _sagescale; printf "%s\n" "${COMPREPLY[@]}"' | sort | tr '\n' ' ')
check "... its installed bash completion offers the simulator's job names" \
    test "$out" = "bert-ner-default churn-xgboost-default distilbert-sentiment fraud-lightgbm-default llama-tiny-default resnet50-advanced "
sim_stop "$SIM_PID"

dpkg --purge sagescale >"$TEST_TMP/purge.log" 2>&1
rc=$?
installed=false
check "dpkg --purge removes it" test $rc -eq 0
check "... /usr/bin/sagescale is gone" test ! -e /usr/bin/sagescale
check "... and its completions" test ! -e /usr/share/bash-completion/completions/sagescale
tap_done
