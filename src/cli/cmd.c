/* The command table (see cmd.h).  Each command adds one line here. */
#include "config.h"
#include "cli/cmd.h"
#include "util/i18n.h"

#include <string.h>

const struct cmd cmd_table[] = {
	{ "recommend", cmd_recommend, N_("get a scaling configuration recommendation") },
	{ "jobs", cmd_jobs, N_("list Inference Recommender jobs (every page)") },
	{ "job", cmd_job, N_("describe one job: its recommendations and endpoints") },
	{ "apply", cmd_apply, N_("apply a recommendation with Application Auto Scaling") },
	{ "sweep", cmd_sweep, N_("the recommendation for a range of CPU targets, in parallel") },
	{ "sim", cmd_sim, N_("run the local SageMaker simulator (demos, tests, other clients)") },
	{ "tui", cmd_tui, N_("the terminal interface (also: no command at all)") },
	{ NULL, NULL, NULL }
};

const struct cmd *cmd_find(const char *name)
{
	const struct cmd *c;

	for (c = cmd_table; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}
