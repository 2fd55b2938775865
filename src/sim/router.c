/* X-Amz-Target routing and opaque paging tokens shared by the operations. */
#include "config.h"
#include "sim/ops.h"
#include "util/xalloc.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct sim_op sim_ops[] = {
	{ "SageMaker.GetScalingConfigurationRecommendation", "sagemaker", sim_op_get_scaling },
	{ "SageMaker.ListInferenceRecommendationsJobs", "sagemaker", sim_op_list_jobs },
	{ "SageMaker.DescribeInferenceRecommendationsJob", "sagemaker", sim_op_describe_job },
	{ "AnyScaleFrontendService.RegisterScalableTarget", "application-autoscaling",
	  sim_op_register_target },
	{ "AnyScaleFrontendService.PutScalingPolicy", "application-autoscaling", sim_op_put_policy },
	{ "AnyScaleFrontendService.DescribeScalableTargets", "application-autoscaling",
	  sim_op_describe_targets },
	{ "AnyScaleFrontendService.DescribeScalingPolicies", "application-autoscaling",
	  sim_op_describe_policies },
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
	return NULL;
}

unsigned long sim_fingerprint(const char *text)
{
	unsigned long h = 2166136261u;

	for (; *text; text++)
		h = ((h ^ (unsigned char)*text) * 16777619u) & 0xffffffffu;
	return h;
}

char *sim_token_encode(size_t offset, unsigned long fingerprint)
{
	char *plain = xasprintf("sagescale-sim:v1:%zu:%08lx", offset, fingerprint);
	size_t n = strlen(plain);
	char *out = xmalloc(4 * ((n + 2) / 3) + 1);

	EVP_EncodeBlock((unsigned char *)out, (const unsigned char *)plain, (int)n);
	free(plain);
	return out;
}

bool sim_token_decode(const char *token, unsigned long fingerprint, size_t *offset)
{
	size_t n = strlen(token);
	unsigned char *plain;
	size_t off;
	unsigned long fp;
	int used = 0;
	bool ok;

	if (n == 0 || n % 4 || n > 256)
		return false;
	plain = xcalloc(1, n + 1);
	ok = EVP_DecodeBlock(plain, (const unsigned char *)token, (int)n) > 0 &&
	     sscanf((char *)plain, "sagescale-sim:v1:%zu:%8lx%n", &off, &fp, &used) == 2 &&
	     fp == fingerprint && off < 1000000;
	free(plain);
	if (ok)
		*offset = off;
	return ok;
}
