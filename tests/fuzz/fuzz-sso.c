/* Fuzzes the SSO parsers: the token cache file (~/.aws/sso/cache/SHA1.json) and
 * GetRoleCredentials' answer.  A parsed cache has a non-empty access token;
 * parsed credentials have both keys and an expiry; nothing crashes or leaks
 * (the seeds carry SECRETMARK in their secrets). */
#include "config.h"

#include <string.h>

#include "aws/config.h"
#include "aws/cred-http.h"
#include "aws/cred.h"
#include "aws/cred-sso.h"
#include "fuzz.h"
#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_object *doc = NULL;
	const char *token = NULL;
	long long exp = 0;
	struct aws_credentials c = { 0 };

	if (aws_sso_parse_cache((const char *)data, size, &doc, &token, &exp) == 0) {
		FUZZ_CHECK(doc && token && *token);
		aws_cred_json_free(doc);
	} else {
		FUZZ_CHECK(doc == NULL);
	}
	if (aws_sso_parse_role_credentials((const char *)data, size, &c, xstrdup("fuzz")) ==
	    AWS_CRED_FOUND) {
		FUZZ_CHECK(c.access_key_id && *c.access_key_id);
		FUZZ_CHECK(c.secret_access_key && *c.secret_access_key);
		FUZZ_CHECK(c.expiration > 0);
		aws_credentials_free(&c);
	} else {
		FUZZ_CHECK(c.access_key_id == NULL);
	}
	return 0;
}
