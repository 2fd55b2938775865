# tests/sim.mk: the simulator (src/sim/, `sagescale sim`)
UNIT_TESTS += tests/unit-sim-model tests/unit-sim-validate
UNIT_TESTS += tests/unit-sim-ops
TESTS += tests/sim.sh
EXTRA_DIST += tests/sim.sh
TESTS += tests/sim-faults.sh
EXTRA_DIST += tests/sim-faults.sh
TESTS += tests/sim-tls.sh
EXTRA_DIST += tests/sim-tls.sh
TESTS += tests/sim-awscli.sh
EXTRA_DIST += tests/sim-awscli.sh
UNIT_TESTS += tests/unit-sim-robust
UNIT_TESTS += tests/unit-sim-auth
TESTS += tests/sim-boto3.sh
EXTRA_DIST += tests/sim-boto3.sh
UNIT_TESTS += tests/unit-sim-stop
