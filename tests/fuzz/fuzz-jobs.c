/* Fuzzes the ListInferenceRecommendationsJobs and
 * DescribeInferenceRecommendationsJob parsers (the same bytes to both), and
 * the picker's sort and lookup on what they return. */
#include "config.h"

#include <string.h>

#include "sagemaker/jobs.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size), *err = NULL, *next = NULL;
	struct jobs_list l;
	struct jobs_detail d;

	memset(&l, 0, sizeof l);
	if (jobs_list_parse(s, &l, &next, &err) == 0) {
		FUZZ_CHECK(l.njobs == 0 || l.jobs != NULL);
		jobs_list_sort_for_picker(&l);
		for (size_t i = 0; i < l.njobs; i++) {
			char *t = jobs_format_time(l.jobs[i].creation_time);
			FUZZ_CHECK(t != NULL);
			free(t);
		}
	}
	jobs_list_free(&l);
	free(next);
	free(err);
	err = NULL;

	memset(&d, 0, sizeof d);
	if (jobs_detail_parse(s, &d, &err) == 0) {
		FUZZ_CHECK(d.nrecs == 0 || d.recs != NULL);
		for (size_t i = 0; i < d.nrecs; i++)
			if (d.recs[i].recommendation_id)
				FUZZ_CHECK(jobs_detail_find(&d, d.recs[i].recommendation_id) !=
					   NULL);
	}
	jobs_detail_free(&d);
	free(err);
	free(s);
	return 0;
}
