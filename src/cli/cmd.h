/* Commands as data, in the manner of tmux's cmd_entry: each command is one
 * entry of cmd_table (src/cli/cmd.c) saying which shared flag groups it
 * takes, its own options, how many arguments, its help and its logic.  The
 * dispatcher (src/cli/dispatch.c) parses, prints help, checks the argument
 * count, opens and closes the session and maps failures to exit codes, so
 * that each command's file holds only what the command does. */
#ifndef SAGESCALE_CMD_H
#define SAGESCALE_CMD_H
#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli/options.h"
#include "cli/session.h"

/* Exit codes shared by every batch command (documented in sagescale(1)). */
enum {
	CLI_EXIT_OK = 0,
	CLI_EXIT_SERVICE = 1, /* the service answered with an error */
	CLI_EXIT_USAGE = 2,   /* bad flag or value; nothing was sent */
	CLI_EXIT_NETWORK = 3, /* network, TLS or configuration error */
};

/* What a command's callbacks see.  Owned by the dispatcher. */
struct cmd_ctx {
	const struct cmd *cmd;
	struct cli_args a; /* the parsed command line */
	struct session s;  /* open during run() when the entry has CMD_SESSION */
	void *opts;        /* the command's own options: opts_size bytes, zeroed */
	bool keep_session; /* run() sets it when a thread still uses the session */
};

enum {
	CMD_SESSION = 1 << 0, /* open the session (configuration, client) before run() */
	CMD_REQUEST = 1 << 1, /* the whole-request rules (cli_check_request) before the session */
};

struct cmd {
	const char *name;
	const char *summary; /* N_() string, one line, for sagescale --help */
	/* A command that parses its own arguments (the simulator): main()
	 * instead of everything below. */
	int (*main)(int argc, char **argv);

	unsigned groups;        /* CLI_GROUP_* it accepts */
	unsigned flags;         /* CMD_* */
	int args_min, args_max; /* positional arguments (max -1: any number) */
	/* Translated (N_()) messages for too few / too many arguments; NULL:
	 * "unexpected argument "x" (see sagescale NAME --help)". */
	const char *args_missing, *args_extra;
	void (*usage)(FILE *out); /* --help */

	/* The command's own options (val >= CLI_OPT_USER), handled into opts. */
	const struct option *longopts;
	int (*handle)(int val, const char *flag, const char *arg, void *opts, char **err);
	size_t opts_size;
	void (*opts_init)(void *opts); /* defaults, before parsing (may be NULL) */
	/* Takes arguments out of argv before the shared parser sees them (may
	 * be NULL): returns a new argv (freed by the dispatcher), *nargc. */
	char **(*prepare)(int argc, char **argv, int *nargc, void *opts);
	/* Checks after parsing, before the session (may be NULL): an exit
	 * code, after printing one line. */
	int (*check)(struct cmd_ctx *ctx);
	int (*run)(struct cmd_ctx *ctx);
};

/* NULL-terminated; order is the order of `sagescale --help`. */
extern const struct cmd *const *cmd_table;
const struct cmd *cmd_find(const char *name);
/* Runs one command with argv[0] its name: the whole life of a command. */
int cmd_dispatch(const struct cmd *c, int argc, char **argv);

/* The entries, one per command file. */
extern const struct cmd cmd_recommend_entry;           /* src/cli/recommend.c */
extern const struct cmd cmd_jobs_entry, cmd_job_entry; /* src/cli/jobs.c */
extern const struct cmd cmd_apply_entry;               /* src/cli/apply.c */
extern const struct cmd cmd_status_entry;              /* src/cli/status.c */
extern const struct cmd cmd_sweep_entry;               /* src/cli/sweep.c */
extern const struct cmd cmd_replay_entry;              /* src/cli/replay.c */
extern const struct cmd cmd_configure_entry;           /* src/cli/configure.c */
extern const struct cmd cmd_whoami_entry;              /* src/cli/whoami.c */
extern const struct cmd cmd_sim_entry;                 /* src/cli/cmd_sim.c */
extern const struct cmd cmd_tui_entry;                 /* src/cli/cmd_tui.c: no command given */

#endif
