/* src/sagemaker/jobs.c and the sending half of autoscaling.c against the
 * loopback test server: every page fetched and merged, typed parsing,
 * picker order, filters, and a plan that stops at the failing call. */
#include "config.h"
#include "../lib/unit.h"
#include "../lib/testsrv.h"

#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "sagemaker/autoscaling.h"
#include "sagemaker/jobs.h"
#include "sagemaker/paging.h"
#include "util/buf.h"
#include "util/xalloc.h"

struct fixture {
	struct testsrv *srv;
	struct aws_config cfg;
	struct aws_client_options opts;
	struct aws_client *client;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	f->srv = testsrv_start();
	if (!f->srv) {
		free(f);
		return -1;
	}
	testsrv_aws_config(f->srv, &f->cfg);
	f->cfg.endpoint_autoscaling = xstrdup(testsrv_url(f->srv));
	f->cfg.max_attempts = 1;
	f->opts.cfg = &f->cfg;
	f->opts.no_backoff_sleep = true;
	f->client = aws_client_new(&f->opts);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	aws_client_free(f->client);
	testsrv_stop(f->srv);
	aws_config_free(&f->cfg);
	free(f);
	return 0;
}

static void push(struct fixture *f, int status, const char *body)
{
	struct testsrv_response r = { .status = status, .body = body };

	if (status >= 400)
		r.headers = "x-amzn-RequestId: req-42\n";
	testsrv_push(f->srv, &r);
}

static const char *target_of(struct fixture *f, size_t i)
{
	return testsrv_header(testsrv_request(f->srv, i), "X-Amz-Target");
}

#define JOB(n, st, t)                                                                              \
	"{\"JobName\":\"" n "\",\"JobType\":\"Default\",\"Status\":\"" st "\",\"CreationTime\":" t \
	",\"JobArn\":\"arn\",\"RoleArn\":\"r\",\"JobDescription\":\"d\","                          \
	"\"LastModifiedTime\":" t "}"

static void test_list_pages_merged(void **state)
{
	struct fixture *f = *state;
	struct jobs_filter flt = { .status = "COMPLETED",
				   .name_contains = "churn",
				   .page_size = 2 };
	struct jobs_list l;
	struct aws_result res;

	push(f, 200,
	     "{\"InferenceRecommendationsJobs\":[" JOB("a", "COMPLETED", "1.7e9") "," JOB(
		     "b", "FAILED", "1700000100") "],\"NextToken\":\"t1\"}");
	push(f, 200,
	     "{\"InferenceRecommendationsJobs\":[" JOB("c", "COMPLETED",
						       "1700000200.5") "],\"NextToken\":\"t2\"}");
	push(f, 200, "{\"InferenceRecommendationsJobs\":[]}");
	assert_int_equal(jobs_list_all(f->client, &flt, NULL, &l, &res), 0);
	assert_int_equal(l.njobs, 3);
	assert_int_equal(l.pages, 3);
	assert_int_equal(testsrv_count(f->srv), 3);
	assert_string_equal(target_of(f, 0), "SageMaker.ListInferenceRecommendationsJobs");
	assert_string_equal(
		testsrv_request(f->srv, 0)->body,
		"{\"NameContains\":\"churn\",\"StatusEquals\":\"COMPLETED\",\"MaxResults\":2}");
	assert_string_equal(testsrv_request(f->srv, 1)->body,
			    "{\"NameContains\":\"churn\",\"StatusEquals\":\"COMPLETED\","
			    "\"NextToken\":\"t1\",\"MaxResults\":2}");
	assert_non_null(strstr(testsrv_request(f->srv, 2)->body, "\"NextToken\":\"t2\""));
	/* merged: the jobs of every page, in order, numbers as sent, no NextToken */
	assert_null(strstr(l.raw_json, "NextToken"));
	assert_non_null(strstr(l.raw_json, "\"CreationTime\":1.7e9"));
	assert_non_null(strstr(l.raw_json, "\"CreationTime\":1700000200.5"));
	assert_true(strstr(l.raw_json, "\"JobName\":\"a\"") <
		    strstr(l.raw_json, "\"JobName\":\"c\""));
	assert_string_equal(l.jobs[1].status, "FAILED");
	assert_true(l.jobs[2].creation_time.set);
	/* picker order: completed first, newest first */
	jobs_list_sort_for_picker(&l);
	assert_string_equal(l.jobs[0].name, "c");
	assert_string_equal(l.jobs[1].name, "a");
	assert_string_equal(l.jobs[2].name, "b");
	jobs_list_free(&l);
	aws_result_free(&res);
}

