/* `sagescale apply`: gets a recommendation, checks the endpoint variant it
 * is to scale (it exists, is InService, its instance type), shows the
 * scaling configured now against the recommended, checks that the metrics
 * of customized-metric policies have data, saves the way back (undo), then
 * registers the scalable target and puts the policies with Application
 * Auto Scaling and reads them back.  --dry-run prints the calls as AWS CLI
 * commands and changes nothing; --undo puts a saved state back. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/apply.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/target.h"
#include "export/export.h"
#include "sagemaker/cloudwatch.h"
#include "sagemaker/jobs.h"
#include "sagemaker/recvalid.h"
#include "sagemaker/scalestate.h"
#include "sagemaker/undo.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

enum {
	OPT_VARIANT = CLI_OPT_USER,
	OPT_TARGET_ENDPOINT,
	OPT_POLICY_NAME,
	OPT_DRY_RUN,
	OPT_UNDO,
	OPT_UNDO_LIST,
	OPT_UNDO_PRUNE,
	OPT_ONLY_EXISTING,
	OPT_IGNORE_MISSING,
};

static const struct option apply_opts[] = {
	{ "variant", required_argument, NULL, OPT_VARIANT },
	{ "variant-name", required_argument, NULL, OPT_VARIANT },
	{ "target-variant", required_argument, NULL, OPT_VARIANT },
	{ "target-endpoint", required_argument, NULL, OPT_TARGET_ENDPOINT },
	{ "policy-name", required_argument, NULL, OPT_POLICY_NAME },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "undo", no_argument, NULL, OPT_UNDO },
	{ "undo-list", no_argument, NULL, OPT_UNDO_LIST },
	{ "undo-prune", required_argument, NULL, OPT_UNDO_PRUNE },
	{ "only-existing-metrics", no_argument, NULL, OPT_ONLY_EXISTING },
	{ "ignore-missing-metrics", no_argument, NULL, OPT_IGNORE_MISSING },
	{ NULL, 0, NULL, 0 }
};

static void apply_init(void *ud)
{
	((struct apply_opts *)ud)->prune_keep = -1;
}

static int apply_handle(int val, const char *flag, const char *arg, void *ud, char **err)
{
	struct apply_opts *o = ud;

	switch (val) {
	case OPT_VARIANT: o->variant = arg; break;
	case OPT_TARGET_ENDPOINT: o->target_endpoint = arg; break;
	case OPT_POLICY_NAME: o->policy_name = arg; break;
	case OPT_DRY_RUN: o->dry_run = true; return 0;
	case OPT_UNDO: o->undo = true; return 0;
	case OPT_UNDO_LIST: o->undo_list = true; return 0;
	case OPT_ONLY_EXISTING: o->only_existing_metrics = true; return 0;
	case OPT_IGNORE_MISSING: o->ignore_missing_metrics = true; return 0;
	case OPT_UNDO_PRUNE: return cli_parse_int(flag, arg, 0, 1000000, &o->prune_keep, err);
	default: return -1;
	}
	if (!*arg) {
		*err = xasprintf(_("%s: must not be empty"), flag);
		return -1;
	}
	return 0;
}

static void apply_help(FILE *out)
{
	fputs(_("Usage: sagescale apply [input as for recommend] --target-endpoint NAME\n"
		"                       [--target-variant V] [--policy-name N] [--dry-run]\n"
		"                       [--only-existing-metrics | --ignore-missing-metrics]\n"
		"       sagescale apply --undo [ID] | --undo-list | --undo-prune KEEP\n"
		"Gets the recommendation and applies it to a production endpoint variant with\n"
		"Application Auto Scaling: RegisterScalableTarget (MinCapacity, MaxCapacity)\n"
		"and one PutScalingPolicy (target tracking) per recommended policy.  First it\n"
		"checks the endpoint (it exists and is InService), shows the scaling\n"
		"configured now against the recommended, checks with CloudWatch that the\n"
		"metric of each customized-metric policy has data, and saves the scaling as\n"
		"it is for --undo; after the calls it reads the scaling back.\n"
		"  --target-endpoint NAME  the endpoint to scale (default: --endpoint-name;\n"
		"                        never the job's benchmark endpoint)\n"
		"  --target-variant V    its production variant (default: its only one;\n"
		"                        also --variant)\n"
		"  --policy-name N       policy name (several policies: N-1, N-2, ...; default\n"
		"                        sagescale-ENDPOINT-VARIANT)\n"
		"  --dry-run             print the calls as AWS CLI commands; change nothing\n"
		"  --only-existing-metrics  leave out the policies whose metric has no data\n"
		"  --ignore-missing-metrics apply them anyway\n"
		"  --undo [ID]           put back the scaling saved before apply ID (default:\n"
		"                        the last one); deregisters when there was none\n"
		"  --undo-list           list the saved undo files\n"
		"  --undo-prune KEEP     delete all but the newest KEEP undo files\n"
		"With --read-only, apply and --undo refuse (a --dry-run is still allowed).\n"),
	      out);
	cli_print_group_help(out, CLI_GROUP_CONN | CLI_GROUP_INPUT | CLI_GROUP_OUTPUT);
}

/* ---- the target ---- */

