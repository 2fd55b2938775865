/* GetScalingConfigurationRecommendation: validation rules and their
 * boundaries, request JSON, --cli-input-json, response parsing (known and
 * unknown union members, missing fields, wrong types). */
#include "config.h"
#include "../lib/unit.h"
#include "sagemaker/scaling.h"

#include <stdlib.h>
#include <string.h>

static char *repeat(char c, size_t n)
{
	char *s = malloc(n + 1);

	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/* ok: the field accepts text; else the message names label and says "got". */
static void field(enum scaling_field f, const char *text, bool ok, const char *must_contain)
{
	char *err = NULL;
	int rc = scaling_validate_field(f, text, &err);

	if (ok) {
		if (rc != 0)
			fail_msg("\"%s\" refused: %s", text, err);
		assert_null(err);
		return;
	}
	if (rc != -1)
		fail_msg("\"%s\" accepted for %s", text, scaling_field_flag(f));
	assert_non_null(err);
	assert_non_null(strstr(err, scaling_field_flag(f)));
	if (must_contain && !strstr(err, must_contain))
		fail_msg("\"%s\" lacks \"%s\"", err, must_contain);
	assert_null(strchr(err, '\n'));
	free(err);
}

static void test_job_name_rules(void **state)
{
	char *s64 = repeat('a', 64), *s65 = repeat('b', 65);

	(void)state;
	field(SCALING_FIELD_JOB, "a", true, NULL);
	field(SCALING_FIELD_JOB, "A9", true, NULL);
	field(SCALING_FIELD_JOB, "my-job-1", true, NULL);
	field(SCALING_FIELD_JOB, "a--b", true, NULL);
	field(SCALING_FIELD_JOB, s64, true, NULL);
	field(SCALING_FIELD_JOB, s65, false, "64");
	field(SCALING_FIELD_JOB, "", false, "empty");
	field(SCALING_FIELD_JOB, "-a", false, "got \"-a\"");
	field(SCALING_FIELD_JOB, "a-", false, "hyphens");
	field(SCALING_FIELD_JOB, "-", false, NULL);
	field(SCALING_FIELD_JOB, "a_b", false, "got \"a_b\"");
	field(SCALING_FIELD_JOB, "a b", false, NULL);
	field(SCALING_FIELD_JOB, "caf\xc3\xa9", false, NULL);
	free(s64);
	free(s65);
}

static void test_endpoint_name_rules(void **state)
{
	char *s63 = repeat('e', 63), *s64 = repeat('e', 64);

	(void)state;
	field(SCALING_FIELD_ENDPOINT_NAME, "e", true, NULL);
	field(SCALING_FIELD_ENDPOINT_NAME, "ep-1", true, NULL);
	field(SCALING_FIELD_ENDPOINT_NAME, s63, true, NULL);
	field(SCALING_FIELD_ENDPOINT_NAME, s64, false, "63");
	field(SCALING_FIELD_ENDPOINT_NAME, "", false, NULL);
	field(SCALING_FIELD_ENDPOINT_NAME, "ep-", false, NULL);
	field(SCALING_FIELD_ENDPOINT_NAME, "ep.1", false, NULL);
	free(s63);
	free(s64);
}

static void test_recommendation_id_rules(void **state)
{
	(void)state;
	field(SCALING_FIELD_RECOMMENDATION_ID, "rec-1_x/y", true, NULL);
	field(SCALING_FIELD_RECOMMENDATION_ID, "", false, "empty");
}

static void test_cpu_rules(void **state)
{
	(void)state;
	field(SCALING_FIELD_CPU, "1", true, NULL);
	field(SCALING_FIELD_CPU, "50", true, NULL);
	field(SCALING_FIELD_CPU, "100", true, NULL);
	field(SCALING_FIELD_CPU, "0", false, "from 1 to 100");
	field(SCALING_FIELD_CPU, "101", false, "(got \"101\")");
	field(SCALING_FIELD_CPU, "abc", false,
	      "--cpu: must be a whole number from 1 to 100 (got \"abc\")");
	field(SCALING_FIELD_CPU, "", false, NULL);
	field(SCALING_FIELD_CPU, "5.5", false, NULL);
	field(SCALING_FIELD_CPU, "-1", false, NULL);
	field(SCALING_FIELD_CPU, "99999999999999999999999", false, NULL);
}

static void test_invocation_rules(void **state)
{
	(void)state;
	field(SCALING_FIELD_MIN_INVOCATIONS, "0", true, NULL);
	field(SCALING_FIELD_MIN_INVOCATIONS, "2147483647", true, NULL);
	field(SCALING_FIELD_MIN_INVOCATIONS, "2147483648", false, "0 to 2147483647");
	field(SCALING_FIELD_MAX_INVOCATIONS, "-1", false, "--max-invocations");
	field(SCALING_FIELD_MAX_INVOCATIONS, "1e3", false, NULL);
}

static void test_label_is_used(void **state)
{
	char *err = NULL;

	(void)state;
	assert_int_equal(scaling_check_field(SCALING_FIELD_CPU, "x",
					     "--target-cpu-utilization-per-core", &err),
			 -1);
	assert_string_equal(err, "--target-cpu-utilization-per-core: must be a whole number "
				 "from 1 to 100 (got \"x\")");
	free(err);
}

static void test_bad_value_is_sanitised_and_cut(void **state)
{
	char *err = NULL, *long_bad = repeat('_', 500);

	(void)state;
	assert_int_equal(scaling_validate_field(SCALING_FIELD_JOB, "a\x1b[2Jb", &err), -1);
	assert_null(strchr(err, 0x1b));
	free(err);
	assert_int_equal(scaling_validate_field(SCALING_FIELD_RECOMMENDATION_ID, "", &err), -1);
	free(err);
	long_bad[0] = 'a';
	assert_int_equal(scaling_validate_field(SCALING_FIELD_JOB, long_bad, &err), -1);
	assert_true(strlen(err) < 200);
	free(err);
	free(long_bad);
}

static struct scaling_request base(void)
{
	struct scaling_request r = { 0 };

	r.job_name = strdup("my-job");
	r.recommendation_id = strdup("rec-1");
	return r;
}

static void request_fails(struct scaling_request *r, enum scaling_field want, const char *text)
{
	enum scaling_field bad = SCALING_FIELD_COUNT;
	char *err = NULL;

	assert_int_equal(scaling_request_validate(r, &bad, &err), -1);
	assert_int_equal(bad, want);
	if (!strstr(err, text))
		fail_msg("\"%s\" lacks \"%s\"", err, text);
	free(err);
}

static void test_request_rules(void **state)
{
	struct scaling_request r = base();
	char *err = NULL;

	(void)state;
	assert_int_equal(scaling_request_validate(&r, NULL, &err), 0);
	/* exactly one of recommendation id / endpoint name */
	r.endpoint_name = strdup("ep");
	request_fails(&r, SCALING_FIELD_ENDPOINT_NAME, "got both");
	free(r.recommendation_id);
	r.recommendation_id = NULL;
	assert_int_equal(scaling_request_validate(&r, NULL, &err), 0);
	free(r.endpoint_name);
	r.endpoint_name = NULL;
	request_fails(&r, SCALING_FIELD_RECOMMENDATION_ID, "got neither");
	scaling_request_free(&r);

	r = base();
	free(r.job_name);
	r.job_name = NULL;
	request_fails(&r, SCALING_FIELD_JOB, "--job: is required");
	scaling_request_free(&r);

	r = base();
	r.cpu = (struct opt_int){ true, 0 };
	request_fails(&r, SCALING_FIELD_CPU, "1 to 100");
	r.cpu = (struct opt_int){ true, 100 };
	r.min_invocations = (struct opt_int){ true, 10 };
	r.max_invocations = (struct opt_int){ true, 10 };
	assert_int_equal(scaling_request_validate(&r, NULL, &err), 0);
	r.max_invocations.v = 9;
	request_fails(&r, SCALING_FIELD_MIN_INVOCATIONS, "(got 10 > 9)");
	r.max_invocations.v = -1;
	request_fails(&r, SCALING_FIELD_MAX_INVOCATIONS, "from 0");
	scaling_request_free(&r);
}

static void test_request_labels(void **state)
{
	struct scaling_request r = base();
	const char *labels[SCALING_FIELD_COUNT] = { 0 };
	char *err = NULL;

	(void)state;
	labels[SCALING_FIELD_JOB] = "--inference-recommendations-job-name";
	free(r.job_name);
	r.job_name = strdup("bad_name");
	assert_int_equal(scaling_request_check(&r, labels, NULL, &err), -1);
	assert_non_null(strstr(err, "--inference-recommendations-job-name: "));
	free(err);
	scaling_request_free(&r);
}

static void test_request_json_order(void **state)
{
	struct scaling_request r = { 0 };
	char *j;

	(void)state;
	r.job_name = strdup("my-job");
	r.endpoint_name = strdup("ep-1");
	r.cpu = (struct opt_int){ true, 70 };
	r.min_invocations = (struct opt_int){ true, 5 };
	r.max_invocations = (struct opt_int){ true, 900 };
	j = scaling_request_to_json(&r);
	assert_string_equal(j, "{\"InferenceRecommendationsJobName\":\"my-job\","
			       "\"EndpointName\":\"ep-1\",\"TargetCpuUtilizationPerCore\":70,"
			       "\"ScalingPolicyObjective\":{\"MinInvocationsPerMinute\":5,"
			       "\"MaxInvocationsPerMinute\":900}}");
	free(j);
	scaling_request_free(&r);

	/* Unset optional fields are not sent (the service's defaults apply). */
	r.job_name = strdup("j");
	r.recommendation_id = strdup("r/1");
	r.max_invocations = (struct opt_int){ true, 0 };
	j = scaling_request_to_json(&r);
	assert_string_equal(
		j, "{\"InferenceRecommendationsJobName\":\"j\",\"RecommendationId\":\"r/1\","
		   "\"ScalingPolicyObjective\":{\"MaxInvocationsPerMinute\":0}}");
	free(j);
	scaling_request_free(&r);
}

static void test_request_from_json(void **state)
{
	struct scaling_request r = { 0 }, c;
	char *err = NULL;

	(void)state;
	assert_int_equal(
		scaling_request_from_json(
			"{\"InferenceRecommendationsJobName\": \"j1\", \"EndpointName\": \"e\","
			" \"RecommendationId\": null, \"TargetCpuUtilizationPerCore\": 60,"
			" \"ScalingPolicyObjective\": {\"MinInvocationsPerMinute\": 1,"
			" \"MaxInvocationsPerMinute\": 2}}",
			&r, &err),
		0);
	assert_string_equal(r.job_name, "j1");
	assert_string_equal(r.endpoint_name, "e");
	assert_null(r.recommendation_id);
	assert_true(r.cpu.set && r.cpu.v == 60);
	assert_true(r.min_invocations.set && r.min_invocations.v == 1);
	assert_true(r.max_invocations.set && r.max_invocations.v == 2);
	scaling_request_copy(&c, &r);
	assert_string_equal(c.job_name, "j1");
	assert_ptr_not_equal(c.job_name, r.job_name);
	scaling_request_free(&c);
	scaling_request_free(&r);
}

static void from_json_fails(const char *json, const char *text)
{
	struct scaling_request r = { 0 };
	char *err = NULL;

	assert_int_equal(scaling_request_from_json(json, &r, &err), -1);
	if (!strstr(err, text))
		fail_msg("\"%s\" lacks \"%s\"", err, text);
	free(err);
	scaling_request_free(&r);
}

static void test_request_from_bad_json(void **state)
{
	(void)state;
	from_json_fails("{\"JobName\": \"x\"}", "unknown parameter \"JobName\"");
	from_json_fails("{\"TargetCpuUtilizationPerCore\": \"50\"}", "TargetCpuUtilizationPerCore");
	from_json_fails("{\"TargetCpuUtilizationPerCore\": 5.5}", "whole number");
	from_json_fails("{\"InferenceRecommendationsJobName\": 5}", "string");
	from_json_fails("{\"ScalingPolicyObjective\": {\"Min\": 1}}", "unknown parameter \"Min\"");
	from_json_fails("{\"ScalingPolicyObjective\": 3}", "object");
	from_json_fails("[1]", "object");
	from_json_fails("{", "JSON");
	from_json_fails("{} x", "JSON");
}

static const char full_response[] =
	"{\"InferenceRecommendationsJobName\":\"my-job\",\"RecommendationId\":\"rec-1\","
	"\"TargetCpuUtilizationPerCore\":50,\"ScalingPolicyObjective\":{\"MinInvocationsPerMinute\":10,"
	"\"MaxInvocationsPerMinute\":1000},\"Metric\":{\"InvocationsPerInstance\":427,\"ModelLatency\":2356},"
	"\"DynamicScalingConfiguration\":{\"MinCapacity\":1,\"MaxCapacity\":3,\"ScaleInCooldown\":300,"
	"\"ScaleOutCooldown\":60,\"ScalingPolicies\":["
	"{\"TargetTracking\":{\"MetricSpecification\":{\"Predefined\":{\"PredefinedMetricType\":"
	"\"SageMakerVariantInvocationsPerInstance\"}},\"TargetValue\":427}},"
	"{\"TargetTracking\":{\"MetricSpecification\":{\"Customized\":{\"MetricName\":"
	"\"CPUUtilizationNormalized\",\"Namespace\":\"/aws/sagemaker/Endpoints\",\"Statistic\":"
	"\"Average\"}},\"TargetValue\":50.5}},"
	"{\"TargetTracking\":{\"MetricSpecification\":{\"Future\":{\"X\":[1,2]}},\"TargetValue\":1}},"
	"{\"StepScaling\":{\"Steps\":[{\"Lower\":0}]}}]}}";

static void test_response_full(void **state)
{
	struct scaling_response r;
	char *err = NULL;

	(void)state;
	assert_int_equal(scaling_response_parse(full_response, strlen(full_response), &r, &err), 0);
	assert_string_equal(r.job_name, "my-job");
	assert_string_equal(r.recommendation_id, "rec-1");
	assert_null(r.endpoint_name);
	assert_true(r.cpu.set && r.cpu.v == 50);
	assert_true(r.min_invocations.v == 10 && r.max_invocations.v == 1000);
	assert_true(r.invocations_per_instance.set && r.invocations_per_instance.v == 427);
	assert_true(r.model_latency.set && r.model_latency.v == 2356);
	assert_true(r.has_dynamic);
	assert_int_equal(r.min_capacity.v, 1);
	assert_int_equal(r.max_capacity.v, 3);
	assert_int_equal(r.scale_in_cooldown.v, 300);
	assert_int_equal(r.scale_out_cooldown.v, 60);
	assert_int_equal(r.npolicies, 4);
	assert_int_equal(r.policies[0].kind, POLICY_TARGET_TRACKING);
	assert_int_equal(r.policies[0].metric.kind, METRIC_PREDEFINED);
	assert_string_equal(r.policies[0].metric.predefined_type,
			    "SageMakerVariantInvocationsPerInstance");
	assert_true(r.policies[0].has_target_value);
	assert_true(r.policies[0].target_value == 427.0);
	assert_int_equal(r.policies[1].metric.kind, METRIC_CUSTOMIZED);
	assert_string_equal(r.policies[1].metric.metric_name, "CPUUtilizationNormalized");
	assert_string_equal(r.policies[1].metric.namespace_, "/aws/sagemaker/Endpoints");
	assert_string_equal(r.policies[1].metric.statistic, "Average");
	assert_true(r.policies[1].target_value == 50.5);
	/* Unknown union members are kept with their JSON, not dropped. */
	assert_int_equal(r.policies[2].metric.kind, METRIC_UNKNOWN);
	assert_string_equal(r.policies[2].metric.unknown_key, "Future");
	assert_string_equal(r.policies[2].metric.unknown_json, "{\"X\":[1,2]}");
	assert_int_equal(r.policies[3].kind, POLICY_UNKNOWN);
	assert_string_equal(r.policies[3].unknown_key, "StepScaling");
	assert_string_equal(r.policies[3].unknown_json, "{\"Steps\":[{\"Lower\":0}]}");
	assert_string_equal(r.raw_json, full_response);
	scaling_response_free(&r);
}

static void test_response_missing_fields(void **state)
{
	struct scaling_response r;
	char *err = NULL;
	const char *j = "{\"Metric\":{},\"DynamicScalingConfiguration\":{\"MinCapacity\":null}}";

	(void)state;
	assert_int_equal(scaling_response_parse(j, strlen(j), &r, &err), 0);
	assert_null(r.job_name);
	assert_false(r.cpu.set);
	assert_false(r.invocations_per_instance.set);
	assert_true(r.has_dynamic);
	assert_false(r.min_capacity.set);
	assert_int_equal(r.npolicies, 0);
	scaling_response_free(&r);
	assert_int_equal(scaling_response_parse("{}", 2, &r, &err), 0);
	assert_false(r.has_dynamic);
	scaling_response_free(&r);
}

static void response_fails(const char *j, const char *text)
{
	struct scaling_response r;
	char *err = NULL;

	assert_int_equal(scaling_response_parse(j, strlen(j), &r, &err), -1);
	if (!strstr(err, text))
		fail_msg("\"%s\" lacks \"%s\"", err, text);
	free(err);
	assert_null(r.raw_json);
	assert_null(r.policies);
}

static void test_response_wrong_types(void **state)
{
	(void)state;
	response_fails("{\"InferenceRecommendationsJobName\":5}",
		       "InferenceRecommendationsJobName");
	response_fails("{\"TargetCpuUtilizationPerCore\":\"50\"}", "TargetCpuUtilizationPerCore");
	response_fails("{\"Metric\":[]}", "Metric");
	response_fails("{\"Metric\":{\"ModelLatency\":1.5}}", "Metric.ModelLatency");
	response_fails("{\"DynamicScalingConfiguration\":{\"MinCapacity\":\"3\"}}",
		       "DynamicScalingConfiguration.MinCapacity");
	response_fails("{\"DynamicScalingConfiguration\":{\"ScalingPolicies\":{}}}",
		       "ScalingPolicies");
	response_fails("{\"DynamicScalingConfiguration\":{\"ScalingPolicies\":[3]}}",
		       "ScalingPolicies[0]");
	response_fails("{\"DynamicScalingConfiguration\":{\"ScalingPolicies\":[{}]}}", "no member");
	response_fails("{\"DynamicScalingConfiguration\":{\"ScalingPolicies\":[{\"TargetTracking\":"
		       "{\"TargetValue\":\"x\"}}]}}",
		       "TargetValue");
	response_fails("{\"DynamicScalingConfiguration\":{\"ScalingPolicies\":[{\"TargetTracking\":"
		       "{\"MetricSpecification\":{\"Predefined\":\"x\"}}}]}}",
		       "Predefined");
	response_fails("{\"DynamicScalingConfiguration\":{\"ScalingPolicies\":[{\"TargetTracking\":"
		       "{\"MetricSpecification\":{\"Customized\":{\"MetricName\":7}}}}]}}",
		       "MetricName");
	response_fails("[]", "not a JSON object");
	response_fails("", "JSON");
	response_fails("{\"a\":", "JSON");
	response_fails("<html>", "JSON");
	response_fails("{} {}", "JSON");
}

static void test_response_truncated_everywhere(void **state)
{
	size_t n, len = strlen(full_response);
	struct scaling_response r;

	(void)state;
	/* Every prefix is an error, never a crash. */
	for (n = 0; n < len; n++) {
		char *err = NULL;
		assert_int_equal(scaling_response_parse(full_response, n, &r, &err), -1);
		free(err);
	}
}

static void test_invalid_request_sends_nothing(void **state)
{
	struct scaling_request req = { 0 };
	struct scaling_response out;
	struct aws_result res;

	(void)state;
	req.job_name = strdup("bad_job");
	req.endpoint_name = strdup("e");
	/* A NULL client would crash if anything were sent. */
	assert_int_equal(scaling_get_recommendation(NULL, &req, NULL, &out, &res), -1);
	assert_int_equal(res.kind, AWS_ERR_CONFIG);
	assert_non_null(strstr(res.error_message, "--job"));
	aws_result_free(&res);
	scaling_request_free(&req);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_job_name_rules),
		cmocka_unit_test(test_endpoint_name_rules),
		cmocka_unit_test(test_recommendation_id_rules),
		cmocka_unit_test(test_cpu_rules),
		cmocka_unit_test(test_invocation_rules),
		cmocka_unit_test(test_label_is_used),
		cmocka_unit_test(test_bad_value_is_sanitised_and_cut),
		cmocka_unit_test(test_request_rules),
		cmocka_unit_test(test_request_labels),
		cmocka_unit_test(test_request_json_order),
		cmocka_unit_test(test_request_from_json),
		cmocka_unit_test(test_request_from_bad_json),
		cmocka_unit_test(test_response_full),
		cmocka_unit_test(test_response_missing_fields),
		cmocka_unit_test(test_response_wrong_types),
		cmocka_unit_test(test_response_truncated_everywhere),
		cmocka_unit_test(test_invalid_request_sends_nothing),
	};
	return cmocka_run_group_tests_name("scaling", tests, NULL, NULL);
}
