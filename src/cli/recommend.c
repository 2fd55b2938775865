/* `sagescale recommend`: one GetScalingConfigurationRecommendation call,
 * printed as the AWS CLI would print it. */
#include "config.h"
#include "cli/cmd.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/session.h"
#include "sagemaker/scaling.h"
#include "util/i18n.h"

#include <stdlib.h>
#include <string.h>

#define GROUPS (CLI_GROUP_CONN | CLI_GROUP_INPUT | CLI_GROUP_OUTPUT)
#define OPERATION "GetScalingConfigurationRecommendation"

static void usage(FILE *out)
{
	fputs(_("Usage: sagescale recommend --job NAME\n"
		"                           (--recommendation-id ID | --endpoint-name NAME)\n"
		"                           [--cpu N] [--min-invocations N] [--max-invocations N]\n"
		"                           [--output json|table|text] [connection options]\n"
		"Asks SageMaker Inference Recommender for an autoscaling configuration\n"
		"(GetScalingConfigurationRecommendation) and prints it.\n\n"),
	      out);
	cli_print_group_help(out, GROUPS);
	fputs(_("\nExit status: 0 success, 1 service error, 2 usage or validation error\n"
		"(nothing sent), 3 network, TLS or configuration error.\n"),
	      out);
}

/* "sagescale: Code: message (request id: X)" and a hint, on stderr. */
static void report_error(const struct aws_result *res)
{
	const char *hint = aws_error_hint(res);
	const char *msg = res->error_message ? res->error_message : "";

	if (res->error_code && res->request_id)
		cli_error(_("%s: %s (request id: %s)"), res->error_code, msg, res->request_id);
	else if (res->error_code)
		cli_error("%s: %s", res->error_code, msg);
	else if (res->request_id)
		cli_error(_("%s (request id: %s)"), msg, res->request_id);
	else
		cli_error("%s", msg);
	if (hint)
		cli_error(_("hint: %s"), hint);
}

static int run(struct cmd_ctx *ctx)
{
	struct scaling_response resp;
	struct aws_result res;
	char *err = NULL;
	int rc;

	scaling_get_recommendation(ctx->s.client, &ctx->a.req, NULL, &resp, &res);
	rc = cli_exit_code(res.kind);
	if (res.kind == AWS_OK) {
		int prc = output_print(stdout, ctx->a.output, OPERATION, res.body, res.body_len,
				       &err);
		if (prc < 0) {
			cli_error("%s", err);
			free(err);
			rc = prc == OUTPUT_EQUERY ? CLI_EXIT_USAGE : CLI_EXIT_SERVICE;
		}
		if (fflush(stdout) != 0)
			rc = CLI_EXIT_NETWORK;
	} else {
		report_error(&res);
	}
	scaling_response_free(&resp);
	aws_result_free(&res);
	return rc;
}

const struct cmd cmd_recommend_entry = {
	.name = "recommend",
	.summary = N_("get a scaling configuration recommendation"),
	.groups = GROUPS,
	.flags = CMD_SESSION | CMD_REQUEST,
	.usage = usage,
	.run = run,
};
