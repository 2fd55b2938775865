# src/replay: the replay model, traffic series and replay sets
libsagescale_a_SOURCES += \
	src/replay/replay.c src/replay/replay.h \
	src/replay/traffic.c src/replay/traffic.h \
	src/replay/replay_set.c src/replay/replay_set.h \
	src/replay/replay_chart.c src/replay/replay_chart.h
