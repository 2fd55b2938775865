/* X-Amz-Target routing: which operation serves a request. */
#include "config.h"
#include "sim/ops.h"

#include <string.h>

static const struct sim_op sim_ops[] = {
	{ "SageMaker.GetScalingConfigurationRecommendation", "sagemaker", sim_op_get_scaling },
	{ "SageMaker.ListInferenceRecommendationsJobs", "sagemaker", sim_op_list_jobs },
	{ "SageMaker.DescribeInferenceRecommendationsJob", "sagemaker", sim_op_describe_job },
	{ "AnyScaleFrontendService.RegisterScalableTarget", "application-autoscaling",
	  sim_op_register_target },
	{ "AnyScaleFrontendService.PutScalingPolicy", "application-autoscaling",
	  sim_op_put_policy },
	{ "AnyScaleFrontendService.DescribeScalableTargets", "application-autoscaling",
	  sim_op_describe_targets },
	{ "AnyScaleFrontendService.DescribeScalingPolicies", "application-autoscaling",
	  sim_op_describe_policies },
	{ "AnyScaleFrontendService.DeregisterScalableTarget", "application-autoscaling",
	  sim_op_deregister_target },
	{ "AnyScaleFrontendService.DeleteScalingPolicy", "application-autoscaling",
	  sim_op_delete_policy },
	{ "SageMaker.ListEndpoints", "sagemaker", sim_op_list_endpoints },
	{ "SageMaker.DescribeEndpoint", "sagemaker", sim_op_describe_endpoint },
	{ "SageMaker.DescribeEndpointConfig", "sagemaker", sim_op_describe_endpoint_config },
	{ "GraniteServiceVersion20100801.ListMetrics", "monitoring", sim_op_list_metrics },
	{ "GraniteServiceVersion20100801.GetMetricData", "monitoring", sim_op_get_metric_data },
};

const struct sim_op *sim_route(const char *target)
{
	if (!target)
		return NULL;
	for (size_t i = 0; i < sizeof(sim_ops) / sizeof(sim_ops[0]); i++)
		if (strcmp(sim_ops[i].target, target) == 0)
			return &sim_ops[i];
	return NULL;
}

const char *sim_route_service(const char *target)
{
	if (target && strncmp(target, "SageMaker.", 10) == 0)
		return "sagemaker";
	if (target && strncmp(target, "AnyScaleFrontendService.", 24) == 0)
		return "application-autoscaling";
	if (target && strncmp(target, "GraniteServiceVersion20100801.", 30) == 0)
		return "monitoring";
	return NULL;
}
