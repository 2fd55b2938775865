/* `sagescale jobs` (ListInferenceRecommendationsJobs, paged as the AWS CLI
 * pages, src/cli/paginate.c)
 * and `sagescale job NAME` (DescribeInferenceRecommendationsJob), printed
 * as the AWS CLI would print the response. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/paginate.h"
#include "cli/session.h"
#include "sagemaker/jobs.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum { OPT_STATUS = CLI_OPT_USER, OPT_NAME_CONTAINS, OPT_SORT_BY, OPT_SORT_ORDER };

static const struct option jobs_opts[] = {
	{ "status", required_argument, NULL, OPT_STATUS },
	{ "status-equals", required_argument, NULL, OPT_STATUS },
	{ "name-contains", required_argument, NULL, OPT_NAME_CONTAINS },
	{ "sort-by", required_argument, NULL, OPT_SORT_BY },
	{ "sort-order", required_argument, NULL, OPT_SORT_ORDER },
	{ NULL, 0, NULL, 0 }
};

static int jobs_handle(int val, const char *flag, const char *arg, void *ud, char **err)
{
	struct jobs_filter *f = ud;

	switch (val) {
	case OPT_STATUS: f->status = arg; break;
	case OPT_NAME_CONTAINS: f->name_contains = arg; break;
	case OPT_SORT_BY: f->sort_by = arg; break;
	case OPT_SORT_ORDER: f->sort_order = arg; break;
	default: return -1;
	}
	return 0;
}

static void jobs_help(FILE *out)
{
	fputs(_("Usage: sagescale jobs [--status S] [--name-contains T]\n"
		"                      [--sort-by Name|CreationTime|Status]\n"
		"                      [--sort-order Ascending|Descending] [--page-size N]\n"
		"                      [--max-items N] [--starting-token T] [--no-paginate]\n"
		"                      [--output FORMAT]\n"
		"Lists Inference Recommender jobs (every page, merged as the AWS CLI does;\n"
		"text and yaml-stream print page by page).\n"
		"  --status S            PENDING, IN_PROGRESS, COMPLETED, FAILED, STOPPING,\n"
		"                        STOPPED, DELETING or DELETED\n"
		"  --name-contains T     only jobs whose name contains T\n"),
	      out);
	cli_print_group_help(out, CLI_GROUP_PAGE | CLI_GROUP_CONN | CLI_GROUP_OUTPUT);
}

static void job_help(FILE *out)
{
	fputs(_("Usage: sagescale job NAME [--output json|table|text]\n"
		"Describes one Inference Recommender job: its recommendations and endpoints.\n"),
	      out);
	cli_print_group_help(out, CLI_GROUP_CONN | CLI_GROUP_OUTPUT);
}

static int print_body(const struct cli_args *a, const char *title, const char *json)
{
	char *err = NULL, *text = cli_timestamps_apply(json, a->timestamps);
	int rc = CLI_EXIT_OK;

	int prc = output_print(stdout, a->output, title, text, strlen(text), &err);
	if (prc != 0) {
		cli_error("%s", err);
		free(err);
		rc = prc == OUTPUT_EQUERY ? CLI_EXIT_USAGE : CLI_EXIT_SERVICE;
	}
	free(text);
	return rc;
}

static int jobs_check(struct cmd_ctx *ctx)
{
	char *err = NULL;

	if (jobs_filter_validate(ctx->opts, &err) == 0)
		return cli_paging_check(&ctx->a);
	cli_error("%s", err);
	free(err);
	return CLI_EXIT_USAGE;
}

static int jobs_run(struct cmd_ctx *ctx)
{
	struct jobs_filter *f = ctx->opts;
	struct paging_spec spec;

	f->page_size = ctx->a.page.page_size;
	jobs_list_spec(f, &spec);
	return cli_paginate_print(&ctx->s, &ctx->a, &spec, "ListInferenceRecommendationsJobs");
}

static int job_check(struct cmd_ctx *ctx)
{
	char *err = NULL;

	if (scaling_check_field(SCALING_FIELD_JOB, ctx->a.rest[0], _("job name"), &err) == 0)
		return CLI_EXIT_OK;
	cli_error("%s", err);
	free(err);
	return CLI_EXIT_USAGE;
}

static int job_run(struct cmd_ctx *ctx)
{
	struct jobs_detail d;
	struct aws_result res;
	int rc;

	if (jobs_describe(ctx->s.client, ctx->a.rest[0], NULL, &d, &res) != 0) {
		rc = cli_report_call("DescribeInferenceRecommendationsJob", &res, true);
	} else {
		rc = print_body(&ctx->a, "DescribeInferenceRecommendationsJob", d.raw_json);
		jobs_detail_free(&d);
	}
	aws_result_free(&res);
	return rc;
}

const struct cmd cmd_jobs_entry = {
	.name = "jobs",
	.summary = N_("list Inference Recommender jobs (every page)"),
	.groups = CLI_GROUP_CONN | CLI_GROUP_OUTPUT | CLI_GROUP_PAGE,
	.flags = CMD_SESSION,
	.usage = jobs_help,
	.longopts = jobs_opts,
	.handle = jobs_handle,
	.opts_size = sizeof(struct jobs_filter),
	.check = jobs_check,
	.run = jobs_run,
};

const struct cmd cmd_job_entry = {
	.name = "job",
	.summary = N_("describe one job: its recommendations and endpoints"),
	.groups = CLI_GROUP_CONN | CLI_GROUP_OUTPUT,
	.flags = CMD_SESSION,
	.args_min = 1,
	.args_max = 1,
	.args_missing = N_("which job? (sagescale job NAME)"),
	.args_extra = N_("give one job name"),
	.usage = job_help,
	.check = job_check,
	.run = job_run,
};
