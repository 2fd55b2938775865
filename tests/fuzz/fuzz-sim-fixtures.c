/* Fuzzes the simulator's data file parser (sagescale sim --data FILE). */
#include "config.h"

#include <string.h>

#include "sim/fixtures.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *err = NULL;
	struct sim_fixtures *f = sim_fixtures_parse((const char *)data, size, &err);

	if (f) {
		for (size_t i = 0; i < f->njobs; i++) {
			FUZZ_CHECK(f->jobs[i].name != NULL);
			FUZZ_CHECK(sim_fixtures_job(f, f->jobs[i].name) != NULL);
		}
		sim_fixtures_free(f);
	} else {
		FUZZ_CHECK(err != NULL);
	}
	free(err);
	return 0;
}
