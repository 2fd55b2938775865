/* The simulator's fixtures and operations, called directly (no HTTP):
 * demo data, fixture errors, list filters/sorting/paging, describe, the
 * recommendation answer's shape, and Application Auto Scaling state. */
#include "config.h"
#include "../lib/unit.h"
#include "sim/fixtures.h"
#include "sim/ops.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct sim_fixtures *fx;
static struct sim_aas *aas;

static int setup(void **state)
{
	char *err = NULL;

	fx = sim_fixtures_demo(&err);
	if (!fx) {
		fprintf(stderr, "demo fixtures: %s\n", err);
		return -1;
	}
	aas = sim_aas_new();
	return 0;
}

static int teardown(void **state)
{
	sim_fixtures_free(fx);
	sim_aas_free(aas);
	return 0;
}

/* Runs target with a JSON body; returns the reply (caller frees). */
static struct sim_reply call(const char *target, const char *body)
{
	struct sim_reply r = { 0 };
	const struct sim_op *op = sim_route(target);
	json_object *req = json_tokener_parse(body);
	struct sim_ctx ctx = { fx, aas, "us-east-1", 1795000000.0 };

	assert_non_null(op);
	assert_non_null(req);
	op->fn(&ctx, req, &r);
	json_object_put(req);
	assert_non_null(r.body);
	return r;
}

static json_object *ok_json(struct sim_reply *r)
{
	if (r->status != 200)
		fail_msg("status %d: %s", r->status, r->body);
	json_object *o = json_tokener_parse(r->body);
	assert_non_null(o);
	sim_reply_free(r);
	return o;
}

static void expect_error(const char *target, const char *body, const char *code, const char *text)
{
	struct sim_reply r = call(target, body);

	assert_int_equal(r.status, 400);
	assert_string_equal(r.error_type, code);
	if (!strstr(r.body, text))
		fail_msg("%s lacks %s", r.body, text);
	sim_reply_free(&r);
}

static void test_demo_jobs(void **state)
{
	size_t completed = 0, failed = 0, running = 0, advanced = 0;

	for (size_t i = 0; i < fx->njobs; i++) {
		const struct sim_job *j = &fx->jobs[i];
		assert_null(strstr(j->describe_json, "x-sim"));
		assert_null(strstr(j->describe_json, "\"CreationTime\":\"")); /* epoch numbers */
		if (strcmp(j->status, "COMPLETED") == 0) {
			completed++;
			if (strcmp(j->type, "Default") == 0) {
				assert_true(j->nrecs >= 3);
				for (size_t a = 0; a < j->nrecs; a++) {
					assert_true(j->recs[a].cpu > 0 && j->recs[a].cpu <= 100);
					for (size_t b = a + 1; b < j->nrecs; b++)
						assert_string_not_equal(j->recs[a].instance_type,
									j->recs[b].instance_type);
				}
			}
		}
		if (strcmp(j->status, "FAILED") == 0) {
			failed++;
			assert_non_null(j->failure_reason);
		}
		if (strcmp(j->status, "IN_PROGRESS") == 0)
			running++;
		if (strcmp(j->type, "Advanced") == 0 && j->neps > 0)
			advanced++;
	}
	assert_true(completed >= 3);
	assert_true(failed >= 1);
	assert_true(running >= 1);
	assert_true(advanced >= 1);
}

static void expect_fixture_error(const char *text, const char *msg)
{
	char *err = NULL;
	struct sim_fixtures *f = sim_fixtures_parse(text, strlen(text), &err);

	assert_null(f);
	assert_non_null(err);
	if (!strstr(err, msg))
		fail_msg("error \"%s\" lacks \"%s\"", err, msg);
	free(err);
}

#define JOB(extra)                                                                               \
	"{\"Jobs\":[{\"JobName\":\"a\",\"JobType\":\"Default\",\"JobArn\":\"arn\","              \
	"\"RoleArn\":\"role\",\"Status\":\"PENDING\",\"CreationTime\":\"2026-01-01T00:00:00Z\"," \
	"\"LastModifiedTime\":1.5,\"InputConfig\":{}" extra "}]}"

