/* Bad input cannot crash the simulator's operations: thousands of mutated
 * request bodies (deterministic), long strings and odd values, each must
 * give a 200 or a 4xx with a well-formed AWS error body. */
#include "config.h"
#include "../lib/unit.h"
#include "sim/fixtures.h"
#include "sim/ops.h"
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *target, *body;
} seeds[] = {
	{ "SageMaker.GetScalingConfigurationRecommendation",
	  "{\"InferenceRecommendationsJobName\":\"churn-xgboost-default\",\"RecommendationId\":"
	  "\"churn-xgboost-default/0b9f42d1\",\"TargetCpuUtilizationPerCore\":50,"
	  "\"ScalingPolicyObjective\":{\"MinInvocationsPerMinute\":1000,\"MaxInvocationsPerMinute\":20000}}" },
	{ "SageMaker.GetScalingConfigurationRecommendation",
	  "{\"InferenceRecommendationsJobName\":\"resnet50-advanced\",\"EndpointName\":\"resnet50-prod\"}" },
	{ "SageMaker.ListInferenceRecommendationsJobs",
	  "{\"NameContains\":\"bert\",\"StatusEquals\":\"COMPLETED\",\"SortBy\":\"Name\",\"SortOrder\":"
	  "\"Ascending\",\"MaxResults\":2,\"CreationTimeAfter\":1700000000,\"ModelNameEquals\":\"m\"}" },
	{ "SageMaker.DescribeInferenceRecommendationsJob", "{\"JobName\":\"bert-ner-default\"}" },
	{ "AnyScaleFrontendService.RegisterScalableTarget",
	  "{\"ServiceNamespace\":\"sagemaker\",\"ResourceId\":\"endpoint/a/variant/b\",\"ScalableDimension\":"
	  "\"sagemaker:variant:DesiredInstanceCount\",\"MinCapacity\":1,\"MaxCapacity\":4,"
	  "\"SuspendedState\":{\"DynamicScalingInSuspended\":false}}" },
	{ "AnyScaleFrontendService.PutScalingPolicy",
	  "{\"PolicyName\":\"p\",\"ServiceNamespace\":\"sagemaker\",\"ResourceId\":\"endpoint/a/variant/b\","
	  "\"ScalableDimension\":\"sagemaker:variant:DesiredInstanceCount\",\"PolicyType\":\"TargetTrackingScaling\","
	  "\"TargetTrackingScalingPolicyConfiguration\":{\"TargetValue\":70.5,\"CustomizedMetricSpecification\":"
	  "{\"MetricName\":\"m\",\"Namespace\":\"n\",\"Statistic\":\"Average\"},\"ScaleInCooldown\":300}}" },
	{ "AnyScaleFrontendService.DescribeScalableTargets",
	  "{\"ServiceNamespace\":\"sagemaker\",\"ResourceIds\":[\"endpoint/a/variant/b\"],\"MaxResults\":5}" },
	{ "AnyScaleFrontendService.DescribeScalingPolicies",
	  "{\"ServiceNamespace\":\"sagemaker\",\"PolicyNames\":[\"p\"],\"ResourceId\":\"endpoint/a/variant/b\"}" },
};

static struct sim_fixtures *fx;
static struct sim_aas *aas;
static unsigned long long rng = 0x9e3779b97f4a7c15ULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* Runs one body; checks the reply's form.  Returns the status. */
static int run(const char *target, const char *body, size_t len)
{
	struct json_tokener *tok = json_tokener_new();
	json_object *req = json_tokener_parse_ex(tok, body, (int)len);
	struct sim_reply r = { 0 };
	struct sim_ctx ctx = { fx, aas, "us-east-1", 1795000000.0 };

	json_tokener_free(tok);
	if (!req || !json_object_is_type(req, json_type_object)) {
		json_object_put(req);
		return 0; /* the server answers these itself (SerializationException) */
	}
	sim_route(target)->fn(&ctx, req, &r);
	json_object_put(req);
	assert_non_null(r.body);
	json_object *o = json_tokener_parse(r.body);
	if (!o || !json_object_is_type(o, json_type_object))
		fail_msg("not a JSON object: %s", r.body);
	if (r.status != 200) {
		if (r.status < 400 || r.status > 499)
			fail_msg("status %d for %s", r.status, body);
		assert_non_null(r.error_type);
		assert_non_null(json_object_object_get(o, "__type"));
		assert_true(json_object_object_get(o, "message") ||
			    json_object_object_get(o, "Message"));
	}
	json_object_put(o);
	int status = r.status;
	sim_reply_free(&r);
	return status;
}

