#!/bin/sh
# Replays every fuzz target's seed corpus once (tests/fuzz/corpus/NAME through
# tests/fuzz/fuzz-NAME): one TAP case per target.  With a libFuzzer build this
# is `-runs=0` over the corpus; with the stand-alone driver it is the same
# command line.  A crash, a sanitizer report or a broken invariant fails.
. "$top_srcdir/tests/lib/lib.sh"

found=0
for dir in "$top_srcdir"/tests/fuzz/corpus/*/; do
    name=$(basename "$dir")
    bin=$top_builddir/tests/fuzz/fuzz-$name
    found=1
    if [ ! -x "$bin" ]; then
        fail "fuzz-$name: corpus without a built harness"
        continue
    fi
    n=$(ls "$dir" | wc -l)
    if timeout 120 "$bin" -runs=0 -artifact_prefix="$TEST_TMP/$name-" "$dir" \
            >"$TEST_TMP/$name.out" 2>&1; then
        ok "fuzz-$name replays its $n seeds"
    else
        fail "fuzz-$name replays its $n seeds"
        tail -30 "$TEST_TMP/$name.out" | sed 's/^/#   /'
    fi
done
[ $found -eq 1 ] || fail "no fuzz corpora found"
tap_done
