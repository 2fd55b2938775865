/* The calls of an Application Auto Scaling plan, made one after the other
 * with a line each as they succeed: what `sagescale apply` and its --undo
 * share (apply.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/apply.h"
#include "cli/session.h"
#include "util/i18n.h"
#include "util/sanitize.h"

static void say_done(const struct autoscaling_call *c)
{
	char *l = sanitize_str(c->label);

	fprintf(stderr, _("%s %s: done\n"), c->op, l);
	free(l);
}

int apply_run_calls(struct session *s, const struct autoscaling_plan *plan, size_t *made)
{
	struct aws_result res;
	char **bodies = NULL;
	int rc = autoscaling_plan_run(s->client, plan, NULL, made, &bodies, &res);

	for (size_t i = 0; i < *made; i++)
		say_done(&plan->calls[i]);
	if (rc != 0) {
		rc = cli_report_call(plan->calls[*made].op, &res, true);
		fprintf(stderr, _("sagescale: call %zu of %zu failed (%s); %zu made before it.\n"),
			*made + 1, plan->ncalls, plan->calls[*made].op, *made);
	}
	for (size_t i = 0; i < plan->ncalls; i++)
		free(bodies[i]);
	free(bodies);
	aws_result_free(&res);
	return rc;
}
