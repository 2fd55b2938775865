/* Fuzzes the simulator's SigV4 verification (sim_auth_verify): "name: value"
 * header lines up to an empty line, then the body; method POST, path "/".
 * Whatever arrives, the answer is a yes, or a no with an AWS error (status
 * 400/403 and a type).  Half of the inputs are first signed correctly with
 * the demo key, so that the verifier's deeper checks are reached too. */
#include "config.h"

#include <string.h>

#include "aws/sigv4.h"
#include "sim/auth.h"
#include "sim/reply.h"
#include "sim/sim.h"
#include "fuzz.h"

#define MAX_HEADERS 32
#define NOW 1795737600.0 /* 2026-11-27T00:00:00Z */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_cstr(data, size), *p = buf, *end = buf + size;
	struct sim_header h[MAX_HEADERS + 1];
	size_t nh = 0;
	bool sign = size && (data[0] & 1);

	while (p < end && nh < MAX_HEADERS) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		if (nl)
			*nl = '\0';
		if (!*p) {
			p = nl ? nl + 1 : end;
			break;
		}
		char *colon = strchr(p, ':');
		if (colon) {
			*colon = '\0';
			h[nh].value = colon + 1 + (colon[1] == ' ');
		} else {
			h[nh].value = "";
		}
		h[nh++].name = p;
		p = nl ? nl + 1 : end;
	}
	const char *body = p;
	size_t blen = (size_t)(end - p);
	char *authz = NULL;
	if (sign) {
		/* Sign what was given (headers other than authorization). */
		struct sigv4_header sh[MAX_HEADERS];
		size_t ns = 0;
		const char *date = "20261127T000000Z";
		for (size_t i = 0; i < nh; i++) {
			if (strcasecmp(h[i].name, "authorization") == 0)
				continue;
			if (strcasecmp(h[i].name, "x-amz-date") == 0)
				date = h[i].value;
			sh[ns].name = h[i].name;
			sh[ns++].value = h[i].value;
		}
		struct sigv4_request rq = { "POST", "/", NULL, sh, ns, body, blen };
		struct sigv4_credentials cr = { SIM_DEMO_ACCESS_KEY, SIM_DEMO_SECRET_KEY, NULL };
		struct sigv4_result res;
		if (sigv4_sign(&rq, &cr, SIM_DEMO_REGION, "sagemaker", date, &res) == 0) {
			authz = res.authorization;
			res.authorization = NULL;
			sigv4_result_free(&res);
			if (nh < MAX_HEADERS + 1) {
				h[nh].name = "Authorization";
				h[nh++].value = authz;
			}
		}
	}
	struct sim_auth_request q = { "POST", "/", NULL, h, nh, body, blen };
	struct sim_auth_key key = { SIM_DEMO_ACCESS_KEY, SIM_DEMO_SECRET_KEY, SIM_DEMO_REGION };
	struct sim_reply rep = { 0 };

	if (!sim_auth_verify(&q, &key, NULL, NOW, &rep)) {
		FUZZ_CHECK(rep.status == 400 || rep.status == 403);
		FUZZ_CHECK(rep.body && rep.error_type);
	}
	sim_reply_free(&rep);
	sim_auth_parse_amz_date(nh ? h[0].value : "");
	free(authz);
	free(buf);
	return 0;
}
