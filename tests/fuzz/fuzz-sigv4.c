/* Fuzzes SigV4 canonicalisation through sigv4_sign.  Input lines: method,
 * path, query ("-" for none), region, service, X-Amz-Date, then "name:value"
 * header lines up to an empty line; the rest is the body.  Invariants: a
 * signature is 64 lowercase hex digits, signing is deterministic with and
 * without the key cache, and our own Authorization header parses back. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "aws/sigv4.h"
#include "util/xalloc.h"
#include "fuzz.h"

#define MAX_HEADERS 64

static bool simple_token(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

/* Next line of *p (NUL-terminated in place), or NULL at the end. */
static char *next_line(char **p, char *end)
{
	if (*p >= end)
		return NULL;
	char *s = *p, *nl = memchr(s, '\n', (size_t)(end - s));
	if (nl) {
		*nl = '\0';
		*p = nl + 1;
	} else {
		*p = end;
	}
	return s;
}

static void check_result(const struct sigv4_result *r, const char *region, const char *service,
			 bool roundtrip)
{
	FUZZ_CHECK(strlen(r->signature) == 64);
	for (int i = 0; i < 64; i++)
		FUZZ_CHECK(strchr("0123456789abcdef", r->signature[i]) != NULL);
	FUZZ_CHECK(r->canonical_request && r->string_to_sign && r->authorization);
	if (!roundtrip)
		return;
	struct sigv4_authz a;
	FUZZ_CHECK(sigv4_parse_authorization(r->authorization, &a) == 0);
	FUZZ_CHECK(strcmp(a.access_key_id, "AKIDEXAMPLE") == 0);
	FUZZ_CHECK(strcmp(a.region, region) == 0);
	FUZZ_CHECK(strcmp(a.service, service) == 0);
	FUZZ_CHECK(strcmp(a.signature, r->signature) == 0);
	sigv4_authz_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_cstr(data, size), *p = buf, *end = buf + size;
	char *f[6];
	struct sigv4_header h[MAX_HEADERS];
	size_t nh = 0;
	bool names_simple = true;

	for (int i = 0; i < 6; i++)
		if (!(f[i] = next_line(&p, end)))
			f[i] = "";
	char *line;
	while (nh < MAX_HEADERS && (line = next_line(&p, end)) && *line) {
		char *colon = strchr(line, ':');
		if (colon)
			*colon = '\0';
		h[nh].name = line;
		h[nh].value = colon ? colon + 1 : "";
		if (!simple_token(line))
			names_simple = false;
		nh++;
	}
	struct sigv4_request req = {
		.method = f[0],
		.path = f[1],
		.query = strcmp(f[2], "-") ? f[2] : NULL,
		.headers = h,
		.nheaders = nh,
		.body = p,
		.body_len = (size_t)(end - p),
	};
	struct sigv4_credentials creds = {
		.access_key_id = "AKIDEXAMPLE",
		.secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
	};
	struct sigv4_result r1 = { 0 }, r2 = { 0 };
	bool roundtrip = nh > 0 && names_simple && simple_token(f[3]) && simple_token(f[4]);

	sigv4_cache_set_enabled(1);
	int rc1 = sigv4_sign(&req, &creds, f[3], f[4], f[5], &r1);
	sigv4_cache_set_enabled(0);
	int rc2 = sigv4_sign(&req, &creds, f[3], f[4], f[5], &r2);
	sigv4_cache_set_enabled(1);
	FUZZ_CHECK(rc1 == rc2);
	if (rc1 == 0) {
		check_result(&r1, f[3], f[4], roundtrip);
		FUZZ_CHECK(strcmp(r1.signature, r2.signature) == 0);
		FUZZ_CHECK(strcmp(r1.canonical_request, r2.canonical_request) == 0);
		sigv4_result_free(&r1);
		sigv4_result_free(&r2);
	}
	free(buf);
	return 0;
}
