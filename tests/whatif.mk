# tests/whatif.mk: history, sweep, chart, compare (unit), the sweep command
# and the what-if screens (shell, against the simulator).
UNIT_TESTS += tests/unit-history tests/unit-sweep tests/unit-chart tests/unit-compare

TESTS += tests/whatif-sweep.sh
EXTRA_DIST += tests/whatif-sweep.sh

TESTS += tests/whatif-tui.sh
EXTRA_DIST += tests/whatif-tui.sh
