# tests/sim/: the simulator (src/sim/, `sagescale sim`) against its peers:
# our client, the AWS CLI, boto3, TLS, faults, STS, slow clients.
sim_tests = tests/sim/sim.sh tests/sim/sim-faults.sh tests/sim/sim-tls.sh \
	tests/sim/sim-awscli.sh tests/sim/sim-boto3.sh tests/sim/sim-sts.sh \
	tests/sim/sim-slowloris.sh
TESTS += $(sim_tests)
EXTRA_DIST += $(sim_tests)
