/* Output printers: the AWS CLI's json, table and text layouts reproduced
 * byte for byte, and terminal safety on top. */
#include "config.h"
#include "../lib/unit.h"
#include "cli/output.h"

#include <stdlib.h>
#include <string.h>

/* Expected outputs made by awscli 1.45.11's own formatters (formatter.py,
 * table.py, text.py) from doc3. */
static const char doc3[] =
	"{\"InferenceRecommendationsJobName\":\"my-job\",\"EndpointName\":\"ep-1\",\"TargetCpuUtilizationPerCore\":70,\"Metric\":{\"InvocationsPerInstance\":427,\"ModelLatency\":2356},\"DynamicScalingConfiguration\":{\"MinCapacity\":1,\"MaxCapacity\":3,\"ScaleInCooldown\":300,\"ScaleOutCooldown\":60,\"ScalingPolicies\":[{\"TargetTracking\":{\"MetricSpecification\":{\"Predefined\":{\"PredefinedMetricType\":\"SageMakerVariantInvocationsPerInstance\"}},\"TargetValue\":427.5}},{\"FutureThing\":{\"Tags\":[\"a\",\"b\"],\"On\":true}}]}}";

static const char doc3_json[] =
	"{\n"
	"    \"InferenceRecommendationsJobName\": \"my-job\",\n"
	"    \"EndpointName\": \"ep-1\",\n"
	"    \"TargetCpuUtilizationPerCore\": 70,\n"
	"    \"Metric\": {\n"
	"        \"InvocationsPerInstance\": 427,\n"
	"        \"ModelLatency\": 2356\n"
	"    },\n"
	"    \"DynamicScalingConfiguration\": {\n"
	"        \"MinCapacity\": 1,\n"
	"        \"MaxCapacity\": 3,\n"
	"        \"ScaleInCooldown\": 300,\n"
	"        \"ScaleOutCooldown\": 60,\n"
	"        \"ScalingPolicies\": [\n"
	"            {\n"
	"                \"TargetTracking\": {\n"
	"                    \"MetricSpecification\": {\n"
	"                        \"Predefined\": {\n"
	"                            \"PredefinedMetricType\": \"SageMakerVariantInvocationsPerInstance\"\n"
	"                        }\n"
	"                    },\n"
	"                    \"TargetValue\": 427.5\n"
	"                }\n"
	"            },\n"
	"            {\n"
	"                \"FutureThing\": {\n"
	"                    \"Tags\": [\n"
	"                        \"a\",\n"
	"                        \"b\"\n"
	"                    ],\n"
	"                    \"On\": true\n"
	"                }\n"
	"            }\n"
	"        ]\n"
	"    }\n"
	"}\n";

static const char doc3_text[] = "ep-1\tmy-job\t70\n"
				"DYNAMICSCALINGCONFIGURATION\t3\t1\t300\t60\n"
				"TARGETTRACKING\t427.5\n"
				"PREDEFINED\tSageMakerVariantInvocationsPerInstance\n"
				"FUTURETHING\tTrue\n"
				"TAGS\ta\n"
				"TAGS\tb\n"
				"METRIC\t427\t2356\n";

