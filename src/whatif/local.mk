# src/whatif: what-if runs, their history, compare, the CPU sweep and its chart
libsagescale_a_SOURCES += \
	src/whatif/run.c src/whatif/run.h \
	src/whatif/history.c src/whatif/history.h \
	src/whatif/sweep.c src/whatif/sweep.h \
	src/whatif/sweep_call.c \
	src/whatif/chart.c src/whatif/chart.h \
	src/whatif/compare.c src/whatif/compare.h
# The batch command lives with the other commands but is built from here.
libsagescale_a_SOURCES += src/cli/sweep.c
# The what-if parts of the terminal interface (curses: src/tui/).
libsagescale_a_SOURCES += \
	src/tui/whatif.c src/tui/whatif.h \
	src/tui/history_view.c src/tui/compare_view.c src/tui/sweep_view.c
