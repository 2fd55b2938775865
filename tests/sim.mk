# tests/sim.mk: the simulator (src/sim/, `sagescale sim`)
if HAVE_CMOCKA
check_PROGRAMS += tests/unit-sim-model tests/unit-sim-validate
TESTS += tests/unit-sim-model tests/unit-sim-validate
tests_unit_sim_model_SOURCES = tests/unit-sim-model.c
tests_unit_sim_model_CFLAGS = $(unit_cflags)
tests_unit_sim_model_LDADD = $(unit_ldadd)
tests_unit_sim_validate_SOURCES = tests/unit-sim-validate.c
tests_unit_sim_validate_CFLAGS = $(unit_cflags)
tests_unit_sim_validate_LDADD = $(unit_ldadd)
endif
if HAVE_CMOCKA
check_PROGRAMS += tests/unit-sim-ops
TESTS += tests/unit-sim-ops
tests_unit_sim_ops_SOURCES = tests/unit-sim-ops.c
tests_unit_sim_ops_CFLAGS = $(unit_cflags)
tests_unit_sim_ops_LDADD = $(unit_ldadd)
endif
TESTS += tests/sim.sh
EXTRA_DIST += tests/sim.sh
TESTS += tests/sim-faults.sh
EXTRA_DIST += tests/sim-faults.sh
TESTS += tests/sim-tls.sh
EXTRA_DIST += tests/sim-tls.sh
TESTS += tests/sim-awscli.sh
EXTRA_DIST += tests/sim-awscli.sh
if HAVE_CMOCKA
check_PROGRAMS += tests/unit-sim-robust
TESTS += tests/unit-sim-robust
tests_unit_sim_robust_SOURCES = tests/unit-sim-robust.c
tests_unit_sim_robust_CFLAGS = $(unit_cflags)
tests_unit_sim_robust_LDADD = $(unit_ldadd)
endif
if HAVE_CMOCKA
check_PROGRAMS += tests/unit-sim-auth
TESTS += tests/unit-sim-auth
tests_unit_sim_auth_SOURCES = tests/unit-sim-auth.c
tests_unit_sim_auth_CFLAGS = $(unit_cflags)
tests_unit_sim_auth_LDADD = $(unit_ldadd)
endif
TESTS += tests/sim-boto3.sh
EXTRA_DIST += tests/sim-boto3.sh
if HAVE_CMOCKA
check_PROGRAMS += tests/unit-sim-stop
TESTS += tests/unit-sim-stop
tests_unit_sim_stop_SOURCES = tests/unit-sim-stop.c
tests_unit_sim_stop_CFLAGS = $(unit_cflags)
tests_unit_sim_stop_LDADD = $(unit_ldadd)
endif
