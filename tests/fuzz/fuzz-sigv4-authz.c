/* Fuzzes the verifier's Authorization header parser: any bytes must give
 * -1 or a complete, well-formed result (64 hex digit signature, the four
 * credential scope parts without '/'). */
#include "config.h"

#include <string.h>

#include "aws/sigv4.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct sigv4_authz a;

	if (sigv4_parse_authorization(s, &a) == 0) {
		FUZZ_CHECK(a.access_key_id && a.date && a.region && a.service);
		FUZZ_CHECK(a.signed_headers && *a.signed_headers);
		FUZZ_CHECK(a.signature && strlen(a.signature) == 64);
		FUZZ_CHECK(!strchr(a.access_key_id, '/') && !strchr(a.region, '/') &&
			   !strchr(a.service, '/') && !strchr(a.date, '/'));
		sigv4_authz_free(&a);
	}
	free(s);
	return 0;
}
