/* Fuzzes the history file's line decoder (history_decode): a decoded line
 * re-encodes, and the re-encoded line decodes to the same line again. */
#include "config.h"

#include <string.h>

#include "whatif/history.h"
#include "whatif/run.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct whatif_run r;

	memset(&r, 0, sizeof r);
	if (history_decode((const char *)data, size, &r) == 0) {
		char *line = history_encode(&r);
		FUZZ_CHECK(line != NULL);
		FUZZ_CHECK(!strchr(line, '\n'));
		struct whatif_run r2;
		memset(&r2, 0, sizeof r2);
		FUZZ_CHECK(history_decode(line, strlen(line), &r2) == 0);
		char *line2 = history_encode(&r2);
		FUZZ_CHECK(strcmp(line, line2) == 0);
		free(line2);
		whatif_run_free(&r2);
		free(line);
	}
	whatif_run_free(&r);
	return 0;
}
