/* The export formats of a recommendation (see export.h).  Apply commands
 * and CloudFormation are made from the same autoscaling plan that
 * `sagescale apply` sends, so the three always agree. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "export/export.h"
#include "export/shell.h"
#include "export/terraform.h"
#include "sagemaker/autoscaling.h"
#include "sagemaker/recvalid.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xalloc.h"

#define PRETTY (JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE)

static const struct {
	const char *key, *label, *file;
	bool response, target;
} formats[EXPORT_FORMAT_COUNT] = {
	[EXPORT_RESPONSE_JSON] = { "json", N_("JSON response"), "recommendation.json", true,
				   false },
	[EXPORT_CLI_INPUT_JSON] = { "cli-input-json", N_("Request as --cli-input-json"),
				    "request.json", false, false },
	[EXPORT_AWS_CLI_APPLY] = { "aws-cli", N_("AWS CLI commands to apply"), "apply-scaling.sh",
				   true, true },
	[EXPORT_CLOUDFORMATION] = { "cloudformation", N_("CloudFormation template (JSON)"),
				    "scaling-policy.template.json", true, true },
	[EXPORT_GET_COMMAND] = { "command", N_("aws sagemaker command for this request"),
				 "get-recommendation.sh", false, false },
	[EXPORT_TERRAFORM] = { "terraform", N_("Terraform configuration (HCL)"), "scaling.tf", true,
			       true },
};

bool export_needs_response(enum export_format f)
{
	return formats[f].response;
}
bool export_needs_target(enum export_format f)
{
	return formats[f].target;
}
const char *export_format_label(enum export_format f)
{
	return _(formats[f].label);
}
const char *export_format_key(enum export_format f)
{
	return formats[f].key;
}
const char *export_default_filename(enum export_format f)
{
	return formats[f].file;
}

int export_format_from_key(const char *key)
{
	for (int f = 0; f < EXPORT_FORMAT_COUNT; f++)
		if (strcmp(formats[f].key, key) == 0)
			return f;
	return -1;
}

static char *pretty(json_object *o)
{
	char *s = sanitize_json_text(json_object_to_json_string_ext(o, PRETTY));
	char *t = xasprintf("%s\n", s);

	free(s);
	return t;
}

static int render_response(const struct export_input *in, char **out, char **err)
{
	const char *raw = in->resp->raw_json;
	json_object *o = raw ? json_tokener_parse(raw) : NULL;

	if (!o) {
		*err = xstrdup(_("The response is not JSON: nothing to export."));
		return -1;
	}
	*out = pretty(o);
	json_object_put(o);
	return 0;
}

static int render_cli_input(const struct export_input *in, char **out, char **err)
{
	json_object *o = scaling_request_object(in->req);

	*out = pretty(o);
	json_object_put(o);
	return 0;
}

static int render_get_command(const struct export_input *in, char **out, char **err)
{
	char *json = scaling_request_to_json(in->req);

	*out = shell_aws_command_pinned("sagemaker", "GetScalingConfigurationRecommendation", json,
					in->region, in->profile);
	free(json);
	return 0;
}

static int plan_for(const struct export_input *in, struct autoscaling_plan *plan, char **err)
{
	if (in->plan) {
		autoscaling_plan_copy(in->plan, plan);
		return 0;
	}
	return autoscaling_plan_build(in->resp, in->endpoint, in->variant, in->policy_name, plan,
				      err);
}

static int render_cli_apply(const struct export_input *in, char **out, char **err)
{
	struct autoscaling_plan plan;

	if (plan_for(in, &plan, err) != 0)
		return -1;
	struct buf b = BUF_INIT;

	/* The script's comments stay in English: an export is the same
	 * bytes whatever the locale. */
	buf_puts(&b, "#!/bin/sh\n");
	buf_puts(&b,
		 "# Applies a SageMaker scaling recommendation with Application Auto Scaling.\n");
	buf_puts(&b, "set -e\n");
	if (plan.nskipped)
		buf_printf(
			&b,
			"# %zu scaling policy(ies) of a kind sagescale cannot translate were left out.\n",
			plan.nskipped);
	for (size_t i = 0; i < plan.ncalls; i++) {
		char *cmd = shell_aws_command_pinned("application-autoscaling", plan.calls[i].op,
						     plan.calls[i].json, in->region, in->profile);

		buf_puts(&b, cmd);
		free(cmd);
	}
	autoscaling_plan_free(&plan);
	*out = buf_steal(&b);
	return 0;
}

