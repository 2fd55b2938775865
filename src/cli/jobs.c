/* `sagescale jobs` (every page of ListInferenceRecommendationsJobs, merged)
 * and `sagescale job NAME` (DescribeInferenceRecommendationsJob), printed
 * as the AWS CLI would print the response. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/session.h"
#include "sagemaker/jobs.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum { OPT_STATUS = CLI_OPT_USER, OPT_NAME_CONTAINS, OPT_SORT_BY, OPT_SORT_ORDER, OPT_PAGE_SIZE };

static const struct option jobs_opts[] = {
	{ "status", required_argument, NULL, OPT_STATUS },
	{ "status-equals", required_argument, NULL, OPT_STATUS },
	{ "name-contains", required_argument, NULL, OPT_NAME_CONTAINS },
	{ "sort-by", required_argument, NULL, OPT_SORT_BY },
	{ "sort-order", required_argument, NULL, OPT_SORT_ORDER },
	{ "page-size", required_argument, NULL, OPT_PAGE_SIZE },
	{ NULL, 0, NULL, 0 }
};

static int jobs_handle(int val, const char *flag, const char *arg, void *ud, char **err)
{
	struct jobs_filter *f = ud;
	long long n;

	switch (val) {
	case OPT_STATUS: f->status = arg; break;
	case OPT_NAME_CONTAINS: f->name_contains = arg; break;
	case OPT_SORT_BY: f->sort_by = arg; break;
	case OPT_SORT_ORDER: f->sort_order = arg; break;
	case OPT_PAGE_SIZE:
		if (cli_parse_int(flag, arg, 1, 100, &n, err) != 0)
			return -1;
		f->page_size = (int)n;
		break;
	default: return -1;
	}
	return 0;
}

static void jobs_help(void)
{
	fputs(_("Usage: sagescale jobs [--status S] [--name-contains T]\n"
		"                      [--sort-by Name|CreationTime|Status]\n"
		"                      [--sort-order Ascending|Descending] [--page-size N]\n"
		"                      [--output json|table|text]\n"
		"Lists Inference Recommender jobs (every page, merged as the AWS CLI does).\n"
		"  --status S            PENDING, IN_PROGRESS, COMPLETED, FAILED, STOPPING,\n"
		"                        STOPPED, DELETING or DELETED\n"
		"  --name-contains T     only jobs whose name contains T\n"
		"  --page-size N         jobs per request (1-100); all pages are fetched\n"), stdout);
	cli_print_group_help(stdout, CLI_GROUP_CONN | CLI_GROUP_OUTPUT);
}

static void job_help(void)
{
	fputs(_("Usage: sagescale job NAME [--output json|table|text]\n"
		"Describes one Inference Recommender job: its recommendations and endpoints.\n"),
	      stdout);
	cli_print_group_help(stdout, CLI_GROUP_CONN | CLI_GROUP_OUTPUT);
}

static int print_body(const struct cli_args *a, const char *title, const char *json)
{
	char *err = NULL;

	if (output_print(stdout, a->output, title, json, strlen(json), &err) != 0) {
		cli_error("%s", err);
		free(err);
		return CLI_EXIT_SERVICE;
	}
	return CLI_EXIT_OK;
}

int cmd_jobs(int argc, char **argv)
{
	struct jobs_filter f = { 0 };
	struct cli_extra extra = { jobs_opts, jobs_handle, &f };
	struct cli_args a;
	struct session s;
	struct jobs_list list;
	struct aws_result res;
	char *err = NULL;
	int rc;

	if ((rc = cli_parse(argc, argv, CLI_GROUP_CONN | CLI_GROUP_OUTPUT, &extra, &a)) != 0)
		return rc;
	if (a.help) {
		jobs_help();
		cli_args_free(&a);
		return CLI_EXIT_OK;
	}
	if (a.nrest > 0 || jobs_filter_validate(&f, &err) != 0) {
		if (!err)
			err = xasprintf(_("unexpected argument \"%s\""), a.rest[0]);
		cli_error("%s", err);
		free(err);
		cli_args_free(&a);
		return CLI_EXIT_USAGE;
	}
	if ((rc = cli_session_open(&a.conn, &s)) != 0) {
		cli_args_free(&a);
		return rc;
	}
	if (jobs_list_all(s.client, &f, NULL, &list, &res) != 0) {
		rc = cli_report_call("ListInferenceRecommendationsJobs", &res, true);
	} else {
		rc = print_body(&a, "ListInferenceRecommendationsJobs", list.raw_json);
		jobs_list_free(&list);
	}
	aws_result_free(&res);
	session_close(&s);
	cli_args_free(&a);
	return rc;
}

int cmd_job(int argc, char **argv)
{
	struct cli_args a;
	struct session s;
	struct jobs_detail d;
	struct aws_result res;
	char *err = NULL;
	int rc;

	if ((rc = cli_parse(argc, argv, CLI_GROUP_CONN | CLI_GROUP_OUTPUT, NULL, &a)) != 0)
		return rc;
	if (a.help) {
		job_help();
		cli_args_free(&a);
		return CLI_EXIT_OK;
	}
	if (a.nrest != 1) {
		cli_error("%s", a.nrest ? _("give one job name") : _("which job? (sagescale job NAME)"));
		cli_args_free(&a);
		return CLI_EXIT_USAGE;
	}
	if (scaling_check_field(SCALING_FIELD_JOB, a.rest[0], _("job name"), &err) != 0) {
		cli_error("%s", err);
		free(err);
		cli_args_free(&a);
		return CLI_EXIT_USAGE;
	}
	if ((rc = cli_session_open(&a.conn, &s)) != 0) {
		cli_args_free(&a);
		return rc;
	}
	if (jobs_describe(s.client, a.rest[0], NULL, &d, &res) != 0) {
		rc = cli_report_call("DescribeInferenceRecommendationsJob", &res, true);
	} else {
		rc = print_body(&a, "DescribeInferenceRecommendationsJob", d.raw_json);
		jobs_detail_free(&d);
	}
	aws_result_free(&res);
	session_close(&s);
	cli_args_free(&a);
	return rc;
}
