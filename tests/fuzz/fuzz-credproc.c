/* Fuzzes the credential_process output parser.  On success both keys are
 * set; on failure the message never repeats the process's output (the seeds
 * carry the marker SECRETMARK in their secret). */
#include "config.h"

#include <string.h>

#include "aws/config.h"
#include "aws/credproc.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct aws_credentials c = { 0 };
	char *err = NULL;
	/* 2026-11-27T00:00:00Z: fixed, so that results do not change with time. */
	int rc = credproc_parse((const char *)data, size, "fuzz", 1795737600LL, &c, &err);

	if (rc == 0) {
		FUZZ_CHECK(c.access_key_id && *c.access_key_id);
		FUZZ_CHECK(c.secret_access_key && *c.secret_access_key);
		FUZZ_CHECK(c.source != NULL);
		aws_credentials_free(&c);
	} else {
		FUZZ_CHECK(rc == -1 && err && *err);
		FUZZ_CHECK(!strstr(err, "SECRETMARK"));
		FUZZ_CHECK(!strstr(err, "TOKENMARK"));
	}
	free(err);
	return 0;
}