static void test_list_error_on_page_two(void **state)
{
	struct fixture *f = *state;
	struct jobs_filter flt = { 0 };
	struct jobs_list l;
	struct aws_result res;

	push(f, 200,
	     "{\"InferenceRecommendationsJobs\":[" JOB("a", "COMPLETED",
						       "1") "],"
							    "\"NextToken\":\"t1\"}");
	push(f, 400, "{\"__type\":\"ValidationException\",\"message\":\"bad token\"}");
	assert_int_equal(jobs_list_all(f->client, &flt, NULL, &l, &res), -1);
	assert_int_equal(res.kind, AWS_ERR_SERVICE);
	assert_string_equal(res.error_code, "ValidationException");
	assert_int_equal(l.njobs, 0);
	assert_null(l.raw_json);
	aws_result_free(&res);

	push(f, 200, "[1,2]");
	assert_int_equal(jobs_list_all(f->client, &flt, NULL, &l, &res), -1);
	assert_int_equal(res.kind, AWS_ERR_RESPONSE);
	aws_result_free(&res);
}

/* A page of n jobs, each with a description of dlen bytes, and a NextToken. */
static char *big_page(size_t n, size_t dlen)
{
	struct buf b = { 0 };
	char *desc = xmalloc(dlen + 1);

	memset(desc, 'x', dlen);
	desc[dlen] = '\0';
	buf_puts(&b, "{\"InferenceRecommendationsJobs\":[");
	for (size_t i = 0; i < n; i++)
		buf_printf(
			&b,
			"%s{\"JobName\":\"j%zu\",\"Status\":\"COMPLETED\",\"JobDescription\":\"%s\"}",
			i ? "," : "", i, desc);
	buf_puts(&b, "],\"NextToken\":\"again\"}");
	free(desc);
	return buf_steal(&b);
}

/* Endless tokens with many small jobs: the item cap ends the listing with
 * a message that names the cap and how to narrow it, long before the page
 * cap, and nothing is kept. */
static void test_list_item_cap(void **state)
{
	struct fixture *f = *state;
	struct jobs_filter flt = { 0 };
	struct jobs_list l;
	struct aws_result res;
	char *page = big_page(1000, 10);

	for (int i = 0; i < 12; i++)
		push(f, 200, page);
	assert_int_equal(jobs_list_all(f->client, &flt, NULL, &l, &res), -1);
	assert_int_equal(res.kind, AWS_ERR_RESPONSE);
	assert_non_null(strstr(res.error_message, "10000 items"));
	assert_non_null(strstr(res.error_message, "--name-contains"));
	assert_int_equal(testsrv_count(f->srv), 11);
	assert_int_equal(l.njobs, 0);
	assert_null(l.raw_json);
	aws_result_free(&res);
	free(page);
}

/* Large jobs: the byte cap (8 MiB of kept JSON) ends it after a few pages. */
static void test_list_byte_cap(void **state)
{
	struct fixture *f = *state;
	struct jobs_filter flt = { 0 };
	struct jobs_list l;
	struct aws_result res;
	char *page = big_page(20, 100000); /* 2 MB a page */

	for (int i = 0; i < 6; i++)
		push(f, 200, page);
	assert_int_equal(jobs_list_all(f->client, &flt, NULL, &l, &res), -1);
	assert_int_equal(res.kind, AWS_ERR_RESPONSE);
	assert_non_null(strstr(res.error_message, "8192 KiB"));
	assert_int_equal(testsrv_count(f->srv), 5);
	assert_int_equal(l.njobs, 0);
	aws_result_free(&res);
	free(page);
}

