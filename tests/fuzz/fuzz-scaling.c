/* Fuzzes the GetScalingConfigurationRecommendation response parser and what
 * is made of a parsed response: the one-line policy text of the history and
 * compare views, the Application Auto Scaling plan, and every export.  A
 * parsed body keeps its raw JSON, union members are well-formed, unknown
 * tags keep their key; plan calls and JSON exports are JSON; every export
 * is printable (no control character but newlines, nothing unsafe).  The
 * same bytes also go to the --cli-input-json reader. */
#include "config.h"

#include <string.h>

#include <json.h>

#include "export/export.h"
#include "sagemaker/autoscaling.h"
#include "sagemaker/scaling.h"
#include "util/sanitize.h"
#include "whatif/run.h"
#include "fuzz.h"

static void check_printable(const char *s)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		FUZZ_CHECK(k > 0);
		FUZZ_CHECK(cp == '\n' || !sanitize_is_unsafe(cp));
		i += k;
	}
}

static void check_json(const char *s)
{
	json_object *o = json_tokener_parse(s);
	FUZZ_CHECK(o != NULL);
	json_object_put(o);
}

static void derived(const struct scaling_response *r, const struct scaling_request *req)
{
	struct autoscaling_plan plan;
	char *err = NULL;

	memset(&plan, 0, sizeof plan);
	if (autoscaling_plan_build(r, "ep-1", "AllTraffic", NULL, &plan, &err) == 0) {
		for (size_t i = 0; i < plan.ncalls; i++) {
			check_json(plan.calls[i].json);
			char *p = autoscaling_call_pretty(&plan.calls[i]);
			check_json(p);
			free(p);
		}
		autoscaling_plan_free(&plan);
	}
	free(err);
	struct export_input in = { req, r, "ep-1", "AllTraffic", NULL, "us-east-1" };
	for (int f = 0; f < EXPORT_FORMAT_COUNT; f++) {
		char *out = NULL;
		err = NULL;
		if (export_render(f, &in, &out, &err) == 0) {
			check_printable(out);
			if (f == EXPORT_RESPONSE_JSON || f == EXPORT_CLI_INPUT_JSON ||
			    f == EXPORT_CLOUDFORMATION)
				check_json(out);
			free(out);
		} else {
			FUZZ_CHECK(err != NULL);
		}
		free(err);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scaling_response r;
	char *err = NULL;

	struct scaling_request req;
	char *s = fuzz_cstr(data, size), *rerr = NULL;

	memset(&req, 0, sizeof req);
	if (scaling_request_from_json(s, &req, &rerr) != 0) {
		FUZZ_CHECK(rerr != NULL);
		scaling_request_free(&req);
		memset(&req, 0, sizeof req);
		req.job_name = strdup("job-1");
		req.recommendation_id = strdup("r-1");
	}
	free(rerr);
	free(s);

	memset(&r, 0, sizeof r);
	if (scaling_response_parse((const char *)data, size, &r, &err) == 0) {
		FUZZ_CHECK(r.raw_json != NULL);
		FUZZ_CHECK(r.npolicies == 0 || r.policies != NULL);
		for (size_t i = 0; i < r.npolicies; i++) {
			const struct scaling_policy *p = &r.policies[i];
			if (p->kind == POLICY_UNKNOWN)
				FUZZ_CHECK(p->unknown_key != NULL);
			if (p->has_metric && p->metric.kind == METRIC_UNKNOWN)
				FUZZ_CHECK(p->metric.unknown_key != NULL);
			char *t = whatif_policy_text(p);
			FUZZ_CHECK(t != NULL);
			free(t);
		}
		derived(&r, &req);
		scaling_response_free(&r);
	} else {
		FUZZ_CHECK(err != NULL);
	}
	free(err);
	scaling_request_free(&req);
	return 0;
}
