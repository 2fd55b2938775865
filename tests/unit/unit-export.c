/* Exports: shell quoting, AWS CLI command lines, OSC 52, safe file writing,
 * the autoscaling plan, and every format byte for byte against
 * tests/data/golden/ (SAGESCALE_REGEN_GOLDEN=DIR writes them there instead). */
#include "config.h"
#include "../lib/unit.h"
#include "../lib/testfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export/export.h"
#include "util/sanitize.h"
#include "export/file.h"
#include "export/osc52.h"
#include "export/shell.h"
#include "export/terraform.h"
#include "sagemaker/autoscaling.h"
#include "util/xalloc.h"

static const char *response_json =
	"{\"InferenceRecommendationsJobName\":\"demo-job-1\",\"RecommendationId\":\"rec-1\","
	"\"TargetCpuUtilizationPerCore\":50,\"ScalingPolicyObjective\":"
	"{\"MinInvocationsPerMinute\":100,\"MaxInvocationsPerMinute\":2000},"
	"\"Metric\":{\"InvocationsPerInstance\":600,\"ModelLatency\":1200},"
	"\"DynamicScalingConfiguration\":{\"MinCapacity\":1,\"MaxCapacity\":4,"
	"\"ScaleInCooldown\":300,\"ScaleOutCooldown\":60,\"ScalingPolicies\":["
	"{\"TargetTracking\":{\"MetricSpecification\":{\"Predefined\":"
	"{\"PredefinedMetricType\":\"SageMakerVariantInvocationsPerInstance\"}},\"TargetValue\":600.0}},"
	"{\"TargetTracking\":{\"MetricSpecification\":{\"Customized\":{\"MetricName\":"
	"\"CPUUtilizationNormalized\",\"Namespace\":\"/aws/sagemaker/Endpoints\","
	"\"Statistic\":\"Average\"}},\"TargetValue\":50.0}}]}}";

/* Every field the exports carry, hostile: quotes, $(), backticks, a
 * newline, ESC, a tab, a C1 control and a bidi override. */
static const char *hostile_json =
	"{\"InferenceRecommendationsJobName\":\"job'$(id)`id`\",\"RecommendationId\":\"r\\\"\\n\\u001b[31m\","
	"\"DynamicScalingConfiguration\":{\"MinCapacity\":2,\"MaxCapacity\":3,\"ScalingPolicies\":["
	"{\"TargetTracking\":{\"MetricSpecification\":{\"Predefined\":"
	"{\"PredefinedMetricType\":\"a'b\\tc\\u009b\\u202e$(x)\"}},\"TargetValue\":0.1}},"
	"{\"TargetTracking\":{\"MetricSpecification\":{\"Customized\":{\"MetricName\":"
	"\"`rm -rf ~`\",\"Namespace\":\"ns\\r\\n\",\"Statistic\":\"'\\\\\\\"\"}},\"TargetValue\":1e2}},"
	"{\"StepScaling\":{}}]}}";

static void parse(const char *json, struct scaling_response *r)
{
	char *err = NULL;

	if (scaling_response_parse(json, strlen(json), r, &err) != 0)
		fail_msg("parse: %s", err);
}

static void expect_quote(const char *in, const char *want)
{
	char *q = shell_quote(in);

	assert_string_equal(q, want);
	free(q);
}

static void test_shell_quote(void **state)
{
	expect_quote("", "''");
	expect_quote("abc", "'abc'");
	expect_quote("it's", "'it'\\''s'");
	expect_quote("$(id) `id` \"x\"", "'$(id) `id` \"x\"'");
	expect_quote("a\nb", "'a\nb'");
	expect_quote("a\033[31mb", "'a'\"$(printf '\\033')\"'[31mb'");
	expect_quote("\t\r", "\"$(printf '\\011\\015')\"");
	expect_quote("x\xc2\x9b", "'x'\"$(printf '\\302\\233')\"");
	expect_quote("\xe2\x80\xae", "\"$(printf '\\342\\200\\256')\"");
	expect_quote("\xff", "\"$(printf '\\377')\"");
	expect_quote("caf\xc3\xa9", "'caf\xc3\xa9'");
}