static char *acc_request(const void *arg, const char *token)
{
	(void)arg;
	(void)token;
	return xstrdup("{}");
}

/* The accumulator alone, with small caps: what is kept never passes a cap,
 * an empty token ends the listing, the token is removed from the result. */
static void test_paging_acc_caps(void **state)
{
	(void)state;
	struct paging_spec spec = { .list_key = "L",
				    .request = acc_request,
				    .max_items = 3,
				    .max_bytes = 1000,
				    .max_pages = 4,
				    .narrow_hint = "narrow it" };
	struct paging_acc a;
	char *next = NULL, *err = NULL;

	paging_acc_init(&a, &spec);
	assert_int_equal(
		paging_acc_add(&a, "{\"L\":[1,2],\"NextToken\":\"t\",\"X\":1}", &next, &err), 0);
	assert_string_equal(next, "t");
	free(next);
	assert_int_equal(paging_acc_add(&a, "{\"L\":[3,4]}", &next, &err), -1);
	assert_true(a.capped);
	assert_int_equal(a.items, 3);
	assert_non_null(strstr(err, "3 items"));
	assert_non_null(strstr(err, "narrow it"));
	free(err);
	err = NULL;
	paging_acc_free(&a);

	paging_acc_init(&a, &spec);
	assert_int_equal(paging_acc_add(&a, "{\"L\":[1],\"NextToken\":\"\"}", &next, &err), 0);
	assert_null(next);
	assert_int_equal(paging_acc_add(&a, "{\"L\":[2],\"NextToken\":\"u\"}", &next, &err), 0);
	free(next);
	json_object *m = paging_acc_take(&a);
	assert_string_equal(json_object_to_json_string_ext(m, JSON_C_TO_STRING_PLAIN),
			    "{\"L\":[1,2]}");
	json_object_put(m);
	paging_acc_free(&a);

	spec.max_items = 0;
	paging_acc_init(&a, &spec);
	assert_int_equal(paging_acc_add(&a,
					"{\"L\":[\""
					"0123456789012345678901234567890123456789"
					"\"],\"NextToken\":\"t\"}",
					&next, &err),
			 0);
	free(next);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(paging_acc_add(&a, "{\"L\":[],\"NextToken\":\"t\"}", &next, &err),
				 0);
		free(next);
	}
	assert_int_equal(paging_acc_add(&a, "{\"L\":[],\"NextToken\":\"t\"}", &next, &err), -1);
	assert_non_null(strstr(err, "4 pages"));
	free(err);
	err = NULL;
	assert_int_equal(paging_acc_add(&a, "[1]", &next, &err), -1);
	free(err);
	paging_acc_free(&a);
}

static void test_filter_validate(void **state)
{
	char *err = NULL;
	struct jobs_filter ok = { "COMPLETED", "abc-1", "CreationTime", "Descending", 10 };

	assert_int_equal(jobs_filter_validate(&ok, &err), 0);
	struct jobs_filter bad[] = {
		{ .status = "DONE" },       { .sort_by = "Size" },   { .sort_order = "Up" },
		{ .name_contains = "a b" }, { .name_contains = "" }, { .page_size = 101 },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(jobs_filter_validate(&bad[i], &err), -1);
		assert_non_null(err);
		free(err);
		err = NULL;
	}
	char *j = jobs_list_request_json(&(struct jobs_filter){ .sort_by = "Name" }, NULL);

	assert_string_equal(j, "{\"SortBy\":\"Name\"}");
	free(j);
}