struct target {
	char *endpoint;
	const char *variant;     /* in detail */
	char *rec_instance_type; /* the recommendation's, when the job says */
	char *rec_endpoint;      /* the recommendation's (benchmark) endpoint */
	struct endpoints_detail detail;
	bool described;
};

static void target_free(struct target *t)
{
	free(t->endpoint);
	free(t->rec_instance_type);
	free(t->rec_endpoint);
	if (t->described)
		endpoints_detail_free(&t->detail);
}

/* What the job says about the recommendation: its instance type and its
 * benchmark endpoint (an error here is not fatal: the type is a note). */
static void job_facts(struct session *s, const struct cli_args *a, struct target *t)
{
	struct jobs_detail d;
	struct aws_result res;

	if (!a->req.recommendation_id)
		return;
	if (jobs_describe(s->client, a->req.job_name, NULL, &d, &res) == 0) {
		const struct jobs_recommendation *r =
			jobs_detail_find(&d, a->req.recommendation_id);

		if (r && r->instance_type)
			t->rec_instance_type = xstrdup(r->instance_type);
		if (r && r->endpoint_name)
			t->rec_endpoint = xstrdup(r->endpoint_name);
		jobs_detail_free(&d);
	}
	aws_result_free(&res);
}

static bool is_benchmark(const struct target *t, const char *name)
{
	return endpoints_is_benchmark(name) ||
	       (t->rec_endpoint && strcmp(t->rec_endpoint, name) == 0);
}

static int resolve_target(struct session *s, const struct cli_args *a, const struct apply_opts *o,
			  struct target *t)
{
	int rc;

	job_facts(s, a, t);
	const char *name = o->target_endpoint ? o->target_endpoint : a->req.endpoint_name;

	if (!name) {
		char *rec = t->rec_endpoint ? sanitize_str(t->rec_endpoint) : NULL;

		cli_error("%s", _("--target-endpoint: give the endpoint to scale (sagescale status "
				  "lists them)"));
		if (rec)
			fprintf(stderr,
				_("The recommendation's endpoint %s is the one Inference "
				  "Recommender made for its benchmark (deleted when the job "
				  "ends): it is never the default.\n"),
				rec);
		free(rec);
		return CLI_EXIT_USAGE;
	}
	t->endpoint = xstrdup(name);
	if (is_benchmark(t, name)) {
		char *e = sanitize_str(name);

		fprintf(stderr,
			_("Note: %s is the endpoint Inference Recommender made to benchmark "
			  "the recommendation, not a production endpoint; it is deleted "
			  "when the job ends.\n"),
			e);
		free(e);
	}
	if ((rc = cli_target_describe(s, name, &t->detail)) != 0)
		return rc;
	t->described = true;
	t->variant = o->variant;
	if ((rc = cli_target_variant(&t->detail, &t->variant)) != 0 ||
	    (rc = cli_target_in_service(&t->detail)) != 0)
		return rc;
	const struct endpoints_variant *v = endpoints_variant_find(&t->detail, t->variant);