static void test_fixture_errors(void **state)
{
	char *err = NULL;
	struct sim_fixtures *f = sim_fixtures_parse(JOB(""), strlen(JOB("")), &err);

	assert_non_null(f);
	assert_true(f->jobs[0].created == 1767225600.0);
	sim_fixtures_free(f);
	expect_fixture_error("{\"Jobs\":", "not valid JSON");
	expect_fixture_error("[]", "\"Jobs\" array");
	expect_fixture_error("{\"Jobs\":[{\"JobName\":\"a\"}]}",
			     "job 1: missing string member JobType");
	expect_fixture_error(JOB(",\"CompletionTime\":\"yesterday\""),
			     "CompletionTime: not an ISO 8601");
	expect_fixture_error(
		"{\"Jobs\":[{\"JobName\":\"a b\",\"JobType\":\"Default\",\"JobArn\":\"x\","
		"\"RoleArn\":\"r\",\"Status\":\"PENDING\"}]}",
		"does not match");
	expect_fixture_error(JOB(",\"Status\":\"FAILED\""), "FailureReason");
	expect_fixture_error(JOB(",\"Status\":\"COMPLETED\""), "COMPLETED job needs");
	expect_fixture_error(JOB(",\"InferenceRecommendations\":[{\"RecommendationId\":\"r\"}]"),
			     "recommendation 1 needs");
	expect_fixture_error("{\"Jobs\":["
			     "{\"JobName\":\"a\",\"JobType\":\"Default\",\"JobArn\":\"x\","
			     "\"RoleArn\":\"r\",\"Status\":\"PENDING\",\"CreationTime\":1,"
			     "\"LastModifiedTime\":1,\"InputConfig\":{}},"
			     "{\"JobName\":\"a\",\"JobType\":\"Default\",\"JobArn\":\"x\","
			     "\"RoleArn\":\"r\",\"Status\":\"PENDING\",\"CreationTime\":1,"
			     "\"LastModifiedTime\":1,\"InputConfig\":{}}]}",
			     "job 2: duplicate JobName");
	expect_fixture_error("{}", "\"Jobs\" array");
	expect_fixture_error(
		JOB(",\"InferenceRecommendations\":[{\"RecommendationId\":\"r\",\"EndpointConfiguration\":{},"
		    "\"Metrics\":{\"MaxInvocations\":1e300}}]"),
		"must be whole numbers in range");
	expect_fixture_error(
		JOB(",\"InferenceRecommendations\":[{\"RecommendationId\":\"r\",\"EndpointConfiguration\":"
		    "{\"InitialInstanceCount\":1.5},\"Metrics\":{\"MaxInvocations\":10}}]"),
		"must be whole numbers");
	expect_fixture_error(
		JOB(",\"EndpointPerformances\":[{\"EndpointInfo\":{\"EndpointName\":\"e\"},"
		    "\"Metrics\":{\"MaxInvocations\":10,\"ModelLatency\":-1}}]"),
		"must be whole numbers in range");
	err = NULL;
	assert_null(sim_fixtures_load("/nonexistent/sagescale.json", &err));
	assert_non_null(strstr(err, "cannot open /nonexistent/sagescale.json"));
	free(err);
}

static void test_iso8601(void **state)
{
	assert_true(sim_parse_iso8601("1970-01-01T00:00:00Z") == 0);
	assert_true(sim_parse_iso8601("2026-11-02T09:14:03.5Z") == 1793610843.5);
	assert_true(sim_parse_iso8601("2026-11-02T09:14:03+00:00") == 1793610843);
	assert_true(sim_parse_iso8601("2026-11-02 09:14:03Z") < 0);
	assert_true(sim_parse_iso8601("2026-13-02T09:14:03Z") < 0);
	assert_true(sim_parse_iso8601("2026-11-02T09:14:03") < 0);
}

#define LIST "SageMaker.ListInferenceRecommendationsJobs"

static const char *job_at(json_object *res, size_t i)
{
	json_object *arr = json_object_object_get(res, "InferenceRecommendationsJobs");
	return json_object_get_string(
		json_object_object_get(json_object_array_get_idx(arr, i), "JobName"));
}

