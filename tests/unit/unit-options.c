/* Shared command-line parsing (src/cli/options.c): groups, a command's own
 * options through the callback, AWS CLI spellings, --cli-input-json under
 * flags, exit code 2 for every bad value. */
#include "config.h"
#include "../lib/unit.h"
#include "cli/options.h"

#include <stdlib.h>
#include <string.h>

#define ALL (CLI_GROUP_CONN | CLI_GROUP_INPUT | CLI_GROUP_OUTPUT)

static int parse(unsigned groups, const struct cli_extra *extra, struct cli_args *a, ...)
{
	static char *argv[32]; /* a.rest points into it after the return */
	int argc = 0;
	va_list ap;

	argv[argc++] = (char *)"test";
	va_start(ap, a);
	while ((argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	return cli_parse(argc, argv, NULL, groups, extra, a);
}

static void test_connection_flags(void **state)
{
	struct cli_args a;

	(void)state;
	assert_int_equal(parse(ALL, NULL, &a, "--profile", "p", "--region", "eu-west-1",
			       "--endpoint-url", "http://127.0.0.1:9", "--ca-bundle", "/x.pem",
			       "--demo", "--debug", "--allow-http", "--read-only", "--no-history",
			       "--connect-timeout", "2.5", "--cli-read-timeout", "30",
			       "--no-cli-pager", "--output", "table", NULL),
			 0);
	assert_string_equal(a.conn.profile, "p");
	assert_string_equal(a.conn.region, "eu-west-1");
	assert_string_equal(a.conn.endpoint_url, "http://127.0.0.1:9");
	assert_string_equal(a.conn.ca_bundle, "/x.pem");
	assert_true(a.conn.demo && a.conn.debug && a.conn.allow_http);
	assert_true(a.conn.read_only && a.conn.no_history);
	assert_int_equal(a.conn.connect_timeout_ms, 2500);
	/* --cli-read-timeout is the AWS CLI's socket read timeout (issue 11),
	 * no longer the whole request's deadline (--timeout). */
	assert_int_equal(a.conn.read_timeout_ms, 30000);
	assert_int_equal(a.conn.timeout_ms, 0);
	assert_int_equal(a.output, CLI_OUTPUT_TABLE);
	assert_true(a.output_set);
	assert_false(a.have_input);
	cli_args_free(&a);
}

static void test_input_aws_spellings(void **state)
{
	struct cli_args a;

	(void)state;
	assert_int_equal(parse(ALL, NULL, &a, "--inference-recommendations-job-name", "j",
			       "--endpoint-name", "e", "--target-cpu-utilization-per-core", "70",
			       "--scaling-policy-objective",
			       "MinInvocationsPerMinute=5,MaxInvocationsPerMinute=9", NULL),
			 0);
	assert_true(a.have_input);
	assert_string_equal(a.req.job_name, "j");
	assert_string_equal(a.req.endpoint_name, "e");
	assert_true(a.req.cpu.set && a.req.cpu.v == 70);
	assert_true(a.req.min_invocations.v == 5 && a.req.max_invocations.v == 9);
	assert_string_equal(a.field_flag[SCALING_FIELD_JOB],
			    "--inference-recommendations-job-name");
	assert_string_equal(a.field_flag[SCALING_FIELD_CPU], "--target-cpu-utilization-per-core");
	assert_int_equal(cli_check_request(&a), 0);
	cli_args_free(&a);

	assert_int_equal(parse(ALL, NULL, &a, "--job", "j", "--recommendation-id", "r",
			       "--scaling-policy-objective", "{\"MaxInvocationsPerMinute\": 3}",
			       NULL),
			 0);
	assert_false(a.req.min_invocations.set);
	assert_true(a.req.max_invocations.set && a.req.max_invocations.v == 3);
	cli_args_free(&a);
}

static void test_input_json_under_flags(void **state)
{
	struct cli_args a;

	(void)state;
	assert_int_equal(
		parse(ALL, NULL, &a, "--cpu", "90", "--cli-input-json",
		      "{\"InferenceRecommendationsJobName\": \"f\", \"RecommendationId\": \"r\","
		      " \"TargetCpuUtilizationPerCore\": 10}",
		      NULL),
		0);
	assert_string_equal(a.req.job_name, "f");
	assert_string_equal(a.req.recommendation_id, "r");
	assert_int_equal(a.req.cpu.v, 90); /* the flag wins, wherever it stands */
	cli_args_free(&a);
}

static void test_bad_values_exit_2(void **state)
{
	struct cli_args a;

	(void)state;
	assert_int_equal(parse(ALL, NULL, &a, "--cpu", "abc", NULL), 2);
	assert_int_equal(parse(ALL, NULL, &a, "--job", "a_b", NULL), 2);
	assert_int_equal(parse(ALL, NULL, &a, "--endpoint-name", "", NULL), 2);
	assert_int_equal(parse(ALL, NULL, &a, "--min-invocations", "-1", NULL), 2);
	assert_int_equal(parse(ALL, NULL, &a, "--output", "xml", NULL), 2);
	assert_int_equal(parse(ALL, NULL, &a, "--color", "always", NULL), 2);
	assert_int_equal(parse(ALL, NULL, &a, "--timeout", "never", NULL), 2);
	assert_int_equal(parse(ALL, NULL, &a, "--nope", NULL), 2);
	assert_int_equal(parse(ALL, NULL, &a, "--cpu", NULL), 2);
	assert_int_equal(parse(ALL, NULL, &a, "--scaling-policy-objective", "Min=1", NULL), 2);
	assert_int_equal(parse(ALL, NULL, &a, "--cli-input-json", "{\"X\": 1}", NULL), 2);
	assert_int_equal(parse(ALL, NULL, &a, "--cli-input-json", "/nonexistent/in.json", NULL), 2);
}

static void test_groups_limit_flags(void **state)
{
	struct cli_args a;

	(void)state;
	assert_int_equal(parse(CLI_GROUP_CONN, NULL, &a, "--job", "j", NULL), 2);
	assert_int_equal(parse(CLI_GROUP_CONN, NULL, &a, "--output", "json", NULL), 2);
	assert_int_equal(parse(CLI_GROUP_INPUT, NULL, &a, "--region", "r", NULL), 2);
	assert_int_equal(parse(CLI_GROUP_CONN, NULL, &a, "--help", NULL), 0);
	assert_true(a.help);
	cli_args_free(&a);
}

struct seen {
	int count;
	long long n;
	char flag[64];
};

static int extra_handle(int val, const char *optname, const char *arg, void *ud, char **err)
{
	struct seen *s = ud;

	s->count++;
	snprintf(s->flag, sizeof(s->flag), "%s", optname);
	if (val == CLI_OPT_USER + 1)
		return 0;
	return cli_parse_int(optname, arg, 1, 16, &s->n, err);
}

static void test_extra_options(void **state)
{
	static const struct option own[] = { { "concurrency", required_argument, NULL,
					       CLI_OPT_USER },
					     { "chart", no_argument, NULL, CLI_OPT_USER + 1 },
					     { NULL, 0, NULL, 0 } };
	struct seen s = { 0 };
	struct cli_extra extra = { own, extra_handle, &s };
	struct cli_args a;

	(void)state;
	assert_int_equal(parse(ALL, &extra, &a, "--concurrency", "8", "--job", "j", "--chart",
			       "rest1", NULL),
			 0);
	assert_int_equal(s.count, 2);
	assert_int_equal(s.n, 8);
	assert_string_equal(s.flag, "--chart");
	assert_string_equal(a.req.job_name, "j");
	assert_int_equal(a.nrest, 1);
	assert_string_equal(a.rest[0], "rest1");
	cli_args_free(&a);
	/* The callback's error: exit code 2. */
	assert_int_equal(parse(ALL, &extra, &a, "--concurrency", "99", NULL), 2);
}

static void test_whole_request_rules(void **state)
{
	struct cli_args a;

	(void)state;
	assert_int_equal(parse(ALL, NULL, &a, "--job", "j", NULL), 0);
	assert_int_equal(cli_check_request(&a), 2); /* neither id nor endpoint */
	cli_args_free(&a);
	assert_int_equal(parse(ALL, NULL, &a, "--endpoint-name", "e", NULL), 0);
	assert_int_equal(cli_check_request(&a), 2); /* no job */
	cli_args_free(&a);
	assert_int_equal(parse(ALL, NULL, &a, "--job", "j", "--endpoint-name", "e",
			       "--min-invocations", "10", "--max-invocations", "9", NULL),
			 0);
	assert_int_equal(cli_check_request(&a), 2);
	cli_args_free(&a);
}

static void test_helpers(void **state)
{
	long long v;
	long ms;
	char *err = NULL;

	(void)state;
	assert_int_equal(cli_parse_int("--n", "-5", -10, 10, &v, &err), 0);
	assert_int_equal(v, -5);
	assert_int_equal(cli_parse_int("--n", "11", -10, 10, &v, &err), -1);
	assert_string_equal(err, "--n: must be a whole number from -10 to 10 (got \"11\")");
	free(err);
	assert_int_equal(cli_parse_seconds("--t", "0.001", &ms, &err), 0);
	assert_int_equal(ms, 1);
	assert_int_equal(cli_parse_seconds("--t", "-1", &ms, &err), -1);
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_connection_flags),
		cmocka_unit_test(test_input_aws_spellings),
		cmocka_unit_test(test_input_json_under_flags),
		cmocka_unit_test(test_bad_values_exit_2),
		cmocka_unit_test(test_groups_limit_flags),
		cmocka_unit_test(test_extra_options),
		cmocka_unit_test(test_whole_request_rules),
		cmocka_unit_test(test_helpers),
	};
	return cmocka_run_group_tests_name("options", tests, NULL, NULL);
}
