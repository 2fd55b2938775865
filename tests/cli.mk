# tests/cli.mk: the recommend command, its printers and the scaling module.
UNIT_TESTS += tests/unit-scaling tests/unit-output tests/unit-options
TESTS += tests/recommend.sh tests/recommend-sim.sh
EXTRA_DIST += tests/recommend.sh tests/recommend-sim.sh tests/checksrv.py
TESTS += tests/configure-list.sh
EXTRA_DIST += tests/configure-list.sh
