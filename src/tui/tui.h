/* The entry point of the terminal interface (cli/cmd_tui.c): its options
 * and tui_run.  Curses-free on purpose: what views and dialogs plug into is
 * in tui/view.h, the screen and the main loop are described there. */
#ifndef SAGESCALE_TUI_H
#define SAGESCALE_TUI_H
#include <stdbool.h>
#include <stdio.h>
#include "sagemaker/scaling.h"

struct aws_client;
struct aws_client_options;
struct sts_conn;
struct aws_credstore;
struct history;

struct tui_options {
	struct scaling_request prefill; /* form contents at start */
	bool run;                       /* submit at once */
	bool ascii;
	bool no_mouse; /* --no-mouse or SAGESCALE_NO_MOUSE: leave the mouse to the terminal */
	bool read_only;
	bool demo;
	const char *bench_keys; /* --bench-keys FILE: replay keys, report timings */
	bool dump_keys;         /* --dump-keys: print the key tables, no terminal */
	const char *region;     /* resolved region, for exported commands (may be NULL) */
	const char *profile;    /* the profile the user chose, pinned in exports (NULL: none) */
	struct aws_credstore *credstore; /* borrowed, may be NULL: the status bar names
					   an SSO session about to end */
	/* The title line's context (borrowed): profile, the endpoint's host
	 * when it is not the regional default (NULL otherwise), and where to
	 * ask STS for the account (NULL: no account shown). */
	const char *title_profile, *endpoint_host;
	const struct sts_conn *sts;
	/* Borrowed: the options the sweep makes its own clients from (NULL:
	 * no sweep), and the what-if run history (NULL: in memory only). */
	const struct aws_client_options *copts;
	struct history *history;
};

/* Runs the interface until the user quits or a signal arrives.  client is
 * handed to the worker thread; *client_busy says it is still in use by a
 * request that ignored cancellation (then leave it to process exit).
 * Returns the exit code (128 + signal when a signal ended it). */
int tui_run(const struct tui_options *o, struct aws_client *client, bool *client_busy);

/* What-if (whatif.c): the run history for tui_options.history (the default
 * file; memory only with --no-history), and the request of its newest run
 * (the form at start), copied into *out (free it): false when it has none. */
struct history *whatif_tui_history_open(bool no_history);
void whatif_tui_history_close(struct history *h);
bool whatif_last_request(struct history *h, struct scaling_request *out);

/* --dump-keys: every key table of the interface as text (keymap.h says
 * the format), for the tests; needs no terminal. */
void tui_dump_keys(FILE *out);

#endif
