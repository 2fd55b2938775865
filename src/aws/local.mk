# src/aws: sources of this area, added to the convenience library
libsagescale_a_SOURCES += src/aws/sigv4.c src/aws/sigv4.h
libsagescale_a_SOURCES += src/aws/http.c src/aws/http.h
libsagescale_a_SOURCES += src/aws/client.c src/aws/client.h
