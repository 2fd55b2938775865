# tests/aws.mk
UNIT_TESTS += tests/unit-sigv4 tests/unit-http tests/unit-client tests/unit-config
UNIT_TESTS += tests/unit-endpoint tests/unit-cred
tests_unit_http_SOURCES = tests/unit-http.c tests/testsrv.c tests/testsrv.h
tests_unit_client_SOURCES = tests/unit-client.c tests/testsrv.c tests/testsrv.h
TESTS += tests/endpoints-botocore.sh
EXTRA_DIST += tests/endpoints-botocore.sh tests/endpoints-botocore.py
TESTS += tests/retry-modes.sh
EXTRA_DIST += tests/retry-modes.sh
UNIT_TESTS += tests/unit-sts
# credential providers against tests/credsrv.py (container, metadata, SSO)
TESTS += tests/cred-http.sh tests/cred-sso.sh tests/cred-tui.sh
EXTRA_DIST += tests/cred-http.sh tests/cred-sso.sh tests/cred-tui.sh tests/credsrv.py
