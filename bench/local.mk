# bench/: benchmarks (not run by make check)
noinst_PROGRAMS += bench/sign
bench_sign_SOURCES = bench/sign.c
bench_sign_LDADD = $(SAGESCALE_LIBS)
