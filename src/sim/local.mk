# src/sim: sources of this area, added to the convenience library
libsagescale_a_SOURCES += \
	src/sim/sim.h src/sim/server.c \
	src/sim/guard.c src/sim/guard.h \
	src/sim/auth.c src/sim/auth.h \
	src/sim/reply.c src/sim/reply.h \
	src/sim/validate.c src/sim/validate.h \
	src/sim/model.c src/sim/model.h \
	src/sim/fixtures.c src/sim/fixtures.h \
	src/sim/token.c src/sim/token.h \
	src/sim/ops.h src/sim/router.c src/sim/ops-sagemaker.c src/sim/ops-aas.c \
	src/sim/ops-endpoints.c \
	src/sim/sts.h src/sim/ops-sts.c
# CloudWatch GetMetricData (the replay's traffic).
libsagescale_a_SOURCES += src/sim/ops-metricdata.c

# The demo jobs are compiled in, so that --demo works from anywhere.
nodist_libsagescale_a_SOURCES = src/sim/demo-data.c
src/sim/demo-data.c: $(top_srcdir)/data/demo-jobs.json $(top_srcdir)/src/sim/embed.awk
	$(AM_V_GEN)$(MKDIR_P) src/sim && \
	$(AWK) -v name=sim_demo_jobs_json -f $(top_srcdir)/src/sim/embed.awk \
		$(top_srcdir)/data/demo-jobs.json > $@-t && mv $@-t $@
CLEANFILES += src/sim/demo-data.c
EXTRA_DIST += src/sim/embed.awk
