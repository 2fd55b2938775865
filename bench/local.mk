# bench/: benchmarks (not run by make check)
noinst_PROGRAMS += bench/sign
bench_sign_SOURCES = bench/sign.c
bench_sign_LDADD = $(SAGESCALE_LIBS)
EXTRA_DIST += bench/run
# make bench: every benchmark once, one table (bench/run).
bench: sagescale $(noinst_PROGRAMS)
	bash $(srcdir)/bench/run $(abs_top_builddir)
.PHONY: bench
EXTRA_DIST += bench/sim-rps.sh
EXTRA_DIST += bench/recommend.sh
EXTRA_DIST += bench/action.sh
EXTRA_DIST += bench/sweep.sh
noinst_PROGRAMS += bench/credres
bench_credres_SOURCES = bench/credres.c
bench_credres_LDADD = $(SAGESCALE_LIBS)
EXTRA_DIST += bench/cred.sh
EXTRA_DIST += bench/complete.sh
# The replay model's cost (bench/replay.sh).
noinst_PROGRAMS += bench/replay
bench_replay_SOURCES = bench/replay.c
bench_replay_LDADD = $(SAGESCALE_LIBS)
EXTRA_DIST += bench/replay.sh
EXTRA_DIST += bench/sweep-ratelimit.sh
noinst_PROGRAMS += bench/jp
bench_jp_SOURCES = bench/jp.c
bench_jp_LDADD = $(SAGESCALE_LIBS)
EXTRA_DIST += bench/query.sh bench/query-peer.py
EXTRA_DIST += bench/tui-whatif.sh bench/tui-start.sh bench/tui-mouse.sh bench/ptytime.py
