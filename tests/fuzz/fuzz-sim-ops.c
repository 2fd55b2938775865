/* Fuzzes the simulator's request handling after authentication: the first
 * input line is the X-Amz-Target, the rest the body, parsed as server.c
 * parses it (json-c, depth 64, an object) and given to the routed operation
 * with the demo jobs and a persistent Application Auto Scaling state.
 * Every answer must have a status and a JSON object body; errors carry a
 * type. */
#include "config.h"

#include <string.h>

#include "sim/fixtures.h"
#include "sim/ops.h"
#include "sim/reply.h"
#include "fuzz.h"

static struct sim_fixtures *fx;
static struct sim_aas *aas;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *err = NULL;

	fx = sim_fixtures_demo(&err);
	FUZZ_CHECK(fx != NULL);
	aas = sim_aas_new();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	const char *nl = memchr(p, '\n', size);
	char *target = fuzz_cstr(data, nl ? (size_t)(nl - p) : size);
	const char *body = nl ? nl + 1 : end;
	size_t blen = (size_t)(end - body);
	const struct sim_op *op = sim_route(target);

	sim_route_service(target);
	if (op) {
		struct json_tokener *tok = json_tokener_new_ex(64);
		json_object *req = json_tokener_parse_ex(tok, body, (int)blen);
		if (json_tokener_get_error(tok) == json_tokener_success &&
		    json_object_is_type(req, json_type_object)) {
			struct sim_reply rep = { 0 };
			struct sim_ctx ctx = { fx, aas, "us-east-1", 1795737600.0 };

			op->fn(&ctx, req, &rep);
			FUZZ_CHECK(rep.status >= 200 && rep.status < 600);
			FUZZ_CHECK(rep.body != NULL);
			json_object *o = json_tokener_parse(rep.body);
			FUZZ_CHECK(o && json_object_is_type(o, json_type_object));
			json_object_put(o);
			if (rep.status != 200)
				FUZZ_CHECK(rep.error_type != NULL);
			sim_reply_free(&rep);
		}
		json_object_put(req);
		json_tokener_free(tok);
	}
	free(target);
	return 0;
}