	if (t->rec_instance_type && v->instance_type &&
	    strcmp(t->rec_instance_type, v->instance_type) != 0) {
		char *vn = sanitize_str(v->name), *vt = sanitize_str(v->instance_type);
		char *rt = sanitize_str(t->rec_instance_type);

		fprintf(stderr,
			_("Note: the variant %s runs on %s, but the recommendation was "
			  "benchmarked on %s: its capacities and invocations per instance "
			  "hold for %s, not for %s.\n"),
			vn, vt, rt, rt, vt);
		free(vn);
		free(vt);
		free(rt);
	}
	return CLI_EXIT_OK;
}

/* Multi-line text from the network (names, policies) line by line, each
 * line made terminal-safe. */
static void print_lines(const char *prefix, const char *text)
{
	const char *p = text;

	while (*p) {
		size_t n = strcspn(p, "\n");
		char *line = sanitize_text(p, n);

		fprintf(stderr, "%s%s\n", prefix, line);
		free(line);
		p += n;
		if (*p == '\n')
			p++;
	}
}

/* ---- before writing: now against recommended, the metrics ---- */

static int read_state(struct session *s, const char *rid, struct scalestate *st)
{
	struct aws_result res;
	const char *op;

	if (scalestate_read(s->client, rid, NULL, st, &op, &res) == 0) {
		aws_result_free(&res);
		return CLI_EXIT_OK;
	}
	int rc = cli_report_call(op, &res, true);

	aws_result_free(&res);
	return rc;
}

static void print_diff(const struct scalestate *now, const struct autoscaling_plan *plan)
{
	struct scalestate want;

	scalestate_from_plan(plan, &want);
	char *d = scalestate_diff(now, &want);

	print_lines("", d);
	free(d);
	scalestate_free(&want);
}

/* Checks the customized metrics; may drop policies (--only-existing-
 * metrics).  Returns 0 to go on, or an exit code. */
static int check_metrics(struct session *s, const struct apply_opts *o,
			 struct autoscaling_plan *plan)
{
	struct aws_result res;
	bool *missing = NULL;
	size_t n = 0;

	if (cloudwatch_check_plan(s->client, plan, NULL, &missing, &n, &res) != 0) {
		char *why = sanitize_str(res.error_code      ? res.error_code
					 : res.error_message ? res.error_message
							     : "");

		fprintf(stderr,
			_("Warning: the metrics could not be checked with CloudWatch "
			  "ListMetrics (%s); going on without the check.\n"),
			why);
		free(why);
		aws_result_free(&res);
		return CLI_EXIT_OK;
	}
	aws_result_free(&res);
	int rc = CLI_EXIT_OK;

	if (n) {
		char *text = cloudwatch_missing_text(plan, missing);

		print_lines(_("Warning: "), text);
		free(text);
		if (o->only_existing_metrics) {
			cloudwatch_drop_missing(plan, missing);
			fprintf(stderr,
				P_("The %zu policy without data is left out "
				   "(--only-existing-metrics).\n",
				   "The %zu policies without data are left out "
				   "(--only-existing-metrics).\n",
				   n),
				n);
		} else if (o->ignore_missing_metrics) {
			fputs(_("Applied anyway (--ignore-missing-metrics).\n"), stderr);
		} else if (!o->dry_run) {
			fputs(_("Nothing was changed.  Apply only the policies whose metrics exist "
				"with --only-existing-metrics, or all of them with "
				"--ignore-missing-metrics.\n"),
			      stderr);
			rc = CLI_EXIT_SERVICE;
		}
	}
	free(missing);
	return rc;
}

static const char *chosen_profile(const struct session *s, const struct cli_args *a)
{
	return session_chosen_profile(s, &a->conn);
}

static int dry_run(const struct session *s, const struct cli_args *a,
		   const struct scaling_response *resp, const struct autoscaling_plan *plan,
		   const struct apply_opts *o, const struct target *t)
{
	struct export_input in = {
		.resp = resp,
		.endpoint = t->endpoint,
		.variant = t->variant,
		.policy_name = o->policy_name,
		.region = s->cfg.region,
		.profile = chosen_profile(s, a),
		.plan = plan,
	};
	char *text = NULL, *err = NULL;

	if (export_render(EXPORT_AWS_CLI_APPLY, &in, &text, &err) != 0) {
		cli_error("%s", err);
		free(err);
		return CLI_EXIT_SERVICE;
	}
	/* The text is printable by construction (see shell_quote_buf). */
	fputs(text, stdout);
	free(text);
	return CLI_EXIT_OK;
}

