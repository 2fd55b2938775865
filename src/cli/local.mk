# src/cli: sources of this area, added to the convenience library
libsagescale_a_SOURCES += src/cli/cmd.c src/cli/cmd.h src/cli/dispatch.c
libsagescale_a_SOURCES += src/cli/options.c src/cli/options.h src/cli/error.c
libsagescale_a_SOURCES += src/cli/session.c src/cli/session.h
libsagescale_a_SOURCES += src/cli/recommend.c
libsagescale_a_SOURCES += src/cli/output.c src/cli/output.h src/cli/eawidth.h \
	src/cli/output-common.c src/cli/output-json.c src/cli/output-text.c src/cli/output-table.c
libsagescale_a_SOURCES += src/cli/output-int.h src/cli/output_yaml.c src/cli/outcfg.c
libsagescale_a_SOURCES += src/cli/paginate.c src/cli/paginate.h
libsagescale_a_SOURCES += src/cli/skeleton.c src/cli/skeleton.h
libsagescale_a_SOURCES += src/cli/complete.c src/cli/complete.h
libsagescale_a_SOURCES += src/cli/jobs.c src/cli/apply.c
libsagescale_a_SOURCES += src/cli/cmd_sim.c
libsagescale_a_SOURCES += src/cli/sweep.c src/cli/cmd_tui.c
libsagescale_a_SOURCES += src/cli/status.c src/cli/target.c src/cli/target.h
libsagescale_a_SOURCES += src/cli/replay.c
libsagescale_a_SOURCES += src/cli/configure.c
libsagescale_a_SOURCES += src/cli/whoami.c
libsagescale_a_SOURCES += src/cli/apply.h src/cli/apply_undo.c src/cli/apply_run.c