static const char *describe_body =
	"{\"JobName\":\"j\",\"JobType\":\"Advanced\",\"Status\":\"COMPLETED\",\"CreationTime\":1700000000,"
	"\"InputConfig\":{\"Endpoints\":[{\"EndpointName\":\"prod-ep\"}]},"
	"\"InferenceRecommendations\":[{\"RecommendationId\":\"j/1\",\"Metrics\":{\"CostPerHour\":0.25,"
	"\"CostPerInference\":1.5e-06,\"MaxInvocations\":900,\"ModelLatency\":120,\"CpuUtilization\":61.5,"
	"\"MemoryUtilization\":30},\"EndpointConfiguration\":{\"EndpointName\":\"bench-1\","
	"\"VariantName\":\"AllTraffic\",\"InstanceType\":\"ml.c5.large\",\"InitialInstanceCount\":2},"
	"\"ModelConfiguration\":{}},{\"RecommendationId\":\"j/2\",\"EndpointConfiguration\":{}}],"
	"\"EndpointPerformances\":[{\"EndpointInfo\":{\"EndpointName\":\"prod-ep\"},"
	"\"Metrics\":{\"MaxInvocations\":400,\"ModelLatency\":80}}],\"Unknown\":{\"x\":1}}";

static void test_describe(void **state)
{
	struct fixture *f = *state;
	struct jobs_detail d;
	struct aws_result res;

	push(f, 200, describe_body);
	assert_int_equal(jobs_describe(f->client, "j", NULL, &d, &res), 0);
	assert_string_equal(target_of(f, 0), "SageMaker.DescribeInferenceRecommendationsJob");
	assert_string_equal(testsrv_request(f->srv, 0)->body, "{\"JobName\":\"j\"}");
	assert_string_equal(d.raw_json, describe_body);
	assert_string_equal(d.type, "Advanced");
	assert_int_equal(d.nrecs, 2);
	const struct jobs_recommendation *r = jobs_detail_find(&d, "j/1");

	assert_non_null(r);
	assert_string_equal(r->instance_type, "ml.c5.large");
	assert_int_equal(r->instance_count, 2);
	assert_true(r->cost_per_inference.set);
	assert_true(r->cost_per_inference.v > 1.4e-6 && r->cost_per_inference.v < 1.6e-6);
	assert_int_equal(r->max_invocations, 900);
	assert_int_equal(r->model_latency, 120);
	assert_true(r->memory_utilization.set && r->memory_utilization.v == 30);
	assert_string_equal(r->variant_name, "AllTraffic");
	/* a sparse recommendation is kept, with its gaps */
	assert_false(d.recs[1].cost_per_hour.set);
	assert_null(d.recs[1].instance_type);
	assert_null(jobs_detail_find(&d, "nope"));
	assert_int_equal(d.nendpoints, 1);
	assert_string_equal(d.endpoints[0].endpoint_name, "prod-ep");
	assert_int_equal(d.endpoints[0].max_invocations, 400);
	assert_int_equal(d.ninput_endpoints, 1);
	assert_string_equal(d.input_endpoints[0], "prod-ep");
	jobs_detail_free(&d);
	aws_result_free(&res);

	push(f, 400, "{\"__type\":\"ResourceNotFound\",\"Message\":\"no job\"}");
	assert_int_equal(jobs_describe(f->client, "nope", NULL, &d, &res), -1);
	assert_string_equal(res.error_code, "ResourceNotFound");
	assert_string_equal(res.request_id, "req-42");
	aws_result_free(&res);
}

static void test_format_time(void **state)
{
	setenv("TZ", "UTC", 1);
	char *s = jobs_format_time((struct opt_double){ true, 1700000000.9 });

	assert_string_equal(s, "2023-11-14 22:13");
	free(s);
	s = jobs_format_time((struct opt_double){ false, 0 });
	assert_string_equal(s, "-");
	free(s);
}

