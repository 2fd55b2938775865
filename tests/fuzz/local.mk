# tests/fuzz/: fuzz harnesses.
#
# Each parser of outside input has a libFuzzer harness tests/fuzz/fuzz-NAME.c
# with a seed corpus in tests/fuzz/corpus/NAME/.  With --enable-fuzzing
# (CC=clang) they are real libFuzzer binaries; otherwise they are linked with
# tests/fuzz/driver.c, a main() that replays files, so that make check replays
# every corpus (tests/fuzz/fuzz.sh) with any compiler.  `make fuzz` runs each real
# target for FUZZ_RUNS executions, one at a time.

# One line per target (its source is tests/fuzz/fuzz-NAME.c), then its link
# flags below: libFuzzer's, or the replay driver.
FUZZ_PROGS = \
	tests/fuzz/fuzz-utf8 \
	tests/fuzz/fuzz-sigv4 \
	tests/fuzz/fuzz-sigv4-authz \
	tests/fuzz/fuzz-ini \
	tests/fuzz/fuzz-credproc \
	tests/fuzz/fuzz-aws-error \
	tests/fuzz/fuzz-scaling \
	tests/fuzz/fuzz-jobs \
	tests/fuzz/fuzz-history \
	tests/fuzz/fuzz-sim-ops \
	tests/fuzz/fuzz-sim-auth \
	tests/fuzz/fuzz-sim-fixtures \
	tests/fuzz/fuzz-output \
	tests/fuzz/fuzz-paging \
	tests/fuzz/fuzz-jmespath \
	tests/fuzz/fuzz-sts \
	tests/fuzz/fuzz-sso \
	tests/fuzz/fuzz-imds \
	tests/fuzz/fuzz-loopback
check_PROGRAMS += $(FUZZ_PROGS)
EXTRA_DIST += tests/fuzz/fuzz.h

if ENABLE_FUZZING
fuzz_ldadd = $(SAGESCALE_LIBS)
fuzz_ldflags = $(AM_LDFLAGS) -fsanitize=fuzzer
else
check_LIBRARIES = tests/fuzz/libfuzzdriver.a
tests_fuzz_libfuzzdriver_a_SOURCES = tests/fuzz/driver.c
fuzz_ldadd = tests/fuzz/libfuzzdriver.a $(SAGESCALE_LIBS)
fuzz_ldflags = $(AM_LDFLAGS)
endif

tests_fuzz_fuzz_utf8_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_utf8_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_sigv4_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_sigv4_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_sigv4_authz_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_sigv4_authz_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_ini_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_ini_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_credproc_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_credproc_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_aws_error_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_aws_error_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_scaling_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_scaling_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_jobs_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_jobs_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_history_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_history_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_sim_ops_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_sim_ops_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_sim_auth_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_sim_auth_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_sim_fixtures_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_sim_fixtures_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_output_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_output_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_paging_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_paging_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_jmespath_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_jmespath_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_sts_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_sts_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_sso_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_sso_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_imds_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_imds_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_loopback_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_loopback_LDADD = $(fuzz_ldadd)

TESTS += tests/fuzz/fuzz.sh
EXTRA_DIST += tests/fuzz/fuzz.sh tests/fuzz/corpus tests/fuzz/driver.c

# make fuzz [FUZZ_RUNS=n] [FUZZ=name...]: real fuzzing (--enable-fuzzing), one
# target at a time on one core; a line per target goes to fuzz-work/summary.
FUZZ_RUNS = 1000000
FUZZ = $(FUZZ_PROGS:tests/fuzz/fuzz-%=%)
fuzz: $(FUZZ_PROGS)
	@mkdir -p fuzz-work; for t in $(FUZZ); do \
	  mkdir -p fuzz-work/$$t; \
	  cp -f $(srcdir)/tests/fuzz/corpus/$$t/* fuzz-work/$$t/ 2>/dev/null; \
	  chmod -R u+w fuzz-work/$$t; \
	  echo "fuzz: $$t ($(FUZZ_RUNS) runs)"; \
	  start=$$(date +%s); \
	  ./tests/fuzz/fuzz-$$t -runs=$(FUZZ_RUNS) -print_final_stats=1 \
	    -artifact_prefix=fuzz-work/$$t- fuzz-work/$$t >fuzz-work/$$t.log 2>&1; \
	  rc=$$?; secs=$$(( $$(date +%s) - start )); \
	  execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' fuzz-work/$$t.log); \
	  cov=$$(grep -o 'cov: [0-9]*' fuzz-work/$$t.log | tail -1); \
	  if [ $$rc -eq 0 ]; then res="no finding"; else res="FINDING (exit $$rc, see fuzz-work/$$t.log)"; fi; \
	  echo "$$t: $${execs:-?} execs in $${secs}s, $$cov, $$res" | tee -a fuzz-work/summary; \
	done
.PHONY: fuzz

