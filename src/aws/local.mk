# src/aws: sources of this area, added to the convenience library
libsagescale_a_SOURCES += src/aws/sigv4.c src/aws/sigv4.h
libsagescale_a_SOURCES += src/aws/http.c src/aws/http.h
libsagescale_a_SOURCES += src/aws/client.c src/aws/client.h src/aws/result.c
libsagescale_a_SOURCES += src/aws/sts.c src/aws/sts.h
libsagescale_a_SOURCES += src/aws/config.c src/aws/config.h \
	src/aws/ini.c src/aws/ini.h src/aws/credproc.c src/aws/credproc.h
libsagescale_a_SOURCES += src/aws/endpoint.c src/aws/endpoint.h src/aws/retry.c src/aws/retry.h
libsagescale_a_SOURCES += src/aws/loopback.c src/aws/loopback.h
# credentials: the chain and the store, then one file per provider
libsagescale_a_SOURCES += src/aws/cred.c src/aws/cred.h src/aws/cred-util.c \
	src/aws/credstore.c src/aws/credstore.h
libsagescale_a_SOURCES += src/aws/cred-files.c src/aws/cred-files.h
libsagescale_a_SOURCES += src/aws/cred-env.c
libsagescale_a_SOURCES += src/aws/cred-shared.c
libsagescale_a_SOURCES += src/aws/cred-login.c
libsagescale_a_SOURCES += src/aws/cred-process.c
libsagescale_a_SOURCES += src/aws/cred-config.c
libsagescale_a_SOURCES += src/aws/cred-http.c src/aws/cred-http.h
libsagescale_a_SOURCES += src/aws/cred-container.c
libsagescale_a_SOURCES += src/aws/cred-imds.c
libsagescale_a_SOURCES += src/aws/cred-sso.c src/aws/cred-sso.h
# assume-role and web identity over STS, with the AWS CLI's session cache
libsagescale_a_SOURCES += src/aws/cred-assume.c src/aws/cred-webid.c \
	src/aws/cred-sts.c src/aws/cred-sts.h src/aws/clicache.c src/aws/clicache.h \
	src/aws/mfa.c src/aws/mfa.h
