/* The command table (see cmd.h).  Each command adds one line here. */
#include "config.h"
#include "cli/cmd.h"
#include "util/i18n.h"

#include <string.h>

const struct cmd cmd_table[] = {
	{ "recommend", cmd_recommend, N_("get a scaling configuration recommendation") },
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
