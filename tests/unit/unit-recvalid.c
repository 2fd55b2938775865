/* src/sagemaker/recvalid.c: a recommendation outside Application Auto
 * Scaling's ranges is refused, by recvalid_check itself, by the plan that
 * apply and its dry run use, and by every export of a recommendation; the
 * message names each problem. */
#include "config.h"
#include "../lib/unit.h"

#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "sagemaker/autoscaling.h"
#include "sagemaker/recvalid.h"
#include "sagemaker/scaling.h"
#include "util/xalloc.h"

#define PRE(v)                                                                    \
	"{\"TargetTracking\":{\"MetricSpecification\":{\"Predefined\":"           \
	"{\"PredefinedMetricType\":\"SageMakerVariantInvocationsPerInstance\"}}," \
	"\"TargetValue\":" v "}}"
#define CUS(name, v)                                                               \
	"{\"TargetTracking\":{\"MetricSpecification\":{\"Customized\":"            \
	"{\"MetricName\":\"" name "\",\"Namespace\":\"/aws/sagemaker/Endpoints\"," \
	"\"Statistic\":\"Average\"}},\"TargetValue\":" v "}}"
#define REC(min, max, in, out, pols)                                                          \
	"{\"DynamicScalingConfiguration\":{\"MinCapacity\":" min ",\"MaxCapacity\":" max      \
	",\"ScaleInCooldown\":" in ",\"ScaleOutCooldown\":" out ",\"ScalingPolicies\":[" pols \
	"]}}"

struct vcase {
	const char *json;
	const char *expect; /* NULL: valid; else a part of the message */
};

static const struct vcase cases[] = {
	{ REC("1", "4", "300", "60", PRE("600.0") "," CUS("CPUUtilizationNormalized", "50.0")),
	  NULL },
	{ REC("0", "0", "0", "0", PRE("0.5")), NULL },
	{ REC("1", "1", "0", "0", PRE("1e100")), NULL },
	{ REC("-1", "4", "300", "60", PRE("600.0")), "MinCapacity is -1" },
	{ REC("1", "-4", "300", "60", PRE("600.0")), "MaxCapacity is -4" },
	{ REC("5", "2", "300", "60", PRE("600.0")),
	  "MinCapacity (5) is greater than MaxCapacity (2)" },
	{ REC("1", "2147483648", "300", "60", PRE("600.0")), "MaxCapacity is 2147483648" },
	{ REC("1", "4", "-300", "60", PRE("600.0")), "ScaleInCooldown is -300" },
	{ REC("1", "4", "300", "-1", PRE("600.0")), "ScaleOutCooldown is -1" },
	{ REC("1", "4", "300", "60", PRE("-600.0")), "Scaling policy 1: its TargetValue" },
	{ REC("1", "4", "300", "60", PRE("0")), "Scaling policy 1: its TargetValue" },
	{ REC("1", "4", "300", "60", PRE("1e999")), "Scaling policy 1: its TargetValue" },
	{ REC("1", "4", "300", "60", PRE("1e300")), "Scaling policy 1: its TargetValue" },
	{ REC("1", "4", "300", "60", PRE("1.0") "," CUS("", "50.0")),
	  "Scaling policy 2: its customized" },
	/* several at once: every one is named */
	{ REC("-2", "-3", "-1", "-1", PRE("-1")),
	  "MinCapacity (-2) is greater than MaxCapacity (-3)" },
};

static void parse(const char *json, struct scaling_response *r)
{
	char *err = NULL;

	if (scaling_response_parse(json, strlen(json), r, &err) != 0)
		fail_msg("parse: %s (%s)", err, json);
}

static void test_check_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct scaling_response r;
		char *err = NULL;

		parse(cases[i].json, &r);
		int rc = recvalid_check(&r, &err);

		if (!cases[i].expect) {
			if (rc != 0)
				fail_msg("case %zu: refused: %s", i, err);
		} else if (rc == 0 || !strstr(err, cases[i].expect)) {
			fail_msg("case %zu: want \"%s\", got %s", i, cases[i].expect,
				 err ? err : "(valid)");
		}
		free(err);
		scaling_response_free(&r);
	}
}

static void test_every_problem_named(void **state)
{
	(void)state;
	struct scaling_response r;
	char *err = NULL;

	parse(REC("-2", "-3", "-1", "-7", PRE("-1")), &r);
	assert_int_equal(recvalid_check(&r, &err), -1);
	assert_non_null(strstr(err, "not valid for Application Auto Scaling"));
	assert_non_null(strstr(err, "MinCapacity is -2"));
	assert_non_null(strstr(err, "MaxCapacity is -3"));
	assert_non_null(strstr(err, "ScaleInCooldown is -1"));
	assert_non_null(strstr(err, "ScaleOutCooldown is -7"));
	assert_non_null(strstr(err, "TargetValue"));
	free(err);
	scaling_response_free(&r);
}

/* apply (and --dry-run) build a plan; every export of a recommendation
 * renders one: all refuse, and write nothing. */
static void test_plan_and_exports_refuse(void **state)
{
	(void)state;
	struct scaling_response r;
	struct autoscaling_plan plan;
	char *err = NULL, *out = NULL;

	parse(REC("3", "1", "-300", "60", PRE("NaN")), &r);
	assert_int_equal(autoscaling_plan_build(&r, "ep", "AllTraffic", NULL, &plan, &err), -1);
	assert_int_equal(plan.ncalls, 0);
	assert_non_null(strstr(err, "MinCapacity (3) is greater than MaxCapacity (1)"));
	free(err);
	for (int f = 0; f < EXPORT_FORMAT_COUNT; f++) {
		struct scaling_request req = { 0 };
		struct export_input in = { .req = &req,
					   .resp = &r,
					   .endpoint = "ep",
					   .variant = "AllTraffic",
					   .region = "us-east-1" };

		if (!export_needs_response(f))
			continue;
		err = NULL;
		assert_int_equal(export_render(f, &in, &out, &err), -1);
		assert_null(out);
		assert_non_null(strstr(err, "ScaleInCooldown is -300"));
		free(err);
	}
	scaling_response_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_cases),
		cmocka_unit_test(test_every_problem_named),
		cmocka_unit_test(test_plan_and_exports_refuse),
	};
	return cmocka_run_group_tests_name("recvalid", tests, NULL, NULL);
}
