/* `sagescale apply`: gets a recommendation, then registers the endpoint
 * variant as a scalable target and puts its scaling policies with
 * Application Auto Scaling (or, with --dry-run, prints those calls as AWS
 * CLI commands and changes nothing). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/session.h"
#include "export/export.h"
#include "sagemaker/autoscaling.h"
#include "sagemaker/jobs.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

enum { OPT_VARIANT = CLI_OPT_USER, OPT_TARGET_ENDPOINT, OPT_POLICY_NAME, OPT_DRY_RUN };

static const struct option apply_opts[] = {
	{ "variant", required_argument, NULL, OPT_VARIANT },
	{ "variant-name", required_argument, NULL, OPT_VARIANT },
	{ "target-endpoint", required_argument, NULL, OPT_TARGET_ENDPOINT },
	{ "policy-name", required_argument, NULL, OPT_POLICY_NAME },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ NULL, 0, NULL, 0 }
};

struct apply_opts {
	const char *variant, *target_endpoint, *policy_name;
	bool dry_run;
};

static int apply_handle(int val, const char *flag, const char *arg, void *ud, char **err)
{
	struct apply_opts *o = ud;

	switch (val) {
	case OPT_VARIANT: o->variant = arg; break;
	case OPT_TARGET_ENDPOINT: o->target_endpoint = arg; break;
	case OPT_POLICY_NAME: o->policy_name = arg; break;
	case OPT_DRY_RUN: o->dry_run = true; return 0;
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
	fputs(_("Usage: sagescale apply [input as for recommend] [--variant V]\n"
		"                       [--target-endpoint NAME] [--policy-name N] [--dry-run]\n"
		"Gets the recommendation, then applies it with Application Auto Scaling:\n"
		"RegisterScalableTarget (MinCapacity, MaxCapacity) and one PutScalingPolicy\n"
		"(target tracking) per recommended policy.\n"
		"  --variant V           the production variant to scale (default: the\n"
		"                        recommendation's VariantName)\n"
		"  --target-endpoint NAME  the endpoint to scale (default: --endpoint-name,\n"
		"                        else the recommendation's EndpointName)\n"
		"  --policy-name N       policy name (several policies: N-1, N-2, ...; default\n"
		"                        sagescale-ENDPOINT-VARIANT)\n"
		"  --dry-run             print the calls as AWS CLI commands; change nothing\n"
		"With --read-only, apply refuses (a --dry-run is still allowed).\n"), out);
	cli_print_group_help(out, CLI_GROUP_CONN | CLI_GROUP_INPUT | CLI_GROUP_OUTPUT);
}

/* The endpoint and variant to scale: flags first, then the job's record of
 * the recommendation.  Returns 0, or an exit code after printing why. */
static int resolve_target(struct session *s, const struct cli_args *a, const struct apply_opts *o,
			  char **endpoint, char **variant)
{
	*endpoint = xstrdup(o->target_endpoint ? o->target_endpoint :
			    a->req.endpoint_name ? a->req.endpoint_name : "");
	*variant = xstrdup(o->variant ? o->variant : "");
	if (**endpoint && **variant)
		return 0;
	if (!a->req.recommendation_id) {
		cli_error("%s", _("--variant: give the production variant to scale"));
		return CLI_EXIT_USAGE;
	}
	struct jobs_detail d;
	struct aws_result res;

	if (jobs_describe(s->client, a->req.job_name, NULL, &d, &res) != 0) {
		int rc = cli_report_call("DescribeInferenceRecommendationsJob", &res, false);

		aws_result_free(&res);
		return rc;
	}
	aws_result_free(&res);
	const struct jobs_recommendation *r = jobs_detail_find(&d, a->req.recommendation_id);
	int rc = 0;

	if (!r) {
		char *id = sanitize_str(a->req.recommendation_id);

		cli_error(_("the job has no recommendation %s: give --target-endpoint and --variant"), id);
		free(id);
		rc = CLI_EXIT_SERVICE;
	} else {
		if (!**endpoint && r->endpoint_name) {
			free(*endpoint);
			*endpoint = xstrdup(r->endpoint_name);
		}
		if (!**variant && r->variant_name) {
			free(*variant);
			*variant = xstrdup(r->variant_name);
		}
		if (!**endpoint || !**variant) {
			cli_error("%s", _("the recommendation names no endpoint or variant: "
					  "give --target-endpoint and --variant"));
			rc = CLI_EXIT_USAGE;
		}
	}
	jobs_detail_free(&d);
	return rc;
}

