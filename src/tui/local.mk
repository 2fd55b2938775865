# src/tui: the terminal interface (all curses code) and its worker thread.
libsagescale_a_SOURCES += \
	src/tui/worker.c src/tui/worker.h \
	src/tui/tree.c src/tui/tree.h \
	src/tui/text.c src/tui/text.h \
	src/tui/lineedit.c src/tui/lineedit.h \
	src/tui/widget-input.c src/tui/widget-input.h \
	src/tui/resptree.c src/tui/resptree.h \
	src/tui/recjob.c src/tui/recjob.h \
	src/tui/identity.c src/tui/identity.h \
	src/tui/dialog-mfa.c src/tui/dialog-mfa.h \
	src/tui/tui.c src/tui/tui.h src/tui/tui-int.h \
	src/tui/term.c src/tui/draw.c src/tui/panes.c src/tui/form.c \
	src/tui/keys.c src/tui/keymap.c src/tui/keymap.h src/tui/dialog-help.c src/tui/bench.c src/tui/bench.h \
	src/tui/widget-tree.c src/tui/widget-tree.h \
	src/tui/views.c src/tui/views.h src/tui/view.h \
	src/tui/view-policies.c src/tui/view-errors.c \
	src/tui/actions.c src/tui/actions.h src/tui/dialog-picker.c \
	src/tui/dialog-export.c src/tui/dialog-apply.c \
	src/tui/dialog-endpoint.c src/tui/targetjob.c src/tui/targetjob.h
# The what-if parts of the terminal interface.
libsagescale_a_SOURCES += \
	src/tui/whatif.c src/tui/whatif.h \
	src/tui/view-history.c src/tui/view-compare.c src/tui/view-sweep.c \
	src/tui/view-replay.c
EXTRA_DIST += src/tui/README
# Benchmarks of the TUI (bench/run runs every bench/tui-*.sh).
EXTRA_DIST += bench/tui-idle.sh bench/tui-bytes.sh bench/tui-keys.sh bench/tui-replay.sh
