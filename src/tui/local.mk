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
	src/tui/mfa_dialog.c src/tui/mfa_dialog.h \
	src/tui/tui.c src/tui/tui.h src/tui/tui-int.h \
	src/tui/term.c src/tui/draw.c src/tui/panes.c src/tui/form.c \
	src/tui/keys.c src/tui/help.c src/tui/bench.c src/tui/bench.h \
	src/tui/treeview.c src/tui/treeview.h \
	src/tui/views.c src/tui/views.h \
	src/tui/view_policies.c src/tui/view_errors.c \
	src/tui/actions.c src/tui/actions.h src/tui/picker.c \
	src/tui/export_view.c src/tui/apply_view.c \
	src/tui/endpoint_view.c src/tui/targetjob.c src/tui/targetjob.h
# The what-if parts of the terminal interface.
libsagescale_a_SOURCES += \
	src/tui/whatif.c src/tui/whatif.h \
	src/tui/history_view.c src/tui/compare_view.c src/tui/sweep_view.c \
	src/tui/replay_view.c
EXTRA_DIST += src/tui/README
# Benchmarks of the TUI (bench/run runs every bench/tui-*.sh).
EXTRA_DIST += bench/tui-idle.sh bench/tui-bytes.sh bench/tui-keys.sh bench/tui-replay.sh
