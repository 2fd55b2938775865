# tests/: every test speaks TAP, so make check counts each case.
# Unit tests are cmocka programs (one group each), run through tap-cmocka.sh;
# integration and screen tests are shell scripts using tests/lib.sh.
TEST_EXTENSIONS = .sh
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/tap-cmocka.sh
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

EXTRA_DIST += tests/lib.sh tests/tap-cmocka.sh tests/unit.h

# Unit tests: cmocka programs (built and run only with cmocka).  An area's
# fragment adds one with `UNIT_TESTS += tests/unit-foo`; its source is
# tests/unit-foo.c unless tests_unit_foo_SOURCES lists more.  They link the
# convenience library and cmocka through automake's defaults below, which
# apply to every program that sets no flags of its own.
UNIT_TESTS =
unit_ldadd = $(SAGESCALE_LIBS) $(CMOCKA_LIBS)
unit_cflags = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
LDADD = $(unit_ldadd)
AM_CPPFLAGS += $(CMOCKA_CFLAGS)

include $(srcdir)/tests/util.mk
include $(srcdir)/tests/aws.mk
include $(srcdir)/tests/sagemaker.mk
include $(srcdir)/tests/sim.mk
include $(srcdir)/tests/cli.mk
include $(srcdir)/tests/tui.mk
include $(srcdir)/tests/whatif.mk
include $(srcdir)/tests/replay.mk
include $(srcdir)/tests/action.mk
include $(srcdir)/tests/target.mk
include $(srcdir)/tests/i18n.mk
include $(srcdir)/tests/hardening.mk
include $(srcdir)/tests/script.mk
include $(srcdir)/tests/jmespath.mk
include $(srcdir)/tests/sts.mk

if HAVE_CMOCKA
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
endif
