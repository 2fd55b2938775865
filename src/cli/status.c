/* `sagescale status ENDPOINT [--variant V]`: each production variant of an
 * endpoint (instance type, instance counts) and the scaling Application
 * Auto Scaling holds for it now, in the usual output formats. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/output.h"
#include "cli/target.h"
#include "util/json.h"
#include "sagemaker/scalestate.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum { OPT_VARIANT = CLI_OPT_USER };

static const struct option status_opts[] = { { "variant", required_argument, NULL, OPT_VARIANT },
					     { "target-variant", required_argument, NULL,
					       OPT_VARIANT },
					     { NULL, 0, NULL, 0 } };

struct status_opts {
	const char *variant;
};

static int status_handle(int val, const char *flag, const char *arg, void *ud, char **err)
{
	struct status_opts *o = ud;

	if (val != OPT_VARIANT)
		return -1;
	if (!*arg) {
		*err = xasprintf(_("%s: must not be empty"), flag);
		return -1;
	}
	o->variant = arg;
	return 0;
}

static void status_help(FILE *out)
{
	fputs(_("Usage: sagescale status [ENDPOINT [--variant V]] [--output json|table|text]\n"
		"Without ENDPOINT, lists the endpoints (ListEndpoints, every page, InService\n"
		"first).  With it, shows the endpoint's production variants (instance type,\n"
		"current and desired instance count) and the scaling configured for each\n"
		"now: the scalable target and its policies (DescribeScalableTargets,\n"
		"DescribeScalingPolicies).\n"
		"  --variant V           only this variant (also --target-variant)\n"),
	      out);
	cli_print_group_help(out, CLI_GROUP_CONN | CLI_GROUP_OUTPUT);
}

static void put_count(json_object *o, const char *k, int v)
{
	if (v >= 0)
		json_object_object_add(o, k, json_object_new_int(v));
}

/* One variant with its scaling; -1 with the failure reported. */
static int variant_json(struct session *s, const struct endpoints_detail *d,
			const struct endpoints_variant *v, json_object *arr)
{
	char *rid = xasprintf("endpoint/%s/variant/%s", d->name, v->name);
	struct scalestate st;
	struct aws_result res;
	const char *op;
	int rc = scalestate_read(s->client, rid, NULL, &st, &op, &res);

	free(rid);
	if (rc != 0) {
		rc = cli_report_call(op, &res, true);
		aws_result_free(&res);
		return rc;
	}
	aws_result_free(&res);
	json_object *o = scalestate_json(&st), *out = json_object_new_object();

	json_object_object_add(out, "VariantName", json_object_new_string(v->name));
	jsonutil_put_str(out, "InstanceType", v->instance_type);
	put_count(out, "CurrentInstanceCount", v->current_count);
	put_count(out, "DesiredInstanceCount", v->desired_count);
	json_object_object_foreach(o, k, val) json_object_object_add(out, k, json_object_get(val));
	json_object_put(o);
	json_object_array_add(arr, out);
	scalestate_free(&st);
	return 0;
}

static int list_run(struct cmd_ctx *ctx)
{
	struct endpoints_list l;
	struct aws_result res;

	if (endpoints_list_all(ctx->s.client, NULL, NULL, &l, &res) != 0) {
		int rc = cli_report_call("ListEndpoints", &res, true);

		aws_result_free(&res);
		return rc;
	}
	aws_result_free(&res);
	json_object *doc = json_object_new_object(), *arr = json_object_new_array();

	for (size_t i = 0; i < l.n; i++) {
		json_object *e = json_object_new_object();

		json_object_object_add(e, "EndpointName", json_object_new_string(l.items[i].name));
		json_object_object_add(e, "EndpointStatus",
				       json_object_new_string(l.items[i].status));
		json_object_array_add(arr, e);
	}
	json_object_object_add(doc, "Endpoints", arr);
	endpoints_list_free(&l);
	char *json = jsonutil_text_put(doc), *err = NULL;
	int rc = CLI_EXIT_OK;

	if (output_print(stdout, ctx->a.output, "ListEndpoints", json, strlen(json), &err) != 0) {
		cli_error("%s", err);
		free(err);
		rc = CLI_EXIT_SERVICE;
	}
	free(json);
	return rc;
}

static int status_run(struct cmd_ctx *ctx)
{
	const struct status_opts *o = ctx->opts;
	struct endpoints_detail d;
	const char *variant = o->variant;

	if (ctx->a.nrest == 0) {
		if (variant) {
			cli_error("%s", _("--variant: give the endpoint too"));
			return CLI_EXIT_USAGE;
		}
		return list_run(ctx);
	}
	int rc = cli_target_describe(&ctx->s, ctx->a.rest[0], &d);

	if (rc != 0)
		return rc;
	if (variant && (rc = cli_target_variant(&d, &variant)) != 0) {
		endpoints_detail_free(&d);
		return rc;
	}
	json_object *doc = json_object_new_object(), *arr = json_object_new_array();

	json_object_object_add(doc, "EndpointName", json_object_new_string(d.name));
	json_object_object_add(doc, "EndpointStatus", json_object_new_string(d.status));
	jsonutil_put_str(doc, "FailureReason", d.failure_reason);
	jsonutil_put_str(doc, "EndpointConfigName", d.config_name);
	json_object_object_add(doc, "ProductionVariants", arr);
	for (size_t i = 0; i < d.nvariants && rc == 0; i++)
		if (!variant || strcmp(variant, d.variants[i].name) == 0)
			rc = variant_json(&ctx->s, &d, &d.variants[i], arr);
	if (rc == 0) {
		char *json = jsonutil_text(doc), *err = NULL;

		if (output_print(stdout, ctx->a.output, "Status", json, strlen(json), &err) != 0) {
			cli_error("%s", err);
			free(err);
			rc = CLI_EXIT_SERVICE;
		}
		free(json);
	}
	json_object_put(doc);
	endpoints_detail_free(&d);
	return rc;
}

const struct cmd cmd_status_entry = {
	.name = "status",
	.summary = N_("endpoints, an endpoint's variants and the scaling configured now"),
	.groups = CLI_GROUP_CONN | CLI_GROUP_OUTPUT,
	.flags = CMD_SESSION,
	.args_min = 0,
	.args_max = 1,
	.args_extra = N_("give one endpoint name"),
	.usage = status_help,
	.longopts = status_opts,
	.handle = status_handle,
	.opts_size = sizeof(struct status_opts),
	.run = status_run,
};