static size_t count(json_object *res)
{
	return json_object_array_length(
		json_object_object_get(res, "InferenceRecommendationsJobs"));
}

static void test_list_default_order_and_shape(void **state)
{
	struct sim_reply r = call(LIST, "{}");
	json_object *res = ok_json(&r);

	assert_int_equal(count(res), fx->njobs); /* fewer than the default page */
	assert_null(json_object_object_get(res, "NextToken"));
	/* newest first */
	assert_string_equal(job_at(res, 0), "distilbert-sentiment");
	assert_string_equal(job_at(res, count(res) - 1), "churn-xgboost-default");
	json_object *first = json_object_array_get_idx(
		json_object_object_get(res, "InferenceRecommendationsJobs"), 0);
	const char *keys[] = { "JobName",   "JobDescription",   "JobType", "JobArn",
			       "Status",    "CreationTime",     "RoleArn", "LastModifiedTime",
			       "ModelName", "SamplePayloadUrl", NULL };
	size_t k = 0;
	json_object_object_foreach(first, key, val)
	{
		(void)val;
		assert_non_null(keys[k]);
		assert_string_equal(key, keys[k++]); /* the service model's order */
	}
	json_object_put(res);
}

static void test_list_paging(void **state)
{
	char *token = NULL;
	size_t seen = 0;
	char names[16][80];

	for (int page = 0; page < 10; page++) {
		char *body = token ? xasprintf("{\"MaxResults\":2,\"NextToken\":\"%s\"}", token)
				   : xasprintf("{\"MaxResults\":2}");
		struct sim_reply r = call(LIST, body);
		json_object *res = ok_json(&r);
		free(body);
		assert_true(count(res) <= 2);
		for (size_t i = 0; i < count(res); i++) {
			for (size_t j = 0; j < seen; j++)
				assert_string_not_equal(names[j], job_at(res, i));
			snprintf(names[seen++], sizeof(names[0]), "%s", job_at(res, i));
		}
		free(token);
		json_object *t = json_object_object_get(res, "NextToken");
		token = t ? xstrdup(json_object_get_string(t)) : NULL;
		json_object_put(res);
		if (!token)
			break;
	}
	assert_int_equal(seen, fx->njobs);
	assert_null(token);

	/* A token is opaque and bound to its filters. */
	struct sim_reply r = call(LIST, "{\"MaxResults\":1}");
	json_object *res = ok_json(&r);
	const char *tok = json_object_get_string(json_object_object_get(res, "NextToken"));
	assert_null(strstr(tok, "1"));
	char *body = xasprintf(
		"{\"MaxResults\":1,\"StatusEquals\":\"FAILED\",\"NextToken\":\"%s\"}", tok);
	expect_error(LIST, body, "ValidationException", "Invalid pagination token");
	free(body);
	json_object_put(res);
	expect_error(LIST, "{\"NextToken\":\"bm90IGEgdG9rZW4=\"}", "ValidationException",
		     "Invalid pagination token");
	expect_error(LIST, "{\"NextToken\":\"%%%\"}", "ValidationException",
		     "Invalid pagination token");
}

static void test_list_filters(void **state)
{
	struct sim_reply r = call(LIST, "{\"StatusEquals\":\"COMPLETED\"}");
	json_object *res = ok_json(&r);
	assert_int_equal(count(res), 4);
	json_object_put(res);

	r = call(LIST,
		 "{\"NameContains\":\"BERT\",\"SortBy\":\"Name\",\"SortOrder\":\"Ascending\"}");
	res = ok_json(&r);
	assert_int_equal(count(res), 2);
	assert_string_equal(job_at(res, 0), "bert-ner-default");
	assert_string_equal(job_at(res, 1), "distilbert-sentiment");
	json_object_put(res);

	r = call(LIST, "{\"SortBy\":\"Status\",\"SortOrder\":\"Ascending\",\"MaxResults\":1}");
	res = ok_json(&r);
	assert_string_equal(job_at(res, 0), "bert-ner-default"); /* COMPLETED, then by name */
	json_object_put(res);

	/* 2026-11-16T00:00:00Z */
	r = call(LIST, "{\"CreationTimeAfter\":1794787200,\"CreationTimeBefore\":1795500000.5}");
	res = ok_json(&r);
	assert_int_equal(count(res), 3);
	json_object_put(res);

	r = call(LIST, "{\"ModelNameEquals\":\"bert-base-ner-v2\"}");
	res = ok_json(&r);
	assert_int_equal(count(res), 1);
	json_object_put(res);

	r = call(LIST, "{\"NameContains\":\"no-such-job\"}");
	res = ok_json(&r);
	assert_int_equal(count(res), 0);
	json_object_put(res);
}