/* A CloudFormation resource from one call's body: the members the resource
 * type shares with the API, under Properties. */
static json_object *cfn_resource(const char *type, json_object *props)
{
	json_object *r = json_object_new_object();

	json_object_object_add(r, "Type", json_object_new_string(type));
	json_object_object_add(r, "Properties", props);
	return r;
}

static void copy_member(json_object *dst, json_object *src, const char *key)
{
	json_object *v;

	if (json_object_object_get_ex(src, key, &v))
		json_object_object_add(dst, key, json_object_get(v));
}

static int render_cloudformation(const struct export_input *in, char **out, char **err)
{
	struct autoscaling_plan plan;

	if (plan_for(in, &plan, err) != 0)
		return -1;
	json_object *tpl = json_object_new_object();
	json_object *res = json_object_new_object();

	json_object_object_add(tpl, "AWSTemplateFormatVersion",
			       json_object_new_string("2010-09-09"));
	json_object_object_add(
		tpl, "Description",
		json_object_new_string(
			"SageMaker endpoint variant autoscaling from a scaling configuration recommendation"));
	for (size_t i = 0; i < plan.ncalls; i++) {
		json_object *body = json_tokener_parse(plan.calls[i].json);
		json_object *props = json_object_new_object();

		if (i == 0) {
			copy_member(props, body, "MaxCapacity");
			copy_member(props, body, "MinCapacity");
			copy_member(props, body, "ResourceId");
			copy_member(props, body, "ScalableDimension");
			copy_member(props, body, "ServiceNamespace");
			json_object_object_add(
				res, "ScalableTarget",
				cfn_resource("AWS::ApplicationAutoScaling::ScalableTarget", props));
		} else {
			json_object *ref = json_object_new_object();
			char *name = xasprintf("ScalingPolicy%zu", i);

			copy_member(props, body, "PolicyName");
			copy_member(props, body, "PolicyType");
			json_object_object_add(ref, "Ref",
					       json_object_new_string("ScalableTarget"));
			json_object_object_add(props, "ScalingTargetId", ref);
			copy_member(props, body, "TargetTrackingScalingPolicyConfiguration");
			json_object_object_add(
				res, name,
				cfn_resource("AWS::ApplicationAutoScaling::ScalingPolicy", props));
			free(name);
		}
		json_object_put(body);
	}
	json_object_object_add(tpl, "Resources", res);
	*out = pretty(tpl);
	json_object_put(tpl);
	autoscaling_plan_free(&plan);
	return 0;
}

static int render_terraform(const struct export_input *in, char **out, char **err)
{
	struct autoscaling_plan plan;

	if (plan_for(in, &plan, err) != 0)
		return -1;
	*out = terraform_render(&plan, in->region);
	autoscaling_plan_free(&plan);
	return 0;
}

int export_render(enum export_format f, const struct export_input *in, char **out, char **err)
{
	*out = NULL;
	if ((unsigned)f >= EXPORT_FORMAT_COUNT) {
		*err = xstrdup(_("Unknown export format."));
		return -1;
	}
	if (formats[f].response && !in->resp) {
		*err = xstrdup(_("There is no recommendation to export yet."));
		return -1;
	}
	/* Every export of a recommendation, the raw answer included, says
	 * the same as apply: nonsense from the service is refused. */
	if (formats[f].response && recvalid_check(in->resp, err) != 0)
		return -1;
	if (!formats[f].response && !in->req) {
		*err = xstrdup(_("There is no request to export."));
		return -1;
	}
	switch (f) {
	case EXPORT_RESPONSE_JSON: return render_response(in, out, err);
	case EXPORT_CLI_INPUT_JSON: return render_cli_input(in, out, err);
	case EXPORT_AWS_CLI_APPLY: return render_cli_apply(in, out, err);
	case EXPORT_CLOUDFORMATION: return render_cloudformation(in, out, err);
	case EXPORT_GET_COMMAND: return render_get_command(in, out, err);
	case EXPORT_TERRAFORM: return render_terraform(in, out, err);
	default: break;
	}
	return -1;
}
