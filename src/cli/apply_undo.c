/* `sagescale apply --undo [ID]`, `--undo-list`, `--undo-prune KEEP`: the
 * undo files that apply saves before it writes (see sagemaker/undo.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/apply.h"
#include "sagemaker/undo.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

/* The state now, or an exit code after reporting. */
static int read_now(struct session *s, const char *rid, struct scalestate *now)
{
	struct aws_result res;
	const char *op;

	if (scalestate_read(s->client, rid, NULL, now, &op, &res) == 0) {
		aws_result_free(&res);
		return CLI_EXIT_OK;
	}
	int rc = cli_report_call(op, &res, true);

	aws_result_free(&res);
	return rc;
}

static int undo_usage(char *err)
{
	cli_error("%s", err);
	free(err);
	return CLI_EXIT_USAGE;
}

int apply_undo(struct cmd_ctx *ctx)
{
	struct session *s = &ctx->s;
	const char *id = ctx->a.nrest ? ctx->a.rest[0] : NULL;
	struct undo_record r;
	char *path = NULL, *err = NULL;

	if (undo_load(id, &r, &path, &err) != 0) {
		free(path);
		return undo_usage(err);
	}
	int rc = CLI_EXIT_OK;
	char *sid = sanitize_str(r.id ? r.id : ""), *rid = sanitize_str(r.resource_id);

	/* The file says where it was made: undoing elsewhere would write to
	 * another variant of the same name. */
	if (!r.region || !s->cfg.region || strcmp(r.region, s->cfg.region) != 0) {
		char *rr = sanitize_str(r.region ? r.region : "");

		cli_error(_("the undo %s was made in region %s: run it with --region %s"), sid, rr,
			  rr);
		free(rr);
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	fprintf(stderr, _("Undoing %s (%s): back to the scaling of %s before that apply.\n"), sid,
		r.created ? r.created : "?", rid);
	struct scalestate now;

	if ((rc = read_now(s, r.resource_id, &now)) != 0)
		goto out;
	struct autoscaling_plan plan;

	undo_plan(&r, &now, &plan);
	scalestate_free(&now);
	if (plan.ncalls == 0) {
		fprintf(stderr, "%s\n", _("It is already as it was: nothing to do."));
		autoscaling_plan_free(&plan);
		goto out;
	}
	size_t made;

	rc = apply_run_calls(s, &plan, &made);
	autoscaling_plan_free(&plan);
	if (rc != 0) {
		fprintf(stderr,
			_("The undo stopped; run sagescale apply --undo %s again to finish "
			  "it (the file %s is kept).\n"),
			sid, path);
		goto out;
	}
	if ((rc = read_now(s, r.resource_id, &now)) != 0)
		goto out;
	if (undo_matches(&r, &now)) {
		fprintf(stderr,
			r.target ? _("Verified: %s is as it was before the apply.\n")
				 : _("Verified: %s has no scalable target again, as before the "
				     "apply.\n"),
			rid);
	} else {
		cli_error(_("after the undo, %s is not as it was before the apply (read back with "
			    "DescribeScalableTargets and DescribeScalingPolicies)"),
			  rid);
		rc = CLI_EXIT_SERVICE;
	}
	scalestate_free(&now);
out:
	free(sid);
	free(rid);
	free(path);
	undo_record_free(&r);
	return rc;
}

int apply_undo_list(struct cmd_ctx *ctx)
{
	char **ids, *err = NULL;
	size_t n;

	(void)ctx;
	if (undo_list(&ids, &n, &err) != 0)
		return undo_usage(err);
	for (size_t i = 0; i < n; i++) {
		struct undo_record r;
		char *path = NULL;

		if (undo_load(ids[i], &r, &path, &err) == 0) {
			char *rid = sanitize_str(r.resource_id),
			     *reg = sanitize_str(r.region ? r.region : "");

			printf("%s\t%s\t%s\t%s\n", ids[i], r.created ? r.created : "", reg, rid);
			free(rid);
			free(reg);
			undo_record_free(&r);
		} else {
			printf(_("%s\t(damaged: cannot be undone)\n"), ids[i]);
			free(err);
			err = NULL;
		}
		free(path);
		free(ids[i]);
	}
	free(ids);
	return CLI_EXIT_OK;
}

int apply_undo_prune(struct cmd_ctx *ctx)
{
	const struct apply_opts *o = ctx->opts;
	size_t removed;
	char *err = NULL;

	if (undo_prune((size_t)o->prune_keep, &removed, &err) != 0)
		return undo_usage(err);
	fprintf(stderr, P_("Removed %zu undo file.\n", "Removed %zu undo files.\n", removed),
		removed);
	return CLI_EXIT_OK;
}