static void test_kebab(void **state)
{
	const char *cases[][2] = {
		{ "TargetCpuUtilizationPerCore", "target-cpu-utilization-per-core" },
		{ "RoleARN", "role-arn" },
		{ "InferenceRecommendationsJobName", "inference-recommendations-job-name" },
		{ "PutScalingPolicy", "put-scaling-policy" },
		{ "TargetTrackingScalingPolicyConfiguration",
		  "target-tracking-scaling-policy-configuration" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *k = shell_kebab(cases[i][0]);

		assert_string_equal(k, cases[i][1]);
		free(k);
	}
}

static void test_aws_command(void **state)
{
	char *c = shell_aws_command("sagemaker", "GetScalingConfigurationRecommendation",
				    "{\"A\":\"x y\",\"BNum\":5,\"C\":{\"D\":1}}", "us-east-1");

	assert_string_equal(c, "aws sagemaker get-scaling-configuration-recommendation \\\n"
			       "    --a 'x y' \\\n    --b-num '5' \\\n    --c '{\"D\":1}' \\\n"
			       "    --region 'us-east-1'\n");
	free(c);
	assert_null(shell_aws_command("s", "Op", "[1]", NULL));
}

static void test_osc52(void **state)
{
	char *b = osc52_base64("hello", 5);

	assert_string_equal(b, "aGVsbG8=");
	free(b);
	char *s = osc52_sequence("hi", 2, false);

	assert_string_equal(s, "\033]52;c;aGk=\a");
	free(s);
	s = osc52_sequence("hi", 2, true);
	assert_string_equal(s, "\033Ptmux;\033\033]52;c;aGk=\a\033\\");
	free(s);
	char *big = xcalloc(OSC52_MAX_BYTES + 1, 1);

	assert_null(osc52_sequence(big, OSC52_MAX_BYTES + 1, false));
	free(big);
	setenv("TMUX", "/tmp/x,1,0", 1);
	assert_true(osc52_in_tmux());
	unsetenv("TMUX");
	assert_false(osc52_in_tmux());
}

static void test_file_write(void **state)
{
	char *dir = testfile_tmpdir("sagescale-unit-export");
	char *err = NULL;
	struct stat st;

	char *path = xasprintf("%s/out.sh", dir);

	assert_int_equal(export_file_write(path, "one\n", 4, false, &err), EXPORT_FILE_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(export_file_write(path, "two\n", 4, false, &err), EXPORT_FILE_EXISTS);
	char *got = testfile_slurp(path, NULL);

	assert_string_equal(got, "one\n");
	free(got);
	assert_int_equal(export_file_write(path, "three\n", 6, true, &err), EXPORT_FILE_OK);
	got = testfile_slurp(path, NULL);
	assert_string_equal(got, "three\n");
	free(got);
	/* a symlink in the way is not followed, and counts as existing */
	char *link_path = xasprintf("%s/link", dir);

	assert_int_equal(symlink("/nonexistent-target", link_path), 0);
	assert_int_equal(export_file_write(link_path, "x", 1, false, &err), EXPORT_FILE_EXISTS);
	char *bad = xasprintf("%s/no/such/dir/f", dir);

	assert_int_equal(export_file_write(bad, "x", 1, false, &err), EXPORT_FILE_ERROR);
	assert_non_null(err);
	free(err);
	/* no temporary file is left behind */
	char *cmd = xasprintf("ls -A %s | grep -c sagescale-export", dir);
	FILE *p = popen(cmd, "r");
	int n = -1;

	assert_int_equal(fscanf(p, "%d", &n), 1);
	pclose(p);
	assert_int_equal(n, 0);
	free(cmd);
	free(bad);
	free(link_path);
	free(path);
	assert_int_equal(testfile_rmtree(dir), 0);
}

static void test_plan(void **state)
{
	struct scaling_response r = { 0 };
	struct autoscaling_plan plan;
	char *err = NULL;

	parse(hostile_json, &r);
	assert_int_equal(autoscaling_plan_build(&r, "ep", "AllTraffic", NULL, &plan, &err), 0);
	assert_int_equal(plan.ncalls, 3);
	assert_int_equal(plan.nskipped, 1);
	assert_string_equal(plan.resource_id, "endpoint/ep/variant/AllTraffic");
	assert_string_equal(plan.calls[0].op, "RegisterScalableTarget");
	assert_string_equal(
		plan.calls[0].json,
		"{\"ServiceNamespace\":\"sagemaker\",\"ResourceId\":\"endpoint/ep/variant/AllTraffic\","
		"\"ScalableDimension\":\"sagemaker:variant:DesiredInstanceCount\","
		"\"MinCapacity\":2,\"MaxCapacity\":3}");
	assert_non_null(strstr(plan.calls[1].json, "\"PolicyName\":\"sagescale-ep-AllTraffic-1\""));
	assert_non_null(strstr(plan.calls[1].json, "\"TargetValue\":0.1,"));
	assert_non_null(strstr(plan.calls[2].json, "\"PolicyName\":\"sagescale-ep-AllTraffic-2\""));
	assert_non_null(strstr(plan.calls[2].json, "\"TargetValue\":100.0,"));
	assert_non_null(strstr(plan.calls[2].json,
			       "\"Dimensions\":[{\"Name\":\"EndpointName\",\"Value\":\"ep\"},"
			       "{\"Name\":\"VariantName\",\"Value\":\"AllTraffic\"}]"));
	autoscaling_plan_free(&plan);
	assert_int_equal(autoscaling_plan_build(&r, "", "v", NULL, &plan, &err), -1);
	free(err);
	scaling_response_free(&r);

	struct scaling_response none = { 0 };

	parse("{\"InferenceRecommendationsJobName\":\"j\"}", &none);
	assert_int_equal(autoscaling_plan_build(&none, "e", "v", NULL, &plan, &err), -1);
	free(err);
	scaling_response_free(&none);
}

static void test_format_double(void **state)
{
	const struct {
		double v;
		const char *s;
	} cases[] = {
		{ 50, "50.0" },
		{ 0.1, "0.1" },
		{ 123.456, "123.456" },
		{ 1e21, "1e+21" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = autoscaling_format_double(cases[i].v);

		assert_string_equal(s, cases[i].s);
		free(s);
	}
}

static void test_terminal_safe(void **state)
{
	char *s = sanitize_json_text("{\"a\":\"x\xc2\x9b\xe2\x80\xae\x7f\xff\"}");

	assert_string_equal(s, "{\"a\":\"x\\u009b\\u202e\\u007f\\ufffd\"}");
	free(s);
}

/* Compares text with tests/data/golden/NAME, or writes it there when
 * SAGESCALE_REGEN_GOLDEN names a directory. */
static void golden(const char *name, const char *text)
{
	const char *regen = getenv("SAGESCALE_REGEN_GOLDEN");
	const char *top = getenv("top_srcdir");

	if (regen && *regen) {
		char *p = xasprintf("%s/%s", regen, name);
		FILE *f = fopen(p, "wb");

		assert_non_null(f);
		fputs(text, f);
		fclose(f);
		free(p);
		return;
	}
	char *p = xasprintf("%s/tests/data/golden/%s", top ? top : ".", name);
	char *want = testfile_slurp(p, NULL);

	if (!want)
		fail_msg("missing golden file %s", p);
	if (strcmp(want, text) != 0)
		fail_msg("%s differs; got:\n%s", name, text);
	free(want);
	free(p);
}

static void render_all(const char *prefix, const char *json, const struct scaling_request *req,
		       const char *endpoint, const char *variant, const char *policy)
{
	struct scaling_response r = { 0 };

	parse(json, &r);
	struct export_input in = { req, &r, endpoint, variant, policy, "us-east-1" };
	static const char *ext[EXPORT_FORMAT_COUNT] = { "json", "json", "sh", "json", "sh", "tf" };

	for (int f = 0; f < EXPORT_FORMAT_COUNT; f++) {
		char *out = NULL, *err = NULL, *name;

		if (export_render(f, &in, &out, &err) != 0)
			fail_msg("%s: %s", export_format_key(f), err);
		name = xasprintf("%s-%s.%s", prefix, export_format_key(f), ext[f]);
		golden(name, out);
		free(name);
		free(out);
	}
	scaling_response_free(&r);
}

static void test_golden_plain(void **state)
{
	struct scaling_request req = {
		.job_name = "demo-job-1",
		.recommendation_id = "rec-1",
		.cpu = { true, 50 },
		.min_invocations = { true, 100 },
		.max_invocations = { true, 2000 },
	};
	render_all("export", response_json, &req, "demo-endpoint", "AllTraffic", NULL);
}

static void test_golden_hostile(void **state)
{
	struct scaling_request req = {
		.job_name = "job'$(id)`id`",
		.endpoint_name = "e\n\033]52;c;eA==\a",
		.max_invocations = { true, 5 },
	};
	render_all("hostile", hostile_json, &req, "ep'$(touch /tmp/pwned)`x`",
		   "v\"\n\t\xe2\x80\xae", "p\\'\r");
}

static void test_needs(void **state)
{
	struct export_input in = { 0 };
	char *out = NULL, *err = NULL;

	assert_int_equal(export_render(EXPORT_RESPONSE_JSON, &in, &out, &err), -1);
	assert_non_null(err);
	free(err);
	assert_true(export_needs_target(EXPORT_AWS_CLI_APPLY));
	assert_false(export_needs_response(EXPORT_GET_COMMAND));
	assert_int_equal(export_format_from_key("cloudformation"), EXPORT_CLOUDFORMATION);
	assert_int_equal(export_format_from_key("nope"), -1);
}

/* HCL quoted strings: escapes, the template introducers doubled (a
 * literal ${ or %{ would be a template), unsafe characters as \u. */
static void test_hcl_quote(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "plain", "\"plain\"" },
		{ "", "\"\"" },
		{ "a\"b\\c", "\"a\\\"b\\\\c\"" },
		{ "x${var.y}", "\"x$${var.y}\"" },
		{ "%{ if true }", "\"%%{ if true }\"" },
		{ "$x %d {", "\"$x %d {\"" },
		{ "l1\nl2\r\t", "\"l1\\nl2\\r\\t\"" },
		{ "\x1b[31m\xc2\x9b\xe2\x80\xae", "\"\\u001b[31m\\u009b\\u202e\"" },
		{ "\xff", "\"\\ufffd\"" },
		{ "caf\xc3\xa9", "\"caf\xc3\xa9\"" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = BUF_INIT;
		char *got;

		terraform_quote_buf(&b, cases[i].in);
		got = buf_steal(&b);
		assert_string_equal(got, cases[i].out);
		free(got);
	}
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shell_quote),   cmocka_unit_test(test_kebab),
		cmocka_unit_test(test_aws_command),   cmocka_unit_test(test_osc52),
		cmocka_unit_test(test_file_write),    cmocka_unit_test(test_plan),
		cmocka_unit_test(test_format_double), cmocka_unit_test(test_terminal_safe),
		cmocka_unit_test(test_golden_plain),  cmocka_unit_test(test_golden_hostile),
		cmocka_unit_test(test_needs),         cmocka_unit_test(test_hcl_quote),
	};
	return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
