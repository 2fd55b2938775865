# tests/cli.mk: the recommend command, its printers and the scaling module.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit-scaling tests/unit-output tests/unit-options
TESTS += tests/unit-scaling tests/unit-output tests/unit-options
tests_unit_scaling_SOURCES = tests/unit-scaling.c
tests_unit_scaling_CFLAGS = $(unit_cflags)
tests_unit_scaling_LDADD = $(unit_ldadd)
tests_unit_output_SOURCES = tests/unit-output.c
tests_unit_output_CFLAGS = $(unit_cflags)
tests_unit_output_LDADD = $(unit_ldadd)
tests_unit_options_SOURCES = tests/unit-options.c
tests_unit_options_CFLAGS = $(unit_cflags)
tests_unit_options_LDADD = $(unit_ldadd)
endif
TESTS += tests/recommend.sh tests/recommend-sim.sh
EXTRA_DIST += tests/recommend.sh tests/recommend-sim.sh tests/checksrv.py
