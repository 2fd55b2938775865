# tests/sts.mk: STS (src/aws/sts.c, `sagescale whoami`, the simulator's STS,
# the assume-role and web-identity providers) against moto and the simulator
TESTS += tests/sts-moto.sh tests/sim-sts.sh tests/sts-assume.sh tests/sts-tui.sh
EXTRA_DIST += tests/sts-tui.sh tests/sts-assume.sh tests/sts-moto.sh tests/sim-sts.sh tests/stslib.sh tests/stspeer.py
UNIT_TESTS += tests/unit-sim-sts