static void test_list_validation(void **state)
{
	expect_error(
		LIST, "{\"StatusEquals\":\"DONE\"}", "ValidationException",
		"1 validation error detected: Value 'DONE' at 'statusEquals' failed to satisfy constraint: "
		"Member must satisfy enum value set: [PENDING, IN_PROGRESS, COMPLETED, FAILED, STOPPING, "
		"STOPPED, DELETING, DELETED]");
	expect_error(LIST, "{\"MaxResults\":0,\"SortBy\":\"Size\"}", "ValidationException",
		     "2 validation errors detected: ");
	expect_error(LIST, "{\"NameContains\":\"a b\"}", "ValidationException",
		     "Member must satisfy regular expression pattern: [a-zA-Z0-9\\\\-]+");
	expect_error(
		LIST, "{\"CreationTimeAfter\":\"yesterday\"}",
		"SerializationException:http://internal.amazon.com/coral/com.amazon.coral.service/",
		"STRING_VALUE can not be converted to a Date");
}

#define DESCRIBE "SageMaker.DescribeInferenceRecommendationsJob"

static void test_describe(void **state)
{
	struct sim_reply r = call(DESCRIBE, "{\"JobName\":\"resnet50-advanced\"}");
	json_object *res = ok_json(&r), *x;

	assert_string_equal(json_object_get_string(json_object_object_get(res, "JobType")),
			    "Advanced");
	assert_true(json_object_object_get_ex(res, "EndpointPerformances", &x));
	x = json_object_array_get_idx(x, 0);
	assert_null(json_object_object_get(x, "x-sim"));
	assert_string_equal(json_object_get_string(json_object_object_get(
				    json_object_object_get(x, "EndpointInfo"), "EndpointName")),
			    "resnet50-prod");
	assert_true(
		json_object_is_type(json_object_object_get(res, "CreationTime"), json_type_double));
	json_object_put(res);

	expect_error(DESCRIBE, "{\"JobName\":\"nope\"}", "ResourceNotFound",
		     "\"Message\":\"Could not find inference recommendations job 'nope'.\"");
	expect_error(
		DESCRIBE, "{}", "ValidationException",
		"1 validation error detected: Value null at 'jobName' failed to satisfy constraint: Member must not be null");
}

#define GET "SageMaker.GetScalingConfigurationRecommendation"

static void test_get_answer_shape(void **state)
{
	struct sim_reply r =
		call(GET, "{\"InferenceRecommendationsJobName\":\"churn-xgboost-default\","
			  "\"RecommendationId\":\"churn-xgboost-default/0b9f42d1\",\"Unknown\":1,"
			  "\"ScalingPolicyObjective\":{\"MinInvocationsPerMinute\":1000,"
			  "\"MaxInvocationsPerMinute\":20000}}");
	assert_int_equal(r.status, 200);
	assert_string_equal(
		r.body,
		"{\"InferenceRecommendationsJobName\":\"churn-xgboost-default\","
		"\"RecommendationId\":\"churn-xgboost-default/0b9f42d1\",\"TargetCpuUtilizationPerCore\":50,"
		"\"ScalingPolicyObjective\":{\"MinInvocationsPerMinute\":1000,\"MaxInvocationsPerMinute\":20000},"
		"\"Metric\":{\"InvocationsPerInstance\":3567,\"ModelLatency\":14},"
		"\"DynamicScalingConfiguration\":{\"MinCapacity\":1,\"MaxCapacity\":6,\"ScaleInCooldown\":300,"
		"\"ScaleOutCooldown\":60,\"ScalingPolicies\":["
		"{\"TargetTracking\":{\"MetricSpecification\":{\"Predefined\":{\"PredefinedMetricType\":"
		"\"SageMakerVariantInvocationsPerInstance\"}},\"TargetValue\":3567.0}},"
		"{\"TargetTracking\":{\"MetricSpecification\":{\"Customized\":{\"MetricName\":"
		"\"CPUUtilizationNormalized\",\"Namespace\":\"/aws/sagemaker/Endpoints\",\"Statistic\":"
		"\"Average\"}},\"TargetValue\":50.0}}]}}");
	sim_reply_free(&r);
}

