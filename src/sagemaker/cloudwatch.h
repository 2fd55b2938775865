/* CloudWatch (AWS JSON 1.0, signing name "monitoring"): ListMetrics, to
 * check that a customized metric a scaling policy will track has data. */
#ifndef SAGESCALE_CLOUDWATCH_H
#define SAGESCALE_CLOUDWATCH_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include "aws/client.h"

#define CLOUDWATCH_SERVICE "monitoring"
#define CLOUDWATCH_TARGET_PREFIX "GraniteServiceVersion20100801."

struct cloudwatch_dimension {
	const char *name, *value;
};

/* ListMetrics for namespace/name with exactly these dimension filters:
 * *exists tells whether CloudWatch knows such a metric (it lists a metric
 * once it has had data in the last two weeks).  Returns 0, or -1 with res
 * holding the failure. */
int cloudwatch_metric_exists(struct aws_client *c, const char *namespace_, const char *name,
			     const struct cloudwatch_dimension *dims, size_t ndims,
			     atomic_bool *cancel, bool *exists, struct aws_result *res);

#endif

/* The metric check before applying: for each PutScalingPolicy of plan with
 * a CustomizedMetricSpecification, is its metric (namespace, name, the
 * dimensions the policy uses) known to CloudWatch?  missing[i] (one per
 * call, allocated, caller frees) is true for a call whose metric has no
 * data; *nmissing counts them.  Returns 0, or -1 with res when a
 * ListMetrics call failed (then nothing is known). */
struct autoscaling_plan;
int cloudwatch_check_plan(struct aws_client *c, const struct autoscaling_plan *plan,
			  atomic_bool *cancel, bool **missing, size_t *nmissing,
			  struct aws_result *res);
/* The warning for the missing ones, in words a user understands
 * (translated, several lines). */
char *cloudwatch_missing_text(const struct autoscaling_plan *plan, const bool *missing);
/* Removes the calls marked missing from plan. */
void cloudwatch_drop_missing(struct autoscaling_plan *plan, const bool *missing);
