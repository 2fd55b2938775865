# tests/tui/: screen tests.  Each drives the program in a private tmux at a
# fixed size, TERM, HOME, TZ and locale (tests/lib/tuilib.sh), sends keys
# and mouse events as a terminal sends them and reads the screen back; they
# skip without tmux.
tui_tests = tests/tui/tui-basic.sh tests/tui/tui-form.sh tests/tui/tui-errors.sh \
	tests/tui/tui-term.sh tests/tui/tui-qa.sh tests/tui/tui-lineedit.sh \
	tests/tui/tui-terminals.sh tests/tui/tui-history.sh tests/tui/tui-mouse.sh \
	tests/tui/tui-query.sh tests/tui/whatif-tui.sh tests/tui/replay-tui.sh \
	tests/tui/action-tui.sh tests/tui/cred-tui.sh tests/tui/sts-tui.sh \
	tests/tui/fault-tui.sh tests/tui/security-tui.sh tests/tui/i18n-tui.sh \
	tests/tui/signals.sh tests/tui/history-full.sh tests/tui/smaller.sh tests/tui/large.sh \
	tests/tui/tui-flow.sh tests/tui/tui-pickers.sh
TESTS += $(tui_tests)
EXTRA_DIST += $(tui_tests)
