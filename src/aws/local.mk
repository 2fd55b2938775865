# src/aws: sources of this area, added to the convenience library
libsagescale_a_SOURCES += src/aws/sigv4.c src/aws/sigv4.h
libsagescale_a_SOURCES += src/aws/http.c src/aws/http.h
libsagescale_a_SOURCES += src/aws/client.c src/aws/client.h
libsagescale_a_SOURCES += src/aws/sts.c src/aws/sts.h
libsagescale_a_SOURCES += src/aws/config.c src/aws/config.h \
	src/aws/ini.c src/aws/ini.h src/aws/credproc.c src/aws/credproc.h
libsagescale_a_SOURCES += src/aws/endpoint.c src/aws/endpoint.h src/aws/retry.c src/aws/retry.h
libsagescale_a_SOURCES += src/aws/loopback.c src/aws/loopback.h