static int dry_run(const struct session *s, const struct scaling_response *resp,
		   const char *endpoint, const char *variant, const struct apply_opts *o)
{
	struct export_input in = {
		.resp = resp, .endpoint = endpoint, .variant = variant,
		.policy_name = o->policy_name, .region = s->cfg.region,
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

static void say_done(const struct autoscaling_call *c)
{
	char *l = sanitize_str(c->label);

	fprintf(stderr, _("%s %s: done\n"), c->op, l);
	free(l);
}

static int run_plan(struct session *s, const struct scaling_response *resp,
		    const char *endpoint, const char *variant, const struct apply_opts *o)
{
	struct autoscaling_plan plan;
	struct aws_result res;
	char *err = NULL, **bodies = NULL;
	size_t failed;

	if (autoscaling_plan_build(resp, endpoint, variant, o->policy_name, &plan, &err) != 0) {
		cli_error("%s", err);
		free(err);
		return CLI_EXIT_SERVICE;
	}
	if (plan.nskipped)
		fprintf(stderr, P_("sagescale: %zu policy of an unknown kind is not applied\n",
				   "sagescale: %zu policies of an unknown kind are not applied\n",
				   plan.nskipped), plan.nskipped);
	int rc = autoscaling_plan_run(s->client, &plan, NULL, &failed, &bodies, &res);

	for (size_t i = 0; i < failed; i++)
		say_done(&plan.calls[i]);
	if (rc != 0) {
		rc = cli_report_call(plan.calls[failed].op, &res, false);
		fprintf(stderr, _("sagescale: call %zu of %zu failed (%s); %zu made before it. "
				  "The recommendation above is unchanged.\n"),
			failed + 1, plan.ncalls, plan.calls[failed].op, failed);
	}
	for (size_t i = 0; i < plan.ncalls; i++)
		free(bodies[i]);
	free(bodies);
	aws_result_free(&res);
	autoscaling_plan_free(&plan);
	return rc;
}

static int apply_check(struct cmd_ctx *ctx)
{
	const struct apply_opts *o = ctx->opts;

	if (ctx->a.conn.read_only && !o->dry_run) {
		cli_error("%s", _("--read-only: apply changes scaling on AWS and is refused "
				  "(--dry-run shows the calls)"));
		return CLI_EXIT_USAGE;
	}
	if (ctx->a.query && o->dry_run) {
		cli_error("%s", _("--query: --dry-run prints commands, not an answer to query"));
		return CLI_EXIT_USAGE;
	}
	/* By endpoint name there is no recommendation to take the variant
	 * from: ask before sending anything. */
	if (!o->variant && !ctx->a.req.recommendation_id) {
		cli_error("%s", _("--variant: give the production variant to scale"));
		return CLI_EXIT_USAGE;
	}
	return CLI_EXIT_OK;
}

static int apply_run(struct cmd_ctx *ctx)
{
	const struct apply_opts *o = ctx->opts;
	struct session *s = &ctx->s;
	struct scaling_response resp = { 0 };
	struct aws_result res = { 0 };
	char *err = NULL, *endpoint = NULL, *variant = NULL;
	int rc;

	if (scaling_get_recommendation(s->client, &ctx->a.req, NULL, &resp, &res) != 0) {
		rc = cli_report_call("GetScalingConfigurationRecommendation", &res, false);
		goto out;
	}
	if ((rc = resolve_target(s, &ctx->a, o, &endpoint, &variant)) != 0)
		goto out;
	if (o->dry_run) {
		rc = dry_run(s, &resp, endpoint, variant, o);
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
	rc = run_plan(s, &resp, endpoint, variant, o);
out:
	free(endpoint);
	free(variant);
	aws_result_free(&res);
	scaling_response_free(&resp);
	return rc;
}

const struct cmd cmd_apply_entry = {
	.name = "apply",
	.summary = N_("apply a recommendation with Application Auto Scaling"),
	.groups = CLI_GROUP_CONN | CLI_GROUP_INPUT | CLI_GROUP_OUTPUT,
	.flags = CMD_SESSION | CMD_REQUEST,
	.usage = apply_help,
	.longopts = apply_opts,
	.handle = apply_handle,
	.opts_size = sizeof(struct apply_opts),
	.check = apply_check,
	.run = apply_run,
};