static const char doc3_table200[] =
	"------------------------------------------------------------------------------------\n"
	"|                       GetScalingConfigurationRecommendation                      |\n"
	"+--------------+-----------------------------------+-------------------------------+\n"
	"| EndpointName |  InferenceRecommendationsJobName  |  TargetCpuUtilizationPerCore  |\n"
	"+--------------+-----------------------------------+-------------------------------+\n"
	"|  ep-1        |  my-job                           |  70                           |\n"
	"+--------------+-----------------------------------+-------------------------------+\n"
	"||                           DynamicScalingConfiguration                          ||\n"
	"|+---------------+-----------------+----------------------+-----------------------+|\n"
	"||  MaxCapacity  |   MinCapacity   |   ScaleInCooldown    |   ScaleOutCooldown    ||\n"
	"|+---------------+-----------------+----------------------+-----------------------+|\n"
	"||  3            |  1              |  300                 |  60                   ||\n"
	"|+---------------+-----------------+----------------------+-----------------------+|\n"
	"|||                                ScalingPolicies                               |||\n"
	"||||                               TargetTracking                               ||||\n"
	"|||+-----------------------------------------------+----------------------------+|||\n"
	"||||  TargetValue                                  |  427.5                     ||||\n"
	"|||+-----------------------------------------------+----------------------------+|||\n"
	"|||||                            MetricSpecification                           |||||\n"
	"||||+--------------------------------------------------------------------------+||||\n"
	"||||||                               Predefined                               ||||||\n"
	"|||||+-------------------------+----------------------------------------------+|||||\n"
	"||||||  PredefinedMetricType   |  SageMakerVariantInvocationsPerInstance      ||||||\n"
	"|||||+-------------------------+----------------------------------------------+|||||\n"
	"|||                                ScalingPolicies                               |||\n"
	"||||                                 FutureThing                                ||||\n"
	"|||+-------------------------------+--------------------------------------------+|||\n"
	"||||  On                           |  True                                      ||||\n"
	"|||+-------------------------------+--------------------------------------------+|||\n"
	"|||||                                   Tags                                   |||||\n"
	"||||+--------------------------------------------------------------------------+||||\n"
	"|||||  a                                                                       |||||\n"
	"|||||  b                                                                       |||||\n"
	"||||+--------------------------------------------------------------------------+||||\n"
	"||                                     Metric                                     ||\n"
	"|+-------------------------------------------------+------------------------------+|\n"
	"||             InvocationsPerInstance              |        ModelLatency          ||\n"
	"|+-------------------------------------------------+------------------------------+|\n"
	"||  427                                            |  2356                        ||\n"
	"|+-------------------------------------------------+------------------------------+|\n";

static const char doc3_table50[] =
	"------------------------------------------------------------------------------\n"
	"|                    GetScalingConfigurationRecommendation                   |\n"
	"+-----------------------------------------------------------+----------------+\n"
	"|  EndpointName                                             |  ep-1          |\n"
	"|  InferenceRecommendationsJobName                          |  my-job        |\n"
	"|  TargetCpuUtilizationPerCore                              |  70            |\n"
	"+-----------------------------------------------------------+----------------+\n"
	"||                        DynamicScalingConfiguration                       ||\n"
	"|+------------------------------------------------------+-------------------+|\n"
	"||  MaxCapacity                                         |  3                ||\n"
	"||  MinCapacity                                         |  1                ||\n"
	"||  ScaleInCooldown                                     |  300              ||\n"
	"||  ScaleOutCooldown                                    |  60               ||\n"
	"|+------------------------------------------------------+-------------------+|\n"
	"|||                             ScalingPolicies                            |||\n"
	"||||                            TargetTracking                            ||||\n"
	"|||+-------------------------------------------+--------------------------+|||\n"
	"||||  TargetValue                              |  427.5                   ||||\n"
	"|||+-------------------------------------------+--------------------------+|||\n"
	"|||||                         MetricSpecification                        |||||\n"
	"||||+--------------------------------------------------------------------+||||\n"
	"||||||                            Predefined                            ||||||\n"
	"|||||+-----------------------+------------------------------------------+|||||\n"
	"||||||  PredefinedMetricType |  SageMakerVariantInvocationsPerInstance  ||||||\n"
	"|||||+-----------------------+------------------------------------------+|||||\n"
	"|||                             ScalingPolicies                            |||\n"
	"||||                              FutureThing                             ||||\n"
	"|||+-----------------------------+----------------------------------------+|||\n"
	"||||  On                         |  True                                  ||||\n"
	"|||+-----------------------------+----------------------------------------+|||\n"
	"|||||                                Tags                                |||||\n"
	"||||+--------------------------------------------------------------------+||||\n"
	"|||||  a                                                                 |||||\n"
	"|||||  b                                                                 |||||\n"
	"||||+--------------------------------------------------------------------+||||\n"
	"||                                  Metric                                  ||\n"
	"|+--------------------------------------------------------+-----------------+|\n"
	"||  InvocationsPerInstance                                |  427            ||\n"
	"||  ModelLatency                                          |  2356           ||\n"
	"|+--------------------------------------------------------+-----------------+|\n";