/* ---- writing, then reading back ---- */

static int write_and_verify(struct session *s, const struct cli_args *a,
			    const struct scalestate *before, const struct autoscaling_plan *plan)
{
	char *id = NULL, *path = NULL, *err = NULL;
	size_t made;

	if (undo_save(before, plan, s->cfg.region, chosen_profile(s, a), &id, &path, &err) != 0) {
		cli_error("%s", err);
		fputs(_("Nothing was changed: without the undo file there would be no way back.\n"),
		      stderr);
		free(err);
		free(id);
		free(path);
		return CLI_EXIT_SERVICE;
	}
	fprintf(stderr, _("Saved the scaling as it is to %s (mode 0600).\n"), path);
	int rc = apply_run_calls(s, plan, &made);

	if (rc != 0) {
		if (made)
			fprintf(stderr,
				P_("The %zu call above was made and stays made: undo it with "
				   "sagescale apply --undo %s\n",
				   "The %zu calls above were made and stay made: undo them with "
				   "sagescale apply --undo %s\n",
				   made),
				made, id);
		else
			fputs(_("No call was made: nothing changed.\n"), stderr);
		goto out;
	}
	struct scalestate now, want;

	if ((rc = read_state(s, plan->resource_id, &now)) != 0)
		goto out;
	scalestate_from_plan(plan, &want);
	char *diff = scalestate_verify(&now, &want);

	if (!diff) {
		char *rid = sanitize_str(plan->resource_id);

		fprintf(stderr,
			P_("Verified: read back, %s has the capacity and the %zu policy "
			   "asked for.\n",
			   "Verified: read back, %s has the capacity and the %zu policies "
			   "asked for.\n",
			   want.npolicies),
			rid, want.npolicies);
		free(rid);
	} else {
		cli_error("%s", _("read back, the scaling is not what was asked:"));
		print_lines("  ", diff);
		rc = CLI_EXIT_SERVICE;
	}
	fprintf(stderr, _("Undo with: sagescale apply --undo %s\n"), id);
	free(diff);
	scalestate_free(&now);
	scalestate_free(&want);
out:
	free(id);
	free(path);
	return rc;
}

static int apply_check(struct cmd_ctx *ctx)
{
	const struct apply_opts *o = ctx->opts;
	int modes = o->undo + o->undo_list + (o->prune_keep >= 0);

	if (modes > 1 || (modes && (o->dry_run || ctx->a.have_input))) {
		cli_error("%s",
			  _("--undo, --undo-list and --undo-prune go alone (no recommendation "
			    "input, no --dry-run)"));
		return CLI_EXIT_USAGE;
	}
	if (ctx->a.nrest > (o->undo ? 1 : 0)) {
		cli_error(_("unexpected argument \"%s\""), ctx->a.rest[o->undo ? 1 : 0]);
		return CLI_EXIT_USAGE;
	}
	if (ctx->a.conn.read_only && (o->undo || (!modes && !o->dry_run))) {
		cli_error("%s", _("--read-only: apply changes scaling on AWS and is refused "
				  "(--dry-run shows the calls)"));
		return CLI_EXIT_USAGE;
	}
	if (ctx->a.query && o->dry_run) {
		cli_error("%s", _("--query: --dry-run prints commands, not an answer to query"));
		return CLI_EXIT_USAGE;
	}
	if (o->only_existing_metrics && o->ignore_missing_metrics) {
		cli_error("%s", _("--only-existing-metrics and --ignore-missing-metrics exclude "
				  "each other"));
		return CLI_EXIT_USAGE;
	}
	if (modes)
		return CLI_EXIT_OK;
	if (cli_check_request(&ctx->a) != 0)
		return CLI_EXIT_USAGE;
	/* By endpoint name there is no recommendation to take the variant
	 * from: ask before sending anything. */
	if (!o->variant && !o->target_endpoint && !ctx->a.req.recommendation_id) {
		cli_error("%s", _("--variant: give the production variant to scale"));
		return CLI_EXIT_USAGE;
	}
	return CLI_EXIT_OK;
}

