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
