# tests/action.mk: pickers, exports, apply (issue 6)
if HAVE_CMOCKA
check_PROGRAMS += tests/unit-export
TESTS += tests/unit-export
tests_unit_export_SOURCES = tests/unit-export.c
tests_unit_export_CFLAGS = $(unit_cflags)
tests_unit_export_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit-jobs
TESTS += tests/unit-jobs
tests_unit_jobs_SOURCES = tests/unit-jobs.c tests/testsrv.c tests/testsrv.h
tests_unit_jobs_CFLAGS = $(unit_cflags)
tests_unit_jobs_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit-export-tui
TESTS += tests/unit-export-tui
tests_unit_export_tui_SOURCES = tests/unit-export-tui.c
tests_unit_export_tui_CFLAGS = $(unit_cflags)
tests_unit_export_tui_LDADD = $(unit_ldadd)
endif
EXTRA_DIST += tests/golden

# A helper for the shell tests: renders an export from files.
check_PROGRAMS += tests/export-tool
tests_export_tool_SOURCES = tests/export-tool.c
tests_export_tool_LDADD = $(SAGESCALE_LIBS)
TESTS += tests/action-quote.sh
EXTRA_DIST += tests/action-quote.sh
TESTS += tests/action-jobs.sh
EXTRA_DIST += tests/action-jobs.sh
TESTS += tests/action-apply.sh
EXTRA_DIST += tests/action-apply.sh
TESTS += tests/action-tui.sh
EXTRA_DIST += tests/action-tui.sh
TESTS += tests/action-export.sh
EXTRA_DIST += tests/action-export.sh