static void test_get_endpoint(void **state)
{
	struct sim_reply r =
		call(GET, "{\"InferenceRecommendationsJobName\":\"resnet50-advanced\","
			  "\"EndpointName\":\"resnet50-prod\",\"TargetCpuUtilizationPerCore\":29}");
	json_object *res = ok_json(&r);
	/* floor(3900 * 29 / 58) = 1950; 2 instances benchmarked: ceil(7800 / 1950) = 4 */
	json_object *m = json_object_object_get(res, "Metric");
	assert_int_equal(json_object_get_int(json_object_object_get(m, "InvocationsPerInstance")),
			 1950);
	json_object *d = json_object_object_get(res, "DynamicScalingConfiguration");
	assert_int_equal(json_object_get_int(json_object_object_get(d, "MaxCapacity")), 4);
	assert_null(json_object_object_get(res, "RecommendationId"));
	assert_non_null(json_object_object_get(res, "EndpointName"));
	json_object_put(res);
}

static void test_get_errors(void **state)
{
	expect_error(
		GET,
		"{\"InferenceRecommendationsJobName\":\"distilbert-sentiment\",\"RecommendationId\":\"x\"}",
		"ValidationException", "is not COMPLETED: its status is IN_PROGRESS");
	expect_error(
		GET,
		"{\"InferenceRecommendationsJobName\":\"llama-tiny-default\",\"RecommendationId\":\"x\"}",
		"ValidationException", "its status is FAILED");
	expect_error(
		GET,
		"{\"InferenceRecommendationsJobName\":\"churn-xgboost-default\",\"RecommendationId\":\"x\"}",
		"ResourceNotFound", "Could not find recommendation 'x'");
	expect_error(
		GET,
		"{\"InferenceRecommendationsJobName\":\"resnet50-advanced\",\"EndpointName\":\"other\"}",
		"ResourceNotFound", "Could not find endpoint 'other'");
	expect_error(GET,
		     "{\"InferenceRecommendationsJobName\":\"ghost\",\"RecommendationId\":\"x\"}",
		     "ResourceNotFound", "Could not find inference recommendations job 'ghost'");
	expect_error(GET, "{\"InferenceRecommendationsJobName\":\"churn-xgboost-default\"}",
		     "ValidationException", "Exactly one of RecommendationId or EndpointName");
	expect_error(
		GET,
		"{\"InferenceRecommendationsJobName\":\"resnet50-advanced\",\"EndpointName\":\"resnet50-prod\","
		"\"RecommendationId\":\"x\"}",
		"ValidationException", "Exactly one of");
	expect_error(
		GET,
		"{\"InferenceRecommendationsJobName\":\"churn-xgboost-default\",\"RecommendationId\":\"x\","
		"\"ScalingPolicyObjective\":{\"MinInvocationsPerMinute\":10,\"MaxInvocationsPerMinute\":5}}",
		"ValidationException", "must be less than or equal to MaxInvocationsPerMinute");
	expect_error(
		GET,
		"{\"InferenceRecommendationsJobName\":\"churn-xgboost-default\",\"RecommendationId\":\"x\","
		"\"ScalingPolicyObjective\":{\"MinInvocationsPerMinute\":-1}}",
		"ValidationException", "negative");
	expect_error(
		GET,
		"{\"InferenceRecommendationsJobName\":\"x y\",\"TargetCpuUtilizationPerCore\":101}",
		"ValidationException",
		"2 validation errors detected: Value 'x y' at 'inferenceRecommendationsJobName'");
	expect_error(
		GET, "{}", "ValidationException",
		"Value null at 'inferenceRecommendationsJobName' failed to satisfy constraint: Member must not be null");
	expect_error(
		GET, "{\"InferenceRecommendationsJobName\":\"a\",\"ScalingPolicyObjective\":[]}",
		"SerializationException:http://internal.amazon.com/coral/com.amazon.coral.service/",
		"Start of list found where not expected.");
	expect_error(
		GET,
		"{\"InferenceRecommendationsJobName\":\"a\",\"TargetCpuUtilizationPerCore\":1e40}",
		"SerializationException:http://internal.amazon.com/coral/com.amazon.coral.service/",
		"out of range of int");
}

