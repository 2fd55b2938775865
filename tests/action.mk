# tests/action.mk: pickers, exports, apply (issue 6)
UNIT_TESTS += tests/unit-export tests/unit-jobs tests/unit-export-tui
tests_unit_jobs_SOURCES = tests/unit-jobs.c tests/testsrv.c tests/testsrv.h
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
