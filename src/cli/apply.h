/* What apply.c, apply_run.c and apply_undo.c share: the options of `sagescale apply`,
 * running a list of calls with a line per call, and the pieces of undo. */
#ifndef SAGESCALE_CLI_APPLY_H
#define SAGESCALE_CLI_APPLY_H
#include <stdbool.h>
#include "cli/cmd.h"
#include "sagemaker/autoscaling.h"

struct apply_opts {
	const char *variant, *target_endpoint, *policy_name;
	bool dry_run;
	bool undo, undo_list;
	long long prune_keep;        /* --undo-prune KEEP; -1: not given */
	bool only_existing_metrics;  /* drop the policies whose metric has no data */
	bool ignore_missing_metrics; /* apply them anyway */
};

/* Sends plan's calls, one line each on stderr as they succeed.  On a
 * failure reports it and says which calls were made before (none is
 * undone by itself).  Returns 0 or an exit code; *made counts the calls
 * made. */
int apply_run_calls(struct session *s, const struct autoscaling_plan *plan, size_t *made);

/* --undo [ID], --undo-list, --undo-prune KEEP (apply_undo.c). */
int apply_undo(struct cmd_ctx *ctx);
int apply_undo_list(struct cmd_ctx *ctx);
int apply_undo_prune(struct cmd_ctx *ctx);

#endif
