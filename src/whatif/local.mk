# src/whatif: what-if runs, their history, compare, the CPU sweep and its chart
libsagescale_a_SOURCES += \
	src/whatif/run.c src/whatif/run.h \
	src/whatif/history.c src/whatif/history.h \
	src/whatif/sweep.c src/whatif/sweep.h \
	src/whatif/sweep_call.c \
	src/whatif/chart.c src/whatif/chart.h \
	src/whatif/compare.c src/whatif/compare.h