#define REG "AnyScaleFrontendService.RegisterScalableTarget"
#define PUT "AnyScaleFrontendService.PutScalingPolicy"
#define DTARGETS "AnyScaleFrontendService.DescribeScalableTargets"
#define DPOLICIES "AnyScaleFrontendService.DescribeScalingPolicies"
#define KEY                                                                                      \
	"\"ServiceNamespace\":\"sagemaker\",\"ResourceId\":\"endpoint/ep1/variant/AllTraffic\"," \
	"\"ScalableDimension\":\"sagemaker:variant:DesiredInstanceCount\""

static void test_aas_round_trip(void **state)
{
	expect_error(
		PUT,
		"{" KEY ",\"PolicyName\":\"p\",\"PolicyType\":\"TargetTrackingScaling\","
		"\"TargetTrackingScalingPolicyConfiguration\":{\"TargetValue\":70,"
		"\"PredefinedMetricSpecification\":{\"PredefinedMetricType\":\"SageMakerVariantInvocationsPerInstance\"}}}",
		"ObjectNotFoundException",
		"No scalable target registered for service namespace: sagemaker, resource ID: endpoint/ep1/variant/AllTraffic");
	expect_error(REG, "{" KEY "}", "ValidationException",
		     "MinCapacity and MaxCapacity are required");
	expect_error(REG, "{" KEY ",\"MinCapacity\":5,\"MaxCapacity\":2}", "ValidationException",
		     "cannot be greater than maximum capacity");
	struct sim_reply r = call(REG, "{" KEY ",\"MinCapacity\":1,\"MaxCapacity\":4}");
	json_object *res = ok_json(&r);
	assert_non_null(
		strstr(json_object_get_string(json_object_object_get(res, "ScalableTargetARN")),
		       "arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/"));
	json_object_put(res);
	r = call(REG, "{" KEY ",\"MaxCapacity\":6}"); /* update keeps MinCapacity */
	json_object_put(ok_json(&r));

	r = call(
		PUT,
		"{" KEY ",\"PolicyName\":\"p\",\"PolicyType\":\"TargetTrackingScaling\","
		"\"TargetTrackingScalingPolicyConfiguration\":{\"TargetValue\":3567,\"ScaleInCooldown\":300,"
		"\"PredefinedMetricSpecification\":{\"PredefinedMetricType\":\"SageMakerVariantInvocationsPerInstance\"}}}");
	res = ok_json(&r);
	assert_int_equal(json_object_array_length(json_object_object_get(res, "Alarms")), 2);
	json_object_put(res);

	r = call(DTARGETS, "{\"ServiceNamespace\":\"sagemaker\"}");
	res = ok_json(&r);
	json_object *t =
		json_object_array_get_idx(json_object_object_get(res, "ScalableTargets"), 0);
	assert_int_equal(json_object_get_int(json_object_object_get(t, "MinCapacity")), 1);
	assert_int_equal(json_object_get_int(json_object_object_get(t, "MaxCapacity")), 6);
	json_object_put(res);

	r = call(
		DPOLICIES,
		"{\"ServiceNamespace\":\"sagemaker\",\"ResourceId\":\"endpoint/ep1/variant/AllTraffic\"}");
	res = ok_json(&r);
	json_object *p =
		json_object_array_get_idx(json_object_object_get(res, "ScalingPolicies"), 0);
	assert_string_equal(json_object_get_string(json_object_object_get(p, "PolicyType")),
			    "TargetTrackingScaling");
	json_object *c = json_object_object_get(p, "TargetTrackingScalingPolicyConfiguration");
	assert_true(json_object_get_double(json_object_object_get(c, "TargetValue")) == 3567.0);
	assert_int_equal(json_object_get_int(json_object_object_get(c, "ScaleInCooldown")), 300);
	json_object_put(res);

	r = call(DPOLICIES, "{\"ServiceNamespace\":\"sagemaker\",\"PolicyNames\":[\"other\"]}");
	res = ok_json(&r);
	assert_int_equal(json_object_array_length(json_object_object_get(res, "ScalingPolicies")),
			 0);
	json_object_put(res);
}