typedef int (*printer)(FILE *out, const char *json, size_t len, char **err);

/* Runs a printer into memory; returns the text (caller frees). */
static char *capture(int fmt, long width, const char *json, int *rc)
{
	char *text = NULL, *err = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&text, &n);

	assert_non_null(f);
	if (fmt == 'j')
		*rc = output_json(f, json, strlen(json), &err);
	else if (fmt == 'x')
		*rc = output_text(f, json, strlen(json), &err);
	else
		*rc = output_table_width(f, width, "GetScalingConfigurationRecommendation", json,
					 strlen(json), &err);
	fclose(f);
	if (*rc < 0) {
		assert_non_null(err);
		free(text);
		return err;
	}
	assert_null(err);
	return text;
}

static void expect(int fmt, long width, const char *json, const char *want)
{
	int rc;
	char *got = capture(fmt, width, json, &rc);

	assert_int_equal(rc, 0);
	assert_string_equal(got, want);
	free(got);
}

static void test_json_like_awscli(void **state)
{
	(void)state;
	expect('j', 0, doc3, doc3_json);
}

static void test_text_like_awscli(void **state)
{
	(void)state;
	expect('x', 0, doc3, doc3_text);
}

static void test_table_wide_like_awscli(void **state)
{
	(void)state;
	expect('t', 200, doc3, doc3_table200);
}

static void test_table_narrow_goes_vertical(void **state)
{
	(void)state;
	expect('t', 50, doc3, doc3_table50);
}

static void test_json_escapes(void **state)
{
	(void)state;
	/* Python's json.dumps(ensure_ascii=False) escapes, and on top of it
	 * ESC, DEL, C1 and bidi overrides as \u escapes; "/" and UTF-8 stay. */
	expect('j', 0,
	       "{\"a\":\"q\\\"b\\\\s/t\\tn\\nr\\rb\\bf\\f\\u001b[2J\\u007f\\u009b\\u202e\\u00e9\\u4e2d\"}",
	       "{\n    \"a\": \"q\\\"b\\\\s/t\\tn\\nr\\rb\\bf\\f\\u001b[2J\\u007f\\u009b\\u202e\xc3\xa9\xe4\xb8\xad\"\n}\n");
}

static void test_json_invalid_utf8(void **state)
{
	(void)state;
	expect('j', 0, "{\"a\":\"x\xff\"}", "{\n    \"a\": \"x\\ufffd\"\n}\n");
}

static void test_json_numbers_like_python(void **state)
{
	(void)state;
	expect('j', 0,
	       "[1.5,1e-05,1e16,1e15,0.0001,123456789012345678,0.1,-0.0,2.5e-3,1E2,100,"
	       "1.7976931348623157e308,3.14159265358979,true,false,null]",
	       "[\n    1.5,\n    1e-05,\n    1e+16,\n    1000000000000000.0,\n    0.0001,\n"
	       "    123456789012345678,\n    0.1,\n    -0.0,\n    0.0025,\n    100.0,\n    100,\n"
	       "    1.7976931348623157e+308,\n    3.14159265358979,\n    true,\n    false,\n"
	       "    null\n]\n");
}

static void test_json_empty_containers(void **state)
{
	(void)state;
	expect('j', 0, "{}", ""); /* the AWS CLI prints nothing for {} */
	expect('j', 0, "{\"a\":{},\"b\":[]}", "{\n    \"a\": {},\n    \"b\": []\n}\n");
}

static void test_json_keeps_key_order(void **state)
{
	(void)state;
	expect('j', 0, "{\"z\":1,\"a\":{\"y\":2,\"b\":3}}",
	       "{\n    \"z\": 1,\n    \"a\": {\n        \"y\": 2,\n        \"b\": 3\n    }\n}\n");
}

