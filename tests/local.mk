# tests/: every test speaks TAP, so make check counts each case.
# Unit tests are cmocka programs (one group each), run through tap-cmocka.sh;
# integration and screen tests are shell scripts using tests/lib/lib.sh.
TEST_EXTENSIONS = .sh
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/lib/tap-cmocka.sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; export top_srcdir; \
	top_builddir='$(abs_top_builddir)'; export top_builddir; \
	SAGESCALE='$(abs_top_builddir)/sagescale'; export SAGESCALE; \
	SAGESCALE_DATA='$(abs_top_srcdir)/data'; export SAGESCALE_DATA; \
	: $${SIGV4_SUITE_DIR:='$(abs_top_srcdir)/../shared/sigv4-suite'}; export SIGV4_SUITE_DIR; \
	LC_ALL=C.UTF-8; export LC_ALL; TZ=UTC; export TZ; \
	AWS_EC2_METADATA_DISABLED=true; export AWS_EC2_METADATA_DISABLED;
# (No test may probe the instance metadata service, which is not on
# loopback: the tests of that provider point it at their own server.)

# Unit tests: cmocka programs (built and run only with cmocka), listed in
# tests/unit/local.mk.  They link the convenience library and cmocka
# through automake's defaults below, which
# apply to every program that sets no flags of its own.
UNIT_TESTS =
unit_ldadd = $(SAGESCALE_LIBS) $(CMOCKA_LIBS)
unit_cflags = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
LDADD = $(unit_ldadd)
AM_CPPFLAGS += $(CMOCKA_CFLAGS)

# Set before the fragments, which add to it.
AM_TESTS_ENVIRONMENT += \
	: $${JMESPATH_COMPLIANCE_DIR:='$(abs_top_srcdir)/../shared/jmespath-compliance'}; \
	export JMESPATH_COMPLIANCE_DIR;

# One fragment per kind of test: tests/KIND/local.mk lists its own.
include $(srcdir)/tests/lib/local.mk
include $(srcdir)/tests/unit/local.mk
include $(srcdir)/tests/cli/local.mk
include $(srcdir)/tests/tui/local.mk
include $(srcdir)/tests/sim/local.mk
include $(srcdir)/tests/fuzz/local.mk

if HAVE_CMOCKA
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
endif

# Sanitizer builds: leaks inside libraries that no API can free (see the file).
AM_TESTS_ENVIRONMENT += LSAN_OPTIONS='suppressions=$(abs_top_srcdir)/tests/lib/lsan.supp:print_suppressions=0'; \
	export LSAN_OPTIONS;
EXTRA_DIST += tests/lib/lsan.supp

# make check-tsan (in a --enable-tsan build): the tests where threads meet:
# the worker queue, the sweep pool, the TUI's requests (cancel, supersede,
# faults), the simulator's server threads, the HTTP client.
TSAN_TESTS = tests/unit/unit-worker tests/unit/unit-sweep tests/cli/whatif-sweep.sh \
	tests/tui/tui-errors.sh tests/tui/whatif-tui.sh tests/tui/fault-tui.sh tests/sim/sim.sh \
	tests/cli/recommend-sim.sh tests/unit/unit-http tests/unit/unit-client
check-tsan:
	$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(TSAN_TESTS)'
.PHONY: check-tsan

