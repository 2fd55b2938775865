/* Fuzzes the GetScalingConfigurationRecommendation response parser and the
 * one-line policy text the history and compare views show: a parsed body
 * keeps its raw JSON, union members are well-formed, unknown tags keep
 * their key. */
#include "config.h"

#include <string.h>

#include "sagemaker/scaling.h"
#include "whatif/run.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scaling_response r;
	char *err = NULL;

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
		scaling_response_free(&r);
	} else {
		FUZZ_CHECK(err != NULL);
	}
	free(err);
	return 0;
}
