# tests/whatif.mk: history, sweep, chart, compare (unit), the sweep command
# and the what-if screens (shell, against the simulator).
if HAVE_CMOCKA
check_PROGRAMS += tests/unit-history
TESTS += tests/unit-history
tests_unit_history_SOURCES = tests/unit-history.c
tests_unit_history_CFLAGS = $(unit_cflags)
tests_unit_history_LDADD = $(unit_ldadd)
endif

if HAVE_CMOCKA
check_PROGRAMS += tests/unit-sweep
TESTS += tests/unit-sweep
tests_unit_sweep_SOURCES = tests/unit-sweep.c
tests_unit_sweep_CFLAGS = $(unit_cflags)
tests_unit_sweep_LDADD = $(unit_ldadd)
endif

if HAVE_CMOCKA
check_PROGRAMS += tests/unit-chart
TESTS += tests/unit-chart
tests_unit_chart_SOURCES = tests/unit-chart.c
tests_unit_chart_CFLAGS = $(unit_cflags)
tests_unit_chart_LDADD = $(unit_ldadd)
endif

if HAVE_CMOCKA
check_PROGRAMS += tests/unit-compare
TESTS += tests/unit-compare
tests_unit_compare_SOURCES = tests/unit-compare.c
tests_unit_compare_CFLAGS = $(unit_cflags)
tests_unit_compare_LDADD = $(unit_ldadd)
endif

TESTS += tests/whatif-sweep.sh
EXTRA_DIST += tests/whatif-sweep.sh

TESTS += tests/whatif-tui.sh
EXTRA_DIST += tests/whatif-tui.sh
