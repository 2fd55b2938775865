# tests/unit/: cmocka programs, one group each, run through
# tests/lib/tap-cmocka.sh.  A test is `UNIT_TESTS += tests/unit/unit-NAME`;
# its source is tests/unit/unit-NAME.c unless tests_unit_unit_NAME_SOURCES
# lists more (tests/lib/testsrv.c for those that need an HTTP peer).

# util, aws
UNIT_TESTS += tests/unit/unit-fileio tests/unit/unit-isotime
UNIT_TESTS += tests/unit/unit-sigv4 tests/unit/unit-http tests/unit/unit-client tests/unit/unit-config
UNIT_TESTS += tests/unit/unit-endpoint tests/unit/unit-cred tests/unit/unit-sts
UNIT_TESTS += tests/unit/unit-loopback tests/unit/unit-locale tests/unit/unit-i18n
tests_unit_unit_http_SOURCES = tests/unit/unit-http.c $(testsrv_sources)
tests_unit_unit_client_SOURCES = tests/unit/unit-client.c $(testsrv_sources)
tests_unit_unit_loopback_SOURCES = tests/unit/unit-loopback.c $(testsrv_sources)
tests_unit_unit_locale_SOURCES = tests/unit/unit-locale.c $(testsrv_sources)

# sagemaker, export, the recommend command's printers
UNIT_TESTS += tests/unit/unit-scaling tests/unit/unit-output tests/unit/unit-options
UNIT_TESTS += tests/unit/unit-export tests/unit/unit-jobs tests/unit/unit-export-tui
UNIT_TESTS += tests/unit/unit-recvalid
tests_unit_unit_jobs_SOURCES = tests/unit/unit-jobs.c $(testsrv_sources)

# whatif, replay
UNIT_TESTS += tests/unit/unit-history tests/unit/unit-sweep tests/unit/unit-chart tests/unit/unit-compare
UNIT_TESTS += tests/unit/unit-replay tests/unit/unit-traffic tests/unit/unit-metricdata
UNIT_TESTS += tests/unit/unit-replay-chart

# the simulator
UNIT_TESTS += tests/unit/unit-sim-model tests/unit/unit-sim-validate tests/unit/unit-sim-ops
UNIT_TESTS += tests/unit/unit-sim-robust tests/unit/unit-sim-auth tests/unit/unit-sim-stop
UNIT_TESTS += tests/unit/unit-sim-sts

# the terminal interface's curses-free parts
UNIT_TESTS += tests/unit/unit-tree tests/unit/unit-tree-text tests/unit/unit-sanitize
UNIT_TESTS += tests/unit/unit-worker tests/unit/unit-lineedit

