# tests/target.mk: the production endpoint, status, apply/verify/undo,
# the metric check, the exports that follow the target (issue 12)
TESTS += tests/target-status.sh
EXTRA_DIST += tests/target-status.sh
TESTS += tests/target-apply.sh
EXTRA_DIST += tests/target-apply.sh
TESTS += tests/target-terraform.sh
EXTRA_DIST += tests/target-terraform.sh
TESTS += tests/target-moto.sh
EXTRA_DIST += tests/target-moto.sh tests/motolib.py
