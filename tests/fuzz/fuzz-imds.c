/* Fuzzes the answer parser of the container endpoint and of the instance
 * metadata service ({"AccessKeyId", "SecretAccessKey", "Token",
 * "Expiration"}): either all four are there and kept, or nothing is. */
#include "config.h"

#include <string.h>

#include "aws/config.h"
#include "aws/cred-http.h"
#include "fuzz.h"
#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct aws_credentials c = { 0 };
	const char *missing = NULL;
	enum aws_cred_answer a =
		aws_cred_parse_answer((const char *)data, size, &c, xstrdup("fuzz"), &missing);

	if (a == AWS_ANSWER_OK) {
		FUZZ_CHECK(c.access_key_id && *c.access_key_id);
		FUZZ_CHECK(c.secret_access_key && *c.secret_access_key);
		FUZZ_CHECK(c.session_token && *c.session_token);
		FUZZ_CHECK(c.source != NULL);
		aws_credentials_free(&c);
	} else {
		FUZZ_CHECK(c.access_key_id == NULL && c.source == NULL);
		FUZZ_CHECK(a != AWS_ANSWER_MISSING || missing != NULL);
	}
	return 0;
}
