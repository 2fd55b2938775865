# src/jmespath: the JMESPath expression language (for --query and the TUI's :)
libsagescale_a_SOURCES += \
	src/jmespath/jmespath.h src/jmespath/jp-int.h \
	src/jmespath/parse.c src/jmespath/eval.c src/jmespath/func.c \
	src/jmespath/value.c src/jmespath/error.c