static void test_aas_validation(void **state)
{
	expect_error(
		REG,
		"{\"ServiceNamespace\":\"ecs\",\"ResourceId\":\"service/a/b\","
		"\"ScalableDimension\":\"ecs:service:DesiredCount\",\"MinCapacity\":1,\"MaxCapacity\":2}",
		"ValidationException", "sagemaker namespace only");
	expect_error(
		REG,
		"{\"ServiceNamespace\":\"sagemaker\",\"ResourceId\":\"endpoint/a\","
		"\"ScalableDimension\":\"sagemaker:variant:DesiredInstanceCount\",\"MinCapacity\":1,\"MaxCapacity\":2}",
		"ValidationException",
		"Unsupported service namespace, resource type or scalable dimension");
	expect_error(
		REG, "{\"ServiceNamespace\":\"s3\"}", "ValidationException",
		"3 validation errors detected: Value 's3' at 'serviceNamespace' failed to satisfy constraint: "
		"Member must satisfy enum value set: [ecs, ");
	expect_error(
		PUT,
		"{" KEY ",\"PolicyName\":\"p\",\"PolicyType\":\"TargetTrackingScaling\","
		"\"TargetTrackingScalingPolicyConfiguration\":{\"TargetValue\":1}}",
		"ValidationException",
		"Exactly one of PredefinedMetricSpecification or CustomizedMetricSpecification");
	expect_error(
		PUT,
		"{" KEY ",\"PolicyName\":\"p\",\"PolicyType\":\"TargetTrackingScaling\","
		"\"TargetTrackingScalingPolicyConfiguration\":{\"PredefinedMetricSpecification\":"
		"{\"PredefinedMetricType\":\"Bogus\"}}}",
		"ValidationException", "2 validation errors detected");
	expect_error(DTARGETS, "{\"ServiceNamespace\":\"sagemaker\",\"NextToken\":\"zzzz\"}",
		     "InvalidNextTokenException", "Invalid token");
	expect_error(DPOLICIES, "{\"ServiceNamespace\":\"sagemaker\",\"MaxResults\":11}",
		     "ValidationException", "MaxResults must be between 1 and 10");
}

static void test_routes(void **state)
{
	assert_null(sim_route("SageMaker.CreateEndpoint"));
	assert_null(sim_route(NULL));
	assert_string_equal(sim_route(GET)->service, "sagemaker");
	assert_string_equal(sim_route(REG)->service, "application-autoscaling");
	assert_string_equal(sim_route_service("SageMaker.Nope"), "sagemaker");
	assert_string_equal(sim_route_service("AnyScaleFrontendService.Nope"),
			    "application-autoscaling");
	assert_null(sim_route_service("DynamoDB_20120810.GetItem"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_jobs),
		cmocka_unit_test(test_fixture_errors),
		cmocka_unit_test(test_iso8601),
		cmocka_unit_test(test_list_default_order_and_shape),
		cmocka_unit_test(test_list_paging),
		cmocka_unit_test(test_list_filters),
		cmocka_unit_test(test_list_validation),
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_get_answer_shape),
		cmocka_unit_test(test_get_endpoint),
		cmocka_unit_test(test_get_errors),
		cmocka_unit_test(test_aas_round_trip),
		cmocka_unit_test(test_aas_validation),
		cmocka_unit_test(test_routes),
	};
	return cmocka_run_group_tests_name("sim-ops", tests, setup, teardown);
}
