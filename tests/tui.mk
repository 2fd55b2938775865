# tests/tui.mk: the terminal interface.  Unit tests need no terminal; the
# screen tests (tui-*.sh) drive it in a private tmux and skip without tmux.
UNIT_TESTS += tests/unit-tree tests/unit-tree-text tests/unit-sanitize tests/unit-worker
UNIT_TESTS += tests/unit-lineedit
EXTRA_DIST += tests/tuilib.sh
TESTS += tests/tui-basic.sh
EXTRA_DIST += tests/tui-basic.sh
TESTS += tests/tui-form.sh
EXTRA_DIST += tests/tui-form.sh
TESTS += tests/tui-errors.sh
EXTRA_DIST += tests/tui-errors.sh
TESTS += tests/tui-term.sh
EXTRA_DIST += tests/tui-term.sh
TESTS += tests/tui-qa.sh
EXTRA_DIST += tests/tui-qa.sh
TESTS += tests/tui-lineedit.sh
EXTRA_DIST += tests/tui-lineedit.sh
TESTS += tests/tui-terminals.sh
EXTRA_DIST += tests/tui-terminals.sh
TESTS += tests/tui-history.sh
EXTRA_DIST += tests/tui-history.sh
TESTS += tests/tui-mouse.sh
EXTRA_DIST += tests/tui-mouse.sh
