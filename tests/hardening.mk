# tests/hardening.mk: fuzz harnesses, fault matrix and security tests.
#
# Each parser of outside input has a libFuzzer harness tests/fuzz/fuzz-NAME.c
# with a seed corpus in tests/fuzz/corpus/NAME/.  With --enable-fuzzing
# (CC=clang) they are real libFuzzer binaries; otherwise they are linked with
# tests/fuzz/driver.c, a main() that replays files, so that make check replays
# every corpus (tests/fuzz.sh) with any compiler.  `make fuzz` runs each real
# target for FUZZ_RUNS executions, one at a time.

FUZZ_PROGS = tests/fuzz/fuzz-utf8
check_PROGRAMS += $(FUZZ_PROGS)

if ENABLE_FUZZING
fuzz_ldadd = $(SAGESCALE_LIBS)
fuzz_ldflags = $(AM_LDFLAGS) -fsanitize=fuzzer
else
check_LIBRARIES = tests/fuzz/libfuzzdriver.a
tests_fuzz_libfuzzdriver_a_SOURCES = tests/fuzz/driver.c
fuzz_ldadd = tests/fuzz/libfuzzdriver.a $(SAGESCALE_LIBS)
fuzz_ldflags = $(AM_LDFLAGS)
endif
fuzz_cflags = $(AM_CFLAGS) -I$(top_srcdir)/tests/fuzz

tests_fuzz_fuzz_utf8_SOURCES = tests/fuzz/fuzz-utf8.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_utf8_CFLAGS = $(fuzz_cflags)
tests_fuzz_fuzz_utf8_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_utf8_LDADD = $(fuzz_ldadd)

TESTS += tests/fuzz.sh
EXTRA_DIST += tests/fuzz.sh tests/fuzz/corpus tests/fuzz/driver.c

# make fuzz [FUZZ_RUNS=n] [FUZZ=name...]: real fuzzing, one target at a time.
FUZZ_RUNS = 1000000
FUZZ = $(FUZZ_PROGS:tests/fuzz/fuzz-%=%)
fuzz: $(FUZZ_PROGS)
	@set -e; for t in $(FUZZ); do \
	  mkdir -p fuzz-work/$$t; \
	  cp -f $(srcdir)/tests/fuzz/corpus/$$t/* fuzz-work/$$t/ 2>/dev/null || :; \
	  chmod -R u+w fuzz-work/$$t; \
	  echo "fuzz: $$t ($(FUZZ_RUNS) runs)"; \
	  ./tests/fuzz/fuzz-$$t -runs=$(FUZZ_RUNS) -jobs=1 -workers=1 -print_final_stats=1 \
	    -artifact_prefix=fuzz-work/$$t- fuzz-work/$$t 2>&1 | tail -15; \
	done
.PHONY: fuzz