static int apply_recommendation(struct cmd_ctx *ctx)
{
	const struct apply_opts *o = ctx->opts;
	struct session *s = &ctx->s;
	struct scaling_response resp = { 0 };
	struct aws_result res = { 0 };
	struct target t = { 0 };
	struct autoscaling_plan plan = { 0 };
	struct scalestate before = { 0 };
	bool have_plan = false, have_before = false;
	char *err = NULL;
	int rc;

	if (scaling_get_recommendation(s->client, &ctx->a.req, NULL, &resp, &res) != 0) {
		rc = cli_report_call("GetScalingConfigurationRecommendation", &res, false);
		goto out;
	}
	/* A recommendation outside Application Auto Scaling's ranges is
	 * refused before anything else is asked. */
	if (resp.has_dynamic && recvalid_check(&resp, &err) != 0) {
		cli_error("%s", err);
		free(err);
		rc = CLI_EXIT_SERVICE;
		goto out;
	}
	if ((rc = resolve_target(s, &ctx->a, o, &t)) != 0)
		goto out;
	if (autoscaling_plan_build(&resp, t.endpoint, t.variant, o->policy_name, &plan, &err) !=
	    0) {
		cli_error("%s", err);
		free(err);
		rc = CLI_EXIT_SERVICE;
		goto out;
	}
	have_plan = true;
	if (plan.nskipped)
		fprintf(stderr,
			P_("sagescale: %zu policy of an unknown kind is not applied\n",
			   "sagescale: %zu policies of an unknown kind are not applied\n",
			   plan.nskipped),
			plan.nskipped);
	if ((rc = read_state(s, plan.resource_id, &before)) != 0)
		goto out;
	have_before = true;
	if ((rc = check_metrics(s, o, &plan)) != 0)
		goto out;
	print_diff(&before, &plan);
	if (o->dry_run) {
		rc = dry_run(s, &ctx->a, &resp, &plan, o, &t);
		goto out;
	}
	/* The recommendation first, so that it stays on screen whatever
	 * happens to the calls that follow. */
	int prc = output_print(stdout, ctx->a.output, "GetScalingConfigurationRecommendation",
			       resp.raw_json, strlen(resp.raw_json), &err);
	if (prc != 0) {
		cli_error("%s", err);
		free(err);
	}
	fflush(stdout);
	/* A --query that fails on the answer is a usage error: nothing is
	 * changed on the account. */
	if (prc == OUTPUT_EQUERY) {
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	rc = write_and_verify(s, &ctx->a, &before, &plan);
out:
	if (have_before)
		scalestate_free(&before);
	if (have_plan)
		autoscaling_plan_free(&plan);
	target_free(&t);
	aws_result_free(&res);
	scaling_response_free(&resp);
	return rc;
}

static int apply_run(struct cmd_ctx *ctx)
{
	const struct apply_opts *o = ctx->opts;
	int rc;

	/* The undo files are local: listing or pruning them needs no AWS. */
	if (o->undo_list)
		return apply_undo_list(ctx);
	if (o->prune_keep >= 0)
		return apply_undo_prune(ctx);
	if ((rc = cli_session_open(&ctx->a.conn, &ctx->s)) != 0)
		return rc;
	rc = o->undo ? apply_undo(ctx) : apply_recommendation(ctx);
	session_close(&ctx->s);
	return rc;
}

const struct cmd cmd_apply_entry = {
	.name = "apply",
	.summary = N_("apply a recommendation with Application Auto Scaling"),
	.groups = CLI_GROUP_CONN | CLI_GROUP_INPUT | CLI_GROUP_OUTPUT,
	.args_min = 0,
	.args_max = 1,
	.usage = apply_help,
	.longopts = apply_opts,
	.handle = apply_handle,
	.opts_size = sizeof(struct apply_opts),
	.opts_init = apply_init,
	.check = apply_check,
	.run = apply_run,
};
