# tests/tui.mk: the terminal interface.  Unit tests need no terminal; the
# screen tests (tui-*.sh) drive it in a private tmux and skip without tmux.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit-tree tests/unit-tree-text tests/unit-sanitize tests/unit-worker
TESTS += tests/unit-tree tests/unit-tree-text tests/unit-sanitize tests/unit-worker
tests_unit_tree_SOURCES = tests/unit-tree.c
tests_unit_tree_CFLAGS = $(unit_cflags)
tests_unit_tree_LDADD = $(unit_ldadd)
tests_unit_tree_text_SOURCES = tests/unit-tree-text.c
tests_unit_tree_text_CFLAGS = $(unit_cflags)
tests_unit_tree_text_LDADD = $(unit_ldadd)
tests_unit_sanitize_SOURCES = tests/unit-sanitize.c
tests_unit_sanitize_CFLAGS = $(unit_cflags)
tests_unit_sanitize_LDADD = $(unit_ldadd)
tests_unit_worker_SOURCES = tests/unit-worker.c
tests_unit_worker_CFLAGS = $(unit_cflags)
tests_unit_worker_LDADD = $(unit_ldadd)
endif
EXTRA_DIST += tests/tuilib.sh
TESTS += tests/tui-basic.sh
EXTRA_DIST += tests/tui-basic.sh
TESTS += tests/tui-form.sh
EXTRA_DIST += tests/tui-form.sh
TESTS += tests/tui-errors.sh
EXTRA_DIST += tests/tui-errors.sh
TESTS += tests/tui-term.sh
EXTRA_DIST += tests/tui-term.sh