static int setup(void **state)
{
	char *err = NULL;

	fx = sim_fixtures_demo(&err);
	aas = sim_aas_new();
	return fx ? 0 : -1;
}

static int teardown(void **state)
{
	sim_fixtures_free(fx);
	sim_aas_free(aas);
	return 0;
}

static void test_seeds_succeed(void **state)
{
	for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++)
		if (run(seeds[i].target, seeds[i].body, strlen(seeds[i].body)) != 200)
			fail_msg("seed %zu failed", i);
}

static void test_mutations(void **state)
{
	static const char alphabet[] = "{}[]\":,0123456789-+.eEtrufalsn \\x\x01\xff";
	int ok = 0, errors = 0;

	for (int i = 0; i < 4000; i++) {
		size_t s = rnd(sizeof(seeds) / sizeof(seeds[0]));
		struct buf b = BUF_INIT;
		buf_puts(&b, seeds[s].body);
		for (int m = 0, n = 1 + (int)rnd(4); m < n && b.len > 0; m++) {
			size_t at = rnd((unsigned)b.len);
			switch (rnd(4)) {
			case 0: b.data[at] = alphabet[rnd(sizeof(alphabet) - 1)]; break;
			case 1:
				memmove(b.data + at, b.data + at + 1, b.len - at);
				b.len--;
				break;
			case 2: {
				char c = alphabet[rnd(sizeof(alphabet) - 1)];
				buf_putc(&b, 0);
				memmove(b.data + at + 1, b.data + at, b.len - at - 1);
				b.data[at] = c;
				break;
			}
			default: { /* duplicate a slice, e.g. a member */
				size_t n2 = rnd(40) + 1;
				if (at + n2 > b.len)
					n2 = b.len - at;
				char *slice = strndup(b.data + at, n2);
				buf_append(&b, slice, n2);
				free(slice);
			}
			}
		}
		int st = run(seeds[s].target, b.data, b.len);
		if (st == 200)
			ok++;
		else if (st)
			errors++;
		buf_free(&b);
	}
	/* The mutations must reach both paths for the test to mean anything. */
	assert_true(ok > 100);
	assert_true(errors > 100);
}

static void test_odd_values(void **state)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "{\"InferenceRecommendationsJobName\":\"");
	for (int i = 0; i < 100000; i++)
		buf_putc(&b, 'a');
	buf_puts(&b, "\",\"RecommendationId\":\"x\"}");
	assert_int_equal(run(seeds[0].target, b.data, b.len), 400);
	buf_free(&b);
	static const char *const bodies[] = {
		"{\"InferenceRecommendationsJobName\":\"a\\u0000b\",\"RecommendationId\":\"x\"}",
		"{\"InferenceRecommendationsJobName\":\"\\u001b[31m\",\"RecommendationId\":\"x\"}",
		"{\"InferenceRecommendationsJobName\":\"churn-xgboost-default\",\"RecommendationId\":\"churn-xgboost-default/0b9f42d1\","
		"\"ScalingPolicyObjective\":{\"MinInvocationsPerMinute\":2147483647,\"MaxInvocationsPerMinute\":2147483647}}",
		"{\"InferenceRecommendationsJobName\":\"churn-xgboost-default\",\"RecommendationId\":\"churn-xgboost-default/0b9f42d1\","
		"\"TargetCpuUtilizationPerCore\":-0}",
		"{\"InferenceRecommendationsJobName\":null,\"RecommendationId\":null}",
		"{\"InferenceRecommendationsJobName\":\"a\",\"InferenceRecommendationsJobName\":\"b\"}",
		"{\"ScalingPolicyObjective\":{\"MinInvocationsPerMinute\":1e999}}",
		"{\"ScalingPolicyObjective\":{\"MinInvocationsPerMinute\":-1e999}}",
	};
	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		int st = run(seeds[0].target, bodies[i], strlen(bodies[i]));
		assert_true(st == 200 || (st >= 400 && st < 500) || st == 0);
	}
	static const char *const list_bodies[] = {
		"{\"MaxResults\":101}",
		"{\"NextToken\":\"\"}",
		"{\"CreationTimeAfter\":1e308}",
		"{\"CreationTimeAfter\":-1e308,\"LastModifiedTimeBefore\":0}",
		"{\"NameContains\":\"\"}",
		"{\"SortBy\":null,\"SortOrder\":null}",
	};
	for (size_t i = 0; i < sizeof(list_bodies) / sizeof(list_bodies[0]); i++)
		run("SageMaker.ListInferenceRecommendationsJobs", list_bodies[i],
		    strlen(list_bodies[i]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seeds_succeed),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_odd_values),
	};
	return cmocka_run_group_tests_name("sim-robust", tests, setup, teardown);
}
