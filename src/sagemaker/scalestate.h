/* The scaling of one endpoint variant as Application Auto Scaling holds it
 * (DescribeScalableTargets + DescribeScalingPolicies), the same for what a
 * plan asks, and the comparisons apply needs: the diff shown before
 * writing, and the check after it. */
#ifndef SAGESCALE_SCALESTATE_H
#define SAGESCALE_SCALESTATE_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>
#include "aws/client.h"
#include "sagemaker/autoscaling.h"

struct scalestate_policy {
	char *name, *type;
	char *metric;    /* predefined type, or "Namespace MetricName"; NULL: none */
	char *statistic; /* customized metrics only */
	bool has_target;
	double target;
	long long in_cd, out_cd; /* cooldowns in seconds, -1 when absent */
	json_object *raw;        /* the policy as described (or as the plan puts it) */
};

struct scalestate {
	char *resource_id;
	bool has_target;
	long long min, max;
	json_object *target_raw; /* the ScalableTarget as described, or NULL */
	struct scalestate_policy *policies;
	size_t npolicies;
};

/* Reads resource_id's target and every page of its policies.  *op names
 * the call that failed.  Returns 0 or -1 (res holds why). */
int scalestate_read(struct aws_client *c, const char *resource_id, atomic_bool *cancel,
		    struct scalestate *st, const char **op, struct aws_result *res);
/* What plan will leave: its target and policies (plan borrowed). */
void scalestate_from_plan(const struct autoscaling_plan *plan, struct scalestate *st);
void scalestate_free(struct scalestate *st);
const struct scalestate_policy *scalestate_find(const struct scalestate *st, const char *name);

/* "now against recommended" as aligned text, translated: capacities,
 * cooldowns, each policy's metric, statistic and target value, and the
 * policies that exist now but are not recommended (apply keeps them). */
char *scalestate_diff(const struct scalestate *now, const struct scalestate *want);
/* NULL when now holds everything want asks for; else the differences,
 * one per line (translated). */
char *scalestate_verify(const struct scalestate *now, const struct scalestate *want);
/* have holds want: equal JSON values, numbers as numbers (50 and 50.0),
 * objects compared on want's members only (the service adds its own). */
bool scalestate_json_covers(json_object *have, json_object *want);
/* {"ResourceId", "ScalableTarget": {...}|null, "ScalingPolicies": [...]}
 * (new reference). */
json_object *scalestate_json(const struct scalestate *st);

#endif
