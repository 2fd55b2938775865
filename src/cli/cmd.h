/* The command table: `sagescale COMMAND ...` runs table[i].run with argv[0]
 * set to the command's name.  One file per command, one line per command. */
#ifndef SAGESCALE_CMD_H
#define SAGESCALE_CMD_H

/* Exit codes shared by every batch command (documented in sagescale(1)). */
enum {
	CLI_EXIT_OK = 0,
	CLI_EXIT_SERVICE = 1,	/* the service answered with an error */
	CLI_EXIT_USAGE = 2,	/* bad flag or value; nothing was sent */
	CLI_EXIT_NETWORK = 3,	/* network, TLS or configuration error */
};

struct cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;	/* N_() string, one line */
};

/* NULL-terminated; order is the order of `sagescale --help`. */
extern const struct cmd cmd_table[];
const struct cmd *cmd_find(const char *name);

int cmd_recommend(int argc, char **argv);	/* src/cli/recommend.c */
int cmd_tui(int argc, char **argv);		/* src/cli/cmd_tui.c: no command given */
int cmd_jobs(int argc, char **argv), cmd_job(int argc, char **argv), cmd_apply(int argc, char **argv);	/* src/cli/jobs.c, apply.c */
int cmd_sweep(int argc, char **argv);	/* src/cli/sweep.c */
int cmd_sim(int argc, char **argv);	/* src/cli/cmd_sim.c */
/* Other commands declare themselves here, one line each:
 * int cmd_sim(int, char **);      src/cli/cmd_sim.c
 * int cmd_sweep(int, char **);    helper G
 * int cmd_jobs(int, char **), cmd_job(int, char **), cmd_apply(int, char **);
 * int cmd_tui(int, char **);      the TUI, run when no command is given
 */

#endif
