/* Validation messages and typed field access (src/sim/validate.c). */
#include "config.h"
#include "../lib/unit.h"
#include "sim/validate.h"

#include <stdlib.h>
#include <string.h>

static json_object *parse(const char *s)
{
	json_object *o = json_tokener_parse(s);

	assert_non_null(o);
	return o;
}

static void test_name_pattern(void **state)
{
	assert_true(sim_name_pattern_ok("a", 63));
	assert_true(sim_name_pattern_ok("churn-xgboost-default", 63));
	assert_true(sim_name_pattern_ok("a--b", 63));
	assert_false(sim_name_pattern_ok("", 63));
	assert_false(sim_name_pattern_ok("-a", 63));
	assert_false(sim_name_pattern_ok("a-", 63));
	assert_false(sim_name_pattern_ok("x y", 63));
	assert_false(sim_name_pattern_ok("a_b", 63));
	assert_false(sim_name_pattern_ok("caf\xc3\xa9", 63));
	char name[70];
	memset(name, 'a', 64);
	name[64] = '\0';
	assert_true(sim_name_pattern_ok(name, 63));
	name[64] = 'a';
	name[65] = '\0';
	assert_false(sim_name_pattern_ok(name, 63));
	assert_false(sim_name_pattern_ok(name + 1, 62));
}

static void test_one_error_message(void **state)
{
	struct sim_verr v = SIM_VERR_INIT;
	struct sim_reply r = { 0 };

	sim_check_name(&v, "inferenceRecommendationsJobName", "x y", 63);
	assert_true(sim_verr_finish(&v, &r));
	assert_int_equal(r.status, 400);
	assert_string_equal(r.error_type, "ValidationException");
	assert_string_equal(
		r.body,
		"{\"__type\":\"ValidationException\",\"message\":\"1 validation error detected: Value 'x y' at "
		"'inferenceRecommendationsJobName' failed to satisfy constraint: Member must satisfy regular "
		"expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}\"}");
	sim_reply_free(&r);
}

static void test_several_errors_joined(void **state)
{
	struct sim_verr v = SIM_VERR_INIT;
	struct sim_reply r = { 0 };
	static const char *const set[] = { "Ascending", "Descending", NULL };

	sim_check_required(&v, "jobName", false);
	sim_check_range(&v, "targetCpuUtilizationPerCore", 101, 1, 100);
	sim_check_enum(&v, "sortOrder", "Up", set);
	sim_check_length(&v, "endpointName", "", 1, 63);
	assert_true(sim_verr_finish(&v, &r));
	assert_non_null(strstr(
		r.body, "4 validation errors detected: Value null at 'jobName' failed to "
			"satisfy constraint: Member must not be null; Value '101' at "
			"'targetCpuUtilizationPerCore' failed to satisfy constraint: Member must "
			"have value less than or equal to 100; Value 'Up' at 'sortOrder' failed to "
			"satisfy constraint: Member must satisfy enum value set: [Ascending, "
			"Descending]; Value '' at 'endpointName' failed to satisfy constraint: "
			"Member must have length greater than or equal to 1"));
	sim_reply_free(&r);
}

static void test_no_error_no_reply(void **state)
{
	struct sim_verr v = SIM_VERR_INIT;
	struct sim_reply r = { 0 };

	sim_check_range(&v, "x", 50, 1, 100);
	sim_check_length(&v, "y", "caf\xc3\xa9", 4, 4); /* characters, not bytes */
	assert_false(sim_verr_finish(&v, &r));
	assert_null(r.body);
}

static void test_getters_types(void **state)
{
	json_object *o =
		parse("{\"s\":\"x\",\"i\":42,\"d\":2.5,\"b\":true,\"n\":null,\"o\":{},\"a\":[],"
		      "\"i2\":50.0}");
	struct sim_reply r = { 0 };
	const char *s;
	long long i;
	double d;
	bool b;
	json_object *x;

	assert_int_equal(sim_get_string(o, "s", &s, &r), 1);
	assert_string_equal(s, "x");
	assert_int_equal(sim_get_int(o, "i", &i, &r), 1);
	assert_int_equal(i, 42);
	assert_int_equal(sim_get_int(o, "i2", &i, &r), 1);
	assert_int_equal(i, 50);
	assert_int_equal(sim_get_double(o, "d", &d, &r), 1);
	assert_true(d == 2.5);
	assert_int_equal(sim_get_bool(o, "b", &b, &r), 1);
	assert_true(b);
	assert_int_equal(sim_get_string(o, "n", &s, &r), 0); /* null is absent */
	assert_int_equal(sim_get_string(o, "missing", &s, &r), 0);
	assert_int_equal(sim_get_object(o, "o", &x, &r), 1);
	assert_int_equal(sim_get_array(o, "a", &x, &r), 1);
	assert_null(r.body);
	json_object_put(o);
}

static void expect_serialization(const char *json, const char *key, int kind, const char *msg)
{
	json_object *o = parse(json);
	struct sim_reply r = { 0 };
	const char *s;
	long long i;
	json_object *x;
	int rc = kind == 0   ? sim_get_string(o, key, &s, &r)
		 : kind == 1 ? sim_get_int(o, key, &i, &r)
			     : sim_get_object(o, key, &x, &r);

	assert_int_equal(rc, -1);
	assert_int_equal(r.status, 400);
	assert_non_null(
		strstr(r.body, "\"__type\":\"com.amazon.coral.service#SerializationException\""));
	if (!strstr(r.body, msg))
		fail_msg("%s lacks %s", r.body, msg);
	assert_non_null(strstr(r.error_type, "SerializationException:"));
	sim_reply_free(&r);
	json_object_put(o);
}

static void test_wrong_types(void **state)
{
	expect_serialization("{\"k\":5}", "k", 0,
			     "TruncatingBigNumber can not be converted to an String");
	expect_serialization("{\"k\":\"5\"}", "k", 1,
			     "STRING_VALUE can not be converted to an Integer");
	expect_serialization("{\"k\":true}", "k", 1,
			     "BOOLEAN_VALUE can not be converted to an Integer");
	expect_serialization("{\"k\":{}}", "k", 0,
			     "Start of structure or map found where not expected.");
	expect_serialization("{\"k\":[1]}", "k", 1, "Start of list found where not expected.");
	expect_serialization("{\"k\":50.5}", "k", 1,
			     "NUMBER_VALUE can not be converted to an Integer");
	expect_serialization("{\"k\":\"x\"}", "k", 2, "Unexpected value type");
}

static void test_huge_numbers(void **state)
{
	expect_serialization("{\"k\":2147483648}", "k", 1,
			     "Numeric value (2147483648) out of range of int");
	expect_serialization("{\"k\":-2147483649}", "k", 1, "out of range of int");
	expect_serialization("{\"k\":99999999999999999999999}", "k", 1, "out of range of int");
	expect_serialization("{\"k\":1e300}", "k", 1, "out of range of int");
	json_object *o = parse("{\"k\":-2147483648}");
	struct sim_reply r = { 0 };
	long long i;
	assert_int_equal(sim_get_int(o, "k", &i, &r), 1);
	assert_int_equal(i, -2147483648LL);
	json_object_put(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_pattern),
		cmocka_unit_test(test_one_error_message),
		cmocka_unit_test(test_several_errors_joined),
		cmocka_unit_test(test_no_error_no_reply),
		cmocka_unit_test(test_getters_types),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_huge_numbers),
	};
	return cmocka_run_group_tests_name("sim-validate", tests, NULL, NULL);
}
