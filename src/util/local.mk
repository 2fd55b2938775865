# src/util: allocation, strings, text sanitising
libsagescale_a_SOURCES += \
	src/util/xalloc.c src/util/xalloc.h \
	src/util/buf.c src/util/buf.h \
	src/util/fileio.c src/util/fileio.h \
	src/util/isotime.c src/util/isotime.h \
	src/util/ticks.c src/util/ticks.h \
	src/util/sanitize.c src/util/sanitize.h \
	src/util/utf8.c src/util/utf8.h \
	src/util/json.c src/util/json.h \
	src/util/ascii.c src/util/ascii.h \
	src/util/proc.c src/util/proc.h \
	src/util/i18n.h
