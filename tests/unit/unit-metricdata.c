/* src/sagemaker/metricdata.c against the simulator (in process): the
 * request's shape, every page followed (MaxDatapoints 500 gives the same
 * series as one page), an endpoint without data, answers that are not
 * GetMetricData's. */
#include "config.h"
#include "../lib/unit.h"

#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aws/http.h"
#include "sagemaker/metricdata.h"
#include "sim/sim.h"
#include "util/xalloc.h"

struct fixture {
	struct sim *sim;
	struct aws_config cfg;
	struct aws_client_options opts;
	struct aws_client *client;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct sim_options o;

	http_global_init();
	sim_options_init(&o);
	f->sim = sim_start(&o, NULL);
	if (!f->sim)
		return -1;
	f->cfg.region = xstrdup(SIM_DEMO_REGION);
	f->cfg.endpoint_monitoring = xstrdup(sim_url(f->sim));
	f->cfg.max_attempts = 1;
	f->cfg.creds.access_key_id = xstrdup(SIM_DEMO_ACCESS_KEY);
	f->cfg.creds.secret_access_key = xstrdup(SIM_DEMO_SECRET_KEY);
	f->opts.cfg = &f->cfg;
	f->client = aws_client_new(&f->opts);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	aws_client_free(f->client);
	sim_stop(f->sim);
	aws_config_free(&f->cfg);
	free(f);
	return 0;
}

static void test_request_json(void **state)
{
	struct metricdata_query q = { "churn-prod", "primary", 1000, 4600, 500 };
	char *body = metricdata_request_json(&q, "tok");
	json_object *o = json_tokener_parse(body), *v;

	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "MetricDataQueries", &v));
	json_object *ms = json_object_object_get(json_object_array_get_idx(v, 0), "MetricStat");
	json_object *m = json_object_object_get(ms, "Metric");
	assert_string_equal(json_object_get_string(json_object_object_get(m, "Namespace")),
			    "AWS/SageMaker");
	assert_string_equal(json_object_get_string(json_object_object_get(m, "MetricName")),
			    "Invocations");
	assert_int_equal(json_object_get_int(json_object_object_get(ms, "Period")), 60);
	assert_string_equal(json_object_get_string(json_object_object_get(ms, "Stat")), "Sum");
	json_object *d = json_object_object_get(m, "Dimensions");
	assert_int_equal(json_object_array_length(d), 2);
	assert_int_equal(json_object_get_int64(json_object_object_get(o, "StartTime")), 1000);
	assert_int_equal(json_object_get_int64(json_object_object_get(o, "EndTime")), 4600);
	assert_int_equal(json_object_get_int(json_object_object_get(o, "MaxDatapoints")), 500);
	assert_string_equal(json_object_get_string(json_object_object_get(o, "NextToken")), "tok");
	assert_string_equal(json_object_get_string(json_object_object_get(o, "ScanBy")),
			    "TimestampAscending");
	json_object_put(o);
	free(body);
}

static void test_paging(void **state)
{
	struct fixture *f = *state;
	long long now = (long long)time(NULL);
	long long end = now - now % 60 - 86400, start = end - 3 * 86400;
	struct metricdata_query one = { "churn-prod", "primary", start, end, 0 };
	struct metricdata_query many = { "churn-prod", "primary", start, end, 500 };
	struct metricdata_series a, b;
	struct aws_result res;

	assert_int_equal(metricdata_invocations(f->client, &one, NULL, &a, &res), 0);
	aws_result_free(&res);
	assert_int_equal(metricdata_invocations(f->client, &many, NULL, &b, &res), 0);
	aws_result_free(&res);
	print_message("# %zu points, %zu and %zu pages\n", a.n, a.pages, b.pages);
	assert_int_equal(a.pages, 1);
	assert_int_equal(b.pages, (a.n + 499) / 500);
	assert_true(b.pages > 1);
	assert_int_equal(a.n, b.n);
	/* Three days of minutes, but for the weekly seven-minute gap when it
	 * falls in the range. */
	assert_true(a.n == 3 * 1440 || a.n == 3 * 1440 - 7);
	assert_memory_equal(a.times, b.times, a.n * sizeof(*a.times));
	assert_memory_equal(a.values, b.values, a.n * sizeof(*a.values));
	for (size_t i = 1; i < a.n; i++)
		assert_true(a.times[i] > a.times[i - 1] && a.times[i] % 60 == 0);
	assert_string_equal(b.status, "Complete");
	metricdata_series_free(&a);
	metricdata_series_free(&b);
}

static void test_no_data(void **state)
{
	struct fixture *f = *state;
	long long now = (long long)time(NULL);
	struct metricdata_query q = { "no-such-endpoint", "AllTraffic", now - 3600, now, 0 };
	struct metricdata_series s;
	struct aws_result res;

	assert_int_equal(metricdata_invocations(f->client, &q, NULL, &s, &res), 0);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.pages, 1);
	aws_result_free(&res);
	metricdata_series_free(&s);
	/* A range older than the 15 days kept. */
	q.endpoint_name = "churn-prod";
	q.variant_name = "primary";
	q.start = now - 40 * 86400;
	q.end = now - 30 * 86400;
	assert_int_equal(metricdata_invocations(f->client, &q, NULL, &s, &res), 0);
	assert_int_equal(s.n, 0);
	aws_result_free(&res);
	metricdata_series_free(&s);
}

static void test_parse_bad(void **state)
{
	struct metricdata_series s;
	char *next = NULL, *err = NULL;
	static const char *const bad[] = {
		"[]",
		"{\"MetricDataResults\":[{\"Timestamps\":[1,2],\"Values\":[1]}]}",
		"{\"MetricDataResults\":[{\"Timestamps\":[\"x\"],\"Values\":[1]}]}",
		"{\"MetricDataResults\":[{\"Timestamps\":[60],\"Values\":[\"1\"]}]}",
		"{\"MetricDataResults\":[{\"Timestamps\":[-60],\"Values\":[1]}]}",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&s, 0, sizeof(s));
		assert_int_equal(metricdata_parse_page(bad[i], &s, &next, &err), -1);
		assert_non_null(strstr(err, "GetMetricData"));
		free(err);
		free(next);
		next = NULL;
		metricdata_series_free(&s);
	}
	memset(&s, 0, sizeof(s));
	assert_int_equal(
		metricdata_parse_page("{\"MetricDataResults\":[{\"Timestamps\":"
				      "[\"2026-11-02T09:14:00Z\",120],\"Values\":[5,6.5]}],"
				      "\"NextToken\":\"\"}",
				      &s, &next, &err),
		0);
	assert_null(next);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.times[0], 1793610840LL);
	assert_true(s.values[1] == 6.5);
	metricdata_series_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_json),
		cmocka_unit_test(test_paging),
		cmocka_unit_test(test_no_data),
		cmocka_unit_test(test_parse_bad),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
