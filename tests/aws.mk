# tests/aws.mk
if HAVE_CMOCKA
check_PROGRAMS += tests/unit-sigv4
TESTS += tests/unit-sigv4
tests_unit_sigv4_SOURCES = tests/unit-sigv4.c
tests_unit_sigv4_CFLAGS = $(unit_cflags)
tests_unit_sigv4_LDADD = $(unit_ldadd)
endif

if HAVE_CMOCKA
check_PROGRAMS += tests/unit-http
TESTS += tests/unit-http
tests_unit_http_SOURCES = tests/unit-http.c tests/testsrv.c tests/testsrv.h
tests_unit_http_CFLAGS = $(unit_cflags)
tests_unit_http_LDADD = $(unit_ldadd)
endif

if HAVE_CMOCKA
check_PROGRAMS += tests/unit-client
TESTS += tests/unit-client
tests_unit_client_SOURCES = tests/unit-client.c tests/testsrv.c tests/testsrv.h
tests_unit_client_CFLAGS = $(unit_cflags)
tests_unit_client_LDADD = $(unit_ldadd)
endif
if HAVE_CMOCKA
check_PROGRAMS += tests/unit-config
TESTS += tests/unit-config
tests_unit_config_SOURCES = tests/unit-config.c
tests_unit_config_CFLAGS = $(unit_cflags)
tests_unit_config_LDADD = $(unit_ldadd)
endif
