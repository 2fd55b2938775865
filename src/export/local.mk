# src/export: a recommendation as files, commands and clipboard text
libsagescale_a_SOURCES += \
	src/export/export.c src/export/export.h \
	src/export/shell.c src/export/shell.h \
	src/export/osc52.c src/export/osc52.h \
	src/export/file.c src/export/file.h \
	src/export/terraform.c src/export/terraform.h
