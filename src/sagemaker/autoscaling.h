/* Application Auto Scaling: turning a scaling recommendation into the calls
 * that apply it (a "plan"), sending them, and reading back what is set. */
#ifndef SAGESCALE_AUTOSCALING_H
#define SAGESCALE_AUTOSCALING_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include "aws/client.h"
#include "sagemaker/scaling.h"

#define AUTOSCALING_SERVICE "application-autoscaling"
#define AUTOSCALING_NAMESPACE "sagemaker"
#define AUTOSCALING_DIMENSION "sagemaker:variant:DesiredInstanceCount"

/* One call: the operation ("RegisterScalableTarget", "PutScalingPolicy")
 * and its JSON request body, members in the service model's order. */
struct autoscaling_call {
	char *op;
	char *json;
	char *label; /* what it is about: the resource id, or the policy name */
};

struct autoscaling_plan {
	struct autoscaling_call
		*calls; /* RegisterScalableTarget first, then one PutScalingPolicy per policy */
	size_t ncalls;
	size_t nskipped;   /* policies of a kind this program cannot translate */
	char *resource_id; /* endpoint/<endpoint>/variant/<variant> */
};

/* Builds the calls that apply resp to endpoint/variant.  Field names are
 * translated (Predefined -> PredefinedMetricSpecification, Customized ->
 * CustomizedMetricSpecification, with the EndpointName and VariantName
 * dimensions CloudWatch needs); the cooldowns go into every policy.
 * policy_name (NULL: "sagescale-<endpoint>-<variant>") names the only
 * policy, or is suffixed "-1", "-2", ... when there are several.
 * The recommendation is checked first (recvalid_check: the model's ranges).
 * Returns 0, or -1 with *err (translated) when it is not valid or there is
 * nothing to apply
 * (no DynamicScalingConfiguration, no capacities, empty endpoint/variant). */
int autoscaling_plan_build(const struct scaling_response *resp, const char *endpoint,
			   const char *variant, const char *policy_name,
			   struct autoscaling_plan *plan, char **err);
void autoscaling_plan_free(struct autoscaling_plan *plan);
/* Appends one call to plan: op (the Application Auto Scaling action),
 * label (what it is about, for the preview) and body, whose reference is
 * taken (it is kept as JSON text). */
void autoscaling_plan_add(struct autoscaling_plan *plan, const char *op, const char *label,
			  struct json_object *body);
/* A deep copy of src into dst (free both). */
void autoscaling_plan_copy(const struct autoscaling_plan *src, struct autoscaling_plan *dst);
/* A call's body indented for reading (the same JSON value). */
char *autoscaling_call_pretty(const struct autoscaling_call *c);

/* Sends the plan's calls in order, stopping at the first failure: then
 * *failed is its index and res holds the error; on success *failed is
 * plan->ncalls.  responses (may be NULL) receives each call's body
 * (caller frees each and the array).  Returns 0 or -1. */
int autoscaling_plan_run(struct aws_client *c, const struct autoscaling_plan *plan,
			 atomic_bool *cancel, size_t *failed, char ***responses,
			 struct aws_result *res);

/* DescribeScalableTargets / DescribeScalingPolicies for the sagemaker
 * namespace, optionally narrowed to one resource id (NULL: all).  The
 * raw body is in res->body. */
int autoscaling_describe_targets(struct aws_client *c, const char *resource_id, atomic_bool *cancel,
				 struct aws_result *res);
int autoscaling_describe_policies(struct aws_client *c, const char *resource_id,
				  atomic_bool *cancel, struct aws_result *res);

/* The shortest text that reads back as v, with ".0" when integral. */
char *autoscaling_format_double(double v);

/* "AnyScaleFrontendService.<op>" */
char *autoscaling_target(const char *op);

#endif
