/* Protocol code under the locale of $SAGESCALE_TEST_LOCALE (set as main
 * sets it: LC_ALL from the environment, LC_NUMERIC "C"); tests/cli/locale.sh
 * runs this under tr_TR, az_AZ (dotless i), de_DE (German day and month
 * names) and lt_LT.  Header names, flags, dates and case comparisons must
 * come out as in the C locale. */
#include "config.h"
#include "../lib/unit.h"
#include "../lib/testsrv.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "aws/client.h"
#include "aws/sigv4.h"
#include "export/export.h"
#include "sagemaker/scaling.h"
#include "sim/auth.h"
#include "util/ascii.h"
#include "util/xalloc.h"

static const char body[] = "{\"JobName\":\"a\"}";

static void test_case_functions(void **state)
{
	(void)state;
	assert_int_equal(ascii_strcasecmp("X-AMZN-REQUESTID", "x-amzn-requestid"), 0);
	assert_int_equal(ascii_strcasecmp("ID", "id"), 0);
	assert_int_equal(ascii_tolower('I'), 'i');
	assert_int_equal(ascii_toupper('i'), 'I');
	assert_non_null(ascii_strcasestr("Expect: 100-CONTINUE", "100-continue"));
	assert_true(ascii_isalpha('I') && !ascii_isalpha(0xc4));
}

/* The simulator dates a request signed with the HTTP Date header. */
static void test_date_header(void **state)
{
	(void)state;
	static const struct sim_auth_key key = { "AKIDSAGESCALEDEMO", "sagescale-demo-secret",
						 "us-east-1" };
	struct sigv4_header sh[2] = { { "Host", "h" },
				      { "Date", "Wed, 18 Nov 2026 11:06:40 GMT" } };
	struct sigv4_request req = { "POST", "/", NULL, sh, 2, body, strlen(body) };
	struct sigv4_credentials cr = { "AKIDSAGESCALEDEMO", "sagescale-demo-secret", NULL };
	struct sigv4_result res;
	struct sim_reply r = { 0 };

	assert_int_equal(sigv4_sign(&req, &cr, "us-east-1", "sagemaker", "20261118T110640Z", &res),
			 0);
	struct sim_header h[3] = { { "Host", "h" },
				   { "Date", "Wed, 18 Nov 2026 11:06:40 GMT" },
				   { "Authorization", res.authorization } };
	struct sim_auth_request q = { "POST", "/", NULL, h, 3, body, strlen(body) };
	double now = (double)sim_auth_parse_amz_date("20261118T110640Z");

	assert_true(sim_auth_verify(&q, &key, "sagemaker", now, &r));
	sim_reply_free(&r);
	sigv4_result_free(&res);
}

/* The request id header, whatever the case of its name on the wire. */
static void test_request_id(void **state)
{
	(void)state;
	struct testsrv *srv = testsrv_start();
	struct aws_config cfg;
	struct aws_result res;

	assert_non_null(srv);
	testsrv_aws_config(srv, &cfg);
	cfg.max_attempts = 1;
	struct testsrv_response rsp = {
		.status = 400,
		.headers = "X-Amzn-RequestId: RID-IIII\n",
		.body = "{\"__type\":\"ValidationException\",\"message\":\"no\"}"
	};
	testsrv_push(srv, &rsp);
	struct aws_client_options o = { .cfg = &cfg, .no_backoff_sleep = true };
	struct aws_client *c = aws_client_new(&o);

	memset(&res, 0, sizeof(res));
	aws_call(c, "sagemaker", "SageMaker.ListInferenceRecommendationsJobs", "{}", NULL, &res);
	assert_int_equal(res.kind, AWS_ERR_SERVICE);
	assert_non_null(res.request_id);
	assert_string_equal(res.request_id, "RID-IIII");
	assert_string_equal(res.error_code, "ValidationException");
	aws_result_free(&res);
	aws_client_free(c);
	testsrv_stop(srv);
	aws_config_free(&cfg);
}

/* The exported script's flags: --resource-id, not --resource-Id. */
static void test_export_flags(void **state)
{
	(void)state;
	static const char json[] =
		"{\"DynamicScalingConfiguration\":{\"MinCapacity\":1,\"MaxCapacity\":4,"
		"\"ScaleInCooldown\":300,\"ScaleOutCooldown\":60,\"ScalingPolicies\":["
		"{\"TargetTracking\":{\"MetricSpecification\":{\"Predefined\":"
		"{\"PredefinedMetricType\":\"SageMakerVariantInvocationsPerInstance\"}},"
		"\"TargetValue\":600.5}}]}}";
	struct scaling_response r;
	struct scaling_request q = { 0 };
	char *err = NULL, *out = NULL;

	assert_int_equal(scaling_response_parse(json, strlen(json), &r, &err), 0);
	struct export_input in = { .req = &q,
				   .resp = &r,
				   .endpoint = "ep",
				   .variant = "AllTraffic",
				   .region = "eu-west-1" };
	assert_int_equal(export_render(EXPORT_AWS_CLI_APPLY, &in, &out, &err), 0);
	const char *flags[] = { "--resource-id",
				"--scalable-dimension",
				"--service-namespace",
				"--min-capacity",
				"--max-capacity",
				"--policy-name",
				"--policy-type",
				"--target-tracking-scaling-policy-configuration",
				"--region",
				"600.5" };
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (!strstr(out, flags[i]))
			fail_msg("missing %s in:\n%s", flags[i], out);
	assert_null(strstr(out, "-Id"));
	free(out);
	scaling_response_free(&r);
}

int main(void)
{
	const char *loc = getenv("SAGESCALE_TEST_LOCALE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case_functions),
		cmocka_unit_test(test_date_header),
		cmocka_unit_test(test_request_id),
		cmocka_unit_test(test_export_flags),
	};

	if (loc && *loc && !setlocale(LC_ALL, loc)) {
		fprintf(stderr, "locale %s not available\n", loc);
		return 77;
	}
	if (!loc || !*loc)
		setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	testsrv_no_proxy();
	return cmocka_run_group_tests_name("locale", tests, NULL, NULL);
}
