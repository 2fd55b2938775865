/* The operations the simulator answers, and the table that routes an
 * X-Amz-Target to one of them with the signing name it expects. */
#ifndef SAGESCALE_SIM_OPS_H
#define SAGESCALE_SIM_OPS_H
#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>
#include "sim/fixtures.h"
#include "sim/reply.h"

struct sim_aas; /* Application Auto Scaling state (ops-aas.c) */

struct sim_ctx {
	const struct sim_fixtures *fx;
	struct sim_aas *aas;
	const char *region;
	double now; /* the server's clock (skew included), epoch seconds */
};

typedef void sim_op_fn(const struct sim_ctx *ctx, json_object *req, struct sim_reply *r);

struct sim_op {
	const char *target;  /* "SageMaker.DescribeInferenceRecommendationsJob" */
	const char *service; /* signing name: "sagemaker", "application-autoscaling", "monitoring" */
	sim_op_fn *fn;
};

/* NULL for an unknown target. */
const struct sim_op *sim_route(const char *target);
/* The signing name a target's prefix implies (for an unknown operation),
 * or NULL. */
const char *sim_route_service(const char *target);

sim_op_fn sim_op_get_scaling, sim_op_list_jobs, sim_op_describe_job;
sim_op_fn sim_op_register_target, sim_op_put_policy, sim_op_describe_targets,
	sim_op_describe_policies, sim_op_deregister_target, sim_op_delete_policy;
/* ops-endpoints.c: the demo's production endpoints and their metrics. */
sim_op_fn sim_op_list_endpoints, sim_op_describe_endpoint, sim_op_describe_endpoint_config,
	sim_op_list_metrics;

/* ops-metricdata.c: CloudWatch GetMetricData for the demo endpoints' invocations. */
sim_op_fn sim_op_get_metric_data;

struct sim_aas *sim_aas_new(void);
void sim_aas_free(struct sim_aas *a);
/* The demo's scaling already in place: fraud-prod/AllTraffic registered
 * (2 to 6) with two target-tracking policies. */
void sim_aas_seed_demo(struct sim_aas *a, const char *region, double now);

/* The paging tokens every listing operation uses. */
#include "sim/token.h"

/* Account id used in every ARN the simulator makes up. */
#define SIM_ACCOUNT "123456789012"

#endif
