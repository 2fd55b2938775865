/* Fuzzes the STS client's XML readers (src/aws/sts.c): the first byte picks
 * GetCallerIdentity, AssumeRole, AssumeRoleWithWebIdentity or the error
 * reader; the rest is the answer.  A success has every required field, and
 * a failure a message. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aws/sts.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *xml = (const char *)data + 1;
	size_t len = size - 1;
	char *err = NULL;

	switch (data[0] % 4) {
	case 0: {
		struct sts_identity id;
		if (sts_parse_identity(xml, len, &id, &err) == 0) {
			FUZZ_CHECK(id.account && id.arn && id.user_id);
			sts_identity_free(&id);
		} else {
			FUZZ_CHECK(err && *err);
		}
		break;
	}
	case 1:
	case 2: {
		struct sts_assumed a;
		enum sts_op op =
			data[0] % 4 == 1 ? STS_ASSUME_ROLE : STS_ASSUME_ROLE_WITH_WEB_IDENTITY;
		if (sts_parse_assumed(op, xml, len, &a, &err) == 0) {
			FUZZ_CHECK(a.access_key_id && a.secret_access_key && a.session_token &&
				   a.expiration);
			sts_assumed_free(&a);
		} else {
			FUZZ_CHECK(err && *err);
		}
		break;
	}
	default: {
		char *code, *msg, *rid;
		if (sts_parse_error(xml, len, &code, &msg, &rid) == 0) {
			free(code);
			free(msg);
			free(rid);
		}
		break;
	}
	}
	free(err);
	return 0;
}