static void test_text_and_table_sanitise(void **state)
{
	int rc;
	char *got;

	(void)state;
	got = capture('x', 0, "{\"a\":\"x\\u001b]0;pwned\\u0007y\",\"b\":\"\\u202eabc\"}", &rc);
	assert_int_equal(rc, 0);
	assert_null(strchr(got, 0x1b));
	assert_null(strchr(got, 0x07));
	assert_null(strstr(got, "\xe2\x80\xae"));
	assert_non_null(strstr(got, "pwned"));
	free(got);
	got = capture('t', 80, "{\"a\":\"x\\u001b[31my\",\"b\":\"\\u0000z\"}", &rc);
	assert_int_equal(rc, 0);
	assert_null(strchr(got, 0x1b));
	assert_non_null(strstr(got, "\\x1b[31my"));
	assert_non_null(strstr(got, "\\x00z"));
	free(got);
}

static void test_text_python_str(void **state)
{
	(void)state;
	/* str(): True/False/None, floats as repr, sorted keys, upper-case identifiers. */
	expect('x', 0, "{\"b\":true,\"a\":null,\"c\":2.0,\"L\":[\"x\",\"y\"],\"D\":{\"k\":1}}",
	       "None\tTrue\t2.0\nD\t1\nL\tx\nL\ty\n");
}

static void test_table_scalar_list_and_empty(void **state)
{
	(void)state;
	expect('t', 80, "{}", "");
	expect('t', 80, "{\"L\":[\"a\",\"b\"]}",
	       "---------------------------------------\n"
	       "|GetScalingConfigurationRecommendation|\n"
	       "+-------------------------------------+\n"
	       "||                 L                 ||\n"
	       "|+-----------------------------------+|\n"
	       "||  a                                ||\n"
	       "||  b                                ||\n"
	       "|+-----------------------------------+|\n");
}

static void test_bad_json_is_an_error(void **state)
{
	int rc, i;
	static const char *const bad[] = { "", "{", "{\"a\":}", "nope", "{\"a\":1}}" };

	(void)state;
	for (i = 0; i < 5; i++) {
		char *err = capture("jxt"[i % 3], 80, bad[i], &rc);
		assert_int_equal(rc, -1);
		assert_true(strlen(err) > 0);
		free(err);
	}
}

static void test_parse_format(void **state)
{
	enum cli_output f;

	(void)state;
	assert_int_equal(output_parse_format("json", &f), 0);
	assert_int_equal(f, CLI_OUTPUT_JSON);
	assert_int_equal(output_parse_format("table", &f), 0);
	assert_int_equal(f, CLI_OUTPUT_TABLE);
	assert_int_equal(output_parse_format("text", &f), 0);
	assert_int_equal(f, CLI_OUTPUT_TEXT);
	assert_int_equal(output_parse_format("yaml", &f), 0);
	assert_int_equal(f, CLI_OUTPUT_YAML);
	assert_int_equal(output_parse_format("yaml-stream", &f), 0);
	assert_int_equal(f, CLI_OUTPUT_YAML_STREAM);
	assert_int_equal(output_parse_format("xml", &f), -1);
	assert_int_equal(output_parse_format("YAML", &f), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_like_awscli),
		cmocka_unit_test(test_text_like_awscli),
		cmocka_unit_test(test_table_wide_like_awscli),
		cmocka_unit_test(test_table_narrow_goes_vertical),
		cmocka_unit_test(test_json_escapes),
		cmocka_unit_test(test_json_invalid_utf8),
		cmocka_unit_test(test_json_numbers_like_python),
		cmocka_unit_test(test_json_empty_containers),
		cmocka_unit_test(test_json_keeps_key_order),
		cmocka_unit_test(test_text_and_table_sanitise),
		cmocka_unit_test(test_text_python_str),
		cmocka_unit_test(test_table_scalar_list_and_empty),
		cmocka_unit_test(test_bad_json_is_an_error),
		cmocka_unit_test(test_parse_format),
	};
	return cmocka_run_group_tests_name("output", tests, NULL, NULL);
}
