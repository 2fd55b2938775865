/* `sagescale whoami`: STS GetCallerIdentity (Account, Arn, UserId), printed
 * as `aws sts get-caller-identity --output json|table|text` prints it. */
#include "config.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws/sts.h"
#include "cli/cmd.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/session.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static void whoami_help(FILE *out)
{
	fputs(_("Usage: sagescale whoami [--output json|table|text]\n"
		"Shows the account, ARN and user id of the credentials in use (STS\n"
		"GetCallerIdentity), as `aws sts get-caller-identity` does.\n"),
	      out);
	cli_print_group_help(out, CLI_GROUP_CONN | CLI_GROUP_OUTPUT);
}

/* The answer as botocore builds it: the members in the shape's order. */
static char *identity_json(const struct sts_identity *id)
{
	json_object *o = json_object_new_object();
	char *out;

	json_object_object_add(o, "UserId", json_object_new_string(id->user_id));
	json_object_object_add(o, "Account", json_object_new_string(id->account));
	json_object_object_add(o, "Arn", json_object_new_string(id->arn));
	out = xstrdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
								JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return out;
}

static int print_identity(const struct cli_args *a, const struct sts_identity *id)
{
	char *json = identity_json(id), *err = NULL;
	int rc = CLI_EXIT_OK;

	if (output_print(stdout, a->output, "GetCallerIdentity", json, strlen(json), &err) != 0) {
		cli_error("%s", err);
		free(err);
		rc = CLI_EXIT_SERVICE;
	}
	free(json);
	return rc;
}

/* STS errors get their own hint (sts_error_hint) instead of the generic one. */
static int report(const struct aws_result *res)
{
	int rc = cli_report_call("GetCallerIdentity", res, false);
	const char *hint = sts_error_hint(res);

	if (hint)
		fprintf(stderr, "%s\n", hint);
	return rc;
}

static int whoami_run(struct cmd_ctx *ctx)
{
	struct sts_conn conn;
	struct sts_identity id;
	struct aws_result res;
	int rc;

	session_sts_conn(&ctx->s, &conn);
	/* whoami's own service is STS: --endpoint-url moves it, as with
	 * `aws sts get-caller-identity --endpoint-url`. */
	if (ctx->a.conn.endpoint_url && *ctx->a.conn.endpoint_url)
		conn.endpoint = ctx->a.conn.endpoint_url;
	if (sts_get_caller_identity(&conn, &id, &res) != AWS_OK) {
		rc = report(&res);
	} else {
		rc = print_identity(&ctx->a, &id);
		sts_identity_free(&id);
	}
	aws_result_free(&res);
	return rc;
}

const struct cmd cmd_whoami_entry = {
	.name = "whoami",
	.summary = N_("show the account and identity of the credentials (STS)"),
	.groups = CLI_GROUP_CONN | CLI_GROUP_OUTPUT,
	.flags = CMD_SESSION,
	.usage = whoami_help,
	.run = whoami_run,
};
