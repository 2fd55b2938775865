/* Exports of a recommendation: the JSON response, the request as a
 * --cli-input-json document, the AWS CLI commands that apply it, a
 * CloudFormation template (JSON), a Terraform configuration (HCL), and the equivalent
 * `aws sagemaker get-scaling-configuration-recommendation` command.
 * Pure functions of their input: the same input gives the same bytes. */
#ifndef SAGESCALE_EXPORT_H
#define SAGESCALE_EXPORT_H
#include "sagemaker/autoscaling.h"
#include "sagemaker/scaling.h"

enum export_format {
	EXPORT_RESPONSE_JSON,  /* the response, pretty-printed */
	EXPORT_CLI_INPUT_JSON, /* the request for --cli-input-json */
	EXPORT_AWS_CLI_APPLY,  /* sh script: register-scalable-target + put-scaling-policy */
	EXPORT_CLOUDFORMATION, /* JSON template: ScalableTarget + ScalingPolicy */
	EXPORT_GET_COMMAND,    /* aws sagemaker get-scaling-configuration-recommendation */
	EXPORT_TERRAFORM,      /* HCL: aws_appautoscaling_target + aws_appautoscaling_policy */
	EXPORT_FORMAT_COUNT
};

struct export_input {
	const struct scaling_request *req;   /* for CLI_INPUT_JSON and GET_COMMAND */
	const struct scaling_response *resp; /* for RESPONSE_JSON, AWS_CLI_APPLY, CLOUDFORMATION */
	const char *endpoint; /* endpoint and variant to scale (apply, CloudFormation) */
	const char *variant;
	const char *policy_name; /* NULL: the default (see autoscaling_plan_build) */
	const char *region;      /* NULL: commands carry no --region */
	const char *profile;     /* NULL: no --profile (none was chosen) */
	/* The calls to export when already built (apply's dry run after the
	 * metric check left some out); NULL: built from resp, endpoint,
	 * variant and policy_name. */
	const struct autoscaling_plan *plan;
};

/* Renders one format into *out (ends with a newline).  Returns 0, or -1
 * with *err (translated) when the input lacks what the format needs. */
int export_render(enum export_format f, const struct export_input *in, char **out, char **err);

/* Which inputs a format needs (for menus: grey out what cannot be made). */
bool export_needs_response(enum export_format f);
bool export_needs_target(enum export_format f); /* endpoint + variant */

/* Label for menus (translated), short key ("json", "cli-input-json",
 * "aws-cli", "cloudformation", "command") and a default file name. */
const char *export_format_label(enum export_format f);
const char *export_format_key(enum export_format f);
const char *export_default_filename(enum export_format f);
/* The format for a key, or -1. */
int export_format_from_key(const char *key);

#endif