static void test_plan_run_stops_at_failure(void **state)
{
	struct fixture *f = *state;
	const char *body =
		"{\"InferenceRecommendationsJobName\":\"j\",\"DynamicScalingConfiguration\":"
		"{\"MinCapacity\":1,\"MaxCapacity\":3,\"ScalingPolicies\":["
		"{\"TargetTracking\":{\"MetricSpecification\":{\"Predefined\":{\"PredefinedMetricType\":"
		"\"SageMakerVariantInvocationsPerInstance\"}},\"TargetValue\":100}},"
		"{\"TargetTracking\":{\"MetricSpecification\":{\"Customized\":{\"MetricName\":\"m\","
		"\"Namespace\":\"n\",\"Statistic\":\"Average\"}},\"TargetValue\":50}}]}}";
	struct scaling_response r = { 0 };
	struct autoscaling_plan plan;
	struct aws_result res;
	char *err = NULL, **bodies = NULL;
	size_t failed = 99;

	assert_int_equal(scaling_response_parse(body, strlen(body), &r, &err), 0);
	assert_int_equal(autoscaling_plan_build(&r, "ep", "v", "pol", &plan, &err), 0);
	push(f, 200, "{\"ScalableTargetARN\":\"arn:t\"}");
	push(f, 400, "{\"__type\":\"ValidationException\",\"message\":\"no such variant\"}");
	assert_int_equal(autoscaling_plan_run(f->client, &plan, NULL, &failed, &bodies, &res), -1);
	assert_int_equal(failed, 1);
	assert_string_equal(bodies[0], "{\"ScalableTargetARN\":\"arn:t\"}");
	assert_null(bodies[1]);
	assert_string_equal(res.error_code, "ValidationException");
	assert_int_equal(testsrv_count(f->srv), 2); /* the third call was not made */
	assert_string_equal(target_of(f, 0), "AnyScaleFrontendService.RegisterScalableTarget");
	assert_string_equal(target_of(f, 1), "AnyScaleFrontendService.PutScalingPolicy");
	assert_non_null(strstr(testsrv_header(testsrv_request(f->srv, 1), "Authorization"),
			       "/us-east-1/application-autoscaling/aws4_request"));
	assert_non_null(strstr(testsrv_request(f->srv, 1)->body, "\"PolicyName\":\"pol-1\""));
	for (size_t i = 0; i < plan.ncalls; i++)
		free(bodies[i]);
	free(bodies);
	aws_result_free(&res);

	/* success: every call, every body */
	for (int i = 0; i < 3; i++)
		push(f, 200, "{\"PolicyARN\":\"arn:p\"}");
	assert_int_equal(autoscaling_plan_run(f->client, &plan, NULL, &failed, &bodies, &res), 0);
	assert_int_equal(failed, 3);
	for (size_t i = 0; i < plan.ncalls; i++)
		free(bodies[i]);
	free(bodies);
	aws_result_free(&res);

	push(f, 200, "{\"ScalingPolicies\":[]}");
	assert_int_equal(autoscaling_describe_policies(f->client, plan.resource_id, NULL, &res), 0);
	assert_string_equal(
		testsrv_request(f->srv, 5)->body,
		"{\"ServiceNamespace\":\"sagemaker\",\"ResourceId\":\"endpoint/ep/variant/v\","
		"\"ScalableDimension\":\"sagemaker:variant:DesiredInstanceCount\"}");
	aws_result_free(&res);
	push(f, 200, "{\"ScalableTargets\":[]}");
	assert_int_equal(autoscaling_describe_targets(f->client, plan.resource_id, NULL, &res), 0);
	assert_non_null(strstr(testsrv_request(f->srv, 6)->body,
			       "\"ResourceIds\":[\"endpoint/ep/variant/v\"]"));
	aws_result_free(&res);
	autoscaling_plan_free(&plan);
	scaling_response_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_list_pages_merged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_error_on_page_two, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_item_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_byte_cap, setup, teardown),
		cmocka_unit_test(test_paging_acc_caps),
		cmocka_unit_test(test_filter_validate),
		cmocka_unit_test_setup_teardown(test_describe, setup, teardown),
		cmocka_unit_test(test_format_time),
		cmocka_unit_test_setup_teardown(test_plan_run_stops_at_failure, setup, teardown),
	};
	return cmocka_run_group_tests_name("jobs", tests, NULL, NULL);
}
