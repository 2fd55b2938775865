# tests/lib/: what the tests share: the shell libraries (lib.sh for every
# script, tuilib.sh for the screen tests, faultlib.sh, stslib.sh,
# i18n-lib.sh), the TAP wrapper of the unit tests, the loopback peers
# (testsrv.c in C; checksrv, credsrv, faultsrv, hostile, slowloris,
# soakproxy, stspeer in Python; motolib.py starts moto), and small programs
# the shell tests call.
testsrv_sources = tests/lib/testsrv.c tests/lib/testsrv.h
EXTRA_DIST += tests/lib/unit.h tests/lib/testfile.h

EXTRA_DIST += tests/lib/lib.sh tests/lib/tuilib.sh tests/lib/faultlib.sh tests/lib/stslib.sh \
	tests/lib/i18n-lib.sh tests/lib/tap-cmocka.sh tests/lib/lsan.supp tests/lib/credsrvlib.sh
EXTRA_DIST += tests/lib/checksrv.py tests/lib/credsrv.py tests/lib/credpeer.py tests/lib/faultsrv.py \
	tests/lib/hostile.py tests/lib/motolib.py tests/lib/slowloris.py tests/lib/soakproxy.py \
	tests/lib/stspeer.py tests/lib/awscli-batch.py tests/lib/endpoints-botocore.py \
	tests/lib/query-diff.py

# export-tool renders an export from files; yaml-tool formats JSON as the
# YAML printer does; jp-compliance runs the JMESPath compliance suite.
check_PROGRAMS += tests/lib/export-tool tests/lib/yaml-tool tests/lib/jp-compliance
tests_lib_export_tool_LDADD = $(SAGESCALE_LIBS)
tests_lib_yaml_tool_LDADD = $(SAGESCALE_LIBS)
tests_lib_jp_compliance_LDADD = $(SAGESCALE_LIBS)

# Test data: the exports' golden files, a 25-job listing.
EXTRA_DIST += tests/data/golden tests/data/jobs25.json
