/* The command table (see cmd.h): one line per command, each entry in its
 * command's own file. */
#include "config.h"
#include "cli/cmd.h"

#include <string.h>

static const struct cmd *const table[] = {
	&cmd_recommend_entry, &cmd_jobs_entry,  &cmd_job_entry,    &cmd_apply_entry,
	&cmd_status_entry,    &cmd_sweep_entry, &cmd_replay_entry, &cmd_configure_entry,
	&cmd_whoami_entry,    &cmd_sim_entry,   &cmd_tui_entry,    NULL
};

const struct cmd *const *cmd_table = table;

const struct cmd *cmd_find(const char *name)
{
	for (const struct cmd *const *c = cmd_table; *c; c++)
		if (strcmp((*c)->name, name) == 0)
			return *c;
	return NULL;
}
